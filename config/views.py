"""Error pages in the site's layout: 400, 403 and 404 through templates/<code>.html; 500, 503
(the database unavailable) and a refused CSRF check through the handlers below."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from apps.api.exceptions import error_body
from apps.training.replays import wants_json

# How soon to try again when the database is busy or away: a write lock is usually released
# within seconds, and the player's queue (static/js/offline.js) waits this long before resending.
RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"
API_DOCS = "/api/docs/"
# In the API's error shape, for errors DRF never saw.
UNAVAILABLE_JSON = error_body(
    "The database is busy or unavailable. Nothing was saved; try again shortly.", "unavailable"
)
SERVER_ERROR_JSON = error_body("Server error.", "server_error")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """An unhandled error: 503 with Retry-After when the database could not do the work now
    (down, its connection lost, locked past the busy timeout, its disk full), 500 otherwise;
    JSON in the API's error shape for the API and for the player's fetch(), the site's page for
    everyone else."""
    # Django calls this inside its `except` block, so the error is still the current one.
    unavailable = isinstance(sys.exception(), OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if _wants_json(request):
        body = UNAVAILABLE_JSON if unavailable else SERVER_ERROR_JSON
        response: HttpResponse = JsonResponse(body, status=status)
    else:
        # No request context: whatever broke (the database, a context processor) must not break
        # the error page too. The request id (apps/ops/middleware.py) is in the log line of this
        # error: a runner who quotes it leads straight to the traceback.
        context = {"request_id": getattr(request, "request_id", "")}
        template = loader.get_template(f"{status}.html")
        response = HttpResponse(template.render(context), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _wants_json(request: HttpRequest) -> bool:
    api = request.path.startswith(API_PREFIX) and not request.path.startswith(API_DOCS)
    return api or wants_json(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
