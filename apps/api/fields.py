"""The fields the training endpoints share: one of the caller's sessions, a move by slug,
a load in kilograms, the reps/seconds/breaths of a set."""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.units import MAX_LOAD_KG
from apps.exercises.models import Exercise
from apps.training.models import (
    MAX_BREATHS,
    MAX_EFFORT,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SET_NUMBER,
    MIN_EFFORT,
)
from apps.training.ownership import exercise_visible_by_slug, owned_sessions

# What a slug can be (Exercise.slug is a SlugField of 80): anything else names no move, and is
# never sent to the database (a lone surrogate cannot even be encoded for it).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
# Ids in paths are at most 18 digits, so no lookup overflows a 64-bit column.
ID_PATTERN = r"[0-9]{1,18}"
MAX_ID = 10**18 - 1
MAX_SETS_PER_SESSION = 200
LOAD_HELP = (
    "Kilograms, always (up to 6 decimals), whatever the runner's `unit`: 45 lb is "
    "20.411657 kg. Only for loaded moves; null for bodyweight moves."
)


@extend_schema_field(OpenApiTypes.INT)
class OwnSessionField(serializers.PrimaryKeyRelatedField):
    """One of the caller's own sessions, by id."""

    def get_queryset(self):
        return owned_sessions(self.context["request"].user).select_related("user")

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int) or not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.STR)
class ExerciseSlugField(serializers.SlugRelatedField):
    """A move by slug: one of the routine's, else one of the caller's own imported moves."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        return Exercise.objects.visible_to(self.context["request"].user)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name="slug", value=data[:80])
        exercise = exercise_visible_by_slug(self.context["request"].user, data)
        if exercise is None:
            self.fail("does_not_exist", slug_name="slug", value=data)
        return exercise


def load_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=10,
        decimal_places=6,
        min_value=0,
        max_value=MAX_LOAD_KG,
        coerce_to_string=False,
        allow_null=True,
        help_text=LOAD_HELP,
        **kwargs,
    )


def set_number_field() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_SET_NUMBER)


def effort_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=MIN_EFFORT,
        max_value=MAX_EFFORT,
        allow_null=True,
        help_text=f"RPE {MIN_EFFORT}-{MAX_EFFORT}.",
        **kwargs,
    )


def amount_fields(required: bool = False) -> dict:
    def amount(limit: int, what: str) -> serializers.IntegerField:
        return serializers.IntegerField(
            min_value=0,
            max_value=limit,
            allow_null=True,
            required=required,
            help_text=f"{what} (0-{limit}), for moves measured in {what.lower()}; else null.",
        )

    return {
        "reps": amount(MAX_REPS, "Reps"),
        "seconds": amount(MAX_SECONDS, "Seconds"),
        "breaths": amount(MAX_BREATHS, "Breaths"),
    }
