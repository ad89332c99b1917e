"""Copies of one set sent at once: one row, and one "201 Created" (issue 14, item 5). Whether the
row is new is decided under the session's lock, where the row is written, not by a look before
it; tests/production/test_races.py sends the burst for real."""

import pytest

from apps.training import services
from apps.training.models import SetEntry
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(routine, runner):
    return TrainingSessionFactory(user=runner, routine=routine, finished_at=None)


@pytest.fixture
def body(draft):
    return {"session": draft.pk, "exercise": "squat", "set_number": 1, "reps": 5, "load_kg": 20}


@pytest.fixture
def a_copy_commits_first(monkeypatch, draft, squat):
    """Saves the same set just before this request's write takes the session's lock: what a
    copy of the request sent at the same moment does."""
    check = services._checked_values

    def check_then_lose_the_race(exercise, **values):
        if not SetEntry.objects.exists():
            SetEntry.objects.create(session=draft, exercise=squat, set_number=1, reps=5)
        return check(exercise, **values)

    monkeypatch.setattr(services, "_checked_values", check_then_lose_the_race)


def test_a_set_that_a_copy_saved_first_is_answered_200(runner_api, body, a_copy_commits_first):
    response = runner_api.post("/api/v1/sets/", body, format="json")

    assert response.status_code == 200
    assert SetEntry.objects.count() == 1
    assert response.json()["id"] == SetEntry.objects.get().pk


def test_the_first_copy_is_answered_201_and_the_next_200(runner_api, body):
    first = runner_api.post("/api/v1/sets/", body, format="json")
    second = runner_api.post("/api/v1/sets/", body, format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_the_service_says_whether_the_row_is_new(draft, squat):
    _entry, created = services.set_upsert(session=draft, exercise=squat, set_number=1, reps=5)
    entry, created_again = services.set_upsert(session=draft, exercise=squat, set_number=1, reps=6)

    assert (created, created_again) == (True, False)
    assert entry.reps == 6
