"""Caching of what is computed from a runner's whole history (the progress page, this week's
summary and the API's progress answers): flat cost however long the history, still exact.

A cached value is keyed by the runner, their history version, their local today and every
preference the calculations read. The version (models.HistoryVersion) is bumped in the same
transaction as every change to their sessions and sets (by the training services, every write's
one way in) and for everyone when the routine's content changes (signals.py), so the next
request after a change computes afresh: nothing stale is ever served. The keys of older
versions simply expire.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.equipment import EQUIPMENT_FIELDS
from apps.training.calendar import local_date
from apps.training.models import HistoryVersion

T = TypeVar("T")
# A day at most: the key changes with the runner's local date anyway.
CACHE_SECONDS = 24 * 60 * 60
_MISSING = object()


def cached(user, name: str, compute: Callable[[], T], *parts: object) -> T:
    """The value `compute()` gives for this runner, from the cache while their history, their
    preferences and their date are unchanged. `parts` tell apart variants of one value (a span,
    a query string). One query (the version), plus `compute`'s on a miss."""
    key = cache_key(user, name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def cache_key(user, name: str, *parts: object) -> str:
    preferences = (
        user.unit,
        user.timezone,
        user.week_start,
        user.weekly_goal,
        user.min_rest_days,
        user.long_run_weekday,
        user.race_date,
        # The next suggested loads land on the runner's equipment.
        *(getattr(user, name) for name in EQUIPMENT_FIELDS),
    )
    today = local_date(timezone.now(), user.zone)
    fingerprint = repr((preferences, parts)).encode()
    digest = hashlib.blake2b(fingerprint, digest_size=12).hexdigest()
    version = history_version(user.pk)
    # "training-history": the versions restarted when they moved from apps/progress, so no key
    # of the old "history" prefix can be read as a new version's.
    return f"training-history:{name}:{user.pk}:{version}:{today.isoformat()}:{digest}"


def history_version(user_id: int) -> int:
    return (
        HistoryVersion.objects.filter(user_id=user_id).values_list("version", flat=True).first()
        or 0
    )


def history_changed(user_id: int) -> None:
    """Call in the transaction that changes the runner's sessions or sets, after the change.
    One query (two the first time)."""
    if HistoryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1):
        return
    try:
        # The first change: version 1, so values cached before it (version 0) are not used.
        with transaction.atomic():
            HistoryVersion.objects.create(user_id=user_id, version=1)
    except IntegrityError:
        HistoryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1)


def every_history_changed() -> None:
    """The routine's content changed (staff edited a move or a slot): every runner's pages show
    move names and prescriptions, so everyone's cached values go."""
    HistoryVersion.objects.update(version=F("version") + 1)
