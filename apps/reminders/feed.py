"""The private calendar feed (.ics): suggested strength days of this week and the next three,
the runner's race, and (if they ask) their sessions of the last weeks, in their timezone.

Two queries whatever the history: the feed's settings with the runner (by the token, in the
view), then the runner's counted sessions of the last weeks (at most MAX_PAST_SESSIONS). Every
event's UID is built from what it is about (a day, a session), never from the time of the
request, so a calendar that fetches the feed again updates its events instead of doubling them."""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar, Event

from apps.progress import rules as progress_rules
from apps.reminders import rules, wording
from apps.reminders.models import ReminderSettings
from apps.training.models import TrainingSession

PAST_WEEKS = 12
MAX_PAST_SESSIONS = 200
SESSION_LENGTH = dt.timedelta(minutes=45)
PRODID = "-//Legwork//Strength sessions//EN"


def calendar_feed(reminder_settings: ReminderSettings, *, now: dt.datetime, site: str) -> bytes:
    """The feed's iCalendar text. `site` is the address the links start with."""
    user = reminder_settings.user
    zone = user.zone
    today = progress_rules.local_date(now, zone)
    this_week = progress_rules.week_start(today, user.week_start)
    weeks_back = PAST_WEEKS if reminder_settings.feed_past_sessions else 1
    since = dt.datetime.combine(this_week - dt.timedelta(weeks=weeks_back), dt.time.min, zone)
    sessions = list(
        TrainingSession.objects.counted()
        .of(user)
        .filter(started_at__gte=since)
        .order_by("-started_at")
        .values_list("pk", "started_at", "finished_at")[:MAX_PAST_SESSIONS]
    )
    days = progress_rules.training_days((start for _pk, start, _end in sessions), zone)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Legwork strength sessions")
    calendar.add("x-wr-timezone", user.timezone)
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    start_url = site + reverse("training:train")
    suggestions = rules.suggested_days(
        days,
        today=today,
        first_weekday=user.week_start,
        goal=user.weekly_goal,
        min_rest_days=user.min_rest_days,
        long_run_weekday=user.long_run_weekday,
        race_date=user.race_date,
    )
    for suggestion in suggestions:
        start = dt.datetime.combine(suggestion.day, reminder_settings.nudge_time, zone)
        description = wording.suggested_day_description(suggestion)
        calendar.add_component(
            _event(
                uid=f"suggested-{suggestion.day:%Y%m%d}-{user.pk}@legwork",
                stamp=stamp,
                start=start,
                end=start + SESSION_LENGTH,
                summary="Strength session",
                description=f"{description}\nStart it in Legwork: {start_url}",
                url=start_url,
            )
        )
    if user.race_date is not None and user.race_date >= this_week:
        race_start = dt.datetime.combine(user.race_date, dt.time.min, zone)
        calendar.add_component(
            _event(
                uid=f"race-{user.race_date:%Y%m%d}-{user.pk}@legwork",
                stamp=stamp,
                start=race_start,
                end=dt.datetime.combine(user.race_date + dt.timedelta(days=1), dt.time.min, zone),
                summary="Race",
                description=wording.RACE_DESCRIPTION,
            )
        )
    if reminder_settings.feed_past_sessions:
        for pk, started_at, finished_at in sessions:
            end = max(finished_at, started_at + dt.timedelta(minutes=1))
            calendar.add_component(
                _event(
                    uid=f"session-{pk}@legwork",
                    stamp=stamp,
                    start=started_at.astimezone(zone),
                    end=end.astimezone(zone),
                    summary="Strength session (done)",
                    url=site + reverse("training:session_detail", kwargs={"pk": pk}),
                )
            )
    # The zone's rules for the span of the events only: the default, 1970 to 2038, weighs 5 KB.
    last = max([today + dt.timedelta(weeks=rules.FEED_WEEKS), user.race_date or today])
    calendar.add_missing_timezones(
        first_date=since.date() - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
    )
    return calendar.to_ical()


def _event(*, uid, stamp, start, end, summary, description=None, url=None) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event
