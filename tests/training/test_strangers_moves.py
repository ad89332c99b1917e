"""Another runner's own (imported) move is never named to anyone else: asked for by id, it is
answered exactly as a move that does not exist (issue 14, item 2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.exercises.models import Exercise, RoutineSlot
from apps.training import services
from apps.training.models import SlotChoice
from tests.factories import ExerciseFactory, TrainingSessionFactory

MISSING_ID = 999_999_999


@pytest.fixture
def strangers_move(stranger):
    return ExerciseFactory(owner=stranger, slug="private-bench", name="Stranger's Private Bench")


@pytest.fixture
def draft(routine, runner):
    return TrainingSessionFactory(user=runner, routine=routine, finished_at=None)


@pytest.fixture
def deadlift_slot(routine):
    return RoutineSlot.objects.get(title__startswith="Deadlift")


def _choose(client, draft, slot, exercise_id, **headers):
    url = reverse("training:slot_choose", args=[draft.pk, slot.pk])
    return client.post(url, {"exercise": exercise_id}, follow=True, headers=headers)


def test_a_slot_choice_with_another_runners_move_reads_like_a_missing_move(
    runner_client, draft, deadlift_slot, strangers_move
):
    theirs = _choose(runner_client, draft, deadlift_slot, strangers_move.pk)
    missing = _choose(runner_client, draft, deadlift_slot, MISSING_ID)

    assert "Private Bench" not in theirs.content.decode()
    assert "Pick one of the options." in theirs.content.decode()
    assert theirs.redirect_chain == missing.redirect_chain
    assert not SlotChoice.objects.exists()


def test_the_players_json_answer_to_another_runners_move_is_the_missing_moves(
    runner_client, draft, deadlift_slot, strangers_move
):
    json = {"Accept": "application/json"}
    theirs = _choose(runner_client, draft, deadlift_slot, strangers_move.pk, **json)
    missing = _choose(runner_client, draft, deadlift_slot, MISSING_ID, **json)

    assert theirs.status_code == missing.status_code == 400
    assert theirs.json() == missing.json()
    assert "Private Bench" not in theirs.content.decode()


def test_the_service_refuses_another_runners_move_without_naming_it(
    runner, deadlift_slot, strangers_move
):
    with pytest.raises(ValidationError) as refused:
        services.slot_choose(user=runner, slot=deadlift_slot, exercise=strangers_move)
    assert refused.value.messages == ["Pick one of the options."]


def test_a_routine_move_outside_the_slot_is_still_named(runner, deadlift_slot, squat):
    """The routine's moves are public: saying which one is not an option tells nothing."""
    with pytest.raises(ValidationError) as refused:
        services.slot_choose(user=runner, slot=deadlift_slot, exercise=squat)
    assert "Squat" in refused.value.messages[0]


def test_a_runners_own_move_outside_the_slot_is_named_to_them(runner, deadlift_slot):
    own = ExerciseFactory(owner=runner, slug="my-bench", name="My Bench")
    with pytest.raises(ValidationError) as refused:
        services.slot_choose(user=runner, slot=deadlift_slot, exercise=own)
    assert "My Bench" in refused.value.messages[0]
    assert Exercise.objects.filter(owner=runner).count() == 1
