"""Request logging with a request id, and the Content-Security-Policy header."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

from apps.ops.logs import current_request_id

logger = logging.getLogger("legwork.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy may hand us its own id so its logs and ours line up; anything else is replaced.
_TRUSTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# URL parts that are secrets in themselves (password-reset and email-confirmation keys).
SECRET_URL_KWARGS = frozenset({"key", "token", "uidb36", "uidb64"})
MAX_LOGGED_PATH = 300


class RequestLogMiddleware:
    """One JSON line per request: method, path (never the query string), status, duration in
    milliseconds, user id and request id. The id is also sent back as X-Request-ID and shown on
    the 500 page, so a runner can quote it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _TRUSTED_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            logger.log(
                logging.ERROR if response.status_code >= 500 else logging.INFO,
                "%s %s %s",
                request.method,
                loggable_path(request),
                response.status_code,
                extra={
                    "method": request.method,
                    "path": loggable_path(request),
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


class ContentSecurityPolicyMiddleware:
    """Sends settings.LEGWORK_CSP as the Content-Security-Policy of every response. The policy
    allows no inline script or style, so templates keep JS and CSS in static/ files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_header(settings.LEGWORK_CSP)
        return response


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def loggable_path(request: HttpRequest) -> str:
    path = request.path
    match = request.resolver_match
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_KWARGS and value:
                path = path.replace(str(value), "[redacted]")
    if len(path) > MAX_LOGGED_PATH:
        path = path[:MAX_LOGGED_PATH] + "..."
    return path


def _user_id(request: HttpRequest) -> int | None:
    # Only report a user the request already loaded: logging must not cost a query.
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None
