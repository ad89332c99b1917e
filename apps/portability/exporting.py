"""Reads for the exports: a runner's whole history as CSV rows or JSON text, produced piece by
piece from chunked queries, so a twenty-year history streams without being held in memory."""

import csv
import datetime as dt
import json
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from apps.accounts.units import from_kg
from apps.exercises.models import Exercise
from apps.portability.formats.legwork_json import EXERCISE_FIELDS, FORMAT, PROFILE_FIELDS, VERSION
from apps.training.models import SetEntry, TrainingSession

CHUNK = 500
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
    """The CSV export, one line at a time: a header, then one row per set, oldest first."""
    writer = csv.writer(_Echo())
    zone = user.zone
    yield writer.writerow(CSV_COLUMNS)
    entries = (
        SetEntry.objects.filter(session__user=user)
        .select_related("session", "exercise")
        .order_by("session__started_at", "session_id", "id")
    )
    for entry in entries.iterator(chunk_size=CHUNK * 4):
        session = entry.session
        start = session.started_at.astimezone(zone)
        yield writer.writerow(
            [
                start.isoformat(),
                start.date().isoformat(),
                session.notes,
                _blank(session.effort),
                entry.exercise.slug,
                entry.exercise.name,
                entry.set_number,
                entry.side,
                _blank(entry.reps),
                _blank(entry.seconds),
                _blank(entry.breaths),
                "" if entry.load_kg is None else f"{entry.load_kg.normalize():f}",
                ""
                if entry.load_kg is None
                else f"{from_kg(entry.load_kg, user.unit).normalize():f}",
                user.unit,
                "yes" if entry.done else "no",
                "yes" if entry.is_warmup_set else "no",
            ]
        )


def json_chunks(user) -> Iterator[str]:
    """The JSON export as text pieces that join into one document (format in docs/data.md)."""
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
    first = True
    for session in sessions_for_export(user).iterator(chunk_size=CHUNK):
        yield ("\n  " if first else ",\n  ") + json.dumps(
            session_document(session, zone), ensure_ascii=False
        )
        first = False
    yield "\n ]\n}\n"


def sessions_for_export(user) -> QuerySet[TrainingSession]:
    sets = SetEntry.objects.select_related("exercise").order_by("id")
    return (
        TrainingSession.objects.filter(user=user)
        .select_related("routine")
        .prefetch_related(Prefetch("sets", queryset=sets))
        .order_by("started_at", "id")
    )


def profile_of(user) -> dict:
    profile = {name: getattr(user, name) for name in PROFILE_FIELDS}
    if isinstance(profile["race_date"], dt.date):
        profile["race_date"] = profile["race_date"].isoformat()
    return profile


def session_document(session: TrainingSession, zone) -> dict:
    return {
        "started_at": session.started_at.astimezone(zone).isoformat(),
        "finished_at": session.finished_at.astimezone(zone).isoformat()
        if session.finished_at
        else None,
        "warmup_done": session.warmup_done,
        "effort": session.effort,
        "notes": session.notes,
        "source": session.source,
        "import_key": session.import_key,
        "routine": session.routine.slug if session.routine else None,
        "sets": [
            {
                "exercise": entry.exercise.slug,
                "set_number": entry.set_number,
                "side": entry.side,
                "reps": entry.reps,
                "seconds": entry.seconds,
                "breaths": entry.breaths,
                "load_kg": None if entry.load_kg is None else f"{entry.load_kg:.6f}",
                "done": entry.done,
                "warmup_set": entry.is_warmup_set,
            }
            for entry in session.sets.all()
        ],
    }


def export_filename(user, extension: str) -> str:
    today = timezone.now().astimezone(user.zone).date().isoformat()
    return f"legwork-{today}.{extension}"


class _Echo:
    """A file-like object whose write() returns the text, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _blank(value) -> str:
    return "" if value is None else str(value)
