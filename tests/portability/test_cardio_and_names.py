"""Rows the apps write that are not what they first look like: endurance work logged by time
(not a strength set), FitNotes names with an unquoted comma, and Strong's workout duration in
every layout. The expected counts are read off the sample files by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from apps.portability.matching import is_endurance
from apps.portability.reading import read_upload
from apps.portability.records import ENDURANCE_REASON
from apps.training.models import SetEntry, TrainingSession
from tests.portability.conftest import sample

LONDON = ZoneInfo("Europe/London")


def read(name: str, *, unit: str = "kg"):
    return read_upload(sample(name), unit=unit, keep_warmups=True, zone=LONDON)


def names_by_session(parsed) -> list[list[str]]:
    return [[s.exercise_name for s in session.sets] for session in parsed.sessions]


def skipped(parsed) -> list[tuple[str, str]]:
    return [(row.where, row.reason) for row in parsed.skipped]


# Cardio -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Running", ""),
        ("Running (Treadmill)", ""),
        ("Treadmill", ""),
        ("Cycling (Indoor)", ""),
        ("Spinning", ""),
        ("Rowing Machine", ""),
        ("Walking", ""),
        ("Stair Machine (Floors)", ""),
        ("Jump Rope", ""),
        ("Elliptical Trainer", ""),
        ("Swimming", ""),
        ("Yoga", ""),
        ("Aerobics", ""),
        ("Anything at all", "Cardio"),
    ],
)
def test_endurance_work_is_recognised_by_category_or_name(name, category):
    assert is_endurance(name, category)


@pytest.mark.parametrize(
    "name",
    [
        "Walking Lunge (Dumbbell)",
        "Farmer's Walk",
        "Bent Over Row (Barbell)",
        "Seated Row (Cable)",
        "Bicycle Crunch",
        "Plank",
        "Squat (Barbell)",
        "Burpee",
        "Superman Swimmers",
    ],
)
def test_strength_moves_with_endurance_sounding_words_stay_strength(name):
    assert not is_endurance(name)


def test_strong_time_only_cardio_is_skipped_and_a_cardio_only_workout_makes_no_session():
    parsed = read("strong_cardio.csv")
    # Workout of 2025-06-01 holds only Aerobics and Cycling: no session.
    assert names_by_session(parsed) == [
        ["Squat (Barbell)", "Squat (Barbell)", "Burpee", "Walking Lunge (Dumbbell)", "Plank"]
    ]
    assert skipped(parsed) == [
        ("line 2", ENDURANCE_REASON),
        ("line 3", ENDURANCE_REASON),  # 7200 seconds: the cardio reason, not "above 3600"
        ("line 7", ENDURANCE_REASON),
        ("line 8", ENDURANCE_REASON),
    ]


def test_hevy_time_only_cardio_is_skipped_and_reps_stay_strength():
    parsed = read("hevy_cardio.csv")
    assert names_by_session(parsed) == [["Squat (Barbell)", "Squat (Barbell)", "Burpee", "Plank"]]
    burpee = parsed.sessions[0].sets[2]
    assert (burpee.reps, burpee.seconds) == (12, None)
    assert skipped(parsed) == [
        ("line 2", ENDURANCE_REASON),
        ("line 3", ENDURANCE_REASON),
        ("line 6", ENDURANCE_REASON),
        ("line 8", ENDURANCE_REASON),
    ]


def test_fitnotes_cardio_goes_by_its_category_and_burpees_with_reps_stay():
    parsed = read("fitnotes_cardio.csv")
    assert names_by_session(parsed) == [
        ["Barbell Squat", "Barbell Squat", "Burpees"],
        ["Plank"],
    ]
    assert skipped(parsed) == [
        ("line 4", ENDURANCE_REASON),
        ("line 6", ENDURANCE_REASON),  # 2:00:00 on a bike
        ("line 7", ENDURANCE_REASON),
        ("line 8", ENDURANCE_REASON),
        ("line 10", ENDURANCE_REASON),  # Yoga, by its name, 1:30:00
    ]


@pytest.mark.usefixtures("routine")
def test_a_cardio_only_workout_adds_no_counted_session(runner, imported, db):
    result = imported(runner, sample("hevy_cardio.csv"))
    assert (result.sessions, result.sets) == (1, 4)
    assert TrainingSession.objects.of(runner).counted().count() == 1
    assert not SetEntry.objects.filter(exercise__name__in=["Running", "Treadmill"]).exists()


# FitNotes names with a comma ------------------------------------------------------------------


def test_fitnotes_names_with_an_unquoted_comma_are_rebuilt():
    parsed = read("fitnotes_comma_names.csv")
    assert names_by_session(parsed) == [
        [
            "Overhead Press (Each Side, Dumbbells)",
            "Overhead Press (Each Side, Dumbbells)",
            "Split Squat (Rear Foot Elevated, Dumbbells)",
            "Lateral Lunge",
        ],
        ["Overhead Press (Each Side, Dumbbells)"],  # the trailing empty fields left off
    ]
    first = parsed.sessions[0].sets
    assert [(s.reps, s.load_kg) for s in first] == [
        (5, Decimal("8.0")),
        (5, Decimal("8.0")),
        (8, Decimal("12.5")),
        (6, Decimal("10.0")),
    ]


def test_a_fitnotes_comment_with_a_comma_stays_the_comment():
    parsed = read("fitnotes_comma_names.csv")
    assert "Lateral Lunge: Felt good, left side tight" in parsed.sessions[0].notes


def test_a_fitnotes_line_that_fits_no_way_says_it_has_too_many_fields():
    assert skipped(read("fitnotes_comma_names.csv")) == [
        (
            "line 6",
            "the line has too many fields: 11 where the header has 10, and the extra ones "
            "cannot be told to belong to the exercise name",
        )
    ]


# Strong's workout duration --------------------------------------------------------------------


def test_strongs_android_semicolon_layout_reads_the_workout_duration():
    parsed = read("strong_android_semicolon.csv")
    lengths = [session.finished_at - session.started_at for session in parsed.sessions]
    assert lengths == [
        dt.timedelta(minutes=17),
        dt.timedelta(hours=1, minutes=8),
        dt.timedelta(hours=1),
        dt.timedelta(seconds=45),
    ]
    assert parsed.sessions[0].sets[1].load_kg == Decimal("42.5")


def test_strongs_comma_layout_reads_hours_and_minutes():
    session = read("strong_cardio.csv").sessions[0]
    assert session.finished_at - session.started_at == dt.timedelta(hours=1, minutes=8)


@pytest.mark.usefixtures("routine")
def test_the_duration_is_stored_as_the_sessions_length(runner, imported):
    imported(runner, sample("strong_android_semicolon.csv"))
    stored = TrainingSession.objects.filter(user=runner).order_by("started_at")
    assert [int((s.finished_at - s.started_at).total_seconds()) for s in stored] == [
        17 * 60,
        68 * 60,
        3600,
        45,
    ]


# Sessions, sets and volume, counted off the files by hand -------------------------------------


@pytest.mark.usefixtures("routine")
@pytest.mark.parametrize(
    ("name", "sessions", "sets", "volume_kg"),
    [
        # Squat 2 x 5 x 60; Burpee, Walking Lunge (timed), Plank carry no volume.
        ("strong_cardio.csv", 1, 5, Decimal("600")),
        # Squat 2 x 5 x 60; Burpee and Plank none.
        ("hevy_cardio.csv", 1, 4, Decimal("600")),
        # Squat 2 x 5 x 60 and Burpees on the 5th; Plank on the 8th.
        ("fitnotes_cardio.csv", 2, 4, Decimal("600")),
        # 3 x 5 x 8 overhead press, 8 x 12.5 split squat, 6 x 10 lateral lunge.
        ("fitnotes_comma_names.csv", 2, 5, Decimal("280")),
        # 5 x 40 + 5 x 42.5 squat, 5 x 30 deadlift, Plank, 15 x 16 swing, Dead Bug.
        ("strong_android_semicolon.csv", 4, 6, Decimal("802.5")),
        # 2 x 5 x 80 + 8 x 24 + 8 x 70 + 5 x 100; 8 x 60 + 2 x 8 x 22.5; band squats none.
        ("hevy_lift_variants.csv", 3, 11, Decimal("2892")),
    ],
)
def test_each_file_imports_the_sessions_sets_and_volume_it_holds(
    runner, imported, name, sessions, sets, volume_kg
):
    result = imported(runner, sample(name), unit="kg")
    assert (result.sessions, result.sets) == (sessions, sets)
    entries = SetEntry.objects.filter(session__user=runner)
    volume = sum(entry.load_kg * entry.reps for entry in entries if entry.load_kg and entry.reps)
    assert volume == volume_kg
