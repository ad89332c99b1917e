"""Reads behind the progress rules: the few columns the calculations need, in one query."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from apps.exercises.models import Exercise
from apps.training.models import SetEntry, TrainingSession


def counted_sessions(user) -> QuerySet[TrainingSession]:
    """The runner's counted sessions (DESIGN.md): finished, with at least one done set of a
    strength move. Drafts and warm-up-only sessions count for nothing."""
    done_strength_set = SetEntry.objects.filter(
        session=OuterRef("pk"), done=True, exercise__role=Exercise.Role.STRENGTH
    )
    return TrainingSession.objects.filter(user=user, finished_at__isnull=False).filter(
        Exists(done_strength_set)
    )


def counted_session_starts(user) -> list[dt.datetime]:
    """Start times of every counted session, oldest first: all the calendar rules need."""
    return list(counted_sessions(user).order_by("started_at").values_list("started_at", flat=True))
