"""Files that cannot be imported, or rows that cannot: a clear message, and nothing changes."""

import codecs
import os

import pytest

from apps.portability.models import PendingImport
from apps.portability.records import FileRejected
from apps.training.models import TrainingSession
from tests.portability.conftest import sample

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def strong(*rows: str) -> bytes:
    return (STRONG_HEADER + "".join(f"{row}\n" for row in rows)).encode()


def rejected(preview, runner, content: bytes) -> str:
    with pytest.raises(FileRejected) as error:
        preview(runner, content)
    assert not PendingImport.objects.exists()
    assert not TrainingSession.objects.exists()
    return str(error.value)


def test_an_empty_file_is_refused(runner, preview):
    assert rejected(preview, runner, b"") == "The file is empty."


def test_a_file_of_blank_lines_is_refused_as_empty(runner, preview):
    assert rejected(preview, runner, b"\r\n\n  \n") == "The file is empty."


def test_binary_garbage_is_refused(runner, preview):
    message = rejected(preview, runner, os.urandom(4096) + b"\x00\x81\x8d")
    assert "not a CSV or JSON text file" in message


def test_a_spreadsheet_is_refused_as_binary(runner, preview):
    message = rejected(preview, runner, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64)
    assert "not a CSV or JSON text file" in message


def test_a_file_over_the_size_limit_is_refused(runner, preview):
    message = rejected(preview, runner, b"x" * (50 * 1024 * 1024))
    assert message.startswith("The file is 50.0 MB; Legwork imports files up to 10 MB.")


def test_a_csv_of_another_kind_is_refused_as_the_wrong_format(runner, preview):
    message = rejected(preview, runner, b"name,email\nAda,ada@example.com\n")
    assert "not an export Legwork knows" in message


def test_legworks_own_csv_is_refused_with_a_pointer_to_the_json(runner, preview):
    message = rejected(preview, runner, b"session_start,local_date,exercise_slug\n")
    assert "import Legwork's JSON export instead" in message


def test_a_json_file_that_is_not_a_legwork_export_is_refused(runner, preview):
    assert "not a Legwork export" in rejected(preview, runner, b'{"workouts": []}')


def test_broken_json_is_refused_with_its_line(runner, preview):
    assert "line 2" in rejected(preview, runner, b'{"format": "legwork",\n "version": }')


def test_a_strong_file_missing_a_column_names_the_column(runner, preview):
    content = (
        b"Date,Workout Name,Exercise Name,Set Order,Weight\n2025-01-01 10:00:00,A,Squat,1,50\n"
    )
    message = rejected(preview, runner, content)
    assert message.startswith("This looks like a Strong export, but the column “Reps” is missing.")


def test_a_hevy_file_missing_the_weight_column_says_so(runner, preview):
    content = b"title,start_time,exercise_title,set_index,set_type,reps\n"
    assert "“weight_kg” (or “weight_lbs”) is missing" in rejected(preview, runner, content)


def test_a_fitnotes_file_missing_columns_names_them(runner, preview):
    content = b"Date,Exercise,Category,Weight\n2024-01-01,Squat,Legs,50\n"
    assert "the column “Reps” is missing" in rejected(preview, runner, content)


def test_dates_that_do_not_parse_are_listed_with_their_line_numbers(runner, preview):
    summary = preview(
        runner,
        strong(
            "2025-01-06 07:00:00,A,45m,Squat,1,50,5,0,0,,,",
            "yesterday morning,A,45m,Squat,1,50,5,0,0,,,",
            "2025-13-45 07:00:00,A,45m,Squat,2,50,5,0,0,,,",
        ),
    ).summary
    assert summary["sessions"] == 1
    assert [row["where"] for row in summary["skipped"]] == ["line 3", "line 4"]
    assert "“yesterday morning” is not a date" in summary["skipped"][0]["reason"]


def test_a_date_in_the_future_is_rejected(runner, preview):
    summary = preview(runner, strong("2999-01-01 07:00:00,A,45m,Squat,1,50,5,0,0,,,")).summary
    assert summary["skipped"][0]["reason"] == "date 2999-01-01 07:00:00 is in the future"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("2025-01-06 07:00:00,A,,Squat,1,-20,5,0,0,,,", "weight -20 is negative"),
        ("2025-01-06 07:00:00,A,,Squat,1,50,-5,0,0,,,", "reps -5 is negative"),
        ("2025-01-06 07:00:00,A,,Squat,1,50,500,0,0,,,", "reps 500 is above 100"),
        ("2025-01-06 07:00:00,A,,Squat,1,5000,5,0,0,,,", "weight 5000 kg is above 500 kg"),
        ("2025-01-06 07:00:00,A,,Plank,1,0,0,0,99999,,,", "seconds 99999 is above 3600"),
        ("2025-01-06 07:00:00,A,,Squat,1,50,2.5,0,0,,,", "reps 2.5 is not a whole number"),
        ("2025-01-06 07:00:00,A,,Squat,1,lots,5,0,0,,,", "weight “lots” is not a number"),
        ("2025-01-06 07:00:00,A,,Squat,1,50,5,0,0,,,42", "RPE 42 is above 10"),
        ("2025-01-06 07:00:00,A,,Squat,X,50,5,0,0,,,", "Set Order “X” is not a set number"),
        ("2025-01-06 07:00:00,A,,Squat,1,NaN,5,0,0,,,", "weight “NaN” is not a number"),
    ],
)
def test_negative_or_absurd_numbers_are_rejected_with_the_line(runner, preview, row, reason):
    summary = preview(
        runner, strong("2025-01-06 07:00:00,A,,Squat,1,50,5,0,0,,,", row), unit="kg"
    ).summary
    assert summary["skipped_count"] == 1
    assert summary["skipped"][0]["where"] == "line 3"
    assert summary["skipped"][0]["reason"].startswith(reason)
    assert summary["sets"] == 1


def test_a_file_where_every_row_is_bad_previews_nothing_to_import(runner, preview):
    summary = preview(runner, strong("soon,A,,Squat,1,50,5,0,0,,,")).summary
    assert (summary["sessions"], summary["skipped_count"]) == (0, 1)


def test_utf8_with_a_byte_order_mark_is_read(runner, preview):
    content = codecs.BOM_UTF8 + sample("strong_semicolon_kg.csv")
    assert preview(runner, content).summary["sessions"] == 2


def test_windows_1252_is_read(runner, imported):
    text = sample("strong_semicolon_kg.csv").decode("utf-8")
    imported(runner, text.encode("cp1252"))
    assert TrainingSession.objects.get(started_at__day=1).notes.startswith("Kraft für Läufer")


def test_utf16_with_a_byte_order_mark_is_read(runner, preview):
    content = sample("hevy_kg.csv").decode("utf-8").encode("utf-16")
    assert preview(runner, content).summary["sessions"] == 2


def test_windows_line_endings_and_a_quoted_multiline_note_keep_line_numbers(runner, preview):
    content = (
        STRONG_HEADER
        + '2025-01-06 07:00:00,A,,Squat,1,50,5,0,0,"two\nlines",,\r\n'
        + "2025-01-06 07:00:00,A,,Squat,1,-1,5,0,0,,,\r\n"
    ).encode()
    assert preview(runner, content).summary["skipped"][0]["where"] == "line 4"


def test_deeply_nested_json_is_refused(runner, preview):
    assert "nested too deeply" in rejected(preview, runner, b"[" * 100_000 + b"]" * 100_000)


def test_a_legwork_session_whose_sets_are_not_a_list_is_skipped(runner, preview):
    content = (
        b'{"format": "legwork", "version": 1, "sessions": '
        b'[{"started_at": "2025-01-06T07:00:00+00:00", "sets": 5}]}'
    )
    summary = preview(runner, content).summary
    assert summary["skipped"] == [{"where": "session 1", "reason": "its sets are not a list"}]


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Auckland"])
def test_dates_at_the_ends_of_the_calendar_are_rejected_not_crashed_on(preview, zone):
    from tests.factories import UserFactory

    runner = UserFactory(timezone=zone)
    summary = preview(
        runner,
        strong(
            "9999-12-31 23:59:59,A,,Squat,1,50,5,0,0,,,",
            "0001-01-01 00:00:00,A,,Squat,1,50,5,0,0,,,",
        ),
    ).summary
    assert [row["reason"].split(" is ")[1] for row in summary["skipped"]] == [
        "in the future",
        "before 1970",
    ]
