"""/api/v1/reminders/: the same settings, rules and errors as the reminders page."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.reminders.models import ReminderSettings

URL = "/api/v1/reminders/"


@pytest.fixture
def api(runner):
    _token, secret = token_create(user=runner, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_new_runner_has_everything_off(api):
    assert api.get(URL).json() == {
        "feed_enabled": False,
        "feed_past_sessions": False,
        "nudge_enabled": False,
        "nudge_weekday": 2,
        "nudge_time": "18:00",
        "paused_until": None,
        "feed_url": None,
    }


def test_a_runner_turns_on_the_nudge_for_thursday_evening_and_the_feed(api, runner):
    response = api.patch(
        URL,
        {"nudge_enabled": True, "nudge_weekday": 3, "nudge_time": "19:45", "feed_enabled": True},
    )

    assert response.status_code == 200
    saved = ReminderSettings.objects.get(user=runner)
    assert (saved.nudge_enabled, saved.nudge_weekday, saved.nudge_time) == (
        True,
        3,
        dt.time(19, 45),
    )
    assert response.json()["feed_url"] == f"http://testserver/reminders/feed/{saved.feed_token}.ics"


def test_a_pause_until_a_date_is_saved(api, runner):
    until = (dt.date.today() + dt.timedelta(days=10)).isoformat()

    response = api.patch(URL, {"paused_until": until})

    assert response.status_code == 200
    assert ReminderSettings.objects.get(user=runner).paused_until.isoformat() == until


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"paused_until": "2001-01-01"}, "paused_until"),
        ({"paused_until": "2999-01-01"}, "paused_until"),
        ({"paused_until": "soon"}, "paused_until"),
        ({"nudge_weekday": 7}, "nudge_weekday"),
        ({"nudge_time": "25:00"}, "nudge_time"),
        ({"nudge_enabled": "yes"}, "nudge_enabled"),
        ({"feed_url": "https://evil.example/"}, None),
        ({"feed_token": "mine"}, "feed_token"),
    ],
)
def test_it_rejects_what_the_reminders_page_rejects(api, runner, change, field):
    api.patch(URL, {"nudge_enabled": True})

    response = api.patch(URL, change)

    if field is None:  # a read-only field sent back is ignored, as everywhere in the API
        assert response.status_code == 200
        return
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"]
    assert ReminderSettings.objects.get(user=runner).nudge_enabled is True


def test_resetting_the_feed_secret_gives_a_new_url(api, runner):
    old = api.patch(URL, {"feed_enabled": True}).json()["feed_url"]

    response = api.post(f"{URL}feed-secret/")

    assert response.status_code == 200
    new = response.json()["feed_url"]
    assert new != old
    assert APIClient().get(old.removeprefix("http://testserver")).status_code == 404
    assert APIClient().get(new.removeprefix("http://testserver")).status_code == 200


def test_reading_the_settings_takes_a_fixed_number_of_queries(api, django_assert_num_queries):
    api.get(URL)

    # The token with its runner, then the reminder settings.
    with django_assert_num_queries(2):
        assert api.get(URL).status_code == 200


def test_an_anonymous_caller_gets_401(runner):
    assert APIClient().get(URL).status_code == 401
