"""Caching of the routine's content (the moves, their cues and variations, the routine and its
slots): it changes only when staff edit it, yet every routine, move and player page reads it.

A cached value is keyed by the content version (models.ContentVersion), which signals.py bumps
in the same transaction as every save or delete of a content row, so an edit shows at once in
every server process: the version lives in the database, not in a process's memory. One query
(the version) when the value is cached. The keys of older versions simply expire."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F

from apps.exercises.models import ContentVersion

T = TypeVar("T")
CACHE_SECONDS = 24 * 60 * 60
_ROW = 1


def cached_content(name: str, compute: Callable[[], T], *parts: object) -> T:
    """What `compute()` gives, from the cache while the routine's content is unchanged. `parts`
    tell apart variants of one value (a slug, an option)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return cache.get_or_set(f"content:{name}:{content_version()}:{digest}", compute, CACHE_SECONDS)


def content_version() -> int:
    return ContentVersion.objects.filter(pk=_ROW).values_list("version", flat=True).first() or 0


def content_changed() -> None:
    """Call in the transaction that changes the routine's content, after the change."""
    bump_version(ContentVersion, _ROW)


def bump_version(model: type[models.Model], pk: int) -> None:
    """Adds one to the `version` of `model`'s row `pk`, creating it at 1 the first time (so
    values cached before, under version 0, are not used). One query, two the first time."""
    if model.objects.filter(pk=pk).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(pk=pk, version=1)
    except IntegrityError:
        model.objects.filter(pk=pk).update(version=F("version") + 1)
