from decimal import Decimal

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts import equipment
from apps.accounts.models import User, timezone_names
from apps.accounts.units import KG, LB, SHOWN_PLACES, STORED_PLACES


class EmailTakenMeanwhile(Exception):
    """The address was registered by another sign-up after this form was validated: the form
    now holds the error to show (apps/accounts/views.py)."""


class SignupForm(AllauthSignupForm):
    """allauth's signup plus an optional display name (the home page greets the runner by it,
    and without it greets no one by their email) and the browser's timezone, filled in by
    static/js/app.js when it can, so weeks start on the runner's own midnight from the first
    session."""

    name = forms.CharField(
        label="Display name",
        required=False,
        max_length=User._meta.get_field("name").max_length,
        help_text="What Legwork calls you. You can change it in settings.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    timezone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "name"])

    def signup(self, request, user) -> None:
        # allauth's hook, called once the account is saved.
        if self.cleaned_data.get("name"):
            user.name = self.cleaned_data["name"]
            user.save(update_fields=["name"])

    def clean_timezone(self) -> str:
        value = self.cleaned_data.get("timezone", "")
        return value if value in timezone_names() else ""

    def try_save(self, request):
        """allauth's save, which also answers an address already registered without saying so
        when enumeration is prevented. Two sign-ups with one address at once both pass
        validation; the second then meets the unique constraint, and is answered as if it had
        come second: the form's "already registered", or allauth's neutral answer and mail."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            try:
                # Judged again now that the address is taken; None says allauth hides it.
                self.validate_unique_email(self.cleaned_data["email"])
            except forms.ValidationError as taken:
                self.add_error("email", taken)
                raise EmailTakenMeanwhile from None
            if not self.account_already_exists:
                raise
            return super().try_save(request)

    def save(self, request):
        user = super().save(request)
        if self.cleaned_data.get("timezone"):
            user.timezone = self.cleaned_data["timezone"]
            user.save(update_fields=["timezone"])
        return user


class SettingsForm(forms.ModelForm):
    """The runner's settings. The own-weights fields take "8, 12, 16" in the runner's unit, or
    in kilograms to six decimals with `weights_in_kg` (the API's way), and keep kilograms."""

    OWN_WEIGHTS = {
        "own_dumbbells_kg": ("dumbbells", "dumbbells"),
        "own_kettlebells_kg": ("kettlebells", "kettlebells"),
        "own_barbell_kg": ("barbell", "barbell loads"),
    }

    class Meta:
        model = User
        fields = list(User.PREFERENCE_FIELDS)
        widgets = {
            "timezone": forms.TextInput(attrs={"list": "timezone-names", "autocomplete": "off"}),
            "unit": forms.RadioSelect,
            "week_start": forms.RadioSelect,
            "race_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "dumbbells": forms.RadioSelect,
            "kettlebells": forms.RadioSelect,
            "barbell": forms.RadioSelect,
            "theme": forms.RadioSelect,
        }
        help_texts = {
            "weekly_goal": "2 to 7. The article asks for at least two.",
            "min_rest_days": "0 to 3 full days between sessions. The plan asks for one.",
            "rest_timer_seconds": "10 to 600 seconds; the timer starts when you tick a set.",
            "long_run_weekday": "Legwork will not suggest strength work the day before it.",
            "race_date": "In the last two weeks before it, sessions get lighter.",
            "timezone": "Weeks and days follow this timezone, e.g. Europe/London.",
            "theme": "Same as my device follows its light or dark setting.",
        }

    def __init__(self, *args, weights_in_kg: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        weekday = self.fields["long_run_weekday"]
        weekday.choices = [("", "No fixed day"), *list(weekday.choices)[1:]]
        # Own weights are typed in the unit the page showed them in: the saved one.
        self.weights_unit = KG if weights_in_kg else self.instance.unit
        self.weights_places = STORED_PLACES if weights_in_kg else SHOWN_PLACES
        for name in self.OWN_WEIGHTS:
            self.fields[name] = self._own_weights_field(name)
            self.initial[name] = equipment.shown(
                getattr(self.instance, name) or [], self.weights_unit
            )
        for kind, (preset_field, _own) in equipment.PRESET_FIELDS.items():
            self._describe_presets(self.fields[preset_field], kind)

    @property
    def general_fields(self) -> list:
        skip = {*equipment.EQUIPMENT_FIELDS, "theme"}
        return [field for field in self.visible_fields() if field.name not in skip]

    @property
    def equipment_fields(self) -> list:
        return [self[name] for name in equipment.EQUIPMENT_FIELDS]

    def clean_race_date(self):
        race_date = self.cleaned_data.get("race_date")
        if race_date and race_date < timezone.localdate(timezone=self.instance.zone):
            raise forms.ValidationError("The race date is in the past. Clear it or pick a new one.")
        return race_date

    def clean(self):
        cleaned = super().clean()
        for own_field, (preset_field, words) in self.OWN_WEIGHTS.items():
            own = cleaned.get(own_field)
            if cleaned.get(preset_field) == equipment.CUSTOM and own == []:
                self.add_error(
                    own_field, f"List your {words} (e.g. 8, 12, 16), or pick another option."
                )
        return cleaned

    def _own_weights_field(self, name: str) -> forms.Field:
        _preset, words = self.OWN_WEIGHTS[name]
        return OwnWeightsField(
            unit=self.weights_unit,
            places=self.weights_places,
            required=False,
            label=f"Your {words} ({self.weights_unit})",
            help_text=f"Only with “my own” above: each weight in {self.weights_unit}, "
            "separated by commas, e.g. 8, 12, 16.",
        )

    def _describe_presets(self, field: forms.Field, kind: str) -> None:
        unit = self.instance.unit if self.instance.unit in (KG, LB) else KG
        field.choices = [
            (value, _with_weights(label, equipment.preset_loads(kind, value, unit), unit))
            for value, label in field.choices
        ]


class OwnWeightsField(forms.CharField):
    """Weights typed as "8, 12, 16" in `unit`, cleaned to the list of kilogram strings the
    User's JSON field keeps."""

    def __init__(self, *, unit: str, places: Decimal, **kwargs):
        self.unit = unit
        self.places = places
        super().__init__(max_length=400, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            return equipment.stored(equipment.parse_weights(text, self.unit, places=self.places))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def _with_weights(label: str, loads: list, unit: str) -> str:
    """A preset's label with the weights it gives: "(8, 12, 16 kg)" or "(1 to 50 kg)"."""
    if not loads:
        return label
    numbers = [f"{load.normalize():f}" for load in loads]
    listed = ", ".join(numbers) if len(numbers) <= 4 else f"{numbers[0]} to {numbers[-1]}"
    return f"{label} ({listed} {unit})"
