from django.db import models


class HistoryVersion(models.Model):
    """How many times a runner's training history (or the routine content it is read against)
    has changed. It is part of the cache keys of everything computed from the whole history
    (apps/progress/caching.py), so a logged set shows at once on every page.

    The runner is a plain id, not a foreign key: the version is bumped while an account's
    sessions are being deleted, and a leftover row of a deleted runner is harmless."""

    user_id = models.PositiveBigIntegerField(primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"History of {self.user_id}: version {self.version}"
