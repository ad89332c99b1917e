"""Bumps the history version (caching.py) whenever a session or a set is saved or deleted, or
the routine's content changes, in the same transaction as the change.

Deleting a single set has no receiver on purpose: a receiver would stop Django from deleting a
session's (or an account's) sets in one statement. The one place that deletes a set on its own,
apps/training/services.set_delete, bumps the version itself; deleting a session bumps it here."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apps.exercises.models import Exercise, RoutineSlot, SlotOption
from apps.training import caching
from apps.training.models import SetEntry, TrainingSession


@receiver(post_save, sender=TrainingSession)
@receiver(post_delete, sender=TrainingSession)
def _session_changed(sender, instance: TrainingSession, **kwargs) -> None:
    caching.history_changed(instance.user_id)


@receiver(post_save, sender=SetEntry)
def _set_saved(sender, instance: SetEntry, **kwargs) -> None:
    if SetEntry.session.is_cached(instance):
        user_id = instance.session.user_id
    else:
        user_id = (
            TrainingSession.objects.filter(pk=instance.session_id)
            .values_list("user_id", flat=True)
            .first()
        )
    if user_id is not None:
        caching.history_changed(user_id)


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def _exercise_changed(sender, instance: Exercise, **kwargs) -> None:
    # A runner's private (imported) move concerns only them.
    if instance.owner_id is not None:
        caching.history_changed(instance.owner_id)
    else:
        caching.every_history_changed()


@receiver(post_save, sender=RoutineSlot)
@receiver(post_delete, sender=RoutineSlot)
@receiver(post_save, sender=SlotOption)
@receiver(post_delete, sender=SlotOption)
def _routine_changed(sender, **kwargs) -> None:
    caching.every_history_changed()
