"""Each known layout of each app, read from realistic sample files (tests/portability/samples)."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from apps.accounts.units import to_kg
from apps.portability.reading import read_upload
from tests.portability.conftest import sample

LONDON = ZoneInfo("Europe/London")


def read(name: str, *, unit: str = "kg", keep_warmups: bool = True):
    return read_upload(sample(name), unit=unit, keep_warmups=keep_warmups, zone=LONDON)


def sets_of(parsed, exercise_name: str):
    return [
        s for session in parsed.sessions for s in session.sets if s.exercise_name == exercise_name
    ]


def test_it_reads_strongs_comma_layout_in_the_unit_the_runner_names():
    parsed = read("strong_comma_lb.csv", unit="lb")
    assert parsed.layout == "Strong (comma-separated)"
    assert [len(session.sets) for session in parsed.sessions] == [11, 6, 5]
    assert sets_of(parsed, "Squat (Barbell)")[1].load_kg == to_kg(95, "lb")


def test_it_groups_strong_rows_into_sessions_by_date_with_the_duration():
    parsed = read("strong_comma_lb.csv", unit="lb")
    first = parsed.sessions[0]
    assert first.import_key == "strong:2025-03-03T07:02:11"
    assert (first.finished_at - first.started_at).total_seconds() == 52 * 60


def test_it_keeps_strong_warmup_sets_marked_as_warmups():
    squats = sets_of(read("strong_comma_lb.csv", unit="lb"), "Squat (Barbell)")
    assert [(s.set_number, s.is_warmup) for s in squats] == [
        (1, True),
        (2, False),
        (3, False),
        (4, False),
    ]


def test_it_leaves_warmup_sets_out_when_the_runner_chooses():
    parsed = read("strong_comma_lb.csv", unit="lb", keep_warmups=False)
    squats = sets_of(parsed, "Squat (Barbell)")
    assert [s.set_number for s in squats] == [1, 2, 3]
    assert parsed.warmups_left_out == 1


def test_it_ignores_rest_timer_and_note_rows_but_keeps_the_note_text():
    parsed = read("strong_comma_lb.csv", unit="lb")
    assert parsed.ignored_rows == 2
    assert "Lateral Lunge: Per side" in parsed.sessions[1].notes


def test_it_imports_drop_and_failure_sets_as_working_sets():
    bench = sets_of(read("strong_comma_lb.csv", unit="lb"), "Bench Press (Barbell)")
    assert [(s.reps, s.is_warmup) for s in bench] == [(5, False), (8, False)]


def test_it_reads_a_timed_plank_with_zero_reps_as_seconds():
    planks = sets_of(read("strong_comma_lb.csv", unit="lb"), "Plank")
    assert [(s.reps, s.seconds, s.load_kg) for s in planks] == [(None, 45, None), (None, 45, None)]


def test_it_takes_session_effort_from_the_hardest_sets_rpe():
    assert read("strong_comma_lb.csv", unit="lb").sessions[0].effort == 8


def test_it_lists_a_distance_only_row_as_skipped_with_its_line():
    skipped = read("strong_comma_lb.csv", unit="lb").skipped
    assert [(row.where, "cardio" in row.reason) for row in skipped] == [("line 21", True)]


def test_it_reads_strongs_semicolon_layout_with_kg_header_and_decimal_commas():
    parsed = read("strong_semicolon_kg.csv", unit="lb")
    assert parsed.layout == "Strong (semicolon-separated)"
    assert sets_of(parsed, "Squat (Barbell)")[1].load_kg == Decimal("42.5")
    assert parsed.sessions[0].effort == 8


def test_it_reads_duration_in_seconds_from_the_semicolon_layout():
    session = read("strong_semicolon_kg.csv").sessions[0]
    assert (session.finished_at - session.started_at).total_seconds() == 2700


def test_it_reads_strongs_semicolon_layout_with_lbs_header_whatever_the_runner_chose():
    parsed = read("strong_semicolon_lbs.csv", unit="kg")
    loads = [s.load_kg for s in sets_of(parsed, "Squat (Barbell)")]
    assert loads == [to_kg(135, "lb"), to_kg(135, "lb"), to_kg(Decimal("137.5"), "lb")]


def test_it_reads_strongs_older_layout_with_a_unit_on_every_row():
    parsed = read("strong_older.csv", unit="kg")
    assert parsed.layout == "Strong (older layout)"
    assert sets_of(parsed, "Squat (Barbell)")[1].load_kg == Decimal(50)
    assert sets_of(parsed, "Leg Press")[0].load_kg == to_kg(220, "lb")
    assert sets_of(parsed, "Deadlift (Barbell)")[0].load_kg == to_kg(135, "lb")


def test_it_reads_non_ascii_workout_names_from_strong():
    assert read("strong_semicolon_kg.csv").sessions[0].notes.startswith("Kraft für Läufer")


def test_it_reads_hevy_in_kg_with_its_date_format():
    parsed = read("hevy_kg.csv", unit="lb")
    first = parsed.sessions[0]
    assert first.started_at.isoformat() == "2025-07-26T07:06:00+01:00"
    assert first.finished_at.isoformat() == "2025-07-26T07:52:00+01:00"
    assert sets_of(parsed, "Squat (Barbell)")[1].load_kg == Decimal(50)


def test_it_numbers_hevy_sets_from_one_and_marks_warmups():
    squats = sets_of(read("hevy_kg.csv"), "Squat (Barbell)")
    assert [(s.set_number, s.is_warmup) for s in squats] == [
        (1, True),
        (2, False),
        (3, False),
        (4, False),
    ]


def test_it_reads_hevy_in_lbs():
    parsed = read("hevy_lbs.csv", unit="kg")
    assert sets_of(parsed, "Squat (Dumbbell)")[0].load_kg == to_kg(50, "lb")


def test_it_keeps_hevy_exercise_notes_in_the_session_notes():
    notes = read("hevy_kg.csv").sessions[0].notes
    assert notes.splitlines() == [
        "Runner strength A",
        "Easy week",
        "Romanian Deadlift (Barbell): Slow lowering",
    ]


def test_it_reads_fitnotes_with_kgs_and_lbs_rows_one_session_per_day_at_noon():
    parsed = read("fitnotes.csv", unit="kg")
    assert [session.import_key for session in parsed.sessions] == [
        "fitnotes:2024-11-04",
        "fitnotes:2024-11-07",
        "fitnotes:2024-11-09",
    ]
    assert parsed.sessions[0].started_at.isoformat() == "2024-11-04T12:00:00+00:00"
    assert sets_of(parsed, "Deadlift")[0].load_kg == to_kg(154, "lb")
    assert sets_of(parsed, "Barbell Squat")[0].load_kg == Decimal(60)


def test_it_reads_fitnotes_time_as_seconds():
    assert sets_of(read("fitnotes.csv"), "Plank")[0].seconds == 60


@pytest.mark.parametrize(
    "name", ["strong_comma_lb.csv", "strong_older.csv", "hevy_kg.csv", "fitnotes.csv"]
)
def test_every_sample_has_several_sessions(name):
    assert len(read(name).sessions) >= 2


def test_it_reads_the_older_fitnotes_header_with_the_unit_in_it():
    content = b"Date,Exercise,Category,Weight (lbs),Reps\n2024-11-04,Deadlift,Back,135,5\n"
    parsed = read_upload(content, unit="kg", keep_warmups=True, zone=LONDON)
    assert parsed.sessions[0].sets[0].load_kg == to_kg(135, "lb")


def test_it_reads_hevy_times_written_in_iso_format():
    content = (
        b"title,start_time,end_time,exercise_title,set_index,set_type,weight_kg,reps\n"
        b"A,2025-07-26 07:06:00,2025-07-26 07:50:00,Squat (Barbell),0,normal,50,5\n"
    )
    parsed = read_upload(content, unit="kg", keep_warmups=True, zone=LONDON)
    assert parsed.sessions[0].started_at.isoformat() == "2025-07-26T07:06:00+01:00"


def test_it_reads_wall_clock_times_in_the_runners_timezone():
    parsed = read_upload(
        sample("hevy_kg.csv"), unit="kg", keep_warmups=True, zone=ZoneInfo("America/Chicago")
    )
    assert parsed.sessions[0].started_at.isoformat() == "2025-07-26T07:06:00-05:00"


def test_a_tab_separated_export_is_read():
    text = sample("fitnotes.csv").decode().replace(",", "\t")
    parsed = read_upload(text.encode(), unit="kg", keep_warmups=True, zone=LONDON)
    assert len(parsed.sessions) == 3
