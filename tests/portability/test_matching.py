import pytest

from apps.portability.matching import routine_slug_for


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Squat (Barbell)", "squat"),
        ("Goblet Squat", "squat"),
        ("BARBELL SQUAT", "squat"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Romanian Deadlift (Dumbbell)", "deadlift"),
        ("RDL", "deadlift"),
        ("Single Leg Romanian Deadlift (Dumbbell)", "single-leg-deadlift"),
        ("Single-Leg Deadlift", "single-leg-deadlift"),
        ("Kettlebell Swing", "kettlebell-swing"),
        ("Plank", "plank"),
        ("Lateral Lunge (Dumbbell)", "lateral-lunge"),
        ("Dumbbell Side Lunge", "lateral-lunge"),
        ("Dead Bug", "deadbug"),
        ("deadbug", "deadbug"),
        ("Pallof Press (Cable)", "pallof-press"),
    ],
)
def test_it_matches_common_spellings_to_the_routines_moves(name, slug):
    assert routine_slug_for(name) == slug


@pytest.mark.parametrize(
    "name", ["Bench Press (Barbell)", "Leg Press", "Hip Thrust (Barbell)", "Front Squat Jumps"]
)
def test_it_matches_no_move_for_other_exercises(name):
    assert routine_slug_for(name) is None
