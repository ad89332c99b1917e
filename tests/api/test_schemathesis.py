"""Property-based run of the whole OpenAPI schema (schemathesis 4) against the WSGI app,
authenticated with a personal token as a runner with a history.

One check is left out: `positive_data_acceptance` expects every schema-valid request to
succeed, but some rules cannot be said in OpenAPI (a race date not in the past, a timezone
Legwork knows, a finish after the start, a set of another runner's session): those are refused
with a documented 400 or 404, which is right.

For every operation it sends schema-valid requests (positive), schema-breaking ones (negative),
and, where the path takes an id, valid requests aimed at the runner's own objects. Every
response must pass schemathesis' checks: no server error, a documented status code and content
type, a body matching the schema, invalid input rejected. The figures (operations, examples,
failures) are printed and written to artifacts/schemathesis.txt."""

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

from apps.api.services import token_create
from config.wsgi import application
from tests.api.history import make_history
from tests.factories import UserFactory

EXAMPLES_PER_MODE = 20
REPORT = Path(__file__).resolve().parents[2] / "artifacts" / "schemathesis.txt"


@pytest.fixture
def one_connection():
    """Keeps the test's database connection open across the app's requests, as Django's test
    client does: schemathesis calls the WSGI app directly, whose request signals would close
    the connection (and with it the test's transaction) on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def runner_with_history(routine):
    runner = UserFactory()
    make_history(runner, sessions=6)
    return runner


def test_the_api_honours_its_own_schema(
    runner_with_history, settings_override_rates, one_connection
):
    _token, secret = token_create(user=runner_with_history, name="schemathesis")
    # schemathesis' WSGI transport asks for gzip but does not decode it; the site compresses
    # for clients that ask (GZipMiddleware, docs/production.md), so this one asks for none.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    own_ids = _own_ids(runner_with_history)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations, examples, failures, statuses = 0, 0, [], Counter()

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        passes = [(GenerationMode.POSITIVE, None), (GenerationMode.NEGATIVE, None)]
        real = _real_path_parameters(operation, own_ids)
        if real:
            passes.append((GenerationMode.POSITIVE, real))
        for mode, path_parameters in passes:
            codes, failure = _run(operation, mode, path_parameters, headers)
            examples += len(codes)
            statuses.update(codes)
            if failure:
                failures.append(failure)

    summary = (
        f"schemathesis: {operations} operations, {examples} examples, {len(failures)} failures"
        f"; responses by status: {dict(sorted(statuses.items()))}"
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n\n".join([summary, *failures]) + "\n")
    print(summary)
    assert failures == [], "\n\n".join(failures[:5])
    assert operations >= 4


def _run(operation, mode, path_parameters, headers) -> tuple[list[int], str | None]:
    """Runs one pass over one operation; returns the status code of each example that passed
    and the (shrunk) first failure, if any."""
    seen: list = []
    failures: list[str] = []

    @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
    @settings(
        max_examples=EXAMPLES_PER_MODE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call_and_validate(
            headers=headers, excluded_checks=[positive_data_acceptance]
        )
        seen.append(response.status_code)

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (e.g. GET /routine/ takes no input).
        pass
    except (AssertionError, FailureGroup) as error:
        failures.append(f"{operation.label} [{mode}]: {error}")
    return seen, (failures[0] if failures else None)


def _own_ids(user) -> dict[str, object]:
    from apps.training.models import SetEntry, TrainingSession

    session = TrainingSession.objects.filter(user=user).order_by("id").first()
    entry = SetEntry.objects.filter(session__user=user).order_by("id").first()
    return {"/api/v1/sessions/": session.pk, "/api/v1/sets/": entry.pk, "slug": "squat"}


def _real_path_parameters(operation, own_ids) -> dict | None:
    """Path parameters naming one of the runner's own objects, so valid requests reach them."""
    names = {parameter.name for parameter in operation.path_parameters}
    if "slug" in names:
        return {"slug": own_ids["slug"]}
    if "id" in names:
        for prefix, pk in own_ids.items():
            if operation.path.startswith(prefix):
                return {"id": pk}
    return None
