"""Keeps each session's tally (tallies.py) in step with its sets, in the same transaction as
the change: a saved set recounts its session; a move whose role changes (warm-up or strength)
recounts every session that holds it.

Deleting a single set has no receiver on purpose (as in apps/progress/signals.py): a receiver
would stop Django from deleting a session's sets in one statement. services.set_delete, the one
place that deletes a set on its own, recounts its session itself."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from apps.exercises.models import Exercise
from apps.training import tallies
from apps.training.models import SetEntry, TrainingSession


@receiver(post_save, sender=SetEntry)
def _set_saved(sender, instance: SetEntry, **kwargs) -> None:
    tallies.recount(TrainingSession.objects.filter(pk=instance.session_id))


@receiver(pre_save, sender=Exercise)
def _remember_role(sender, instance: Exercise, **kwargs) -> None:
    if instance.pk is not None:
        instance._role_before = (
            Exercise.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
        )


@receiver(post_save, sender=Exercise)
def _role_changed(sender, instance: Exercise, created: bool, **kwargs) -> None:
    if not created and getattr(instance, "_role_before", instance.role) != instance.role:
        tallies.recount(TrainingSession.objects.filter(sets__exercise=instance))
