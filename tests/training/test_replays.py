"""Changes queued on a phone offline (static/js/offline.js) are replayed with an idempotency key:
the first request applies a change, a replay gets the same answer and applies nothing."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.exercises.models import Exercise, RoutineSlot
from apps.training import services
from apps.training.models import AppliedChange, SetEntry, SlotChoice, TrainingSession

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner)
    return session


def replay(client, url, data=None, key=None):
    """Posts one queued change the way the offline queue does: JSON, with its key."""
    headers = {**JSON, "HTTP_IDEMPOTENCY_KEY": key or str(uuid.uuid4())}
    return client.post(url, data or {}, **headers)


def squat_row(squat, number=1, reps="5", load="10", done="true"):
    prefix = f"m{squat.pk}-s{number}"
    return {f"{prefix}-value": reps, f"{prefix}-load": load, f"{prefix}-done": done}


def test_an_added_set_replayed_three_times_is_added_once(runner_client, draft, squat):
    url = reverse("training:set_add", args=[draft.pk, squat.pk])
    key = str(uuid.uuid4())

    answers = [replay(runner_client, url, key=key) for _ in range(3)]

    assert [a.json() for a in answers] == [{"saved": True, "set_number": 4}] * 3
    assert SetEntry.objects.filter(session=draft, exercise=squat).count() == 1


def test_two_added_sets_with_two_keys_add_two_sets(runner_client, draft, squat):
    url = reverse("training:set_add", args=[draft.pk, squat.pk])

    numbers = [replay(runner_client, url).json()["set_number"] for _ in range(2)]

    assert numbers == [4, 5]


def test_a_replayed_set_save_answers_as_the_first_time(runner_client, draft, squat):
    url = reverse("training:set_save", args=[draft.pk, squat.pk, 1])
    key = str(uuid.uuid4())

    first = replay(runner_client, url, squat_row(squat), key=key)
    again = replay(runner_client, url, squat_row(squat), key=key)

    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert SetEntry.objects.get(session=draft, exercise=squat).done


def test_a_replay_does_not_undo_a_later_change(runner_client, draft, squat):
    url = reverse("training:set_save", args=[draft.pk, squat.pk, 1])
    tick = str(uuid.uuid4())
    replay(runner_client, url, squat_row(squat, load="10"), key=tick)
    replay(runner_client, url, squat_row(squat, load="12"))

    replay(runner_client, url, squat_row(squat, load="10"), key=tick)

    assert SetEntry.objects.get(session=draft, exercise=squat).load_kg == 12


def test_a_replayed_skip_answers_the_same(runner_client, draft, squat):
    url = reverse("training:move_skip", args=[draft.pk, squat.pk])
    key = str(uuid.uuid4())

    answers = [replay(runner_client, url, {"skipped": "true"}, key=key) for _ in range(2)]

    assert [a.json() for a in answers] == [{"saved": True, "skipped": True}] * 2
    assert list(draft.skipped_exercises.all()) == [squat]


def test_a_replayed_finish_finishes_once(runner_client, draft):
    url = reverse("training:finish", args=[draft.pk])
    key = str(uuid.uuid4())

    first = replay(runner_client, url, {"effort": "7"}, key=key)
    finished_at = TrainingSession.objects.get(pk=draft.pk).finished_at
    again = replay(runner_client, url, {"effort": "7"}, key=key)

    # Finishing lands on the week (home).
    expected = {"saved": True, "finished": True, "url": reverse("home")}
    assert first.json() == again.json() == expected
    assert TrainingSession.objects.get(pk=draft.pk).finished_at == finished_at


def test_a_finish_sent_twice_with_two_keys_keeps_the_first(runner_client, draft):
    url = reverse("training:finish", args=[draft.pk])
    replay(runner_client, url, {"effort": "7"})

    again = replay(runner_client, url, {"effort": "2", "notes": "changed"})

    assert again.json()["finished"]
    session = TrainingSession.objects.get(pk=draft.pk)
    assert (session.effort, session.notes) == (7, "")


def test_a_replayed_slot_choice_answers_with_the_players_url(runner_client, runner, draft):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    url = reverse("training:slot_choose", args=[draft.pk, slot.pk])

    answer = replay(runner_client, url, {"exercise": swing.pk})

    assert answer.json()["url"].endswith("?move=kettlebell-swing#move-kettlebell-swing")
    assert SlotChoice.objects.get(user=runner, slot=slot).exercise == swing


def test_a_change_for_a_deleted_session_gets_a_404_the_queue_recognises(
    runner_client, draft, squat
):
    url = reverse("training:set_save", args=[draft.pk, squat.pk, 1])
    services.session_delete(session=draft)

    answer = replay(runner_client, url, squat_row(squat))

    assert answer.status_code == 404
    assert answer.json()["gone"] is True
    assert not SetEntry.objects.exists()
    assert not AppliedChange.objects.exists()


def test_a_set_for_a_session_finished_elsewhere_is_refused_as_gone(runner_client, draft, squat):
    services.session_finish(session=draft)

    answer = replay(
        runner_client,
        reverse("training:set_save", args=[draft.pk, squat.pk, 1]),
        squat_row(squat),
    )

    assert answer.status_code == 404
    assert answer.json()["gone"] is True


def test_a_refused_change_is_not_remembered(runner_client, draft, squat):
    url = reverse("training:set_save", args=[draft.pk, squat.pk, 1])
    key = str(uuid.uuid4())

    refused = replay(runner_client, url, squat_row(squat, load="9999"), key=key)

    assert refused.status_code == 400
    assert not AppliedChange.objects.exists()


def test_a_malformed_key_is_refused_with_a_400(runner_client, draft, squat):
    url = reverse("training:set_add", args=[draft.pk, squat.pk])

    answer = replay(runner_client, url, key="not a key; drop table")

    assert answer.status_code == 400
    assert "idempotency_key" in answer.json()["errors"]
    assert not SetEntry.objects.exists()


def test_the_same_key_from_another_runner_is_their_own_change(
    client, runner, stranger, draft, squat
):
    key = str(uuid.uuid4())
    client.force_login(runner)
    replay(client, reverse("training:set_add", args=[draft.pk, squat.pk]), key=key)
    theirs, _ = services.session_start(user=stranger)
    client.force_login(stranger)

    answer = replay(client, reverse("training:set_add", args=[theirs.pk, squat.pk]), key=key)

    assert answer.json() == {"saved": True, "set_number": 4}
    assert SetEntry.objects.filter(session=theirs).count() == 1


def test_a_key_in_a_form_field_works_like_the_header(runner_client, draft, squat):
    url = reverse("training:set_add", args=[draft.pk, squat.pk])
    key = str(uuid.uuid4())

    for _ in range(2):
        runner_client.post(url, {"idempotency_key": key}, **JSON)

    assert SetEntry.objects.filter(session=draft).count() == 1


def test_keys_older_than_a_month_are_forgotten(runner_client, runner, draft, squat):
    old = AppliedChange.objects.create(user=runner, key="old-key-123", status=200, response={})
    AppliedChange.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.APPLIED_CHANGES_KEPT - dt.timedelta(days=1)
    )

    replay(runner_client, reverse("training:set_add", args=[draft.pk, squat.pk]))

    assert not AppliedChange.objects.filter(pk=old.pk).exists()
    assert AppliedChange.objects.filter(user=runner).count() == 1


def test_a_replay_racing_the_first_request_applies_nothing_and_gets_its_answer(
    runner_client, runner, draft, squat, monkeypatch
):
    # The first request committed its key while this one was applying the same change: this
    # one's lookup found nothing, so it only learns of the first at the unique key.
    key = str(uuid.uuid4())
    AppliedChange.objects.create(
        user=runner, key=key, status=200, response={"saved": True, "set_number": 4}
    )
    real_applied = AppliedChange.objects.applied
    lookups = []

    def applied_after_a_miss(**kwargs):
        lookups.append(kwargs)
        return AppliedChange.objects.none() if len(lookups) == 1 else real_applied(**kwargs)

    monkeypatch.setattr(AppliedChange.objects, "applied", applied_after_a_miss)

    answer = replay(runner_client, reverse("training:set_add", args=[draft.pk, squat.pk]), key=key)

    assert len(lookups) == 2  # the miss, then the first request's answer after the clash
    assert answer.json() == {"saved": True, "set_number": 4}
    assert not SetEntry.objects.filter(session=draft).exists()
