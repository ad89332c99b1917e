"""The runner's calendar as pure functions (docs/design.md, "Domain rules"): the local date of a
moment, the first day of a week, training days, and the recovery gaps between them. The
training pages and the progress rules (apps/progress/rules.py) read them.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# A long break (docs/design.md): more than this many days from a counted session's local date to the
# next one's, or to today. Sessions 8 days apart (7 rest days between) make a long break; 7 days
# apart (6 rest days between) do not. is_long_break() is the one test of it.
LONG_BREAK_DAYS = 7


def local_date(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The runner's calendar date of an aware moment: a session at 23:30 local counts on that
    day even when it is already tomorrow in UTC."""
    return moment.astimezone(zone).date()


def week_start(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of the runner's week containing `day` (0 = Monday ... 6 = Sunday).

    Works on calendar dates, not instants, so a daylight-saving change can never move a session
    to another week."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def training_days(starts: Iterable[dt.datetime], zone: ZoneInfo) -> list[dt.date]:
    """The distinct local dates of the given session starts, oldest first. Two sessions on one
    day make one day."""
    return sorted({local_date(moment, zone) for moment in starts})


def rest_days_between(earlier: dt.date, later: dt.date) -> int:
    """Whole days between two training days: Monday and Wednesday have one rest day between."""
    return (later - earlier).days - 1


def is_back_to_back(earlier: dt.date, later: dt.date, min_rest_days: int) -> bool:
    """True when `later` comes too soon after `earlier` for the runner's minimum rest."""
    return earlier != later and rest_days_between(earlier, later) < min_rest_days


def is_long_break(earlier: dt.date, later: dt.date) -> bool:
    """True when `later` (a training day, or today) is more than LONG_BREAK_DAYS after the
    training day `earlier`."""
    return (later - earlier).days > LONG_BREAK_DAYS


@dataclass(frozen=True)
class RecoveryGap:
    earlier: dt.date
    later: dt.date
    rest_days: int
    back_to_back: bool
    long_break: bool

    @property
    def days_apart(self) -> int:
        return (self.later - self.earlier).days


def recovery_gaps(days: Sequence[dt.date], min_rest_days: int) -> list[RecoveryGap]:
    """The gap between each pair of consecutive training days (distinct, sorted), each flagged
    back-to-back (below the minimum rest) or long break (is_long_break)."""
    ordered = sorted(set(days))
    return [
        RecoveryGap(
            earlier=earlier,
            later=later,
            rest_days=rest_days_between(earlier, later),
            back_to_back=is_back_to_back(earlier, later, min_rest_days),
            long_break=is_long_break(earlier, later),
        )
        for earlier, later in itertools.pairwise(ordered)
    ]
