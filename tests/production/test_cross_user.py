"""Nobody sees or changes anyone else's data, and no input brings the site down.

Every route is discovered (tests/production/routes.py: the URL resolver and the OpenAPI
schema), so a new page or endpoint is walked without editing this file. For each one:

- signed in as runner B with runner A's object ids, every method answers 403, 404 or 405,
  never shows A's data, and leaves every row of A's exactly as it was;
- anonymous, every private page redirects to the login page (the API answers 401/403, the
  admin redirects to its own login);
- a POST without a CSRF token is refused with 403;
- as the owner, oversized, unicode-trick, malformed and wrong-type input never gives a 5xx.

A route whose parameter the walker cannot fill, or whose ids A cannot open either, fails with
a message saying so: the walk must never pass by testing nothing.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from apps.api.models import ApiToken
from apps.api.services import token_create
from apps.exercises.models import Exercise, Routine, RoutineSlot
from apps.exercises.selectors import routine_with_slots
from apps.portability.models import ExerciseMapping, PendingImport
from apps.reminders.models import Nudge
from apps.reminders.services import reminders_update, unsubscribe_token
from apps.training.models import AppliedChange, SetEntry, SlotChoice, TrainingSession
from tests.factories import ExerciseFactory, SetEntryFactory, TrainingSessionFactory, UserFactory
from tests.production.routes import Operation, Route, api_operations, site_routes

SECRET = "zq7-private-of-runner-a"
# A's one logged load: a value, where SECRET marks A's names and notes.
SECRET_LOAD = Decimal("417.375")
UNSAFE = ("post", "put", "patch", "delete")
REFUSED = {403, 404, 405}

# Pages anyone may open. Everything else must send an anonymous visitor to the login page.
PUBLIC_ROUTES = {
    "home",  # the landing page when signed out
    "exercises:routine",
    "exercises:detail",
    "healthz",
    # The installable app's manifest and service worker, and the page it shows offline.
    "manifest",
    "service_worker",
    "offline",
    "api-schema",
    "api-docs",
    # The API's routine and exercises: the article's content, open to anyone.
    "v1:routine",
    "v1:exercise-list",
    "v1:exercise-detail",
    "account_login",
    "account_logout",
    "account_signup",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_confirm_login_code",
    # The calendar feed and the one-click unsubscribe: the secret or signed token in the URL is
    # the key, as calendar apps and mail clients have no session.
    "reminders:feed",
    "reminders:unsubscribe",
}

# RFC 8058: mail clients POST the one-click unsubscribe with no CSRF token; the signed token in
# the URL authorises it (test_the_one_click_unsubscribe_needs_a_valid_signed_token).
CSRF_EXEMPT_ROUTES = {"reminders:unsubscribe"}

# The admin's own sign-in and sign-out pages: shown to anyone, they open nothing.
ADMIN_SIGN_IN = {"admin:login", "admin:logout"}

ROUTES = site_routes()
OPERATIONS = api_operations()


@dataclass
class Owned:
    """Runner A and one of each thing a runner owns, all marked with SECRET."""

    user: object
    draft: TrainingSession
    finished: TrainingSession
    entry: SetEntry
    custom_exercise: Exercise
    pending_import: PendingImport
    slot: RoutineSlot
    token: ApiToken

    def candidates(self, parameter: str, *, public: bool = False) -> list:
        """A's values for a URL parameter; a parameter nobody taught the walker fails. For a
        public page, a public value instead (a routine move rather than A's own)."""
        if public and parameter == "slug":
            return ["squat"]
        ids = [
            self.draft.pk,
            self.finished.pk,
            self.entry.pk,
            self.pending_import.pk,
            self.custom_exercise.pk,
            self.token.pk,
        ]
        table = {
            "pk": ids,
            "id": ids,
            "object_id": ids,
            "set_pk": [self.entry.pk],
            "exercise_id": [self.entry.exercise_id, self.custom_exercise.pk],
            "slot_id": [self.slot.pk],
            "number": [self.entry.set_number],
            "slug": [self.custom_exercise.slug],
            "app_label": ["accounts"],
            "content_type_id": [ContentType.objects.get_for_model(TrainingSession).pk],
            # Keys of allauth's emailed links: not ids of A's, any well-formed value will do.
            "key": ["0123456789abcdef0123456789abcdef"],
            "uidb36": ["1z"],
            # A feed secret or a signed unsubscribe token: none of A's, so nobody's.
            "token": ["not-a-feed-secret-nor-a-signature"],
            # DRF's format suffixes (/api/v1/exercises.json).
            "format": ["json"],
        }
        if parameter not in table:
            pytest.fail(f"the walker cannot fill URL parameter {parameter!r}: teach candidates()")
        return table[parameter]

    def urls(self, route: Route | Operation, *, public: bool = False) -> list[str]:
        """Every URL of route built from A's values, varying the first parameter."""
        if not route.parameters:
            return [route.url({})]
        first, *rest = route.parameters
        fixed = {name: self.candidates(name, public=public)[0] for name in rest}
        return [
            route.url({**fixed, first: value}) for value in self.candidates(first, public=public)
        ]


@pytest.fixture(scope="module")
def _walk_data(django_db_setup, django_db_blocker):
    """Runners A and B and A's things, made once for the whole walk (hundreds of tests) and
    removed after it; each test still runs in its own transaction, rolled back at its end."""
    with django_db_blocker.unblock():
        routine_was_loaded = Routine.objects.exists()
        call_command("load_routine", verbosity=0)
        routine = routine_with_slots()
        owned = _make_owned(
            routine, UserFactory(email=f"{SECRET}@example.com", name=f"Annabel {SECRET}"), SECRET
        )
        runner_b = UserFactory(email="runner-b@example.com", name="Bob")
        # B has one of everything too, so B's own pages can be sent A's ids.
        owned_by_b = _make_owned(routine, runner_b, "bobs-own", first_id=700_000)
    try:
        yield owned, runner_b, owned_by_b
    finally:
        with django_db_blocker.unblock():
            get_user_model().objects.filter(pk__in=[owned.user.pk, runner_b.pk]).delete()
            if not routine_was_loaded:
                Routine.objects.all().delete()
                Exercise.objects.all().delete()


@pytest.fixture
def owned(_walk_data, db) -> Owned:
    return _walk_data[0]


@pytest.fixture
def owned_by_b(_walk_data, db) -> Owned:
    return _walk_data[2]


@pytest.fixture
def as_b(_walk_data, db) -> Client:
    client = Client()
    client.force_login(_walk_data[1])
    return client


@pytest.fixture
def as_a(owned) -> Client:
    client = Client()
    client.force_login(owned.user)
    return client


def _make_owned(routine: Routine, user, marker: str, *, first_id: int | None = None) -> Owned:
    """One of each thing a runner owns, every name and note holding marker; A's one set holds
    SECRET_LOAD, a value no page of B's can show by chance. B's things take ids from first_id
    on, so none of them has an id of A's (the walk sends B A's ids and expects refusals)."""
    ids = iter(range(first_id, first_id + 10)) if first_id else iter(lambda: None, 0)
    slot = next(slot for slot in routine.slots.all() if len(slot.options.all()) > 1)
    move = Exercise.objects.get(owner__isnull=True, slug="squat")
    finished = TrainingSessionFactory(
        id=next(ids), user=user, notes=f"finished {marker}", routine=routine
    )
    load = SECRET_LOAD if marker == SECRET else Decimal(20)
    entry = SetEntryFactory(
        id=next(ids), session=finished, exercise=move, set_number=1, reps=5, load_kg=load
    )
    draft = TrainingSessionFactory(
        id=next(ids), user=user, finished_at=None, notes=f"draft {marker}", routine=routine
    )
    SetEntryFactory(id=next(ids), session=draft, exercise=move, set_number=1, reps=5)
    custom = ExerciseFactory(id=next(ids), owner=user, slug=f"move-{marker}", name=f"Move {marker}")
    pending = PendingImport.objects.create(
        id=next(ids), user=user, filename=f"{marker}.csv", content=b"Date,Exercise\n", summary={}
    )
    SlotChoice.objects.create(user=user, slot=slot, exercise=slot.options.all()[1].exercise)
    ExerciseMapping.objects.create(
        user=user, source="strong", source_name=f"squat {marker}", choice="routine", exercise=move
    )
    token, _secret = token_create(user=user, name=f"watch {marker}"[:60])
    token_id = next(ids)
    if token_id is not None:
        ApiToken.objects.filter(pk=token.pk).update(id=token_id)
        token = ApiToken.objects.get(pk=token_id)
    AppliedChange.objects.create(
        user=user, key=f"key-{marker}", status=200, response={"notes": marker}
    )
    reminders_update(user=user, feed_enabled=True, nudge_enabled=True)
    Nudge.objects.create(user=user, week_start=finished.started_at.date())
    owned = Owned(user, draft, finished, entry, custom, pending, slot, token)
    _assert_every_owned_model_has_a_row(user)
    return owned


# Cross-user ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.takes_ids and not r.is_admin and r.name not in PUBLIC_ROUTES],
    ids=str,
)
def test_runner_b_cannot_reach_runner_as_objects(route, owned, as_a, as_b):
    urls = _urls_a_can_open(as_a, owned, route)
    before = snapshot(owned.user)

    for url, a_status in urls:
        for method in ("get", *UNSAFE):
            response = _send(as_b, method, url, _stray_body(owned))
            where = f"{method.upper()} {url}"
            assert response.status_code in REFUSED, f"{where}: {response.status_code}"
            _assert_no_secret(response, where)
            if a_status.get(method, 405) != 405:
                assert response.status_code != 405, f"{where} answered 405 to B, not to A"

    assert snapshot(owned.user) == before


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.takes_ids], ids=str)
def test_runner_b_sees_and_changes_nothing_of_runner_a_on_a_page_without_ids(route, owned, as_b):
    before = snapshot(owned.user)
    url = owned.urls(route)[0]

    for method in ("get", *UNSAFE):
        response = _send(as_b, method, url, _stray_body(owned))
        assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
        _assert_no_secret(response, f"{method.upper()} {url}")

    assert snapshot(owned.user) == before


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_runner_b_cannot_use_runner_as_ids_in_the_api(operation, owned, as_a, as_b):
    before = snapshot(owned.user)
    urls = owned.urls(operation)

    for url in urls:
        response = _api(as_b, operation.method, url, _api_body(operation, owned))
        _assert_no_secret(response, str(operation))
        if operation.parameters:
            assert response.status_code in REFUSED | {400}, f"{operation} {url}"
            assert response.status_code != 200
        else:
            assert response.status_code < 500, f"{operation} {url}: {response.status_code}"

    assert snapshot(owned.user) == before


# A's ids inside B's own requests: what the answer to a stranger's id must look like -----------

MISSING_ID = 999_999_999
MISSING_SLUG = "no-such-move"
B_PAGES = [r for r in ROUTES if not r.is_admin and not r.is_api and r.name not in PUBLIC_ROUTES]


@pytest.mark.parametrize("route", B_PAGES, ids=str)
def test_runner_as_ids_sent_to_runner_bs_own_pages_read_as_ids_that_do_not_exist(
    route, owned, owned_by_b, as_b
):
    """B's own session, set, token, import..., with A's ids in the form or query (a slot
    choice naming A's own move, a session id, a set id): the answer, down the redirects it
    leads to (where a flash message shows), must be the one an id no row has gets, and name
    nothing of A's."""
    if route.takes_ids:
        urls = [url for url, _statuses in _urls_a_can_open(as_b, owned_by_b, route)]
    else:
        urls = [owned_by_b.urls(route)[0]]
    before = snapshot(owned.user)

    for url in urls:
        for method in ("get", "post"):
            for accept in ("text/html", "application/json"):
                where = f"{method.upper()} {url} ({accept})"
                theirs = _as_b_rolled_back(as_b, method, url, _ids_body(owned), accept)
                missing = _as_b_rolled_back(as_b, method, url, _ids_body(None), accept)
                assert theirs.status_code == missing.status_code, where
                assert _without_ids(theirs.redirect_chain, owned) == _without_ids(
                    missing.redirect_chain, None
                ), where
                if theirs.status_code >= 400 and "json" in theirs.get("Content-Type", ""):
                    assert _without_ids(theirs.json(), owned) == _without_ids(
                        missing.json(), None
                    ), where
                _assert_nothing_of_a_but_what_b_sent(theirs, owned, where)

    assert snapshot(owned.user) == before


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_runner_as_ids_sent_to_runner_bs_own_api_calls_read_as_ids_that_do_not_exist(
    operation, owned, owned_by_b, as_b
):
    url = _own_api_url(as_b, owned_by_b, operation)
    before = snapshot(owned.user)

    if operation.method == "get":
        query = {name: _api_id_for(name, owned) for name in operation.query_parameters}
        nowhere = {name: _api_id_for(name, None) for name in operation.query_parameters}
        theirs = as_b.get(url, query, headers={"Accept": "application/json"})
        missing = as_b.get(url, nowhere, headers={"Accept": "application/json"})
    else:
        with transaction.atomic():
            theirs = _api(as_b, operation.method, url, _api_ids_body(operation, owned))
            transaction.set_rollback(True)
        with transaction.atomic():
            missing = _api(as_b, operation.method, url, _api_ids_body(operation, None))
            transaction.set_rollback(True)

    assert theirs.status_code == missing.status_code, str(operation)
    if theirs.status_code >= 400:
        assert _without_ids(theirs.json(), owned) == _without_ids(missing.json(), None)
    _assert_nothing_of_a_but_what_b_sent(theirs, owned, str(operation))
    assert snapshot(owned.user) == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.is_admin], ids=str)
def test_a_runner_who_is_not_staff_is_sent_to_the_admin_login(route, owned, as_b):
    before = snapshot(owned.user)

    for url in owned.urls(route)[:2]:
        for method in ("get", "post"):
            response = getattr(as_b, method)(url)
            if route.name in ADMIN_SIGN_IN:
                assert response.status_code < 500
                continue
            assert response.status_code in {302, 403, 404}, f"{method.upper()} {url}"
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/")
            _assert_no_secret(response, url)

    assert snapshot(owned.user) == before


# What caches may keep -------------------------------------------------------------------------


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.is_api], ids=str)
def test_no_cache_may_keep_an_answer_to_a_signed_in_runner(route, owned, as_a):
    """Every page, public ones included (they show the runner's name in the header), and every
    method; only the app manifest, the same for everyone, may be kept (docs/production.md)."""
    if route.takes_ids and route.name not in PUBLIC_ROUTES and not route.is_admin:
        urls = [url for url, _statuses in _urls_a_can_open(as_a, owned, route)]
    else:
        urls = owned.urls(route, public=True)[:1]
    for url in urls:
        for method in ("get", "post"):
            response = _rolled_back(getattr(as_a, method), url)
            where = f"{method.upper()} {url}"
            if route.name == "manifest" and method == "get":
                assert "max-age" in response["Cache-Control"], where
                continue
            _assert_kept_by_no_cache(response, where)


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_no_cache_may_keep_an_api_answer_to_a_token(operation, owned):
    client = Client(headers={"Authorization": f"Bearer {_secret_of(owned)}"})
    url = _own_api_url(client, owned, operation)

    with transaction.atomic():
        response = _api(client, operation.method, url, _api_body(operation, owned))
        transaction.set_rollback(True)

    _assert_kept_by_no_cache(response, str(operation))


def test_an_anonymous_visitors_public_page_is_left_to_caches(client, routine):
    response = client.get("/routine/")

    assert "no-store" not in response.get("Cache-Control", "")


# Anonymous visitors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name not in PUBLIC_ROUTES | ADMIN_SIGN_IN], ids=str
)
def test_an_anonymous_visitor_is_sent_to_sign_in(route, owned, client):
    before = snapshot(owned.user)

    for url in owned.urls(route)[:2]:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            where = f"{method.upper()} {url}"
            if route.is_api:
                assert response.status_code in {401, 403, 405}, where
            elif response.status_code == 405:
                continue  # the method is refused before anything else
            elif route.is_admin:
                assert response.status_code == 302, where
                assert response["Location"].startswith("/admin/login/"), where
            else:
                assert response.status_code == 302, f"{where}: {response.status_code}"
                assert response["Location"].startswith("/accounts/login/"), where
            _assert_no_secret(response, where)

    assert snapshot(owned.user) == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in PUBLIC_ROUTES], ids=str)
def test_a_public_page_holds_no_runners_data(route, owned, client, as_b):
    """Public pages, opened anonymously and by B, with A's ids where they take any (A's own
    move is not a routine page, so it is a 404 for everyone else)."""
    for url in owned.urls(route):
        for visitor in (client, as_b):
            response = visitor.get(url)
            assert response.status_code < 500
            _assert_no_secret(response, url)


# CSRF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in CSRF_EXEMPT_ROUTES], ids=str)
def test_a_post_without_a_csrf_token_is_refused(route, owned):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owned.user)
    before = snapshot(owned.user)

    url = owned.urls(route)[0]
    response = client.post(url, {"notes": "forged"})

    assert response.status_code == 403, f"POST {url}: {response.status_code}"
    assert snapshot(owned.user) == before


def test_the_one_click_unsubscribe_needs_a_valid_signed_token(owned):
    client = Client(enforce_csrf_checks=True)
    before = snapshot(owned.user)
    forged = unsubscribe_token(owned.user)[:-2] + "xx"

    for token in (forged, "not-a-feed-secret-nor-a-signature", f"{owned.user.pk}"):
        response = client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))
        assert response.status_code == 404, token

    assert snapshot(owned.user) == before


# Bad input -------------------------------------------------------------------------------------

MEGABYTE = "x" * 1_000_000
TEXT_KINDS = {"textarea", "text", "email", "password", "search", "url", "tel"}
NASTY_VALUES = [
    "",
    "nul\x00inside",
    "\u202egnp.exe e\u0301\u0301\u200b\u200d\ufeff",  # RTL override, combining, zero-width
    "٣",  # an Arabic-Indic digit
    "１２",  # full-width digits
    "😀" * 50,
    "-1",
    "1e309",
    "NaN",
    "9" * 400,
    "<script>alert(1)</script>'; DROP TABLE training_setentry; --",
]


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.is_admin and not r.is_api], ids=str)
def test_bad_form_input_never_breaks_a_page(route, owned, as_a):
    if route.takes_ids and route.name not in PUBLIC_ROUTES:
        url = _urls_a_can_open(as_a, owned, route)[0][0]
    else:
        url = owned.urls(route, public=True)[0]
    fields = _form_fields(as_a, owned, url)
    names = [name for name, _kind in fields]
    query = "&".join(f"{name}=%00%E2%80%AE{'9' * 300}" for name in [*names, "page", "q"])
    assert as_a.get(f"{url}?{query}").status_code < 500, f"GET {url}?{query[:80]}"
    if _rolled_back(as_a.post, url, {}).status_code == 405:
        for value in NASTY_VALUES:
            response = as_a.get(url, dict.fromkeys(names, value))
            assert response.status_code < 500, f"GET {url} {value!r}: {response.status_code}"
        return
    bodies = [dict.fromkeys(names, value) for value in NASTY_VALUES]
    # A megabyte in each free-text box (and the first number box, as a wrong type).
    texts = [name for name, kind in fields if kind in TEXT_KINDS]
    numbers = [name for name, kind in fields if kind == "number"][:1]
    bodies += [{name: MEGABYTE} for name in texts + numbers]
    bodies += [{name: ["1", "2", "3"] for name in names}]
    for body in bodies:
        response = _rolled_back(as_a.post, url, body)
        assert response.status_code < 500, f"POST {url} {_short(body)}: {response.status_code}"
    for raw in (b"%ED%A0%80=%ED%A0%80", b"a=%", b"=" * 1000, b"\xff\xfe" * 10):
        response = _rolled_back(as_a.generic, "POST", url, raw, content_type=_FORM)
        assert response.status_code < 500, f"POST {url} {raw[:20]!r}: {response.status_code}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_bad_api_input_is_a_400_with_a_json_body_never_a_500(operation, owned, as_a):
    url = _own_api_url(as_a, owned, operation)
    wrong_types = [MEGABYTE, "\x00", "\u202e", 10**40, -(10**40), 1.5, True, None, [], {"a": 1}]
    bodies = [{name: value} for name in operation.body_fields for value in wrong_types]
    bodies += [{}, [], "just a string", None]

    for body in bodies:
        with transaction.atomic():
            response = _api(as_a, operation.method, url, body)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{operation} {_short(body)}: {response.status_code}"
        if response.status_code == 400:
            assert isinstance(json.loads(response.content), dict | list)
    for name in [*operation.query_parameters, "page", "format"]:
        for value in NASTY_VALUES:
            response = as_a.get(url, {name: value}, headers={"Accept": "application/json"})
            assert response.status_code < 500, f"{operation} ?{name}={value!r}"
    for raw in (b"{", b'{"a": }', b"\xff\xfe", b"[" * 5000):
        with transaction.atomic():
            response = as_a.generic(
                operation.method.upper(), url, raw, content_type="application/json"
            )
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{operation} {raw[:20]!r}: {response.status_code}"


def test_the_walk_covers_the_whole_site():
    """The discovery itself: the pages, the API and the admin are all in the walk."""
    patterns = {route.pattern for route in ROUTES}
    assert {"train/<int:pk>/", "history/<int:pk>/", "settings/", "healthz"} <= patterns
    assert any(route.is_admin for route in ROUTES)
    assert any(route.is_api for route in ROUTES)
    print(f"\nwalked {len(ROUTES)} URL patterns and {len(OPERATIONS)} API operations")


# Helpers ---------------------------------------------------------------------------------------

_FORM = "application/x-www-form-urlencoded"


def snapshot(user) -> dict[str, list]:
    """Every row of every model of ours that belongs to user, directly or through a session."""
    rows = {}
    for model in apps.get_models():
        if not model.__module__.startswith("apps."):
            continue
        path = _owner_path(model)
        if path is None:
            continue
        values = model.objects.filter(**{path: user.pk}).order_by("pk").values()
        rows[model._meta.label] = [
            {key: value for key, value in row.items() if key != "last_login"} for row in values
        ]
    return rows


def _owner_path(model) -> str | None:
    if model._meta.label == settings.AUTH_USER_MODEL:
        return "pk"
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if not (field.many_to_one or (field.one_to_one and field.concrete)) or target is None:
            continue
        if target._meta.label == settings.AUTH_USER_MODEL:
            return field.name
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if field.many_to_one and target is not None and target is not model:
            for inner in target._meta.get_fields():
                inner_target = getattr(inner, "related_model", None)
                if (
                    inner.many_to_one
                    and inner_target is not None
                    and (inner_target._meta.label == settings.AUTH_USER_MODEL)
                ):
                    return f"{field.name}__{inner.name}"
    return None


def _assert_every_owned_model_has_a_row(user) -> None:
    """Each model with a direct link to its runner must have a row of A's in the walk."""
    direct = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("apps.") and "__" not in (_owner_path(model) or "__")
    }
    empty = [label for label, rows in snapshot(user).items() if not rows and label in direct]
    assert not empty, f"the walker owns nothing of {empty}: add one to the owned fixture"


def _urls_a_can_open(as_a: Client, owned: Owned, route: Route) -> list[tuple[str, dict]]:
    """A's URLs for route that A can open (GET, or POST rolled back), with A's statuses."""
    found = []
    for url in owned.urls(route):
        statuses = {"get": as_a.get(url).status_code}
        if statuses["get"] == 405:
            with transaction.atomic():
                statuses["post"] = as_a.post(url, {}).status_code
                transaction.set_rollback(True)
        if any(status not in {404, 405} for status in statuses.values()):
            found.append((url, statuses))
    assert found, f"runner A cannot open {route} with any of A's ids: teach candidates()"
    return found


def _own_api_url(as_a: Client, owned: Owned, operation: Operation) -> str:
    for url in owned.urls(operation):
        if as_a.get(url).status_code != 404:
            return url
    return owned.urls(operation)[0]


def _send(client: Client, method: str, url: str, body: str):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data=body, content_type=_FORM)


def _api(client: Client, method: str, url: str, body) -> object:
    if method == "get":
        return client.get(url, headers={"Accept": "application/json"})
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def _api_body(operation: Operation, owned: Owned) -> dict:
    return dict.fromkeys(operation.body_fields, owned.finished.pk)


def _stray_body(owned: Owned) -> str:
    """A's ids in the fields a careless view might trust."""
    ids = {"pk": owned.finished.pk, "id": owned.finished.pk, "session": owned.finished.pk}
    ids.update({"exercise": owned.custom_exercise.pk, "user": owned.user.pk, "done": "true"})
    return "&".join(f"{name}={value}" for name, value in ids.items())


def _id_for(name: str, owned: Owned | None) -> object:
    """A's object for a field or query parameter of that name; with owned None, one no row
    is (a move by slug where the name takes a slug)."""
    if name in {"move", "slug", "exercise_slug"}:
        return owned.custom_exercise.slug if owned else MISSING_SLUG
    if owned is None:
        return MISSING_ID
    return {
        "session": owned.draft.pk,
        "exercise": owned.custom_exercise.pk,
        "set": owned.entry.pk,
        "set_pk": owned.entry.pk,
        "user": owned.user.pk,
        "token": owned.token.pk,
        "import": owned.pending_import.pk,
    }.get(name, owned.finished.pk)


def _ids_body(owned: Owned | None) -> dict:
    """The fields a page resolves to objects, A's (or no row's): its own ids, a slot choice, a
    move by slug, and the log-a-past-session page's choice of another option."""
    names = ["pk", "id", "session", "set", "exercise", "user", "token", "import", "move"]
    body = {name: _id_for(name, owned) for name in names}
    slot = owned.slot.pk if owned else MISSING_ID
    body[f"slot-{slot}"] = _id_for("exercise", owned)
    return body


def _api_ids_body(operation: Operation, owned: Owned | None) -> dict:
    """A's ids in the fields that name objects; the same plain value in every other field, so
    the two calls differ only by whose ids they carry."""
    return {name: _api_id_for(name, owned) for name in operation.body_fields}


def _api_id_for(name: str, owned: Owned | None) -> object:
    if name == "exercise":
        return owned.custom_exercise.slug if owned else MISSING_SLUG
    if name == "session":
        return owned.draft.pk if owned else MISSING_ID
    if name == "sets":
        exercise = _api_id_for("exercise", owned)
        return [{"exercise": exercise, "set_number": 1, "reps": 5, "done": True}]
    return 1


def _as_b_rolled_back(client: Client, method: str, url: str, body: dict, accept: str):
    """B's request, B signed in afresh (a sign-out page must not sign out the next request),
    followed down its redirects, its writes undone."""
    client.force_login(get_user_model().objects.get(email="runner-b@example.com"))
    headers = {"Accept": accept}
    with transaction.atomic():
        if method == "get":
            response = client.get(url, body, follow=True, headers=headers)
        else:
            response = client.post(url, body, follow=True, headers=headers)
        transaction.set_rollback(True)
    return response


def _assert_nothing_of_a_but_what_b_sent(response, owned: Owned, where: str) -> None:
    """No name, note or value of A's, once the slug B sent (an error may quote it, as it
    quotes a slug no move has) is taken out."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content = content.replace(owned.custom_exercise.slug.encode(), b"<slug>")
    assert SECRET.encode() not in content, f"{where} showed runner A's data"
    assert str(SECRET_LOAD).encode() not in content, f"{where} showed runner A's load"


def _without_ids(answer, owned: Owned | None):
    """answer (JSON, or a redirect chain) with the ids and slug sent in place of "<id>", so an
    answer that echoes what it was sent compares equal to the missing id's answer. A page
    rendered into JSON (allauth's) is left out: its CSRF token differs on every render."""
    if isinstance(answer, dict):
        answer = {key: value for key, value in answer.items() if key != "html"}
    text = json.dumps(answer, sort_keys=True)
    if owned is None:
        sent = [str(MISSING_ID), MISSING_SLUG]
    else:
        sent = [owned.custom_exercise.slug]
        sent += [str(_id_for(name, owned)) for name in ("session", "exercise", "set", "user")]
        sent += [str(_id_for(name, owned)) for name in ("token", "import", "pk")]
    for value in sorted(set(sent), key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", "<id>", text)
    return json.loads(text)


def _assert_kept_by_no_cache(response, where: str) -> None:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, f"{where}: {response.get('Cache-Control')}"


def _secret_of(owned: Owned) -> str:
    """A fresh token of A's (the walk's own token's secret is not kept)."""
    _token, secret = token_create(user=owned.user, name="cache check")
    return secret


def _rolled_back(send, *args, **kwargs):
    """Sends a request whose writes are undone, so one bad input cannot spoil the next."""
    with transaction.atomic():
        response = send(*args, **kwargs)
        transaction.set_rollback(True)
    return response


def _form_fields(client: Client, owned: Owned, url: str) -> list[tuple[str, str]]:
    """The names of the inputs of every form posting to url, found on url itself and on the
    pages that hold the player's and history's forms."""
    pages = [url, owned.draft.get_absolute_url(), f"/train/{owned.draft.pk}/", "/settings/"]
    fields: dict[str, str] = {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
            action = re.search(r'action="([^"]*)"', form.group(1))
            target = action.group(1) if action and action.group(1) else page
            if target.split("#")[0] != url:
                continue
            for tag, attributes in re.findall(r"<(input|select|textarea)\b([^>]*)>", form.group(2)):
                name = re.search(r'name="([^"]+)"', attributes)
                kind = re.search(r'type="([^"]+)"', attributes)
                if name and name.group(1) != "csrfmiddlewaretoken":
                    fields[name.group(1)] = (
                        tag if tag != "input" else (kind and kind.group(1)) or "text"
                    )
    return sorted(fields.items()) or [("value", "number"), ("notes", "textarea"), ("name", "text")]


def _assert_no_secret(response, where: str) -> None:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() not in content, f"{where} showed runner A's data"
    assert str(SECRET_LOAD).encode() not in content, f"{where} showed runner A's load"
    assert SECRET not in response.get("Location", ""), f"{where} redirected into A's data"


def _short(body) -> str:
    return repr(body)[:80]
