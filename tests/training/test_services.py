import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.exercises.models import Exercise, RoutineSlot
from apps.training import services
from apps.training.models import SetEntry, SlotChoice, TrainingSession
from tests.factories import SetEntryFactory, TrainingSessionFactory

NOW = dt.datetime(2026, 3, 10, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner, now=NOW)
    return session


def test_starting_creates_a_draft_of_the_routine(routine, runner):
    session, created = services.session_start(user=runner, now=NOW)
    assert created
    assert session.is_draft
    assert session.routine == routine
    assert session.started_at == NOW


def test_starting_again_resumes_the_draft_instead_of_opening_a_second(draft, runner):
    again, created = services.session_start(user=runner, now=NOW + dt.timedelta(hours=2))
    assert not created
    assert again == draft
    assert TrainingSession.objects.filter(user=runner).count() == 1


def test_starting_after_finishing_opens_a_new_draft(draft, runner):
    services.session_finish(session=draft, now=NOW + dt.timedelta(minutes=30))
    _, created = services.session_start(user=runner, now=NOW + dt.timedelta(days=2))
    assert created


def test_logging_a_set_saves_it_done(draft, squat):
    entry = services.set_log(
        session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal("10"), now=NOW
    )
    entry.refresh_from_db()
    assert (entry.reps, entry.load_kg, entry.done) == (5, Decimal("10"), True)


def test_logging_the_same_set_twice_keeps_one_row_with_the_latest_values(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal("10"))
    services.set_log(session=draft, exercise=squat, set_number=1, reps=4, load_kg=Decimal("12"))
    entries = SetEntry.objects.filter(session=draft)
    assert entries.count() == 1
    assert (entries.get().reps, entries.get().load_kg) == (4, Decimal("12"))


def test_ticking_a_set_starts_the_rest_timer_from_the_runners_setting(draft, squat, runner):
    runner.rest_timer_seconds = 120
    runner.save()
    draft.refresh_from_db()
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=NOW)
    draft.refresh_from_db()
    assert draft.rest_ends_at == NOW + dt.timedelta(seconds=120)


def test_a_retried_tick_does_not_restart_the_rest_timer(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=NOW)
    later = NOW + dt.timedelta(seconds=30)
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=later)
    draft.refresh_from_db()
    assert draft.rest_ends_at == NOW + dt.timedelta(seconds=90)


def test_a_per_side_set_is_logged_as_a_left_and_a_right_entry(draft, lunge):
    for side in ("left", "right"):
        services.set_log(session=draft, exercise=lunge, set_number=1, side=side, reps=5)
    assert sorted(draft.sets.values_list("side", flat=True)) == ["left", "right"]


def test_a_per_side_move_needs_a_side(draft, lunge):
    with pytest.raises(ValidationError) as error:
        services.set_log(session=draft, exercise=lunge, set_number=1, reps=5)
    assert "side" in error.value.message_dict


def test_a_bodyweight_move_refuses_a_load(draft, routine):
    plank = Exercise.objects.get(slug="plank")
    with pytest.raises(ValidationError) as error:
        services.set_log(
            session=draft, exercise=plank, set_number=1, seconds=30, load_kg=Decimal("5")
        )
    assert "load_kg" in error.value.message_dict


def test_a_set_keeps_only_the_measure_of_its_move(draft, routine):
    plank = Exercise.objects.get(slug="plank")
    entry = services.set_log(session=draft, exercise=plank, set_number=1, seconds=40, reps=5)
    assert (entry.seconds, entry.reps) == (40, None)


def test_a_load_over_500_kg_is_refused_and_nothing_is_saved(draft, squat):
    with pytest.raises(ValidationError):
        services.set_log(session=draft, exercise=squat, set_number=1, reps=5, load_kg=Decimal(501))
    assert not draft.sets.exists()


def test_reps_over_100_are_refused(draft, squat):
    with pytest.raises(ValidationError):
        services.set_log(session=draft, exercise=squat, set_number=1, reps=101)


def test_adding_a_set_numbers_it_after_the_prescribed_ones(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5)
    [entry] = services.set_add(session=draft, exercise=squat)
    assert (entry.set_number, entry.done) == (4, False)


def test_adding_a_set_to_a_per_side_move_adds_both_sides(draft, lunge):
    entries = services.set_add(session=draft, exercise=lunge)
    assert [(e.set_number, e.side) for e in entries] == [(4, "left"), (4, "right")]


def test_adding_two_sets_numbers_them_one_after_the_other(draft, squat):
    services.set_add(session=draft, exercise=squat)
    [second] = services.set_add(session=draft, exercise=squat)
    assert second.set_number == 5


def test_finishing_records_the_time_effort_and_notes_and_stops_the_timer(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=NOW)
    finished = services.session_finish(
        session=draft, effort=7, notes="Felt strong", now=NOW + dt.timedelta(minutes=40)
    )
    assert finished.finished_at == NOW + dt.timedelta(minutes=40)
    assert (finished.effort, finished.notes, finished.rest_ends_at) == (7, "Felt strong", None)


def test_finishing_twice_changes_nothing_the_second_time(draft):
    first = services.session_finish(session=draft, effort=6, now=NOW + dt.timedelta(minutes=30))
    second = services.session_finish(
        session=draft, effort=9, notes="again", now=NOW + dt.timedelta(hours=3)
    )
    assert (second.finished_at, second.effort, second.notes) == (first.finished_at, 6, "")


def test_an_effort_outside_1_to_10_is_refused(draft):
    with pytest.raises(ValidationError):
        services.session_finish(session=draft, effort=11)
    draft.refresh_from_db()
    assert draft.is_draft


def test_abandoning_a_draft_deletes_it_and_its_sets(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5)
    services.session_abandon(session=draft)
    assert not TrainingSession.objects.filter(pk=draft.pk).exists()
    assert not SetEntry.objects.exists()


def test_a_finished_session_cannot_be_abandoned(draft):
    services.session_finish(session=draft)
    with pytest.raises(ValidationError):
        services.session_abandon(session=draft)
    assert TrainingSession.objects.filter(pk=draft.pk).exists()


def test_logging_a_past_session_saves_it_finished_with_its_sets(routine, runner, squat):
    started = NOW - dt.timedelta(days=2)
    session = services.session_log_past(
        user=runner,
        started_at=started,
        sets=[services.SetInput(exercise=squat, set_number=n, reps=5, done=True) for n in (1, 2)],
        effort=5,
        now=NOW,
    )
    assert not session.is_draft
    assert session.started_at == started
    assert session.sets.filter(done=True).count() == 2


def test_a_past_session_more_than_a_day_ahead_is_refused(routine, runner):
    with pytest.raises(ValidationError) as error:
        services.session_log_past(
            user=runner,
            started_at=NOW + dt.timedelta(days=1, minutes=1),
            sets=[],
            warmup_done=True,
            now=NOW,
        )
    assert "started_at" in error.value.message_dict
    assert not TrainingSession.objects.exists()


def test_a_past_session_before_1970_is_refused(routine, runner):
    with pytest.raises(ValidationError) as error:
        services.session_log_past(
            user=runner,
            started_at=dt.datetime(1969, 12, 31, 23, tzinfo=dt.UTC),
            sets=[],
            warmup_done=True,
            now=NOW,
        )
    assert "before 1970" in str(error.value.message_dict["started_at"])
    assert not TrainingSession.objects.exists()


def test_a_past_session_with_a_bad_set_saves_nothing(routine, runner, squat):
    with pytest.raises(ValidationError):
        services.session_log_past(
            user=runner,
            started_at=NOW,
            sets=[services.SetInput(exercise=squat, set_number=1, reps=500, done=True)],
            now=NOW,
        )
    assert not TrainingSession.objects.exists()


def test_moving_a_finished_session_keeps_its_length(runner):
    session = TrainingSessionFactory(user=runner, started_at=NOW)
    length = session.finished_at - session.started_at
    moved = services.session_update(
        session=session, started_at=NOW - dt.timedelta(days=3), effort=4, notes="x", now=NOW
    )
    moved.refresh_from_db()
    assert moved.started_at == NOW - dt.timedelta(days=3)
    assert moved.finished_at - moved.started_at == length
    assert (moved.effort, moved.notes) == (4, "x")


def test_correcting_a_set_keeps_the_same_row(runner, squat):
    entry = SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat, reps=5)
    services.set_update(entry=entry, reps=3, load_kg=Decimal("8"), done=False)
    entry.refresh_from_db()
    assert (entry.reps, entry.load_kg, entry.done) == (3, Decimal("8"), False)


def test_deleting_a_session_deletes_its_sets(runner, squat):
    entry = SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat)
    services.session_delete(session=entry.session)
    assert not SetEntry.objects.exists()


def test_choosing_a_slot_option_is_remembered_and_replaced(routine, runner):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    single = Exercise.objects.get(slug="single-leg-deadlift")
    services.slot_choose(user=runner, slot=slot, exercise=swing)
    services.slot_choose(user=runner, slot=slot, exercise=single)
    assert SlotChoice.objects.get(user=runner, slot=slot).exercise == single


def test_choosing_an_exercise_the_slot_does_not_offer_is_refused(routine, runner, squat):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    with pytest.raises(ValidationError):
        services.slot_choose(user=runner, slot=slot, exercise=squat)


def test_skipping_a_move_and_taking_it_back(draft, squat):
    services.move_skip(session=draft, exercise=squat)
    assert list(draft.skipped_exercises.all()) == [squat]
    services.move_skip(session=draft, exercise=squat, skipped=False)
    assert not draft.skipped_exercises.exists()


def test_the_warm_up_tick_is_saved(draft):
    services.warmup_mark(session=draft)
    draft.refresh_from_db()
    assert draft.warmup_done


def test_start_time_may_be_up_to_a_day_ahead():
    now = timezone.now()
    services.check_start_time(now + dt.timedelta(days=1), now=now)
    with pytest.raises(ValidationError):
        services.check_start_time(now + dt.timedelta(days=1, seconds=1), now=now)


def test_a_per_side_row_is_saved_whole_or_not_at_all(draft, lunge):
    with pytest.raises(ValidationError):
        services.set_row_log(
            session=draft,
            exercise=lunge,
            set_number=1,
            sides={"left": {"reps": 5}, "right": {"reps": 500}},
        )
    assert not draft.sets.exists()


def test_a_row_saves_both_sides_of_a_per_side_set(draft, lunge):
    entries = services.set_row_log(
        session=draft,
        exercise=lunge,
        set_number=2,
        sides={"left": {"reps": 5, "load_kg": Decimal(4)}, "right": {"reps": 4}},
    )
    assert [(e.side, e.reps) for e in entries] == [("left", 5), ("right", 4)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    writes=st.lists(
        st.tuples(st.integers(1, 4), st.integers(0, 100), st.booleans()), min_size=1, max_size=8
    )
)
def test_any_sequence_of_ticks_leaves_one_row_per_set_holding_the_last_values(draft, squat, writes):
    draft.sets.all().delete()
    for number, reps, done in writes:
        services.set_log(session=draft, exercise=squat, set_number=number, reps=reps, done=done)
    last = {number: (reps, done) for number, reps, done in writes}
    saved = {e.set_number: (e.reps, e.done) for e in draft.sets.all()}
    assert saved == last


def test_a_past_session_with_nothing_ticked_is_refused(routine, runner, squat):
    with pytest.raises(ValidationError):
        services.session_log_past(
            user=runner,
            started_at=NOW,
            sets=[services.SetInput(exercise=squat, set_number=1, reps=5, done=False)],
            now=NOW,
        )
    assert not TrainingSession.objects.exists()


# The warm-up and the rest timer --------------------------------------------------------------


@pytest.fixture
def breathing(routine):
    return Exercise.objects.get(slug="balloon-breathing")


def test_a_breathing_round_starts_no_rest(draft, breathing):
    services.set_log(session=draft, exercise=breathing, set_number=1, breaths=5, now=NOW)
    draft.refresh_from_db()
    assert draft.rest_ends_at is None


def test_ticking_every_breathing_round_is_the_warm_up_done(draft, breathing):
    for number in (1, 2, 3):
        services.set_log(session=draft, exercise=breathing, set_number=number, breaths=5)
    draft.refresh_from_db()
    assert draft.warmup_done


def test_two_breathing_rounds_of_three_are_not_the_warm_up_done(draft, breathing):
    for number in (1, 2):
        services.set_log(session=draft, exercise=breathing, set_number=number, breaths=5)
    draft.refresh_from_db()
    assert not draft.warmup_done


def test_taking_back_a_round_of_a_done_warm_up_undoes_it(draft, breathing):
    for number in (1, 2, 3):
        services.set_log(session=draft, exercise=breathing, set_number=number, breaths=5)
    services.set_log(session=draft, exercise=breathing, set_number=2, breaths=5, done=False)
    draft.refresh_from_db()
    assert not draft.warmup_done


def test_a_round_ticked_after_the_warm_up_tick_keeps_it_done(draft, breathing):
    services.warmup_mark(session=draft)
    services.set_log(session=draft, exercise=breathing, set_number=1, breaths=5)
    draft.refresh_from_db()
    assert draft.warmup_done


def test_thirty_more_seconds_of_rest_count_from_the_rests_end(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=NOW)
    services.rest_change(session=draft, add_seconds=30, now=NOW + dt.timedelta(seconds=10))
    draft.refresh_from_db()
    assert draft.rest_ends_at == NOW + dt.timedelta(seconds=90 + 30)


def test_thirty_more_seconds_after_the_rest_is_over_count_from_now(draft):
    services.rest_change(session=draft, add_seconds=30, now=NOW)
    assert draft.rest_ends_at == NOW + dt.timedelta(seconds=30)


def test_skipping_the_rest_stops_it(draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=1, reps=5, now=NOW)
    services.rest_change(session=draft, add_seconds=None)
    draft.refresh_from_db()
    assert draft.rest_ends_at is None
