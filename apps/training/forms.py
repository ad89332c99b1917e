"""Forms of the training pages. They check ranges and turn what the runner typed (in their own
unit, in their own timezone) into what the services take; the rules live in services.py."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from apps.accounts.units import MAX_LOAD_KG, format_load, plain_number, to_kg
from apps.exercises.models import Exercise
from apps.exercises.selectors import PlayerExercise
from apps.training import services
from apps.training.models import (
    MAX_BREATHS,
    MAX_EFFORT,
    MAX_REPS,
    MAX_SECONDS,
    MIN_EFFORT,
    NOTES_MAX_LENGTH,
    SetEntry,
    TrainingSession,
)

MEASURE_LIMITS = {
    Exercise.Measure.REPS: MAX_REPS,
    Exercise.Measure.SECONDS: MAX_SECONDS,
    Exercise.Measure.BREATHS: MAX_BREATHS,
}
MEASURE_WORDS = {
    Exercise.Measure.REPS: "Reps",
    Exercise.Measure.SECONDS: "Seconds",
    Exercise.Measure.BREATHS: "Breaths",
}
SIDE_WORDS = {SetEntry.Side.LEFT: "Left", SetEntry.Side.RIGHT: "Right"}
EFFORT_CHOICES = [("", "Not rated")] + [(n, str(n)) for n in range(MIN_EFFORT, MAX_EFFORT + 1)]
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class SetForm(forms.Form):
    """One set of one move: its measure (one box per side for a per-side move), its load in the
    runner's unit for a loaded move, and whether it is done. `sides` is ["left", "right"] for a
    per-side move, [""] otherwise, or the one side of the entry being edited."""

    done = forms.BooleanField(required=False, label="Done")

    def __init__(
        self, *args, exercise: Exercise | PlayerExercise, unit: str, sides: list[str], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        self.unit = unit
        self.sides = sides
        word = MEASURE_WORDS[exercise.measure]
        limit = MEASURE_LIMITS[exercise.measure]
        for side in sides:
            label = f"{SIDE_WORDS[side]} ({word.lower()})" if side else word
            self.fields[self.value_field(side)] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=limit,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "set-input"}),
            )
        if exercise.is_loaded:
            self.fields["load"] = forms.DecimalField(
                label=f"Load ({unit})",
                required=False,
                min_value=Decimal("0"),
                max_digits=7,
                decimal_places=2,
                widget=forms.NumberInput(
                    attrs={"inputmode": "decimal", "step": "any", "class": "set-input"}
                ),
            )
        # The done flag comes first in the constructor but is rendered last.
        self.order_fields([*(self.value_field(side) for side in sides), "load", "done"])

    @staticmethod
    def value_field(side: str) -> str:
        return side or "value"

    @staticmethod
    def prefix_for(exercise: Exercise | PlayerExercise, number: int) -> str:
        """One set row's prefix: the rows of a move post to their own URLs but share a page."""
        return f"m{exercise.pk}-s{number}"

    @staticmethod
    def initial_in_unit(initial: dict, unit: str) -> dict:
        """Initial values with the load (`load_kg`, in kilograms) shown in the runner's unit."""
        initial = dict(initial)
        load_kg = initial.pop("load_kg", None)
        if load_kg is not None:
            initial["load"] = plain_number(load_kg, unit)
        return initial

    def clean_load(self) -> Decimal | None:
        load = self.cleaned_data.get("load")
        if load is None:
            return None
        load_kg = to_kg(load, self.unit)
        if load_kg > MAX_LOAD_KG:
            raise ValidationError(
                f"At most {format_load(MAX_LOAD_KG, self.unit)}: check the number."
            )
        return load_kg

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("done"):
            word = MEASURE_WORDS[self.exercise.measure].lower()
            for side in self.sides:
                name = self.value_field(side)
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Enter the {word} you did.")
        return cleaned

    def values(self, side: str) -> dict:
        """The keyword arguments set_log / set_update take for one side of this set."""
        return {
            self.exercise.measure: self.cleaned_data.get(self.value_field(side)),
            "load_kg": self.cleaned_data.get("load"),
            "done": bool(self.cleaned_data.get("done")),
        }


class StartTimeField(forms.DateTimeField):
    """A date and time typed in the runner's timezone (the middleware activates it)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"])
        super().__init__(**kwargs)


class SessionDetailsForm(forms.Form):
    """Effort and notes: asked at the finish, and editable later."""

    effort = forms.TypedChoiceField(
        label=f"Overall effort (RPE {MIN_EFFORT}-{MAX_EFFORT})",
        choices=EFFORT_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=f"{MIN_EFFORT} is very easy, {MAX_EFFORT} is all you had.",
    )
    notes = forms.CharField(
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionEditForm(SessionDetailsForm):
    started_at = StartTimeField(label="Date and time")

    field_order = ["started_at", "effort", "notes"]

    def clean_started_at(self) -> dt.datetime:
        started_at = self.cleaned_data["started_at"]
        try:
            services.check_start_time(started_at)
        except ValidationError as error:
            raise ValidationError(error.message_dict["started_at"]) from error
        return started_at

    @classmethod
    def initial_for(cls, session: TrainingSession) -> dict:
        return {"started_at": session.started_at, "effort": session.effort, "notes": session.notes}


class PastSessionForm(SessionEditForm):
    """The head of "Log a past session": when, the warm-up, effort and notes. The sets come
    from one SetForm per row, as in the player."""

    warmup_done = forms.BooleanField(label="Warm-up done", required=False)

    field_order = ["started_at", "warmup_done", "effort", "notes"]
