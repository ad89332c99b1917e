"""The demo-data generator (apps/training/demo.py): deterministic, sized and shaped like a real
runner's history, so the benchmarks measure the pages on lived-in accounts."""

import datetime as dt
import io
import itertools
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.accounts.units import from_kg
from apps.exercises.models import Exercise
from apps.training import demo
from apps.training.calendar import local_date, week_start
from apps.training.models import SetEntry, SlotChoice, TrainingSession

END = dt.date(2025, 6, 30)


def _history_rows(user):
    sessions = TrainingSession.objects.filter(user=user).order_by("started_at")
    sets = SetEntry.objects.filter(session__user=user).order_by("session__started_at", "id")
    return (
        list(sessions.values_list("started_at", "finished_at", "warmup_done", "effort", "notes")),
        list(
            sets.values_list(
                "exercise__slug", "set_number", "side", "reps", "seconds", "breaths", "load_kg"
            )
        ),
    )


@pytest.fixture
def year(routine, runner):
    """A year of a London runner's training, ending on a fixed day."""
    demo.seed_history(user=runner, weeks=52, seed=7, end=END)
    return runner


def test_the_same_seed_gives_the_same_history(routine, runner, stranger):
    demo.seed_history(user=runner, weeks=12, seed=3, end=END)
    demo.seed_history(user=stranger, weeks=12, seed=3, end=END)

    assert _history_rows(runner) == _history_rows(stranger)


def test_another_seed_gives_another_history(routine, runner, stranger):
    demo.seed_history(user=runner, weeks=12, seed=3, end=END)
    demo.seed_history(user=stranger, weeks=12, seed=4, end=END)

    assert _history_rows(runner) != _history_rows(stranger)


def test_it_returns_what_it_wrote(routine, runner):
    history = demo.seed_history(user=runner, weeks=12, seed=3, end=END)

    assert history.sessions == TrainingSession.objects.filter(user=runner).count()
    assert history.set_entries == SetEntry.objects.filter(session__user=runner).count()
    assert history.drafts == TrainingSession.objects.filter(user=runner, finished_at=None).count()


def test_a_year_holds_two_to_three_sessions_a_week_with_weeks_off(year):
    starts = TrainingSession.objects.of(year).counted().values_list("started_at", flat=True)
    weeks = Counter(week_start(local_date(start, year.zone), 0) for start in starts)

    assert 52 * 2 * 0.8 <= sum(weeks.values()) <= 52 * 3
    assert len(weeks) < 52  # holidays and illnesses leave whole weeks empty
    assert max(weeks.values()) >= 3


def test_sessions_stay_within_the_requested_weeks(year):
    days = {local_date(s.started_at, year.zone) for s in TrainingSession.objects.filter(user=year)}

    assert min(days) >= END - dt.timedelta(weeks=52)
    assert max(days) <= END


def test_some_sessions_come_back_to_back(year):
    days = sorted(
        {
            local_date(start, year.zone)
            for start in TrainingSession.objects.of(year)
            .counted()
            .values_list("started_at", flat=True)
        }
    )

    assert any((later - earlier).days == 1 for earlier, later in itertools.pairwise(days))


def test_it_leaves_drafts_and_warm_up_only_sessions_that_do_not_count(year):
    sessions = TrainingSession.objects.filter(user=year)
    finished = sessions.filter(finished_at__isnull=False)

    assert sessions.filter(finished_at=None).exists()
    assert TrainingSession.objects.of(year).counted().count() < finished.count()


def test_every_routine_move_is_logged(year):
    logged = set(
        SetEntry.objects.filter(session__user=year).values_list("exercise__slug", flat=True)
    )

    assert logged == set(Exercise.objects.filter(owner=None).values_list("slug", flat=True))


def test_per_side_moves_log_a_left_and_a_right_row_per_set(year):
    rows = SetEntry.objects.filter(session__user=year, exercise__per_side=True)
    sides = defaultdict(set)
    for session_id, exercise_id, number, side in rows.values_list(
        "session_id", "exercise_id", "set_number", "side"
    ):
        sides[(session_id, exercise_id, number)].add(side)

    assert sides
    assert all(found == {"left", "right"} for found in sides.values())


def test_each_move_is_measured_in_its_own_unit(year):
    rows = SetEntry.objects.filter(session__user=year)

    assert not rows.filter(exercise__slug="plank", seconds=None).exists()
    assert not rows.filter(exercise__slug="balloon-breathing", breaths=None).exists()
    assert not rows.filter(exercise__measure="reps", reps=None).exists()
    assert not rows.filter(exercise__load_kind="bodyweight", load_kg__isnull=False).exists()
    assert not rows.filter(exercise__load_kind="dumbbell", load_kg=None).exists()


def test_loads_progress_from_light(year):
    squats = SetEntry.objects.filter(session__user=year, exercise__slug="squat", set_number=1)
    loads = list(squats.order_by("session__started_at").values_list("load_kg", flat=True))

    assert loads[0] == demo.START_AND_LIMIT["kg"]["squat"][0]
    assert loads[-1] > loads[0]


def test_a_pound_runner_lifts_round_pounds(routine, runner):
    runner.unit = "lb"
    demo.seed_history(user=runner, weeks=12, seed=3, end=END)
    loads = SetEntry.objects.filter(session__user=runner, load_kg__isnull=False)
    pounds = [from_kg(load, "lb") for load in loads.values_list("load_kg", flat=True)]

    assert pounds
    assert all((amount * 2) % 1 == 0 for amount in pounds)  # whole or half pounds


def test_the_local_hour_stays_put_across_daylight_saving(year):
    starts = list(TrainingSession.objects.filter(user=year).values_list("started_at", flat=True))
    summer = Counter(s.astimezone(year.zone).hour for s in starts if s.month in (6, 7))
    winter = Counter(s.astimezone(year.zone).hour for s in starts if s.month in (12, 1))
    summer_utc = Counter(s.hour for s in starts if s.month in (6, 7))
    winter_utc = Counter(s.hour for s in starts if s.month in (12, 1))

    assert summer.most_common(1)[0][0] == winter.most_common(1)[0][0]
    assert summer_utc.most_common(1)[0][0] != winter_utc.most_common(1)[0][0]


def test_generated_rows_pass_the_models_validation(year):
    for session in TrainingSession.objects.filter(user=year)[:20]:
        session.full_clean()
    for entry in SetEntry.objects.filter(session__user=year)[:400]:
        entry.full_clean()


def test_it_remembers_the_last_choice_of_each_choice_slot(year):
    choices = SlotChoice.objects.filter(user=year)

    assert choices.count() == 2


def test_an_open_draft_is_the_latest_session_and_half_done(routine, runner):
    demo.seed_history(user=runner, weeks=4, seed=3, open_draft=True)
    latest = TrainingSession.objects.filter(user=runner).order_by("-started_at").first()

    assert latest.is_draft
    assert latest.sets.filter(done=True).exists()


def test_seed_demo_makes_runners_in_different_timezones_who_can_sign_in(routine, client):
    call_command("seed_demo", "--weeks", "3", "--users", "2", stdout=io.StringIO())
    first = User.objects.get(email=demo.DEMO_EMAIL)
    second = User.objects.get(email="demo+2@legwork.local")

    assert first.timezone != second.timezone
    assert first.training_sessions.exists()
    assert client.login(email=demo.DEMO_EMAIL, password=demo.DEMO_PASSWORD)


def test_seed_demo_again_replaces_the_history(routine):
    call_command("seed_demo", "--weeks", "3", stdout=io.StringIO())
    call_command("seed_demo", "--weeks", "3", stdout=io.StringIO())
    user = User.objects.get(email=demo.DEMO_EMAIL)

    assert user.training_sessions.count() <= 3 * 4
