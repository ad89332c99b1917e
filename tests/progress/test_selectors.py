import datetime as dt

from apps.exercises.models import Exercise
from apps.progress import selectors
from tests.factories import SetEntryFactory, TrainingSessionFactory


def at_local(user, day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=user.zone)


def counted(user, started_at, exercise, **set_values):
    session = TrainingSessionFactory(user=user, started_at=started_at)
    SetEntryFactory(session=session, exercise=exercise, **set_values)
    return session


def test_drafts_and_warm_up_only_sessions_never_reach_the_progress_page(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    breathing = Exercise.objects.get(slug="balloon-breathing")
    today = dt.date(2026, 11, 25)
    counted(runner, at_local(runner, today, 7), squat)
    draft = TrainingSessionFactory(
        user=runner, started_at=at_local(runner, today, 9), finished_at=None
    )
    SetEntryFactory(session=draft, exercise=squat)
    counted(runner, at_local(runner, today - dt.timedelta(days=2), 7), breathing, breaths=5)
    progress = selectors.progress_overview(runner, today=today)
    assert progress.status.done == 1
    assert progress.totals[-1].sessions == 1
    assert [move.exercise.slug for move in progress.moves] == ["squat"]


def test_a_session_at_23_30_local_counts_on_that_day_though_it_is_tomorrow_in_utc(routine, runner):
    runner.timezone = "America/New_York"
    runner.save(update_fields=["timezone"])
    sunday = dt.date(2026, 11, 22)
    counted(runner, at_local(runner, sunday, 23, 30), Exercise.objects.get(slug="squat"))
    progress = selectors.progress_overview(runner, today=dt.date(2026, 11, 25))
    assert progress.weeks[0].days == (sunday,)
    assert progress.weeks[0].start == dt.date(2026, 11, 16)


def test_changing_the_timezone_re_buckets_every_session(routine, runner):
    sunday_night = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
    counted(runner, sunday_night, Exercise.objects.get(slug="squat"))
    before = selectors.progress_overview(runner, today=dt.date(2026, 11, 25))
    runner.timezone = "Asia/Tokyo"
    runner.save(update_fields=["timezone"])
    runner = type(runner).objects.get(pk=runner.pk)
    after = selectors.progress_overview(runner, today=dt.date(2026, 11, 25))
    assert before.weeks[0].days == (dt.date(2026, 11, 22),)
    assert after.weeks[-1].days == (dt.date(2026, 11, 23),)
    assert after.status.done == 1


def test_the_home_summary_plans_around_the_long_run_and_falls_back_without_it(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    tuesday, wednesday = dt.date(2026, 11, 24), dt.date(2026, 11, 25)
    counted(runner, at_local(runner, tuesday, 7), squat)
    runner.long_run_weekday = 4  # Friday, so Thursday is its eve
    runner.race_date = wednesday + dt.timedelta(days=10)
    planned = selectors.home_summary(runner, today=wednesday)
    assert planned.next_day.day == dt.date(2026, 11, 27)
    assert planned.taper.sets == 2
    runner.long_run_weekday = None
    runner.race_date = None
    plain = selectors.home_summary(runner, today=wednesday)
    assert plain.next_day.day == dt.date(2026, 11, 26)
    assert plain.taper is None


def test_sets_count_each_per_side_set_once(routine, runner):
    lunge = Exercise.objects.get(slug="lateral-lunge")
    session = TrainingSessionFactory(user=runner)
    for number in (1, 2):
        SetEntryFactory(session=session, exercise=lunge, set_number=number, side="left", load_kg=8)
        SetEntryFactory(session=session, exercise=lunge, set_number=number, side="right", load_kg=8)
    assert selectors.progress_overview(runner).totals[-1].sets == 2


def test_imported_warm_up_sets_neither_count_as_sets_nor_as_best_sets(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    session = TrainingSessionFactory(user=runner)
    SetEntryFactory(session=session, exercise=squat, set_number=1, load_kg=60, is_warmup_set=True)
    SetEntryFactory(session=session, exercise=squat, set_number=2, load_kg=40)
    progress = selectors.progress_overview(runner)
    assert progress.totals[-1].sets == 1
    assert progress.moves[0].best_sets[0].value == 40
    assert progress.moves[0].best_ever == 40


def test_the_per_move_series_covers_the_last_year_unless_asked_for_all_time(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    today = dt.date(2026, 11, 25)
    for day in (dt.date(2025, 6, 2), dt.date(2026, 6, 1)):
        counted(runner, at_local(runner, day, 7), squat, load_kg=30)
    year = selectors.progress_overview(runner, today=today)
    all_time = selectors.progress_overview(runner, today=today, series_since=None)
    assert [best.day for best in year.moves[0].best_sets] == [dt.date(2026, 6, 1)]
    assert len(all_time.moves[0].best_sets) == 2
    assert year.totals[-1].sessions == 2


def test_the_best_ever_leaves_out_a_heavier_set_in_a_draft(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    counted(runner, at_local(runner, dt.date(2026, 11, 23), 7), squat, load_kg=30)
    draft = TrainingSessionFactory(user=runner, finished_at=None)
    SetEntryFactory(session=draft, exercise=squat, load_kg=90)
    assert selectors.progress_overview(runner).moves[0].best_ever == 30


def test_the_best_ever_leaves_out_a_heavier_set_not_done(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    day = at_local(runner, dt.date(2026, 11, 23), 7)
    session = counted(runner, day, squat, set_number=1, load_kg=30)
    SetEntryFactory(session=session, exercise=squat, set_number=2, load_kg=90, done=False)
    assert selectors.progress_overview(runner).moves[0].best_ever == 30


def test_the_best_ever_leaves_out_another_runners_heavier_set(routine, runner, stranger):
    squat = Exercise.objects.get(slug="squat")
    counted(runner, at_local(runner, dt.date(2026, 11, 23), 7), squat, load_kg=30)
    counted(stranger, at_local(stranger, dt.date(2026, 11, 23), 7), squat, load_kg=90)
    assert selectors.progress_overview(runner).moves[0].best_ever == 30


def test_the_best_ever_of_a_hold_is_its_longest_and_of_a_bodyweight_move_its_most_reps(
    routine, runner
):
    plank = Exercise.objects.get(slug="plank")
    deadbug = Exercise.objects.get(slug="deadbug")
    day = at_local(runner, dt.date(2026, 11, 23), 7)
    session = counted(runner, day, plank, set_number=1, reps=None, seconds=45)
    SetEntryFactory(session=session, exercise=plank, set_number=2, reps=None, seconds=60)
    SetEntryFactory(session=session, exercise=deadbug, set_number=1, reps=8)
    SetEntryFactory(session=session, exercise=deadbug, set_number=2, reps=10)
    bests = {
        move.exercise.slug: move.best_ever for move in selectors.progress_overview(runner).moves
    }
    assert bests == {"plank": 60, "deadbug": 10}


def test_a_session_a_fraction_of_a_second_before_local_midnight_counts_on_that_day(routine, runner):
    tuesday = dt.date(2026, 11, 24)
    start = dt.datetime.combine(tuesday, dt.time(23, 59, 59, 900_000), tzinfo=runner.zone)
    counted(runner, start, Exercise.objects.get(slug="squat"))
    progress = selectors.progress_overview(runner, today=dt.date(2026, 11, 25))
    assert progress.weeks[-1].days == (tuesday,)
    assert selectors.home_summary(runner, today=dt.date(2026, 11, 25)).status.week.days == (
        tuesday,
    )
