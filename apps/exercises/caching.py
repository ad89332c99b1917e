"""The routine's content (the moves, their cues and variations, the routine and its slots),
held in each server process's memory: it changes only when staff edit it, yet every routine,
move and player page reads it.

Each read first asks the database for the content version (models.ContentVersion, one small
query), which signals.py changes in the same transaction as every save or delete of a content
row. A value held for another version is computed again, so an admin edit shows at once in
every process. The version is a new random number at each edit, never a counter, so a value
held for the content of another database (a test's, a restored backup's) is never taken for
this one's. The objects held are shared by the requests of one process: read them, never
change them."""

import secrets
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import IntegrityError, transaction

from apps.exercises.models import ContentVersion

T = TypeVar("T")
_ROW = 1
# (name, parts) -> (content version, value): one value per page variant, the latest version's.
_held: dict[Hashable, tuple[int, object]] = {}


def cached_content(name: str, compute: Callable[[], T], *parts: Hashable) -> T:
    """What `compute()` gives, held while the routine's content is unchanged. `parts` tell
    apart variants of one value (a slug, an option). Before the content was ever loaded there
    is no version, and nothing is held."""
    version = content_version()
    key = (name, parts)
    held = _held.get(key)
    if held is not None and held[0] == version:
        return held[1]
    value = compute()
    if version:
        _held[key] = (version, value)
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
