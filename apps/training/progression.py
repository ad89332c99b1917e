"""The progression rule of docs/design.md ("start light, less is more") as pure functions.

    next_suggested_load(exercise=..., prescription=..., last_sets=..., unit="kg", available_kg=...)

answers "what should this runner do next time?" for one move: a load in kilograms (None for
bodyweight moves), the reps or seconds to aim for, and a one-line reason in the runner's words.
It takes plain values (anything with the attributes named below, and the list of loads the
runner can pick up from apps/accounts/equipment.available_loads_kg), never a request or a
queryset, so the session player, the progress page and the API all get the same answer.

The rule, for a loaded move: if every prescribed set of the last counted session that included
it was done at the prescribed reps and at the load L, suggest the next load up that the runner
has; if a set fell short, suggest L again (or the weight they have nearest to L); the first
time, suggest a light start for the move (a light dumbbell or bell, the empty bar), on the
nearest weight they have, and say why: the article's "start small, less is more". Loads come
from the runner's equipment as it is marked, so a runner in pounds is suggested 25 lb, never
26.46 lb. Without a list of loads (a runner with no equipment of that kind), steps are taken in
the runner's own unit: 2.5 kg or 5 lb for squat and deadlift variants
(`Exercise.load_step == "large"`), 1 kg or 2.5 lb otherwise, kettlebell moves to the next
common bell size.

Bodyweight moves never progress by load: when every prescribed set reached its target, the
target grows by one rep (or five seconds for a hold); otherwise it stays. The warm-up (breaths)
does not progress: it is the same every time.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from apps.accounts.equipment import KETTLEBELL_SIZES
from apps.accounts.units import KG, LB, MAX_LOAD_KG, format_load, from_kg, to_kg
from apps.exercises.models import Exercise, sides_of
from apps.training.models import MAX_BREATHS, MAX_REPS, MAX_SECONDS

REPS = Exercise.Measure.REPS
SECONDS = Exercise.Measure.SECONDS
BREATHS = Exercise.Measure.BREATHS
BODYWEIGHT = Exercise.LoadKind.BODYWEIGHT
KETTLEBELL = Exercise.LoadKind.KETTLEBELL
DUMBBELL = Exercise.LoadKind.DUMBBELL
BARBELL = Exercise.LoadKind.BARBELL
LARGE = Exercise.LoadStep.LARGE

# One small step, in each unit. docs/design.md: 2.5 kg / 5 lb for squat and deadlift variants
# ("large"), 1 kg / 2.5 lb for everything else.
LOAD_STEPS = {
    LARGE: {KG: Decimal("2.5"), LB: Decimal("5")},
    "small": {KG: Decimal("1"), LB: Decimal("2.5")},
}

# KETTLEBELL_SIZES (apps/accounts/equipment.py): without a list of the runner's loads, a
# kettlebell move progresses to the next common size up, because nobody owns a 17.5 kg bell.

# The lightest option of each kind of equipment: where a first session starts ("start light",
# the article's first rule). Dumbbells: the lightest pair most gyms rack. Kettlebells: the
# lightest common bell. Barbells: the empty standard bar.
LIGHTEST_LOADS = {
    DUMBBELL: {KG: Decimal("2"), LB: Decimal("5")},
    KETTLEBELL: {KG: Decimal("4"), LB: Decimal("10")},
    BARBELL: {KG: Decimal("20"), LB: Decimal("45")},
}

# Where a first session starts, per move of the article's routine, then per kind of equipment:
# light, because the article's first rule is "start small, less is more". The deadlift starts a
# little heavier than the squat (the hinge is the strongest of the moves, and a goblet squat
# holds the weight at the chest); single-leg and sideways moves start lightest.
FIRST_LOADS = {
    "deadlift": {KG: Decimal("8"), LB: Decimal("20")},
    "squat": {KG: Decimal("6"), LB: Decimal("15")},
    "single-leg-deadlift": {KG: Decimal("4"), LB: Decimal("10")},
    "lateral-lunge": {KG: Decimal("4"), LB: Decimal("10")},
    "kettlebell-swing": {KG: Decimal("8"), LB: Decimal("15")},
}
FIRST_LOADS_BY_KIND = {
    DUMBBELL: {KG: Decimal("4"), LB: Decimal("10")},
    KETTLEBELL: {KG: Decimal("8"), LB: Decimal("15")},
    BARBELL: {KG: Decimal("20"), LB: Decimal("45")},
}
FIRST_LOAD_WORDS = {
    DUMBBELL: "a light dumbbell",
    KETTLEBELL: "a light bell",
    BARBELL: "the empty bar",
}

# How a bodyweight target grows when every set reached it: one more rep, or five more seconds.
BODYWEIGHT_STEPS = {REPS: 1, SECONDS: 5}
# Targets never grow past what a form accepts (docs/design.md: reps 0-100, seconds 0-3600).
MAX_TARGET = {REPS: MAX_REPS, SECONDS: MAX_SECONDS, BREATHS: MAX_BREATHS}
# A hold with no prescribed time (should not happen with the article's routine) aims for this.
DEFAULT_HOLD_SECONDS = 30


class ExerciseLike(Protocol):
    measure: str
    per_side: bool
    load_kind: str
    load_step: str


class PrescriptionLike(Protocol):
    """A RoutineSlot, or anything with its three numbers."""

    sets: int
    reps: int
    hold_seconds: int | None


class LoggedSetLike(Protocol):
    """A SetEntry, or anything with its fields."""

    set_number: int
    side: str
    reps: int | None
    seconds: int | None
    breaths: int | None
    load_kg: Decimal | None
    done: bool


@dataclass(frozen=True)
class Suggestion:
    """What to do next time. `load_kg` is None for bodyweight moves; `target` is in the move's
    measure (reps, seconds or breaths) and `measure` says which."""

    load_kg: Decimal | None
    target: int
    measure: str
    reason: str

    @property
    def reps(self) -> int | None:
        return self.target if self.measure == REPS else None

    @property
    def seconds(self) -> int | None:
        return self.target if self.measure == SECONDS else None

    @property
    def breaths(self) -> int | None:
        return self.target if self.measure == BREATHS else None


def next_suggested_load(
    *,
    exercise: ExerciseLike,
    prescription: PrescriptionLike,
    last_sets: Sequence[LoggedSetLike],
    unit: str = KG,
    available_kg: Sequence[Decimal] | None = None,
) -> Suggestion:
    """The suggestion for `exercise` given the sets of the last counted session that included
    it (empty the first time) and the loads the runner can pick up for it (None or empty: any
    load on the unit's steps). See the module docstring for the rule."""
    target = prescribed_target(exercise, prescription)
    if exercise.measure == BREATHS:
        return Suggestion(None, target, BREATHS, "The warm-up is the same every time.")
    if exercise.load_kind == BODYWEIGHT:
        return _bodyweight_suggestion(exercise, prescription, last_sets, target)
    available = sorted(available_kg or [])
    return _loaded_suggestion(exercise, prescription, last_sets, target, unit, available)


def prescribed_target(exercise: ExerciseLike, prescription: PrescriptionLike) -> int:
    """The reps, seconds or breaths one set asks for: the hold time for a hold, else the reps."""
    if exercise.measure == SECONDS:
        return prescription.hold_seconds or DEFAULT_HOLD_SECONDS
    return prescription.reps


def load_step(load_step_kind: str, unit: str) -> Decimal:
    """One small step in the runner's unit (2.5 kg / 5 lb large, 1 kg / 2.5 lb small)."""
    return LOAD_STEPS.get(load_step_kind, LOAD_STEPS["small"])[unit]


def lightest_load_kg(
    load_kind: str, unit: str, available_kg: Sequence[Decimal] | None = None
) -> Decimal:
    """The lightest load of this equipment, in kilograms: the lightest the runner has, else the
    lightest common one (taken in `unit` first, so a runner in pounds gets 5 lb, not 4.41 lb)."""
    if available_kg:
        return min(available_kg)
    return to_kg(LIGHTEST_LOADS.get(load_kind, LIGHTEST_LOADS[DUMBBELL])[unit], unit)


def first_load_kg(
    exercise: ExerciseLike, unit: str, available_kg: Sequence[Decimal] | None = None
) -> Decimal:
    """Where a first session of `exercise` starts, in kilograms: its light start (FIRST_LOADS),
    on the nearest weight the runner has (the lighter one of two as near)."""
    by_kind = FIRST_LOADS_BY_KIND.get(exercise.load_kind, FIRST_LOADS_BY_KIND[DUMBBELL])
    start = to_kg(FIRST_LOADS.get(getattr(exercise, "slug", ""), by_kind)[unit], unit)
    return nearest_load_kg(start, available_kg, unit) if available_kg else start


def nearest_load_kg(load_kg: Decimal, available_kg: Sequence[Decimal], unit: str) -> Decimal:
    """The load the runner has nearest to `load_kg` as their unit shows it (the lighter one of
    two as near: less is more)."""
    shown = from_kg(load_kg, unit)
    return min(available_kg, key=lambda load: (abs(from_kg(load, unit) - shown), load))


def next_load_kg(
    load_kg: Decimal,
    *,
    load_kind: str,
    load_step_kind: str,
    unit: str,
    available_kg: Sequence[Decimal] | None = None,
) -> Decimal:
    """The load one step above `load_kg`, in kilograms. With the loads the runner has: the next
    one up, or, with nothing heavier, the nearest they have (so the load stays). Without: a step
    in the runner's unit, the next common bell size for a kettlebell, else plus one small or
    large step. Never above the 500 kg a form accepts."""
    shown = from_kg(load_kg, unit)
    if available_kg:
        heavier = sorted(load for load in available_kg if from_kg(load, unit) > shown)
        return heavier[0] if heavier else nearest_load_kg(load_kg, available_kg, unit)
    if load_kind == KETTLEBELL:
        heavier = [size for size in KETTLEBELL_SIZES[unit] if size > shown]
        stepped = heavier[0] if heavier else shown + load_step(LARGE, unit)
    else:
        stepped = shown + load_step(load_step_kind, unit)
    return min(to_kg(stepped, unit), MAX_LOAD_KG)


def measured_value(entry: LoggedSetLike, measure: str) -> int | None:
    """The reps, seconds or breaths a logged set recorded, by the move's measure."""
    return {REPS: entry.reps, SECONDS: entry.seconds, BREATHS: entry.breaths}[measure]


def prescribed_entries(exercise: ExerciseLike, prescription: PrescriptionLike) -> list[tuple]:
    """The (set number, side) pairs a full session of this move logs: a per-side move logs a
    left and a right entry for each set."""
    sides = sides_of(exercise.per_side)
    return [(number, side) for number in range(1, prescription.sets + 1) for side in sides]


# Helpers -------------------------------------------------------------------------------------


def _shortfall(
    exercise: ExerciseLike,
    prescription: PrescriptionLike,
    last_sets: Sequence[LoggedSetLike],
    target: int,
    load_kg: Decimal | None = None,
) -> str | None:
    """Why the last session did not complete the prescription, or None when it did."""
    logged = {(entry.set_number, entry.side): entry for entry in last_sets}
    for number, side in prescribed_entries(exercise, prescription):
        entry = logged.get((number, side))
        where = f"set {number}" + (f" ({side})" if side else "")
        if entry is None or not entry.done:
            return f"{where.capitalize()} was not done last time"
        value = measured_value(entry, exercise.measure) or 0
        if value < target:
            return f"{where.capitalize()} fell short last time ({value} of {target})"
        if load_kg is not None and (entry.load_kg is None or entry.load_kg < load_kg):
            return f"{where.capitalize()} was lighter than the rest last time"
    return None


def _loaded_suggestion(exercise, prescription, last_sets, target, unit, available) -> Suggestion:
    # L is the working load: the heaviest of the prescribed sets (an extra set does not count).
    prescribed = set(prescribed_entries(exercise, prescription))
    loads = [
        entry.load_kg
        for entry in last_sets
        if entry.load_kg is not None and (entry.set_number, entry.side) in prescribed
    ]
    if not loads:
        return _first_suggestion(exercise, target, unit, available, first=not last_sets)
    last_load = max(loads)
    short = _shortfall(exercise, prescription, last_sets, target, last_load)
    if short:
        stay = nearest_load_kg(last_load, available, unit) if available else last_load
        reason = f"{short}: stay at {_shown(stay, unit)} until every set is done."
        if _shown(stay, unit) != _shown(last_load, unit):
            reason = (
                f"{short}: stay near {_shown(last_load, unit)}, at {_shown(stay, unit)} "
                "(the nearest weight you have), until every set is done."
            )
        return Suggestion(stay, target, exercise.measure, reason)
    heavier = next_load_kg(
        last_load,
        load_kind=exercise.load_kind,
        load_step_kind=exercise.load_step,
        unit=unit,
        available_kg=available,
    )
    reason = _step_reason(last_load, heavier, unit, has_list=bool(available))
    return Suggestion(heavier, target, exercise.measure, reason)


def _first_suggestion(exercise, target, unit, available, *, first: bool) -> Suggestion:
    start = first_load_kg(exercise, unit, available)
    shown = _shown(start, unit)
    what = FIRST_LOAD_WORDS.get(exercise.load_kind, "a light weight")
    if available and start == available[0] and len(available) > 1:
        what = "the lightest you have"
    reason = (
        f"First time: start light with {shown}, {what}. Start small, less is more: "
        "the load goes up once every set is done."
        if first
        else f"No load logged last time: start light with {shown}, {what}."
    )
    return Suggestion(start, target, exercise.measure, reason)


def _step_reason(last_load: Decimal, heavier: Decimal, unit: str, *, has_list: bool) -> str:
    done = f"Every set done at {_shown(last_load, unit)}"
    if from_kg(heavier, unit) > from_kg(last_load, unit):
        if has_list:
            return f"{done} last time: up to {_shown(heavier, unit)}, the next weight you have."
        return f"{done} last time: one step up to {_shown(heavier, unit)}."
    if not has_list:
        return f"{done}, the most Legwork suggests."
    if from_kg(heavier, unit) == from_kg(last_load, unit):
        return f"{done}, the heaviest you have: stay there, or add a heavier one in settings."
    return f"{done}; the heaviest you have is {_shown(heavier, unit)}."


def _bodyweight_suggestion(exercise, prescription, last_sets, target) -> Suggestion:
    measure = exercise.measure
    unit_word = "reps" if measure == REPS else "s"
    prescribed = set(prescribed_entries(exercise, prescription))
    done_values = [
        measured_value(entry, measure)
        for entry in last_sets
        if entry.done
        and measured_value(entry, measure) is not None
        and (entry.set_number, entry.side) in prescribed
    ]
    if not done_values:
        opening = "First time" if not last_sets else "Nothing done last time"
        reason = f"{opening}: aim for {_amount(target, unit_word)} a set, no extra load."
        return Suggestion(None, target, measure, reason)
    # What every set reached last time is the bar this time.
    reached = min(done_values)
    short = _shortfall(exercise, prescription, last_sets, target)
    if short:
        aim = max(target, reached)
        reason = f"{short}: aim for {_amount(aim, unit_word)} again."
        return Suggestion(None, aim, measure, reason)
    aim = min(max(target, reached) + BODYWEIGHT_STEPS[measure], MAX_TARGET[measure])
    reason = (
        f"Every set reached {_amount(max(target, reached), unit_word)} last time: "
        f"aim for {_amount(aim, unit_word)} (bodyweight moves progress by "
        f"{'reps' if measure == REPS else 'time'}, never load)."
    )
    return Suggestion(None, aim, measure, reason)


def _shown(load_kg: Decimal, unit: str) -> str:
    return format_load(load_kg, unit)


def _amount(value: int, unit_word: str) -> str:
    return f"{value} {unit_word}" if unit_word == "reps" else f"{value} s"
