import time

from django.core.management import BaseCommand, CommandError, call_command

from apps.accounts.units import KG, UNIT_CHOICES
from apps.training import demo


class Command(BaseCommand):
    help = (
        "Creates demo runners with years of realistic training history (apps/training/demo.py): "
        "2-3 sessions a week with holidays, illnesses and slips, progressing loads, per-side "
        "sets, holds, warm-ups and drafts. Deterministic for a seed. A runner who already exists "
        "keeps the account, gets the password and a fresh history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=float, default=5.0, help="Years of history (5).")
        parser.add_argument("--weeks", type=int, help="Weeks of history, instead of --years.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same history (1).")
        parser.add_argument("--users", type=int, default=1, help="How many runners (1).")
        parser.add_argument("--email", default=demo.DEMO_EMAIL, help="The first runner's email.")
        parser.add_argument("--password", default=demo.DEMO_PASSWORD)
        parser.add_argument(
            "--timezone",
            default=None,
            help="The first runner's timezone; the others take the next of "
            + ", ".join(demo.DEMO_TIMEZONES),
        )
        parser.add_argument(
            "--unit", default=KG, choices=[code for code, _ in UNIT_CHOICES], help="kg or lb."
        )
        parser.add_argument(
            "--open-draft",
            action="store_true",
            help="End each history with a half-done session today, as if mid-workout.",
        )

    def handle(self, *args, **options):
        if options["users"] < 1:
            raise CommandError("--users must be at least 1.")
        weeks = options["weeks"]
        if weeks is None:
            weeks = demo.years_to_weeks(options["years"])
        if weeks < 0:
            raise CommandError("The history cannot be negative.")
        call_command("load_routine", verbosity=0)
        local, _, domain = options["email"].partition("@")
        for index in range(options["users"]):
            email = options["email"] if index == 0 else f"{local}+{index + 1}@{domain}"
            timezone = demo.DEMO_TIMEZONES[index % len(demo.DEMO_TIMEZONES)]
            if index == 0 and options["timezone"]:
                timezone = options["timezone"]
            started = time.perf_counter()
            history = demo.create_demo_user(
                email=email,
                password=options["password"],
                weeks=weeks,
                seed=options["seed"] + index,
                timezone=timezone,
                unit=options["unit"],
                open_draft=options["open_draft"],
            )
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"{email} ({timezone}): {history.sessions} sessions "
                f"({history.drafts} drafts), {history.set_entries} sets over {weeks} weeks, "
                f"in {seconds:.1f} s."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in with email {options['email']} and password {options['password']}"
            )
        )
