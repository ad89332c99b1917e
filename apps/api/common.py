"""What every API serializer shares: unknown fields are an error, not silently dropped."""

from collections.abc import Mapping

from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers


class StrictFieldsMixin:
    """A misspelt field ("rep" for "reps") is a 400 naming it, so a script never believes it
    saved something it did not. Read-only fields sent back unchanged (a GET body PUT back) are
    fine and ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError({key: ["Unknown field."] for key in unknown})
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error (apps/api/exceptions.py)."""

    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    code = serializers.CharField(help_text="A stable code: invalid, not_found, throttled...")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=(
            "Each field in error and its messages; `non_field_errors` for the whole object; "
            "nested fields are dotted (`sets.0.reps`). Empty when no field is at fault."
        ),
    )


VALIDATION_ERROR_EXAMPLE = OpenApiExample(
    "Invalid input",
    value={
        "detail": "Invalid input.",
        "code": "invalid",
        "errors": {"reps": ["Ensure this value is less than or equal to 100."]},
    },
    response_only=True,
    status_codes=["400"],
)
