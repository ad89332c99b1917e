"""A runner's reminders: the private calendar feed and the weekly nudge by email
(docs/production.md, "Reminders"), and the record of every nudge sent, one per runner per week."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.accounts.models import WEEKDAY_CHOICES

# Wednesday evening: mid-week, with days left to act on the nudge whichever day the week starts.
DEFAULT_NUDGE_WEEKDAY = 2
DEFAULT_NUDGE_TIME = dt.time(18, 0)


def new_feed_token() -> str:
    """The secret part of a feed's URL: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class ReminderSettingsQuerySet(models.QuerySet):
    def nudge_candidates(self, now: dt.datetime) -> "ReminderSettingsQuerySet":
        """Runners with the nudge on whose next nudge is due, never scheduled, or scheduled in a
        timezone they have since left (a move re-plans it in the new one)."""
        return self.filter(nudge_enabled=True).filter(
            Q(next_nudge_at__lte=now)
            | Q(next_nudge_at__isnull=True)
            | ~Q(scheduled_zone=F("user__timezone"))
        )


class ReminderSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    feed_enabled = models.BooleanField("put my plan in a calendar feed", default=False)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    feed_past_sessions = models.BooleanField("show past sessions in the feed", default=False)
    nudge_enabled = models.BooleanField("email me a weekly nudge", default=False)
    nudge_weekday = models.PositiveSmallIntegerField(
        "day", choices=WEEKDAY_CHOICES, default=DEFAULT_NUDGE_WEEKDAY
    )
    nudge_time = models.TimeField("time", default=DEFAULT_NUDGE_TIME)
    paused_until = models.DateField("pause until", null=True, blank=True)
    # When the next nudge is due (UTC), and the timezone it was planned in: send_reminders reads
    # only the due rows through the index below, whatever the number of runners.
    next_nudge_at = models.DateTimeField(null=True, blank=True, editable=False)
    scheduled_zone = models.CharField(max_length=64, blank=True, editable=False)

    FORM_FIELDS = (
        "feed_enabled",
        "feed_past_sessions",
        "nudge_enabled",
        "nudge_weekday",
        "nudge_time",
        "paused_until",
    )

    objects = ReminderSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reminder settings"
        indexes = [
            models.Index(
                fields=["next_nudge_at"],
                condition=Q(nudge_enabled=True),
                name="reminders_nudge_due",
            )
        ]

    def __str__(self) -> str:
        return f"Reminders of {self.user}"

    def is_paused_on(self, day: dt.date) -> bool:
        return self.paused_until is not None and day <= self.paused_until


class NudgeQuerySet(models.QuerySet):
    def sent(self) -> "NudgeQuerySet":
        return self.filter(sent_at__isnull=False)


class Nudge(models.Model):
    """One runner's nudge of one week. The row is the claim: send_reminders inserts it (or skips
    when another run did) before sending, and marks it sent after, so however many hosts run the
    command at once, a week has at most one nudge per runner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges"
    )
    # The first day of the runner's week the nudge is about, in their timezone.
    week_start = models.DateField()
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NudgeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="one_nudge_per_week")
        ]

    def __str__(self) -> str:
        return f"Nudge to {self.user_id} for the week of {self.week_start}"
