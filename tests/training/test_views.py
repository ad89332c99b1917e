import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.units import to_kg
from apps.exercises.models import Exercise, RoutineSlot
from apps.training import services
from apps.training.models import SetEntry, SlotChoice, TrainingSession
from tests.factories import SetEntryFactory, TrainingSessionFactory

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def draft(routine, runner):
    session, _ = services.session_start(user=runner)
    return session


@pytest.fixture
def finished(routine, runner, squat):
    session = TrainingSessionFactory(user=runner, routine=routine, effort=6, notes="Good")
    SetEntryFactory(session=session, exercise=squat, set_number=1, load_kg=Decimal("10"))
    return session


def set_url(session, exercise, number):
    return reverse("training:set_save", args=[session.pk, exercise.pk, number])


def player_page(client, session, move=None) -> str:
    query = {"move": move} if move else {}
    return client.get(reverse("training:player", args=[session.pk]), query).content.decode()


def squat_post(number=1, reps="5", load="10", done="true"):
    prefix = f"m{Exercise.objects.get(slug='squat').pk}-s{number}"
    return {f"{prefix}-value": reps, f"{prefix}-load": load, f"{prefix}-done": done}


# Train and start ---------------------------------------------------------------------------


def test_train_requires_sign_in(client, routine):
    response = client.get(reverse("training:train"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_train_offers_to_start_when_there_is_no_draft(runner_client, routine):
    response = runner_client.get(reverse("training:train"))
    assert response.status_code == 200
    assert "Start today's session" in response.content.decode()


def test_train_resumes_the_draft(runner_client, draft):
    response = runner_client.get(reverse("training:train"))
    assert response.status_code == 302
    assert response["Location"] == reverse("training:player", args=[draft.pk])


def test_train_warns_about_back_to_back_the_day_after_a_session(runner_client, runner, squat):
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(days=1))
    SetEntryFactory(session=session, exercise=squat)
    response = runner_client.get(reverse("training:train"))
    assert b"Back-to-back" in response.content
    assert b"You trained yesterday" in response.content


def test_starting_creates_one_draft_and_opens_the_player(runner_client, runner, routine):
    response = runner_client.post(reverse("training:start"))
    session = TrainingSession.objects.get(user=runner)
    assert response["Location"] == reverse("training:player", args=[session.pk])


def test_starting_twice_resumes_the_same_draft(runner_client, runner, draft):
    runner_client.post(reverse("training:start"))
    assert TrainingSession.objects.filter(user=runner).count() == 1


def test_start_rejects_get(runner_client, routine):
    assert runner_client.get(reverse("training:start")).status_code == 405


# The player --------------------------------------------------------------------------------


def test_the_player_opens_the_warm_up_and_lists_the_moves_after_it(runner_client, draft):
    response = runner_client.get(reverse("training:player", args=[draft.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Balloon breathing") < content.index("Squat")
    assert "3 × 5 breaths" in content
    assert content.count(">0 of 3 sets done</p>") == 5  # the five moves after it, one line each
    assert "<span data-sets-done>0</span> of 3 sets done" in content  # the warm-up, open
    assert '<a href="?move=squat#move-squat">Squat</a>' in content
    assert "Next: Squat" in content
    assert 'src="/static/js/player.js"' in content


def test_a_move_opened_by_its_link_shows_its_prescription_and_suggestion(runner_client, draft):
    content = player_page(runner_client, draft, move="squat")
    assert "3 × 5</span>" in content
    assert "First time: start light with 6 kg" in content
    assert "Next: Deadlift (the hip hinge)" in content


def test_the_warm_up_tick_goes_on_to_the_squat(runner_client, draft):
    response = runner_client.post(reverse("training:warmup", args=[draft.pk]), follow=True)
    assert "First time: start light with 6 kg" in response.content.decode()


def test_taking_the_warm_up_tick_back_reopens_the_warm_up(runner_client, draft):
    services.warmup_mark(session=draft)
    response = runner_client.post(reverse("training:warmup", args=[draft.pk]), {"done": "false"})
    assert response["Location"].endswith("?move=balloon-breathing#warm-up")


def test_the_player_of_a_finished_session_sends_to_its_page(runner_client, finished):
    response = runner_client.get(reverse("training:player", args=[finished.pk]))
    assert response["Location"] == reverse("training:session_detail", args=[finished.pk])


def test_another_runners_player_is_not_found(client, stranger, draft):
    client.force_login(stranger)
    assert client.get(reverse("training:player", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("history_size", [1, 200])
def test_the_player_page_takes_a_fixed_number_of_queries(
    runner_client, runner, draft, history_of, django_assert_num_queries, history_size
):
    history_of(runner, history_size)
    url = reverse("training:player", args=[draft.pk])
    runner_client.get(url, {"move": "squat"})  # the routine's content, cached
    # The session and the runner, the draft, its sets and skips, the content version (the
    # routine itself is cached), the runner's choices, last time's sets of the open move.
    with django_assert_num_queries(8):
        response = runner_client.get(url, {"move": "squat"})
    assert response.status_code == 200
    assert "Every set done at 10 kg last time" in response.content.decode()


# Saving sets -------------------------------------------------------------------------------


def test_ticking_a_set_saves_it_and_comes_back_to_the_move(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 1), squat_post(load="12.5"))
    assert response.status_code == 302
    assert response["Location"].endswith("?move=squat#move-squat")
    entry = SetEntry.objects.get(session=draft)
    assert (entry.reps, entry.load_kg, entry.done) == (5, Decimal("12.5"), True)


def test_a_double_tap_saves_one_set(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    runner_client.post(set_url(draft, squat, 1), squat_post())
    assert SetEntry.objects.filter(session=draft).count() == 1


def test_a_tick_by_fetch_answers_json_with_the_rest_timer(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 1), squat_post(), **JSON)
    body = response.json()
    assert response.status_code == 200
    assert body["done"] is True
    draft.refresh_from_db()
    assert body["rest_ends_at"] == int(draft.rest_ends_at.timestamp() * 1000)


def test_the_rest_timer_end_is_in_the_page_after_a_reload(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    draft.refresh_from_db()
    page = runner_client.get(reverse("training:player", args=[draft.pk])).content.decode()
    assert f'data-rest-ends="{int(draft.rest_ends_at.timestamp() * 1000)}"' in page


def test_a_bad_value_by_fetch_answers_400_with_the_field_errors(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 1), squat_post(reps="500"), **JSON)
    assert response.status_code == 400
    assert "value" in response.json()["errors"]
    assert not SetEntry.objects.exists()


def test_a_bad_value_shows_the_error_beside_the_field_and_keeps_saved_sets(
    runner_client, draft, squat
):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    response = runner_client.post(set_url(draft, squat, 2), squat_post(2, load="9999"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "At most 500 kg" in content
    assert 'value="9999"' in content  # what was typed is still there
    assert SetEntry.objects.filter(session=draft).count() == 1


def test_a_done_set_needs_its_reps(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 1), squat_post(reps=""), **JSON)
    assert response.json()["errors"]["value"][0]["message"] == "Enter the reps you did."


def test_a_per_side_set_saves_a_left_and_a_right_entry(runner_client, draft, lunge):
    prefix = f"m{lunge.pk}-s1"
    runner_client.post(
        set_url(draft, lunge, 1),
        {
            f"{prefix}-left": "5",
            f"{prefix}-right": "4",
            f"{prefix}-load": "4",
            f"{prefix}-done": "true",
        },
    )
    entries = dict(SetEntry.objects.filter(session=draft).values_list("side", "reps"))
    assert entries == {"left": 5, "right": 4}


def test_a_hold_is_saved_in_seconds(runner_client, draft, routine):
    plank = Exercise.objects.get(slug="plank")
    prefix = f"m{plank.pk}-s1"
    runner_client.post(
        set_url(draft, plank, 1), {f"{prefix}-value": "35", f"{prefix}-done": "true"}
    )
    assert SetEntry.objects.get(session=draft).seconds == 35


def test_a_load_typed_in_pounds_reads_back_exactly(runner_client, runner, draft, squat):
    runner.unit = "lb"
    runner.save()
    runner_client.post(set_url(draft, squat, 1), squat_post(load="45"))
    assert SetEntry.objects.get().load_kg == to_kg("45", "lb")
    page = player_page(runner_client, draft, move="squat")
    assert 'value="45"' in page
    assert "Load (lb)" in page


def test_a_load_typed_in_kilograms_reads_back_exactly(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post(load="20"))
    services.session_finish(session=draft)
    page = runner_client.get(reverse("training:session_detail", args=[draft.pk])).content.decode()
    assert "20 kg" in page


def test_sets_cannot_be_posted_to_another_runners_session(client, stranger, draft, squat):
    client.force_login(stranger)
    assert client.post(set_url(draft, squat, 1), squat_post()).status_code == 404
    assert not SetEntry.objects.exists()


def test_sets_cannot_be_posted_to_a_finished_session(runner_client, finished, squat):
    assert runner_client.post(set_url(finished, squat, 2), squat_post(2)).status_code == 404


def test_set_saving_rejects_get(runner_client, draft, squat):
    assert runner_client.get(set_url(draft, squat, 1)).status_code == 405


def test_adding_a_set_shows_a_fourth_row(runner_client, draft, squat):
    response = runner_client.post(reverse("training:set_add", args=[draft.pk, squat.pk]))
    assert response["Location"].endswith("?move=squat#move-squat")
    assert set_url(draft, squat, 4) in player_page(runner_client, draft, move="squat")


def test_skipping_a_move_folds_it_away(runner_client, draft, squat):
    runner_client.post(
        reverse("training:move_skip", args=[draft.pk, squat.pk]), {"skipped": "true"}
    )
    page = player_page(runner_client, draft, move="squat")
    assert "Do it after all" in page
    assert set_url(draft, squat, 1) not in page
    services.warmup_mark(session=draft)
    assert "Next: Plank" in player_page(runner_client, draft)  # the deadlift is open


def test_choosing_the_kettlebell_swing_is_remembered(runner_client, runner, draft):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    response = runner_client.post(
        reverse("training:slot_choose", args=[draft.pk, slot.pk]),
        {"exercise": swing.pk},
        follow=True,
    )
    assert SlotChoice.objects.get(user=runner, slot=slot).exercise == swing
    assert response.redirect_chain[-1][0].endswith("?move=kettlebell-swing#move-kettlebell-swing")
    assert "a light bell" in response.content.decode()


def test_choosing_an_exercise_outside_the_slot_is_refused(runner_client, runner, draft, squat):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    runner_client.post(
        reverse("training:slot_choose", args=[draft.pk, slot.pk]), {"exercise": squat.pk}
    )
    assert not SlotChoice.objects.exists()


def test_the_warm_up_tick_is_saved(runner_client, draft):
    runner_client.post(reverse("training:warmup", args=[draft.pk]), {"done": "true"})
    draft.refresh_from_db()
    assert draft.warmup_done


# The rest timer and the warm-up -------------------------------------------------------------


def rest_url(session):
    return reverse("training:rest", args=[session.pk])


def test_thirty_more_seconds_of_rest_come_back_to_the_move(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    ends = TrainingSession.objects.get(pk=draft.pk).rest_ends_at
    response = runner_client.post(rest_url(draft), {"change": "add", "move": "squat"})
    assert response["Location"] == (
        reverse("training:player", args=[draft.pk]) + "?move=squat#move-squat"
    )
    assert TrainingSession.objects.get(pk=draft.pk).rest_ends_at == ends + dt.timedelta(seconds=30)


def test_skipping_the_rest_by_fetch_answers_json(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    response = runner_client.post(rest_url(draft), {"change": "skip"}, **JSON)
    assert response.json()["rest_ends_at"] is None
    assert TrainingSession.objects.get(pk=draft.pk).rest_ends_at is None


def test_a_stranger_cannot_change_the_rest(client, stranger, draft):
    client.force_login(stranger)
    assert client.post(rest_url(draft), {"change": "skip"}).status_code == 404


def test_changing_the_rest_rejects_get(runner_client, draft):
    assert runner_client.get(rest_url(draft)).status_code == 405


def test_the_open_move_has_the_rest_timer_with_more_time_and_skip(runner_client, draft):
    content = player_page(runner_client, draft, move="squat")
    assert content.count("data-rest-timer") == 1
    assert "+30 s" in content
    assert "Skip<span" in content


def test_a_hold_has_a_countdown_of_its_own(runner_client, draft):
    content = player_page(runner_client, draft, move="plank")
    assert 'data-hold data-hold-seconds="30"' in content


def test_ticking_every_breathing_round_shows_the_warm_up_done_everywhere(runner_client, draft):
    breathing = Exercise.objects.get(slug="balloon-breathing")
    prefix = f"m{breathing.pk}-s"
    for number in (1, 2, 3):
        runner_client.post(
            set_url(draft, breathing, number),
            {f"{prefix}{number}-value": "5", f"{prefix}{number}-done": "true"},
        )
    player = player_page(runner_client, draft)
    finish = runner_client.get(reverse("training:finish", args=[draft.pk])).content.decode()
    assert '<a href="?move=balloon-breathing#warm-up">Warm-up: Balloon breathing</a>' in player
    assert "✓ Done</p>" in player
    assert "Warm-up: done" in finish
    assert TrainingSession.objects.get(pk=draft.pk).rest_ends_at is None


# Finish and abandon ------------------------------------------------------------------------


def test_finishing_saves_effort_and_notes(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    runner_client.post(
        reverse("training:finish", args=[draft.pk]), {"effort": "7", "notes": "Solid"}
    )
    draft.refresh_from_db()
    assert (draft.is_draft, draft.effort, draft.notes) == (False, 7, "Solid")


def test_finishing_lands_on_the_week_with_the_next_day(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    response = runner_client.post(
        reverse("training:finish", args=[draft.pk]), {"effort": "", "notes": ""}, follow=True
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "1 of 2 sessions done" in content
    assert "Next: " in content


def test_finishing_twice_does_nothing_the_second_time(runner_client, draft):
    url = reverse("training:finish", args=[draft.pk])
    runner_client.post(url, {"effort": "7"})
    draft.refresh_from_db()
    response = runner_client.post(url, {"effort": "2", "notes": "changed"})
    assert response.status_code == 302
    again = TrainingSession.objects.get(pk=draft.pk)
    assert (again.finished_at, again.effort, again.notes) == (draft.finished_at, 7, "")


def test_an_effort_out_of_range_is_shown_beside_the_field(runner_client, draft):
    response = runner_client.post(reverse("training:finish", args=[draft.pk]), {"effort": "11"})
    assert response.status_code == 200
    assert b'id="id_effort_errors"' in response.content
    draft.refresh_from_db()
    assert draft.is_draft


def test_abandoning_asks_first_then_deletes_the_draft(runner_client, draft, squat):
    runner_client.post(set_url(draft, squat, 1), squat_post())
    url = reverse("training:abandon", args=[draft.pk])
    assert b"Abandon and delete" in runner_client.get(url).content
    assert TrainingSession.objects.filter(pk=draft.pk).exists()
    runner_client.post(url)
    assert not TrainingSession.objects.filter(pk=draft.pk).exists()


def test_a_stranger_cannot_abandon_a_draft(client, stranger, draft):
    client.force_login(stranger)
    assert client.post(reverse("training:abandon", args=[draft.pk])).status_code == 404
    assert TrainingSession.objects.filter(pk=draft.pk).exists()


# Log a past session ------------------------------------------------------------------------


def test_a_past_session_is_saved_finished_with_the_ticked_sets(runner_client, runner, squat):
    started = timezone.localtime() - dt.timedelta(days=3)
    data = {"started_at": started.strftime("%Y-%m-%dT%H:%M"), "effort": "6", "notes": ""}
    data.update(squat_post(1, load="8"))
    data.update(squat_post(2, load="8"))
    response = runner_client.post(reverse("training:log_past"), data)
    session = TrainingSession.objects.get(user=runner)
    assert response["Location"] == reverse("training:session_detail", args=[session.pk])
    assert not session.is_draft
    assert list(session.sets.values_list("set_number", "load_kg")) == [
        (1, Decimal("8")),
        (2, Decimal("8")),
    ]


def test_a_past_session_more_than_a_day_ahead_is_refused_beside_the_date(runner_client, routine):
    ahead = timezone.localtime() + dt.timedelta(days=2)
    response = runner_client.post(
        reverse("training:log_past"), {"started_at": ahead.strftime("%Y-%m-%dT%H:%M")}
    )
    assert b'id="id_started_at_errors"' in response.content
    assert b"more than a day in the future" in response.content
    assert not TrainingSession.objects.exists()


@pytest.mark.parametrize("typed", ["0001-01-01T00:30", "1900-06-01T08:00"])
def test_a_past_session_before_1970_is_refused_beside_the_date(
    runner_client, runner, routine, typed
):
    # Year 1 in a timezone west of UTC cannot even be converted: a message, never a 500.
    runner.timezone = "America/New_York"
    runner.save(update_fields=["timezone"])
    response = runner_client.post(reverse("training:log_past"), {"started_at": typed})
    assert response.status_code == 200
    assert b'id="id_started_at_errors"' in response.content
    assert not TrainingSession.objects.exists()


def test_the_past_session_form_can_switch_a_choice_slot(runner_client, routine):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    swing = Exercise.objects.get(slug="kettlebell-swing")
    page = runner_client.get(reverse("training:log_past"), {f"slot-{slot.pk}": swing.pk})
    assert b"Kettlebell swing" in page.content
    assert f'name="m{swing.pk}-s1-value"'.encode() in page.content


# History and a session's page --------------------------------------------------------------


def test_history_lists_sessions_with_totals(runner_client, finished):
    content = runner_client.get(reverse("training:history")).content.decode()
    assert reverse("training:session_detail", args=[finished.pk]) in content
    assert "1 of 15" in content
    assert "50 kg" in content  # 5 reps x 10 kg


def test_history_paginates_twenty_sessions_a_page(runner_client, runner, routine, history_of):
    history_of(runner, 25)
    first = runner_client.get(reverse("training:history"))
    second = runner_client.get(reverse("training:history"), {"page": 2})
    assert first.content.decode().count('class="card history-row"') == 20
    assert second.content.decode().count('class="card history-row"') == 5


def test_history_never_shows_another_runners_sessions(client, stranger, finished):
    client.force_login(stranger)
    content = client.get(reverse("training:history")).content.decode()
    assert reverse("training:session_detail", args=[finished.pk]) not in content


@pytest.mark.parametrize("history_size", [1, 200])
def test_the_history_page_takes_a_fixed_number_of_queries(
    runner_client, runner, routine, history_of, django_assert_num_queries, history_size
):
    history_of(runner, history_size)
    # Six, plus the history version: this first visit computes, later ones come from the cache
    # until the history changes (apps/training/caching.py).
    with django_assert_num_queries(7):
        response = runner_client.get(reverse("training:history"))
    assert response.status_code == 200


def test_a_sessions_page_shows_every_set(runner_client, finished, squat):
    SetEntryFactory(session=finished, exercise=squat, set_number=2, reps=4, done=False)
    content = runner_client.get(reverse("training:session_detail", args=[finished.pk])).content
    assert content.decode().count(f"/history/{finished.pk}/sets/") == 2
    assert b"not done" in content


@pytest.mark.parametrize(
    "name", ["session_detail", "session_edit", "session_delete", "finish", "abandon"]
)
def test_another_runners_session_is_not_found(client, stranger, finished, name):
    client.force_login(stranger)
    assert client.get(reverse(f"training:{name}", args=[finished.pk])).status_code == 404


def test_another_runners_set_cannot_be_edited(client, stranger, finished):
    client.force_login(stranger)
    entry = finished.sets.get()
    url = reverse("training:set_edit", args=[finished.pk, entry.pk])
    assert client.post(url, {"value": "1", "done": "on"}).status_code == 404
    entry.refresh_from_db()
    assert entry.reps == 5


def test_editing_a_set_corrects_it(runner_client, finished):
    entry = finished.sets.get()
    url = reverse("training:set_edit", args=[finished.pk, entry.pk])
    response = runner_client.post(url, {"value": "3", "load": "11", "done": "on"})
    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.reps, entry.load_kg) == (3, Decimal("11"))


def test_a_bad_set_edit_keeps_the_saved_values(runner_client, finished):
    entry = finished.sets.get()
    url = reverse("training:set_edit", args=[finished.pk, entry.pk])
    response = runner_client.post(url, {"value": "-1", "load": "11", "done": "on"})
    assert b'id="id_value_errors"' in response.content
    entry.refresh_from_db()
    assert entry.reps == 5


def test_editing_a_session_moves_its_date_and_keeps_its_notes(runner_client, finished):
    new_start = timezone.localtime() - dt.timedelta(days=10)
    runner_client.post(
        reverse("training:session_edit", args=[finished.pk]),
        {"started_at": new_start.strftime("%Y-%m-%dT%H:%M"), "effort": "8", "notes": "Better"},
    )
    finished.refresh_from_db()
    assert finished.started_at.date() == new_start.date()
    assert (finished.effort, finished.notes) == (8, "Better")


def test_deleting_a_session_asks_first(runner_client, finished):
    url = reverse("training:session_delete", args=[finished.pk])
    assert runner_client.get(url).status_code == 200
    assert TrainingSession.objects.filter(pk=finished.pk).exists()
    response = runner_client.post(url)
    assert response["Location"] == reverse("training:history")
    assert not TrainingSession.objects.filter(pk=finished.pk).exists()


def test_homes_button_starts_the_session_in_one_tap(runner_client, routine):
    home = runner_client.get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("training:start")}">' in home
    assert "Start today's session" in home


def test_homes_button_resumes_the_open_session(runner_client, draft):
    home = runner_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("training:player", args=[draft.pk])}">Resume today' in home
    assert reverse("training:start") not in home


def test_on_a_day_already_trained_home_offers_history_and_training_again(
    runner_client, runner, squat
):
    session = TrainingSessionFactory(user=runner, started_at=timezone.now())
    SetEntryFactory(session=session, exercise=squat)
    home = runner_client.get(reverse("home")).content.decode()
    assert "Done for today" in home
    assert f'href="{reverse("training:history")}"' in home
    assert f'href="{reverse("training:train")}">Train again today' in home
    assert "Start today's session" not in home


@pytest.mark.parametrize("history_size", [1, 200])
def test_a_sessions_page_takes_a_fixed_number_of_queries(
    runner_client, runner, routine, history_of, django_assert_num_queries, history_size
):
    session = history_of(runner, history_size)[-1]
    # Six, plus the history version (the first visit computes; later ones are cached).
    with django_assert_num_queries(7):
        response = runner_client.get(reverse("training:session_detail", args=[session.pk]))
    assert response.status_code == 200


def test_a_set_number_out_of_range_is_refused(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 51), squat_post(51), **JSON)
    assert response.status_code == 400
    assert not SetEntry.objects.exists()


def test_a_choice_that_is_not_a_number_is_refused_politely(runner_client, draft):
    slot = RoutineSlot.objects.get(title__startswith="Deadlift")
    response = runner_client.post(
        reverse("training:slot_choose", args=[draft.pk, slot.pk]), {"exercise": "abc"}
    )
    assert response.status_code == 302
    assert not SlotChoice.objects.exists()


def test_a_past_session_with_nothing_ticked_says_so_and_saves_nothing(runner_client, routine):
    started = timezone.localtime() - dt.timedelta(days=1)
    response = runner_client.post(
        reverse("training:log_past"), {"started_at": started.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 200
    assert b"Tick at least one set you did" in response.content
    assert not TrainingSession.objects.exists()


def test_adding_a_set_past_fifty_is_refused_with_a_message(runner_client, draft, squat):
    services.set_log(session=draft, exercise=squat, set_number=50, reps=5)
    response = runner_client.post(
        reverse("training:set_add", args=[draft.pk, squat.pk]), follow=True
    )
    assert response.status_code == 200
    assert b"A move takes at most 50 sets." in response.content
    assert draft.sets.count() == 1


def test_the_players_inputs_carry_the_set_forms_limits_and_labels(runner_client, draft):
    lunge = Exercise.objects.get(slug="lateral-lunge")
    page = player_page(runner_client, draft, move="lateral-lunge")
    prefix = f"m{lunge.pk}-s1"
    assert f'<label class="visually-hidden" for="id_{prefix}-left">Left (reps)</label>' in page
    assert f'<label class="visually-hidden" for="id_{prefix}-load">Load (kg)</label>' in page
    assert f'name="{prefix}-right" value="5" inputmode="numeric" class="set-input" ' in page
    assert 'min="0" max="100"' in page


def test_a_bad_value_is_tied_to_its_input_for_screen_readers(runner_client, draft, squat):
    response = runner_client.post(set_url(draft, squat, 2), squat_post(2, load="9999"))
    content = response.content.decode()
    prefix = f"m{squat.pk}-s2"
    assert (
        f'name="{prefix}-load" value="9999" inputmode="decimal" step="any" class="set-input" '
        f'min="0" aria-invalid="true" aria-describedby="id_{prefix}-load_error" '
        f'id="id_{prefix}-load">'
    ) in content
    assert f'<ul class="errors" id="id_{prefix}-load_error">' in content


def test_a_refused_row_keeps_what_was_typed_and_the_other_rows_their_suggestion(
    runner_client, draft, squat
):
    response = runner_client.post(set_url(draft, squat, 2), squat_post(2, reps="7", load="9999"))
    content = response.content.decode()
    assert f'name="m{squat.pk}-s2-value" value="7"' in content
    assert f'name="m{squat.pk}-s3-value" value="5"' in content
    assert f'name="m{squat.pk}-s3-load" value="6"' in content
