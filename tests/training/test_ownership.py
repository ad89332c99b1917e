"""One way in to each of a runner's objects (apps/training/ownership.py): their own id finds
it, a stranger's id is a 404 on the pages and in the API (the API's JSON error)."""

import pytest
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.training import ownership, services
from tests.factories import ExerciseFactory, SetEntryFactory, TrainingSessionFactory


@pytest.fixture
def their_session(stranger, squat):
    return SetEntryFactory(session__user=stranger, exercise=squat).session


@pytest.fixture
def their_draft(stranger, routine):
    return services.session_start(user=stranger)[0]


@pytest.fixture
def their_move(stranger):
    return ExerciseFactory(slug="their-move", owner=stranger)


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='t')[1]}")
    return client


def test_a_runner_finds_their_own_session(runner):
    session = TrainingSessionFactory(user=runner)

    assert ownership.session_owned_or_404(runner, session.pk) == session


def test_a_strangers_session_is_not_found(runner, their_session):
    with pytest.raises(Http404):
        ownership.session_owned_or_404(runner, their_session.pk)


def test_a_strangers_draft_is_not_found(runner, their_draft):
    with pytest.raises(Http404):
        ownership.draft_owned_or_404(runner, their_draft.pk)


def test_a_finished_session_is_no_draft(runner):
    finished = TrainingSessionFactory(user=runner)

    with pytest.raises(Http404):
        ownership.draft_owned_or_404(runner, finished.pk)


def test_a_strangers_set_is_not_found(runner, their_session):
    with pytest.raises(Http404):
        ownership.set_owned_or_404(runner, their_session.sets.get().pk)


def test_a_set_of_another_session_is_not_found_through_this_one(runner, squat):
    entry = SetEntryFactory(session__user=runner, exercise=squat)
    other = TrainingSessionFactory(user=runner)

    with pytest.raises(Http404):
        ownership.set_owned_or_404(runner, entry.pk, session=other)


def test_a_routine_move_and_the_runners_own_are_visible(runner, squat):
    mine = ExerciseFactory(owner=runner)

    assert ownership.exercise_visible_or_404(runner, squat.pk) == squat
    assert ownership.exercise_visible_or_404(runner, mine.pk) == mine


def test_a_strangers_private_move_is_not_found(runner, their_move):
    with pytest.raises(Http404):
        ownership.exercise_visible_or_404(runner, their_move.pk)


def test_the_routines_move_comes_before_a_private_one_of_the_same_slug(runner, squat):
    ExerciseFactory(slug="squat", owner=runner)

    assert ownership.exercise_visible_by_slug(runner, "squat") == squat


@pytest.mark.parametrize("name", ["session_detail", "session_edit", "session_delete"])
def test_a_strangers_session_is_a_404_on_its_pages(runner_client, their_session, name):
    url = reverse(f"training:{name}", args=[their_session.pk])

    assert runner_client.get(url).status_code == 404


def test_a_strangers_set_is_a_404_on_its_edit_page(runner_client, their_session):
    url = reverse("training:set_edit", args=[their_session.pk, their_session.sets.get().pk])

    assert runner_client.get(url).status_code == 404


def test_a_strangers_draft_is_a_404_in_the_player(runner_client, their_draft, squat):
    assert runner_client.get(reverse("training:player", args=[their_draft.pk])).status_code == 404
    url = reverse("training:set_add", args=[their_draft.pk, squat.pk])
    assert runner_client.post(url).status_code == 404
    assert not their_draft.sets.exists()


def test_a_strangers_private_move_is_a_404_in_the_player(runner, runner_client, their_move):
    draft, _ = services.session_start(user=runner)

    response = runner_client.post(reverse("training:set_add", args=[draft.pk, their_move.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "detail"),
    [("/api/v1/sessions/{session}/", "No such session."), ("/api/v1/sets/{set}/", "No such set.")],
    ids=["session", "set"],
)
def test_a_strangers_id_is_a_json_404_in_the_api(runner, their_session, path, detail):
    url = path.format(session=their_session.pk, set=their_session.sets.get().pk)

    response = _api(runner).get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": detail, "code": "not_found", "errors": {}}


def test_a_strangers_private_move_is_a_json_404_in_the_api(runner, their_move):
    response = _api(runner).get(f"/api/v1/progress/moves/{their_move.slug}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_strangers_private_move_cannot_be_logged_through_the_api(runner, routine, their_move):
    draft, _ = services.session_start(user=runner)
    body = {"session": draft.pk, "exercise": their_move.slug, "set_number": 1, "reps": 5}

    response = _api(runner).post("/api/v1/sets/", body, format="json")

    assert response.status_code == 400
    assert "exercise" in response.json()["errors"]


@pytest.mark.parametrize("slug", ["squat\x00", "x" * 500, "squat; drop", ""])
def test_text_that_is_no_slug_finds_no_move(routine, runner, slug):
    assert ownership.exercise_visible_by_slug(runner, slug) is None


def test_a_routine_move_is_found_by_its_slug(routine, runner):
    assert ownership.exercise_visible_by_slug(runner, "squat").slug == "squat"
