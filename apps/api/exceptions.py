"""Every API error is JSON of one shape, so a script handles them all the same way:

    {"detail": "Invalid input.", "code": "invalid", "errors": {"reps": ["Ensure ..."]}}

`errors` maps each field (dotted for nested data, `non_field_errors` for the whole object) to
its messages; it is empty for errors that concern no field (401, 404, 429...)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The body is larger than this server accepts."
    default_code = "request_too_large"


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = RequestTooLarge(f"The body is larger than this server accepts ({limit} bytes).")
    elif isinstance(exc, DjangoValidationError):
        # A service's full_clean() said no: the same messages the pages show, as a 400.
        exc = exceptions.ValidationError(_django_errors(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body("Invalid input.", "invalid", _flatten(exc.detail))
    else:
        detail = getattr(exc, "detail", None) or response.data.get("detail", "")
        code = getattr(detail, "code", None) or _default_code(exc)
        response.data = error_body(str(detail), code)
    return response


def error_body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict:
    """The API's error shape: {detail, code, errors: {field: [messages]}} (docs/api.md)."""
    return {"detail": detail, "code": code, "errors": errors or {}}


def _django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """{"sets": [{"reps": ["..."]}]} becomes {"sets.0.reps": ["..."]}; a bare list of messages
    belongs to the whole object."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in messages]}


def _default_code(exc: Exception) -> str:
    if isinstance(exc, exceptions.APIException):
        return exc.default_code
    return "error"
