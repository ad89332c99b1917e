"""Legwork's own JSON export read back: every field of every session and set, the runner's
custom exercises and profile settings. The format is written by apps/portability/exporting.py
and documented in docs/data.md."""

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.accounts.units import MAX_LOAD_KG
from apps.exercises.models import Exercise
from apps.portability.formats.grouping import check_plausible
from apps.portability.records import (
    MAX_SETS_PER_EXERCISE,
    FileRejected,
    ParsedFile,
    ParsedSession,
    ParsedSet,
    RowRejected,
    Skipped,
    rows_message,
)
from apps.training.models import (
    MAX_BREATHS,
    MAX_EFFORT,
    MAX_REPS,
    MAX_SECONDS,
    MIN_EFFORT,
    NOTES_MAX_LENGTH,
    SetEntry,
    TrainingSession,
)

FORMAT = "legwork"
VERSION = 1
PROFILE_FIELDS = User.PREFERENCE_FIELDS
EXERCISE_FIELDS = (
    "slug",
    "name",
    "role",
    "measure",
    "per_side",
    "load_kind",
    "load_step",
    "summary",
    "purpose",
)
SIDES = {choice.value for choice in SetEntry.Side}
SOURCES = {choice.value for choice in TrainingSession.Source}


def parse(text: str, *, max_entries: int | None = None) -> ParsedFile:
    """The export read back; FileRejected when it holds more than `max_entries` sessions and
    sets together, counted before any is read (reading.MAX_IMPORT_ROWS)."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise FileRejected("This JSON file is nested too deeply to be a Legwork export.") from None
    except json.JSONDecodeError as error:
        raise FileRejected(
            f"This JSON file is not valid (line {error.lineno}: {error.msg}). Upload the file "
            "Legwork exported, unchanged."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRejected(
            'This JSON file is not a Legwork export (it has no "format": "legwork"). '
            "Other apps' exports are imported from their CSV files."
        )
    if document.get("version") != VERSION:
        raise FileRejected(
            f"This Legwork export has version {document.get('version')!r}; this Legwork reads "
            f"version {VERSION}."
        )
    sessions = document.get("sessions")
    if not isinstance(sessions, list):
        raise FileRejected("This Legwork export has no list of sessions.")
    if max_entries is not None and _entries(sessions) > max_entries:
        raise FileRejected(rows_message(max_entries))
    parsed = ParsedFile(source="legwork_json", layout="Legwork JSON")
    parsed.profile = _profile(document.get("profile"))
    parsed.custom_exercises = _custom_exercises(document.get("custom_exercises", []), parsed)
    seen_keys: set[str] = set()
    for number, item in enumerate(sessions, start=1):
        try:
            session = _session(item, parsed, number)
        except RowRejected as rejected:
            parsed.skipped.append(Skipped(f"session {number}", str(rejected)))
            continue
        identity = session.import_key or session.started_at.isoformat()
        if identity in seen_keys:
            parsed.skipped.append(Skipped(f"session {number}", "the same session appears twice"))
            continue
        seen_keys.add(identity)
        parsed.sessions.append(session)
    parsed.sessions.sort(key=lambda session: session.started_at)
    return parsed


def _entries(sessions: list) -> int:
    return len(sessions) + sum(
        len(item["sets"])
        for item in sessions
        if isinstance(item, dict) and isinstance(item.get("sets"), list)
    )


def _profile(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {name: value[name] for name in PROFILE_FIELDS if name in value}


def _custom_exercises(items, parsed: ParsedFile) -> dict[str, dict]:
    exercises: dict[str, dict] = {}
    if not isinstance(items, list):
        raise FileRejected("This Legwork export's custom_exercises is not a list.")
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("slug"), str):
            parsed.skipped.append(Skipped(f"custom exercise {number}", "it has no slug"))
            continue
        fields = {name: item[name] for name in EXERCISE_FIELDS if name in item}
        exercise = Exercise(**fields)
        try:
            exercise.clean_fields(exclude=["owner"])
        except ValidationError as error:
            parsed.skipped.append(Skipped(f"custom exercise {number}", _plain(error)))
            continue
        exercises[item["slug"]] = fields
    return exercises


def _session(item, parsed: ParsedFile, number: int) -> ParsedSession:
    if not isinstance(item, dict):
        raise RowRejected("it is not an object")
    started_at, finished_at = _session_times(item)
    session = ParsedSession(
        import_key=_import_key(item),
        started_at=started_at,
        finished_at=finished_at,
        source=_source(item),
        notes=_notes(item),
        effort=_effort(item),
        warmup_done=bool(item.get("warmup_done", False)),
        routine_slug=item.get("routine") if isinstance(item.get("routine"), str) else "",
    )
    entries = item.get("sets") or []
    if not isinstance(entries, list):
        raise RowRejected("its sets are not a list")
    session.sets.extend(_session_sets(entries, parsed, number))
    return session


def _session_times(item: dict) -> tuple[dt.datetime, dt.datetime | None]:
    started_at = _moment(item.get("started_at"), "started_at")
    finished_at = (
        _moment(item.get("finished_at"), "finished_at") if item.get("finished_at") else None
    )
    if finished_at and finished_at < started_at:
        raise RowRejected("it finishes before it starts")
    return started_at, finished_at


def _effort(item: dict) -> int | None:
    effort = item.get("effort")
    if effort is not None and (
        not isinstance(effort, int) or not MIN_EFFORT <= effort <= MAX_EFFORT
    ):
        raise RowRejected(f"effort {effort!r} is not {MIN_EFFORT} to {MAX_EFFORT}")
    return effort


def _notes(item: dict) -> str:
    notes = item.get("notes") or ""
    if not isinstance(notes, str) or len(notes) > NOTES_MAX_LENGTH:
        raise RowRejected(f"notes are not text of at most {NOTES_MAX_LENGTH} characters")
    return notes


def _source(item: dict) -> str:
    source = item.get("source") or "legwork"
    if source not in SOURCES:
        raise RowRejected(f"source {source!r} is unknown")
    return source


def _import_key(item: dict) -> str:
    import_key = item.get("import_key") or ""
    if not isinstance(import_key, str) or len(import_key) > 120:
        raise RowRejected("import_key is not text of at most 120 characters")
    return import_key


def _session_sets(entries: list, parsed: ParsedFile, number: int) -> list[ParsedSet]:
    """The session's readable sets; a set that cannot be read, or that repeats one already
    read (same move, set number and side), is skipped with its reason."""
    sets: list[ParsedSet] = []
    seen: set[tuple] = set()
    for set_number, entry in enumerate(entries, start=1):
        where = f"session {number}, set {set_number}"
        try:
            parsed_set = _set(entry, parsed)
        except RowRejected as rejected:
            parsed.skipped.append(Skipped(where, str(rejected)))
            continue
        identity = (parsed_set.exercise_slug, parsed_set.set_number, parsed_set.side)
        if identity in seen:
            parsed.skipped.append(Skipped(where, "the same set appears twice"))
            continue
        seen.add(identity)
        sets.append(parsed_set)
    return sets


def _set(entry, parsed: ParsedFile) -> ParsedSet:
    if not isinstance(entry, dict):
        raise RowRejected("it is not an object")
    slug = entry.get("exercise")
    if not isinstance(slug, str) or not slug:
        raise RowRejected("it names no exercise")
    set_number = _count(entry.get("set_number"), "set_number", MAX_SETS_PER_EXERCISE)
    if not set_number:
        raise RowRejected("set_number is missing")
    side = entry.get("side") or ""
    if side not in SIDES:
        raise RowRejected(f"side {side!r} is not left, right or empty")
    custom = parsed.custom_exercises.get(slug)
    return ParsedSet(
        exercise_name=custom["name"] if custom else slug,
        exercise_slug=slug,
        set_number=set_number,
        side=side,
        reps=_count(entry.get("reps"), "reps", MAX_REPS),
        seconds=_count(entry.get("seconds"), "seconds", MAX_SECONDS),
        breaths=_count(entry.get("breaths"), "breaths", MAX_BREATHS),
        load_kg=_load(entry.get("load_kg")),
        done=bool(entry.get("done", False)),
        is_warmup=bool(entry.get("warmup_set", False)),
    )


def _moment(value, what: str) -> dt.datetime:
    if not isinstance(value, str):
        raise RowRejected(f"{what} is missing")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RowRejected(f"{what} “{value}” is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise RowRejected(f"{what} “{value}” has no UTC offset")
    check_plausible(moment, value)
    return moment


def _count(value, what: str, maximum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RowRejected(f"{what} {value!r} is not a whole number")
    if not 0 <= value <= maximum:
        raise RowRejected(f"{what} {value} is not between 0 and {maximum}")
    return value


def _load(value) -> Decimal | None:
    if value is None:
        return None
    try:
        load = Decimal(str(value))
    except InvalidOperation:
        raise RowRejected(f"load_kg {value!r} is not a number") from None
    if not load.is_finite() or not 0 <= load <= MAX_LOAD_KG:
        raise RowRejected(f"load_kg {value} is not between 0 and {MAX_LOAD_KG}")
    if load != load.quantize(Decimal("0.000001")):
        raise RowRejected(f"load_kg {value} has more than 6 decimals")
    return load.quantize(Decimal("0.000001"))


def _plain(error) -> str:
    messages = getattr(error, "message_dict", None)
    if messages:
        return "; ".join(f"{field}: {' '.join(texts)}" for field, texts in messages.items())
    return str(error)
