"""List endpoints run a fixed number of SQL queries whatever the history size: the same count
at 1 and at 60 sessions (authenticated with force_authenticate, so only the endpoint's own
queries are counted)."""

import pytest
from rest_framework.test import APIClient

from tests.api.history import make_history

pytestmark = pytest.mark.django_db

# count + page, then history_rows: the page's totals and the routine's prescribed sets.
SESSIONS_LIST = 4
# count + page (each set with its exercise).
SETS_LIST = 2


@pytest.fixture
def client_for(routine):
    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.mark.parametrize("sessions", [1, 60])
def test_the_session_list_costs_a_fixed_number_of_queries(
    runner, client_for, django_assert_num_queries, sessions
):
    make_history(runner, sessions=sessions)

    # The history version too: the list is cached until the history changes; this one computes.
    with django_assert_num_queries(HISTORY_VERSION + SESSIONS_LIST):
        response = client_for(runner).get("/api/v1/sessions/?page_size=100")

    assert response.json()["count"] == sessions + 1


@pytest.mark.parametrize("sessions", [1, 60])
def test_the_set_list_costs_a_fixed_number_of_queries(
    runner, client_for, django_assert_num_queries, sessions
):
    make_history(runner, sessions=sessions)

    # The history version too: the list is cached until the history changes; this one computes.
    with django_assert_num_queries(HISTORY_VERSION + SETS_LIST):
        response = client_for(runner).get("/api/v1/sets/?page_size=100")

    assert response.json()["count"] == sessions * 12


# progress_overview: counted sessions with their set counts, the moves done with each one's
# best ever, the grouped sets behind the series, and for the progression rule the routine's
# prescriptions and the last counted sets of each move, in one query
# (apps/progress/selectors.py).
PROGRESS_OVERVIEW = 5
# The runner's history version: progress answers are cached until the history changes
# (apps/training/caching.py); these first requests compute.
HISTORY_VERSION = 1


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("/api/v1/progress/weeks/", HISTORY_VERSION + PROGRESS_OVERVIEW),
        ("/api/v1/progress/summary/", HISTORY_VERSION + PROGRESS_OVERVIEW),
        # The move itself, then the overview.
        ("/api/v1/progress/moves/squat/", 1 + HISTORY_VERSION + PROGRESS_OVERVIEW),
    ],
)
@pytest.mark.parametrize("sessions", [1, 60])
def test_progress_costs_a_fixed_number_of_queries(
    runner, client_for, django_assert_num_queries, sessions, route, expected
):
    make_history(runner, sessions=sessions)

    with django_assert_num_queries(expected):
        response = client_for(runner).get(route)

    assert response.status_code == 200


@pytest.mark.parametrize("sessions", [1, 60])
def test_the_choice_list_costs_a_fixed_number_of_queries(
    runner, client_for, django_assert_num_queries, sessions
):
    from apps.exercises.models import Exercise, RoutineSlot
    from apps.training.services import slot_choose

    make_history(runner, sessions=sessions)
    swing = Exercise.objects.get(slug="kettlebell-swing")
    slot_choose(user=runner, slot=RoutineSlot.objects.get(order=2), exercise=swing)

    # count + page (each choice with its slot and exercise).
    with django_assert_num_queries(2):
        response = client_for(runner).get("/api/v1/choices/")

    assert response.json()["count"] == 1


def test_a_logged_set_shows_at_once_in_the_cached_set_list(runner, client_for):
    make_history(runner, sessions=1)
    client = client_for(runner)
    before = client.get("/api/v1/sets/").json()["count"]
    session = client.post("/api/v1/sessions/").json()["id"]

    client.post(
        "/api/v1/sets/",
        {"session": session, "exercise": "squat", "set_number": 1, "reps": 5, "load_kg": 20},
        format="json",
    )

    assert client.get("/api/v1/sets/").json()["count"] == before + 1
