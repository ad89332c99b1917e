"""Which routine move a name from another app lands on: only the same lift by itself, every
other one as the runner chooses in the preview, remembered for the next import. The counts are
read off tests/portability/samples/hevy_lift_variants.csv by hand: three sessions, eleven sets,
of which Goblet Squat (1) and Deadlift (Dumbbell) (2) are the routine's own lifts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.exercises.models import Exercise
from apps.portability import services
from apps.portability.models import ExerciseMapping, PendingImport
from apps.training.models import SetEntry, TrainingSession
from tests.factories import UserFactory
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")

VARIANTS = "hevy_lift_variants.csv"


def by_key(summary: dict) -> dict[str, dict]:
    return {row["key"]: row for row in summary["exercises"]}


def sets_on(slug: str) -> list[tuple[str, int]]:
    entries = SetEntry.objects.filter(exercise__slug=slug).order_by("session__started_at", "id")
    return [(entry.session.notes.split("\n")[0], entry.set_number) for entry in entries]


def test_only_the_same_lift_lands_on_a_routine_move_by_itself(runner, imported):
    result = imported(runner, sample(VARIANTS))
    assert (result.sessions, result.sets) == (3, 11)
    assert SetEntry.objects.filter(exercise__slug="squat").count() == 1  # Goblet Squat
    assert SetEntry.objects.filter(exercise__slug="deadlift").count() == 2  # Deadlift (Dumbbell)
    assert set(Exercise.objects.filter(owner=runner).values_list("name", flat=True)) == {
        "Squat (Barbell)",
        "Squat (Smith Machine)",
        "Squat (Band)",
        "Bodyweight Squat",
        "Romanian Deadlift (Barbell)",
        "Trap Bar Deadlift",
    }


def test_the_preview_proposes_a_choice_for_every_name_and_names_the_similar_move(runner, preview):
    rows = by_key(preview(runner, sample(VARIANTS)).summary)
    assert {key: row["choice"] for key, row in rows.items()} == {
        "squat barbell": "own",
        "goblet squat": "routine:squat",
        "romanian deadlift barbell": "own",
        "trap bar deadlift": "own",
        "squat smith machine": "own",
        "bodyweight squat": "own",
        "deadlift dumbbell": "routine:deadlift",
        "squat band": "own",
    }
    assert rows["squat smith machine"]["similar"] == "Squat"
    assert rows["trap bar deadlift"]["similar"] == "Deadlift (the hip hinge)"
    assert rows["goblet squat"]["similar"] == ""


def test_the_runners_choices_change_what_the_preview_imports(runner, preview):
    pending = preview(runner, sample(VARIANTS))
    services.import_choose_exercises(
        user=runner,
        pending=pending,
        choices={"squat barbell": "routine:squat", "squat band": "skip"},
    )
    summary = PendingImport.objects.get(pk=pending.pk).summary
    # The band session held only band squats: it is no session now.
    assert (summary["sessions"], summary["sets"]) == (2, 9)
    rows = by_key(summary)
    assert (rows["squat barbell"]["target"], rows["squat barbell"]["remembered"]) == ("Squat", True)
    assert rows["squat band"]["left_out"]
    assert {"where": "2 sets of “Squat (Band)”", "reason": "left out, as you chose"} in summary[
        "skipped"
    ]


def test_the_commit_follows_the_choices_and_numbers_merged_names_together(runner, preview):
    pending = preview(runner, sample(VARIANTS))
    services.import_choose_exercises(
        user=runner,
        pending=pending,
        choices={"squat barbell": "routine:squat", "squat band": "skip"},
    )
    result = services.import_commit(user=runner, pending=PendingImport.objects.get(pk=pending.pk))
    assert (result.sessions, result.sets) == (2, 9)
    assert sets_on("squat") == [("Legs A", 1), ("Legs A", 2), ("Legs A", 3)]
    assert not SetEntry.objects.filter(exercise__name="Squat (Band)").exists()
    assert TrainingSession.objects.filter(user=runner).count() == 2


def test_the_choices_are_remembered_for_the_next_import_from_the_same_app(runner, preview):
    pending = preview(runner, sample(VARIANTS))
    services.import_choose_exercises(
        user=runner,
        pending=pending,
        choices={"squat barbell": "routine:squat", "goblet squat": "own", "squat band": "skip"},
    )
    assert set(
        ExerciseMapping.objects.filter(user=runner).values_list("source", "source_name", "choice")
    ) == {
        ("hevy", "squat barbell", "routine"),
        ("hevy", "goblet squat", "own"),
        ("hevy", "squat band", "skip"),
    }
    later = by_key(preview(runner, sample("hevy_kg.csv")).summary)
    assert (later["squat barbell"]["choice"], later["squat barbell"]["remembered"]) == (
        "routine:squat",
        True,
    )
    again = by_key(preview(runner, sample(VARIANTS)).summary)
    assert (again["goblet squat"]["choice"], again["squat band"]["choice"]) == ("own", "skip")


def test_a_choice_made_for_one_app_or_one_runner_does_not_apply_to_another(runner, preview):
    pending = preview(runner, sample(VARIANTS))
    services.import_choose_exercises(
        user=runner, pending=pending, choices={"squat barbell": "routine:squat"}
    )
    # Strong's "Squat (Barbell)" is Strong's, chosen separately.
    strong = by_key(preview(runner, sample("strong_comma_lb.csv")).summary)
    assert strong["squat barbell"]["choice"] == "own"
    other = UserFactory()
    assert by_key(preview(other, sample("hevy_kg.csv")).summary)["squat barbell"]["choice"] == (
        "own"
    )


@pytest.mark.parametrize(
    "choices",
    [{"not in the file": "own"}, {"squat barbell": "routine:bench-press"}, {"squat barbell": "x"}],
)
def test_a_choice_that_is_not_the_previews_is_refused_and_nothing_is_saved(
    runner, preview, choices
):
    pending = preview(runner, sample(VARIANTS))
    with pytest.raises(ValidationError):
        services.import_choose_exercises(user=runner, pending=pending, choices=choices)
    assert not ExerciseMapping.objects.exists()


# The pages ----------------------------------------------------------------------------------


def field_for(summary: dict, key: str) -> str:
    index = next(i for i, row in enumerate(summary["exercises"]) if row["key"] == key)
    return f"exercise-{index}"


def test_the_preview_page_offers_each_name_a_choice(runner_client, runner, preview):
    pending = preview(runner, sample(VARIANTS))
    page = runner_client.get(reverse("portability:import_preview", args=[pending.pk]))
    html = page.content.decode()
    assert html.count('data-testid="exercise-choice"') == 8
    assert '<option value="routine:squat" selected>Squat</option>' in html
    assert "Like the routine's Squat, not the same lift" in html
    assert reverse("portability:import_choose", args=[pending.pk]) in html


def test_saving_choices_on_the_page_updates_the_preview(runner_client, runner, preview):
    pending = preview(runner, sample(VARIANTS))
    summary = pending.summary
    data = {field_for(summary, row["key"]): row["choice"] for row in summary["exercises"]}
    data[field_for(summary, "squat band")] = "skip"
    response = runner_client.post(reverse("portability:import_choose", args=[pending.pk]), data)
    assert response.url == reverse("portability:import_preview", args=[pending.pk])
    html = runner_client.get(response.url).content.decode()
    assert 'data-testid="preview-sessions">2<' in html
    assert "left out, as you chose" in html


def test_confirming_with_changed_choices_imports_them(runner_client, runner, preview):
    pending = preview(runner, sample(VARIANTS))
    summary = pending.summary
    data = {field_for(summary, row["key"]): row["choice"] for row in summary["exercises"]}
    data[field_for(summary, "squat barbell")] = "routine:squat"
    runner_client.post(reverse("portability:import_confirm", args=[pending.pk]), data)
    assert SetEntry.objects.filter(exercise__slug="squat").count() == 3
    assert ExerciseMapping.objects.get(source_name="squat barbell").exercise.slug == "squat"


def test_a_choice_the_page_does_not_offer_is_shown_beside_it_and_nothing_is_imported(
    runner_client, runner, preview
):
    pending = preview(runner, sample(VARIANTS))
    data = {field_for(pending.summary, "squat barbell"): "routine:bench-press"}
    response = runner_client.post(reverse("portability:import_confirm", args=[pending.pk]), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TrainingSession.objects.exists()
    assert not ExerciseMapping.objects.exists()


def test_another_runner_cannot_choose_for_an_import(client, runner, stranger, preview):
    pending = preview(runner, sample(VARIANTS))
    client.force_login(stranger)
    url = reverse("portability:import_choose", args=[pending.pk])
    assert client.post(url, {"exercise-0": "skip"}).status_code == 404
    assert not ExerciseMapping.objects.exists()


# The API ------------------------------------------------------------------------------------


def test_the_api_takes_the_choices_and_answers_with_the_new_preview(runner_client, runner, preview):
    pending = preview(runner, sample(VARIANTS))
    url = reverse("api-import-exercises", args=[pending.pk])
    response = runner_client.post(
        url, {"choices": {"squat band": "skip"}}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["summary"]["sessions"] == 2
    assert ExerciseMapping.objects.get(user=runner).choice == "skip"


def test_the_api_refuses_a_choice_with_a_field_map(runner_client, runner, preview):
    pending = preview(runner, sample(VARIANTS))
    url = reverse("api-import-exercises", args=[pending.pk])
    response = runner_client.post(
        url, {"choices": {"squat band": "routine:nope"}}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "choices.squat band" in response.json()["errors"]


# What the preview counts ----------------------------------------------------------------------


def test_after_a_reimport_that_adds_nothing_every_name_adds_zero_sets(runner, imported, preview):
    imported(runner, sample("strong_comma_lb.csv"))
    summary = preview(runner, sample("strong_comma_lb.csv")).summary
    assert (summary["sessions"], summary["sets"], summary["already_imported"]) == (0, 0, 3)
    assert summary["exercises"]
    assert {row["sets"] for row in summary["exercises"]} == {0}


def test_an_overlapping_file_counts_only_the_sets_of_its_new_sessions(runner, imported, preview):
    # The first session of the variants file (Legs A) is imported alone first.
    first = sample(VARIANTS).split(b"\n")
    imported(runner, b"\n".join(first[:6]) + b"\n")
    rows = by_key(preview(runner, sample(VARIANTS)).summary)
    assert {key: row["sets"] for key, row in rows.items()} == {
        "squat barbell": 0,
        "goblet squat": 0,
        "romanian deadlift barbell": 0,
        "trap bar deadlift": 0,
        "squat smith machine": 1,
        "bodyweight squat": 1,
        "deadlift dumbbell": 2,
        "squat band": 2,
    }


def test_the_preview_page_shows_zero_sets_to_add_after_a_reimport(runner_client, runner, imported):
    imported(runner, sample("strong_comma_lb.csv"))
    response = runner_client.post(
        reverse("portability:import"),
        {
            "unit": "kg",
            "warmups": "keep",
            "file": SimpleUploadedFile("strong.csv", sample("strong_comma_lb.csv")),
        },
    )
    html = runner_client.get(response.url).content.decode()
    assert 'data-testid="sets-added">0<' in html
    assert 'data-testid="sets-added">4<' not in html  # the squats' count in the file


def test_confirming_the_proposed_choices_remembers_them_without_reading_the_file_again(
    runner, preview, monkeypatch
):
    pending = preview(runner, sample(VARIANTS))
    proposed = {row["key"]: row["choice"] for row in pending.summary["exercises"]}

    def no_second_read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(services, "read_upload", no_second_read)
    services.import_choose_exercises(user=runner, pending=pending, choices=proposed)
    assert ExerciseMapping.objects.filter(user=runner).count() == 8
    summary = PendingImport.objects.get(pk=pending.pk).summary
    assert all(row["remembered"] for row in summary["exercises"])
    assert summary["sessions"] == 3
