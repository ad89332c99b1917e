"""me/: the runner's profile and settings, validated exactly as the settings page validates them
(apps/accounts/forms.SettingsForm runs on every write)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers

from apps.accounts.forms import SettingsForm
from apps.accounts.models import User
from apps.api.common import VALIDATION_ERROR_EXAMPLE, StrictModelSerializer, validated_by_form

UNIT_HELP = (
    "How the runner's pages show and take loads: `kg` or `lb`. The API itself always speaks "
    "kilograms (every load field is `load_kg`, up to 6 decimals), whatever this says; convert "
    "with 1 lb = 0.45359237 kg when showing loads to a runner who prefers pounds."
)


OWN_WEIGHTS_HELP = (
    "The runner's own {words}, used when `{preset}` is `custom`: loads in kilograms (up to 6 "
    "decimals, at most 40), lightest first. Suggested loads land only on weights the runner has."
)


def _own_weights(words: str, preset: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.DecimalField(max_digits=9, decimal_places=6),
        max_length=40,
        required=False,
        help_text=OWN_WEIGHTS_HELP.format(words=words, preset=preset),
    )


class MeSerializer(StrictModelSerializer):
    own_dumbbells_kg = _own_weights("dumbbells", "dumbbells")
    own_kettlebells_kg = _own_weights("kettlebells", "kettlebells")
    own_barbell_kg = _own_weights("barbell loads", "barbell")

    class Meta:
        model = User
        fields = ["email", *SettingsForm.Meta.fields]
        read_only_fields = ["email"]
        extra_kwargs = {
            "unit": {"help_text": UNIT_HELP},
            # The length limit holds for what is sent, as the schema says; the settings form
            # then trims the spaces around the name, as the settings page does.
            "name": {"trim_whitespace": False},
        }

    def validate(self, attrs: dict) -> dict:
        return validated_by_form(
            SettingsForm, self.instance, attrs, SettingsForm.Meta.fields, weights_in_kg=True
        )

    def update(self, instance: User, validated_data: dict) -> User:
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if validated_data:
            instance.save(update_fields=list(validated_data))
        instance.__dict__.pop("zone", None)
        return instance


ME_EXAMPLE = OpenApiExample(
    "A runner in pounds",
    value={
        "email": "runner@example.com",
        "name": "Sam",
        "unit": "lb",
        "timezone": "Europe/London",
        "week_start": 0,
        "weekly_goal": 2,
        "min_rest_days": 1,
        "rest_timer_seconds": 90,
        "long_run_weekday": 6,
        "race_date": None,
        "dumbbells": "adjustable",
        "own_dumbbells_kg": [],
        "kettlebells": "custom",
        "own_kettlebells_kg": ["6.803886", "11.339809", "15.875733"],
        "barbell": "none",
        "own_barbell_kg": [],
        "theme": "system",
    },
    response_only=True,
)


class MeView(generics.RetrieveUpdateAPIView):
    serializer_class = MeSerializer

    def get_object(self) -> User:
        return self.request.user

    @extend_schema(
        summary="Your profile and settings",
        description="Units, timezone, week start, weekly goal and minimum rest: the settings "
        "every rule (weeks, streaks, recovery) is computed with.",
        examples=[ME_EXAMPLE],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Replace your settings",
        description="Fields left out keep their value. Validated like the settings page.",
        examples=[ME_EXAMPLE, VALIDATION_ERROR_EXAMPLE],
    )
    def put(self, request, *args, **kwargs):
        return super().put(request, *args, **kwargs)

    @extend_schema(
        summary="Change some settings",
        description='Send only what changes, e.g. `{"unit": "lb"}`. Validated like the '
        "settings page.",
        examples=[ME_EXAMPLE, VALIDATION_ERROR_EXAMPLE],
    )
    def patch(self, request, *args, **kwargs):
        return super().patch(request, *args, **kwargs)
