"""The progress rules' values in the runner's words: the one place their sentences are written.

rules.py and charts.py return values (dates, counts, codes); this module turns them into the
plain text the pages and the API show, so a sentence is changed in one place. Plain text only:
the templates escape it (they call these functions through the `progress_words` filters), and
the API returns it as JSON strings.
"""

import datetime as dt
from decimal import Decimal

from apps.exercises.amounts import set_text
from apps.progress import rules
from apps.training.calendar import LONG_BREAK_DAYS
from apps.training.progression import Suggestion

# ---------------------------------------------------------------------------------------------
# This week, the next suggested day, the race taper, totals
# ---------------------------------------------------------------------------------------------


def week_summary(status: rules.WeekStatus) -> str:
    """'1 of 2 sessions done, 5 days left'."""
    done = f"{status.done} of {status.goal} {plural(status.goal, 'session')} done"
    if status.met:
        return f"{done}: this week meets the minimum"
    if status.days_left == 1:
        return f"{done}, today is the last day of the week"
    return f"{done}, {status.days_left} days left"


def next_day_headline(next_day: rules.NextDay) -> str:
    """'Next: tomorrow (Thursday).'"""
    return f"Next: {day_name(next_day.day, next_day.today)}."


def next_day_reasons(next_day: rules.NextDay) -> list[str]:
    """Why that day, one sentence per reason, in the order the rules give them."""
    return [_REASONS[reason](next_day) for reason in next_day.reasons]


def next_day_message(next_day: rules.NextDay) -> str:
    """The headline and its reasons as one paragraph."""
    return " ".join([next_day_headline(next_day), *next_day_reasons(next_day)])


def taper_reason(taper: rules.Taper) -> str:
    if taper.days_to_race == 0:
        return "Race day: no strength work today. Good luck!"
    when = "tomorrow" if taper.days_to_race == 1 else f"in {taper.days_to_race} days"
    return (
        f"Your race is {when}: do {taper.sets} sets instead of {taper.usual_sets}, at the "
        "same loads, so you keep your strength and arrive with fresh legs."
    )


def totals_label(totals: rules.Totals) -> str:
    """'Last 4 weeks', or 'All time'."""
    return "All time" if totals.last is None else f"Last {totals.last} weeks"


def _rest_reason(next_day: rules.NextDay) -> str:
    rest = next_day.rest_days_left
    if next_day.trained_today:
        if rest == 0:
            return "You trained today, and a second session today would count once."
        return f"You trained today: rest {rest} {plural(rest, 'day')} before the next one."
    after = session_name(next_day.last_session, next_day.today)
    if rest == 1:
        return f"Today is a rest day after {after}."
    return f"Rest {rest} more days after {after}."


def _long_run_eve_reason(next_day: rules.NextDay) -> str:
    skipped = day_name(next_day.long_run_eve_skipped, next_day.today)
    return f"Not {skipped}: it is the day before your long run."


_REASONS = {
    rules.NextDayReason.RESTING: _rest_reason,
    rules.NextDayReason.LONG_RUN_EVE_SKIPPED: _long_run_eve_reason,
    rules.NextDayReason.GOAL_NEEDS_LONG_RUN_EVE: lambda next_day: (
        "Meeting this week's goal now takes a session on the day before your long run: keep "
        "that one light, or let this week go."
    ),
    rules.NextDayReason.WEEK_MET: lambda next_day: "This week already meets the minimum.",
    rules.NextDayReason.WEEK_CANNOT_BE_MET: lambda next_day: (
        "This week can no longer meet your goal: there are not enough days left with the rest "
        "you need between sessions."
    ),
}


# ---------------------------------------------------------------------------------------------
# Recovery: what a long break is (rules.is_long_break), said the same way on the page and in the
# API's help
# ---------------------------------------------------------------------------------------------

LONG_BREAK_RULE = (
    f"more than {LONG_BREAK_DAYS} days since the last session: dates "
    f"{LONG_BREAK_DAYS + 1} or more days apart, so {LONG_BREAK_DAYS} or more rest "
    "days between"
)


# ---------------------------------------------------------------------------------------------
# A move's sets, bests and next target; the charts' labels
# ---------------------------------------------------------------------------------------------


def best_set_text(best: rules.BestSet, measure: str, unit: str) -> str:
    """'42.5 kg × 5', '45 s', '10 reps': a best set as the runner reads it."""
    if measure == rules.LOAD:
        return set_text(best.reps or None, rules.REPS, unit, loaded=True, load_kg=best.value)
    return set_text(best.value, measure, unit)


def best_ever_text(value: Decimal | int | None, measure: str, unit: str) -> str:
    """A move's best ever, in what it progresses by: '52.5 kg', '55 s', '12 reps'."""
    if value is None:
        return ""
    if measure == rules.LOAD:
        return set_text(None, rules.REPS, unit, loaded=True, load_kg=value)
    return set_text(value, measure, unit)


def suggestion_text(suggestion: Suggestion | None, unit: str) -> str:
    """'35 kg × 5', '35 s', '6 reps': the progression rule's next target as the runner reads it."""
    if suggestion is None:
        return ""
    loaded = suggestion.load_kg is not None
    return set_text(
        suggestion.target, suggestion.measure, unit, loaded=loaded, load_kg=suggestion.load_kg
    )


def axis_label(measure: str, unit: str) -> str:
    """What a move chart's vertical axis counts: the runner's unit, seconds or reps."""
    return {rules.LOAD: unit, rules.SECONDS: "seconds"}.get(measure, "reps")


def heat_day_title(day: rules.HeatDay) -> str:
    """A heatmap cell's tooltip: 'Tue 1 Dec 2026: 2 sessions'."""
    if day.future:
        return f"{day.day:%a %-d %b %Y}: still to come"
    if not day.sessions:
        return f"{day.day:%a %-d %b %Y}: no session"
    return f"{day.day:%a %-d %b %Y}: {day.sessions} {plural(day.sessions, 'session')}"


def trained_days(week: list[rules.HeatDay]) -> str:
    """The days of a heatmap week with a session, for the calendar's table: 'Mon 3, Thu 6 (×2)'."""
    trained = [_trained_day(day) for day in week if day.sessions]
    return ", ".join(trained) or "–"


# The heatmap's legend, beside a cell of each fill (charts.HEAT_FILLS, in the same order).
HEAT_LEGEND = ("none", "1 session", "2 or more")


def _trained_day(day: rules.HeatDay) -> str:
    times = f" (×{day.sessions})" if day.sessions > 1 else ""
    return f"{day.day:%a %-d}{times}"


# ---------------------------------------------------------------------------------------------
# Days and sessions named from today
# ---------------------------------------------------------------------------------------------


def plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def day_name(day: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow (Thursday)', 'Saturday' this coming week, else 'Monday 14 December'."""
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return f"tomorrow ({day:%A})"
    if 1 < ahead < 7:
        return f"{day:%A}"
    return f"{day:%A} {day.day} {day:%B}"


def session_name(day: dt.date, today: dt.date) -> str:
    """'today's session', 'yesterday's session', 'Saturday's session' this past week, else
    'your session on 14 November'."""
    ago = (today - day).days
    if ago == 0:
        return "today's session"
    if ago == 1:
        return "yesterday's session"
    return f"{day:%A}'s session" if 1 < ago < 7 else f"your session on {day:%-d %B}"
