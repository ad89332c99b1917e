"""Every detail route tried with another runner's ids answers 404, and every list route
returns only the caller's rows."""

import pytest
from rest_framework.test import APIClient

from apps.training.models import SetEntry, TrainingSession
from tests.api.history import make_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(stranger, routine):
    sessions = make_history(stranger, sessions=2)
    return {"session": sessions[0].pk, "set": sessions[0].sets.first().pk}


@pytest.fixture
def mine(runner, routine):
    sessions = make_history(runner, sessions=2)
    return {"session": sessions[0].pk, "set": sessions[0].sets.first().pk}


DETAIL_ROUTES = [
    ("get", "/api/v1/sessions/{session}/", None),
    ("patch", "/api/v1/sessions/{session}/", {"notes": "mine now"}),
    ("delete", "/api/v1/sessions/{session}/", None),
    ("post", "/api/v1/sessions/{session}/finish/", {}),
    ("post", "/api/v1/sessions/{session}/skip/", {"exercise": "plank"}),
    ("get", "/api/v1/sets/{set}/", None),
    ("patch", "/api/v1/sets/{set}/", {"reps": 1}),
    ("delete", "/api/v1/sets/{set}/", None),
]


@pytest.mark.parametrize(("method", "route", "body"), DETAIL_ROUTES)
def test_another_runners_id_is_a_404(runner_api, theirs, method, route, body):
    before = (TrainingSession.objects.count(), SetEntry.objects.count())

    response = getattr(runner_api, method)(route.format(**theirs), body)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (TrainingSession.objects.count(), SetEntry.objects.count()) == before


@pytest.mark.parametrize(("method", "route", "body"), DETAIL_ROUTES)
def test_the_same_route_works_with_the_runners_own_id(runner_api, mine, method, route, body):
    response = getattr(runner_api, method)(route.format(**mine), body)

    assert response.status_code in {200, 204}


@pytest.mark.parametrize("route", ["/api/v1/sessions/", "/api/v1/sets/"])
def test_a_list_holds_only_the_callers_rows(runner_api, runner, mine, theirs, route):
    rows = runner_api.get(f"{route}?page_size=100").json()["results"]

    session_ids = {row["id"] if route.endswith("sessions/") else row["session"] for row in rows}
    own = set(TrainingSession.objects.filter(user=runner).values_list("pk", flat=True))
    assert rows
    assert session_ids <= own
    assert theirs["session"] not in session_ids


def test_a_session_filter_on_another_runners_session_lists_nothing(runner_api, mine, theirs):
    response = runner_api.get(f"/api/v1/sets/?session={theirs['session']}")

    assert response.json()["count"] == 0


def test_a_stranger_sees_none_of_a_runners_sessions(stranger, mine):
    client = APIClient()
    client.force_authenticate(stranger)

    assert client.get("/api/v1/sessions/").json()["count"] == 0


def test_the_choice_list_holds_only_the_callers_choices(runner_api, runner, stranger, routine):
    from apps.exercises.models import Exercise, RoutineSlot
    from apps.training.services import slot_choose

    slot = RoutineSlot.objects.get(order=2)
    slot_choose(user=stranger, slot=slot, exercise=Exercise.objects.get(slug="kettlebell-swing"))

    assert runner_api.get("/api/v1/choices/").json()["results"] == []
