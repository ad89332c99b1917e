"""Writes to a runner's reminder settings: the settings page, the API and the unsubscribe link
all go through these."""

from django.core import signing
from django.db import transaction

from apps.reminders.models import ReminderSettings, new_feed_token

UNSUBSCRIBE_SALT = "apps.reminders.unsubscribe"


def reminder_settings_of(user) -> ReminderSettings:
    """The runner's reminder settings, made (all off) on first use."""
    reminder_settings, _created = ReminderSettings.objects.get_or_create(user=user)
    reminder_settings.user = user  # the form and the feed read the runner's timezone
    return reminder_settings


@transaction.atomic
def reminders_update(*, user, **values) -> ReminderSettings:
    """Saves the given settings (ReminderSettings.FORM_FIELDS) and has the next nudge planned
    again, whatever changed: planning is cheap, and the week's claim row keeps a re-planned
    nudge from going twice."""
    reminder_settings = ReminderSettings.objects.select_for_update().get_or_create(user=user)[0]
    for name, value in values.items():
        if name not in ReminderSettings.FORM_FIELDS:
            raise TypeError(f"{name} is not a reminder setting")
        setattr(reminder_settings, name, value)
    reminder_settings.full_clean()
    # None makes send_reminders plan the nudge at its next run, in the runner's timezone then.
    reminder_settings.next_nudge_at = None
    reminder_settings.scheduled_zone = ""
    reminder_settings.save()
    return reminder_settings


def feed_secret_reset(*, user) -> ReminderSettings:
    """A new secret in the feed's URL: the old URL answers 404 from now on."""
    reminder_settings = reminder_settings_of(user)
    reminder_settings.feed_token = new_feed_token()
    reminder_settings.save(update_fields=["feed_token"])
    return reminder_settings


def unsubscribe_token(user) -> str:
    """The signed part of a nudge's one-click unsubscribe link: it names the runner and cannot
    be forged, so it needs no sign-in."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_target(token: str) -> ReminderSettings | None:
    """The reminder settings of the runner a signed unsubscribe token names; None for a token
    that is not ours or a runner who is gone."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(user_id, int):
        return None
    return ReminderSettings.objects.select_related("user").filter(user_id=user_id).first()


def unsubscribe(token: str) -> ReminderSettings | None:
    """Turns the weekly nudge off for the runner the token names (None when it names nobody)."""
    reminder_settings = unsubscribe_target(token)
    if reminder_settings is not None and reminder_settings.nudge_enabled:
        reminder_settings.nudge_enabled = False
        reminder_settings.save(update_fields=["nudge_enabled"])
    return reminder_settings
