from apps.exercises.models import Exercise, Side
from apps.training.models import SetEntry


def test_a_move_done_per_side_is_logged_left_then_right():
    assert Exercise(per_side=True).sides == ("left", "right")


def test_any_other_move_is_logged_on_no_side():
    assert Exercise(per_side=False).sides == ("",)


def test_a_sets_sides_are_the_moves_sides():
    assert SetEntry.Side is Side
    assert set(Exercise(per_side=True).sides) | set(Exercise().sides) == set(Side.values)
