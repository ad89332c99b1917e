"""Two send_reminders started at the same moment, as two hosts' cron would, in two processes on
one database (SQLite and PostgreSQL): each runner gets exactly one email."""

import os
import re
import subprocess
import time

import pytest

from bench.live import PYTHON, ROOT, fresh_database, run_django, server_env

RUNNERS = 300

SETUP = f"""
import datetime as dt
from django.utils import timezone
from apps.accounts.models import User
from apps.reminders.models import ReminderSettings
today = timezone.now().astimezone(dt.UTC)
users = User.objects.bulk_create(
    User(email=f"race{{n}}@example.com", timezone="UTC") for n in range({RUNNERS})
)
ReminderSettings.objects.bulk_create(
    ReminderSettings(
        user=user, nudge_enabled=True, nudge_weekday=today.weekday(), nudge_time=dt.time(0)
    )
    for user in users
)
"""

# Both processes wait for the same instant, after Django has started, then run the command.
RUN_AT = """
import time
from django.core.management import call_command
time.sleep(max(0, {start} - time.time()))
call_command("send_reminders", batch_size=7)
"""


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_two_runs_at_once_send_each_email_once(kind):
    with fresh_database(kind, f"legwork_reminders_race_{kind}_{os.getpid()}") as database:
        env = server_env(database)
        run_django(env, SETUP)
        start = time.time() + 6
        processes = [
            subprocess.Popen(
                [
                    PYTHON,
                    "manage.py",
                    "shell",
                    "--no-startup",
                    "--command",
                    RUN_AT.format(start=start),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=300) for process in processes]
        sent_in_db = run_django(
            env,
            "from apps.reminders.models import Nudge; print(Nudge.objects.sent().count())",
        )

    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-3000:]
    recipients = [
        address for out, _err in outputs for address in re.findall(r"^To: (\S+)$", out, re.M)
    ]
    reports = [re.search(r"checked (\d+), sent (\d+)", out) for out, _err in outputs]
    assert len(recipients) == RUNNERS
    assert len(set(recipients)) == RUNNERS
    assert sum(int(report.group(2)) for report in reports) == RUNNERS
    assert all(int(report.group(1)) > 0 for report in reports), "a run found nobody to check"
    assert int(sent_in_db.split()[-1]) == RUNNERS
