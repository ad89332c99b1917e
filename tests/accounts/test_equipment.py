"""What a runner trains with, as the loads it gives them: plain values, no database."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from apps.accounts import equipment
from apps.accounts.units import from_kg, to_kg


@dataclass
class Kit:
    unit: str = "kg"
    dumbbells: str = "rack"
    own_dumbbells_kg: list = field(default_factory=list)
    kettlebells: str = "range"
    own_kettlebells_kg: list = field(default_factory=list)
    barbell: str = "plates"
    own_barbell_kg: list = field(default_factory=list)


def _shown(loads, unit):
    return [from_kg(load, unit).normalize() for load in loads]


def test_a_gym_rack_steps_by_one_kilogram_to_ten_then_by_two():
    loads = equipment.available_loads_kg(Kit(), "dumbbell")
    assert loads[:11] == [Decimal(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)]
    assert loads[-1] == Decimal(50)
    assert Decimal("12.5") not in loads


def test_a_gym_rack_in_pounds_holds_the_racks_own_numbers():
    loads = equipment.available_loads_kg(Kit(unit="lb"), "dumbbell")
    assert _shown(loads, "lb")[:4] == [Decimal(5), Decimal(10), Decimal(15), Decimal(20)]
    assert loads[0] == to_kg(5, "lb")


def test_a_home_pair_of_adjustable_dumbbells_goes_from_2_to_24_kg():
    loads = equipment.available_loads_kg(Kit(dumbbells="adjustable"), "dumbbell")
    assert (loads[0], loads[-1], len(loads)) == (Decimal(2), Decimal(24), 12)


def test_a_home_set_of_kettlebells_is_three_bells():
    loads = equipment.available_loads_kg(Kit(unit="lb", kettlebells="set"), "kettlebell")
    assert _shown(loads, "lb") == [Decimal(15), Decimal(25), Decimal(35)]


def test_a_barbell_with_plates_starts_on_the_empty_bar_and_steps_by_a_pair_of_small_plates():
    loads = equipment.available_loads_kg(Kit(), "barbell")
    assert loads[:3] == [Decimal(20), Decimal("22.5"), Decimal(25)]


def test_own_weights_are_read_lightest_first():
    kit = Kit(kettlebells="custom", own_kettlebells_kg=["16.000000", "8.000000"])
    assert equipment.available_loads_kg(kit, "kettlebell") == [Decimal(8), Decimal(16)]


def test_a_runner_without_dumbbells_is_given_their_kettlebells_for_a_dumbbell_move():
    kit = Kit(dumbbells="none", kettlebells="set")
    assert equipment.available_loads_kg(kit, "dumbbell") == [Decimal(8), Decimal(12), Decimal(16)]


def test_a_runner_with_no_equipment_of_a_kind_has_no_loads_for_it():
    assert equipment.available_loads_kg(Kit(barbell="none"), "barbell") == []


def test_a_bodyweight_move_needs_no_loads():
    assert equipment.available_loads_kg(Kit(), "bodyweight") == []


def test_typed_weights_are_parsed_in_the_runners_unit_into_kilograms():
    assert equipment.parse_weights("25, 12.5;25\n35", "lb") == [
        to_kg("12.5", "lb"),
        to_kg(25, "lb"),
        to_kg(35, "lb"),
    ]


def test_typed_weights_read_back_exactly_as_typed():
    loads = equipment.parse_weights("12.5, 25, 52.5", "lb")
    assert equipment.shown(equipment.stored(loads), "lb") == "12.5, 25, 52.5"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8, twelve", "“twelve” is not a number. Separate weights with commas."),
        ("-4", "“-4” is not a weight: use numbers above 0, up to 500 kg."),
        ("600", "“600” is not a weight: use numbers above 0, up to 500 kg."),
        ("nan", "“nan” is not a weight: use numbers above 0, up to 500 kg."),
        ("1e30", "“1e30” is not a weight: use numbers above 0, up to 500 kg."),
        ("8.125", "“8.125” has more than 2 decimals."),
        (",".join(["8"] * 41), "List at most 40 weights."),
    ],
)
def test_typed_weights_that_are_not_weights_are_explained(text, message):
    with pytest.raises(ValueError, match=message):
        equipment.parse_weights(text, "kg")


def test_in_pounds_the_limit_is_said_in_pounds():
    with pytest.raises(ValueError, match=r"up to 1102\.31 lb"):
        equipment.parse_weights("2000", "lb")
