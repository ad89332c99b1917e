"""send_reminders' claim: each nudge goes once, a failed send is retried on the next run without
doubling, a dead run's claim is taken over, and each batch costs a fixed number of queries."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.reminders.models import Nudge, ReminderSettings
from apps.reminders.nudges import CLAIM_TIMEOUT, send_due_nudges
from tests.reminders.conftest import UTC, make_runner

# Wednesday 6 January 2027, 18:00 in London: the runners' nudge time.
DUE = dt.datetime(2027, 1, 6, 18, tzinfo=UTC)
WEEK = dt.date(2027, 1, 4)
QUARTER = dt.timedelta(minutes=15)


def test_a_failed_send_is_retried_on_the_next_run_and_sent_once(routine, mailoutbox, monkeypatch):
    runner = make_runner()
    real_send = EmailBackend.send_messages
    calls = []

    def fails_the_first_time(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise ConnectionRefusedError("the mail server is down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fails_the_first_time)

    first = send_due_nudges(now=DUE)
    assert (first.sent, first.failed, len(mailoutbox)) == (0, 1, 0)
    nudge = Nudge.objects.get(user=runner)
    assert (nudge.claimed_by, nudge.sent_at) == ("", None)

    second = send_due_nudges(now=DUE + QUARTER)
    third = send_due_nudges(now=DUE + 2 * QUARTER)

    assert (second.sent, third.sent, len(mailoutbox)) == (1, 0, 1)
    assert Nudge.objects.get(user=runner).sent_at == DUE + QUARTER


def test_a_claim_left_by_a_run_that_died_is_taken_over_after_the_timeout(routine, mailoutbox):
    runner = make_runner()
    Nudge.objects.create(
        user=runner, week_start=WEEK, claimed_by="dead-run", claimed_at=DUE - CLAIM_TIMEOUT
    )

    report = send_due_nudges(now=DUE + QUARTER)

    assert report.sent == 1
    assert len(mailoutbox) == 1
    assert Nudge.objects.get(user=runner).sent_at == DUE + QUARTER


def test_a_claim_another_run_holds_is_left_to_it(routine, mailoutbox):
    runner = make_runner()
    Nudge.objects.create(user=runner, week_start=WEEK, claimed_by="other-host", claimed_at=DUE)

    report = send_due_nudges(now=DUE + QUARTER)

    assert (report.sent, report.elsewhere, len(mailoutbox)) == (0, 1, 0)
    assert Nudge.objects.get(user=runner).claimed_by == "other-host"


def test_a_run_started_while_another_is_sending_sends_nothing_twice(
    routine, mailoutbox, monkeypatch
):
    """The race itself, made to happen every time: the second run starts while the first has
    claimed its nudges and is in the middle of sending them."""
    for _ in range(3):
        make_runner()
    real_send = EmailBackend.send_messages
    second_runs = []

    def start_another_run_first(self, messages):
        if not second_runs:
            second_runs.append(send_due_nudges(now=DUE + dt.timedelta(seconds=30)))
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", start_another_run_first)

    first = send_due_nudges(now=DUE)

    assert first.sent == 3
    assert (second_runs[0].sent, second_runs[0].elsewhere) == (0, 3)
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        ReminderSettings.objects.values_list("user__email", flat=True)
    )


def test_changing_the_time_after_the_nudge_went_sends_no_second_one(routine, mailoutbox):
    from apps.reminders.services import reminders_update

    runner = make_runner()
    send_due_nudges(now=DUE)
    reminders_update(user=runner, nudge_time=dt.time(20))

    send_due_nudges(now=DUE + dt.timedelta(hours=2))
    send_due_nudges(now=DUE + dt.timedelta(hours=2, minutes=15))

    assert len(mailoutbox) == 1
    assert ReminderSettings.objects.get(user=runner).next_nudge_at == DUE + dt.timedelta(
        days=7, hours=2
    )


def test_moving_to_another_timezone_plans_the_nudge_in_the_new_one(routine, mailoutbox):
    runner = make_runner("Europe/London")
    send_due_nudges(now=DUE - dt.timedelta(days=1))  # planned for 18:00 London
    runner.timezone = "Pacific/Kiritimati"
    runner.save(update_fields=["timezone"])

    send_due_nudges(now=DUE - dt.timedelta(hours=1))

    # 18:00 on Wednesday in Kiritimati was 04:00 UTC, so Thursday's 04:00 UTC is too late for
    # this week (Thursday there) and next Wednesday's is planned.
    assert mailoutbox == []
    assert ReminderSettings.objects.get(user=runner).next_nudge_at == dt.datetime(
        2027, 1, 13, 4, tzinfo=UTC
    )


@pytest.mark.parametrize("runners", [4, 6])
def test_each_batch_costs_the_same_number_of_queries(routine, mailoutbox, runners):
    for _ in range(runners):
        make_runner()

    with CaptureQueriesContext(connection) as queries:
        report = send_due_nudges(now=DUE, batch_size=2)

    assert (report.batches, report.sent) == (runners // 2, runners)
    # Per batch: the due runners, their recent sessions, the claim's insert, takeover and read,
    # then in one transaction (a savepoint inside the test's) marking sent and planning the next
    # nudge. Then one read finds no more runners.
    per_batch = 9
    assert len(queries) == per_batch * report.batches + 1


def test_a_run_with_nobody_due_costs_one_query(routine, django_assert_num_queries):
    make_runner()
    send_due_nudges(now=DUE)

    with django_assert_num_queries(1):
        send_due_nudges(now=DUE + QUARTER)


def test_the_command_says_what_it_did(routine, mailoutbox, capsys, monkeypatch):
    make_runner(weekday=DUE.weekday(), at=dt.time(0))
    monkeypatch.setattr("apps.reminders.nudges.timezone.now", lambda: DUE)

    call_command("send_reminders")

    assert "checked 1, sent 1, failed 0" in capsys.readouterr().out
    assert len(mail.outbox) == 1
