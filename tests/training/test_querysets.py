"""The domain's words as QuerySet methods on the training models."""

import datetime as dt

from django.utils import timezone

from apps.exercises.models import Exercise
from apps.training.models import SetEntry, TrainingSession
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


def test_the_last_counted_sets_of_each_move_come_from_its_own_last_counted_session(
    routine, runner, squat, lunge
):
    now = timezone.now()
    older = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=4))
    SetEntryFactory(session=older, exercise=lunge, set_number=1, side="left")
    newer = TrainingSessionFactory(user=runner, started_at=now - dt.timedelta(days=2))
    squat_sets = [SetEntryFactory(session=newer, exercise=squat, set_number=n) for n in (1, 2)]
    draft = TrainingSessionFactory(user=runner, finished_at=None)
    SetEntryFactory(session=draft, exercise=squat, set_number=1)
    plank = Exercise.objects.get(slug="plank")

    last = SetEntry.objects.last_counted_per_move(runner, [squat, lunge, plank], exclude=draft)

    assert last[squat.pk] == squat_sets
    assert [entry.session_id for entry in last[lunge.pk]] == [older.pk]
    assert plank.pk not in last
