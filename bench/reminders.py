"""`make bench-reminders`: send_reminders over 100,000 generated runners, every one of them due
at once (the worst quarter hour there can be), with the time, the queries of each batch and the
memory it takes.

    .venv/bin/python -m bench.reminders                  # SQLite, 100,000 runners
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/legwork_bench \
        .venv/bin/python -m bench.reminders              # PostgreSQL
    .venv/bin/python -m bench.reminders --runners 20000

It builds a throwaway database (as bench/pages.py does) and generates runners across a dozen
timezones (+14 to -11): half of them with a session this week, a sixth with their week's goal
met, one in twenty paused. Every nudge is rendered and serialised as a MIME message, then
dropped, so the time is Legwork's, not a mail server's. The run is timed, its queries counted
batch by batch, and the process's peak resident memory during it read from /proc (reset after
the seeding); a second run, with nobody due, shows what the other 95 quarter hours of a day
cost.
It exits 1 when a batch costs another number of queries than the first, or when a target is
missed.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

TARGET_SECONDS = 300.0
TARGET_GROWTH_MB = 64.0
ZONES = [
    "Pacific/Kiritimati",
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Pacific/Pago_Pago",
]
NOW = dt.datetime(2027, 3, 24, 12, 0, tzinfo=dt.UTC)


class SerialisingBackend(BaseEmailBackend):
    """Builds each message's bytes, as SMTP would, and drops them."""

    sent = 0

    def send_messages(self, messages):
        for message in messages:
            message.message().as_bytes()
        SerialisingBackend.sent += len(messages)
        return len(messages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runners", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args(argv)
    django.setup()
    from django.conf import settings
    from django.db import connection

    from apps.reminders import nudges

    settings.EMAIL_BACKEND = "bench.reminders.SerialisingBackend"
    batch_size = args.batch_size or nudges.BATCH_SIZE
    _create_database(connection)
    try:
        seeding = time.perf_counter()
        expected_sends = _seed(args.runners)
        seeded = time.perf_counter() - seeding

        rss_before = _reset_peak_rss()
        counter = _BatchQueryCounter()
        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(counter):
            report = nudges.send_due_nudges(now=NOW, batch_size=batch_size)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        peak_rss = _peak_rss()
        per_batch = counter.per_batch()
        assert len(per_batch) == report.batches, (len(per_batch), report.batches)

        quiet_started = time.perf_counter()
        quiet_counter = _BatchQueryCounter()
        with connection.execute_wrapper(quiet_counter):
            quiet = nudges.send_due_nudges(now=NOW + dt.timedelta(minutes=15))
        quiet_elapsed = time.perf_counter() - quiet_started
        vendor = connection.vendor
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)

    growth_mb = (peak_rss - rss_before) / 1024
    print(f"Database: {vendor}; {args.runners} runners, all due; batches of {batch_size}")
    print(f"Seeding: {seeded:.1f} s")
    print(
        f"send_reminders: {elapsed:.1f} s ({cpu:.1f} s CPU), {report.batches} batches, "
        f"sent {report.sent}, goal met {report.goal_met}, paused {report.paused}"
    )
    print(f"Throughput: {report.checked / elapsed:,.0f} runners a second")
    print(f"Queries per batch: {sorted(set(per_batch))} (plus 1 to find the end)")
    print(
        f"Memory: {rss_before / 1024:.0f} MB resident before the run, peak "
        f"{peak_rss / 1024:.0f} MB during it: +{growth_mb:.1f} MB (target < {TARGET_GROWTH_MB})"
    )
    print(
        f"Next quarter hour, nobody due: {quiet_elapsed * 1000:.0f} ms, "
        f"{quiet_counter.total} query, sent {quiet.sent}"
    )
    ok = (
        len(set(per_batch)) == 1
        and report.sent == expected_sends
        and elapsed < TARGET_SECONDS
        and growth_mb < TARGET_GROWTH_MB
        and quiet.sent == 0
    )
    print("OK" if ok else "MISSED a target")
    return 0 if ok else 1


def _seed(count: int) -> int:
    """Runners due at NOW, each at a local time up to three hours earlier the same day; returns
    how many should get a nudge (not paused, goal not met)."""
    from django.contrib.auth.hashers import make_password

    from apps.accounts.models import User
    from apps.reminders.models import ReminderSettings
    from apps.training.calendar import week_start
    from apps.training.models import TrainingSession

    rng = random.Random(17)
    password = make_password(None)
    expected = 0
    for first in range(0, count, 5000):
        users = User.objects.bulk_create(
            User(
                email=f"bench{n}@example.com",
                password=password,
                timezone=rng.choice(ZONES),
            )
            for n in range(first, min(count, first + 5000))
        )
        reminders, sessions = [], []
        for user in users:
            zone = user.zone
            local_now = NOW.astimezone(zone)
            earliest = max(0, local_now.hour * 60 + local_now.minute - 180)
            minutes = rng.randrange(earliest, local_now.hour * 60 + local_now.minute + 1)
            paused = rng.random() < 0.05
            reminders.append(
                ReminderSettings(
                    user=user,
                    nudge_enabled=True,
                    nudge_weekday=local_now.weekday(),
                    nudge_time=dt.time(minutes // 60, minutes % 60),
                    paused_until=local_now.date() if paused else None,
                )
            )
            monday = week_start(local_now.date(), 0)
            done = rng.choice([0, 0, 0, 1, 1, 2])
            for offset in range(done):
                start = dt.datetime.combine(monday, dt.time(7), zone) + dt.timedelta(days=offset)
                sessions.append(
                    TrainingSession(
                        user=user,
                        started_at=start,
                        finished_at=start + dt.timedelta(minutes=40),
                        strength_done=True,
                    )
                )
            expected += not paused and done < 2
        ReminderSettings.objects.bulk_create(reminders)
        TrainingSession.objects.bulk_create(sessions)
    return expected


class _BatchQueryCounter:
    """Counts the queries of each batch (a batch starts with the read of its runners) without
    keeping them: Django's own query log holds only the last 9,000."""

    def __init__(self):
        self.counts: list[int] = []
        self.total = 0

    def __call__(self, execute, sql, params, many, context):
        if 'FROM "reminders_remindersettings"' in sql and "LIMIT" in sql:
            self.counts.append(0)
        if self.counts:
            self.counts[-1] += 1
        self.total += 1
        return execute(sql, params, many, context)

    def per_batch(self) -> list[int]:
        """Every batch's count; the last read, which found nobody left, is not a batch."""
        return self.counts[:-1]


def _reset_peak_rss() -> int:
    """Resets the process's peak resident memory to what it holds now (Linux), so the peak read
    after the run is the run's own, not the seeding's; returns the current resident KB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS")


def _peak_rss() -> int:
    return _status_kb("VmHWM")


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _create_database(connection) -> None:
    """A throwaway database migrated from scratch, dropped at the end (as bench/pages.py)."""
    if connection.vendor == "sqlite":
        path = Path(tempfile.gettempdir()) / f"legwork-bench-reminders-{os.getpid()}.sqlite3"
        connection.settings_dict["TEST"] = {**connection.settings_dict["TEST"], "NAME": str(path)}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


if __name__ == "__main__":
    sys.exit(main())
