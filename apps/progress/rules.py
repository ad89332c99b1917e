"""Legwork's calendar rules as pure functions (docs/design.md, "Domain rules").

Everything here takes and returns plain values (datetimes, dates, ints), never a request or a
queryset, so the pages, the API and the management commands all get the same answer, and the
rules can be tested exhaustively without a database. Local dates and recovery gaps are in
apps/training/calendar.py; here, in order: weeks, streaks and the current week; planning (the
next suggested day, the race taper); totals, the heatmap and the recovery report; each move's
best set per session; helpers.
"""

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

# The calendar rules (apps/training/calendar.py) that the rules below build on, also read by
# the progress pages as part of this module.
from apps.training.calendar import (
    RecoveryGap,
    is_long_break,
    local_date,
    recovery_gaps,
    week_start,
)
from apps.training.calendar import is_back_to_back as is_back_to_back
from apps.training.calendar import rest_days_between as rest_days_between
from apps.training.calendar import training_days as training_days

# 0 to 6 days, and a week: made once, for the loops that run over a whole history.
_DAYS = [dt.timedelta(days=days) for days in range(7)]
_ONE_WEEK = dt.timedelta(weeks=1)


# ---------------------------------------------------------------------------------------------
# Weeks, streaks and the current week
# ---------------------------------------------------------------------------------------------


class DayTally(NamedTuple):
    """What happened on one local date: counted sessions and the sets done in them."""

    sessions: int
    sets: int


def tally_days(
    sessions: Iterable[tuple[dt.datetime, int]], zone: ZoneInfo
) -> dict[dt.date, DayTally]:
    """The one pass over a runner's counted sessions: each (start, sets done) pair lands on its
    local date. Everything else (weeks, streaks, heatmap, totals) is derived from these few
    hundred days, never from the sessions again. Pass 0 for sets when they are not needed."""
    # The loop runs once per session of a whole history: no helper calls, and plain ints
    # (which the garbage collector does not track) until the one DayTally per day.
    sessions_on: dict[dt.date, int] = {}
    sets_on: dict[dt.date, int] = {}
    for start, sets in sessions:
        day = start.astimezone(zone).date()
        sessions_on[day] = sessions_on.get(day, 0) + 1
        sets_on[day] = sets_on.get(day, 0) + sets
    return {day: DayTally(sessions_on[day], sets_on[day]) for day in sorted(sessions_on)}


# Slots: a 20-year history makes a thousand of them on a first visit after a change.
@dataclass(frozen=True, slots=True)
class Week:
    """One of the runner's weeks. It meets the minimum when counted sessions fall on at least
    `goal` different local dates (docs/design.md, "Week"): two sessions on one day make one day."""

    start: dt.date
    days: tuple[dt.date, ...]
    sessions: int
    sets: int
    goal: int
    today: dt.date

    @property
    def end(self) -> dt.date:
        return self.start + _DAYS[6]

    @property
    def day_count(self) -> int:
        return len(self.days)

    @property
    def dates(self) -> list[dt.date]:
        """The seven dates of the week, in the runner's order."""
        return [self.start + dt.timedelta(days=offset) for offset in range(7)]

    @property
    def meets_minimum(self) -> bool:
        return week_meets_minimum(self.days, self.goal)

    @property
    def is_current(self) -> bool:
        return self.start <= self.today <= self.end

    @property
    def is_complete(self) -> bool:
        return self.end < self.today


def week_meets_minimum(days: Iterable[dt.date], goal: int) -> bool:
    """True when training fell on at least `goal` different local dates of one week."""
    return len(set(days)) >= goal


def weeks(
    tallies: Mapping[dt.date, DayTally], *, today: dt.date, first_weekday: int, goal: int
) -> list[Week]:
    """Every week from the one holding the first counted session to the current week, oldest
    first, empty weeks included (they break streaks). Without sessions: just the current week."""
    # One pass over the days in order, a Week each time the week changes: this runs over the
    # 1,000 weeks of a 20-year history on every first visit after a change.
    current = week_start(today, first_weekday)
    result: list[Week] = []
    start = None
    days: list[dt.date] = []
    sessions = sets = 0
    for day in sorted(tallies):
        day_week = day - _DAYS[(day.weekday() - first_weekday) % 7]
        if day_week != start:
            if start is None:
                start = min(current, day_week)
            else:
                result.append(Week(start, tuple(days), sessions, sets, goal, today))
                start += _ONE_WEEK
                days, sessions, sets = [], 0, 0
            while start < day_week:
                result.append(Week(start, (), 0, 0, goal, today))
                start += _ONE_WEEK
        tally = tallies[day]
        days.append(day)
        sessions += tally.sessions
        sets += tally.sets
    if start is None:
        start = current
    else:
        result.append(Week(start, tuple(days), sessions, sets, goal, today))
        start += _ONE_WEEK
    while start <= current:
        result.append(Week(start, (), 0, 0, goal, today))
        start += _ONE_WEEK
    return result


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


def streaks(all_weeks: Sequence[Week]) -> Streaks:
    """Consecutive weeks meeting the minimum (docs/design.md, "Streak"). The current week extends
    the streak once it meets the minimum and never breaks it before it ends: weekly, not daily,
    because runners train two or three days a week and daily streaks would punish rest."""
    run = longest = 0
    for week in all_weeks:
        if week.meets_minimum:
            run += 1
            longest = max(longest, run)
        elif week.is_complete:
            run = 0
    return Streaks(current=run, longest=longest)


@dataclass(frozen=True)
class WeekStatus:
    """This week at a glance: days trained of the goal, and days left (today included)."""

    week: Week
    today: dt.date

    @property
    def done(self) -> int:
        return self.week.day_count

    @property
    def goal(self) -> int:
        return self.week.goal

    @property
    def days_left(self) -> int:
        return (self.week.end - self.today).days + 1

    @property
    def met(self) -> bool:
        return self.week.meets_minimum


def current_week_status(all_weeks: Sequence[Week], today: dt.date) -> WeekStatus:
    """The status of the week holding `today` (weeks() always includes it, last or, with a
    session logged for tomorrow, second to last)."""
    week = next(week for week in reversed(all_weeks) if week.is_current)
    return WeekStatus(week=week, today=today)


# ---------------------------------------------------------------------------------------------
# Planning: the next suggested day and the race taper
# ---------------------------------------------------------------------------------------------


class NextDayReason(enum.StrEnum):
    """A reason behind the next suggested day (wording.py says each in words)."""

    RESTING = "resting"
    LONG_RUN_EVE_SKIPPED = "long_run_eve_skipped"
    GOAL_NEEDS_LONG_RUN_EVE = "goal_needs_long_run_eve"
    WEEK_MET = "week_met"
    WEEK_CANNOT_BE_MET = "week_cannot_be_met"


@dataclass(frozen=True)
class NextDay:
    """The earliest day to train next, and why, as the home page shows it."""

    day: dt.date
    today: dt.date
    week_met: bool
    week_can_be_met: bool
    last_session: dt.date | None
    rested_from: dt.date
    long_run_eve_skipped: dt.date | None
    goal_needs_long_run_eve: bool

    @property
    def resting(self) -> bool:
        """True when the runner still has rest to take before the next session."""
        return self.rested_from > self.today

    @property
    def trained_today(self) -> bool:
        return self.last_session == self.today

    @property
    def rest_days_left(self) -> int:
        """Rest days still to take before the next session: today counts as one unless the
        runner trained today."""
        days = (self.rested_from - self.today).days
        return days - 1 if self.trained_today else days

    @property
    def reasons(self) -> list[NextDayReason]:
        """Why the suggestion falls where it does, in the order the runner reads them."""
        reasons = []
        if self.resting and self.last_session is not None:
            reasons.append(NextDayReason.RESTING)
        if self.long_run_eve_skipped is not None:
            reasons.append(NextDayReason.LONG_RUN_EVE_SKIPPED)
        if self.goal_needs_long_run_eve:
            reasons.append(NextDayReason.GOAL_NEEDS_LONG_RUN_EVE)
        if self.week_met:
            reasons.append(NextDayReason.WEEK_MET)
        elif not self.week_can_be_met:
            reasons.append(NextDayReason.WEEK_CANNOT_BE_MET)
        return reasons


def next_suggested_day(
    days: Sequence[dt.date],
    *,
    today: dt.date,
    first_weekday: int,
    goal: int,
    min_rest_days: int,
    long_run_weekday: int | None = None,
) -> NextDay:
    """The earliest day that respects the minimum rest after the last counted session and still
    lets the runner meet this week's goal, avoiding the day before their long run.

    `days` are the runner's training days (local dates of counted sessions). When the week can
    no longer be met the suggestion is still the earliest rested day, and `week_can_be_met` says
    so plainly. The day before the long run is used only when it is the one way left to meet
    the goal (`goal_needs_long_run_eve`)."""
    training = sorted(set(days))
    last = training[-1] if training else None
    spacing = min_rest_days + 1
    earliest = today if last is None else max(today, last + dt.timedelta(days=spacing))
    start = week_start(today, first_weekday)
    end = start + dt.timedelta(days=6)
    needed = goal - sum(1 for day in training if start <= day <= end)
    eve = None if long_run_weekday is None else (long_run_weekday - 1) % 7

    def allowed(day: dt.date) -> bool:
        return day.weekday() != eve

    first_allowed = earliest if allowed(earliest) else earliest + dt.timedelta(days=1)
    skipped = earliest if first_allowed != earliest else None
    common = {
        "today": today,
        "last_session": last,
        "rested_from": earliest,
        "week_met": needed <= 0,
    }
    if needed <= 0:
        return NextDay(
            day=first_allowed,
            week_can_be_met=True,
            long_run_eve_skipped=skipped,
            goal_needs_long_run_eve=False,
            **common,
        )
    if _sessions_that_fit(first_allowed, end, spacing, allowed) >= needed:
        return NextDay(
            day=first_allowed,
            week_can_be_met=True,
            long_run_eve_skipped=skipped,
            goal_needs_long_run_eve=False,
            **common,
        )
    if eve is not None and _sessions_that_fit(earliest, end, spacing, lambda day: True) >= needed:
        return NextDay(
            day=earliest,
            week_can_be_met=True,
            long_run_eve_skipped=None,
            goal_needs_long_run_eve=True,
            **common,
        )
    return NextDay(
        day=first_allowed,
        week_can_be_met=False,
        long_run_eve_skipped=skipped,
        goal_needs_long_run_eve=False,
        **common,
    )


# The final two weeks before a race: same loads, one set fewer, so the legs arrive fresh.
TAPER_DAYS = 14
TAPER_SETS = 2


@dataclass(frozen=True)
class Taper:
    race_date: dt.date
    days_to_race: int
    sets: int
    usual_sets: int


def race_taper(today: dt.date, race_date: dt.date | None, usual_sets: int = 3) -> Taper | None:
    """The lighter sessions of the final 2 weeks before the runner's race, or None outside them
    (or without a race): then the plain rules apply."""
    if race_date is None:
        return None
    days_to_race = (race_date - today).days
    if not 0 <= days_to_race <= TAPER_DAYS:
        return None
    return Taper(
        race_date=race_date,
        days_to_race=days_to_race,
        sets=min(TAPER_SETS, usual_sets),
        usual_sets=usual_sets,
    )


# ---------------------------------------------------------------------------------------------
# Totals, heatmap, recovery report
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Counted sessions, sets and the share of weeks meeting the minimum over a span of weeks.
    An unfinished current week is judged only once it meets the minimum, as for streaks."""

    last: int | None
    weeks: int
    weeks_judged: int
    weeks_met: int
    sessions: int
    sets: int

    @property
    def share_met(self) -> float | None:
        return self.weeks_met / self.weeks_judged if self.weeks_judged else None

    @property
    def percent_met(self) -> int | None:
        share = self.share_met
        return None if share is None else round(share * 100)


def totals(all_weeks: Sequence[Week], last: int | None) -> Totals:
    """Totals over the last `last` weeks (the current week included), or all time for None.
    Weeks before the first counted session are not judged."""
    span = list(all_weeks if last is None else all_weeks[-last:])
    judged = [week for week in span if week.is_complete or week.meets_minimum]
    return Totals(
        last=last,
        weeks=len(span),
        weeks_judged=len(judged),
        weeks_met=sum(1 for week in judged if week.meets_minimum),
        sessions=sum(week.sessions for week in span),
        sets=sum(week.sets for week in span),
    )


def standard_totals(all_weeks: Sequence[Week]) -> list[Totals]:
    """The three spans the progress page shows: 4 weeks, 12 weeks and all time."""
    return [
        totals(all_weeks, 4),
        totals(all_weeks, 12),
        totals(all_weeks, None),
    ]


@dataclass(frozen=True)
class HeatDay:
    day: dt.date
    sessions: int
    future: bool


def heatmap(
    tallies: Mapping[dt.date, DayTally], *, today: dt.date, first_weekday: int, weeks: int = 52
) -> list[list[HeatDay]]:
    """The last `weeks` weeks (the current one last), each a column of 7 days in the runner's
    week order, with the counted sessions of each day. Days after today are marked future."""
    first = week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1)
    columns = []
    for column in range(weeks):
        start = first + dt.timedelta(weeks=column)
        days = [start + dt.timedelta(days=offset) for offset in range(7)]
        columns.append(
            [
                HeatDay(day=day, sessions=_sessions_on(tallies, day), future=day > today)
                for day in days
            ]
        )
    return columns


def recovery_flags(
    days: Sequence[dt.date], *, min_rest_days: int, since: dt.date
) -> list[RecoveryGap]:
    """The gaps worth telling the runner about, newest first: every back-to-back pair and
    every long break ending on or after `since`."""
    flagged = [
        gap
        for gap in recovery_gaps(days, min_rest_days)
        if gap.later >= since and (gap.back_to_back or gap.long_break)
    ]
    return flagged[::-1]


def recent_days(days: Sequence[dt.date], since: dt.date) -> Sequence[dt.date]:
    """The training days (sorted, distinct) on or after `since`, and the last one before it:
    all that the rules about the recent past read (the next suggested day, the recovery flags
    from `since` on, the days since the last session), however long the history."""
    return days[max(0, bisect.bisect_left(days, since) - 1) :]


def days_since_last_session(days: Sequence[dt.date], today: dt.date) -> int | None:
    """Whole days since the last training day (0 = trained today), None without sessions."""
    past = [day for day in days if day <= today]
    return (today - max(past)).days if past else None


def is_on_long_break(days: Sequence[dt.date], today: dt.date) -> bool:
    """True when a session today would end a long break: today is more than LONG_BREAK_DAYS
    after the last training day (False without sessions)."""
    past = [day for day in days if day <= today]
    return bool(past) and is_long_break(max(past), today)


# ---------------------------------------------------------------------------------------------
# Per move: the best set of each session
# ---------------------------------------------------------------------------------------------

LOAD = "load"
REPS = "reps"
SECONDS = "seconds"


def progress_measure(measure: str, is_loaded: bool) -> str:
    """What a move's progress is read in: its load when it takes one, else the seconds held
    for holds, else reps (bodyweight moves progress by reps or seconds, never by load)."""
    if is_loaded:
        return LOAD
    return SECONDS if measure == SECONDS else REPS


class SetGroup(NamedTuple):
    """The done working sets of one move in one counted session at one load, as the selector
    groups them in SQL: the load (None for bodyweight moves and holds), the most reps and the
    longest hold among them."""

    session_id: int
    exercise_id: int
    load_kg: Decimal | None
    reps: int | None
    seconds: int | None


@dataclass(frozen=True)
class BestSet:
    day: dt.date
    value: Decimal | int
    reps: int | None
    seconds: int | None
    load_kg: Decimal | None


def best_sets(
    groups: Iterable[SetGroup],
    session_starts: Mapping[int, dt.datetime],
    zone: ZoneInfo,
    measures: Mapping[int, str],
) -> dict[int, list[BestSet]]:
    """Each move's best set per session, oldest session first, in one pass over the groups.

    The best set is the heaviest (then most reps) for loaded moves, the longest hold for holds,
    the most reps otherwise. `session_starts` maps the counted sessions to their starts; groups
    of other sessions are ignored."""
    best: dict[tuple[int, int], tuple[tuple, SetGroup]] = {}
    for group in groups:
        if group.session_id not in session_starts:
            continue
        key = _best_key(group, measures.get(group.exercise_id, REPS))
        slot = (group.session_id, group.exercise_id)
        if key is not None and (slot not in best or key > best[slot][0]):
            best[slot] = (key, group)
    ordered = sorted(best.items(), key=lambda item: (session_starts[item[0][0]], item[0][0]))
    series: dict[int, list[BestSet]] = {}
    for (session_id, exercise_id), (key, group) in ordered:
        series.setdefault(exercise_id, []).append(
            BestSet(
                day=local_date(session_starts[session_id], zone),
                value=key[0],
                reps=group.reps,
                seconds=group.seconds,
                load_kg=group.load_kg,
            )
        )
    return series


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _sessions_that_fit(first: dt.date, last: dt.date, spacing: int, allowed) -> int:
    """How many sessions fit from `first` to `last` with `spacing` days between starts, on
    allowed days only. Taking each allowed day as early as possible fits the most."""
    count, day = 0, first
    while day <= last:
        if allowed(day):
            count += 1
            day += dt.timedelta(days=spacing)
        else:
            day += dt.timedelta(days=1)
    return count


def _sessions_on(tallies: Mapping[dt.date, DayTally], day: dt.date) -> int:
    tally = tallies.get(day)
    return tally.sessions if tally else 0


def _best_key(row: SetGroup, measure: str) -> tuple | None:
    if measure == LOAD:
        # A loaded move done without a load (starting light, with bodyweight) reads as 0 kg.
        return (row.load_kg or Decimal(0), row.reps or 0)
    if measure == SECONDS:
        return None if row.seconds is None else (row.seconds,)
    return None if row.reps is None else (row.reps,)
