"""Each session's tally of its own sets (TrainingSession.strength_done and strength_sets), kept
so that what is computed from a whole history (weeks, streaks, totals) reads one row per
session instead of grouping every set ever done.

A tally is recounted from the session's sets, never adjusted, so it is exact as long as it is
recounted after every change to them: every write to sets goes through services.py, which
recounts the sessions it changed in the same transaction (services.sessions_changed), and a
move's sessions are recounted when staff change its role (warm-up or strength) in the admin
(signals.py). A session's deletion takes its tally with it.
"""

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.exercises.models import Exercise
from apps.training.models import SetEntry, TrainingSession


def recount(sessions: QuerySet[TrainingSession]) -> int:
    """Recounts the tally of each of `sessions` from its sets, in one UPDATE. Returns how many
    sessions were recounted."""
    done_strength = SetEntry.objects.filter(
        session=OuterRef("pk"), done=True, exercise__role=Exercise.Role.STRENGTH
    )
    strength_sets = (
        done_strength.filter(is_warmup_set=False)
        .order_by()
        .values("session")
        # A set's identity as one number: set numbers stay below 64 (the model allows 50), so
        # the left and right halves of a per-side set are one set.
        .annotate(sets=Count(F("exercise_id") * 64 + F("set_number"), distinct=True))
        .values("sets")
    )
    return sessions.update(
        strength_done=Exists(done_strength), strength_sets=Coalesce(Subquery(strength_sets), 0)
    )
