"""The reminder settings page and the email's one-click unsubscribe."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from apps.reminders.models import ReminderSettings
from apps.reminders.nudges import send_due_nudges
from apps.reminders.services import reminders_update, unsubscribe_token
from tests.reminders.conftest import UTC, make_runner

URL = "/settings/reminders/"


def form(**values):
    data = {"nudge_weekday": "3", "nudge_time": "19:30", "paused_until": ""}
    data.update(values)
    return data


def test_the_settings_page_links_to_the_reminders(runner_client):
    body = runner_client.get(reverse("settings")).content.decode()

    assert f'href="{URL}"' in body


def test_a_runner_turns_on_the_feed_and_the_nudge(runner, runner_client):
    response = runner_client.post(URL, form(feed_enabled="on", nudge_enabled="on"))

    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=runner)
    assert (saved.feed_enabled, saved.nudge_enabled) == (True, True)
    assert (saved.nudge_weekday, saved.nudge_time) == (3, dt.time(19, 30))
    page = runner_client.get(URL).content.decode()
    feed = reverse("reminders:feed", kwargs={"token": saved.feed_token})
    assert f'value="http://testserver{feed}"' in page


def test_the_feed_address_is_shown_only_while_the_feed_is_on(runner, runner_client):
    reminders_update(user=runner, feed_enabled=False)

    assert "feed-url" not in runner_client.get(URL).content.decode()


def test_a_pause_in_the_past_is_refused_beside_the_field_and_nothing_is_saved(
    runner, runner_client
):
    reminders_update(user=runner, nudge_enabled=True)

    response = runner_client.post(URL, form(paused_until="2020-01-01"))

    assert response.status_code == 200
    assert "That day has passed." in response.content.decode()
    assert ReminderSettings.objects.get(user=runner).nudge_enabled is True


def test_a_time_that_is_not_a_time_is_refused(runner_client):
    response = runner_client.post(URL, form(nudge_time="25:99", nudge_weekday="9"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid time." in body
    assert "Select a valid choice." in body


def test_resetting_the_feed_gives_a_new_address(runner, runner_client):
    old = reminders_update(user=runner, feed_enabled=True).feed_token

    response = runner_client.post(reverse("reminders:feed_reset"))

    assert response.status_code == 302
    assert ReminderSettings.objects.get(user=runner).feed_token != old


def test_reset_refuses_get(runner_client):
    assert runner_client.get(reverse("reminders:feed_reset")).status_code == 405


@pytest.fixture
def nudged(routine, mailoutbox):
    runner = make_runner()
    send_due_nudges(now=dt.datetime(2027, 1, 6, 18, tzinfo=UTC))
    [email] = mailoutbox
    return runner, email


def test_the_nudge_carries_the_one_click_unsubscribe_headers(nudged):
    runner, email = nudged
    url = "http://127.0.0.1:8000" + reverse(
        "reminders:unsubscribe", kwargs={"token": unsubscribe_token(runner)}
    )

    assert email.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in email.body


def test_one_click_unsubscribe_works_without_sign_in_or_csrf_token(nudged):
    runner, email = nudged
    url = email.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)

    response = client.post(url, "List-Unsubscribe=One-Click", content_type="text/plain")

    assert response.status_code == 200
    assert ReminderSettings.objects.get(user=runner).nudge_enabled is False


def test_opening_the_unsubscribe_link_only_asks_to_confirm(nudged, client):
    runner, _email = nudged
    url = reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(runner)})

    response = client.get(url)

    assert response.status_code == 200
    assert "Stop the nudges" in response.content.decode()
    assert ReminderSettings.objects.get(user=runner).nudge_enabled is True


def test_the_unsubscribe_link_of_a_deleted_account_answers_404(nudged, client):
    runner, _email = nudged
    url = reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(runner)})
    runner.delete()

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
