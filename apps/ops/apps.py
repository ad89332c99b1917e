from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Legwork in production: health, request logs, security headers, backups."""

    name = "apps.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from apps.ops import checks  # noqa: F401  (registers the deploy checks)
