"""Strong's CSV export, in its three known layouts:

- comma-separated: Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,
  Seconds,Notes,Workout Notes,RPE (weights in the unit the runner used in Strong);
- semicolon-separated with quoted fields, units in the headers ("Weight (kg)" or
  "Weight (lbs)", "Duration (sec)", "Distance (meters)") and decimal commas;
- the older Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;
  Distance Unit;Seconds;Notes;Workout Notes, with a unit on every row.

Rows are grouped into sessions by their Date. Set Order is a number (a working set), W (warm-up),
D (drop set) or F (failure); "Rest Timer" and "Note" rows carry no set.
"""

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from apps.accounts.units import KG, LB
from apps.portability.formats.columns import Columns
from apps.portability.formats.grouping import SessionGroups, duration, local_datetime
from apps.portability.matching import is_endurance
from apps.portability.records import (
    ParsedFile,
    RowRejected,
    checked_rpe,
    load_in_kg,
    measured_set,
    parse_number,
    strength_reps,
    unit_from_text,
    whole,
)
from apps.training.models import MAX_SECONDS

NAME = "Strong"
WORKING_SET_MARKS = {"D": "drop set", "F": "failure set"}
IGNORED_MARKS = {"rest timer", "note"}


def recognises(columns: list[str]) -> bool:
    lowered = {column.lower() for column in columns}
    return "exercise name" in lowered and "set order" in lowered


def parse(
    columns: list[str],
    rows: Iterator[tuple[int, list[str]]],
    *,
    unit: str,
    keep_warmups: bool,
    zone: ZoneInfo,
    delimiter: str,
) -> ParsedFile:
    cols = Columns(columns)
    weight = cols.first_of("Weight (kg)", "Weight (lbs)", "Weight (lb)", "Weight")
    cols.require(NAME, "Date", "Exercise Name", "Set Order", "Reps")
    if weight is None:
        cols.require(NAME, "Weight")
    per_row_unit = cols.has("Weight Unit")
    if weight.lower() == "weight (kg)":
        file_unit, layout, note = KG, "Strong (semicolon-separated)", "Weights read as kg (header)."
    elif weight.lower() in {"weight (lbs)", "weight (lb)"}:
        file_unit, layout, note = LB, "Strong (semicolon-separated)", "Weights read as lb (header)."
    elif per_row_unit:
        file_unit, layout, note = unit, "Strong (older layout)", "Weights read in each row's unit."
    else:
        file_unit, layout = unit, "Strong (comma-separated)"
        note = f"Strong does not write the unit in this layout; weights read as {unit}."
    duration_column = cols.first_of("Duration (sec)", "Duration", "Workout Duration")
    distance_column = cols.first_of(
        "Distance", "Distance (meters)", "Distance (km)", "Distance (miles)"
    )
    parsed = ParsedFile(source="strong", layout=layout, unit_note=note)
    groups = SessionGroups(parsed, keep_warmups=keep_warmups)

    for line, row in rows:
        try:
            mark = cols.cell(row, "Set Order")
            exercise = cols.cell(row, "Exercise Name")
            date_text = cols.cell(row, "Date")
            started_at = local_datetime(date_text, zone)
            length = duration(cols.cell(row, duration_column))
            draft = groups.session(
                f"strong:{started_at.replace(tzinfo=None).isoformat()}",
                started_at=started_at,
                finished_at=started_at + length if length else None,
                notes=[cols.cell(row, "Workout Name"), cols.cell(row, "Workout Notes")],
            )
            if mark.lower() in IGNORED_MARKS:
                parsed.ignored_rows += 1
                if mark.lower() == "note":
                    groups.add_note(draft, exercise, cols.cell(row, "Notes"))
                continue
            if not exercise:
                raise RowRejected("the exercise name is empty")
            is_warmup = mark.upper() == "W"
            if not (is_warmup or mark.upper() in WORKING_SET_MARKS or mark.isdigit()):
                raise RowRejected(
                    f"Set Order “{mark}” is not a set number, W, D, F, Rest Timer or Note"
                )
            row_unit = (
                unit_from_text(cols.cell(row, "Weight Unit"), file_unit)
                if per_row_unit
                else file_unit
            )
            reps = strength_reps(
                cols.cell(row, "Reps"),
                cols.cell(row, distance_column),
                endurance=is_endurance(exercise),
            )
            seconds = whole(
                parse_number(cols.cell(row, "Seconds"), "seconds"), "seconds", MAX_SECONDS
            )
            load_kg = load_in_kg(parse_number(cols.cell(row, weight), "weight"), row_unit)
            rpe = checked_rpe(cols.cell(row, "RPE"))
            parsed_set = measured_set(exercise, reps, seconds, load_kg, line)
            parsed_set.is_warmup = is_warmup
            groups.add_set(draft, parsed_set, rpe)
            groups.add_note(draft, exercise, cols.cell(row, "Notes"))
        except RowRejected as rejected:
            groups.skip(line, str(rejected))
    return groups.finish()
