import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.exercises.models import Exercise
from apps.training import selectors, services
from tests.factories import SetEntryFactory, TrainingSessionFactory


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner)
    return session


def test_the_back_to_back_warning_appears_the_day_after_a_counted_session(routine, runner):
    now = timezone.now()
    session = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=1))
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    advice = selectors.start_advice(runner, now=now)
    assert advice.back_to_back
    assert advice.trained_yesterday


def test_no_back_to_back_warning_after_a_rest_day(routine, runner):
    now = timezone.now()
    session = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=2))
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    assert not selectors.start_advice(runner, now=now).back_to_back


def test_a_runner_who_allows_no_rest_day_gets_no_warning(routine, runner):
    runner.min_rest_days = 0
    now = timezone.now()
    session = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=1))
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    assert not selectors.start_advice(runner, now=now).back_to_back


def test_a_draft_yesterday_gives_no_warning(routine, runner):
    now = timezone.now()
    session = TrainingSessionFactory(
        user=runner, started_at=now - dt.timedelta(days=1), finished_at=None
    )
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    assert not selectors.start_advice(runner, now=now).back_to_back


def test_history_totals_count_moves_sets_and_load_moved(routine, runner):
    session = TrainingSessionFactory(user=runner, routine=routine)
    squat = Exercise.objects.get(slug="squat")
    lunge = Exercise.objects.get(slug="lateral-lunge")
    for n in (1, 2, 3):
        SetEntryFactory(session=session, exercise=squat, set_number=n, load_kg=Decimal("10"))
    for side in ("left", "right"):
        SetEntryFactory(
            session=session, exercise=lunge, set_number=1, side=side, load_kg=Decimal("4")
        )
    SetEntryFactory(session=session, exercise=squat, set_number=4, load_kg=Decimal(50), done=False)
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="balloon-breathing"))

    [row] = selectors.history_rows(runner, selectors.history_sessions(runner))
    assert row.moves_done == 2
    assert row.sets_done == 4  # 3 squat sets + 1 per-side lunge set
    assert row.load_moved_kg == Decimal("190")  # 3 x 5 x 10 + 2 x 5 x 4
    assert row.counted
    assert row.sets_prescribed == 15


def test_history_flags_the_later_of_two_sessions_on_consecutive_days(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    now = timezone.now()
    for days_ago in (5, 2, 1):
        session = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=days_ago))
        SetEntryFactory(session=session, exercise=squat)
    rows = selectors.history_rows(runner, selectors.history_sessions(runner))
    assert [row.back_to_back for row in rows] == [True, False, False]


def test_history_shows_only_the_runners_own_sessions(routine, runner, stranger):
    TrainingSessionFactory(user=stranger)
    mine = TrainingSessionFactory(user=runner)
    assert list(selectors.history_sessions(runner)) == [mine]


@pytest.mark.parametrize("history_size", [1, 200])
def test_a_history_page_takes_the_same_queries_whatever_the_history(
    routine, runner, history_of, django_assert_num_queries, history_size
):
    history_of(runner, history_size)
    with django_assert_num_queries(3):
        page = list(selectors.history_sessions(runner)[:20])
        rows = selectors.history_rows(runner, page)
    assert len(rows) == min(history_size, 20)


def test_a_sessions_sets_are_grouped_by_move_in_routine_order(routine, runner):
    session = TrainingSessionFactory(user=runner)
    plank = Exercise.objects.get(slug="plank")
    squat = Exercise.objects.get(slug="squat")
    SetEntryFactory(session=session, exercise=plank, set_number=1, reps=None, seconds=30)
    SetEntryFactory(session=session, exercise=squat, set_number=2)
    SetEntryFactory(session=session, exercise=squat, set_number=1)
    groups = selectors.session_sets(session)
    assert [g.exercise.slug for g in groups] == ["squat", "plank"]
    assert [e.set_number for e in groups[0].entries] == [1, 2]
