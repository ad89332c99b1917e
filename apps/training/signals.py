"""Writes that come from outside the training services: staff editing the routine's content in
the admin (or `load_routine --reset`). Every write to sessions and sets goes through
services.py, which keeps their derived data in step itself; only a content edit, which the
exercises app makes without knowing of training, is heard here, in the same transaction."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from apps.exercises.models import Exercise, RoutineSlot, SlotOption
from apps.training import services


@receiver(pre_save, sender=Exercise)
def _remember_role(sender, instance: Exercise, **kwargs) -> None:
    if instance.pk is not None:
        instance._role_before = (
            Exercise.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
        )


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def _exercise_changed(sender, instance: Exercise, **kwargs) -> None:
    role_changed = getattr(instance, "_role_before", instance.role) != instance.role
    services.content_changed(exercise=instance, role_changed=role_changed)


@receiver(post_save, sender=RoutineSlot)
@receiver(post_delete, sender=RoutineSlot)
@receiver(post_save, sender=SlotOption)
@receiver(post_delete, sender=SlotOption)
def _routine_changed(sender, **kwargs) -> None:
    services.content_changed()
