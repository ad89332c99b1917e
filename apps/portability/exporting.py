"""Reads for the exports: a runner's whole history as CSV rows or JSON text, produced piece by
piece from chunked queries, so a twenty-year history streams without being held in memory."""

import csv
import datetime as dt
import json
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from apps.accounts.units import from_kg
from apps.exercises.models import Exercise
from apps.portability.formats.legwork_json import EXERCISE_FIELDS, FORMAT, PROFILE_FIELDS, VERSION
from apps.training.models import SetEntry, TrainingSession

CHUNK = 200
# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, shifts it into one): OWASP's list for CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "session_start",
    "local_date",
    "session_notes",
    "effort",
    "exercise_slug",
    "exercise_name",
    "set_number",
    "side",
    "reps",
    "seconds",
    "breaths",
    "load_kg",
    "load",
    "unit",
    "done",
    "warmup_set",
]


def csv_lines(user) -> Iterator[str]:
    """The CSV export, one line at a time: a header, then one row per set, oldest first. One
    query, read in chunks; plain tuples rather than model instances, for speed. The runner's
    own texts (notes, exercise names and slugs) go through spreadsheet_text; numbers, dates and
    fixed words never start with a formula character and are written as they are."""
    writer = csv.writer(_Echo())
    zone, unit = user.zone, user.unit
    yield writer.writerow(CSV_COLUMNS)
    rows = (
        SetEntry.objects.filter(session__user=user)
        .order_by("session__started_at", "session_id", "id")
        .values_list(
            "session_id",
            "session__started_at",
            "session__notes",
            "session__effort",
            "exercise__slug",
            "exercise__name",
            "set_number",
            "side",
            "reps",
            "seconds",
            "breaths",
            "load_kg",
            "done",
            "is_warmup_set",
        )
    )
    current_session, start = None, None
    for row in rows.iterator(chunk_size=CHUNK * 4):
        session_id, started_at, notes, effort, slug, name, number, side, *rest = row
        reps, seconds, breaths, load_kg, done, warmup = rest
        if session_id != current_session:
            current_session, start = session_id, started_at.astimezone(zone)
        yield writer.writerow(
            [
                start.isoformat(),
                start.date().isoformat(),
                spreadsheet_text(notes),
                _blank(effort),
                spreadsheet_text(slug),
                spreadsheet_text(name),
                number,
                side,
                _blank(reps),
                _blank(seconds),
                _blank(breaths),
                "" if load_kg is None else f"{load_kg.normalize():f}",
                "" if load_kg is None else f"{from_kg(load_kg, unit).normalize():f}",
                unit,
                "yes" if done else "no",
                "yes" if warmup else "no",
            ]
        )


def json_chunks(user) -> Iterator[str]:
    """The JSON export as text pieces that join into one document (format in docs/data.md):
    the head, then one piece per session, read CHUNK sessions (and their sets) at a time."""
    zone = user.zone
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().astimezone(zone).isoformat(),
        "email": user.email,
        "profile": profile_of(user),
        "custom_exercises": [
            {name: getattr(exercise, name) for name in EXERCISE_FIELDS}
            for exercise in Exercise.objects.filter(owner=user).order_by("slug")
        ],
    }
    opening = json.dumps(head, ensure_ascii=False, indent=1)
    yield opening[: opening.rindex("}")].rstrip() + ',\n "sessions": ['
    separator = "\n  "
    for sessions in session_chunks(user):
        sets = _sets_by_session([session["id"] for session in sessions])
        for session in sessions:
            document = session_document(session, sets.get(session["id"], []), zone)
            yield separator + json.dumps(document, ensure_ascii=False)
            separator = ",\n  "
    yield "\n ]\n}\n"


SESSION_FIELDS = (
    "id",
    "started_at",
    "finished_at",
    "warmup_done",
    "effort",
    "notes",
    "source",
    "import_key",
    "routine__slug",
)
SET_FIELDS = (
    "session_id",
    "exercise__slug",
    "set_number",
    "side",
    "reps",
    "seconds",
    "breaths",
    "load_kg",
    "done",
    "is_warmup_set",
)


def session_chunks(user, size: int = CHUNK) -> Iterator[list[dict]]:
    """The runner's sessions, oldest first, `size` at a time, by keyset on (start, id): each
    chunk is one query however deep into the history it is."""
    sessions = (
        TrainingSession.objects.filter(user=user)
        .order_by("started_at", "id")
        .values(*SESSION_FIELDS)
    )
    after = None
    while True:
        page = sessions
        if after is not None:
            page = page.filter(Q(started_at__gt=after[0]) | Q(started_at=after[0], id__gt=after[1]))
        chunk = list(page[:size])
        if not chunk:
            return
        yield chunk
        after = (chunk[-1]["started_at"], chunk[-1]["id"])


def _sets_by_session(session_ids: list[int]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    rows = SetEntry.objects.filter(session_id__in=session_ids).order_by("id").values(*SET_FIELDS)
    for row in rows:
        grouped.setdefault(row["session_id"], []).append(row)
    return grouped


def profile_of(user) -> dict:
    profile = {name: getattr(user, name) for name in PROFILE_FIELDS}
    if isinstance(profile["race_date"], dt.date):
        profile["race_date"] = profile["race_date"].isoformat()
    return profile


def session_document(session: dict, sets: list[dict], zone) -> dict:
    finished_at = session["finished_at"]
    return {
        "started_at": session["started_at"].astimezone(zone).isoformat(),
        "finished_at": finished_at.astimezone(zone).isoformat() if finished_at else None,
        "warmup_done": session["warmup_done"],
        "effort": session["effort"],
        "notes": session["notes"],
        "source": session["source"],
        "import_key": session["import_key"],
        "routine": session["routine__slug"],
        "sets": [
            {
                "exercise": entry["exercise__slug"],
                "set_number": entry["set_number"],
                "side": entry["side"],
                "reps": entry["reps"],
                "seconds": entry["seconds"],
                "breaths": entry["breaths"],
                "load_kg": None if entry["load_kg"] is None else f"{entry['load_kg']:.6f}",
                "done": entry["done"],
                "warmup_set": entry["is_warmup_set"],
            }
            for entry in sets
        ],
    }


def export_filename(user, extension: str) -> str:
    today = timezone.now().astimezone(user.zone).date().isoformat()
    return f"legwork-{today}.{extension}"


class _Echo:
    """A file-like object whose write() returns the text, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula
    (`=HYPERLINK(...)`, `+1`, `-2 reps`, `@SUM(...)`) gets a leading apostrophe, as OWASP
    advises against CSV injection. Only the CSV, which is for spreadsheets, does this; the JSON
    export keeps every text exactly as stored."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _blank(value) -> str:
    return "" if value is None else str(value)
