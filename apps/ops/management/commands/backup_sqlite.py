from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.ops.backup import BackupError, backup_sqlite


class Command(BaseCommand):
    help = (
        "Takes a consistent online backup of the SQLite database (safe while the app is "
        "serving). For PostgreSQL use pg_dump (docs/production.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the backup (default: backups/legwork-<UTC time>.sqlite3).",
        )
        parser.add_argument(
            "--source",
            type=Path,
            help="Which SQLite file to back up (default: the configured database).",
        )

    def handle(self, *args, output: Path | None, source: Path | None, **options):
        if source is None:
            if settings.DATABASE_URL:
                raise CommandError(
                    "DATABASE_URL is set: back up PostgreSQL with pg_dump (docs/production.md)."
                )
            source = Path(settings.SQLITE_PATH)
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "backups" / f"legwork-{stamp}.sqlite3"
        try:
            result = backup_sqlite(source=source, destination=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up {source} to {result.path} ({result.size_bytes} bytes).")
