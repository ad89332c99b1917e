import datetime as dt
from decimal import Decimal

from apps.progress import rules, wording

TODAY = dt.date(2026, 11, 25)  # a Wednesday
MONDAY = 0


def week_status(days, goal=2):
    tallies = {day: rules.DayTally(1, 3) for day in days}
    weeks = rules.weeks(tallies, today=TODAY, first_weekday=MONDAY, goal=goal)
    return rules.current_week_status(weeks, TODAY)


def suggest(days, *, today=TODAY, goal=2, min_rest_days=1, long_run_weekday=None):
    return rules.next_suggested_day(
        days,
        today=today,
        first_weekday=MONDAY,
        goal=goal,
        min_rest_days=min_rest_days,
        long_run_weekday=long_run_weekday,
    )


def test_the_week_summary_reads_sessions_done_and_days_left():
    assert wording.week_summary(week_status([dt.date(2026, 11, 23)])) == (
        "1 of 2 sessions done, 5 days left"
    )


def test_the_week_summary_says_when_the_week_meets_the_minimum():
    status = week_status([dt.date(2026, 11, 23), dt.date(2026, 11, 25)])
    assert wording.week_summary(status) == "2 of 2 sessions done: this week meets the minimum"


def test_the_week_summary_says_when_today_is_the_last_day():
    tallies = {}
    weeks = rules.weeks(tallies, today=dt.date(2026, 11, 29), first_weekday=MONDAY, goal=2)
    status = rules.current_week_status(weeks, dt.date(2026, 11, 29))
    assert wording.week_summary(status) == "0 of 2 sessions done, today is the last day of the week"


def test_without_sessions_the_message_is_just_the_headline():
    assert wording.next_day_message(suggest([])) == "Next: today."


def test_the_day_after_a_session_reads_as_a_rest_day():
    assert wording.next_day_message(suggest([dt.date(2026, 11, 24)])) == (
        "Next: tomorrow (Thursday). Today is a rest day after yesterday's session."
    )


def test_a_longer_rest_counts_the_days_left():
    next_day = suggest([dt.date(2026, 11, 24)], min_rest_days=2)
    assert wording.next_day_reasons(next_day) == ["Rest 2 more days after yesterday's session."]


def test_a_session_today_says_how_long_to_rest():
    assert wording.next_day_reasons(suggest([TODAY])) == [
        "You trained today: rest 1 day before the next one."
    ]


def test_without_a_minimum_rest_a_second_session_today_counts_once():
    assert wording.next_day_reasons(suggest([TODAY], min_rest_days=0)) == [
        "You trained today, and a second session today would count once."
    ]


def test_the_skipped_long_run_eve_is_named():
    next_day = suggest([dt.date(2026, 11, 24)], long_run_weekday=4)
    assert wording.next_day_message(next_day) == (
        "Next: Friday. Today is a rest day after yesterday's session. "
        "Not tomorrow (Thursday): it is the day before your long run."
    )


def test_it_says_when_only_the_long_run_eve_is_left_for_the_goal():
    saturday = dt.date(2026, 11, 28)
    next_day = suggest([saturday], today=saturday, min_rest_days=0, long_run_weekday=0)
    assert "takes a session on the day before your long run" in wording.next_day_message(next_day)


def test_it_says_plainly_when_the_week_can_no_longer_be_met():
    next_day = suggest([], today=dt.date(2026, 11, 28))
    assert wording.next_day_reasons(next_day) == [
        "This week can no longer meet your goal: there are not enough days left with the rest "
        "you need between sessions."
    ]


def test_a_met_week_says_so():
    next_day = suggest([dt.date(2026, 11, 23), dt.date(2026, 11, 25)])
    assert wording.next_day_reasons(next_day)[-1] == "This week already meets the minimum."


def test_days_are_named_from_today():
    assert wording.day_name(TODAY, TODAY) == "today"
    assert wording.day_name(dt.date(2026, 11, 26), TODAY) == "tomorrow (Thursday)"
    assert wording.day_name(dt.date(2026, 11, 28), TODAY) == "Saturday"
    assert wording.day_name(dt.date(2026, 12, 7), TODAY) == "Monday 7 December"


def test_past_sessions_are_named_from_today():
    assert wording.session_name(TODAY, TODAY) == "today's session"
    assert wording.session_name(dt.date(2026, 11, 24), TODAY) == "yesterday's session"
    assert wording.session_name(dt.date(2026, 11, 21), TODAY) == "Saturday's session"
    assert wording.session_name(dt.date(2026, 11, 10), TODAY) == "your session on 10 November"


def test_the_taper_reason_names_the_sets_and_the_days_to_the_race():
    taper = rules.race_taper(TODAY, TODAY + dt.timedelta(days=9))
    assert wording.taper_reason(taper) == (
        "Your race is in 9 days: do 2 sets instead of 3, at the same loads, so you keep your "
        "strength and arrive with fresh legs."
    )
    assert "race is tomorrow" in wording.taper_reason(
        rules.race_taper(TODAY, TODAY + dt.timedelta(days=1))
    )
    assert wording.taper_reason(rules.race_taper(TODAY, TODAY)).startswith("Race day")


def test_totals_are_labelled_by_their_span():
    four, twelve, all_time = rules.standard_totals([week_status([]).week])
    assert [wording.totals_label(total) for total in (four, twelve, all_time)] == [
        "Last 4 weeks",
        "Last 12 weeks",
        "All time",
    ]


def test_holds_and_bodyweight_moves_read_in_seconds_and_reps():
    hold = rules.BestSet(day=TODAY, value=45, reps=None, seconds=45, load_kg=None)
    reps = rules.BestSet(day=TODAY, value=10, reps=10, seconds=None, load_kg=None)
    assert wording.best_set_text(hold, rules.SECONDS, "kg") == "45 s"
    assert wording.best_set_text(reps, rules.REPS, "kg") == "10 reps"


def test_a_loaded_move_done_without_a_load_reads_as_no_load():
    unloaded = rules.BestSet(day=TODAY, value=Decimal(0), reps=5, seconds=None, load_kg=None)
    assert wording.best_set_text(unloaded, rules.LOAD, "kg") == "no load × 5"


def test_a_moves_best_ever_reads_in_what_it_progresses_by():
    assert wording.best_ever_text(Decimal("52.5"), rules.LOAD, "kg") == "52.5 kg"
    assert wording.best_ever_text(55, rules.SECONDS, "kg") == "55 s"
    assert wording.best_ever_text(12, rules.REPS, "kg") == "12 reps"


def test_heatmap_days_say_the_date_and_the_sessions():
    titles = [
        wording.heat_day_title(rules.HeatDay(day=dt.date(2026, 11, 23), sessions=2, future=False)),
        wording.heat_day_title(rules.HeatDay(day=dt.date(2026, 11, 24), sessions=0, future=False)),
        wording.heat_day_title(rules.HeatDay(day=dt.date(2026, 11, 26), sessions=0, future=True)),
    ]
    assert titles == [
        "Mon 23 Nov 2026: 2 sessions",
        "Tue 24 Nov 2026: no session",
        "Thu 26 Nov 2026: still to come",
    ]
