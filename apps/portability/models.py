from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from apps.accounts.models import validate_timezone_name
from apps.accounts.units import UNIT_CHOICES


class PendingImport(models.Model):
    """An uploaded file between its preview and the runner's confirmation. The file itself is
    kept (bounded by reading.MAX_IMPORT_BYTES) and read again on commit, so what is written is
    exactly what the same code previewed; the summary is what the preview page shows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    unit = models.CharField(
        "weights in the file are in", max_length=2, choices=UNIT_CHOICES, default="kg"
    )
    keep_warmups = models.BooleanField(default=True)
    restore_profile = models.BooleanField(default=False)
    # The apps write wall-clock times without an offset: they are read in this timezone, the
    # runner's own unless they chose another in the preview (empty: the runner's).
    timezone = models.CharField(
        "times in the file are read in",
        max_length=64,
        blank=True,
        validators=[validate_timezone_name],
    )
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    # The commit goes in steps (services.import_commit): how many of the file's sessions, in
    # the order read, are handled so far, and what the steps wrote. A step that dies (a killed
    # worker) rolls back its last batch only; the next step resumes here.
    sessions_in_file = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    sessions_written = models.PositiveIntegerField(default=0)
    sets_written = models.PositiveIntegerField(default=0)
    exercises_created = models.PositiveIntegerField(default=0)
    already_imported = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.user_id}: {self.filename}"

    def zone(self, user) -> ZoneInfo:
        """Where the file's wall-clock times are read: the chosen timezone, else the runner's."""
        return ZoneInfo(self.timezone) if self.timezone else user.zone

    @property
    def started(self) -> bool:
        return self.position > 0

    @property
    def percent_done(self) -> int:
        if not self.sessions_in_file:
            return 0
        return self.position * 100 // self.sessions_in_file


class ExerciseMapping(models.Model):
    """What an exercise name from another app becomes for one runner, as they chose in an
    import's preview; the next import from that app follows it instead of the automatic match
    (docs/data.md, "Exercise names")."""

    class Choice(models.TextChoices):
        ROUTINE = "routine", "A routine move"
        OWN = "own", "Their own exercise"
        SKIP = "skip", "Left out"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exercise_mappings"
    )
    source = models.CharField(max_length=20)
    # The name as matching.custom_name_key reads it: case and punctuation aside.
    source_name = models.CharField(max_length=255)
    choice = models.CharField(max_length=10, choices=Choice.choices)
    # The routine move, when choice is ROUTINE; removing the move removes the choice with it.
    exercise = models.ForeignKey(
        "exercises.Exercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source", "source_name"], name="one_mapping_per_source_name"
            ),
            models.CheckConstraint(
                condition=models.Q(choice="routine", exercise__isnull=False)
                | (~models.Q(choice="routine") & models.Q(exercise__isnull=True)),
                name="mapping_routine_choice_names_a_move",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.source_name} -> {self.choice}"
