import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.exercises.models import Exercise, Routine
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG
from apps.training import services
from apps.training.models import SetEntry, TrainingSession


def make_history(user, count: int, *, load_kg: Decimal = Decimal("10")) -> list[TrainingSession]:
    """`count` finished sessions, three days apart and oldest first, each with three done
    squat sets and three done plank holds: a long history made in a few queries."""
    routine = Routine.objects.get(slug=DEFAULT_ROUTINE_SLUG)
    squat = Exercise.objects.get(slug="squat")
    plank = Exercise.objects.get(slug="plank")
    first = timezone.now() - dt.timedelta(days=3 * count + 1)
    sessions = [
        TrainingSession(
            user=user,
            routine=routine,
            started_at=first + dt.timedelta(days=3 * n),
            finished_at=first + dt.timedelta(days=3 * n, minutes=40),
            warmup_done=True,
            effort=6,
        )
        for n in range(count)
    ]
    sets = [
        SetEntry(session=session, exercise=squat, set_number=n, reps=5, load_kg=load_kg, done=True)
        for session in sessions
        for n in (1, 2, 3)
    ] + [
        SetEntry(session=session, exercise=plank, set_number=n, seconds=30, done=True)
        for session in sessions
        for n in (1, 2, 3)
    ]
    services.sessions_import(user=user, sessions=sessions, sets=sets)
    return sessions


@pytest.fixture
def history_of():
    return make_history
