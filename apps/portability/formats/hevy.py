"""Hevy's CSV export: title,start_time,end_time,description,exercise_title,superset_id,
exercise_notes,set_index,set_type,weight_kg (or weight_lbs),reps,distance_km (or distance_miles),
duration_seconds,rpe. Times like '26 Jul 2025, 07:06' in the runner's wall-clock time; set_index
counts from 0; set_type is normal, warmup, dropset or failure. Rows are grouped into sessions by
start_time."""

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from apps.accounts.units import KG, LB
from apps.portability.formats.columns import Columns
from apps.portability.formats.grouping import SessionGroups, local_datetime
from apps.portability.matching import is_endurance
from apps.portability.records import (
    FileRejected,
    ParsedFile,
    RowRejected,
    checked_rpe,
    load_in_kg,
    measured_set,
    parse_number,
    strength_reps,
    whole,
)
from apps.training.models import MAX_SECONDS

NAME = "Hevy"
SET_TYPES = {"normal", "warmup", "dropset", "failure"}


def recognises(columns: list[str]) -> bool:
    lowered = {column.lower() for column in columns}
    return "exercise_title" in lowered and "set_index" in lowered


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
    cols.require(NAME, "title", "start_time", "exercise_title", "set_type", "reps")
    weight = cols.first_of("weight_kg", "weight_lbs", "weight_lb")
    if weight is None:
        raise FileRejected(
            "This looks like a Hevy export, but the column “weight_kg” (or “weight_lbs”) is "
            "missing. Export again from Hevy and upload the file unchanged."
        )
    file_unit = KG if weight.lower() == "weight_kg" else LB
    distance = cols.first_of("distance_km", "distance_miles")
    parsed = ParsedFile(
        source="hevy", layout="Hevy", unit_note=f"Weights read as {file_unit} (header)."
    )
    groups = SessionGroups(parsed, keep_warmups=keep_warmups)

    for line, row in rows:
        try:
            start_text = cols.cell(row, "start_time")
            started_at = local_datetime(start_text, zone, "start_time")
            end_text = cols.cell(row, "end_time")
            finished_at = local_datetime(end_text, zone, "end_time") if end_text else None
            draft = groups.session(
                f"hevy:{started_at.replace(tzinfo=None).isoformat()}",
                started_at=started_at,
                finished_at=finished_at,
                notes=[cols.cell(row, "title"), cols.cell(row, "description")],
            )
            exercise = cols.cell(row, "exercise_title")
            if not exercise:
                raise RowRejected("the exercise title is empty")
            set_type = cols.cell(row, "set_type").lower() or "normal"
            if set_type not in SET_TYPES:
                raise RowRejected(
                    f"set_type “{set_type}” is not normal, warmup, dropset or failure"
                )
            reps = strength_reps(
                cols.cell(row, "reps"), cols.cell(row, distance), endurance=is_endurance(exercise)
            )
            seconds = whole(
                parse_number(cols.cell(row, "duration_seconds"), "duration_seconds"),
                "duration_seconds",
                MAX_SECONDS,
            )
            load_kg = load_in_kg(parse_number(cols.cell(row, weight), "weight"), file_unit)
            rpe = checked_rpe(cols.cell(row, "rpe"))
            parsed_set = measured_set(exercise, reps, seconds, load_kg, line)
            parsed_set.is_warmup = set_type == "warmup"
            groups.add_set(draft, parsed_set, rpe)
            groups.add_note(draft, exercise, cols.cell(row, "exercise_notes"))
        except RowRejected as rejected:
            groups.skip(line, str(rejected))
    return groups.finish()
