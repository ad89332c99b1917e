from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        # Each session's tally of its sets follows every change to them (tallies.py).
        from apps.training import signals  # noqa: F401
