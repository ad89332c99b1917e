"""Factories for every model, shared by the whole suite (unit, API and browser tests)."""

import datetime as dt

import factory
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.training.models import SetEntry, TrainingSession

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"runner{n}@example.com")
    name = factory.Faker("first_name")
    password = factory.django.Password(DEFAULT_PASSWORD)
    timezone = "Europe/London"


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    slug = factory.Sequence(lambda n: f"exercise-{n}")
    name = factory.Sequence(lambda n: f"Exercise {n}")
    purpose = "Helps a runner."


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    user = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    finished_at = factory.LazyAttribute(
        lambda session: session.started_at + dt.timedelta(minutes=40)
    )
    warmup_done = True


class SetEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetEntry

    session = factory.SubFactory(TrainingSessionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    set_number = factory.Sequence(lambda n: n % 3 + 1)
    reps = 5
    done = True


def training_history(
    user,
    *,
    exercises,
    weeks: int,
    end: dt.date,
    seed: int = 0,
    sets_per_move: int = 3,
) -> list[TrainingSession]:
    """A runner's realistic history, bulk-created: for each of `weeks` weeks up to `end` (the
    runner's local date), one to three finished sessions on different days at morning, evening
    or late-night local times, each with `sets_per_move` done sets of every given exercise
    (left and right for per-side moves), loads creeping up over the months. Deterministic for a
    given seed. Returns the sessions, oldest first."""
    import random
    from decimal import Decimal

    rng = random.Random(seed)
    zone = user.zone
    first_day = end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    sessions = []
    for week in range(weeks):
        week_days = [first_day + dt.timedelta(days=7 * week + offset) for offset in range(7)]
        week_days = [day for day in week_days if day <= end]
        count = min(len(week_days), rng.choice([1, 2, 2, 2, 3]))
        for day in sorted(rng.sample(week_days, count)):
            hour, minute = rng.choice([(6, 45), (12, 15), (18, 30), (23, 30)])
            start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)
            sessions.append(
                TrainingSession(
                    user=user,
                    started_at=start,
                    finished_at=start + dt.timedelta(minutes=25),
                    warmup_done=True,
                )
            )
    TrainingSession.objects.bulk_create(sessions)
    if not sessions[0].pk:  # backends without RETURNING: read the ids back
        sessions = list(TrainingSession.objects.filter(user=user).order_by("started_at", "id"))
    entries = []
    for index, session in enumerate(sessions):
        months = index // 8
        for exercise in exercises:
            sides = ["left", "right"] if exercise.per_side else [""]
            for set_number in range(1, sets_per_move + 1):
                for side in sides:
                    entries.append(
                        SetEntry(
                            session=session,
                            exercise=exercise,
                            set_number=set_number,
                            side=side,
                            reps=None if exercise.measure == "seconds" else 5 + months % 3,
                            seconds=30 + months if exercise.measure == "seconds" else None,
                            load_kg=Decimal(8 + 2.5 * min(months, 24))
                            if exercise.is_loaded
                            else None,
                            done=True,
                        )
                    )
    SetEntry.objects.bulk_create(entries, batch_size=2000)
    return sessions
