"""What a runner trains with, and the loads that gives them (loads a runner can actually
pick up, not only the catalogue's steps).

    available_loads_kg(user, "dumbbell")  # -> [Decimal kg, ...], lightest first

A runner picks one preset per kind of equipment on the settings page (a gym's dumbbell rack, a
home pair of adjustable dumbbells, a home set of kettlebells, a barbell with plates), or lists
their own weights, or says they have none. Presets are written in each unit as the equipment is
marked (a 25 lb dumbbell, a 16 kg bell), so a runner in pounds is suggested 25 lb, never
26.46 lb. Own weights are stored in kilograms like every load, with six decimals, so what was
typed in pounds reads back exactly.

Pure data and functions: the progression rule (apps/training/progression.py) takes the list
this module gives, so it stays testable without a database.
"""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from apps.accounts.units import KG, KG_PER_LB, LB, MAX_LOAD_KG, SHOWN_PLACES, from_kg, to_kg

DUMBBELL = "dumbbell"
KETTLEBELL = "kettlebell"
BARBELL = "barbell"

NONE = "none"
CUSTOM = "custom"
RACK = "rack"
ADJUSTABLE = "adjustable"
FULL_RANGE = "range"
HOME_SET = "set"
PLATES = "plates"

DUMBBELL_CHOICES = [
    (RACK, "A gym's dumbbell rack"),
    (ADJUSTABLE, "A home pair of adjustable dumbbells"),
    (CUSTOM, "My own dumbbells (list them below)"),
    (NONE, "No dumbbells"),
]
KETTLEBELL_CHOICES = [
    (FULL_RANGE, "A gym's full range of kettlebells"),
    (HOME_SET, "A home set of three kettlebells"),
    (CUSTOM, "My own kettlebells (list them below)"),
    (NONE, "No kettlebells"),
]
BARBELL_CHOICES = [
    (PLATES, "A standard barbell with plates"),
    (CUSTOM, "My own barbell loads (list them below)"),
    (NONE, "No barbell"),
]

# A runner lists at most this many weights of one kind: more than any home or gym holds.
MAX_OWN_WEIGHTS = 40


def _numbers(*values) -> list[Decimal]:
    return [Decimal(str(value)) for value in values]


def _steps(start, stop, step) -> list[Decimal]:
    start, stop, step = Decimal(str(start)), Decimal(str(stop)), Decimal(str(step))
    count = int((stop - start) / step) + 1
    return [start + step * n for n in range(count)]


# Common kettlebell sizes as gyms and shops sell them: metric bells in 2-4 kg jumps, imperial
# bells in 5-10 lb jumps (nobody owns a 17.5 kg bell).
KETTLEBELL_SIZES = {
    KG: _numbers(4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 36, 40, 44, 48),
    LB: _numbers(10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100),
}

# The weights each preset gives, in each unit as the equipment is marked. Dumbbell loads are one
# dumbbell's weight, as the player asks for them.
PRESET_LOADS = {
    # A typical gym rack: 1 kg steps to 10 kg, then 2 kg steps (12, 14 ... 50 kg); in pounds,
    # 5 lb steps from 5 to 100 lb. No 12.5 or 18.5 kg dumbbells.
    (DUMBBELL, RACK): {KG: _steps(1, 10, 1) + _steps(12, 50, 2), LB: _steps(5, 100, 5)},
    # A pair of adjustable home dumbbells: 2 to 24 kg in 2 kg steps, or the 5 to 52.5 lb dial
    # of the common selector models.
    (DUMBBELL, ADJUSTABLE): {
        KG: _steps(2, 24, 2),
        LB: _steps(5, 25, "2.5") + _steps(30, 50, 5) + _numbers("52.5"),
    },
    (KETTLEBELL, FULL_RANGE): KETTLEBELL_SIZES,
    # The usual starter set: a light, a middle and a heavier bell.
    (KETTLEBELL, HOME_SET): {KG: _numbers(8, 12, 16), LB: _numbers(15, 25, 35)},
    # The empty bar plus pairs of the smallest plates: 20 kg + 2.5 kg steps to 200 kg, or
    # 45 lb + 5 lb steps to 405 lb.
    (BARBELL, PLATES): {KG: _steps(20, 200, "2.5"), LB: _steps(45, 405, 5)},
}

# The User fields that hold a kind's preset and the runner's own weights (in kg).
PRESET_FIELDS = {
    DUMBBELL: ("dumbbells", "own_dumbbells_kg"),
    KETTLEBELL: ("kettlebells", "own_kettlebells_kg"),
    BARBELL: ("barbell", "own_barbell_kg"),
}
# Every field of the runner's equipment, each kind's preset then its own weights.
EQUIPMENT_FIELDS = tuple(name for pair in PRESET_FIELDS.values() for name in pair)

# A goblet squat or a deadlift works with a dumbbell or a kettlebell alike: a runner with only
# one of the two is suggested loads from the other.
STAND_INS = {DUMBBELL: KETTLEBELL, KETTLEBELL: DUMBBELL}


def available_loads_kg(user, load_kind: str) -> list[Decimal]:
    """The loads, in kilograms and lightest first, that `user` (anything with the User's
    equipment fields and `unit`) can pick up for a move of `load_kind`; empty for bodyweight
    moves and for equipment they do not have (and no stand-in)."""
    if load_kind not in PRESET_FIELDS:
        return []
    loads = loads_of_kind_kg(user, load_kind)
    if not loads and load_kind in STAND_INS:
        loads = loads_of_kind_kg(user, STAND_INS[load_kind])
    return loads


def loads_of_kind_kg(user, load_kind: str) -> list[Decimal]:
    """The loads of exactly this kind the runner has, in kilograms, lightest first."""
    preset_field, own_field = PRESET_FIELDS[load_kind]
    preset = getattr(user, preset_field)
    if preset == NONE:
        return []
    if preset == CUSTOM:
        return sorted({Decimal(str(value)) for value in getattr(user, own_field) or []})
    unit = user.unit if user.unit in (KG, LB) else KG
    return [to_kg(value, unit) for value in PRESET_LOADS[(load_kind, preset)][unit]]


def preset_loads(load_kind: str, preset: str, unit: str) -> list[Decimal]:
    """A preset's weights as the equipment is marked, in `unit` (for the settings page)."""
    return list(PRESET_LOADS.get((load_kind, preset), {}).get(unit, []))


def parse_weights(text: str, unit: str, *, places: Decimal = SHOWN_PLACES) -> list[Decimal]:
    """Weights typed as "8, 12, 16" in `unit`, as kilograms, lightest first, duplicates dropped.
    Raises ValueError with a sentence for the runner when the text is not such a list."""
    parts = [part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",")]
    parts = [part for part in parts if part]
    if len(parts) > MAX_OWN_WEIGHTS:
        raise ValueError(f"List at most {MAX_OWN_WEIGHTS} weights.")
    return weights_kg(parts, unit, places=places)


def weights_kg(values: Iterable, unit: str, *, places: Decimal = SHOWN_PLACES) -> list[Decimal]:
    """Each value (a number in `unit`) as kilograms, lightest first, duplicates dropped; raises
    ValueError naming the first value that is not a weight between 0 and 500 kg."""
    most = f"{from_kg(MAX_LOAD_KG, unit).normalize():f}"
    loads = set()
    for value in values:
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"“{value}” is not a number. Separate weights with commas.") from None
        # Compared before rounding to stored kilograms, which a huge number cannot survive.
        in_kg = amount * KG_PER_LB if unit == LB else amount
        if not amount.is_finite() or amount <= 0 or in_kg > MAX_LOAD_KG:
            raise ValueError(
                f"“{value}” is not a weight: use numbers above 0, up to {most} {unit}."
            )
        if amount != amount.quantize(places):
            decimals = -places.as_tuple().exponent
            raise ValueError(f"“{value}” has more than {decimals} decimals.")
        loads.add(to_kg(amount, unit))
    return sorted(loads)


def stored(loads_kg: Iterable[Decimal]) -> list[str]:
    """Loads as the JSON field keeps them: kilogram strings with six decimals."""
    return [f"{load:f}" for load in loads_kg]


def shown(loads_kg: Iterable, unit: str) -> str:
    """Stored loads as the runner typed them: "8, 12, 16"."""
    return ", ".join(f"{from_kg(load, unit).normalize():f}" for load in loads_kg)
