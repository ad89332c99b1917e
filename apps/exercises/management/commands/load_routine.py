from django.conf import settings
from django.core.management import BaseCommand, call_command

from apps.exercises.models import Routine
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG

ROUTINE_FIXTURE = settings.BASE_DIR / "fixtures" / "routine.json"


class Command(BaseCommand):
    help = (
        "Loads the routine from fixtures/routine.json once. Safe to run again: it leaves the "
        "content alone (staff may have edited it in the admin) unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite the routine's content with the fixture's (admin edits are lost).",
        )

    def handle(self, *args, reset: bool = False, **options):
        if Routine.objects.filter(slug=DEFAULT_ROUTINE_SLUG).exists() and not reset:
            self.stdout.write("The routine is already loaded; nothing to do (--reset reloads it).")
            return
        call_command("loaddata", str(ROUTINE_FIXTURE), verbosity=0)
        self.stdout.write(self.style.SUCCESS("Loaded the routine from fixtures/routine.json."))
