"""Preview then commit: what is written, what is matched, and that nothing is written twice."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from apps.accounts.units import to_kg
from apps.exercises.models import Exercise
from apps.exercises.selectors import routine_exercises
from apps.portability import services
from apps.portability.models import PendingImport
from apps.training import caching
from apps.training.models import SetEntry, TrainingSession
from tests.factories import UserFactory
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")


def test_a_preview_writes_no_session(runner, preview):
    preview(runner, sample("strong_comma_lb.csv"))
    assert not TrainingSession.objects.exists()
    assert PendingImport.objects.filter(user=runner).count() == 1


def test_the_preview_summarises_sessions_sets_dates_and_skips(runner, preview):
    summary = preview(runner, sample("strong_comma_lb.csv"), unit="lb").summary
    assert (summary["sessions"], summary["sets"]) == (3, 22)
    assert (summary["first_date"], summary["last_date"]) == ("2025-03-03", "2025-03-09")
    assert summary["skipped"] == [
        {
            "where": "line 21",
            "reason": "cardio/endurance: not a strength set; runs will be imported once "
            "Legwork keeps runs",
        }
    ]


def test_the_preview_lists_matched_and_unmatched_names(runner, preview):
    exercises = preview(runner, sample("strong_comma_lb.csv")).summary["exercises"]
    by_name = {", ".join(item["names"]): item for item in exercises}
    assert by_name["Goblet Squat"]["target"] == "Squat"
    assert by_name["Goblet Squat"]["matched"]
    assert by_name["Bench Press (Barbell)"]["new_custom"]
    # A barbell squat is like the routine's squat, not it: proposed, not merged.
    assert by_name["Squat (Barbell)"]["new_custom"]
    assert by_name["Squat (Barbell)"]["similar"] == "Squat"


def test_a_newer_upload_replaces_the_unconfirmed_one(runner, preview):
    preview(runner, sample("strong_comma_lb.csv"))
    latest = preview(runner, sample("hevy_kg.csv"))
    assert list(PendingImport.objects.filter(user=runner)) == [latest]


def test_commit_writes_finished_sessions_with_their_sets(runner, imported):
    result = imported(runner, sample("strong_comma_lb.csv"), unit="lb")
    assert (result.sessions, result.sets) == (3, 22)
    sessions = TrainingSession.objects.filter(user=runner)
    assert sessions.count() == 3
    assert all(session.finished_at for session in sessions)
    assert set(sessions.values_list("source", flat=True)) == {"strong"}


def test_committed_loads_are_the_files_pounds_in_kilograms(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"), unit="lb")
    squat = SetEntry.objects.filter(exercise__name="Squat (Barbell)", set_number=2).earliest(
        "session__started_at"
    )
    assert squat.load_kg == to_kg(95, "lb")


def test_imported_sessions_count_for_adherence(runner, imported):
    imported(runner, sample("hevy_kg.csv"))
    assert TrainingSession.objects.of(runner).counted().count() == 2


def test_matched_names_land_on_the_routines_moves(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    slugs = set(SetEntry.objects.values_list("exercise__slug", flat=True))
    assert {"squat", "single-leg-deadlift", "plank", "lateral-lunge", "deadbug"} <= slugs


def test_two_spellings_of_one_move_in_one_session_are_numbered_together(runner, imported):
    imported(runner, sample("hevy_lbs.csv"), keep_warmups=False)
    numbers = SetEntry.objects.filter(exercise__slug="squat").values_list("set_number", flat=True)
    assert sorted(numbers) == [1, 2]


def test_unmatched_names_become_the_runners_private_custom_exercises(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    bench = Exercise.objects.get(name="Bench Press (Barbell)")
    assert bench.owner == runner
    assert bench.load_kind == Exercise.LoadKind.BARBELL
    assert bench not in routine_exercises()


def test_a_timed_custom_exercise_is_measured_in_seconds(runner, imported):
    imported(runner, sample("fitnotes.csv"))
    # FitNotes' "Plank" matches the routine; "Dead Bug" too: build a timed custom one.
    content = (
        b"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
    )
    content += b"2024-12-01,Wall Sit,Legs,,,,,,0:01:30,\n"
    imported(runner, content)
    assert Exercise.objects.get(owner=runner, name="Wall Sit").measure == "seconds"


def test_another_runners_import_reuses_nothing_of_the_first(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    other = UserFactory()
    imported(other, sample("strong_comma_lb.csv"))
    assert Exercise.objects.filter(name="Bench Press (Barbell)").count() == 2
    assert TrainingSession.objects.filter(user=other).count() == 3


def test_importing_the_same_file_twice_adds_nothing_the_second_time(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    second = imported(runner, sample("strong_comma_lb.csv"))
    assert (second.sessions, second.sets, second.already_imported) == (0, 0, 3)
    assert TrainingSession.objects.filter(user=runner).count() == 3
    assert Exercise.objects.filter(owner=runner, name="Bench Press (Barbell)").count() == 1


def test_the_second_preview_says_the_sessions_are_already_there(runner, imported, preview):
    imported(runner, sample("fitnotes.csv"))
    summary = preview(runner, sample("fitnotes.csv")).summary
    assert (summary["sessions"], summary["already_imported"]) == (0, 3)


def test_a_file_overlapping_an_earlier_import_adds_only_the_new_sessions(runner, imported):
    imported(runner, sample("hevy_lbs.csv"))
    both = sample("hevy_lbs.csv") + sample("hevy_lbs.csv").split(b"\n", 1)[1].replace(
        b"Aug 2025", b"Sep 2025"
    )
    result = imported(runner, both)
    assert (result.sessions, result.already_imported) == (2, 2)


def test_the_commit_is_all_or_nothing(runner, preview, monkeypatch):
    pending = preview(runner, sample("strong_comma_lb.csv"))

    def fail(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(SetEntry.objects, "bulk_create", fail)
    with pytest.raises(services.FileRejected):
        services.import_commit(user=runner, pending=pending)
    assert not TrainingSession.objects.filter(user=runner).exists()
    assert not Exercise.objects.filter(owner=runner).exists()
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_a_runner_cannot_commit_another_runners_upload(runner, stranger, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    with pytest.raises(PermissionError):
        services.import_commit(user=stranger, pending=pending)


def test_warmup_sets_are_stored_as_warmups(runner, imported):
    imported(runner, sample("hevy_kg.csv"))
    warmups = SetEntry.objects.filter(is_warmup_set=True)
    assert [(entry.exercise.name, entry.load_kg) for entry in warmups] == [
        ("Squat (Barbell)", Decimal("20"))
    ]


def test_one_exercise_with_two_kinds_of_equipment_becomes_two_custom_exercises(runner, imported):
    row = '"2025-04-03 19:10:00";"Abend";"";"Hip Thrust (Dumbbell)";"1";"30";"8";"";"";"";"";""'
    content = sample("strong_semicolon_kg.csv") + f"{row}\r\n".encode()
    imported(runner, content)
    names = set(
        Exercise.objects.filter(owner=runner, name__startswith="Hip Thrust").values_list(
            "name", flat=True
        )
    )
    assert names == {"Hip Thrust (Barbell)", "Hip Thrust (Dumbbell)"}


def test_a_later_import_reuses_the_runners_custom_exercise_by_name(runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    imported(runner, sample("hevy_kg.csv"))
    content = (
        b"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
    )
    content += b"2024-12-01,bench press (barbell),Chest,50,kgs,5,,,,\n"
    result = imported(runner, content)
    assert result.exercises_created == 0
    assert Exercise.objects.filter(owner=runner, name__iexact="bench press (barbell)").count() == 1


def test_an_import_shows_at_once_on_the_cached_progress_page(runner, runner_client, imported):
    before = caching.history_version(runner.pk)
    runner_client.get("/progress/")
    imported(runner, sample("hevy_kg.csv"))
    assert caching.history_version(runner.pk) > before
    assert "Bulgarian Split Squat" in runner_client.get("/progress/").content.decode()
