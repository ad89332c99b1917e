from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "apps.progress"
    label = "progress"
    verbose_name = "Progress"

    def ready(self) -> None:
        # Cache invalidation: a logged set shows at once on every page (caching.py).
        from apps.progress import signals  # noqa: F401
