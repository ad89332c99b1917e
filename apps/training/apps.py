from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        # Staff edits of the routine's content, which change what the sessions' tallies and
        # cached pages say (signals.py).
        from apps.training import signals  # noqa: F401
