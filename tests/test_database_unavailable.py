"""When the database cannot do the work now (down, locked past the busy timeout, its disk full:
all OperationalError), pages and the API answer 503 with Retry-After, nothing half-saved; other
unhandled errors in the API are JSON 500s in its error shape, never the site's HTML page."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.training.models import TrainingSession

# Without the test's own transaction: a failed statement would poison it, and the checks that
# nothing was saved could not run.
pytestmark = pytest.mark.django_db(transaction=True)


WRITES = ("INSERT", "UPDATE", "DELETE")


def _failing(error: Exception, statements: tuple[str, ...] = ()):
    """A database that raises `error` for the statements starting with `statements` (every
    statement when none are given), as SQLite does past its busy timeout or PostgreSQL when down."""

    def execute(run, sql, params, many, context):
        if not statements or sql.lstrip().upper().startswith(statements):
            raise error
        return run(sql, params, many, context)

    return connection.execute_wrapper(execute)


@pytest.fixture
def site(runner) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(runner)
    return client


@pytest.fixture
def api(runner) -> APIClient:
    _token, secret = token_create(user=runner, name="script")
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_page_whose_write_waits_past_the_lock_answers_503_asking_to_try_again(
    site, routine, runner
):
    with _failing(OperationalError("database is locked"), WRITES):
        response = site.post(reverse("training:start"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Legwork is busy right now" in response.text
    assert "Wait a few seconds and try again" in response.text
    assert not TrainingSession.objects.filter(user=runner).exists()


def test_an_api_write_that_waits_past_the_lock_answers_json_503(api, runner):
    with _failing(OperationalError("database is locked"), WRITES):
        response = api.patch("/api/v1/me/", {"weekly_goal": 3}, format="json")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The database is busy or unavailable. Nothing was saved; try again shortly.",
        "code": "unavailable",
        "errors": {},
    }
    runner.refresh_from_db()
    assert runner.weekly_goal == 2


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
def test_a_database_that_does_not_answer_is_503_on_pages_and_in_the_api(site, api, error):
    with _failing(error):
        page = site.get(reverse("home"))
        answer = api.get("/api/v1/me/")

    assert (page.status_code, answer.status_code) == (503, 503)
    assert page["Retry-After"] == answer["Retry-After"] == "5"
    assert "Legwork is busy right now" in page.text
    assert answer.json()["code"] == "unavailable"


def test_the_players_fetch_gets_json_it_can_retry(site, routine):
    with _failing(OperationalError("database or disk is full"), WRITES):
        response = site.post(reverse("training:start"), headers={"Accept": "application/json"})

    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"


def test_any_other_server_error_in_the_api_is_json_in_its_error_shape(api):
    with _failing(RuntimeError("a bug")):
        response = api.get("/api/v1/me/")

    assert response.status_code == 500
    assert response.json() == {"detail": "Server error.", "code": "server_error", "errors": {}}
    assert not response.has_header("Retry-After")


def test_any_other_server_error_on_a_page_is_the_sites_500_page(site):
    with _failing(RuntimeError("a bug")):
        response = site.get(reverse("home"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
