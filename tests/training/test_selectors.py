import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.exercises.models import Exercise, RoutineSlot
from apps.training import selectors, services
from apps.training.models import SlotChoice
from tests.factories import SetEntryFactory, TrainingSessionFactory, UserFactory


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner)
    return session


def move(player, slug):
    return next(m for m in player.moves if m.exercise.slug == slug)


def test_the_player_walks_the_warm_up_then_the_five_moves_in_order(draft, runner):
    player = selectors.player_state(session=draft, user=runner)
    assert player.warm_up.exercise.slug == "balloon-breathing"
    assert [m.exercise.slug for m in player.moves] == [
        "squat",
        "deadlift",
        "plank",
        "lateral-lunge",
        "deadbug",
    ]


def test_the_player_prefills_three_rows_from_the_prescription_and_first_time_loads(draft, runner):
    squat = move(selectors.player_state(session=draft, user=runner), "squat")
    assert len(squat.rows) == 3
    assert [row.cells[0].value for row in squat.rows] == [5, 5, 5]
    assert {row.cells[0].load_kg for row in squat.rows} == {Decimal("2")}
    assert squat.suggestion.reason.startswith("First time")


def test_a_per_side_move_has_a_left_and_a_right_cell_per_set(draft, runner):
    lunge = move(selectors.player_state(session=draft, user=runner), "lateral-lunge")
    assert [cell.side for cell in lunge.rows[0].cells] == ["left", "right"]


def test_a_hold_is_prefilled_in_seconds(draft, runner):
    plank = move(selectors.player_state(session=draft, user=runner), "plank")
    assert plank.rows[0].cells[0].value == 30
    assert plank.suggestion.load_kg is None


def test_the_player_suggests_one_step_up_after_a_complete_session(routine, runner, history_of):
    history_of(runner, 1, load_kg=Decimal("10"))
    session, _ = services.session_start(user=runner)
    squat = move(selectors.player_state(session=session, user=runner), "squat")
    assert squat.suggestion.load_kg == Decimal("12.5")
    assert squat.rows[0].cells[0].load_kg == Decimal("12.5")


def test_a_draft_does_not_count_as_last_time(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal(40))
    player = selectors.player_state(session=draft, user=runner)
    assert move(player, "squat").suggestion.load_kg == Decimal("2")


def test_another_runners_history_does_not_change_the_suggestion(draft, runner, history_of):
    history_of(UserFactory(), 1, load_kg=Decimal("30"))
    player = selectors.player_state(session=draft, user=runner)
    assert move(player, "squat").suggestion.load_kg == Decimal("2")


def test_unsaved_rows_follow_a_load_changed_on_an_earlier_set(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal("6"))
    squat_move = move(selectors.player_state(session=draft, user=runner), "squat")
    assert [row.cells[0].load_kg for row in squat_move.rows] == [Decimal("6")] * 3
    assert [row.done for row in squat_move.rows] == [True, False, False]


def test_an_added_set_appears_as_an_extra_row(draft, runner, squat):
    services.set_add(session=draft, exercise=squat)
    squat_move = move(selectors.player_state(session=draft, user=runner), "squat")
    assert [row.extra for row in squat_move.rows] == [False, False, False, True]


def test_the_remembered_choice_of_a_slot_is_offered(draft, runner):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    SlotChoice.objects.create(user=runner, slot=slot, exercise=swing)
    player = selectors.player_state(session=draft, user=runner)
    assert player.moves[1].exercise == swing
    assert player.moves[1].is_choice
    assert player.moves[1].suggestion.load_kg == Decimal("4")  # lightest common bell


def test_a_skipped_move_is_marked_finished(draft, runner, squat):
    services.move_skip(session=draft, exercise=squat)
    squat_move = move(selectors.player_state(session=draft, user=runner), "squat")
    assert squat_move.skipped
    assert squat_move.finished


@pytest.mark.parametrize("history_size", [1, 200])
def test_the_player_state_takes_the_same_queries_whatever_the_history(
    routine, runner, history_of, draft, django_assert_num_queries, history_size
):
    history_of(runner, history_size)
    with django_assert_num_queries(6):
        player = selectors.player_state(session=draft, user=runner)
        [m.cues for m in player.moves]


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


def test_a_draft_left_open_since_an_earlier_day_says_so(routine, runner):
    now = timezone.now()
    session, _ = services.session_start(user=runner, now=now - dt.timedelta(days=3))
    player = selectors.player_state(session=session, user=runner, now=now)
    assert player.started_earlier_on == (now - dt.timedelta(days=3)).astimezone(runner.zone).date()


def test_a_draft_started_today_needs_no_notice(draft, runner):
    assert selectors.player_state(session=draft, user=runner).started_earlier_on is None
