"""Property-based checks of the calendar rules: random session times in awkward timezones."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.progress import rules

ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Pacific/Kiritimati",  # UTC+14: most sessions are "tomorrow" in UTC
    "America/St_Johns",  # UTC-3:30 / -2:30
    "Australia/Lord_Howe",  # half-hour daylight saving
    "Asia/Kathmandu",  # UTC+5:45
]
# Weeks holding a daylight-saving change in some of the zones above.
DST_WEEKS = [
    dt.date(2026, 3, 8),  # America/New_York and St_Johns spring forward
    dt.date(2026, 3, 29),  # Europe/London springs forward
    dt.date(2026, 4, 5),  # Australia/Lord_Howe falls back half an hour
    dt.date(2026, 10, 4),  # Australia/Lord_Howe springs forward
    dt.date(2026, 10, 25),  # Europe/London falls back
    dt.date(2026, 11, 1),  # America/New_York and St_Johns fall back
]
TODAY = dt.date(2026, 12, 31)

zones = st.sampled_from(ZONES).map(ZoneInfo)
instants = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 12, 30)).map(
    lambda moment: moment.replace(tzinfo=dt.UTC)
)
session_starts = st.lists(instants, max_size=60)
first_weekdays = st.sampled_from([0, 6])
goals = st.integers(min_value=2, max_value=7)
bounded = settings(max_examples=200, deadline=None)


def weeks_of(starts, zone, first_weekday, goal):
    tallies = rules.tally_days(((start, 1) for start in starts), zone)
    return rules.weeks(tallies, today=TODAY, first_weekday=first_weekday, goal=goal)


@bounded
@given(session_starts, zones, first_weekdays, goals)
def test_every_counted_session_lands_in_exactly_one_week(starts, zone, first_weekday, goal):
    weeks = weeks_of(starts, zone, first_weekday, goal)
    assert sum(week.sessions for week in weeks) == len(starts)
    for start in starts:
        day = rules.local_date(start, zone)
        holding = [week for week in weeks if week.start <= day <= week.end]
        assert len(holding) == 1
        assert day in holding[0].days


@bounded
@given(session_starts, zones, first_weekdays)
def test_weeks_are_consecutive_and_start_on_the_chosen_weekday(starts, zone, first_weekday):
    weeks = weeks_of(starts, zone, first_weekday, 2)
    assert all(week.start.weekday() == first_weekday for week in weeks)
    assert all(b.start - a.start == dt.timedelta(days=7) for a, b in itertools.pairwise(weeks))
    assert weeks[-1].is_current


@bounded
@given(session_starts, zones, first_weekdays, goals)
def test_met_weeks_match_a_day_by_day_recount(starts, zone, first_weekday, goal):
    weeks = weeks_of(starts, zone, first_weekday, goal)
    trained = {start.astimezone(zone).date() for start in starts}
    met, days_this_week = 0, 0
    day = weeks[0].start
    while day <= weeks[-1].end:
        if day.weekday() == first_weekday:
            days_this_week = 0
        if day in trained:
            days_this_week += 1
            met += days_this_week == goal
        day += dt.timedelta(days=1)
    assert sum(week.meets_minimum for week in weeks) == met


@bounded
@given(session_starts, zones, first_weekdays, goals)
def test_streaks_never_exceed_the_number_of_weeks(starts, zone, first_weekday, goal):
    weeks = weeks_of(starts, zone, first_weekday, goal)
    streaks = rules.streaks(weeks)
    assert 0 <= streaks.current <= streaks.longest <= len(weeks)
    assert streaks.longest <= sum(week.meets_minimum for week in weeks)


@bounded
@given(
    st.sampled_from(DST_WEEKS),
    st.integers(min_value=0, max_value=6),
    st.times(),
    st.sampled_from(
        ["Europe/London", "America/New_York", "America/St_Johns", "Australia/Lord_Howe"]
    ).map(ZoneInfo),
    first_weekdays,
)
def test_daylight_saving_never_moves_a_session_to_another_day_or_week(
    week, offset, wall_time, zone, first_weekday
):
    day = week + dt.timedelta(days=offset)
    moment = dt.datetime.combine(day, wall_time, tzinfo=zone).astimezone(dt.UTC)
    # Skipped wall times (spring forward) resolve to the same day: no change is at midnight here.
    assert rules.local_date(moment, zone) == day
    assert rules.week_start(rules.local_date(moment, zone), first_weekday) == rules.week_start(
        day, first_weekday
    )


@bounded
@given(
    st.lists(st.dates(min_value=dt.date(2026, 10, 1), max_value=TODAY), max_size=20),
    goals,
    st.integers(min_value=0, max_value=3),
    st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    first_weekdays,
)
def test_the_next_day_respects_rest_and_is_never_the_long_run_eve_unless_needed(
    days, goal, min_rest_days, long_run_weekday, first_weekday
):
    next_day = rules.next_suggested_day(
        days,
        today=TODAY,
        first_weekday=first_weekday,
        goal=goal,
        min_rest_days=min_rest_days,
        long_run_weekday=long_run_weekday,
    )
    assert next_day.day >= TODAY
    if days:
        assert rules.rest_days_between(max(days), next_day.day) >= min_rest_days
    if long_run_weekday is not None and next_day.day.weekday() == (long_run_weekday - 1) % 7:
        assert next_day.goal_needs_long_run_eve
    assert next_day.resting == (next_day.rested_from > TODAY)


@bounded
@given(
    st.lists(st.dates(min_value=dt.date(2026, 12, 14), max_value=TODAY), max_size=6),
    st.dates(min_value=dt.date(2026, 12, 21), max_value=TODAY),
    goals,
    st.integers(min_value=0, max_value=3),
    st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    first_weekdays,
)
def test_the_week_can_be_met_exactly_when_some_schedule_meets_it(
    days, today, goal, min_rest_days, long_run_weekday, first_weekday
):
    days = [day for day in days if day <= today]
    next_day = rules.next_suggested_day(
        days,
        today=today,
        first_weekday=first_weekday,
        goal=goal,
        min_rest_days=min_rest_days,
        long_run_weekday=long_run_weekday,
    )
    start = rules.week_start(today, first_weekday)
    end = start + dt.timedelta(days=6)
    needed = goal - len({day for day in days if start <= day <= end})
    earliest = max([today, *(day + dt.timedelta(days=min_rest_days + 1) for day in days)])
    assert next_day.rested_from == earliest
    candidates = [
        earliest + dt.timedelta(days=offset) for offset in range((end - earliest).days + 1)
    ]
    spaced = any(
        all((b - a).days > min_rest_days for a, b in itertools.pairwise(plan))
        for plan in itertools.combinations(candidates, max(needed, 0))
    )
    assert next_day.week_can_be_met == (needed <= 0 or spaced)


@bounded
@given(
    # Up to tomorrow: a session may be logged up to a day ahead.
    st.lists(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 1, 1)), max_size=80),
    st.integers(min_value=0, max_value=20),
    goals,
    st.integers(min_value=0, max_value=3),
    st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    first_weekdays,
)
def test_the_rules_about_the_recent_past_read_only_the_recent_days(
    days, weeks_back, goal, min_rest_days, long_run_weekday, first_weekday
):
    days = sorted(set(days))
    since = rules.week_start(TODAY, first_weekday) - dt.timedelta(weeks=weeks_back)
    recent = rules.recent_days(days, since)
    plan = {
        "today": TODAY,
        "first_weekday": first_weekday,
        "goal": goal,
        "min_rest_days": min_rest_days,
        "long_run_weekday": long_run_weekday,
    }
    assert rules.next_suggested_day(recent, **plan) == rules.next_suggested_day(days, **plan)
    assert rules.recovery_flags(
        recent, min_rest_days=min_rest_days, since=since
    ) == rules.recovery_flags(days, min_rest_days=min_rest_days, since=since)
    assert rules.days_since_last_session(recent, TODAY) == rules.days_since_last_session(
        days, TODAY
    )
