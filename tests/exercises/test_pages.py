import pytest
from django.urls import reverse
from django.utils.html import escape

from apps.exercises.models import Cue, Exercise
from tests.factories import SetEntryFactory

MOVES_IN_ORDER = [
    "Balloon breathing",
    "Squat",
    "Deadlift (the hip hinge)",
    "Plank (push-up position)",
    "Lateral lunge",
    "Deadbug",
]


def _positions(html: str, texts: list[str]) -> list[int]:
    return [html.index(text) for text in texts]


def test_the_routine_page_is_open_to_everyone(client, routine):
    assert client.get(reverse("exercises:routine")).status_code == 200


def test_the_routine_starts_with_the_warm_up_then_the_five_moves_in_order(client, routine):
    html = client.get(reverse("exercises:routine")).text
    positions = _positions(html, [f">{name}</a>" for name in MOVES_IN_ORDER])
    assert positions == sorted(positions)


def test_the_routine_offers_the_articles_alternatives_in_their_slots(client, routine):
    html = client.get(reverse("exercises:routine")).text
    deadlift, swing, plank = _positions(
        html, [">Deadlift (the hip hinge)</a>", ">Kettlebell swing</a>", ">Plank (push-up"]
    )
    assert deadlift < swing < plank
    deadbug, pallof = _positions(html, [">Deadbug</a>", ">Pallof press</a>"])
    assert deadbug < pallof


@pytest.mark.parametrize(
    "rule",
    [
        "Always warm up",
        "3 sets of 5",
        "at least twice a week",
        "Start light",
        "time to recover",
    ],
)
def test_the_routine_states_the_plans_rules(client, routine, rule):
    assert rule in client.get(reverse("exercises:routine")).text


def test_every_strength_slot_prescribes_three_sets_of_five(client, routine):
    html = client.get(reverse("exercises:routine")).text
    assert html.count("3 × 5</span>") == 4
    assert "3 × 30 s hold" in html
    assert "3 × 5 breaths" in html


def test_the_routine_credits_the_article(client, routine):
    html = client.get(reverse("exercises:routine")).text
    assert "Dr. Emily Kiberd" in html
    assert "Urban Wellness Clinic" in html


def test_a_move_shows_why_it_helps_and_how_to_do_it(client, routine):
    squat = Exercise.objects.get(slug="squat")
    html = client.get(reverse("exercises:detail", args=["squat"])).text
    assert "Why it helps a runner" in html
    assert escape(squat.purpose) in html
    cues = [cue.text for cue in squat.cues.order_by("order")]
    positions = _positions(html, [f"<li>{escape(cue)}</li>" for cue in cues])
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("slug", "measure", "sides"),
    [
        ("balloon-breathing", "breaths", "both at once"),
        ("squat", "reps", "both at once"),
        ("plank", "seconds held", "both at once"),
        ("lateral-lunge", "reps", "each side"),
        ("deadbug", "reps", "each side"),
    ],
)
def test_a_move_says_how_it_is_measured_and_whether_per_side(client, routine, slug, measure, sides):
    html = client.get(reverse("exercises:detail", args=[slug])).text
    assert f'<span class="facts__label">Measured in</span> {measure}' in html
    assert f'<span class="facts__label">Sides</span> {sides}' in html


def test_the_deadlift_lists_its_variants_and_when_to_use_them(client, routine):
    html = client.get(reverse("exercises:detail", args=["deadlift"])).text
    assert 'href="/routine/single-leg-deadlift/">Single-leg deadlift</a>' in html
    assert "As a warm-up drill" in html
    assert 'href="/routine/kettlebell-swing/">Kettlebell swing</a>' in html
    assert "In running season" in html


def test_an_alternative_links_back_to_the_move_it_stands_in_for(client, routine):
    html = client.get(reverse("exercises:detail", args=["pallof-press"])).text
    assert 'Stands in for <a href="/routine/deadbug/">Deadbug</a>' in html


def test_an_unknown_move_is_a_styled_404(client, routine):
    response = client.get(reverse("exercises:detail", args=["burpee"]))
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert 'class="site-header"' in response.text


def test_a_runners_private_exercise_has_no_public_page(client, routine, runner):
    Exercise.objects.create(slug="my-move", name="My move", owner=runner)
    assert client.get(reverse("exercises:detail", args=["my-move"])).status_code == 404


def _more_content():
    """Twice the cues on every move: a page's query count must not grow with content."""
    Cue.objects.bulk_create(
        Cue(exercise=exercise, order=50 + index, text=f"Extra cue {index}")
        for exercise in Exercise.objects.all()
        for index in range(3)
    )


@pytest.mark.parametrize("more", [False, True])
def test_the_routine_page_needs_three_queries_then_one_once_cached(
    client, routine, django_assert_num_queries, more
):
    if more:
        _more_content()
    # The content version, the slots with their routine, their options with exercises (the page
    # shows no cues); then the content comes from the cache (apps/exercises/caching.py).
    with django_assert_num_queries(3):
        client.get(reverse("exercises:routine"))
    with django_assert_num_queries(1):
        client.get(reverse("exercises:routine"))


@pytest.mark.parametrize("more", [False, True])
def test_the_routine_page_for_a_runner_with_history_needs_the_same_and_two_more(
    runner_client, runner, routine, django_assert_num_queries, more
):
    if more:
        _more_content()
        SetEntryFactory.create_batch(5, session__user=runner)
    # The same, plus the session and the runner.
    with django_assert_num_queries(5):
        runner_client.get(reverse("exercises:routine"))
    with django_assert_num_queries(3):
        runner_client.get(reverse("exercises:routine"))


@pytest.mark.parametrize("more", [False, True])
def test_a_move_page_needs_a_fixed_number_of_queries(
    client, routine, django_assert_num_queries, more
):
    if more:
        _more_content()
    # The content version, the move, its cues, its slots, and its variations both ways (one
    # query); then the version only.
    with django_assert_num_queries(5):
        client.get(reverse("exercises:detail", args=["deadlift"]))
    with django_assert_num_queries(1):
        client.get(reverse("exercises:detail", args=["deadlift"]))
