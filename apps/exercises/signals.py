"""Changes the content version (caching.py) whenever the routine's content is saved or deleted
(admin edits, `load_routine --reset`), in the same transaction as the change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apps.exercises import caching
from apps.exercises.models import Cue, Exercise, Routine, RoutineSlot, SlotOption, Variation


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def _exercise_changed(sender, instance: Exercise, **kwargs) -> None:
    # A runner's private (imported) move is not part of the routine's content.
    if instance.owner_id is None:
        caching.content_changed()


@receiver(post_save, sender=Cue)
@receiver(post_delete, sender=Cue)
@receiver(post_save, sender=Variation)
@receiver(post_delete, sender=Variation)
@receiver(post_save, sender=Routine)
@receiver(post_delete, sender=Routine)
@receiver(post_save, sender=RoutineSlot)
@receiver(post_delete, sender=RoutineSlot)
@receiver(post_save, sender=SlotOption)
@receiver(post_delete, sender=SlotOption)
def _content_changed(sender, **kwargs) -> None:
    caching.content_changed()
