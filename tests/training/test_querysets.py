"""The domain's words as QuerySet methods on the training models."""

import datetime as dt

from apps.exercises.models import Exercise
from apps.training.models import TrainingSession
from tests.factories import SetEntryFactory, TrainingSessionFactory


def test_only_finished_sessions_with_a_done_strength_set_are_counted(routine, runner):
    squat = Exercise.objects.get(slug="squat")
    breathing = Exercise.objects.get(slug="balloon-breathing")
    counted = TrainingSessionFactory(user=runner)
    SetEntryFactory(session=counted, exercise=squat, done=True)
    draft = TrainingSessionFactory(user=runner, finished_at=None)
    SetEntryFactory(session=draft, exercise=squat, done=True)
    warm_up_only = TrainingSessionFactory(user=runner)
    SetEntryFactory(session=warm_up_only, exercise=breathing, done=True)
    nothing_done = TrainingSessionFactory(user=runner)
    SetEntryFactory(session=nothing_done, exercise=squat, done=False)
    TrainingSessionFactory(started_at=counted.started_at - dt.timedelta(days=1))  # someone else

    assert list(TrainingSession.objects.of(runner).counted()) == [counted]


def test_drafts_are_the_unfinished_sessions(runner):
    TrainingSessionFactory(user=runner)
    draft = TrainingSessionFactory(user=runner, finished_at=None)

    assert list(TrainingSession.objects.of(runner).drafts()) == [draft]
