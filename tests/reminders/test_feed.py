"""The private calendar feed: parsed back with icalendar, every event complete and in the
runner's timezone (across a daylight-saving change), stable UIDs, a secret that can be reset,
and a fixed number of queries whatever the history."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from apps.reminders.feed import calendar_feed
from apps.reminders.models import ReminderSettings
from apps.reminders.services import feed_secret_reset, reminders_update
from tests.reminders.conftest import counted_on, local

SITE = "https://legwork.example"


@pytest.fixture
def berlin_runner(runner):
    runner.timezone = "Europe/Berlin"
    runner.race_date = dt.date(2027, 4, 10)
    runner.save()
    reminders_update(user=runner, feed_enabled=True, feed_past_sessions=True)
    return runner


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def feed_of(runner, now) -> bytes:
    reminder_settings = ReminderSettings.objects.select_related("user").get(user=runner)
    return calendar_feed(reminder_settings, now=now, site=SITE)


def test_every_event_has_a_uid_a_stamp_and_a_start_in_the_runners_timezone_across_a_dst_change(
    routine, berlin_runner
):
    # Clocks go forward in Berlin on Sunday 28 March 2027.
    counted_on(berlin_runner, local("Europe/Berlin", 2027, 3, 22, 7))
    body = feed_of(berlin_runner, dt.datetime(2027, 3, 24, 12, tzinfo=dt.UTC))

    found = events(body)
    starts = [event.decoded("dtstart") for event in found]
    assert len(found) > 8
    for event, start in zip(found, starts, strict=True):
        assert event.get("uid")
        assert event.decoded("dtstamp").utcoffset() == dt.timedelta(0)
        assert start.tzinfo is not None
        assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    suggested = [e for e in found if str(e["summary"]) == "Strength session"]
    offsets = {e.decoded("dtstart").date(): e.decoded("dtstart").utcoffset() for e in suggested}
    # 18:00 local on both sides of the change: UTC+1 before, UTC+2 after.
    assert all(e.decoded("dtstart").time() == dt.time(18) for e in suggested)
    assert {offset for day, offset in offsets.items() if day < dt.date(2027, 3, 28)} == {
        dt.timedelta(hours=1)
    }
    assert {offset for day, offset in offsets.items() if day > dt.date(2027, 3, 28)} == {
        dt.timedelta(hours=2)
    }
    assert b"BEGIN:VTIMEZONE" in body
    assert b"TZID:Europe/Berlin" in body


def test_the_feed_suggests_the_next_days_with_their_reason_and_a_link_to_start(
    routine, berlin_runner
):
    counted_on(berlin_runner, local("Europe/Berlin", 2027, 3, 22, 7))  # Monday
    body = feed_of(berlin_runner, dt.datetime(2027, 3, 23, 12, tzinfo=dt.UTC))

    suggested = [e for e in events(body) if str(e["summary"]) == "Strength session"]
    days = [e.decoded("dtstart").date() for e in suggested]
    # This week: Monday done, then Wednesday after a rest day; then Monday and Wednesday on.
    assert days[:3] == [dt.date(2027, 3, 24), dt.date(2027, 3, 29), dt.date(2027, 3, 31)]
    assert str(suggested[0]["description"]).startswith("Session 2 of 2 this week.")
    assert str(suggested[0]["url"]) == f"{SITE}/train/"
    assert f"{SITE}/train/" in str(suggested[0]["description"])


def test_the_race_and_its_eve_get_no_session_and_the_race_is_in_the_feed(routine, berlin_runner):
    body = feed_of(berlin_runner, dt.datetime(2027, 4, 5, 12, tzinfo=dt.UTC))

    found = events(body)
    days = {e.decoded("dtstart").date() for e in found if str(e["summary"]) == "Strength session"}
    [race] = [e for e in found if str(e["summary"]) == "Race"]
    assert race.decoded("dtstart") == dt.datetime(2027, 4, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    assert not days & {dt.date(2027, 4, 9), dt.date(2027, 4, 10)}


def test_past_sessions_appear_only_when_asked_for(routine, berlin_runner):
    session = counted_on(berlin_runner, local("Europe/Berlin", 2027, 3, 1, 7))
    now = dt.datetime(2027, 3, 23, 12, tzinfo=dt.UTC)
    uid = f"session-{session.pk}@legwork"

    assert uid in {str(e["uid"]) for e in events(feed_of(berlin_runner, now))}
    reminders_update(user=berlin_runner, feed_past_sessions=False)
    assert uid not in {str(e["uid"]) for e in events(feed_of(berlin_runner, now))}


def test_uids_stay_the_same_from_one_fetch_to_the_next(routine, berlin_runner):
    counted_on(berlin_runner, local("Europe/Berlin", 2027, 3, 22, 7))
    first = events(feed_of(berlin_runner, dt.datetime(2027, 3, 23, 8, tzinfo=dt.UTC)))
    later = events(feed_of(berlin_runner, dt.datetime(2027, 3, 23, 20, tzinfo=dt.UTC)))

    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in later]
    assert len({str(e["uid"]) for e in first}) == len(first)


def test_the_feed_url_answers_in_two_queries_whatever_the_history(
    routine, berlin_runner, client, django_assert_num_queries
):
    for days_ago in range(1, 60):
        counted_on(berlin_runner, dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago))
    url = reverse("reminders:feed", kwargs={"token": berlin_runner.reminder_settings.feed_token})

    with django_assert_num_queries(2):
        response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert len(events(response.content)) > 30


def test_a_reset_secret_makes_the_old_url_answer_404(routine, berlin_runner, client):
    old = reverse("reminders:feed", kwargs={"token": berlin_runner.reminder_settings.feed_token})
    assert client.get(old).status_code == 200

    new_settings = feed_secret_reset(user=berlin_runner)

    assert client.get(old).status_code == 404
    new = reverse("reminders:feed", kwargs={"token": new_settings.feed_token})
    assert client.get(new).status_code == 200


def test_a_deleted_account_or_a_feed_turned_off_answers_404(routine, berlin_runner, client):
    url = reverse("reminders:feed", kwargs={"token": berlin_runner.reminder_settings.feed_token})
    reminders_update(user=berlin_runner, feed_enabled=False)
    assert client.get(url).status_code == 404

    reminders_update(user=berlin_runner, feed_enabled=True)
    assert client.get(url).status_code == 200
    berlin_runner.delete()
    assert client.get(url).status_code == 404
