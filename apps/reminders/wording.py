"""The nudge's and the feed's sentences, from the rules' values: plain text, escaped by the
templates that show it (the progress rules' own sentences come from apps/progress/wording.py)."""

from apps.progress import wording as progress_wording
from apps.reminders.rules import SuggestedDay, WeekOutlook


def nudge_headline(outlook: WeekOutlook) -> str:
    """'1 of 2 done, 2 days left; Thursday suits.'"""
    status, next_day = outlook.status, outlook.next_day
    left = f"{status.days_left} {progress_wording.plural(status.days_left, 'day')} left"
    day = progress_wording.day_name(next_day.day, next_day.today)
    return f"{status.done} of {status.goal} done, {left}; {day[:1].upper()}{day[1:]} suits."


def nudge_subject(outlook: WeekOutlook) -> str:
    status = outlook.status
    return f"{status.done} of {status.goal} strength sessions this week"


def nudge_reasons(outlook: WeekOutlook) -> list[str]:
    return progress_wording.next_day_reasons(outlook.next_day)


def suggested_day_description(suggestion: SuggestedDay) -> str:
    """Why the feed puts a session on that day: 'Session 1 of 2 this week. Not Saturday: it is
    the day before your long run.'"""
    sentences = [f"Session {suggestion.number} of {suggestion.goal} this week."]
    if suggestion.long_run_eve_skipped is not None:
        sentences.append(
            f"Not {suggestion.long_run_eve_skipped:%A}: it is the day before your long run."
        )
    return " ".join(sentences)


RACE_DESCRIPTION = "Race day: no strength work today, nor the day before. Good luck!"
