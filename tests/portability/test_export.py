"""The exports: a CSV row per set with the documented columns, and a JSON document with
everything, both streamed."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse

from apps.accounts.units import to_kg
from apps.exercises.models import Exercise
from apps.portability.exporting import CSV_COLUMNS, session_chunks
from tests.factories import ExerciseFactory, SetEntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.usefixtures("routine")


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def history(runner):
    runner.unit = "lb"
    runner.timezone = "America/New_York"
    runner.save()
    squat = Exercise.objects.get(slug="squat")
    session = TrainingSessionFactory(
        user=runner,
        started_at=dt.datetime(2025, 3, 4, 2, 30, tzinfo=dt.UTC),
        effort=7,
        notes='Cold gym, "heavy" legs',
    )
    SetEntryFactory(session=session, exercise=squat, set_number=1, reps=5, load_kg=to_kg(95, "lb"))
    SetEntryFactory(session=session, exercise=squat, set_number=2, reps=4, load_kg=to_kg(95, "lb"))
    return session


def test_the_csv_has_the_documented_header(runner_client, history):
    rows = list(csv.reader(io.StringIO(body(runner_client.get("/settings/export/legwork.csv")))))
    assert rows[0] == CSV_COLUMNS


def test_the_csv_has_one_row_per_set_in_the_runners_time_and_unit(runner_client, history):
    text = body(runner_client.get("/settings/export/legwork.csv"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    first = rows[0]
    assert first["session_start"] == "2025-03-03T21:30:00-05:00"
    assert first["local_date"] == "2025-03-03"
    assert first["session_notes"] == 'Cold gym, "heavy" legs'
    assert (first["exercise_slug"], first["exercise_name"]) == ("squat", "Squat")
    assert (first["load_kg"], first["load"], first["unit"]) == ("43.091275", "95", "lb")
    assert (first["effort"], first["done"], first["warmup_set"]) == ("7", "yes", "no")


def test_the_csv_is_a_download(runner_client, history):
    response = runner_client.get("/settings/export/legwork.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="legwork-')


def test_the_json_has_profile_exercises_sessions_and_sets(runner_client, history, runner):
    ExerciseFactory(owner=runner, slug="bench-press", name="Bench press")
    document = json.loads(body(runner_client.get("/settings/export/legwork.json")))
    assert (document["format"], document["version"]) == ("legwork", 1)
    assert document["profile"]["unit"] == "lb"
    assert document["profile"]["timezone"] == "America/New_York"
    assert [item["slug"] for item in document["custom_exercises"]] == ["bench-press"]
    session = document["sessions"][0]
    assert session["started_at"] == "2025-03-03T21:30:00-05:00"
    assert session["sets"][1] == {
        "exercise": "squat",
        "set_number": 2,
        "side": "",
        "reps": 4,
        "seconds": None,
        "breaths": None,
        "load_kg": "43.091275",
        "done": True,
        "warmup_set": False,
    }


def test_an_empty_history_exports_valid_json(runner_client):
    document = json.loads(body(runner_client.get("/settings/export/legwork.json")))
    assert document["sessions"] == []


def test_an_export_holds_only_the_runners_own_data(runner_client, history, stranger):
    TrainingSessionFactory(user=stranger, notes="not yours")
    assert "not yours" not in body(runner_client.get("/settings/export/legwork.json"))
    assert "not yours" not in body(runner_client.get("/settings/export/legwork.csv"))


def test_the_json_export_streams_in_chunks_of_sessions(runner_client, runner):
    for day in range(3):
        TrainingSessionFactory(user=runner, started_at=dt.datetime(2024, 1, day + 1, tzinfo=dt.UTC))
    response = runner_client.get("/settings/export/legwork.json")
    pieces = list(response.streaming_content)
    assert len(pieces) == 5  # head, three sessions, tail
    assert len(json.loads(b"".join(pieces))["sessions"]) == 3


@pytest.mark.parametrize("url", ["/settings/export/legwork.csv", "/settings/export/legwork.json"])
def test_an_export_needs_a_signed_in_runner(client, url):
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("sessions", [1, 6])
def test_the_export_page_takes_the_same_queries_whatever_the_history(
    runner_client, runner, django_assert_num_queries, sessions
):
    for day in range(sessions):
        SetEntryFactory(
            session=TrainingSessionFactory(
                user=runner, started_at=dt.datetime(2024, 2, day + 1, tzinfo=dt.UTC)
            ),
            load_kg=Decimal("10"),
        )
    with django_assert_num_queries(2):  # session, user
        assert runner_client.get("/settings/export/").status_code == 200


@pytest.mark.parametrize("sessions", [2, 12])
def test_the_json_export_queries_per_chunk_not_per_session(
    runner_client, runner, django_assert_max_num_queries, sessions
):
    for day in range(sessions):
        SetEntryFactory(
            session=TrainingSessionFactory(
                user=runner, started_at=dt.datetime(2024, 2, day + 1, tzinfo=dt.UTC)
            )
        )
    response = runner_client.get("/settings/export/legwork.json")
    with django_assert_max_num_queries(4):  # custom exercises, sessions, their sets
        b"".join(response.streaming_content)


def test_sessions_are_read_in_chunks_by_start_then_id_without_gaps_or_repeats(runner):
    same_start = dt.datetime(2024, 5, 1, 7, 0, 0, 123456, tzinfo=dt.UTC)
    made = [TrainingSessionFactory(user=runner, started_at=same_start) for _ in range(3)]
    made += [
        TrainingSessionFactory(user=runner, started_at=dt.datetime(2024, 4, day, tzinfo=dt.UTC))
        for day in (3, 1, 2)
    ]
    chunks = list(session_chunks(runner, size=2))
    assert [len(chunk) for chunk in chunks] == [2, 2, 2]
    read = [session["id"] for chunk in chunks for session in chunk]
    expected = sorted(made, key=lambda session: (session.started_at, session.pk))
    assert read == [session.pk for session in expected]
