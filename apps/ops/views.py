"""/healthz: what a load balancer or uptime monitor polls."""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from apps.ops.models import HealthProbe

logger = logging.getLogger("legwork.health")
HEALTH_PROBE_ROW = 1


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query and takes a write, and the cache stores and returns
    a value; 503 otherwise. No authentication, and the body names only which check failed:
    error messages can carry host names or credentials, so they go to the log, not to the
    caller. The write is rate-limited (write_probe), so polling costs at most one small write
    per worker process every LEGWORK_HEALTH_WRITE_SECONDS."""
    checks = {
        "database": _database_answers(),
        "database_write": write_probe.passes(settings.LEGWORK_HEALTH_WRITE_SECONDS),
        "cache": _cache_round_trips(),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": {name: "ok" if passed else "failed" for name, passed in checks.items()},
        },
        status=200 if healthy else 503,
    )


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


class WriteProbe:
    """Whether the database took the last probe write, made again once it is `every` seconds
    old. Per process, so it needs neither the cache nor the database to rate-limit itself; a
    thread that finds another probing reports the last result rather than waiting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        self._passed = False

    def passes(self, every: float) -> bool:
        if not self._lock.acquire(blocking=False):
            return self._passed
        try:
            now = time.monotonic()
            if self._checked_at is None or now - self._checked_at >= every:
                self._passed = _database_takes_a_write()
                self._checked_at = time.monotonic()
            return self._passed
        finally:
            self._lock.release()

    def forget(self) -> None:
        with self._lock:
            self._checked_at = None


write_probe = WriteProbe()


def _database_takes_a_write() -> bool:
    # update_or_create runs in its own transaction, and a row another process created in the
    # same instant is updated instead.
    try:
        HealthProbe.objects.update_or_create(
            pk=HEALTH_PROBE_ROW, defaults={"written_at": timezone.now()}
        )
        return True
    except Exception:
        logger.exception("Health check: the database did not take a write")
        return False


def _cache_round_trips() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("Health check: the cache did not answer")
        return False
