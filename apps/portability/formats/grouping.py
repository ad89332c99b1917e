"""Rows of another app's CSV, grouped into sessions with one set numbering per move."""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from apps.portability.matching import exercise_key
from apps.portability.records import (
    MAX_SETS_PER_EXERCISE,
    ParsedFile,
    ParsedSession,
    ParsedSet,
    RowRejected,
    Skipped,
    effort_from_rpe,
    join_notes,
)
from apps.training.models import EARLIEST_START, FUTURE_ALLOWANCE

DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d %b %Y, %H:%M",
    "%d %B %Y, %H:%M",
    "%b %d, %Y, %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)


def local_datetime(text: str, zone: ZoneInfo, what: str = "date") -> dt.datetime:
    """An app's wall-clock time, read in the runner's timezone (the apps write no offset)."""
    return _local_datetime(text, zone, what)


@lru_cache(maxsize=8192)
def _local_datetime(text: str, zone: ZoneInfo, what: str) -> dt.datetime:
    # Every row of a session repeats its date: each distinct text is parsed once. A RowRejected
    # is not cached (lru_cache stores results only), so a bad date is reported on every row.
    value = text.strip()
    parsed = None
    for pattern in DATETIME_FORMATS:
        try:
            parsed = dt.datetime.strptime(value, pattern)
            break
        except ValueError:
            continue
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise RowRejected(f"{what} “{value}” is not a date and time Legwork can read") from None
    moment = parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
    check_plausible(moment, value)
    return moment


def check_plausible(moment: dt.datetime, shown: str) -> None:
    try:
        in_future = moment > dt.datetime.now(dt.UTC) + FUTURE_ALLOWANCE
        too_early = moment < EARLIEST_START
    except OverflowError:  # year 9999 west of Greenwich, or year 1 east of it
        in_future, too_early = moment.year > 1970, moment.year <= 1970
    if in_future:
        raise RowRejected(f"date {shown} is in the future")
    if too_early:
        raise RowRejected(f"date {shown} is before 1970")


_DURATION_PART = re.compile(r"(\d+)\s*([hms])")


@lru_cache(maxsize=1024)
def duration(text: str) -> dt.timedelta | None:
    """Strong's '1h 5m', '45m', '30s', or plain seconds; None when absent or unreadable."""
    value = text.strip().lower()
    if not value:
        return None
    if value.isdigit():
        return dt.timedelta(seconds=int(value))
    parts = _DURATION_PART.findall(value)
    if not parts:
        return None
    unit_seconds = {"h": 3600, "m": 60, "s": 1}
    return dt.timedelta(seconds=sum(int(amount) * unit_seconds[unit] for amount, unit in parts))


class _Draft:
    __slots__ = ("next_number", "notes", "rpe", "session")

    def __init__(self, session: ParsedSession, notes: list[str]) -> None:
        self.session = session
        self.notes = notes
        self.rpe: list[Decimal] = []
        self.next_number: dict[str, int] = defaultdict(int)


class SessionGroups:
    """Collects one app's rows into sessions, in the order they first appear."""

    def __init__(self, parsed: ParsedFile, *, keep_warmups: bool) -> None:
        self.parsed = parsed
        self.keep_warmups = keep_warmups
        self.drafts: dict[str, _Draft] = {}

    def session(
        self,
        key: str,
        *,
        started_at: dt.datetime,
        finished_at: dt.datetime | None,
        notes: list[str],
    ) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            session = ParsedSession(
                import_key=key,
                started_at=started_at,
                finished_at=finished_at
                if finished_at and finished_at >= started_at
                else started_at,
                source=self.parsed.source,
            )
            draft = self.drafts[key] = _Draft(session, list(notes))
        return draft

    def add_set(self, draft: _Draft, parsed_set: ParsedSet, rpe: Decimal | None) -> None:
        if parsed_set.is_warmup and not self.keep_warmups:
            self.parsed.warmups_left_out += 1
            return
        key = exercise_key(parsed_set.exercise_name)
        number = draft.next_number[key] + 1
        if number > MAX_SETS_PER_EXERCISE:
            raise RowRejected(
                f"more than {MAX_SETS_PER_EXERCISE} sets of {parsed_set.exercise_name} in one "
                "session"
            )
        draft.next_number[key] = number
        parsed_set.set_number = number
        draft.session.sets.append(parsed_set)
        if rpe is not None and not parsed_set.is_warmup:
            draft.rpe.append(rpe)

    def add_note(self, draft: _Draft, exercise_name: str, note: str) -> None:
        if note.strip():
            draft.notes.append(f"{exercise_name}: {note.strip()}" if exercise_name else note)

    def skip(self, line: int, reason: str) -> None:
        self.parsed.skipped.append(Skipped(f"line {line}", reason))

    def finish(self) -> ParsedFile:
        for draft in self.drafts.values():
            if not draft.session.sets:
                continue
            draft.session.notes = join_notes(draft.notes)
            draft.session.effort = effort_from_rpe(draft.rpe)
            self.parsed.sessions.append(draft.session)
        self.parsed.sessions.sort(key=lambda session: session.started_at)
        return self.parsed
