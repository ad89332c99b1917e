"""FitNotes' CSV export: Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,
Time,Comment, with units 'kgs' or 'lbs' (older exports: "Weight (kgs)" or "Weight (lbs)" and no
unit column). FitNotes records the day but not the time, so each day is one session, placed at
noon in the runner's timezone: noon stays on the same date through any daylight-saving change."""

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from apps.accounts.units import KG, LB
from apps.portability.formats.columns import Columns
from apps.portability.formats.grouping import SessionGroups, check_plausible
from apps.portability.matching import is_endurance
from apps.portability.records import (
    ParsedFile,
    RowRejected,
    load_in_kg,
    measured_set,
    parse_number,
    strength_reps,
    unit_from_text,
    whole,
)
from apps.training.models import MAX_SECONDS

NAME = "FitNotes"
NOON = dt.time(12, 0)


def recognises(columns: list[str]) -> bool:
    lowered = {column.lower() for column in columns}
    return "exercise" in lowered and "category" in lowered


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
    cols.require(NAME, "Date", "Exercise", "Reps")
    weight = cols.first_of("Weight", "Weight (kgs)", "Weight (lbs)")
    if weight is None:
        cols.require(NAME, "Weight")
    per_row_unit = cols.has("Weight Unit")
    if weight.lower() == "weight (kgs)":
        file_unit, note = KG, "Weights read as kg (header)."
    elif weight.lower() == "weight (lbs)":
        file_unit, note = LB, "Weights read as lb (header)."
    elif per_row_unit:
        file_unit, note = unit, "Weights read in each row's unit."
    else:
        file_unit, note = unit, f"The file does not say the unit; weights read as {unit}."
    parsed = ParsedFile(source="fitnotes", layout="FitNotes", unit_note=note)
    groups = SessionGroups(parsed, keep_warmups=keep_warmups)

    width = len(columns)
    for line, row in rows:
        try:
            if len(row) >= width - 1:
                row = _fitted(cols, row, width, weight, per_row_unit)
            day = _date(cols.cell(row, "Date"))
            started_at = dt.datetime.combine(day, NOON, tzinfo=zone)
            check_plausible(started_at, day.isoformat())
            draft = groups.session(
                f"fitnotes:{day.isoformat()}", started_at=started_at, finished_at=None, notes=[]
            )
            exercise = cols.cell(row, "Exercise")
            if not exercise:
                raise RowRejected("the exercise name is empty")
            row_unit = (
                unit_from_text(cols.cell(row, "Weight Unit"), file_unit)
                if per_row_unit
                else file_unit
            )
            reps = strength_reps(
                cols.cell(row, "Reps"),
                cols.cell(row, "Distance"),
                endurance=is_endurance(exercise, cols.cell(row, "Category")),
            )
            seconds = whole(_seconds(cols.cell(row, "Time")), "time", MAX_SECONDS)
            load_kg = load_in_kg(parse_number(cols.cell(row, weight), "weight"), row_unit)
            parsed_set = measured_set(exercise, reps, seconds, load_kg, line)
            groups.add_set(draft, parsed_set, None)
            groups.add_note(draft, exercise, cols.cell(row, "Comment"))
        except RowRejected as rejected:
            groups.skip(line, str(rejected))
    return groups.finish()


def _fitted(cols: Columns, row: list[str], width: int, weight: str, per_row_unit: bool):
    """FitNotes does not quote its cells, so a name with a comma ('Overhead Press (Each Side,
    Dumbbells)') spills into the next fields, and the row has more fields than the header (or
    as many, when FitNotes left the empty trailing ones off). The spilled fields are put back
    into the name when they can only belong to it: read as part of the name, every other column
    parses; read as part of the comment (the other free text), they do not (and the other way
    round for a comma in a comment). A row longer than the header that fits neither way, or
    both, is refused as having too many fields."""
    while len(row) > width and not row[-1].strip():
        row = row[:-1]  # trailing empty fields hold nothing
    if len(row) > width:
        rebuilt = _name_rebuilt(cols, row, len(row) - width)
        as_comment = None
        if cols.has("Comment") and cols.index["comment"] == width - 1:
            as_comment = [*row[: width - 1], ",".join(row[width - 1 :])]
        name_fits = _columns_parse(cols, rebuilt, weight, per_row_unit)
        comment_fits = as_comment is not None and _columns_parse(
            cols, as_comment, weight, per_row_unit
        )
        if name_fits != comment_fits:
            return rebuilt if name_fits else as_comment
        raise RowRejected(
            f"the line has too many fields: {len(row)} where the header has {width}, and the "
            "extra ones cannot be told to belong to the exercise name"
        )
    if _columns_parse(cols, row, weight, per_row_unit):
        return row
    for extra in (1, 2):
        rebuilt = _name_rebuilt(cols, row, extra)
        if _columns_parse(cols, rebuilt, weight, per_row_unit):
            return rebuilt
    return row  # read as it is, so its own error is reported


def _name_rebuilt(cols: Columns, row: list[str], extra: int) -> list[str]:
    name_at = cols.index["exercise"]
    return [
        *row[:name_at],
        ",".join(row[name_at : name_at + extra + 1]),
        *row[name_at + extra + 1 :],
    ]


def _columns_parse(cols: Columns, row: list[str], weight: str, per_row_unit: bool) -> bool:
    try:
        _date(cols.cell(row, "Date"))
        parse_number(cols.cell(row, weight), "weight")
        if per_row_unit:
            unit_from_text(cols.cell(row, "Weight Unit"), KG)
        parse_number(cols.cell(row, "Reps"), "reps")
        parse_number(cols.cell(row, "Distance"), "distance")
        _seconds(cols.cell(row, "Time"))
    except RowRejected:
        return False
    return True


def _date(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise RowRejected(f"date “{text.strip()}” is not a date like 2025-07-26")


def _seconds(text: str):
    """FitNotes' Time: '0:01:30', '01:30' or plain seconds."""
    value = text.strip()
    if ":" not in value:
        return parse_number(value, "time")
    parts = value.split(":")
    if len(parts) > 3 or not all(part.strip().isdigit() for part in parts):
        raise RowRejected(f"time “{value}” is not a duration like 0:01:30")
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return parse_number(str(total), "time")
