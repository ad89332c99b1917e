from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "apps.exercises"
    label = "exercises"
    verbose_name = "Exercises"

    def ready(self) -> None:
        # Cache invalidation: an admin edit shows at once on every page (caching.py).
        from apps.exercises import signals  # noqa: F401
