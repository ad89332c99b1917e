"""The routine's content is kept in Django's cache as plain data (apps/exercises/caching.py)
and never served stale: a staff edit of a move, a cue, a variation, the routine or a slot shows
at once on every page."""

import dataclasses

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.urls import reverse

from apps.exercises import caching, selectors
from apps.exercises.models import (
    ContentVersion,
    Exercise,
    Routine,
    RoutineSlot,
    SlotOption,
    Variation,
)
from tests.exercises.admin_forms import exercise_change_data


def _routine_page(client) -> str:
    return client.get(reverse("exercises:routine")).text


def _move_page(client, slug="squat") -> str:
    return client.get(reverse("exercises:detail", args=[slug])).text


def test_a_second_visit_reads_only_the_content_version(client, routine, django_assert_num_queries):
    first = _move_page(client)

    with django_assert_num_queries(1):
        second = _move_page(client)

    assert second == first


def test_a_renamed_move_shows_at_once_on_the_routine_and_its_page(client, routine, squat):
    _routine_page(client), _move_page(client)
    squat.name = "Goblet squat"
    squat.save()

    assert "Goblet squat" in _routine_page(client)
    assert "Goblet squat" in _move_page(client)


def test_a_cue_edited_in_the_admin_shows_at_once(staff_client, routine, squat):
    assert "Sit between your heels" not in _move_page(staff_client)
    url = reverse("admin:exercises_exercise_change", args=[squat.pk])
    data = exercise_change_data(staff_client, squat)
    data["cues-0-text"] = "Sit between your heels"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Sit between your heels" in _move_page(staff_client)


def test_a_deleted_cue_goes_at_once(client, routine, squat):
    cue = squat.cues.order_by("order").first()
    assert cue.text in _move_page(client)

    cue.delete()

    assert cue.text not in _move_page(client)


def test_a_new_variation_shows_at_once(client, routine, squat):
    lunge = Exercise.objects.get(slug="lateral-lunge")
    _move_page(client)

    Variation.objects.create(exercise=squat, variant=lunge, order=9, when="On a hotel floor")

    assert "On a hotel floor" in _move_page(client)


def test_a_changed_prescription_shows_at_once(client, routine):
    assert "4 × 5" not in _routine_page(client)
    slot = RoutineSlot.objects.get(options__exercise__slug="squat")
    slot.sets = 4
    slot.save()

    assert "4 × 5" in _routine_page(client)


def test_a_removed_option_goes_at_once_from_the_routine(client, routine):
    assert "Pallof press" in _routine_page(client)

    SlotOption.objects.filter(exercise__slug="pallof-press").delete()

    assert ">Pallof press<" not in _routine_page(client)


def test_a_renamed_routine_shows_at_once(client, routine):
    _routine_page(client)
    renamed = Routine.objects.get(pk=routine.pk)
    renamed.name = "Strong legs, long runs"
    renamed.save()

    assert "Strong legs, long runs" in _routine_page(client)


def test_a_runners_private_move_leaves_the_content_version_alone(routine, runner):
    before = caching.content_version()

    Exercise.objects.create(slug="my-move", name="My move", owner=runner)

    assert caching.content_version() == before


def test_an_edit_rolled_back_leaves_the_content_version_alone(routine, squat):
    before = caching.content_version()

    def rename_then_fail():
        with transaction.atomic():
            squat.name = "Not kept"
            squat.save()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rename_then_fail()

    assert caching.content_version() == before


def test_every_edit_makes_a_new_version(db):
    # A content version another test committed (a live-server test's) is no concern here.
    ContentVersion.objects.all().delete()
    assert caching.content_version() == 0
    versions = set()

    for _ in range(3):
        caching.content_changed()
        versions.add(caching.content_version())

    assert len(versions) == 3
    assert 0 not in versions


def test_nothing_is_held_before_the_content_has_a_version(db):
    # A content version another test committed (a live-server test's) is no concern here.
    ContentVersion.objects.all().delete()
    computed = []

    for _ in range(2):
        caching.cached_content("test", lambda: computed.append(1))

    assert len(computed) == 2


def _model_instances(value) -> list:
    """Every model instance inside a value made of dataclasses, tuples, lists and dicts."""
    if isinstance(value, Model):
        return [value]
    if dataclasses.is_dataclass(value):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    elif not isinstance(value, list | tuple):
        return []
    return [instance for item in value for instance in _model_instances(item)]


def test_the_routine_page_is_cached_as_plain_data(routine):
    selectors.routine_page()

    cached = selectors.routine_page()

    assert cached.slots
    assert not _model_instances(cached)


def test_a_move_page_is_cached_as_plain_data(routine):
    selectors.move_page("deadlift")

    cached = selectors.move_page("deadlift")

    assert cached.offers
    assert not _model_instances(cached)


def test_the_players_routine_is_cached_as_plain_data(routine):
    selectors.routine_for_player()

    cached = selectors.routine_for_player()

    assert cached.slots
    assert not _model_instances(cached)


def test_the_content_is_kept_in_djangos_cache(client, routine, django_assert_num_queries):
    _routine_page(client)
    cache.clear()

    # Computed again: the content version, the slots with their routine, their options.
    with django_assert_num_queries(3):
        _routine_page(client)


def test_each_request_reads_the_players_routine_afresh(routine):
    first = selectors.routine_with_slots()
    first.name = "Changed by one request"
    first.slots.all()[0].title = "Changed too"

    second = selectors.routine_with_slots()

    assert second.name != "Changed by one request"
    assert second.slots.all()[0].title != "Changed too"


def test_the_players_routine_takes_four_queries_whatever_the_content(
    routine, django_assert_num_queries
):
    # The routine, its slots, their options with their exercises, the exercises' cues.
    with django_assert_num_queries(4):
        read = selectors.routine_with_slots()
        [
            cue
            for slot in read.slots.all()
            for o in slot.options.all()
            for cue in o.exercise.cues.all()
        ]


def test_the_players_routine_takes_one_query_once_cached(routine, django_assert_num_queries):
    selectors.routine_for_player()

    # The content version; the routine's slots, their moves and cues from the cache.
    with django_assert_num_queries(1):
        read = selectors.routine_for_player()
        cues = [cue for slot in read.slots for move in slot.options for cue in move.cues]

    assert cues


def test_the_players_routine_says_what_each_slot_offers(routine):
    slots = selectors.routine_for_player().slots

    assert [slot.default.slug for slot in slots] == [
        "balloon-breathing",
        "squat",
        "deadlift",
        "plank",
        "lateral-lunge",
        "deadbug",
    ]
    deadlift = slots[2]
    assert (deadlift.sets, deadlift.reps, deadlift.hold_seconds) == (3, 5, None)
    assert [move.slug for move in deadlift.options] == [
        "deadlift",
        "single-leg-deadlift",
        "kettlebell-swing",
    ]
    lunge = slots[4].default
    assert (lunge.per_side, lunge.sides, lunge.is_loaded) == (True, ("left", "right"), True)
    assert slots[0].default.is_warm_up
    assert slots[3].default.measure == "seconds"


def test_no_request_can_change_the_cached_players_routine_for_another(routine):
    # Plain frozen data: what one request holds cannot be changed under another.
    first = selectors.routine_for_player()
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.slots[0].title = "Changed by one request"
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.slots[0].options[0].name = "Renamed"

    assert selectors.routine_for_player() == first


def test_an_admin_edit_shows_at_once_in_the_players_routine(routine):
    selectors.routine_for_player()
    slot = routine.slots.order_by("order").first()
    slot.title = "Edited by staff"
    slot.save()

    assert selectors.routine_for_player().slots[0].title == "Edited by staff"


def test_the_landing_page_reads_only_the_content_version_once_cached(
    client, routine, django_assert_num_queries
):
    client.get(reverse("home"))

    with django_assert_num_queries(1):
        response = client.get(reverse("home"))

    assert "the 5 moves" in response.text
