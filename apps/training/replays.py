"""The player's changes, replayed from a phone's queue (static/js/offline.js), apply once.

Each queued change carries a random idempotency key (the `Idempotency-Key` header, or an
`idempotency_key` field). The first request with a key applies the change and stores its answer
in the same transaction; any later request with that key gets the stored answer and changes
nothing. A change for a session that is gone (deleted or finished on another device) gets a 404
JSON answer the queue recognises, so it is dropped, never sent anywhere else (docs/design.md,
"Offline and sync")."""

import json
import re
from collections.abc import Callable
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from apps.training import services
from apps.training.models import AppliedChange

KEY_HEADER = "Idempotency-Key"
KEY_FIELD = "idempotency_key"
# A UUID, or any token of letters, digits and dashes that fits the column.
KEY_PATTERN = re.compile(rf"^[A-Za-z0-9-]{{8,{AppliedChange.KEY_MAX_LENGTH}}}$")


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def answers_gone_in_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A 404 (the session was deleted, or finished elsewhere) as JSON for the queue; the plain
    404 page for a browser."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if not wants_json(request):
                raise
            return JsonResponse(
                {"gone": True, "message": "This session is no longer open: deleted or finished."},
                status=404,
            )

    return wrapper


def applied_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Applies a change at most once per idempotency key; a request without a key (a plain
    form, JavaScript off) is applied as it always was."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = request.headers.get(KEY_HEADER) or request.POST.get(KEY_FIELD, "")
        if not key:
            return view(request, *args, **kwargs)
        if not KEY_PATTERN.match(key):
            return JsonResponse(
                {"errors": {KEY_FIELD: [{"message": "Not a valid idempotency key."}]}},
                status=400,
            )
        try:
            return _apply_once(request, key, view, *args, **kwargs)
        except IntegrityError:
            # A request with the same key won the race and applied the change: its answer.
            earlier = AppliedChange.objects.applied(user=request.user, key=key).first()
            if earlier is None:
                raise
            return JsonResponse(earlier.response, status=earlier.status)

    return wrapper


def _apply_once(request: HttpRequest, key: str, view, *args, **kwargs) -> HttpResponse:
    with transaction.atomic():
        earlier = AppliedChange.objects.applied(user=request.user, key=key).first()
        if earlier is not None:
            return JsonResponse(earlier.response, status=earlier.status)
        response = view(request, *args, **kwargs)
        if response.status_code < 300 and response.get("Content-Type") == "application/json":
            services.applied_change_record(
                user=request.user,
                key=key,
                status=response.status_code,
                response=json.loads(response.content),
            )
    return response
