"""Reads of a runner's training, each in a fixed number of queries whatever the history size:
last time's sets of a move, the history rows with their totals, one session's sets, and the
back-to-back warning before a start. The session player's screen is built in player.py."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise, RoutineSlot
from apps.exercises.selectors import PlayerExercise
from apps.training.calendar import is_back_to_back, local_date, recovery_gaps, training_days
from apps.training.models import SetEntry, TrainingSession

STRENGTH = Exercise.Role.STRENGTH


def draft_session(user: User) -> TrainingSession | None:
    """The runner's open (unfinished) session, newest first if somehow there are several."""
    return TrainingSession.objects.of(user).drafts().order_by("-started_at", "-id").first()


# Before a start ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartAdvice:
    """What the Train page says before a start: a non-blocking back-to-back warning (docs/design.md,
    "Recovery gap"), or a note that today already has a counted session."""

    last_day: dt.date | None
    back_to_back: bool
    trained_today: bool
    trained_yesterday: bool
    min_rest_days: int


def start_advice(user: User, *, now: dt.datetime | None = None) -> StartAdvice:
    now = now or timezone.now()
    last_start = (
        TrainingSession.objects.of(user)
        .counted()
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    today = local_date(now, user.zone)
    last_day = local_date(last_start, user.zone) if last_start else None
    return StartAdvice(
        last_day=last_day,
        back_to_back=bool(last_day and is_back_to_back(last_day, today, user.min_rest_days)),
        trained_today=last_day == today,
        trained_yesterday=last_day == today - dt.timedelta(days=1),
        min_rest_days=user.min_rest_days,
    )


# Last time ----------------------------------------------------------------------------------


def last_time_sets(
    user: User, exercise: Exercise | PlayerExercise, *, exclude: TrainingSession | None = None
) -> list[SetEntry]:
    """The sets of the last counted session that included `exercise` (the player's open move),
    by set number and side, `exclude` (the draft being trained) left out. One move's case of
    SetEntry.objects.last_counted_per_move: a plain filter on one subquery, which both databases
    plan in about half the time of the many-moves query."""
    sessions = TrainingSession.objects.of(user)
    if exclude is not None:
        sessions = sessions.exclude(pk=exclude.pk)
    last_session = sessions.last_counted_holding(exercise.pk)
    return list(
        SetEntry.objects.filter(
            exercise_id=exercise.pk, session_id=Subquery(last_session)
        ).order_by("set_number", "side")
    )


# History -------------------------------------------------------------------------------------


def history_sessions(user: User) -> QuerySet[TrainingSession]:
    """The runner's sessions, newest first. `history_rows` adds their totals, one page at a
    time."""
    return TrainingSession.objects.filter(user=user).order_by("-started_at", "-id")


@dataclass(frozen=True)
class HistoryRow:
    """A session with its totals: moves done, sets done (a per-side set counts once), total
    load moved (load x reps of every done set, both sides of a per-side move), whether it counts
    (docs/design.md) and whether it came back-to-back."""

    session: TrainingSession
    local_date: dt.date
    sets_prescribed: int | None
    back_to_back: bool
    moves_done: int = 0
    sets_done: int = 0
    load_moved_kg: Decimal | None = None
    counted: bool = False

    @property
    def is_draft(self) -> bool:
        return self.session.is_draft


def history_rows(user: User, sessions: Iterable[TrainingSession]) -> list[HistoryRow]:
    """Each of `sessions` (one page of the history, or one session) with its totals and its
    back-to-back flag. Two queries whatever the page and the history size: the totals of the
    page's sessions and of the few days before the oldest of them (what the back-to-back flag
    of the oldest depends on), and the sets the routine prescribes."""
    sessions = list(sessions)
    if not sessions:
        return []
    totals = _session_totals(
        user,
        since=min(session.started_at for session in sessions) - _back_to_back_window(user),
        until=max(session.started_at for session in sessions),
    )
    counted_starts = [total.started_at for total in totals.values() if total.counted]
    days = training_days(counted_starts, user.zone)
    flagged = {gap.later for gap in recovery_gaps(days, user.min_rest_days) if gap.back_to_back}
    prescribed = prescribed_strength_sets()
    rows = []
    for session in sessions:
        day = local_date(session.started_at, user.zone)
        total = totals.get(session.pk, _NO_SETS)
        counted = total.counted and session.finished_at is not None
        rows.append(
            HistoryRow(
                session=session,
                local_date=day,
                sets_prescribed=prescribed.get(session.routine_id),
                back_to_back=counted and day in flagged,
                moves_done=total.moves_done,
                sets_done=total.sets_done,
                load_moved_kg=total.load_moved_kg,
                counted=counted,
            )
        )
    return rows


@dataclass(frozen=True)
class _Totals:
    started_at: dt.datetime | None
    finished: bool
    # The session's tally (apps/training/tallies.py): a set of a strength move is done.
    strength_done: bool
    moves_done: int
    sets_done: int
    load_moved_kg: Decimal | None

    @property
    def counted(self) -> bool:
        # docs/design.md: finished, with at least one done set of a strength move.
        return self.finished and self.strength_done


_NO_SETS = _Totals(
    started_at=None,
    finished=False,
    strength_done=False,
    moves_done=0,
    sets_done=0,
    load_moved_kg=None,
)


def _back_to_back_window(user: User) -> dt.timedelta:
    """How far before a session its back-to-back flag looks: a day is back-to-back only when the
    previous training day is at most `min_rest_days` days earlier (docs/design.md, "Recovery gap");
    one more day covers the local day boundary and a daylight-saving shift."""
    return dt.timedelta(days=user.min_rest_days + 2)


def _session_totals(user: User, *, since: dt.datetime, until: dt.datetime) -> dict[int, _Totals]:
    """The done-set totals of the runner's sessions started between `since` and `until`, by
    session id, grouped by the database in one query."""
    strength = Q(exercise__role=STRENGTH)
    moved = ExpressionWrapper(
        F("load_kg") * F("reps"), output_field=DecimalField(max_digits=16, decimal_places=6)
    )
    rows = (
        SetEntry.objects.filter(
            session__user=user,
            session__started_at__gte=since,
            session__started_at__lte=until,
            done=True,
        )
        .values(
            "session_id",
            "session__started_at",
            "session__finished_at",
            "session__strength_done",
        )
        .annotate(
            moves=Count("exercise_id", filter=strength, distinct=True),
            sets=Count("id", filter=strength & ~Q(side=SetEntry.Side.RIGHT)),
            load=Sum(moved),
        )
        .values_list(
            "session_id",
            "session__started_at",
            "session__finished_at",
            "session__strength_done",
            "moves",
            "sets",
            "load",
        )
    )
    return {
        session_id: _Totals(
            started_at=started_at,
            finished=finished_at is not None,
            strength_done=strength_done,
            moves_done=moves,
            sets_done=sets,
            load_moved_kg=load,
        )
        for session_id, started_at, finished_at, strength_done, moves, sets, load in rows
    }


def prescribed_strength_sets() -> dict[int, int]:
    """Strength sets each routine prescribes (the warm-up is not a strength set): 15 for the
    article's routine (five moves, three sets each)."""
    rows = (
        RoutineSlot.objects.filter(options__is_default=True, options__exercise__role=STRENGTH)
        .values("routine_id")
        .annotate(total=Sum("sets"))
        .values_list("routine_id", "total")
    )
    return dict(rows)


# One session ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseSets:
    exercise: Exercise
    entries: list[SetEntry]


def session_sets(session: TrainingSession) -> list[ExerciseSets]:
    """Every set of a session, grouped by move in routine order, one query."""
    entries = session.sets.select_related("exercise").order_by(
        "exercise__order", "exercise__name", "set_number", "side"
    )
    groups: dict[int, ExerciseSets] = {}
    for entry in entries:
        group = groups.setdefault(entry.exercise_id, ExerciseSets(entry.exercise, []))
        group.entries.append(entry)
    return list(groups.values())
