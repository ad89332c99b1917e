"""The one place that converts loads between kilograms and pounds.

Loads are stored in kilograms with six decimal places: enough that any value a runner types in
pounds (to two decimals) converts back to exactly what they typed (docs/design.md, "Set").
"""

from decimal import ROUND_HALF_UP, Decimal

KG = "kg"
LB = "lb"
UNIT_CHOICES = [(KG, "Kilograms (kg)"), (LB, "Pounds (lb)")]

# The international avoirdupois pound, exact by definition.
KG_PER_LB = Decimal("0.45359237")
STORED_PLACES = Decimal("0.000001")
SHOWN_PLACES = Decimal("0.01")
MAX_LOAD_KG = Decimal("500")


def to_kg(value: Decimal | int | float | str, unit: str) -> Decimal:
    """A load typed in `unit`, as the kilograms we store."""
    amount = Decimal(str(value))
    if unit == LB:
        amount = amount * KG_PER_LB
    return amount.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def from_kg(value_kg: Decimal | int | float | str, unit: str) -> Decimal:
    """Stored kilograms, as the runner's unit, rounded to what a person types (0.01)."""
    amount = Decimal(str(value_kg))
    if unit == LB:
        amount = amount / KG_PER_LB
    return amount.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)


def format_load(value_kg: Decimal | None, unit: str) -> str:
    """'45 lb', '22.5 kg', or '' for no load: trailing zeros dropped."""
    if value_kg is None:
        return ""
    shown = from_kg(value_kg, unit).normalize()
    text = f"{shown:f}"
    return f"{text} {unit}"


def plain_number(value_kg: Decimal | None, unit: str) -> str:
    """The number a form field shows for a stored load, without the unit."""
    if value_kg is None:
        return ""
    return f"{from_kg(value_kg, unit).normalize():f}"
