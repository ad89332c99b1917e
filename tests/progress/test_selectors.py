import datetime as dt

from apps.exercises.models import Exercise
from apps.progress.selectors import counted_session_starts
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

    assert counted_session_starts(runner) == [counted.started_at]
