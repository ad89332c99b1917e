"""The weekly nudge, run every 15 minutes with a frozen clock: one email per runner per week, at
the runner's own local hour, wherever they are, across daylight-saving changes."""

import datetime as dt

import pytest

from apps.reminders.models import Nudge
from apps.reminders.nudges import send_due_nudges
from tests.reminders.conftest import UTC, counted_on, local, make_runner


def sent_times(mailoutbox, quarter_hours, start, end):
    """Runs the command at every quarter hour from start to end; the moments an email went."""
    times = []
    for moment in quarter_hours(start, end):
        before = len(mailoutbox)
        send_due_nudges(now=moment)
        times += [moment] * (len(mailoutbox) - before)
    return times


@pytest.mark.parametrize(
    ("zone", "expected_utc"),
    [
        # +14: Wednesday 18:00 there is Wednesday 04:00 UTC.
        ("Pacific/Kiritimati", [dt.datetime(2027, 1, 6, 4, tzinfo=UTC)]),
        # -11: Wednesday 18:00 there is Thursday 05:00 UTC.
        ("Pacific/Pago_Pago", [dt.datetime(2027, 1, 7, 5, tzinfo=UTC)]),
        ("Europe/London", [dt.datetime(2027, 1, 6, 18, tzinfo=UTC)]),
    ],
)
def test_one_nudge_a_week_at_the_runners_local_hour(
    routine, mailoutbox, quarter_hours, zone, expected_utc
):
    make_runner(zone, weekday=2, at=dt.time(18))

    times = sent_times(
        mailoutbox,
        quarter_hours,
        dt.datetime(2027, 1, 3, 12, tzinfo=UTC),
        dt.datetime(2027, 1, 10, 12, tzinfo=UTC),
    )

    assert times == expected_utc
    assert Nudge.objects.sent().count() == 1


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Spring forward on Sunday 28 March 2027: 09:00 is 08:00 UTC before, 07:00 UTC after.
        (
            dt.datetime(2027, 3, 20, tzinfo=UTC),
            dt.datetime(2027, 3, 29, tzinfo=UTC),
            [dt.datetime(2027, 3, 21, 8, tzinfo=UTC), dt.datetime(2027, 3, 28, 7, tzinfo=UTC)],
        ),
        # Fall back on Sunday 31 October 2027: 07:00 UTC before, 08:00 UTC after.
        (
            dt.datetime(2027, 10, 23, tzinfo=UTC),
            dt.datetime(2027, 11, 1, tzinfo=UTC),
            [dt.datetime(2027, 10, 24, 7, tzinfo=UTC), dt.datetime(2027, 10, 31, 8, tzinfo=UTC)],
        ),
    ],
)
def test_the_nudge_keeps_its_local_hour_across_daylight_saving_changes(
    routine, mailoutbox, quarter_hours, start, end, expected
):
    make_runner("Europe/Berlin", weekday=6, at=dt.time(9))

    assert sent_times(mailoutbox, quarter_hours, start, end) == expected
    assert Nudge.objects.sent().count() == 2


def test_a_time_the_clocks_skip_nudges_an_hour_later_once(routine, mailoutbox, quarter_hours):
    # 02:30 does not exist in Berlin on 28 March 2027: clocks go from 02:00 to 03:00 (01:00 UTC).
    make_runner("Europe/Berlin", weekday=6, at=dt.time(2, 30))

    times = sent_times(
        mailoutbox,
        quarter_hours,
        dt.datetime(2027, 3, 27, tzinfo=UTC),
        dt.datetime(2027, 3, 29, tzinfo=UTC),
    )

    assert times == [dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)]


def test_no_nudge_when_the_weeks_goal_is_met(routine, mailoutbox, quarter_hours):
    runner = make_runner("Pacific/Kiritimati", weekday=2, at=dt.time(18))
    counted_on(runner, local("Pacific/Kiritimati", 2027, 1, 4, 7))  # Monday
    counted_on(runner, local("Pacific/Kiritimati", 2027, 1, 6, 7))  # Wednesday morning

    times = sent_times(
        mailoutbox,
        quarter_hours,
        dt.datetime(2027, 1, 3, 12, tzinfo=UTC),
        dt.datetime(2027, 1, 10, 12, tzinfo=UTC),
    )

    assert times == []
    assert not Nudge.objects.exists()


def test_no_nudge_while_paused_and_one_the_week_after(routine, mailoutbox, quarter_hours):
    make_runner("Pacific/Pago_Pago", weekday=2, at=dt.time(18), paused_until=dt.date(2027, 1, 6))

    times = sent_times(
        mailoutbox,
        quarter_hours,
        dt.datetime(2027, 1, 3, 12, tzinfo=UTC),
        dt.datetime(2027, 1, 17, 12, tzinfo=UTC),
    )

    assert times == [dt.datetime(2027, 1, 14, 5, tzinfo=UTC)]


def test_the_nudge_says_the_count_the_days_left_and_the_day_that_suits(routine, mailoutbox):
    runner = make_runner("Europe/London", weekday=2, at=dt.time(18))
    counted_on(runner, local("Europe/London", 2027, 1, 5, 7))  # Tuesday

    send_due_nudges(now=dt.datetime(2027, 1, 6, 18, tzinfo=UTC))

    [email] = mailoutbox
    assert email.to == [runner.email]
    assert email.subject == "[Legwork] 1 of 2 strength sessions this week"
    assert "1 of 2 done, 5 days left; Tomorrow (Thursday) suits." in email.body
    assert "Today is a rest day after yesterday's session." in email.body
    assert "http://127.0.0.1:8000/train/" in email.body


def test_the_nudge_greets_by_the_display_name_or_without_one(routine, mailoutbox):
    named = make_runner("Europe/London", weekday=2, at=dt.time(18))
    named.name = "Sam"
    named.save(update_fields=["name"])
    unnamed = make_runner("Europe/London", weekday=2, at=dt.time(18))
    unnamed.name = ""
    unnamed.save(update_fields=["name"])

    send_due_nudges(now=dt.datetime(2027, 1, 6, 18, tzinfo=UTC))

    first_lines = {email.to[0]: email.body.splitlines()[0] for email in mailoutbox}
    assert first_lines == {named.email: "Hello Sam,", unnamed.email: "Hello,"}
