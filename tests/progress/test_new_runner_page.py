"""A chart appears once it has something to show (two points or more); until then the progress
page lists the move's facts, and a runner with one session sees a short page that says what
will appear and when."""

import datetime as dt

from django.urls import reverse

from apps.exercises.models import Exercise
from tests.factories import SetEntryFactory, TrainingSessionFactory


def session_with(runner, days_ago: int, *slugs: str):
    session = TrainingSessionFactory(
        user=runner, started_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago, hours=1)
    )
    for slug in slugs:
        exercise = Exercise.objects.get(slug=slug)
        if exercise.measure == Exercise.Measure.SECONDS:
            SetEntryFactory(session=session, exercise=exercise, reps=None, seconds=30)
        else:
            SetEntryFactory(session=session, exercise=exercise, load_kg=20)
    return session


def progress_page(client) -> str:
    response = client.get(reverse("progress:overview"))
    assert response.status_code == 200
    return response.content.decode()


def test_after_one_session_the_page_says_what_will_appear_and_when(routine, runner, runner_client):
    session_with(runner, 0, "squat", "plank")

    body = progress_page(runner_client)

    assert "What appears here, and when" in body
    assert "After a move's second session:" in body
    assert 'data-testid="move-squat"' in body
    assert 'data-testid="move-plank"' in body
    # No chart of single dots, no calendar of one square, no recovery from one session.
    assert "<svg" not in body
    assert "Last 52 weeks" not in body
    assert 'id="recovery-title"' not in body


def test_before_any_session_the_page_says_what_will_appear_too(routine, runner_client):
    body = progress_page(runner_client)

    assert "appear here once you finish a session" in body
    assert "What appears here, and when" in body
    assert "<svg" not in body


def test_a_move_is_charted_from_its_second_session_and_listed_until_then(
    routine, runner, runner_client
):
    session_with(runner, 9, "squat")
    session_with(runner, 2, "squat", "plank")

    body = progress_page(runner_client)

    assert "What appears here, and when" not in body
    assert 'id="chart-squat-title"' in body
    assert 'id="chart-plank-title"' not in body
    waiting = body[body.index('data-testid="moves-waiting"') :]
    assert 'data-testid="move-plank"' in waiting
    assert 'data-testid="move-squat"' not in waiting
    assert "a chart appears once a move has two sessions in the last 12 months" in body
