from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone

from apps.accounts.models import User, timezone_names


class SignupForm(AllauthSignupForm):
    """allauth's signup plus the browser's timezone, filled in by static/js/app.js when it can,
    so weeks start on the runner's own midnight from the first session."""

    timezone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean_timezone(self) -> str:
        value = self.cleaned_data.get("timezone", "")
        return value if value in timezone_names() else ""

    def save(self, request):
        user = super().save(request)
        if self.cleaned_data.get("timezone"):
            user.timezone = self.cleaned_data["timezone"]
            user.save(update_fields=["timezone"])
        return user


class SettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(User.PREFERENCE_FIELDS)
        widgets = {
            "timezone": forms.TextInput(attrs={"list": "timezone-names", "autocomplete": "off"}),
            "unit": forms.RadioSelect,
            "week_start": forms.RadioSelect,
            "race_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "weekly_goal": "2 to 7. The article asks for at least two.",
            "min_rest_days": "0 to 3 full days between sessions. The plan asks for one.",
            "rest_timer_seconds": "10 to 600 seconds; the timer starts when you tick a set.",
            "long_run_weekday": "Legwork will not suggest strength work the day before it.",
            "race_date": "In the last two weeks before it, sessions get lighter.",
            "timezone": "Weeks and days follow this timezone, e.g. Europe/London.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        weekday = self.fields["long_run_weekday"]
        weekday.choices = [("", "No fixed day"), *list(weekday.choices)[1:]]

    def clean_race_date(self):
        race_date = self.cleaned_data.get("race_date")
        if race_date and race_date < timezone.localdate(timezone=self.instance.zone):
            raise forms.ValidationError("The race date is in the past. Clear it or pick a new one.")
        return race_date
