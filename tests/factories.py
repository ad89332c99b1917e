"""Factories for every model, shared by the whole suite (unit, API and browser tests)."""

import datetime as dt

import factory
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.training import services
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

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # Written around the services: bring its derived data in step, as they would.
            services.sessions_changed(user_id=instance.user_id)


class SetEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SetEntry

    session = factory.SubFactory(TrainingSessionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    set_number = factory.Sequence(lambda n: n % 3 + 1)
    reps = 5
    done = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # Written around the services: bring its session's tally and the runner's history
            # version in step, as they would.
            services.sessions_changed(
                user_id=instance.user_id,
                sessions=TrainingSession.objects.filter(pk=instance.session_id),
            )
