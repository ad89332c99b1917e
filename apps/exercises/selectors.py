"""Reads of the routine's content, shaped so a page needs a fixed number of queries, and cached
until staff edit the content (caching.py): one query (the content version) once cached."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.exercises.caching import cached_content
from apps.exercises.models import Cue, Exercise, Routine, RoutineSlot, SlotOption, Variation

DEFAULT_ROUTINE_SLUG = "runners-strength"


def routine_exercises() -> QuerySet[Exercise]:
    """The routine's moves (not runners' private imported ones), in order."""
    return Exercise.objects.filter(owner__isnull=True).order_by("order", "name")


def routine_with_slots(slug: str = DEFAULT_ROUTINE_SLUG, *, cues: bool = True) -> Routine:
    """The routine with its slots, each slot's options and their exercises (and, unless `cues`
    is false, their cues) prefetched."""
    return cached_content("routine-with-slots", lambda: _routine_with_slots(slug, cues), slug, cues)


def _routine_with_slots(slug: str, cues: bool) -> Routine:
    options = SlotOption.objects.select_related("exercise")
    if cues:
        options = options.prefetch_related(
            Prefetch("exercise__cues", queryset=Cue.objects.order_by("order", "id"))
        )
    slots = RoutineSlot.objects.prefetch_related(Prefetch("options", queryset=options))
    return get_object_or_404(
        Routine.objects.prefetch_related(Prefetch("slots", queryset=slots.order_by("order"))),
        slug=slug,
    )


def routine_slots(slug: str = DEFAULT_ROUTINE_SLUG) -> tuple[Routine, list[RoutineSlot]]:
    """The routine and its slots in order, each slot with its options and their exercises (no
    cues); the slots come with their routine."""
    return cached_content("routine-slots", lambda: _routine_slots(slug), slug)


def _routine_slots(slug: str) -> tuple[Routine, list[RoutineSlot]]:
    options = SlotOption.objects.select_related("exercise")
    slots = list(
        RoutineSlot.objects.filter(routine__slug=slug)
        .select_related("routine")
        .prefetch_related(Prefetch("options", queryset=options))
        .order_by("order")
    )
    routine = slots[0].routine if slots else get_object_or_404(Routine, slug=slug)
    return routine, slots


def exercise_detail(slug: str) -> Exercise:
    """One routine move with its cues, variations (both ways) and the slots that prescribe it:
    the variations it offers and those it stands in for come from one query
    (`exercise.variation_links`: the two lists, each in order)."""
    return cached_content("exercise-detail", lambda: _exercise_detail(slug), slug)


def _exercise_detail(slug: str) -> Exercise:
    exercise = get_object_or_404(
        routine_exercises().prefetch_related(
            Prefetch("cues", queryset=Cue.objects.order_by("order", "id")),
            Prefetch("slot_options", queryset=SlotOption.objects.select_related("slot")),
        ),
        slug=slug,
    )
    links = (
        Variation.objects.filter(Q(exercise=exercise) | Q(variant=exercise))
        .select_related("exercise", "variant")
        .order_by("order", "id")
    )
    exercise.variation_links = VariationLinks(
        offers=[link for link in links if link.exercise_id == exercise.pk],
        stands_in_for=[link for link in links if link.variant_id == exercise.pk],
    )
    return exercise


@dataclass(frozen=True)
class VariationLinks:
    offers: list[Variation]
    stands_in_for: list[Variation]


def routine_exercises_detailed() -> QuerySet[Exercise]:
    """The routine's moves with their cues, variations and prescribing slots prefetched: a
    fixed number of queries for one move or all of them."""
    return routine_exercises().prefetch_related(
        Prefetch("cues", queryset=Cue.objects.order_by("order", "id")),
        Prefetch(
            "variations",
            queryset=Variation.objects.select_related("variant").order_by("order"),
        ),
        Prefetch(
            "variant_of",
            queryset=Variation.objects.select_related("exercise").order_by("order"),
        ),
        Prefetch("slot_options", queryset=SlotOption.objects.select_related("slot")),
    )
