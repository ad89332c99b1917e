"""What every API serializer shares: unknown fields are an error, not silently dropped."""

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers


class StrictFieldsMixin:
    """A misspelt field ("rep" for "reps") is a 400 naming it, so a script never believes it
    saved something it did not; read-only fields sent back unchanged (a GET body PUT back) are
    ignored. Values must have their JSON type: DRF would read "5" as 5, 5 as "5" and "yes" as
    true, which hides a client's bugs and makes the schema a lie."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {str(key): ["Unknown field."] for key in data if key not in self.fields}
            for name, value in data.items():
                field = self.fields.get(name)
                if field is not None and not field.read_only:
                    message = _json_type_error(field, value)
                    if message:
                        errors[name] = [message]
            if errors:
                raise serializers.ValidationError(dict(sorted(errors.items())))
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


def _json_type_error(field: serializers.Field, value) -> str | None:
    """What is wrong with the JSON type of `value` for `field`, or None when it fits (null is
    left to the field's own allow_null)."""
    if value is None:
        return None
    for field_types, error in _JSON_TYPE_ERRORS:
        if isinstance(field, field_types):
            return error(field, value)
    return None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _boolean_error(field: serializers.Field, value) -> str | None:
    return None if isinstance(value, bool) else "Expected true or false."


def _choice_error(field: serializers.ChoiceField, value) -> str | None:
    kinds = {type(key) for key in field.choices if key != ""} or {str}
    if isinstance(value, bool) or not isinstance(value, tuple(kinds)):
        return "Expected a number." if int in kinds else "Expected a string."
    return None


def _whole_number_error(field: serializers.Field, value) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool)
    return None if ok else "Expected a whole number."


def _number_error(field: serializers.Field, value) -> str | None:
    return None if _is_number(value) else "Expected a number."


def _string_error(field: serializers.Field, value) -> str | None:
    return None if isinstance(value, str) else "Expected a string."


# The first entry whose field types match decides (a ChoiceField is checked before the types
# it could also be taken for).
_JSON_TYPE_ERRORS = [
    (serializers.BooleanField, _boolean_error),
    (serializers.ChoiceField, _choice_error),
    (serializers.IntegerField | serializers.PrimaryKeyRelatedField, _whole_number_error),
    (serializers.DecimalField | serializers.FloatField, _number_error),
    (
        serializers.CharField
        | serializers.DateField
        | serializers.DateTimeField
        | serializers.SlugRelatedField,
        _string_error,
    ),
]


def forbid_additional_properties(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: request bodies accept only their declared fields
    (the server answers 400 to any other), and the schema says so."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


def validate_query(query_params, serializer_class: type[serializers.Serializer]) -> dict:
    """The declared query parameters, validated: each at most once, never empty, of the right
    type; otherwise a 400 naming them. Parameters the endpoint does not declare are ignored, as
    everywhere on the web."""
    data, errors = {}, {}
    for name in serializer_class().fields:
        values = query_params.getlist(name)
        if len(values) > 1:
            errors[name] = ["Give this parameter once."]
        elif values:
            data[name] = values[0]
    if errors:
        raise serializers.ValidationError(errors)
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def canonical_path(
    request, *query_classes: type[serializers.Serializer], defaults: Mapping | None = None
) -> str:
    """The request's path with only the query parameters `query_classes` declare, validated,
    each in one spelling, sorted, and `defaults` filled in: `?page=01&x=1` and `?page=1` are one
    path, so one cache entry, whatever else a caller puts in the URL."""
    values: dict = dict(defaults or {})
    for query_class in query_classes:
        values.update(validate_query(request.query_params, query_class))
    query = urlencode(sorted((name, _spelling(value)) for name, value in values.items()))
    return f"{request.path}?{query}" if query else request.path


def _spelling(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


class UserTimezoneMixin:
    """Dates and times in the caller's own timezone however they signed in: the site's
    middleware sees only session sign-ins, a token is read later, by DRF."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.is_authenticated:
            timezone.activate(request.user.zone)


EARLIEST_DATE = dt.date(1970, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


class DateRangeQuery(serializers.Serializer):
    """?from=&to=: local dates in the runner's timezone, both inclusive. Bounded, so calendar
    arithmetic in any timezone stays inside what Python's dates can hold."""

    def get_fields(self) -> dict:
        # `from` is a Python keyword, so the fields cannot be class attributes.
        return {
            "from": serializers.DateField(required=False),
            "to": serializers.DateField(required=False),
        }

    def validate(self, attrs: dict) -> dict:
        for name, day in attrs.items():
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                raise serializers.ValidationError(
                    {name: [f"Between {EARLIEST_DATE} and {LATEST_DATE}."]}
                )
        if "from" in attrs and "to" in attrs and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"from": ["After `to`."]})
        return attrs


def validated_by_form(form_class, instance, attrs: dict, fields: Iterable[str], **form_kwargs):
    """`attrs` as the settings page's form cleans them: the page's form is the one definition
    of valid settings. It runs on the instance's current `fields` overlaid with `attrs`, on a
    copy, so nothing changes until the serializer saves; its errors are the API's 400."""
    values = {name: getattr(instance, name) for name in fields}
    values.update(attrs)
    form = form_class(
        data={name: _as_form_value(value) for name, value in values.items()},
        instance=copy.copy(instance),
        **form_kwargs,
    )
    if not form.is_valid():
        raise serializers.ValidationError(
            {field: list(messages) for field, messages in form.errors.items()}
        )
    return {name: form.cleaned_data[name] for name in attrs}


def _as_form_value(value) -> str:
    """A model value as a browser would post it in the page's form."""
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
