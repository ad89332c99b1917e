import datetime as dt

from django import forms
from django.utils import timezone

from apps.reminders.models import ReminderSettings

# A pause is for a holiday or an injury: a date within the next year.
MAX_PAUSE = dt.timedelta(days=366)


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = list(ReminderSettings.FORM_FIELDS)
        widgets = {
            "nudge_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "paused_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "feed_enabled": "A private address your calendar app subscribes to: the days that "
            "suit a session in the next four weeks, and your race.",
            "feed_past_sessions": "Also your sessions of the last 12 weeks.",
            "nudge_enabled": "An email on the day and time below, only when the week's goal is "
            "not met yet. Suggested sessions sit at this time in the feed too.",
            "nudge_time": "Your local time, e.g. 18:00.",
            "paused_until": "No nudge up to and including this day: a holiday, an injury.",
        }

    def clean_paused_until(self):
        paused_until = self.cleaned_data.get("paused_until")
        if paused_until is None:
            return None
        today = timezone.localdate(timezone=self.instance.user.zone)
        if paused_until < today:
            raise forms.ValidationError("That day has passed. Clear it or pick a later one.")
        if paused_until > today + MAX_PAUSE:
            raise forms.ValidationError("Pause for at most a year.")
        return paused_until
