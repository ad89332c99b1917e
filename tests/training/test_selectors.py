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
    return next(m for m in player.all_moves if m.exercise.slug == slug)


def opened(session, runner, slug):
    """The move `slug` as the player shows it open (its suggestion and set rows)."""
    return move(selectors.player_state(session=session, user=runner, move=slug), slug)


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
    squat = opened(draft, runner, "squat")
    assert len(squat.rows) == 3
    assert [row.cells[0].value for row in squat.rows] == [5, 5, 5]
    # A light start for the squat on the runner's equipment (a gym rack by default).
    assert {row.cells[0].load_kg for row in squat.rows} == {Decimal("6")}
    assert squat.suggestion.reason.startswith("First time")


def test_a_per_side_move_has_a_left_and_a_right_cell_per_set(draft, runner):
    lunge = opened(draft, runner, "lateral-lunge")
    assert [cell.side for cell in lunge.rows[0].cells] == ["left", "right"]


def test_a_hold_is_prefilled_in_seconds(draft, runner):
    plank = opened(draft, runner, "plank")
    assert plank.rows[0].cells[0].value == 30
    assert plank.suggestion.load_kg is None


def test_the_player_suggests_one_step_up_after_a_complete_session(routine, runner, history_of):
    history_of(runner, 1, load_kg=Decimal("10"))
    session, _ = services.session_start(user=runner)
    squat = opened(session, runner, "squat")
    # The next dumbbell up on a gym rack.
    assert squat.suggestion.load_kg == Decimal("12")
    assert squat.rows[0].cells[0].load_kg == Decimal("12")


def test_a_draft_does_not_count_as_last_time(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal(40))
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("6")


def test_another_runners_history_does_not_change_the_suggestion(draft, runner, history_of):
    history_of(UserFactory(), 1, load_kg=Decimal("30"))
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("6")


def test_unsaved_rows_follow_a_load_changed_on_an_earlier_set(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal("6"))
    squat_move = opened(draft, runner, "squat")
    assert [row.cells[0].load_kg for row in squat_move.rows] == [Decimal("6")] * 3
    assert [row.done for row in squat_move.rows] == [True, False, False]


def test_an_added_set_appears_as_an_extra_row(draft, runner, squat):
    services.set_add(session=draft, exercise=squat)
    squat_move = opened(draft, runner, "squat")
    assert [row.extra for row in squat_move.rows] == [False, False, False, True]


def test_the_remembered_choice_of_a_slot_is_offered(draft, runner):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    SlotChoice.objects.create(user=runner, slot=slot, exercise=swing)
    player = selectors.player_state(session=draft, user=runner, move="kettlebell-swing")
    assert player.moves[1].exercise == swing
    assert player.moves[1].is_choice
    assert player.moves[1].suggestion.load_kg == Decimal("8")  # a light bell


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
    # This session's sets and skips, the content version (the routine itself is cached), the
    # runner's choices, and last time's sets of the open move.
    with django_assert_num_queries(5):
        player = selectors.player_state(session=draft, user=runner, move="squat")
        [m.cues for m in player.all_moves]
    assert player.open_move.suggestion.reason.startswith("Every set done")


def test_the_player_opens_the_warm_up_first(draft, runner):
    player = selectors.player_state(session=draft, user=runner)

    assert player.open_move is player.warm_up
    assert [m.is_open for m in player.moves] == [False] * 5
    assert [m.rows for m in player.moves] == [[]] * 5


def test_the_warm_up_tick_moves_the_player_on_to_the_squat(draft, runner):
    services.warmup_mark(session=draft)

    player = selectors.player_state(session=draft, user=runner)

    assert player.open_move.exercise.slug == "squat"
    assert player.warm_up.finished


def test_a_move_with_its_sets_done_moves_the_player_on(draft, runner, squat):
    services.warmup_mark(session=draft)
    for number in (1, 2, 3):
        services.set_log(session=draft, exercise=squat, set_number=number, reps=5)

    player = selectors.player_state(session=draft, user=runner)

    assert player.open_move.exercise.slug == "deadlift"
    assert move(player, "squat").sets_done == 3
    assert not move(player, "squat").rows


def test_a_skipped_move_is_passed_over(draft, runner, squat):
    services.warmup_mark(session=draft)
    services.move_skip(session=draft, exercise=squat)

    assert selectors.player_state(session=draft, user=runner).open_move.exercise.slug == (
        "deadlift"
    )


def test_any_move_can_be_opened_by_its_slug(draft, runner):
    player = selectors.player_state(session=draft, user=runner, move="plank")

    assert player.open_move.exercise.slug == "plank"
    assert player.next_move.exercise.slug == "lateral-lunge"


def test_an_unknown_move_opens_the_first_one_not_finished(draft, runner):
    player = selectors.player_state(session=draft, user=runner, move="burpee")

    assert player.open_move is player.warm_up
    assert player.next_move.exercise.slug == "squat"


def test_a_per_side_set_is_done_once_both_sides_are(draft, runner, lunge):
    services.set_log(session=draft, exercise=lunge, set_number=1, side="left", reps=5)
    services.set_log(session=draft, exercise=lunge, set_number=2, side="left", reps=5)
    services.set_log(session=draft, exercise=lunge, set_number=2, side="right", reps=5)

    closed = move(selectors.player_state(session=draft, user=runner), "lateral-lunge")

    assert closed.sets_done == 1


def test_with_every_move_finished_none_is_open(draft, runner):
    services.warmup_mark(session=draft)
    for exercise in Exercise.objects.filter(slot_options__is_default=True, role="strength"):
        services.move_skip(session=draft, exercise=exercise)

    player = selectors.player_state(session=draft, user=runner)

    assert player.open_move is None
    assert player.all_done


def test_the_finish_summary_opens_no_move(draft, runner, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5)

    progress = selectors.session_progress(session=draft, user=runner)

    assert progress.open_move is None
    assert progress.strength_sets_done == 1


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


def test_the_players_suggestions_follow_the_last_counted_session_of_each_move(
    routine, runner, history_of
):
    from apps.accounts.equipment import available_loads_kg
    from apps.progress.progression import next_suggested_load

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
        last = selectors.last_counted_sets(runner, [exercise], exclude=draft).get(exercise.pk, [])
        expected = next_suggested_load(
            exercise=exercise,
            prescription=slot,
            last_sets=last,
            available_kg=available_loads_kg(runner, exercise.load_kind),
        )

        assert opened(draft, runner, slug).suggestion == expected, slug
    assert opened(draft, runner, "squat").suggestion.load_kg == Decimal("22")
    assert opened(draft, runner, "deadlift").suggestion.load_kg == Decimal("32")
