"""When a runner's nudge is due and which days the calendar feed suggests, as pure functions of
plain values (dates, datetimes, zones): the command, the feed and the tests all ask these.

Both read the progress rules (apps/progress/rules.py) for the week and the next suggested day,
so a nudge, the feed and the home page never disagree."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from apps.progress import rules

# How far ahead the feed suggests days: this week and the next three.
FEED_WEEKS = 4


def nudge_moment(*, weekday: int, at: dt.time, zone: ZoneInfo, from_day: dt.date) -> dt.datetime:
    """The first `weekday` on or after `from_day` at the local time `at`, as an aware moment.

    Local wall-clock time, so 18:00 stays 18:00 across a daylight-saving change; a time the
    change skips (02:30 on the spring-forward night) falls an hour later, as clocks show it."""
    day = from_day + dt.timedelta(days=(weekday - from_day.weekday()) % 7)
    return dt.datetime.combine(day, at, tzinfo=zone)


@dataclass(frozen=True)
class NudgePlan:
    """What send_reminders does for one runner now: when `due`, the nudge of the week starting
    `week_start` goes out, and once it is dealt with the next one is planned at `next_at`;
    otherwise the nudge is (re)planned at `moment`."""

    due: bool
    day: dt.date
    week_start: dt.date
    moment: dt.datetime
    next_at: dt.datetime


def plan_nudge(
    *,
    now: dt.datetime,
    zone: ZoneInfo,
    weekday: int,
    at: dt.time,
    first_weekday: int,
    scheduled: dt.datetime | None,
) -> NudgePlan:
    """A nudge is due from the runner's chosen local time to the end of that local day: a run
    that was late (a host down, a failed send) still nudges that evening, never a day later
    with a stale count. Once due, the next one is planned for the same time a week on."""
    today = rules.local_date(now, zone)
    moment = scheduled
    if moment is None or rules.local_date(moment, zone) < today:
        moment = nudge_moment(weekday=weekday, at=at, zone=zone, from_day=today)
    day = rules.local_date(moment, zone)
    week = rules.week_start(day, first_weekday)
    if moment > now:
        return NudgePlan(False, day, week, moment, moment)
    after = nudge_moment(weekday=weekday, at=at, zone=zone, from_day=day + dt.timedelta(days=1))
    return NudgePlan(True, day, week, moment, after)


@dataclass(frozen=True)
class WeekOutlook:
    """This week's count and the next suggested day, as the nudge says them."""

    status: rules.WeekStatus
    next_day: rules.NextDay


def week_outlook(
    starts: Iterable[dt.datetime],
    *,
    today: dt.date,
    zone: ZoneInfo,
    first_weekday: int,
    goal: int,
    min_rest_days: int,
    long_run_weekday: int | None,
) -> WeekOutlook:
    """The week holding `today` from the starts of the runner's recent counted sessions (this
    week's and the days before it that the rest rule reads)."""
    tallies = rules.tally_days(((start, 0) for start in starts), zone)
    all_weeks = rules.weeks(tallies, today=today, first_weekday=first_weekday, goal=goal)
    days = list(tallies)
    return WeekOutlook(
        status=rules.current_week_status(all_weeks, today),
        next_day=rules.next_suggested_day(
            days,
            today=today,
            first_weekday=first_weekday,
            goal=goal,
            min_rest_days=min_rest_days,
            long_run_weekday=long_run_weekday,
        ),
    )


@dataclass(frozen=True)
class SuggestedDay:
    """A day the feed puts a strength session on, the session's number in its week, and the
    long-run eve it steps over (if any)."""

    day: dt.date
    number: int
    goal: int
    long_run_eve_skipped: dt.date | None


def suggested_days(
    days: Sequence[dt.date],
    *,
    today: dt.date,
    first_weekday: int,
    goal: int,
    min_rest_days: int,
    long_run_weekday: int | None,
    race_date: dt.date | None,
    weeks: int = FEED_WEEKS,
) -> list[SuggestedDay]:
    """The strength days of this week and the next ones, as if the runner trained on each
    suggested day: the next suggested day of the progress rules, again and again. Never the
    race day or the day before it (docs/design.md, "Runner-aware planning")."""
    training = sorted(set(days))
    horizon = rules.week_start(today, first_weekday) + dt.timedelta(weeks=weeks)
    blocked = set() if race_date is None else {race_date - dt.timedelta(days=1), race_date}
    suggested: list[SuggestedDay] = []
    cursor = today
    # Each turn either suggests a day or moves the cursor on by at least a day.
    while cursor < horizon:
        next_day = rules.next_suggested_day(
            training,
            today=cursor,
            first_weekday=first_weekday,
            goal=goal,
            min_rest_days=min_rest_days,
            long_run_weekday=long_run_weekday,
        )
        week = rules.week_start(cursor, first_weekday)
        if next_day.week_met:
            cursor = week + dt.timedelta(weeks=1)
            continue
        if next_day.day >= horizon:
            break
        if next_day.day in blocked:
            cursor = next_day.day + dt.timedelta(days=1)
            continue
        day_week = rules.week_start(next_day.day, first_weekday)
        done = sum(1 for day in training if rules.week_start(day, first_weekday) == day_week)
        suggested.append(
            SuggestedDay(
                day=next_day.day,
                number=done + 1,
                goal=goal,
                long_run_eve_skipped=next_day.long_run_eve_skipped,
            )
        )
        training.append(next_day.day)
        cursor = next_day.day + dt.timedelta(days=1)
    return suggested
