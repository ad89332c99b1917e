from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.ops.backup import BackupError, is_empty_database, restore_sqlite


class Command(BaseCommand):
    help = (
        "Restores a backup made by backup_sqlite into the configured SQLite database (or "
        "--target). Stop the app first when replacing a database it is serving."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file to restore.")
        parser.add_argument(
            "--target",
            type=Path,
            help="Which SQLite file to restore into (default: the configured database).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a target that already holds data.",
        )

    def handle(self, *args, backup: Path, target: Path | None, replace: bool, **options):
        if target is None:
            if settings.DATABASE_URL:
                raise CommandError(
                    "DATABASE_URL is set: restore PostgreSQL with pg_restore (docs/production.md)."
                )
            target = Path(settings.SQLITE_PATH)
        if not replace and not is_empty_database(target):
            raise CommandError(
                f"{target} already holds data; pass --replace to overwrite it with the backup."
            )
        try:
            result = restore_sqlite(backup=backup, target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {backup} into {result.path} ({result.size_bytes} bytes).")
