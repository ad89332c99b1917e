import pytest

from apps.portability.matching import routine_slug_for, similar_slug_for


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Squat", "squat"),
        ("Squat (Dumbbell)", "squat"),
        ("Goblet Squat", "squat"),
        ("GOBLET SQUAT (KETTLEBELL)", "squat"),
        ("Deadlift", "deadlift"),
        ("Deadlift (Dumbbell)", "deadlift"),
        ("Dumbbell Deadlift", "deadlift"),
        ("Single Leg Romanian Deadlift (Dumbbell)", "single-leg-deadlift"),
        ("Single-Leg Deadlift", "single-leg-deadlift"),
        ("Kettlebell Swing", "kettlebell-swing"),
        ("Plank", "plank"),
        ("Lateral Lunge (Dumbbell)", "lateral-lunge"),
        ("Dumbbell Side Lunge", "lateral-lunge"),
        ("Dead Bug", "deadbug"),
        ("deadbug", "deadbug"),
        ("Pallof Press (Band)", "pallof-press"),
        ("Pallof Press", "pallof-press"),
    ],
)
def test_it_matches_common_spellings_to_the_routines_moves(name, slug):
    assert routine_slug_for(name) == slug


@pytest.mark.parametrize(
    "name", ["Bench Press (Barbell)", "Leg Press", "Hip Thrust (Barbell)", "Front Squat Jumps"]
)
def test_it_matches_no_move_for_other_exercises(name):
    assert routine_slug_for(name) is None


@pytest.mark.parametrize(
    ("name", "similar"),
    [
        ("Squat (Barbell)", "squat"),
        ("Squat (Smith Machine)", "squat"),
        ("Squat (Band)", "squat"),
        ("Bodyweight Squat", "squat"),
        ("Barbell Squat", "squat"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Romanian Deadlift", "deadlift"),
        ("Romanian Deadlift (Dumbbell)", "deadlift"),
        ("Trap Bar Deadlift", "deadlift"),
        ("RDL", "deadlift"),
        ("Pallof Press (Cable)", "pallof-press"),
    ],
)
def test_other_implements_and_forms_of_a_move_are_only_proposed_as_similar(name, similar):
    assert routine_slug_for(name) is None
    assert similar_slug_for(name) == similar


def test_a_true_equivalent_is_not_called_similar():
    assert similar_slug_for("Goblet Squat") is None
