"""Reads of a runner's training, each in a fixed number of queries whatever the history size:
the session player's state, the history rows with their totals, one session's sets, and the
back-to-back warning before a start."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise, RoutineSlot
from apps.exercises.selectors import routine_with_slots
from apps.progress.progression import Suggestion, next_suggested_load
from apps.progress.rules import is_back_to_back, local_date, recovery_gaps, training_days
from apps.progress.selectors import counted_sessions
from apps.training.models import SetEntry, SlotChoice, TrainingSession

STRENGTH = Exercise.Role.STRENGTH


def draft_session(user: User) -> TrainingSession | None:
    """The runner's open (unfinished) session, newest first if somehow there are several."""
    return (
        TrainingSession.objects.filter(user=user, finished_at__isnull=True)
        .order_by("-started_at", "-id")
        .first()
    )


# Before a start ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartAdvice:
    """What the Train page says before a start: a non-blocking back-to-back warning (DESIGN.md,
    "Recovery gap"), or a note that today already has a counted session."""

    last_day: dt.date | None
    back_to_back: bool
    trained_today: bool
    trained_yesterday: bool
    min_rest_days: int


def start_advice(user: User, *, now: dt.datetime | None = None) -> StartAdvice:
    now = now or timezone.now()
    last_start = (
        counted_sessions(user).order_by("-started_at").values_list("started_at", flat=True).first()
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


# The session player --------------------------------------------------------------------------


@dataclass
class SetCell:
    """One side of one set (or the whole set for a move not done per side)."""

    side: str
    entry: SetEntry | None
    value: int | None
    load_kg: Decimal | None

    @property
    def done(self) -> bool:
        return bool(self.entry and self.entry.done)


@dataclass
class SetRow:
    number: int
    cells: list[SetCell]
    extra: bool

    @property
    def done(self) -> bool:
        return all(cell.done for cell in self.cells)

    @property
    def saved(self) -> bool:
        return any(cell.entry is not None for cell in self.cells)


@dataclass
class Move:
    """One slot of the routine as the player shows it: the chosen exercise, its prescription,
    the suggestion for today and one row per set (prescribed, then extra)."""

    slot: RoutineSlot
    exercise: Exercise
    options: list[Exercise]
    suggestion: Suggestion
    rows: list[SetRow]
    skipped: bool
    target: int

    @property
    def is_choice(self) -> bool:
        return len(self.options) > 1

    @property
    def cues(self) -> list:
        return list(self.exercise.cues.all())

    @property
    def sets_done(self) -> int:
        return sum(1 for row in self.rows if row.done)

    @property
    def finished(self) -> bool:
        return self.skipped or self.sets_done >= self.slot.sets


@dataclass
class Player:
    session: TrainingSession
    warm_up: Move | None
    moves: list[Move] = field(default_factory=list)
    # The draft's local date, when it is not today: a session left open on an earlier day still
    # counts on the day it started, so the player says so.
    started_earlier_on: dt.date | None = None

    @property
    def rest_ends_at(self) -> dt.datetime | None:
        return self.session.rest_ends_at

    @property
    def rest_ends_ms(self) -> int | None:
        """The rest timer's end for static/js/player.js, in milliseconds since the epoch."""
        ends = self.session.rest_ends_at
        return int(ends.timestamp() * 1000) if ends else None

    @property
    def strength_sets_done(self) -> int:
        return sum(move.sets_done for move in self.moves)


def player_state(*, session: TrainingSession, user: User, now: dt.datetime | None = None) -> Player:
    """Everything the player page shows, in a fixed number of queries: the routine (4), the
    runner's slot choices (1), this session's sets and skips (2) and last time's sets of each
    move (2)."""
    entries = list(session.sets.all())
    skipped = set(session.skipped_exercises.values_list("pk", flat=True))
    moves = _routine_moves(user, entries=entries, skipped=skipped, exclude=session)
    warm_up = next((move for move in moves if move.exercise.is_warm_up), None)
    started_on = local_date(session.started_at, user.zone)
    today = local_date(now or timezone.now(), user.zone)
    return Player(
        session=session,
        warm_up=warm_up,
        moves=[move for move in moves if move is not warm_up],
        started_earlier_on=started_on if started_on < today else None,
    )


def past_session_plan(user: User, *, choice: Mapping[str, str] | None = None) -> list[Move]:
    """The routine's moves with empty rows pre-filled from the suggestions, for logging a past
    session. `choice` may pick another option of a choice slot for this form only:
    {"slot-<slot id>": "<exercise id>"} (the page's links put it in the query string)."""
    overrides = {}
    for key, value in (choice or {}).items():
        if key.startswith("slot-") and key[5:].isdigit() and str(value).isdigit():
            overrides[int(key[5:])] = int(value)
    return _routine_moves(user, entries=[], skipped=set(), overrides=overrides)


def last_counted_sets(
    user: User, exercises: Sequence[Exercise], *, exclude: TrainingSession | None = None
) -> dict[int, list[SetEntry]]:
    """For each exercise, the sets of the last counted session that included it (DESIGN.md,
    "Progression"), in two queries whatever the history size. Exercises never done map to
    nothing."""
    sessions = counted_sessions(user)
    if exclude is not None:
        sessions = sessions.exclude(pk=exclude.pk)
    latest = (
        Exercise.objects.filter(pk__in=[exercise.pk for exercise in exercises])
        .annotate(
            last_session=Subquery(
                sessions.filter(sets__exercise=OuterRef("pk"))
                .order_by("-started_at", "-id")
                .values("pk")[:1]
            )
        )
        .values_list("pk", "last_session")
    )
    pairs = [(exercise_id, session_id) for exercise_id, session_id in latest if session_id]
    if not pairs:
        return {}
    match = Q()
    for exercise_id, session_id in pairs:
        match |= Q(exercise_id=exercise_id, session_id=session_id)
    result: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in SetEntry.objects.filter(match).order_by("set_number", "side"):
        result[entry.exercise_id].append(entry)
    return dict(result)


# History -------------------------------------------------------------------------------------


def history_sessions(user: User) -> QuerySet[TrainingSession]:
    """The runner's sessions, newest first. `history_rows` adds their totals, one page at a
    time."""
    return TrainingSession.objects.filter(user=user).order_by("-started_at", "-id")


@dataclass(frozen=True)
class HistoryRow:
    """A session with its totals: moves done, sets done (a per-side set counts once), total
    load moved (load x reps of every done set, both sides of a per-side move), whether it counts
    (DESIGN.md) and whether it came back-to-back."""

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
    moves_done: int
    sets_done: int
    load_moved_kg: Decimal | None

    @property
    def counted(self) -> bool:
        # DESIGN.md: finished, with at least one done set of a strength move.
        return self.finished and self.moves_done > 0


_NO_SETS = _Totals(started_at=None, finished=False, moves_done=0, sets_done=0, load_moved_kg=None)


def _back_to_back_window(user: User) -> dt.timedelta:
    """How far before a session its back-to-back flag looks: a day is back-to-back only when the
    previous training day is at most `min_rest_days` days earlier (DESIGN.md, "Recovery gap");
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
        .values("session_id", "session__started_at", "session__finished_at")
        .annotate(
            moves=Count("exercise_id", filter=strength, distinct=True),
            sets=Count("id", filter=strength & ~Q(side=SetEntry.Side.RIGHT)),
            load=Sum(moved),
        )
        .values_list(
            "session_id", "session__started_at", "session__finished_at", "moves", "sets", "load"
        )
    )
    return {
        session_id: _Totals(
            started_at=started_at,
            finished=finished_at is not None,
            moves_done=moves,
            sets_done=sets,
            load_moved_kg=load,
        )
        for session_id, started_at, finished_at, moves, sets, load in rows
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


# Helpers -------------------------------------------------------------------------------------


def _routine_moves(
    user: User,
    *,
    entries: list[SetEntry],
    skipped: set[int],
    exclude: TrainingSession | None = None,
    overrides: Mapping[int, int] | None = None,
) -> list[Move]:
    """Each slot of the routine with the exercise the runner does in it (this form's override,
    else their remembered choice, else the slot's default) and its rows."""
    routine = routine_with_slots()
    choices = dict(SlotChoice.objects.filter(user=user).values_list("slot_id", "exercise_id"))
    choices.update(overrides or {})
    chosen: list[tuple[RoutineSlot, Exercise, list[Exercise]]] = []
    for slot in routine.slots.all():
        options = [option.exercise for option in slot.options.all()]
        if not options:
            continue
        default = next((o.exercise for o in slot.options.all() if o.is_default), options[0])
        exercise = next((o for o in options if o.pk == choices.get(slot.pk)), default)
        chosen.append((slot, exercise, options))

    history = last_counted_sets(user, [exercise for _, exercise, _ in chosen], exclude=exclude)
    by_exercise: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in entries:
        by_exercise[entry.exercise_id].append(entry)
    return [
        _move(
            slot,
            exercise,
            options,
            logged=by_exercise[exercise.pk],
            last=history.get(exercise.pk, []),
            skipped=exercise.pk in skipped,
            unit=user.unit,
        )
        for slot, exercise, options in chosen
    ]


def _move(
    slot: RoutineSlot,
    exercise: Exercise,
    options: list[Exercise],
    *,
    logged: list[SetEntry],
    last: list[SetEntry],
    skipped: bool,
    unit: str,
) -> Move:
    suggestion = next_suggested_load(
        exercise=exercise, prescription=slot, last_sets=last, unit=unit
    )
    sides = [SetEntry.Side.LEFT, SetEntry.Side.RIGHT] if exercise.per_side else [""]
    saved = {(entry.set_number, entry.side): entry for entry in logged}
    count = max([slot.sets, *(entry.set_number for entry in logged)])
    # An unsaved row is pre-filled from the latest saved set of this move in this session (the
    # runner changed the load on set 1: sets 2 and 3 follow), else from the suggestion.
    carried_value, carried_load = suggestion.target, suggestion.load_kg
    rows = []
    for number in range(1, count + 1):
        cells = []
        for side in sides:
            entry = saved.get((number, side))
            value = getattr(entry, exercise.measure) if entry else None
            load = entry.load_kg if entry else None
            if value is not None:
                carried_value = value
            if load is not None:
                carried_load = load
            cells.append(
                SetCell(
                    side=side,
                    entry=entry,
                    value=value if value is not None else carried_value,
                    load_kg=load if load is not None else carried_load,
                )
            )
        rows.append(SetRow(number=number, cells=cells, extra=number > slot.sets))
    return Move(
        slot=slot,
        exercise=exercise,
        options=options,
        suggestion=suggestion,
        rows=rows,
        skipped=skipped,
        target=suggestion.target,
    )
