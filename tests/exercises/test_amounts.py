"""One formatter of set values (apps/exercises/amounts.py): the same words on every page."""

from decimal import Decimal

import pytest

from apps.exercises.amounts import amount_text, set_text


@pytest.mark.parametrize(
    ("amount", "measure", "text"),
    [(5, "reps", "5 reps"), (45, "seconds", "45 s"), (6, "breaths", "6 breaths")],
)
def test_an_amount_reads_in_its_measure(amount, measure, text):
    assert amount_text(amount, measure) == text


def test_a_loaded_set_reads_load_then_bare_reps():
    assert set_text(5, "reps", "kg", loaded=True, load_kg=Decimal("42.5")) == "42.5 kg × 5"


def test_a_loaded_hold_keeps_its_unit():
    assert set_text(30, "seconds", "kg", loaded=True, load_kg=Decimal("20")) == "20 kg × 30 s"


def test_a_load_reads_in_the_runners_unit():
    assert set_text(5, "reps", "lb", loaded=True, load_kg=Decimal("20.411657")) == "45 lb × 5"


def test_a_loaded_move_done_without_load_says_so():
    assert set_text(5, "reps", "kg", loaded=True, load_kg=None) == "no load × 5"


def test_a_load_alone_reads_without_an_amount():
    assert set_text(None, "reps", "kg", loaded=True, load_kg=Decimal("52.5")) == "52.5 kg"


def test_a_bodyweight_set_reads_its_amount_only():
    assert set_text(10, "reps", "kg") == "10 reps"


def test_nothing_to_say_is_empty():
    assert set_text(None, "reps", "kg") == ""
