from django.db import models


class HealthProbe(models.Model):
    """One row /healthz rewrites now and then (apps/ops/views.py), to prove the database still
    takes a write: a database that answers SELECT 1 can still refuse every write (a full disk,
    a lock held past the busy timeout, a read-only replica)."""

    written_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Health probe written at {self.written_at:%Y-%m-%d %H:%M:%S}"
