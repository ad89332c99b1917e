import datetime as dt
from decimal import Decimal
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


def test_sessions_eight_days_apart_are_a_long_break():
    (gap,) = rules.recovery_gaps([dt.date(2026, 11, 1), dt.date(2026, 11, 9)], min_rest_days=1)
    assert (gap.days_apart, gap.rest_days, gap.long_break) == (8, 7, True)


def test_sessions_seven_days_apart_are_not_a_long_break():
    (gap,) = rules.recovery_gaps([dt.date(2026, 11, 1), dt.date(2026, 11, 8)], min_rest_days=1)
    assert (gap.days_apart, gap.rest_days, gap.long_break) == (7, 6, False)


# --- weeks and streaks --------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def at(day: dt.date, hour: int = 7, zone: ZoneInfo = LONDON) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)


def build_weeks(days, *, today=TODAY, first_weekday=MONDAY, goal=2, zone=LONDON):
    tallies = rules.tally_days(((at(day, zone=zone), 3) for day in days), zone)
    return rules.weeks(tallies, today=today, first_weekday=first_weekday, goal=goal)


def test_two_sessions_on_one_day_do_not_meet_a_two_day_minimum():
    monday = dt.date(2026, 11, 16)
    tallies = rules.tally_days([(at(monday, 7), 3), (at(monday, 19), 3)], LONDON)
    week = rules.weeks(tallies, today=TODAY, first_weekday=MONDAY, goal=2)[0]
    assert (week.sessions, week.day_count, week.meets_minimum) == (2, 1, False)


def test_sunday_start_weeks_put_a_sunday_with_the_days_after_it():
    sunday, monday = dt.date(2026, 11, 15), dt.date(2026, 11, 16)
    sunday_weeks = build_weeks([sunday, monday], first_weekday=SUNDAY)
    monday_weeks = build_weeks([sunday, monday], first_weekday=MONDAY)
    assert sunday_weeks[0].days == (sunday, monday)
    assert sunday_weeks[0].meets_minimum
    assert [week.day_count for week in monday_weeks[:2]] == [1, 1]


def test_weeks_without_sessions_are_listed_and_break_the_streak():
    weeks = build_weeks(
        [dt.date(2026, 11, 2), dt.date(2026, 11, 4), dt.date(2026, 11, 16), dt.date(2026, 11, 18)]
    )
    assert [week.meets_minimum for week in weeks] == [True, False, True, False]
    assert rules.streaks(weeks) == rules.Streaks(current=1, longest=1)


def test_an_unfinished_current_week_does_not_break_the_streak():
    weeks = build_weeks(
        [dt.date(2026, 11, 9), dt.date(2026, 11, 11), dt.date(2026, 11, 16), dt.date(2026, 11, 18)]
    )
    assert not weeks[-1].meets_minimum
    assert weeks[-1].is_current
    assert rules.streaks(weeks).current == 2


def test_the_current_week_extends_the_streak_once_it_meets_the_minimum():
    days = [
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 18),
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 25),
    ]
    assert rules.streaks(build_weeks(days)) == rules.Streaks(current=2, longest=2)


def test_a_finished_week_below_the_minimum_ends_the_streak():
    days = [dt.date(2026, 11, 2), dt.date(2026, 11, 4), dt.date(2026, 11, 9)]
    weeks = build_weeks(days, today=dt.date(2026, 11, 16))
    assert rules.streaks(weeks) == rules.Streaks(current=0, longest=1)


def test_without_sessions_there_is_only_the_current_week():
    weeks = build_weeks([])
    assert [week.start for week in weeks] == [dt.date(2026, 11, 23)]
    assert rules.streaks(weeks) == rules.Streaks(current=0, longest=0)


def test_the_week_status_reads_sessions_done_and_days_left_including_today():
    status = rules.current_week_status(build_weeks([dt.date(2026, 11, 23)]), TODAY)
    assert (status.done, status.goal, status.days_left, status.met) == (1, 2, 5, False)


def test_the_week_status_says_when_the_week_meets_the_minimum():
    weeks = build_weeks([dt.date(2026, 11, 23), dt.date(2026, 11, 25)])
    assert rules.current_week_status(weeks, TODAY).met


# --- next suggested day -----------------------------------------------------------------------


def suggest(days, *, today=TODAY, goal=2, min_rest_days=1, long_run_weekday=None, first=MONDAY):
    return rules.next_suggested_day(
        days,
        today=today,
        first_weekday=first,
        goal=goal,
        min_rest_days=min_rest_days,
        long_run_weekday=long_run_weekday,
    )


def test_without_sessions_the_next_day_is_today():
    assert suggest([]).day == TODAY
    assert suggest([]).reasons == []


def test_the_day_after_a_session_is_a_rest_day():
    next_day = suggest([dt.date(2026, 11, 24)])  # yesterday, a Tuesday
    assert next_day.day == dt.date(2026, 11, 26)
    assert next_day.reasons == [rules.NextDayReason.RESTING]
    assert (next_day.rest_days_left, next_day.trained_today) == (1, False)


def test_a_longer_minimum_rest_pushes_the_next_day_further():
    next_day = suggest([dt.date(2026, 11, 24)], min_rest_days=2)
    assert next_day.day == dt.date(2026, 11, 27)
    assert (next_day.rest_days_left, next_day.trained_today) == (2, False)


def test_a_session_today_means_resting_before_the_next():
    next_day = suggest([TODAY])
    assert next_day.day == dt.date(2026, 11, 27)
    assert next_day.reasons == [rules.NextDayReason.RESTING]
    assert (next_day.rest_days_left, next_day.trained_today) == (1, True)


def test_the_day_before_the_long_run_is_avoided():
    # Yesterday's session makes Thursday the first rested day, but the long run is on Friday.
    next_day = suggest([dt.date(2026, 11, 24)], long_run_weekday=4)
    assert next_day.day == dt.date(2026, 11, 27)
    assert next_day.long_run_eve_skipped == dt.date(2026, 11, 26)
    assert next_day.reasons == [
        rules.NextDayReason.RESTING,
        rules.NextDayReason.LONG_RUN_EVE_SKIPPED,
    ]


def test_without_a_long_run_day_the_eve_is_not_avoided():
    assert suggest([dt.date(2026, 11, 24)]).day == dt.date(2026, 11, 26)


def test_the_long_run_eve_is_used_only_when_the_goal_needs_it():
    # Long run on Monday, so Sunday is its eve; no rest needed between sessions.
    friday, saturday, sunday = dt.date(2026, 11, 27), dt.date(2026, 11, 28), dt.date(2026, 11, 29)
    room_to_spare = suggest([], today=friday, min_rest_days=0, long_run_weekday=0)
    assert (room_to_spare.day, room_to_spare.goal_needs_long_run_eve) == (friday, False)
    needs_eve_later = suggest([], today=saturday, min_rest_days=0, long_run_weekday=0)
    assert (needs_eve_later.day, needs_eve_later.week_can_be_met) == (saturday, True)
    assert needs_eve_later.goal_needs_long_run_eve
    only_the_eve = suggest([saturday], today=saturday, min_rest_days=0, long_run_weekday=0)
    assert (only_the_eve.day, only_the_eve.goal_needs_long_run_eve) == (sunday, True)
    assert rules.NextDayReason.GOAL_NEEDS_LONG_RUN_EVE in only_the_eve.reasons


def test_it_says_plainly_when_the_week_can_no_longer_be_met():
    saturday = dt.date(2026, 11, 28)
    next_day = suggest([], today=saturday, goal=2, min_rest_days=1)
    assert not next_day.week_can_be_met
    assert next_day.day == saturday
    assert next_day.reasons == [rules.NextDayReason.WEEK_CANNOT_BE_MET]


def test_a_met_week_still_suggests_the_next_rested_day():
    next_day = suggest([dt.date(2026, 11, 23), dt.date(2026, 11, 25)])
    assert next_day.week_met
    assert next_day.day == dt.date(2026, 11, 27)
    assert next_day.reasons == [rules.NextDayReason.RESTING, rules.NextDayReason.WEEK_MET]


def test_a_sunday_start_week_ends_on_saturday_for_the_goal():
    # Saturday with nothing done and a Sunday-start week: the week ends today.
    saturday = dt.date(2026, 11, 28)
    next_day = suggest([], today=saturday, goal=2, min_rest_days=0, first=SUNDAY)
    assert not next_day.week_can_be_met


# --- race taper -------------------------------------------------------------------------------


def test_the_final_two_weeks_before_a_race_drop_to_two_sets_at_the_same_loads():
    taper = rules.race_taper(TODAY, TODAY + dt.timedelta(days=9))
    assert (taper.sets, taper.usual_sets, taper.days_to_race) == (2, 3, 9)


def test_there_is_no_taper_further_out_without_a_race_or_after_it():
    assert rules.race_taper(TODAY, TODAY + dt.timedelta(days=15)) is None
    assert rules.race_taper(TODAY, None) is None
    assert rules.race_taper(TODAY, TODAY - dt.timedelta(days=1)) is None


def test_the_taper_starts_fourteen_days_out():
    assert rules.race_taper(TODAY, TODAY + dt.timedelta(days=14)) is not None


# --- totals, heatmap, recovery report --------------------------------------------------------


def test_totals_count_sessions_sets_and_the_share_of_weeks_met():
    days = [
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 4),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 18),
        dt.date(2026, 11, 23),
    ]
    four, twelve, all_time = rules.standard_totals(build_weeks(days))
    # Three finished weeks judged (met, not met, met); the unmet current week is not judged.
    assert (four.weeks_judged, four.weeks_met, four.percent_met) == (3, 2, 67)
    assert (four.sessions, four.sets) == (6, 18)
    assert twelve.weeks == all_time.weeks == 4
    assert (four.last, twelve.last, all_time.last) == (4, 12, None)


def test_the_heatmap_has_52_weeks_of_seven_days_ending_this_week():
    columns = rules.heatmap(
        rules.tally_days([(at(TODAY), 0), (at(TODAY, 18), 0)], LONDON),
        today=TODAY,
        first_weekday=MONDAY,
    )
    assert len(columns) == 52
    assert all(len(column) == 7 for column in columns)
    assert columns[-1][0].day == dt.date(2026, 11, 23)
    assert columns[-1][2].sessions == 2
    assert columns[-1][3].future


def test_the_recovery_report_lists_back_to_back_pairs_and_long_breaks_newest_first():
    days = [
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 2),
        dt.date(2026, 10, 4),
        dt.date(2026, 10, 20),
    ]
    flags = rules.recovery_flags(days, min_rest_days=1, since=dt.date(2026, 9, 15))
    assert [(gap.earlier, gap.later) for gap in flags] == [
        (dt.date(2026, 10, 4), dt.date(2026, 10, 20)),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 2)),
        (dt.date(2026, 9, 1), dt.date(2026, 10, 1)),
    ]


def test_an_ongoing_break_counts_days_since_the_last_session():
    assert rules.days_since_last_session([dt.date(2026, 11, 10)], TODAY) == 15
    assert rules.days_since_last_session([], TODAY) is None


def test_eight_days_since_the_last_session_is_a_long_break():
    last = TODAY - dt.timedelta(days=8)
    assert rules.days_since_last_session([last], TODAY) == 8
    assert rules.is_on_long_break([last], TODAY)


def test_seven_days_since_the_last_session_is_not_a_long_break():
    last = TODAY - dt.timedelta(days=7)
    assert rules.days_since_last_session([last], TODAY) == 7
    assert not rules.is_on_long_break([last], TODAY)


def test_without_sessions_there_is_no_long_break():
    assert not rules.is_on_long_break([], TODAY)


def test_an_ongoing_break_is_the_long_break_a_session_today_would_end():
    for days_since in range(1, 15):
        last = TODAY - dt.timedelta(days=days_since)
        (gap,) = rules.recovery_gaps([last, TODAY], min_rest_days=0)
        assert rules.is_on_long_break([last], TODAY) == gap.long_break


def test_the_recent_days_keep_the_last_training_day_before_the_window():
    days = [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 2), dt.date(2026, 11, 20)]
    assert rules.recent_days(days, dt.date(2026, 11, 1)) == days[1:]
    assert rules.recent_days(days, dt.date(2026, 12, 1)) == days[-1:]
    assert rules.recent_days(days, dt.date(2026, 1, 1)) == days
    assert rules.recent_days([], dt.date(2026, 1, 1)) == []


# --- per move ---------------------------------------------------------------------------------


STARTS = {
    3: dt.datetime(2026, 11, 3, 7, tzinfo=dt.UTC),
    4: dt.datetime(2026, 11, 4, 23, 30, tzinfo=dt.UTC),  # 5 November in Tokyo
}


def group(session_id, exercise_id, *, load=None, reps=5, seconds=None):
    return rules.SetGroup(
        session_id=session_id,
        exercise_id=exercise_id,
        load_kg=None if load is None else Decimal(load),
        reps=reps,
        seconds=seconds,
    )


def test_a_loaded_moves_best_set_is_its_heaviest_then_most_reps():
    groups = [group(3, 1, load="40", reps=5), group(3, 1, load="42.5", reps=3)]
    groups += [group(4, 1, load="42.5", reps=5), group(4, 1, load="40", reps=8)]
    best = rules.best_sets(groups, STARTS, LONDON, {1: rules.LOAD})[1]
    assert [(point.day, point.value, point.reps) for point in best] == [
        (dt.date(2026, 11, 3), Decimal("42.5"), 3),
        (dt.date(2026, 11, 4), Decimal("42.5"), 5),
    ]


def test_best_sets_are_dated_by_the_sessions_local_day():
    best = rules.best_sets([group(4, 1, load="20")], STARTS, ZoneInfo("Asia/Tokyo"), {})[1]
    assert best[0].day == dt.date(2026, 11, 5)


def test_best_sets_are_ordered_by_session_start_whatever_the_row_order():
    groups = [group(4, 2, reps=9), group(3, 2, reps=8)]
    best = rules.best_sets(groups, STARTS, LONDON, {2: rules.REPS})[2]
    assert [point.value for point in best] == [8, 9]


def test_sets_of_sessions_that_do_not_count_are_ignored():
    assert rules.best_sets([group(99, 1, load="20")], STARTS, LONDON, {1: rules.LOAD}) == {}


def test_holds_progress_by_seconds_and_bodyweight_moves_by_reps():
    groups = [group(3, 1, reps=None, seconds=30), group(3, 1, reps=None, seconds=45)]
    groups += [group(3, 2, reps=8), group(3, 2, reps=10)]
    best = rules.best_sets(groups, STARTS, LONDON, {1: rules.SECONDS, 2: rules.REPS})
    assert (best[1][0].value, best[2][0].value) == (45, 10)


def test_a_loaded_move_done_without_a_load_reads_as_zero():
    best = rules.best_sets([group(3, 1, load=None, reps=5)], STARTS, LONDON, {1: rules.LOAD})
    assert best[1][0].value == Decimal(0)


def test_what_a_move_progresses_by():
    assert rules.progress_measure("reps", is_loaded=True) == rules.LOAD
    assert rules.progress_measure("seconds", is_loaded=False) == rules.SECONDS
    assert rules.progress_measure("reps", is_loaded=False) == rules.REPS


# --- time zones and daylight saving ------------------------------------------------------------


def test_a_session_just_after_midnight_on_a_dst_change_stays_on_its_local_day():
    # London clocks go back at 02:00 BST on 25 October 2026; 00:30 local is still 24 Oct in UTC.
    moment = dt.datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    assert moment.astimezone(dt.UTC).date() == dt.date(2026, 10, 24)
    assert rules.local_date(moment, LONDON) == dt.date(2026, 10, 25)
    assert rules.week_start(rules.local_date(moment, LONDON), MONDAY) == dt.date(2026, 10, 19)


def test_changing_the_timezone_re_buckets_a_late_session_into_the_next_week():
    sunday_night_london = dt.datetime(2026, 11, 22, 23, 30, tzinfo=LONDON)
    in_london = rules.tally_days([(sunday_night_london, 1)], LONDON)
    in_tokyo = rules.tally_days([(sunday_night_london, 1)], ZoneInfo("Asia/Tokyo"))
    assert list(in_london) == [dt.date(2026, 11, 22)]
    assert list(in_tokyo) == [dt.date(2026, 11, 23)]
    london_weeks = rules.weeks(in_london, today=TODAY, first_weekday=MONDAY, goal=2)
    tokyo_weeks = rules.weeks(in_tokyo, today=TODAY, first_weekday=MONDAY, goal=2)
    assert london_weeks[0].start == dt.date(2026, 11, 16)
    assert tokyo_weeks[0].start == dt.date(2026, 11, 23)


def test_a_week_meets_the_minimum_on_enough_different_days():
    monday = dt.date(2026, 11, 23)
    assert rules.week_meets_minimum([monday, monday + dt.timedelta(days=2)], goal=2)
    assert not rules.week_meets_minimum([monday, monday], goal=2)
