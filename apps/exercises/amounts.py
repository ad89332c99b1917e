"""A set as the runner reads it: its amount in the move's measure (reps, seconds held,
breaths) and its load in the runner's unit. The one formatter of set values that pages, charts
and summaries share, so "45 s" or "42.5 kg × 5" reads the same everywhere."""

from decimal import Decimal

from apps.accounts.units import format_load
from apps.exercises.models import Exercise

_UNIT_WORDS = {
    Exercise.Measure.REPS: "reps",
    Exercise.Measure.SECONDS: "s",
    Exercise.Measure.BREATHS: "breaths",
}


def amount_text(amount: int, measure: str) -> str:
    """'5 reps', '45 s', '6 breaths'. A measure that is not an exercise's (a progress measure,
    "load") counts reps."""
    return f"{amount} {_UNIT_WORDS.get(measure, 'reps')}"


def set_text(
    amount: int | None,
    measure: str,
    unit: str,
    *,
    loaded: bool = False,
    load_kg: Decimal | None = None,
) -> str:
    """A set, a target or a best: '42.5 kg × 5', '20 kg × 30 s', 'no load × 5', '52.5 kg',
    '45 s', '10 reps'; '' when there is nothing to say. For a loaded move the load comes first
    (none or zero reads "no load") and reps go bare after it."""
    if not loaded:
        return "" if amount is None else amount_text(amount, measure)
    load = format_load(load_kg, unit) if load_kg else "no load"
    if amount is None:
        return load
    # After a load, reps go bare ("× 5"); a hold keeps its unit ("× 30 s").
    if measure in (Exercise.Measure.SECONDS, Exercise.Measure.BREATHS):
        return f"{load} × {amount_text(amount, measure)}"
    return f"{load} × {amount}"
