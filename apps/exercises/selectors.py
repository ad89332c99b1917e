"""Reads of the routine's content, shaped so a page needs a fixed number of queries: the
routine and move pages, and the routine as the session player works with it, as plain data
cached until staff edit the content (caching.py: one query, the content version, once cached);
the routine as model instances for the API, read afresh in a fixed number of queries."""

import re
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
    is false, their cues) prefetched: model instances of this request's own, read afresh in
    four queries (three without cues) whatever the history."""
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


@dataclass(frozen=True)
class PlayerExercise:
    """One move of the routine as the session player and the set forms use it: what it is
    called, how a set of it is measured and loaded, and its cues. Plain data, so the cached
    routine costs next to nothing to read and no request can change it for another."""

    pk: int
    slug: str
    name: str
    measure: str
    per_side: bool
    sides: tuple[str, ...]
    load_kind: str
    load_step: str
    is_loaded: bool
    is_warm_up: bool
    cues: tuple[str, ...]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PlayerSlot:
    """One slot of the routine: its prescription and the moves it offers, `default` first
    offered."""

    pk: int
    title: str
    sets: int
    reps: int
    hold_seconds: int | None
    options: tuple[PlayerExercise, ...]
    default: PlayerExercise


@dataclass(frozen=True)
class PlayerRoutine:
    """The routine's slots in order; a slot that offers no move is left out."""

    slots: tuple[PlayerSlot, ...]


def routine_for_player(slug: str = DEFAULT_ROUTINE_SLUG) -> PlayerRoutine:
    """The routine as the session player works with it (`routine_with_slots`, as plain data),
    kept in Django's cache under the content version (caching.py): one query once cached,
    four when computed."""
    return cached_content("player-routine", lambda: _player_routine(slug), slug)


def _player_routine(slug: str) -> PlayerRoutine:
    slots = []
    for slot in routine_with_slots(slug).slots.all():
        options = list(slot.options.all())
        if not options:
            continue
        moves = tuple(_player_exercise(option.exercise) for option in options)
        default = next(
            (move for move, option in zip(moves, options, strict=True) if option.is_default),
            moves[0],
        )
        slots.append(
            PlayerSlot(
                pk=slot.pk,
                title=slot.title,
                sets=slot.sets,
                reps=slot.reps,
                hold_seconds=slot.hold_seconds,
                options=moves,
                default=default,
            )
        )
    return PlayerRoutine(slots=tuple(slots))


def _player_exercise(exercise: Exercise) -> PlayerExercise:
    return PlayerExercise(
        pk=exercise.pk,
        slug=exercise.slug,
        name=exercise.name,
        measure=exercise.measure,
        per_side=exercise.per_side,
        # Plain strings, not the Side enum: cheaper to unpickle, equal all the same.
        sides=tuple(str(side) for side in exercise.sides),
        load_kind=exercise.load_kind,
        load_step=exercise.load_step,
        is_loaded=exercise.is_loaded,
        is_warm_up=exercise.is_warm_up,
        cues=tuple(cue.text for cue in exercise.cues.all()),
    )


# The routine and move pages, as plain data cached until staff edit the content (caching.py).


@dataclass(frozen=True)
class MoveLink:
    name: str
    url: str


@dataclass(frozen=True)
class OptionCard:
    """One exercise a slot offers, as the routine page shows it."""

    name: str
    url: str
    summary: str
    per_side: bool
    is_default: bool
    note: str


@dataclass(frozen=True)
class SlotCard:
    title: str
    prescription: str
    options: tuple[OptionCard, ...]


@dataclass(frozen=True)
class RoutinePage:
    name: str
    summary: str
    guidance: tuple[str, ...]
    source_title: str
    source_author: str
    source_publisher: str
    slots: tuple[SlotCard, ...]


def routine_page(slug: str = DEFAULT_ROUTINE_SLUG) -> RoutinePage:
    """The routine and its slots in order, each with its options (no cues). Two queries when
    computed, none once cached."""
    return cached_content("routine-page", lambda: _routine_page(slug), slug)


def _routine_page(slug: str) -> RoutinePage:
    options = SlotOption.objects.select_related("exercise")
    slots = list(
        RoutineSlot.objects.filter(routine__slug=slug)
        .select_related("routine")
        .prefetch_related(Prefetch("options", queryset=options))
        .order_by("order")
    )
    routine = slots[0].routine if slots else get_object_or_404(Routine, slug=slug)
    return RoutinePage(
        name=routine.name,
        summary=routine.summary,
        guidance=tuple(routine.guidance_lines()),
        source_title=routine.source_title,
        source_author=routine.source_author,
        source_publisher=routine.source_publisher,
        slots=tuple(_slot_card(slot) for slot in slots),
    )


def _slot_card(slot: RoutineSlot) -> SlotCard:
    options = list(slot.options.all())
    prescription = slot.prescription
    # Reps go without a word ("3 × 5"); a breathing drill says it counts breaths.
    if options and options[0].exercise.measure == Exercise.Measure.BREATHS:
        prescription = f"{prescription} breaths"
    return SlotCard(
        title=slot.title,
        prescription=prescription,
        options=tuple(
            OptionCard(
                name=option.exercise.name,
                url=option.exercise.get_absolute_url(),
                summary=option.exercise.summary,
                per_side=option.exercise.per_side,
                is_default=option.is_default,
                note=note_beyond_summary(option.note, option.exercise.summary),
            )
            for option in options
        ),
    )


def note_beyond_summary(note: str, summary: str) -> str:
    """An option's note, unless its summary already says every word of it (a summary ending
    "…in running season." needs no note "In running season." after it)."""
    said = set(_WORDS.findall(summary.lower()))
    return "" if set(_WORDS.findall(note.lower())) <= said else note


_WORDS = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class VariationLink:
    move: MoveLink
    when: str


@dataclass(frozen=True)
class MovePage:
    """One routine move as its page shows it."""

    name: str
    summary: str
    purpose: str
    role: str
    measure: str
    per_side: bool
    load_kind: str
    prescriptions: tuple[str, ...]
    cues: tuple[str, ...]
    # The variations it offers, and the moves it stands in for, each in order.
    offers: tuple[VariationLink, ...]
    stands_in_for: tuple[VariationLink, ...]


def move_page(slug: str) -> MovePage:
    """One routine move with its cues, variations (both ways) and the prescriptions of the
    slots that use it: four queries when computed, none once cached."""
    return cached_content("move-page", lambda: _move_page(slug), slug)


def _move_page(slug: str) -> MovePage:
    exercise = get_object_or_404(
        routine_exercises().prefetch_related(
            Prefetch("cues", queryset=Cue.objects.order_by("order", "id")),
            Prefetch("slot_options", queryset=SlotOption.objects.select_related("slot")),
        ),
        slug=slug,
    )
    # Both directions in one query.
    links = list(
        Variation.objects.filter(Q(exercise=exercise) | Q(variant=exercise))
        .select_related("exercise", "variant")
        .order_by("order", "id")
    )
    return MovePage(
        name=exercise.name,
        summary=exercise.summary,
        purpose=exercise.purpose,
        role=exercise.get_role_display(),
        measure=exercise.get_measure_display(),
        per_side=exercise.per_side,
        load_kind=exercise.get_load_kind_display(),
        prescriptions=tuple(option.slot.prescription for option in exercise.slot_options.all()),
        cues=tuple(cue.text for cue in exercise.cues.all()),
        offers=tuple(
            VariationLink(_link(link.variant), link.when)
            for link in links
            if link.exercise_id == exercise.pk
        ),
        stands_in_for=tuple(
            VariationLink(_link(link.exercise), link.when)
            for link in links
            if link.variant_id == exercise.pk
        ),
    )


def _link(exercise: Exercise) -> MoveLink:
    return MoveLink(name=exercise.name, url=exercise.get_absolute_url())


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
