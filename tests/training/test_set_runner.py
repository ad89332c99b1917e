"""Every set carries its session's runner (SetEntry.user), however it is written: the progress
pages find a runner's best sets by it (apps/progress/selectors.py, moves_with_bests)."""

import importlib
from decimal import Decimal

from django.apps import apps as django_apps
from django.db.models import F

from apps.training import demo, services
from apps.training.models import SetEntry
from tests.factories import SetEntryFactory, TrainingSessionFactory


def sets_of_another_runner_than_their_sessions():
    return SetEntry.objects.exclude(user=F("session__user"))


def test_a_logged_set_belongs_to_its_sessions_runner(routine, runner, squat):
    session, _ = services.session_start(user=runner)
    entry = services.set_log(session=session, exercise=squat, set_number=1, reps=5)
    assert entry.user == runner
    assert not sets_of_another_runner_than_their_sessions().exists()


def test_a_set_made_by_the_factories_belongs_to_its_sessions_runner(runner, squat):
    entry = SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat)
    assert SetEntry.objects.get(pk=entry.pk).user_id == runner.pk


def test_sets_written_in_bulk_belong_to_their_sessions_runner(routine, runner, stranger):
    demo.seed_history(user=runner, weeks=3, seed=1)
    demo.seed_history(user=stranger, weeks=3, seed=2)
    assert SetEntry.objects.filter(user=runner).exists()
    assert not sets_of_another_runner_than_their_sessions().exists()


def test_the_migration_gives_each_set_its_sessions_runner(runner, stranger, squat):
    mine = SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat)
    theirs = SetEntryFactory(session=TrainingSessionFactory(user=stranger), exercise=squat)
    SetEntry.objects.filter(pk=mine.pk).update(user=stranger)
    SetEntry.objects.filter(pk=theirs.pk).update(user=runner)
    migration = importlib.import_module("apps.training.migrations.0004_set_runner")

    migration.copy_every_sets_runner(django_apps, None)

    assert not sets_of_another_runner_than_their_sessions().exists()
    assert SetEntry.objects.get(pk=mine.pk).user_id == runner.pk


def test_a_set_bulk_created_without_a_runner_gets_its_sessions(runner, squat):
    session = TrainingSessionFactory(user=runner)
    SetEntry.objects.bulk_create(
        [SetEntry(session=session, exercise=squat, set_number=1, reps=5, load_kg=Decimal(20))]
    )
    assert SetEntry.objects.get().user_id == runner.pk
