"""What every importer produces: a file read into plain sessions and sets, checked against the
same bounds as the models, plus the rows it could not use and why.

Parsers never touch the database; services.py turns a ParsedFile into rows in one transaction.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from apps.accounts.units import KG, LB, MAX_LOAD_KG, to_kg
from apps.training.models import MAX_EFFORT, MAX_REPS, MAX_SET_NUMBER, MIN_EFFORT, NOTES_MAX_LENGTH

MAX_SETS_PER_EXERCISE = MAX_SET_NUMBER


class FileRejected(Exception):
    """The whole file cannot be imported; the message says why, in the runner's words."""


class RowRejected(Exception):
    """One row cannot be imported; the message says why. The rest of the file goes on."""


@dataclass(slots=True)
class ParsedSet:
    exercise_name: str
    reps: int | None = None
    seconds: int | None = None
    breaths: int | None = None
    load_kg: Decimal | None = None
    is_warmup: bool = False
    done: bool = True
    side: str = ""
    set_number: int = 0
    line: int = 0
    # Legwork's own JSON names exercises by slug; other apps only by name.
    exercise_slug: str = ""


@dataclass(slots=True)
class ParsedSession:
    import_key: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    source: str
    notes: str = ""
    effort: int | None = None
    warmup_done: bool = False
    routine_slug: str = ""
    sets: list[ParsedSet] = field(default_factory=list)


@dataclass(slots=True)
class Skipped:
    where: str
    reason: str


@dataclass
class ParsedFile:
    source: str
    layout: str
    sessions: list[ParsedSession] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored_rows: int = 0
    warmups_left_out: int = 0
    unit_note: str = ""
    profile: dict | None = None
    custom_exercises: dict[str, dict] = field(default_factory=dict)

    @property
    def set_count(self) -> int:
        return sum(len(session.sets) for session in self.sessions)


def rows_message(limit: int) -> str:
    return (
        f"The file has more than {limit:,} rows (sets, and sessions in Legwork's JSON); "
        f"Legwork imports up to {limit:,} at a time. Export a shorter period and import it in "
        "parts."
    )


def parse_number(text: str, what: str) -> Decimal | None:
    """A number as other apps write it: '22.5', '22,5' (decimal comma), '' for none."""
    value = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if value == "" or value == "-":
        return None
    if "," in value and "." in value:
        # "1.234,5" or "1,234.5": the last separator is the decimal point.
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RowRejected(f"{what} “{text.strip()}” is not a number") from None
    if not number.is_finite():
        raise RowRejected(f"{what} “{text.strip()}” is not a number")
    if number < 0:
        raise RowRejected(f"{what} {text.strip()} is negative")
    return number


def whole(number: Decimal | None, what: str, maximum: int) -> int | None:
    if number is None:
        return None
    if number != number.to_integral_value():
        raise RowRejected(f"{what} {number} is not a whole number")
    if number > maximum:
        raise RowRejected(f"{what} {number} is above {maximum}")
    return int(number)


def load_in_kg(number: Decimal | None, unit: str) -> Decimal | None:
    """A load from a file as stored kilograms; 0 means no load (bodyweight)."""
    if number is None or number == 0:
        return None
    kilograms = to_kg(number, unit)
    if kilograms > MAX_LOAD_KG:
        shown = f"{number.normalize():f} {unit}"
        raise RowRejected(f"weight {shown} is above {MAX_LOAD_KG} kg")
    return kilograms


def unit_from_text(text: str, default: str) -> str:
    value = (text or "").strip().lower()
    if value in {"kg", "kgs", "kilograms"}:
        return KG
    if value in {"lb", "lbs", "pounds"}:
        return LB
    if value == "":
        return default
    raise RowRejected(f"weight unit “{text.strip()}” is neither kg nor lb")


def effort_from_rpe(values: list[Decimal]) -> int | None:
    """Session effort from per-set RPE: the hardest set, rounded, within the effort's range."""
    if not values:
        return None
    return max(MIN_EFFORT, min(MAX_EFFORT, int(max(values).to_integral_value())))


def checked_rpe(text: str) -> Decimal | None:
    number = parse_number(text, "RPE")
    if number is None or number == 0:
        return None
    if number > MAX_EFFORT:
        raise RowRejected(f"RPE {number} is above {MAX_EFFORT}")
    return number


def join_notes(parts: list[str]) -> str:
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    text = "\n".join(seen)
    if len(text) > NOTES_MAX_LENGTH:
        text = text[: NOTES_MAX_LENGTH - 1] + "…"
    return text


ENDURANCE_REASON = (
    "cardio/endurance: not a strength set; runs will be imported once Legwork keeps runs"
)


def strength_reps(reps_cell: str, distance_cell: str, *, endurance: bool) -> int | None:
    """The row's reps, once it is known to be a strength set. Endurance work is not: a row with
    a distance, or a row of an endurance exercise (matching.is_endurance) logged without reps,
    is left out and listed. Checked before the time's bounds, so a two-hour ride says why it is
    left out, not that 7200 is above 3600. A row with reps stays strength whatever its category
    (burpees filed under cardio)."""
    reps = parse_number(reps_cell, "reps")
    distance = parse_number(distance_cell, "distance")
    if distance or (endurance and not reps):
        raise RowRejected(ENDURANCE_REASON)
    return whole(reps, "reps", MAX_REPS)


def measured_set(
    exercise: str,
    reps: int | None,
    seconds: int | None,
    load_kg: Decimal | None,
    line: int,
) -> ParsedSet:
    """A set from another app, where 0 often means 'not measured': a plank has Reps 0 and
    Seconds 45, a bodyweight squat Weight 0. A loaded set with 0 reps is a failed set and kept.
    Cardio rows are refused before (strength_reps)."""
    if seconds == 0:
        seconds = None
    if reps == 0 and (seconds is not None or load_kg is None):
        reps = None
    if reps is None and seconds is None:
        raise RowRejected("the set has no reps and no time")
    return ParsedSet(exercise_name=exercise, reps=reps, seconds=seconds, load_kg=load_kg, line=line)
