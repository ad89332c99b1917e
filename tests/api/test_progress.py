import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.exercises.models import Exercise
from apps.progress import selectors, wording
from tests.api.history import make_history
from tests.factories import SetEntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_history(runner, routine):
    make_history(runner, sessions=8)
    return runner


def test_the_weeks_are_the_rules_weeks(runner_api, with_history):
    body = runner_api.get("/api/v1/progress/weeks/").json()

    overview = selectors.progress_overview(with_history)
    expected = [w for w in overview.weeks if w.end >= overview.today - dt.timedelta(weeks=11)]
    assert body["week_start"] == "monday"
    assert body["goal"] == 2
    assert [w["start"] for w in body["weeks"]] == [w.start.isoformat() for w in expected]
    assert [w["met"] for w in body["weeks"]] == [w.meets_minimum for w in expected]
    assert [w["sessions"] for w in body["weeks"]] == [w.sessions for w in expected]
    assert sum(w["sessions"] for w in body["weeks"]) == 8


def test_the_weeks_follow_a_sunday_start(runner_api, with_history):
    with_history.week_start = 6
    with_history.save()

    body = runner_api.get("/api/v1/progress/weeks/").json()

    assert body["week_start"] == "sunday"
    assert all(dt.date.fromisoformat(w["start"]).weekday() == 6 for w in body["weeks"])


def test_the_weeks_can_be_limited_to_a_range(runner_api, with_history):
    today = selectors.local_today(with_history)
    first = today - dt.timedelta(days=6)

    weeks = runner_api.get(f"/api/v1/progress/weeks/?from={first}&to={today}").json()["weeks"]

    assert 1 <= len(weeks) <= 2
    assert weeks[-1]["current"] is True


@pytest.mark.parametrize(
    "query", ["from=2026-02-01&to=2026-01-01", "from=1900-01-01", "from=2000-01-01&to=2026-01-01"]
)
def test_a_bad_week_range_is_a_400(runner_api, query):
    assert runner_api.get(f"/api/v1/progress/weeks/?{query}").status_code == 400


def test_the_summary_matches_the_progress_rules(runner_api, with_history):
    body = runner_api.get("/api/v1/progress/summary/").json()

    overview = selectors.progress_overview(with_history)
    assert body["streaks"] == {
        "current": overview.streaks.current,
        "longest": overview.streaks.longest,
    }
    assert body["week"]["summary"] == wording.week_summary(overview.status)
    assert body["next_day"]["day"] == overview.next_day.day.isoformat()
    assert body["next_day"]["message"] == wording.next_day_message(overview.next_day)
    assert body["recovery"]["days_since_last_session"] == overview.days_since_last_session
    assert [t["label"] for t in body["totals"]] == ["Last 4 weeks", "Last 12 weeks", "All time"]
    assert body["taper"] is None


def test_the_summary_flags_back_to_back_sessions(runner_api, runner, routine):
    make_history(runner, sessions=3, days_apart=1)

    flags = runner_api.get("/api/v1/progress/summary/").json()["recovery"]["flags"]

    assert len(flags) == 2
    assert all(flag["back_to_back"] and flag["rest_days"] == 0 for flag in flags)


def counted_session_on(user, day):
    session = TrainingSessionFactory(
        user=user, started_at=dt.datetime.combine(day, dt.time(12), tzinfo=user.zone)
    )
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))


def test_sessions_eight_days_apart_are_a_long_break(runner_api, runner, routine):
    today = selectors.local_today(runner)
    counted_session_on(runner, today - dt.timedelta(days=16))
    counted_session_on(runner, today - dt.timedelta(days=8))

    recovery = runner_api.get("/api/v1/progress/summary/").json()["recovery"]

    assert [(flag["rest_days"], flag["long_break"]) for flag in recovery["flags"]] == [(7, True)]
    assert (recovery["days_since_last_session"], recovery["on_long_break"]) == (8, True)


def test_sessions_seven_days_apart_are_not_a_long_break(runner_api, runner, routine):
    today = selectors.local_today(runner)
    counted_session_on(runner, today - dt.timedelta(days=14))
    counted_session_on(runner, today - dt.timedelta(days=7))

    recovery = runner_api.get("/api/v1/progress/summary/").json()["recovery"]

    assert recovery["flags"] == []
    assert (recovery["days_since_last_session"], recovery["on_long_break"]) == (7, False)


def test_a_move_shows_its_series_and_the_next_suggested_load(runner_api, with_history):
    body = runner_api.get("/api/v1/progress/moves/squat/").json()

    assert body["measure"] == "load"
    assert [point["load_kg"] for point in body["series"]] == list(range(20, 28))
    # Every prescribed set was done at 27 kg last time: the next dumbbell up on a gym rack.
    assert Decimal(str(body["next"]["load_kg"])) == Decimal("28")
    assert body["next"]["reason"].startswith("Every set done at 27 kg")


def test_a_move_never_done_gets_the_first_time_suggestion(runner_api, routine):
    body = runner_api.get("/api/v1/progress/moves/deadlift/").json()

    assert body["series"] == []
    assert body["next"]["reason"].startswith("First time")


def test_an_unknown_move_is_a_404(runner_api, routine):
    assert runner_api.get("/api/v1/progress/moves/burpee/").status_code == 404


def test_a_strangers_progress_is_not_the_runners(runner, stranger, routine):
    make_history(stranger, sessions=8)
    client = APIClient()
    client.force_authenticate(runner)

    summary = client.get("/api/v1/progress/summary/").json()
    weeks = client.get("/api/v1/progress/weeks/").json()["weeks"]
    move = client.get("/api/v1/progress/moves/squat/").json()

    assert summary["totals"][-1]["sessions"] == 0
    assert sum(week["sessions"] for week in weeks) == 0
    assert move["series"] == []
