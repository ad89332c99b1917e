import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from apps.accounts.units import MAX_LOAD_KG
from apps.exercises.models import Exercise, Routine, RoutineSlot, Side

# A set's number within its move: a move takes at most this many sets in one session.
MAX_SET_NUMBER = 50
# A session's overall effort, RPE 1 to 10 (docs/design.md, "Session").
MIN_EFFORT = 1
MAX_EFFORT = 10
MAX_REPS = 100
MAX_SECONDS = 3600
MAX_BREATHS = 100
NOTES_MAX_LENGTH = 2000
# docs/design.md: dates may not lie in the future beyond one day (a runner in another timezone, or
# logging tonight's session this afternoon).
FUTURE_ALLOWANCE = dt.timedelta(days=1)
# Sessions older than this are surely a typo; it also keeps every date inside what the calendar
# arithmetic of every timezone can represent (a year-1 date west of UTC overflows).
EARLIEST_START = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class TrainingSessionQuerySet(models.QuerySet):
    """The domain's words for a runner's sessions (docs/design.md, "Domain rules")."""

    def of(self, user) -> "TrainingSessionQuerySet":
        return self.filter(user=user)

    def counted(self) -> "TrainingSessionQuerySet":
        """Counted sessions: finished, with at least one done set of a strength move, as each
        session's tally of its sets says (apps/training/tallies.py). Drafts and warm-up-only
        sessions count for nothing."""
        return self.filter(finished_at__isnull=False, strength_done=True)

    def drafts(self) -> "TrainingSessionQuerySet":
        """Unfinished sessions: open in the player, counted for nothing."""
        return self.filter(finished_at__isnull=True)

    def last_counted_holding(self, exercise) -> "TrainingSessionQuerySet":
        """The id of the last counted session among these that included `exercise` (an
        Exercise, an id, or a reference to an outer query's), walking back by start: a subquery
        of at most one row."""
        return (
            self.counted()
            .filter(sets__exercise=exercise)
            .order_by("-started_at", "-id")
            .values("pk")[:1]
        )


class TrainingSession(models.Model):
    """One workout. Unfinished sessions are drafts and count for nothing (docs/design.md)."""

    class Source(models.TextChoices):
        LEGWORK = "legwork", "Legwork"
        LEGWORK_JSON = "legwork_json", "Legwork export"
        STRONG = "strong", "Strong"
        HEVY = "hevy", "Hevy"
        FITNOTES = "fitnotes", "FitNotes"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    routine = models.ForeignKey(Routine, null=True, blank=True, on_delete=models.SET_NULL)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    warmup_done = models.BooleanField(default=False)
    effort = models.PositiveSmallIntegerField(
        "effort (RPE)",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_EFFORT), MaxValueValidator(MAX_EFFORT)],
    )
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    # When the rest after the last ticked set ends: stored, so the timer survives a reload.
    rest_ends_at = models.DateTimeField(null=True, blank=True)
    # Moves the runner chose to skip in this session; the player folds them away.
    skipped_exercises = models.ManyToManyField(Exercise, blank=True, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.LEGWORK)
    # Identifies a session that came from an import, so importing the same file twice adds
    # nothing the second time.
    import_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The session's tally of its own sets, recounted whenever they change (tallies.py), so the
    # pages computed from a whole history read one row per session, not every set: whether a
    # set of a strength move is done (once finished, the session counts: docs/design.md), and how
    # many strength sets are done (a per-side set's two halves once, imported warm-up sets not).
    strength_done = models.BooleanField(default=False, editable=False)
    strength_sets = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "started_at"], name="session_user_started"),
            # The runner's open draft (home's one-tap button, Train, start): found without
            # walking a long history of finished sessions.
            models.Index(
                fields=["user", "started_at"],
                condition=models.Q(finished_at__isnull=True),
                name="session_user_draft",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "import_key"],
                condition=~models.Q(import_key=""),
                name="unique_session_import_key",
            ),
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True)
                | models.Q(finished_at__gte=models.F("started_at")),
                name="session_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} of {self.user_id} at {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.finished_at is None


class SetEntryQuerySet(models.QuerySet):
    def last_counted_per_move(
        self, user, exercises: Sequence[Exercise], *, exclude: TrainingSession | None = None
    ) -> dict[int, list["SetEntry"]]:
        """For each exercise (by id), the sets of the runner's last counted session that
        included it (docs/design.md, "Progression"), `exclude` left out (the draft being trained),
        in one query whatever the history size. Exercises never done map to nothing."""
        if not exercises:
            return {}
        exercise_ids = [exercise.pk for exercise in exercises]
        sessions = TrainingSession.objects.of(user)
        if exclude is not None:
            sessions = sessions.exclude(pk=exclude.pk)
        last_sessions = (
            Exercise.objects.filter(pk__in=exercise_ids)
            .annotate(
                last_session=models.Subquery(sessions.last_counted_holding(models.OuterRef("pk")))
            )
            .values("last_session")
        )
        entries = self.filter(exercise_id__in=exercise_ids, session_id__in=last_sessions).order_by(
            "-session__started_at", "-session_id", "set_number", "side"
        )
        return per_move_of_latest_session(entries)

    def bulk_create(self, objs, *args, **kwargs):
        # Bulk inserts skip save(): each set's runner is copied from its session here too.
        objs = list(objs)
        for entry in objs:
            entry.copy_runner()
        return super().bulk_create(objs, *args, **kwargs)


class SetEntry(models.Model):
    """One set of one exercise in a session. A per-side move logs a left and a right entry with
    the same set number; together they are one set."""

    # Defined with the moves (apps/exercises/models.py), which say which sides they take.
    Side = Side

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="sets")
    # The session's runner, copied on every insert (save() and bulk_create; a session never
    # changes hands), so a runner's best sets are found by the indexes below without going
    # through their sessions. A runner's sets are deleted with their sessions (CASCADE above),
    # so the runner's own deletion has nothing to do here.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        blank=True,
        editable=False,
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="set_entries")
    set_number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SET_NUMBER)]
    )
    side = models.CharField(max_length=5, choices=Side.choices, default=Side.NONE, blank=True)
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_REPS)]
    )
    seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_SECONDS)]
    )
    breaths = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_BREATHS)]
    )
    # Kilograms, six decimals: a load typed in pounds reads back exactly (apps/accounts/units.py).
    load_kg = models.DecimalField(
        max_digits=10,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_LOAD_KG)],
    )
    done = models.BooleanField(default=False)
    is_warmup_set = models.BooleanField(
        default=False, help_text="A warm-up set imported from another app."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SetEntryQuerySet.as_manager()

    class Meta:
        ordering = ["session", "id"]
        indexes = [
            models.Index(fields=["exercise", "session"], name="set_exercise_session"),
            # A runner's heaviest load, most reps and longest hold of each move, read from the
            # top (apps/progress/selectors.py, moves_with_bests): done working sets only.
            *(
                models.Index(
                    fields=["user", "exercise", value],
                    condition=models.Q(done=True, is_warmup_set=False),
                    name=f"set_best_{value}",
                )
                for value in ("load_kg", "reps", "seconds")
            ),
        ]
        constraints = [
            # One row per (session, exercise, set, side): a double tap or a retried POST updates
            # the row instead of adding a second one.
            models.UniqueConstraint(
                fields=["session", "exercise", "set_number", "side"], name="unique_set_entry"
            ),
        ]

    def __str__(self) -> str:
        side = f" ({self.side})" if self.side else ""
        return f"{self.exercise} set {self.set_number}{side}"

    def save(self, *args, **kwargs) -> None:
        self.copy_runner()
        super().save(*args, **kwargs)

    def copy_runner(self) -> None:
        """The set's runner is its session's."""
        if self.user_id is None:
            self.user_id = self.session.user_id

    @property
    def amount(self) -> int | None:
        """The reps, seconds or breaths of this set, by its exercise's measure."""
        return getattr(self, self.exercise.measure)


def per_move_of_latest_session(entries: Iterable[SetEntry]) -> dict[int, list[SetEntry]]:
    """Sets ordered newest session first, grouped by exercise id, each exercise keeping only
    the rows of the latest session it is in: a session that is one move's last counted session
    may also hold older sets of another."""
    latest: dict[int, int] = {}
    result: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in entries:
        if latest.setdefault(entry.exercise_id, entry.session_id) == entry.session_id:
            result[entry.exercise_id].append(entry)
    return dict(result)


class SlotChoice(models.Model):
    """Which option of a choice slot the runner picked last, offered first next time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_choices"
    )
    slot = models.ForeignKey(RoutineSlot, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "slot"], name="unique_slot_choice"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.slot} → {self.exercise}"


class HistoryVersion(models.Model):
    """How many times a runner's training history (or the routine content it is read against)
    has changed. It is part of the cache keys of everything computed from the whole history
    (apps/training/caching.py), so a logged set shows at once on every page.

    The runner is a plain id, not a foreign key: the version is bumped while an account's
    sessions are being deleted, and a leftover row of a deleted runner is harmless."""

    user_id = models.PositiveBigIntegerField(primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"History of {self.user_id}: version {self.version}"


class AppliedChangeQuerySet(models.QuerySet):
    def applied(self, *, user, key: str) -> "AppliedChangeQuerySet":
        """The runner's change with this idempotency key, if it was applied already."""
        return self.filter(user=user, key=key)


class AppliedChange(models.Model):
    """A change the player queued on a phone (static/js/offline.js), applied once: its random
    idempotency key and the answer it got, so a replay of the same change (a lost answer, a
    retry, a second tab) gets that answer again instead of applying it twice (docs/design.md,
    "Offline and sync")."""

    KEY_MAX_LENGTH = 64

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applied_changes"
    )
    key = models.CharField(max_length=KEY_MAX_LENGTH)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppliedChangeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_applied_change"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: change {self.key}"
