import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.exercises.models import Exercise
from apps.progress.selectors import move_progress, progress_overview
from tests.factories import SetEntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_a_move_done_before_reads_as_on_the_progress_page(runner, routine):
    squat = Exercise.objects.get(slug="squat", owner__isnull=True)
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(days=2))
    for number in (1, 2, 3):
        SetEntryFactory(session=session, exercise=squat, set_number=number, load_kg=Decimal(20))

    move = move_progress(runner, squat)

    page = next(m for m in progress_overview(runner).moves if m.exercise.pk == squat.pk)
    assert move.best_sets == page.best_sets
    assert move.suggestion == page.suggestion
    # The next dumbbell up on a gym rack (the runner's default equipment).
    assert move.suggestion.load_kg == Decimal("22")


def test_a_move_never_done_has_no_series_and_the_first_time_suggestion(runner, routine):
    squat = Exercise.objects.get(slug="squat", owner__isnull=True)

    move = move_progress(runner, squat)

    assert move.best_sets == []
    assert move.measure == "load"
    assert move.suggestion.reason.startswith("First time")
