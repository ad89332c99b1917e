"""Sends the weekly nudges that are due. Safe to run every 15 minutes from cron or a systemd
timer on any number of hosts at once (docs/production.md, "Reminders")."""

from django.core.management.base import BaseCommand

from apps.reminders.nudges import BATCH_SIZE, send_due_nudges


class Command(BaseCommand):
    help = "Send the weekly nudges due now, each at most once per runner per week."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Runners read per batch (default {BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            self.stderr.write("--batch-size must be at least 1.")
            raise SystemExit(2)
        report = send_due_nudges(batch_size=batch_size)
        self.stdout.write(
            f"checked {report.checked}, sent {report.sent}, failed {report.failed} (retried "
            f"next run), goal met {report.goal_met}, paused {report.paused}, taken by another "
            f"run {report.elsewhere}"
        )
        for failure in report.failures[:20]:
            self.stderr.write(f"not sent: {failure}")
