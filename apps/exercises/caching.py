"""The routine's content (the moves, their cues and variations, the routine and its slots) as
the routine and move pages show it, kept in Django's cache: it changes only when staff edit it,
yet everyone reads it.

Each read first asks the database for the content version (models.ContentVersion, one small
query), which signals.py changes in the same transaction as every save or delete of a content
row. The version is part of the cache key, so an admin edit shows at once in every process and
the values of older versions simply expire. The version is a new random number at each edit,
never a counter, so a value cached for the content of another database (a test's, a restored
backup's) is never taken for this one's.

The routine and move pages and the session player's routine are cached as plain data (the
selectors' frozen dataclasses of strings and numbers), never as model instances: cheap to
unpickle, and nothing one request holds can be changed under another. Django's cache stores a
pickled copy and each read unpickles its own; never a dict of instances in memory."""

import hashlib
import secrets
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import IntegrityError, transaction

from apps.exercises.models import ContentVersion

T = TypeVar("T")
_ROW = 1
# A week at most: a key outlives its version only until it expires.
CACHE_SECONDS = 7 * 24 * 60 * 60
_MISSING = object()


def cached_content(name: str, compute: Callable[[], T], *parts: Hashable) -> T:
    """What `compute()` gives (plain data), from the cache while the routine's content is
    unchanged. `parts` tell apart variants of one value (a slug). Before the content was ever
    loaded there is no version, and nothing is cached."""
    version = content_version()
    if not version:
        return compute()
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    key = f"content:{name}:{version}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def content_version() -> int:
    version = ContentVersion.objects.filter(pk=_ROW).values_list("version", flat=True).first()
    return version or 0


def content_changed() -> None:
    """Call in the transaction that changes the routine's content, after the change."""
    version = secrets.randbits(62) + 1
    if ContentVersion.objects.filter(pk=_ROW).update(version=version):
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=_ROW, version=version)
    except IntegrityError:
        ContentVersion.objects.filter(pk=_ROW).update(version=version)
