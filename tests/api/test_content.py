import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_the_routines_exercises_in_order(api_client, routine):
    body = api_client.get("/api/v1/exercises/").json()

    slugs = [exercise["slug"] for exercise in body["results"]]
    assert slugs[0] == "balloon-breathing"
    assert "squat" in slugs
    assert body["count"] == len(slugs)


def test_an_exercise_shows_its_cues_variations_and_prescription(api_client, routine):
    body = api_client.get("/api/v1/exercises/deadlift/").json()

    assert body["cues"]
    assert "kettlebell-swing" in [variation["slug"] for variation in body["variations"]]
    assert body["prescriptions"][0]["sets"] == 3
    assert body["prescriptions"][0]["reps"] == 5
    assert body["is_loaded"] is True


def test_the_routine_lists_its_slots_with_prescriptions_and_choices(api_client, routine):
    body = api_client.get("/api/v1/routine/").json()

    assert body["slug"] == "runners-strength"
    assert [slot["order"] for slot in body["slots"]] == sorted(
        slot["order"] for slot in body["slots"]
    )
    choice = [slot for slot in body["slots"] if len(slot["options"]) > 1]
    assert choice
    assert any(option["is_default"] for option in choice[0]["options"])


def test_the_exercise_list_runs_a_fixed_number_of_queries(
    api_client, routine, django_assert_num_queries
):
    # count, exercises, then cues, variations, variant_of and slot options prefetched.
    with django_assert_num_queries(6):
        api_client.get("/api/v1/exercises/")


def test_a_private_imported_exercise_is_not_listed(api_client, routine, runner):
    from tests.factories import ExerciseFactory

    ExerciseFactory(owner=runner, slug="zercher-squat")

    slugs = [
        e["slug"] for e in api_client.get("/api/v1/exercises/?page_size=100").json()["results"]
    ]
    assert "zercher-squat" not in slugs
    assert api_client.get("/api/v1/exercises/zercher-squat/").status_code == 404
