from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


class Side(models.TextChoices):
    """Which side a set of a move was done on (SetEntry.side): a move done per side logs a left
    and a right entry for each set, any other move one entry with no side."""

    NONE = "", "Both"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


def sides_of(per_side: bool) -> tuple[str, ...]:
    """The sides each set of a move is logged on, in the order the pages show them."""
    return (Side.LEFT, Side.RIGHT) if per_side else (Side.NONE,)


class ExerciseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ExerciseQuerySet":
        """The routine's moves and the runner's own (imported) ones: what a runner may log and
        read; another runner's private moves are not there."""
        return self.filter(models.Q(owner__isnull=True) | models.Q(owner=user))


class Exercise(models.Model):
    """One move: what it is for, how to do it, and how a set of it is measured."""

    class Role(models.TextChoices):
        WARM_UP = "warm_up", "Warm-up"
        STRENGTH = "strength", "Strength"

    class Measure(models.TextChoices):
        REPS = "reps", "Reps"
        SECONDS = "seconds", "Seconds held"
        BREATHS = "breaths", "Breaths"

    class LoadKind(models.TextChoices):
        BODYWEIGHT = "bodyweight", "Bodyweight"
        KETTLEBELL = "kettlebell", "Kettlebell"
        DUMBBELL = "dumbbell", "Dumbbell"
        BARBELL = "barbell", "Barbell"

    class LoadStep(models.TextChoices):
        # docs/design.md, "Progression": squat and deadlift variants take the larger step.
        LARGE = "large", "Large (2.5 kg / 5 lb)"
        SMALL = "small", "Small (1 kg / 2.5 lb)"

    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STRENGTH)
    order = models.PositiveSmallIntegerField(default=0)
    summary = models.CharField(max_length=200, blank=True)
    purpose = models.TextField("why it helps a runner", blank=True)
    measure = models.CharField(max_length=10, choices=Measure.choices, default=Measure.REPS)
    per_side = models.BooleanField("done per side", default=False)
    load_kind = models.CharField(
        max_length=12, choices=LoadKind.choices, default=LoadKind.BODYWEIGHT
    )
    load_step = models.CharField(max_length=5, choices=LoadStep.choices, default=LoadStep.SMALL)
    # Custom exercises come from imports of other apps' histories and are private to one runner;
    # the routine's moves have no owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="custom_exercises",
    )

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(owner__isnull=True),
                name="unique_routine_exercise_slug",
            ),
            models.UniqueConstraint(fields=["owner", "slug"], name="unique_custom_exercise_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def is_loaded(self) -> bool:
        return self.load_kind != self.LoadKind.BODYWEIGHT

    @property
    def is_warm_up(self) -> bool:
        return self.role == self.Role.WARM_UP

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides each set is logged on: left and right for a move done per side, else the
        one entry with no side."""
        return sides_of(self.per_side)


class Cue(models.Model):
    """One coaching cue, shown in order."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="cues")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["exercise", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Variation(models.Model):
    """Another exercise that stands in for this one in a given context (a warm-up drill, running
    season, an alternative for the same slot)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="variations")
    variant = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="variant_of")
    order = models.PositiveSmallIntegerField(default=0)
    when = models.CharField("when to use it", max_length=200)

    class Meta:
        ordering = ["exercise", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "variant"], name="unique_variation"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} → {self.variant}"


class Routine(models.Model):
    """The plan: an ordered list of slots, each with a prescription."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField(blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(default=2)
    guidance = models.TextField(blank=True, help_text="One principle per line.")
    source_title = models.CharField(max_length=200, blank=True)
    source_author = models.CharField(max_length=120, blank=True)
    source_publisher = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def guidance_lines(self) -> list[str]:
        return [line.strip() for line in self.guidance.splitlines() if line.strip()]


class RoutineSlot(models.Model):
    """A place in the routine. A slot can offer a choice among exercises (deadlift or kettlebell
    swing; deadbug or Pallof press); the option marked default is offered first."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="slots")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    sets = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reps = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(3600)]
    )
    exercises = models.ManyToManyField(Exercise, through="SlotOption", related_name="slots")

    class Meta:
        ordering = ["routine", "order"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "order"], name="unique_slot_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def prescription(self) -> str:
        if self.hold_seconds:
            return f"{self.sets} × {self.hold_seconds} s hold"
        return f"{self.sets} × {self.reps}"


class SlotOption(models.Model):
    slot = models.ForeignKey(RoutineSlot, on_delete=models.CASCADE, related_name="options")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="slot_options")
    order = models.PositiveSmallIntegerField(default=0)
    is_default = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["slot", "order"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "exercise"], name="unique_slot_option"),
        ]

    def __str__(self) -> str:
        return f"{self.slot}: {self.exercise}"


class ContentVersion(models.Model):
    """Which state of the routine's content (moves, cues, variations, the routine and its slots)
    the database holds: a new random number at every edit. The routine and move pages are cached
    under this number (caching.py), so an admin edit shows at once on every page and in every
    process.

    One row (pk 1), changed in the same transaction as the edit by signals.py."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Routine content, version {self.version}"
