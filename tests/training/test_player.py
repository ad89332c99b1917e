"""The session player's screen (apps/training/player.py): which move is open, what its rows are
pre-filled with, and the queries it takes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts.equipment import available_loads_kg
from apps.exercises.models import Exercise, RoutineSlot
from apps.training import services
from apps.training.models import SetEntry, SlotChoice
from apps.training.player import player_state, session_progress
from apps.training.progression import next_suggested_load
from tests.factories import SetEntryFactory, TrainingSessionFactory, UserFactory


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner)
    return session


def move(player, slug):
    return next(m for m in player.all_moves if m.exercise.slug == slug)


def opened(session, runner, slug):
    """The move `slug` as the player shows it open (its suggestion and set rows)."""
    return move(player_state(session=session, user=runner, move=slug), slug)


def test_the_player_walks_the_warm_up_then_the_five_moves_in_order(draft, runner):
    player = player_state(session=draft, user=runner)
    assert player.warm_up.exercise.slug == "balloon-breathing"
    assert [m.exercise.slug for m in player.moves] == [
        "squat",
        "deadlift",
        "plank",
        "lateral-lunge",
        "deadbug",
    ]


def test_the_player_prefills_three_rows_from_the_prescription_and_first_time_loads(draft, runner):
    squat = opened(draft, runner, "squat")
    assert len(squat.rows) == 3
    assert [row.form.initial["value"] for row in squat.rows] == [5, 5, 5]
    # A light start for the squat on the runner's equipment (a gym rack by default).
    assert {row.form.initial["load"] for row in squat.rows} == {"6"}
    assert squat.suggestion.reason.startswith("First time")


def test_a_per_side_move_has_a_left_and_a_right_value_per_set(draft, runner):
    lunge = opened(draft, runner, "lateral-lunge")
    assert [field.name for field in lunge.rows[0].form] == ["left", "right", "load", "done"]


def test_a_hold_is_prefilled_in_seconds(draft, runner):
    plank = opened(draft, runner, "plank")
    assert plank.rows[0].form.initial["value"] == 30
    assert plank.suggestion.load_kg is None


def test_the_player_suggests_one_step_up_after_a_complete_session(routine, runner, history_of):
    history_of(runner, 1, load_kg=Decimal("10"))
    session, _ = services.session_start(user=runner)
    squat = opened(session, runner, "squat")
    assert squat.suggestion.load_kg == Decimal("12")
    assert squat.rows[0].form.initial["load"] == "12"


def test_a_draft_does_not_count_as_last_time(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal(40))
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("6")


def test_another_runners_history_does_not_change_the_suggestion(draft, runner, history_of):
    history_of(UserFactory(), 1, load_kg=Decimal("30"))
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("6")


def test_a_load_changed_on_one_set_changes_no_other_set(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=7, load_kg=Decimal("8"))
    squat_move = opened(draft, runner, "squat")
    assert [row.form.initial["load"] for row in squat_move.rows] == ["8", "6", "6"]
    assert [row.form.initial["value"] for row in squat_move.rows] == [7, 5, 5]
    assert [row.done for row in squat_move.rows] == [True, False, False]


def test_a_saved_row_shows_its_own_values_in_the_runners_unit(draft, runner, squat):
    runner.unit = "lb"
    services.set_log(
        session=draft, exercise=squat, set_number=2, reps=4, load_kg=Decimal("4.535924")
    )
    row = opened(draft, runner, "squat").rows[1]
    assert (row.form.initial["value"], row.form.initial["load"]) == (4, "10")
    assert row.saved
    assert row.done


def test_the_open_move_shows_last_times_sets(routine, runner, history_of):
    history_of(runner, 1, load_kg=Decimal("10"))
    session, _ = services.session_start(user=runner)
    last = opened(session, runner, "squat").last_time
    assert [(s.amount, s.load_kg, s.done) for s in last] == [(5, Decimal("10"), True)] * 3


def test_an_added_set_appears_as_an_extra_row(draft, runner, squat):
    services.set_add(session=draft, exercise=squat)
    squat_move = opened(draft, runner, "squat")
    assert [row.extra for row in squat_move.rows] == [False, False, False, True]


def test_the_remembered_choice_of_a_slot_is_offered(draft, runner):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    SlotChoice.objects.create(user=runner, slot=slot, exercise=swing)
    player = player_state(session=draft, user=runner, move="kettlebell-swing")
    assert player.moves[1].exercise.pk == swing.pk
    assert len(player.moves[1].options) > 1
    assert player.moves[1].suggestion.load_kg == Decimal("8")  # a light bell to start


def test_a_skipped_move_is_marked_finished(draft, runner, squat):
    services.move_skip(session=draft, exercise=squat)
    squat_move = opened(draft, runner, "squat")
    assert squat_move.skipped
    assert squat_move.finished


@pytest.mark.parametrize("history_size", [1, 200])
def test_the_player_state_takes_the_same_queries_whatever_the_history(
    routine, runner, history_of, draft, django_assert_num_queries, history_size
):
    history_of(runner, history_size)
    player_state(session=draft, user=runner, move="squat")  # the routine's content, cached
    # This session's sets and skips, the content version (the routine itself is cached), the
    # runner's choices, and last time's sets of the open move.
    with django_assert_num_queries(5):
        player = player_state(session=draft, user=runner, move="squat")
        assert all(m.exercise.cues for m in player.all_moves)
    assert player.open_move.suggestion.reason.startswith("Every set done")


def test_the_player_opens_the_warm_up_first(draft, runner):
    player = player_state(session=draft, user=runner)

    assert player.open_move is player.warm_up
    assert [m.is_open for m in player.moves] == [False] * 5
    assert [m.rows for m in player.moves] == [[]] * 5


def test_the_warm_up_tick_moves_the_player_on_to_the_squat(draft, runner):
    services.warmup_mark(session=draft)

    player = player_state(session=draft, user=runner)

    assert player.open_move.exercise.slug == "squat"
    assert player.warm_up.finished


def test_a_move_with_its_sets_done_moves_the_player_on(draft, runner, squat):
    services.warmup_mark(session=draft)
    for number in (1, 2, 3):
        services.set_log(session=draft, exercise=squat, set_number=number, reps=5)

    player = player_state(session=draft, user=runner)

    assert player.open_move.exercise.slug == "deadlift"
    assert move(player, "squat").sets_done == 3
    assert not move(player, "squat").rows


def test_a_skipped_move_is_passed_over(draft, runner, squat):
    services.warmup_mark(session=draft)
    services.move_skip(session=draft, exercise=squat)

    assert player_state(session=draft, user=runner).open_move.exercise.slug == ("deadlift")


def test_any_move_can_be_opened_by_its_slug(draft, runner):
    player = player_state(session=draft, user=runner, move="plank")

    assert player.open_move.exercise.slug == "plank"
    assert player.next_move.exercise.slug == "lateral-lunge"


def test_an_unknown_move_opens_the_first_one_not_finished(draft, runner):
    player = player_state(session=draft, user=runner, move="burpee")

    assert player.open_move is player.warm_up
    assert player.next_move.exercise.slug == "squat"


def test_a_per_side_set_is_done_once_both_sides_are(draft, runner, lunge):
    services.set_log(session=draft, exercise=lunge, set_number=1, side="left", reps=5)
    services.set_log(session=draft, exercise=lunge, set_number=2, side="left", reps=5)
    services.set_log(session=draft, exercise=lunge, set_number=2, side="right", reps=5)

    closed = move(player_state(session=draft, user=runner), "lateral-lunge")

    assert closed.sets_done == 1


def test_with_every_move_finished_none_is_open(draft, runner):
    services.warmup_mark(session=draft)
    for exercise in Exercise.objects.filter(slot_options__is_default=True, role="strength"):
        services.move_skip(session=draft, exercise=exercise)

    player = player_state(session=draft, user=runner)

    assert player.open_move is None
    assert player.all_done


def test_the_finish_summary_opens_no_move(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5)

    progress = session_progress(session=draft, user=runner)

    assert progress.open_move is None
    assert progress.strength_sets_done == 1


def test_a_draft_left_open_since_an_earlier_day_says_so(routine, runner):
    now = timezone.now()
    session, _ = services.session_start(user=runner, now=now - dt.timedelta(days=3))
    player = player_state(session=session, user=runner, now=now)
    assert player.started_earlier_on == (now - dt.timedelta(days=3)).astimezone(runner.zone).date()


def test_a_draft_started_today_needs_no_notice(draft, runner):
    assert player_state(session=draft, user=runner).started_earlier_on is None


def test_the_players_suggestions_follow_the_last_counted_session_of_each_move(
    routine, runner, history_of
):
    history_of(runner, 3, load_kg=Decimal("20"))
    deadlift = Exercise.objects.get(slug="deadlift")
    squat = Exercise.objects.get(slug="squat")
    now = timezone.now()
    # Later, a counted session with the deadlift only, and a finished session whose squat sets
    # were not done and that holds no other done set: it does not count.
    counted = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(hours=5))
    for number in (1, 2, 3):
        SetEntryFactory(
            session=counted, exercise=deadlift, set_number=number, load_kg=Decimal("30")
        )
    uncounted = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(hours=3))
    SetEntryFactory(session=uncounted, exercise=squat, load_kg=Decimal("90"), done=False)
    draft, _ = services.session_start(user=runner)

    for slug in ("squat", "deadlift", "plank", "lateral-lunge"):
        exercise = Exercise.objects.get(slug=slug)
        slot = RoutineSlot.objects.get(options__exercise=exercise)
        last = SetEntry.objects.last_counted_per_move(runner, [exercise], exclude=draft).get(
            exercise.pk, []
        )
        expected = next_suggested_load(
            exercise=exercise,
            prescription=slot,
            last_sets=last,
            available_kg=available_loads_kg(runner, exercise.load_kind),
        )

        assert opened(draft, runner, slug).suggestion == expected, slug
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("22")
    assert opened(draft, runner, "deadlift").suggestion.load_kg == Decimal("32")
