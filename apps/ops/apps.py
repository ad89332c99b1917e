from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


class OpsConfig(AppConfig):
    """Running Legwork in production: health, request logs, security headers, backups."""

    name = "apps.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from apps.ops import checks  # noqa: F401  (registers the deploy checks)

        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(sender, using: str, **kwargs) -> None:
    """Every `migrate` also creates the database cache's table when it is missing (settings.py
    uses it without REDIS_URL), so no deployment step can forget it. Does nothing for Redis."""
    call_command("createcachetable", database=using, verbosity=0)
