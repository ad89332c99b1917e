"""The history's back-to-back flag reads only a few days before the page, yet stays right at
the page's edge (apps/training/selectors.py, `back_to_back_days(since=...)`)."""

import datetime as dt

from apps.exercises.models import Exercise
from apps.training import selectors
from tests.factories import SetEntryFactory, TrainingSessionFactory

LONDON_EVENING = dt.datetime(2025, 3, 29, 19, 0, tzinfo=dt.UTC)  # the eve of the DST change


def _counted(runner, started_at):
    session = TrainingSessionFactory(user=runner, started_at=started_at)
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    return session


def test_a_pages_oldest_session_is_flagged_against_the_day_before_it(routine, runner):
    _counted(runner, LONDON_EVENING)
    next_day = _counted(runner, LONDON_EVENING + dt.timedelta(days=1))

    (row,) = selectors.history_rows(
        runner, selectors.history_sessions(runner).filter(pk=next_day.pk)
    )

    assert row.back_to_back


def test_a_session_after_enough_rest_is_not_flagged(routine, runner):
    _counted(runner, LONDON_EVENING - dt.timedelta(days=30))
    _counted(runner, LONDON_EVENING)
    later = _counted(runner, LONDON_EVENING + dt.timedelta(days=2))

    (row,) = selectors.history_rows(runner, selectors.history_sessions(runner).filter(pk=later.pk))

    assert not row.back_to_back


def test_a_longer_minimum_rest_looks_further_back(routine, runner):
    runner.min_rest_days = 3
    runner.save(update_fields=["min_rest_days"])
    _counted(runner, LONDON_EVENING)
    later = _counted(runner, LONDON_EVENING + dt.timedelta(days=3))

    (row,) = selectors.history_rows(runner, selectors.history_sessions(runner).filter(pk=later.pk))

    assert row.back_to_back


def test_the_history_page_shows_the_flag_on_a_later_page(routine, runner, client):
    first = LONDON_EVENING - dt.timedelta(days=400)
    _counted(runner, first)
    _counted(runner, first + dt.timedelta(days=1))  # back-to-back, the oldest of page 2
    for week in range(1, 21):
        _counted(runner, first + dt.timedelta(weeks=week))
    client.force_login(runner)

    response = client.get("/history/?page=2")

    assert response.content.count(b"tag--warn") == 1
