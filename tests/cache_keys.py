"""A view of which keys the training cache (apps/training/caching.py) writes, so a test can
prove that spellings of one request share one entry."""

from __future__ import annotations

from apps.training import caching


class RecordingCache:
    """Django's cache, with the keys written through it recorded in order."""

    def __init__(self, cache) -> None:
        self.cache = cache
        self.written: list[str] = []

    def get(self, key, default=None):
        return self.cache.get(key, default)

    def set(self, key, value, timeout) -> None:
        self.written.append(key)
        self.cache.set(key, value, timeout)

    def keys_named(self, name: str) -> set[str]:
        return {key for key in self.written if f":{name}:" in key}


def record_training_cache(monkeypatch) -> RecordingCache:
    recording = RecordingCache(caching.cache)
    monkeypatch.setattr(caching, "cache", recording)
    return recording
