"""Files built to hurt the importer: numbers beyond Python's ranges and a flood of rows. Each is
refused with a message (a 400 JSON error in the API, a message beside the field on the page),
never a 500, and nothing is saved."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.portability import reading
from apps.portability.models import PendingImport
from apps.portability.records import FileRejected, rows_message
from apps.training.models import TrainingSession

HUGE = "9" * 100_000
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)
FITNOTES = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
JSON_SET = '{"exercise": "squat", "set_number": 1, "reps": 5}'


def legwork_json(version: str = "1", session: str = "", set_: str = JSON_SET) -> bytes:
    session = session or f'"started_at": "2025-03-03T07:00:00+00:00", "sets": [{set_}]'
    return f'{{"format": "legwork", "version": {version}, "sessions": [{{{session}}}]}}'.encode()


# An over-long or out-of-range number in every place a parser converts one, in every format.
OVER_LONG_NUMBERS = {
    "json version of 100,000 digits": legwork_json(version=HUGE),
    "json reps of 100,000 digits": legwork_json(
        set_=JSON_SET.replace('"reps": 5', f'"reps": {HUGE}')
    ),
    "json effort of 100,000 digits": legwork_json(
        session=f'"started_at": "2025-03-03T07:00:00+00:00", "effort": {HUGE}, "sets": []'
    ),
    "json load of 100,000 digits": legwork_json(
        set_=JSON_SET.replace("}", f', "load_kg": {HUGE}}}')
    ),
    "strong weight with a huge exponent": (
        STRONG + "2025-03-03 07:00:00,A,50m,Squat (Barbell),1,1e999999999,5,,,,,\n"
    ).encode(),
    "strong duration of 5,000 digits": (
        STRONG + f"2025-03-03 07:00:00,A,{HUGE[:5000]}m,Squat (Barbell),1,50,5,,,,,\n"
    ).encode(),
    "strong duration beyond any date": (
        STRONG + "2025-03-03 07:00:00,A,99999999999999s,Squat (Barbell),1,50,5,,,,,\n"
    ).encode(),
    "hevy weight with a huge exponent": (
        HEVY + '"A","3 Mar 2025, 07:00","3 Mar 2025, 07:50","","Squat (Barbell)",,"",0,'
        '"normal",1e999999999,5,,,\n'
    ).encode(),
    "fitnotes time of 5,000 digits": (
        FITNOTES + f"2025-03-03,Plank,Core,,,,,,0:{HUGE[:5000]},\n"
    ).encode(),
}


@pytest.mark.parametrize("content", OVER_LONG_NUMBERS.values(), ids=OVER_LONG_NUMBERS.keys())
def test_an_over_long_number_anywhere_refuses_the_file_with_a_message(runner, preview, content):
    with pytest.raises(FileRejected) as rejected:
        preview(runner, content)
    assert str(rejected.value) == reading.number_message()
    assert not PendingImport.objects.exists()


def test_a_100000_digit_version_is_a_400_json_error_in_the_api(runner_client):
    content = legwork_json(version=HUGE)
    response = runner_client.post(
        "/api/v1/imports/", {"file": SimpleUploadedFile("legwork.json", content)}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": [reading.number_message()]}
    assert not PendingImport.objects.exists()


def test_a_100000_digit_version_is_a_message_on_the_page(runner_client):
    response = runner_client.post(
        reverse("portability:import"),
        {
            "unit": "kg",
            "warmups": "keep",
            "file": SimpleUploadedFile("legwork.json", legwork_json(version=HUGE)),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [reading.number_message()]


def test_a_million_one_character_rows_are_refused_at_once(runner, preview):
    content = (STRONG + "1\n" * 1_000_000).encode()
    started = time.perf_counter()
    with pytest.raises(FileRejected) as rejected:
        preview(runner, content)
    elapsed = time.perf_counter() - started
    assert str(rejected.value) == rows_message(reading.MAX_IMPORT_ROWS)
    assert "250,000 rows" in str(rejected.value)
    # Refused by counting, not by parsing 250,000 rows first (which takes over 15 s here).
    assert elapsed < 5
    assert not TrainingSession.objects.exists()


def test_the_row_limit_is_counted_in_rows_not_lines(runner, preview, monkeypatch):
    monkeypatch.setattr(reading, "MAX_IMPORT_ROWS", 2)
    note = '"a note\nover\nfour\nlines"'
    two_rows = (
        STRONG
        + f"2025-03-03 07:00:00,A,50m,Squat (Barbell),1,50,5,,,{note},,\n"
        + f"2025-03-03 07:00:00,A,50m,Squat (Barbell),2,50,5,,,{note},,\n"
    ).encode()
    assert preview(runner, two_rows).summary["sets"] == 2
    with pytest.raises(FileRejected, match=r"more than 2 rows \(sets"):
        preview(runner, two_rows + b"2025-03-03 07:00:00,A,50m,Squat (Barbell),3,50,5,,,,,\n")


def test_a_million_rows_are_a_400_json_error_in_the_api(runner_client):
    content = (STRONG + "1\n" * 1_000_000).encode()
    response = runner_client.post(
        "/api/v1/imports/", {"file": SimpleUploadedFile("strong.csv", content)}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": [rows_message(reading.MAX_IMPORT_ROWS)]}


@pytest.mark.parametrize("entry", ["1", "{}"], ids=["numbers", "empty objects"])
def test_a_legwork_json_of_millions_of_sets_is_refused_at_once(runner, preview, entry):
    count = (10 * 1024 * 1024 - 200) // (len(entry) + 1)  # 3.5 to 5.2 million, in 10 MB
    content = legwork_json(set_=",".join([entry] * count))
    started = time.perf_counter()
    with pytest.raises(FileRejected) as rejected:
        preview(runner, content)
    assert str(rejected.value) == rows_message(reading.MAX_IMPORT_ROWS)
    # Counted once loaded, before any set is read (reading them all took 20 to 55 s here).
    assert time.perf_counter() - started < 10


def test_a_legwork_json_at_the_limit_is_read(runner, preview, monkeypatch):
    monkeypatch.setattr(reading, "MAX_IMPORT_ROWS", 3)  # one session and two sets
    two_sets = legwork_json(set_=f"{JSON_SET}, {JSON_SET.replace('1,', '2,')}")
    parsed = reading.read_upload(two_sets, unit="kg", keep_warmups=True, zone=runner.zone)
    assert parsed.set_count == 2
    with pytest.raises(FileRejected, match="more than 3 rows"):
        preview(runner, legwork_json(set_=", ".join([JSON_SET] * 3)))
