"""The weekly nudge: which runners are due, the claim that makes each nudge go out once, and the
email itself. send_reminders runs send_due_nudges() every 15 minutes, on any number of hosts.

Exactly once, whatever the number of hosts: a nudge is claimed by inserting the (runner, week)
row, which the unique constraint lets only one run do (the others skip it), then sent, then
marked sent. A send that fails releases its claim, so the next run retries it; a claim left by
a run that died is taken over after CLAIM_TIMEOUT (only then can a nudge go twice: sent, then
the run died before marking it). Each batch of runners costs the same fixed number of queries,
so 100,000 runners due at once cost 1,000 batches (bench/reminders.py)."""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.reminders import rules, wording
from apps.reminders.models import Nudge, ReminderSettings
from apps.reminders.services import unsubscribe_token
from apps.training.models import TrainingSession

logger = logging.getLogger(__name__)

# Small enough that no statement of a batch passes SQLite's 999 parameters, which would make
# Django split it and the queries per batch vary.
BATCH_SIZE = 100
# A claim older than this, never marked sent, belongs to a run that died: another run takes it.
CLAIM_TIMEOUT = dt.timedelta(hours=1)
# The rest rule reads the sessions of the few days before the week (3 rest days at most).
LOOKBACK = dt.timedelta(days=7)


@dataclass
class RunReport:
    """What one run did, for the command's output and the benchmark."""

    checked: int = 0
    sent: int = 0
    failed: int = 0
    goal_met: int = 0
    paused: int = 0
    elsewhere: int = 0
    batches: int = 0
    failures: list[str] = field(default_factory=list)


def send_due_nudges(
    *, now: dt.datetime | None = None, batch_size: int = BATCH_SIZE, run_id: str | None = None
) -> RunReport:
    """Sends every nudge due at `now` (default: the current time) and plans the next ones."""
    now = now or timezone.now()
    run_id = run_id or uuid.uuid4().hex
    report = RunReport()
    mail_connection = mail.get_connection()
    last_pk = 0
    try:
        while True:
            batch = list(
                ReminderSettings.objects.nudge_candidates(now)
                .filter(pk__gt=last_pk)
                .select_related("user")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return report
            last_pk = batch[-1].pk
            _run_batch(
                batch, now=now, run_id=run_id, mail_connection=mail_connection, report=report
            )
    finally:
        mail_connection.close()


def nudge_message(
    reminder_settings: ReminderSettings, outlook: rules.WeekOutlook, mail_connection=None
):
    """The nudge email, with the one-click unsubscribe headers of RFC 8058: a mail client shows
    an "Unsubscribe" button that POSTs to the link, no sign-in needed."""
    user = reminder_settings.user
    site = settings.LEGWORK_SITE_URL
    unsubscribe_url = site + reverse(
        "reminders:unsubscribe", kwargs={"token": unsubscribe_token(user)}
    )
    context = {
        "user": user,
        "headline": wording.nudge_headline(outlook),
        "reasons": wording.nudge_reasons(outlook),
        "start_url": site + reverse("training:train"),
        "settings_url": site + reverse("reminders:settings"),
        "unsubscribe_url": unsubscribe_url,
    }
    return mail.EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + wording.nudge_subject(outlook),
        body=render_to_string("reminders/nudge_email.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=mail_connection,
    )


def _run_batch(batch, *, now, run_id, mail_connection, report: RunReport) -> None:
    report.batches += 1
    report.checked += len(batch)
    plans = {
        item.pk: rules.plan_nudge(
            now=now,
            zone=item.user.zone,
            weekday=item.nudge_weekday,
            at=item.nudge_time,
            first_weekday=item.user.week_start,
            scheduled=item.next_nudge_at if item.scheduled_zone == item.user.timezone else None,
        )
        for item in batch
    }
    due = [item for item in batch if plans[item.pk].due]
    starts = _recent_starts(due, plans)
    done: set[int] = set()  # settings whose week is dealt with: plan the next nudge
    to_send = []
    for item in due:
        plan = plans[item.pk]
        if item.is_paused_on(plan.day):
            report.paused += 1
            done.add(item.pk)
            continue
        outlook = _outlook(item, plan, starts.get(item.user_id, []))
        if outlook.status.met:
            report.goal_met += 1
            done.add(item.pk)
            continue
        to_send.append((item, outlook))

    ours, already_sent = _claim(to_send, plans, now=now, run_id=run_id)
    sent, failed = [], []
    for item, outlook in to_send:
        if item.user_id in already_sent:
            done.add(item.pk)
            continue
        nudge = ours.get(item.user_id)
        if nudge is None:
            report.elsewhere += 1
            continue
        try:
            nudge_message(item, outlook, mail_connection).send()
        except Exception as error:  # any failure of the mail server: retried next run
            logger.warning("nudge to user %s not sent: %s", item.user_id, error)
            report.failures.append(f"user {item.user_id}: {error}")
            failed.append(nudge.pk)
            continue
        sent.append(nudge.pk)
        done.add(item.pk)
    report.sent += len(sent)
    report.failed += len(failed)
    _record(batch, plans, done, sent=sent, failed=failed, now=now)


def _recent_starts(due, plans) -> dict[int, list[dt.datetime]]:
    """The starts of the due runners' counted sessions from a week before their week on, in one
    query for the batch."""
    if not due:
        return {}
    since = min(
        dt.datetime.combine(plans[item.pk].week_start, dt.time.min, tzinfo=item.user.zone)
        for item in due
    )
    rows = (
        TrainingSession.objects.counted()
        .filter(user_id__in=[item.user_id for item in due], started_at__gte=since - LOOKBACK)
        .values_list("user_id", "started_at")
    )
    starts: dict[int, list[dt.datetime]] = {}
    for user_id, started_at in rows:
        starts.setdefault(user_id, []).append(started_at)
    return starts


def _outlook(item: ReminderSettings, plan: rules.NudgePlan, starts) -> rules.WeekOutlook:
    user = item.user
    return rules.week_outlook(
        starts,
        today=plan.day,
        zone=user.zone,
        first_weekday=user.week_start,
        goal=user.weekly_goal,
        min_rest_days=user.min_rest_days,
        long_run_weekday=user.long_run_weekday,
    )


def _claim(to_send, plans, *, now, run_id) -> tuple[dict[int, Nudge], set[int]]:
    """Claims the week's nudge of each runner in `to_send`: inserts the (runner, week) rows,
    skipping those another run made; takes over released or dead claims; then reads which rows
    are this run's. Returns this run's claims by runner, and the runners already nudged."""
    if not to_send:
        return {}, set()
    weeks = {item.user_id: plans[item.pk].week_start for item, _outlook in to_send}
    Nudge.objects.bulk_create(
        [
            Nudge(user_id=user_id, week_start=week, claimed_by=run_id, claimed_at=now)
            for user_id, week in weeks.items()
        ],
        ignore_conflicts=True,
    )
    rows = Nudge.objects.filter(user_id__in=weeks, week_start__in=set(weeks.values()))
    rows.filter(sent_at__isnull=True).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    ).update(claimed_by=run_id, claimed_at=now)
    ours, already_sent = {}, set()
    for nudge in rows.only("user", "week_start", "claimed_by", "sent_at"):
        if nudge.week_start != weeks[nudge.user_id]:
            continue
        if nudge.sent_at is not None:
            already_sent.add(nudge.user_id)
        elif nudge.claimed_by == run_id:
            ours[nudge.user_id] = nudge
    return ours, already_sent


def _record(batch, plans, done, *, sent, failed, now) -> None:
    """Marks the sent nudges sent, releases the failed ones, and plans each runner's next nudge,
    in one transaction: a nudge is never marked sent without its runner's next one planned."""
    changed = []
    for item in batch:
        plan = plans[item.pk]
        next_at = plan.next_at if item.pk in done else plan.moment
        if item.next_nudge_at != next_at or item.scheduled_zone != item.user.timezone:
            item.next_nudge_at = next_at
            item.scheduled_zone = item.user.timezone
            changed.append(item)
    with transaction.atomic():
        if sent:
            Nudge.objects.filter(pk__in=sent).update(sent_at=now)
        if failed:
            Nudge.objects.filter(pk__in=failed).update(claimed_by="", claimed_at=None)
        if changed:
            _plan_next(changed)


def _plan_next(changed: list[ReminderSettings]) -> None:
    """Writes each runner's next nudge in one statement run for many rows: bulk_update's CASE
    expression cost more than the rest of the batch together (bench/reminders.py)."""
    table = connection.ops.quote_name(ReminderSettings._meta.db_table)
    rows = [
        (connection.ops.adapt_datetimefield_value(item.next_nudge_at), item.scheduled_zone, item.pk)
        for item in changed
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET next_nudge_at = %s, scheduled_zone = %s WHERE id = %s", rows
        )
