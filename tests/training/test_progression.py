"""The progression rule (docs/design.md, "Progression"), tested on plain values: no database."""

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.units import from_kg, to_kg
from apps.training.progression import (
    KETTLEBELL_SIZES,
    lightest_load_kg,
    load_step,
    next_load_kg,
    next_suggested_load,
)


@dataclass
class Move:
    slug: str = ""
    measure: str = "reps"
    per_side: bool = False
    load_kind: str = "dumbbell"
    load_step: str = "small"


@dataclass
class Slot:
    sets: int = 3
    reps: int = 5
    hold_seconds: int | None = None


@dataclass
class Logged:
    set_number: int
    side: str = ""
    reps: int | None = 5
    seconds: int | None = None
    breaths: int | None = None
    load_kg: Decimal | None = None
    done: bool = True


SQUAT = Move(load_kind="dumbbell", load_step="large")
LUNGE = Move(load_kind="dumbbell", load_step="small", per_side=True)
SWING = Move(load_kind="kettlebell", load_step="large")
PLANK = Move(measure="seconds", load_kind="bodyweight")
DEADBUG = Move(load_kind="bodyweight", per_side=True)
BREATHING = Move(measure="breaths", load_kind="bodyweight")
PLAN = Slot()


def full_session(load_kg, *, sides=("",), reps=5):
    return [
        Logged(set_number=n, side=side, reps=reps, load_kg=load_kg)
        for n in (1, 2, 3)
        for side in sides
    ]


def test_it_suggests_a_light_dumbbell_the_first_time_and_says_why():
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=[])
    assert suggestion.load_kg == Decimal("4")
    assert suggestion.reps == 5
    assert suggestion.reason == (
        "First time: start light with 4 kg, a light dumbbell. Start small, less is more: "
        "the load goes up once every set is done."
    )


def test_it_starts_a_runner_in_pounds_on_a_round_number_of_pounds():
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=[], unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("10.00")


def test_it_starts_a_kettlebell_move_on_the_lightest_common_bell():
    assert lightest_load_kg("kettlebell", "kg") == Decimal("4")
    assert from_kg(lightest_load_kg("kettlebell", "lb"), "lb") == Decimal("10.00")


def test_it_adds_a_large_step_to_a_squat_when_every_set_was_done():
    suggestion = next_suggested_load(
        exercise=SQUAT, prescription=PLAN, last_sets=full_session(Decimal("10"))
    )
    assert suggestion.load_kg == Decimal("12.5")
    assert "one step up to 12.5 kg" in suggestion.reason


def test_it_adds_five_pounds_to_a_squat_for_a_runner_in_pounds():
    last = full_session(to_kg("45", "lb"))
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("50.00")
    assert suggestion.load_kg == to_kg("50", "lb")


def test_it_adds_a_small_step_to_other_loaded_moves():
    last = full_session(Decimal("6"), sides=("left", "right"))
    suggestion = next_suggested_load(exercise=LUNGE, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("7")


def test_it_adds_two_and_a_half_pounds_to_a_small_step_move_in_pounds():
    last = full_session(to_kg("20", "lb"), sides=("left", "right"))
    suggestion = next_suggested_load(exercise=LUNGE, prescription=PLAN, last_sets=last, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("22.50")


def test_it_keeps_the_load_when_a_set_fell_short():
    last = full_session(Decimal("10"))
    last[2].reps = 4
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("10")
    assert suggestion.reason.startswith("Set 3 fell short last time (4 of 5)")


def test_it_keeps_the_load_when_a_set_was_not_ticked():
    last = full_session(Decimal("10"))
    last[1].done = False
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("10")
    assert "Set 2 was not done" in suggestion.reason


def test_it_keeps_the_load_when_a_set_is_missing():
    last = full_session(Decimal("10"))[:2]
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("10")


def test_it_keeps_the_load_when_one_side_of_a_per_side_set_fell_short():
    last = full_session(Decimal("6"), sides=("left", "right"))
    last[3].reps = 3  # set 2, right
    suggestion = next_suggested_load(exercise=LUNGE, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("6")
    assert "Set 2 (right) fell short" in suggestion.reason


def test_it_takes_the_heaviest_prescribed_set_as_the_load_and_holds_it_when_others_were_lighter():
    last = full_session(Decimal("10"))
    last[2].load_kg = Decimal("12.5")
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("12.5")


def test_an_extra_set_does_not_change_the_working_load():
    last = [*full_session(Decimal("10")), Logged(set_number=4, reps=2, load_kg=Decimal("30"))]
    suggestion = next_suggested_load(exercise=SQUAT, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg == Decimal("12.5")


def test_it_moves_a_kettlebell_to_the_next_common_bell_size():
    suggestion = next_suggested_load(
        exercise=SWING, prescription=PLAN, last_sets=full_session(Decimal("16"))
    )
    assert suggestion.load_kg == Decimal("20")


def test_it_moves_a_kettlebell_in_pounds_to_the_next_pound_bell():
    last = full_session(to_kg("35", "lb"))
    suggestion = next_suggested_load(exercise=SWING, prescription=PLAN, last_sets=last, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("40.00")


def test_it_never_suggests_more_than_a_form_accepts():
    assert next_load_kg(
        Decimal("499"), load_kind="dumbbell", load_step_kind="large", unit="kg"
    ) == Decimal("500")


def test_a_bodyweight_move_never_gets_a_load_and_starts_at_the_prescription():
    suggestion = next_suggested_load(exercise=DEADBUG, prescription=PLAN, last_sets=[])
    assert suggestion.load_kg is None
    assert suggestion.reps == 5


def test_a_bodyweight_move_grows_by_one_rep_when_every_set_reached_the_target():
    last = full_session(None, sides=("left", "right"))
    suggestion = next_suggested_load(exercise=DEADBUG, prescription=PLAN, last_sets=last)
    assert suggestion.load_kg is None
    assert suggestion.reps == 6
    assert "never load" in suggestion.reason


def test_a_bodyweight_move_keeps_its_target_when_a_set_fell_short():
    last = full_session(None, sides=("left", "right"), reps=7)
    last[0].reps = 4
    suggestion = next_suggested_load(exercise=DEADBUG, prescription=PLAN, last_sets=last)
    assert suggestion.reps == 5


def test_a_hold_grows_by_five_seconds_when_every_hold_reached_the_target():
    plank_plan = Slot(hold_seconds=30)
    last = [Logged(set_number=n, reps=None, seconds=30) for n in (1, 2, 3)]
    suggestion = next_suggested_load(exercise=PLANK, prescription=plank_plan, last_sets=last)
    assert suggestion.seconds == 35
    assert suggestion.load_kg is None


def test_a_hold_starts_at_the_prescribed_time_the_first_time():
    suggestion = next_suggested_load(
        exercise=PLANK, prescription=Slot(hold_seconds=30), last_sets=[]
    )
    assert suggestion.seconds == 30
    assert suggestion.reps is None


def test_the_warm_up_never_progresses():
    last = [Logged(set_number=n, reps=None, breaths=9) for n in (1, 2, 3)]
    suggestion = next_suggested_load(exercise=BREATHING, prescription=PLAN, last_sets=last)
    assert suggestion.breaths == 5
    assert suggestion.load_kg is None


def test_kettlebell_sizes_are_sorted_and_strictly_increasing():
    for sizes in KETTLEBELL_SIZES.values():
        assert sizes == sorted(set(sizes))


@given(
    shown=st.decimals(min_value=1, max_value=400, places=1),
    unit=st.sampled_from(["kg", "lb"]),
    kind=st.sampled_from(["dumbbell", "kettlebell", "barbell"]),
    step=st.sampled_from(["large", "small"]),
)
def test_the_next_load_is_heavier_by_one_step_or_a_bell_in_the_runners_unit(
    shown, unit, kind, step
):
    load_kg = to_kg(shown, unit)
    heavier = next_load_kg(load_kg, load_kind=kind, load_step_kind=step, unit=unit)
    assert heavier > load_kg
    gained = from_kg(heavier, unit) - from_kg(load_kg, unit)
    if kind == "kettlebell":
        assert from_kg(heavier, unit) in KETTLEBELL_SIZES[unit] or gained == load_step(
            "large", unit
        )
    else:
        assert gained == load_step(step, unit)


# With the loads the runner has (apps/accounts/equipment.py) ---------------------------------

GYM_RACK_KG = [Decimal(n) for n in (*range(1, 11), *range(12, 51, 2))]
HOME_BELLS_KG = [Decimal(8), Decimal(12), Decimal(16)]
RACK_LB_AS_KG = [to_kg(n, "lb") for n in range(5, 101, 5)]
ARTICLE_SQUAT = Move(slug="squat", load_kind="dumbbell", load_step="large")
ARTICLE_DEADLIFT = Move(slug="deadlift", load_kind="dumbbell", load_step="large")
BARBELL_MOVE = Move(slug="back-squat", load_kind="barbell", load_step="large")


def _suggest(exercise, last_sets, available, unit="kg"):
    return next_suggested_load(
        exercise=exercise, prescription=PLAN, last_sets=last_sets, unit=unit, available_kg=available
    )


def test_every_set_done_goes_to_the_next_dumbbell_the_runner_has():
    suggestion = _suggest(SQUAT, full_session(Decimal("10")), GYM_RACK_KG)
    assert suggestion.load_kg == Decimal("12")
    assert (
        suggestion.reason
        == "Every set done at 10 kg last time: up to 12 kg, the next weight you have."
    )


def test_every_set_done_never_lands_on_a_dumbbell_few_gyms_have():
    suggestion = _suggest(SQUAT, full_session(Decimal("16")), GYM_RACK_KG)
    assert suggestion.load_kg == Decimal("18")


def test_a_set_that_fell_short_keeps_the_same_weight():
    last = full_session(Decimal("12"))
    last[2].reps = 4
    suggestion = _suggest(SQUAT, last, GYM_RACK_KG)
    assert suggestion.load_kg == Decimal("12")
    assert (
        suggestion.reason
        == "Set 3 fell short last time (4 of 5): stay at 12 kg until every set is done."
    )


def test_a_shortfall_on_a_weight_the_runner_lacks_stays_on_the_nearest_they_have():
    last = full_session(Decimal("12.5"))
    last[0].done = False
    suggestion = _suggest(SQUAT, last, GYM_RACK_KG)
    assert suggestion.load_kg == Decimal("12")
    assert "stay near 12.5 kg, at 12 kg (the nearest weight you have)" in suggestion.reason


def test_every_set_done_on_a_weight_the_runner_lacks_goes_to_the_next_one_up():
    suggestion = _suggest(SQUAT, full_session(Decimal("12.5")), GYM_RACK_KG)
    assert suggestion.load_kg == Decimal("14")


def test_with_nothing_heavier_the_suggestion_stays_and_says_so():
    suggestion = _suggest(SWING, full_session(Decimal("16")), HOME_BELLS_KG)
    assert suggestion.load_kg == Decimal("16")
    assert suggestion.reason == (
        "Every set done at 16 kg, the heaviest you have: stay there, or add a heavier one in "
        "settings."
    )


def test_in_pounds_the_next_dumbbell_is_the_racks_own_number():
    suggestion = _suggest(SQUAT, full_session(to_kg(25, "lb")), RACK_LB_AS_KG, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("30.00")
    assert "up to 30 lb" in suggestion.reason


def test_in_pounds_a_kilogram_load_moves_onto_the_racks_own_numbers():
    # 12 kg is 26.46 lb: a runner in pounds is suggested 30 lb, never 26.46 lb plus a step.
    suggestion = _suggest(SQUAT, full_session(Decimal("12")), RACK_LB_AS_KG, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("30.00")


def test_the_first_time_starts_each_article_move_light_on_a_weight_the_runner_has():
    squat = _suggest(ARTICLE_SQUAT, [], GYM_RACK_KG)
    deadlift = _suggest(ARTICLE_DEADLIFT, [], GYM_RACK_KG)
    assert (squat.load_kg, deadlift.load_kg) == (Decimal("6"), Decimal("8"))
    assert squat.reason.startswith("First time: start light with 6 kg, a light dumbbell.")
    assert "less is more" in deadlift.reason


def test_the_first_time_with_only_heavier_weights_starts_on_the_lightest_and_says_so():
    suggestion = _suggest(ARTICLE_SQUAT, [], [Decimal(10), Decimal(15), Decimal(20)])
    assert suggestion.load_kg == Decimal("10")
    assert suggestion.reason.startswith(
        "First time: start light with 10 kg, the lightest you have."
    )


def test_the_first_time_in_pounds_starts_on_the_equipments_own_number():
    suggestion = _suggest(ARTICLE_SQUAT, [], RACK_LB_AS_KG, unit="lb")
    assert from_kg(suggestion.load_kg, "lb") == Decimal("15.00")
    assert "15 lb" in suggestion.reason


def test_a_barbell_move_starts_on_the_empty_bar():
    suggestion = _suggest(BARBELL_MOVE, [], None)
    assert suggestion.load_kg == Decimal("20")
    assert "the empty bar" in suggestion.reason


def test_a_kettlebell_move_starts_on_a_light_bell_the_runner_has():
    suggestion = _suggest(SWING, [], HOME_BELLS_KG)
    assert suggestion.load_kg == Decimal("8")
    assert "the lightest you have" in suggestion.reason


def test_next_load_with_a_list_is_the_next_one_up():
    assert next_load_kg(
        Decimal("8"),
        load_kind="kettlebell",
        load_step_kind="large",
        unit="kg",
        available_kg=HOME_BELLS_KG,
    ) == Decimal("12")


def test_the_lightest_load_with_a_list_is_the_lightest_the_runner_has():
    assert lightest_load_kg("kettlebell", "kg", HOME_BELLS_KG) == Decimal("8")


def test_a_bodyweight_move_ignores_the_runners_weights():
    suggestion = _suggest(DEADBUG, [], GYM_RACK_KG)
    assert suggestion.load_kg is None


@given(
    last=st.sampled_from([*GYM_RACK_KG, Decimal("12.5"), Decimal("0.5"), Decimal("60")]),
    all_done=st.booleans(),
)
def test_every_suggestion_is_a_weight_the_runner_has(last, all_done):
    sets = full_session(last)
    if not all_done:
        sets[1].reps = 3
    suggestion = _suggest(SQUAT, sets, GYM_RACK_KG)
    assert suggestion.load_kg in GYM_RACK_KG
