"""A runner's history made with the factories: counted sessions a few days apart, each with
done sets of the routine's moves (loads in kg), and one unfinished draft."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from apps.exercises.models import Exercise
from tests.factories import SetEntryFactory, TrainingSessionFactory


def make_history(user, *, sessions: int, days_apart: int = 3) -> list:
    squat = Exercise.objects.get(slug="squat", owner__isnull=True)
    plank = Exercise.objects.get(slug="plank", owner__isnull=True)
    lunge = Exercise.objects.get(slug="lateral-lunge", owner__isnull=True)
    now = timezone.now()
    made = []
    for number in range(sessions):
        started = now - dt.timedelta(days=days_apart * (sessions - number), hours=1)
        session = TrainingSessionFactory(user=user, started_at=started, effort=6)
        for set_number in (1, 2, 3):
            SetEntryFactory(
                session=session,
                exercise=squat,
                set_number=set_number,
                load_kg=Decimal("20") + number,
            )
            SetEntryFactory(
                session=session, exercise=plank, set_number=set_number, reps=None, seconds=30
            )
            for side in ("left", "right"):
                SetEntryFactory(session=session, exercise=lunge, set_number=set_number, side=side)
        made.append(session)
    made.append(TrainingSessionFactory(user=user, started_at=now, finished_at=None))
    return made
