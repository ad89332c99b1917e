import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from apps.exercises.models import Exercise
from apps.reminders.models import ReminderSettings
from tests.factories import SetEntryFactory, TrainingSessionFactory, UserFactory

UTC = dt.UTC


def make_runner(zone="Europe/London", *, weekday=2, at=dt.time(18), goal=2, **reminder_values):
    """A runner with the weekly nudge on (weekday 0 = Monday), as the settings page saves it."""
    user = UserFactory(timezone=zone, weekly_goal=goal)
    ReminderSettings.objects.create(
        user=user, nudge_enabled=True, nudge_weekday=weekday, nudge_time=at, **reminder_values
    )
    return user


def local(zone: str, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(zone))


def counted_on(user, moment: dt.datetime):
    """A counted session (a done set of the squat) started at `moment`."""
    session = TrainingSessionFactory(user=user, started_at=moment)
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    return session


@pytest.fixture
def quarter_hours():
    """The moments cron runs send_reminders: every 15 minutes from `start` (UTC) to `end`."""

    def moments(start: dt.datetime, end: dt.datetime):
        moment = start
        while moment < end:
            yield moment
            moment += dt.timedelta(minutes=15)

    return moments
