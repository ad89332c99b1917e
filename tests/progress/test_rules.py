import datetime as dt
from zoneinfo import ZoneInfo

from apps.progress import rules

LONDON = ZoneInfo("Europe/London")
MONDAY = 0
SUNDAY = 6


def test_a_late_evening_session_counts_on_its_local_day():
    moment = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)  # 23:30 in London (BST)
    assert rules.local_date(moment, LONDON) == dt.date(2026, 7, 1)
    assert rules.local_date(moment, ZoneInfo("Asia/Tokyo")) == dt.date(2026, 7, 2)


def test_weeks_start_on_the_runners_chosen_day():
    wednesday = dt.date(2026, 11, 25)
    assert rules.week_start(wednesday, MONDAY) == dt.date(2026, 11, 23)
    assert rules.week_start(wednesday, SUNDAY) == dt.date(2026, 11, 22)
    sunday = dt.date(2026, 11, 29)
    assert rules.week_start(sunday, MONDAY) == dt.date(2026, 11, 23)
    assert rules.week_start(sunday, SUNDAY) == sunday


def test_two_sessions_on_one_day_make_one_day():
    starts = [
        dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 23, 18, tzinfo=dt.UTC),
    ]
    assert rules.training_days(starts, LONDON) == [dt.date(2026, 11, 23)]


def test_consecutive_days_are_back_to_back_with_one_rest_day_required():
    gaps = rules.recovery_gaps([dt.date(2026, 11, 23), dt.date(2026, 11, 24)], min_rest_days=1)
    assert [(gap.rest_days, gap.back_to_back) for gap in gaps] == [(0, True)]


def test_one_rest_day_between_sessions_is_enough_by_default():
    gaps = rules.recovery_gaps([dt.date(2026, 11, 23), dt.date(2026, 11, 25)], min_rest_days=1)
    assert [(gap.rest_days, gap.back_to_back) for gap in gaps] == [(1, False)]


def test_no_minimum_rest_never_flags_back_to_back():
    gaps = rules.recovery_gaps([dt.date(2026, 11, 23), dt.date(2026, 11, 24)], min_rest_days=0)
    assert not gaps[0].back_to_back


def test_back_to_back_is_flagged_across_a_week_boundary():
    sunday, monday = dt.date(2026, 11, 29), dt.date(2026, 11, 30)
    assert rules.week_start(sunday, MONDAY) != rules.week_start(monday, MONDAY)
    assert rules.recovery_gaps([sunday, monday], min_rest_days=1)[0].back_to_back


def test_more_than_seven_days_without_a_session_is_a_long_break():
    gaps = rules.recovery_gaps(
        [dt.date(2026, 11, 1), dt.date(2026, 11, 8), dt.date(2026, 11, 17)], min_rest_days=1
    )
    assert [gap.long_break for gap in gaps] == [False, True]
