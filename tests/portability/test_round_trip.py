"""Legwork's own JSON, property-tested: export, delete, import gives back identical sessions and
sets; importing the same export again adds nothing."""

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.exercises.models import Exercise
from apps.portability import services
from apps.portability.exporting import json_chunks
from apps.training.models import SetEntry, TrainingSession

pytestmark = pytest.mark.usefixtures("routine")

ROUTINE_SLUGS = ["squat", "deadlift", "plank", "lateral-lunge", "balloon-breathing"]
ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "UTC"]
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)
moments = st.datetimes(
    min_value=dt.datetime(2012, 1, 1),
    max_value=dt.datetime(2025, 12, 31),
    timezones=st.just(dt.UTC),
)
loads = st.none() | st.decimals(min_value=0, max_value=500, places=6, allow_nan=False)
small = st.none() | st.integers(min_value=0, max_value=100)

set_values = st.fixed_dictionaries(
    {
        "exercise": st.sampled_from([*ROUTINE_SLUGS, "custom"]),
        "side": st.sampled_from(["", "left", "right"]),
        "reps": small,
        "seconds": st.none() | st.integers(min_value=0, max_value=3600),
        "breaths": small,
        "load_kg": loads,
        "done": st.booleans(),
        "is_warmup_set": st.booleans(),
    }
)
session_values = st.fixed_dictionaries(
    {
        "started_at": moments,
        "length": st.none()
        | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(hours=3)),
        "warmup_done": st.booleans(),
        "effort": st.none() | st.integers(min_value=1, max_value=10),
        "notes": text,
        "source": st.sampled_from([choice.value for choice in TrainingSession.Source]),
        "with_key": st.booleans(),
        "sets": st.lists(set_values, max_size=6),
    }
)
histories = st.lists(session_values, max_size=5, unique_by=lambda item: item["started_at"])
profiles = st.fixed_dictionaries(
    {
        "unit": st.sampled_from(["kg", "lb"]),
        "timezone": st.sampled_from(ZONES),
        "week_start": st.sampled_from([0, 6]),
        "weekly_goal": st.integers(min_value=2, max_value=7),
        "min_rest_days": st.integers(min_value=0, max_value=3),
        "rest_timer_seconds": st.integers(min_value=10, max_value=600),
        "long_run_weekday": st.none() | st.integers(min_value=0, max_value=6),
    }
)


def write_history(user, history) -> None:
    custom = Exercise.objects.create(
        owner=user, slug="wall-sit", name="Wall sit", measure=Exercise.Measure.SECONDS
    )
    for number, item in enumerate(history):
        session = TrainingSession.objects.create(
            user=user,
            started_at=item["started_at"],
            finished_at=item["started_at"] + item["length"] if item["length"] is not None else None,
            warmup_done=item["warmup_done"],
            effort=item["effort"],
            notes=item["notes"],
            source=item["source"],
            import_key=f"test:{number}" if item["with_key"] else "",
        )
        numbers: dict[tuple, int] = {}
        for values in item["sets"]:
            exercise = custom if values["exercise"] == "custom" else None
            exercise = exercise or Exercise.objects.get(owner=None, slug=values["exercise"])
            key = (exercise.pk, values["side"])
            numbers[key] = numbers.get(key, 0) + 1
            fields = {name: value for name, value in values.items() if name != "exercise"}
            SetEntry.objects.create(
                session=session, exercise=exercise, set_number=numbers[key], **fields
            )


def snapshot(user) -> list:
    sessions = TrainingSession.objects.filter(user=user).order_by("started_at")
    return [
        (
            session.started_at,
            session.finished_at,
            session.warmup_done,
            session.effort,
            session.notes,
            session.source,
            session.import_key,
            session.routine_id,
            sorted(
                (
                    entry.exercise.slug,
                    entry.exercise.owner_id,
                    entry.set_number,
                    entry.side,
                    entry.reps,
                    entry.seconds,
                    entry.breaths,
                    entry.load_kg,
                    entry.done,
                    entry.is_warmup_set,
                )
                for entry in session.sets.select_related("exercise")
            ),
        )
        for session in sessions
    ]


@contextlib.contextmanager
def rolled_back():
    """Each generated example starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def reset(user) -> None:
    TrainingSession.objects.filter(user=user).delete()
    Exercise.objects.filter(owner=user).delete()


def import_json(user, content: bytes, **options):
    pending = services.import_preview(
        user=user, content=content, filename="legwork.json", unit="kg", **options
    )
    return services.import_commit(user=user, pending=pending)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories, profile=profiles)
def test_export_delete_import_gives_back_identical_sessions_and_sets(runner, history, profile):
    with rolled_back():
        for name, value in profile.items():
            setattr(runner, name, value)
        runner.save()
        runner.__dict__.pop("zone", None)
        write_history(runner, history)
        before = snapshot(runner)
        exported = "".join(json_chunks(runner)).encode()

        reset(runner)
        import_json(runner, exported)

        assert snapshot(runner) == before


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories)
def test_importing_an_export_into_the_same_account_adds_nothing(runner, history):
    with rolled_back():
        write_history(runner, history)
        before = snapshot(runner)

        result = import_json(runner, "".join(json_chunks(runner)).encode())

        assert result.sessions == 0
        assert snapshot(runner) == before


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile=profiles)
def test_a_restored_profile_has_the_exported_settings(runner, stranger, profile):
    with rolled_back():
        for name, value in profile.items():
            setattr(runner, name, value)
        runner.save()
        exported = "".join(json_chunks(runner)).encode()

        import_json(stranger, exported, restore_profile=True)

        stranger.refresh_from_db()
        assert {name: getattr(stranger, name) for name in profile} == profile


def test_the_round_trip_keeps_a_load_typed_in_pounds_exact(runner):
    reset(runner)
    session = TrainingSession.objects.create(
        user=runner, started_at=dt.datetime(2025, 1, 6, 7, tzinfo=dt.UTC)
    )
    squat = Exercise.objects.get(owner=None, slug="squat")
    SetEntry.objects.create(
        session=session, exercise=squat, set_number=1, load_kg=Decimal("43.091275")
    )
    exported = "".join(json_chunks(runner)).encode()
    reset(runner)
    import_json(runner, exported)
    assert SetEntry.objects.get(session__user=runner).load_kg == Decimal("43.091275")
