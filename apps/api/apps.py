from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "apps.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Registers the token scheme with drf-spectacular before any schema is generated, and
        # the receivers that revoke a runner's tokens when their password changes.
        from apps.api import authentication, signals  # noqa: F401
