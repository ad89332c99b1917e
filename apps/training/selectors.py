"""Reads of a runner's training, each in a fixed number of queries whatever the history size:
the session player's state, the history rows with their totals, one session's sets, and the
back-to-back warning before a start."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

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

from apps.accounts.equipment import available_loads_kg
from apps.accounts.models import User
from apps.core.prepared import prepared
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
    """One slot of the routine as the player shows it: the chosen exercise, its prescription and
    the sets done. The open move (the one the runner is on) also has today's suggestion and one
    row per set (prescribed, then extra); the others are one line each."""

    slot: RoutineSlot
    exercise: Exercise
    options: list[Exercise]
    skipped: bool
    sets_done: int
    # The warm-up's own "done" tick, which finishes it whatever its rounds say.
    ticked: bool = False
    suggestion: Suggestion | None = None
    rows: list[SetRow] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.suggestion is not None

    @cached_property
    def anchor(self) -> str:
        """The move's element id in the player, which links and redirects scroll to."""
        return move_anchor(self.exercise)

    @property
    def title(self) -> str:
        name = self.exercise.name
        return f"Warm-up: {name}" if self.exercise.is_warm_up else name

    @property
    def is_choice(self) -> bool:
        return len(self.options) > 1

    @property
    def cues(self) -> list:
        return list(self.exercise.cues.all())

    @property
    def target(self) -> int | None:
        return self.suggestion.target if self.suggestion else None

    @property
    def finished(self) -> bool:
        return self.skipped or self.ticked or self.sets_done >= self.slot.sets


@dataclass
class Player:
    session: TrainingSession
    warm_up: Move | None
    moves: list[Move] = field(default_factory=list)
    # The draft's local date, when it is not today: a session left open on an earlier day still
    # counts on the day it started, so the player says so.
    started_earlier_on: dt.date | None = None

    @property
    def all_moves(self) -> list[Move]:
        return [move for move in [self.warm_up, *self.moves] if move is not None]

    @property
    def open_move(self) -> Move | None:
        return next((move for move in self.all_moves if move.is_open), None)

    @property
    def next_move(self) -> Move | None:
        """The move after the open one, for its "Next" link."""
        moves = self.all_moves
        for index, move in enumerate(moves[:-1]):
            if move.is_open:
                return moves[index + 1]
        return None

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

    @property
    def all_done(self) -> bool:
        return all(move.finished for move in self.all_moves)


def move_anchor(exercise: Exercise) -> str:
    return "warm-up" if exercise.is_warm_up else f"move-{exercise.slug}"


def player_state(
    *,
    session: TrainingSession,
    user: User,
    move: str | None = None,
    now: dt.datetime | None = None,
) -> Player:
    """The player page: every move of the routine with its sets done, and one move open with
    today's suggestion and its set rows: `move` (an exercise slug), else the first move not
    finished yet (the runner walks the routine step by step), else none. Queries: this
    session's sets and skips, the runner's slot choices, the routine (cached content), and last
    time's sets of the open move: the same whatever the history."""
    logged, player = _player(session, user, now)
    moves = player.all_moves
    opened = next((m for m in moves if move and m.exercise.slug == move), None) or next(
        (m for m in moves if not m.finished), None
    )
    if opened is not None:
        _open(user, [opened], logged=logged, exclude=session)
    return player


def session_progress(
    *, session: TrainingSession, user: User, now: dt.datetime | None = None
) -> Player:
    """Every move of the routine with its sets done in this session, none open (the finish
    page's summary)."""
    return _player(session, user, now)[1]


def past_session_plan(user: User, *, choice: Mapping[str, str] | None = None) -> list[Move]:
    """The routine's moves, all open, with empty rows pre-filled from the suggestions, for
    logging a past session. `choice` may pick another option of a choice slot for this form
    only: {"slot-<slot id>": "<exercise id>"} (the page's links put it in the query string)."""
    overrides = {}
    for key, value in (choice or {}).items():
        if key.startswith("slot-") and key[5:].isdigit() and str(value).isdigit():
            overrides[int(key[5:])] = int(value)
    moves = _routine_moves(user, logged={}, skipped=set(), overrides=overrides)
    _open(user, moves, logged={})
    return moves


def last_counted_sets(
    user: User, exercises: Sequence[Exercise], *, exclude: TrainingSession | None = None
) -> dict[int, list[SetEntry]]:
    """For each exercise, the sets of the last counted session that included it (DESIGN.md,
    "Progression"), in one query whatever the history size. Exercises never done map to
    nothing."""
    if not exercises:
        return {}
    entries = _last_counted_sets_query(
        user.pk, [exercise.pk for exercise in exercises], exclude and exclude.pk
    )
    return _by_latest_session(entries)


def _last_counted_sets_query(
    user_id: int, exercise_ids: Sequence[int], exclude_id: int | None
) -> QuerySet[SetEntry]:
    """The sets of these exercises in each one's last counted session (at most one session per
    exercise), newest session first. A session that is one exercise's last may also hold older
    sets of another: `_by_latest_session` keeps, for each exercise, the rows of the latest
    session it is in."""
    last_sessions = (
        Exercise.objects.filter(pk__in=exercise_ids)
        .annotate(last_session=Subquery(_last_counted_session(user_id, OuterRef("pk"), exclude_id)))
        .values("last_session")
    )
    return SetEntry.objects.filter(
        exercise_id__in=exercise_ids, session_id__in=last_sessions
    ).order_by("-session__started_at", "-session_id", "set_number", "side")


def _last_counted_session(user_id: int, exercise, exclude_id: int | None) -> QuerySet:
    """The id of the runner's last counted session that included `exercise` (an id, or a
    reference to an outer query's), found walking back their sessions by start."""
    sessions = counted_sessions(user_id)
    if exclude_id is not None:
        sessions = sessions.exclude(pk=exclude_id)
    return sessions.filter(sets__exercise=exercise).order_by("-started_at", "-id").values("pk")[:1]


def _by_latest_session(entries: Iterable[SetEntry]) -> dict[int, list[SetEntry]]:
    latest: dict[int, int] = {}
    result: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in entries:
        if latest.setdefault(entry.exercise_id, entry.session_id) == entry.session_id:
            result[entry.exercise_id].append(entry)
    return dict(result)


# The player's reads, compiled once (apps/core/prepared.py): the ORM built each of them in about
# ten times the time the database took to answer, on the page a runner opens after every move.
@prepared
def _sets_of(session_id: int) -> QuerySet[SetEntry]:
    return SetEntry.objects.filter(session_id=session_id)


@prepared
def _skips_of(session_id: int) -> QuerySet:
    return TrainingSession.skipped_exercises.through.objects.filter(trainingsession_id=session_id)


@prepared
def _choices_of(user_id: int) -> QuerySet[SlotChoice]:
    return SlotChoice.objects.filter(user_id=user_id)


@prepared
def _last_time_sets(user_id: int, exercise_id: int, exclude_id: int) -> QuerySet[SetEntry]:
    # One move's case of _last_counted_sets_query, without the outer query over the moves
    # (PostgreSQL plans it in half the time).
    last_session = _last_counted_session(user_id, exercise_id, exclude_id)
    return SetEntry.objects.filter(
        exercise_id=exercise_id, session_id=Subquery(last_session)
    ).order_by("set_number", "side")


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
    # The session's tally (apps/training/tallies.py): a set of a strength move is done.
    strength_done: bool
    moves_done: int
    sets_done: int
    load_moved_kg: Decimal | None

    @property
    def counted(self) -> bool:
        # DESIGN.md: finished, with at least one done set of a strength move.
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


# Helpers -------------------------------------------------------------------------------------


def _player(
    session: TrainingSession, user: User, now: dt.datetime | None
) -> tuple[Mapping[int, list[SetEntry]], Player]:
    """The player with no move open, and this session's sets by exercise id."""
    logged: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in _sets_of(session_id=session.pk):
        logged[entry.exercise_id].append(entry)
    skipped = {skip.exercise_id for skip in _skips_of(session_id=session.pk)}
    moves = _routine_moves(user, logged=logged, skipped=skipped)
    warm_up = next((move for move in moves if move.exercise.is_warm_up), None)
    if warm_up is not None:
        warm_up.ticked = session.warmup_done
    started_on = local_date(session.started_at, user.zone)
    today = local_date(now or timezone.now(), user.zone)
    return logged, Player(
        session=session,
        warm_up=warm_up,
        moves=[move for move in moves if move is not warm_up],
        started_earlier_on=started_on if started_on < today else None,
    )


def _routine_moves(
    user: User,
    *,
    logged: Mapping[int, list[SetEntry]],
    skipped: set[int],
    overrides: Mapping[int, int] | None = None,
) -> list[Move]:
    """Each slot of the routine with the exercise the runner does in it (this form's override,
    else their remembered choice, else the slot's default) and its sets done, none open."""
    routine = routine_with_slots()
    choices = {choice.slot_id: choice.exercise_id for choice in _choices_of(user_id=user.pk)}
    choices.update(overrides or {})
    moves = []
    for slot in routine.slots.all():
        options = [option.exercise for option in slot.options.all()]
        if not options:
            continue
        default = next((o.exercise for o in slot.options.all() if o.is_default), options[0])
        exercise = next((o for o in options if o.pk == choices.get(slot.pk)), default)
        moves.append(
            Move(
                slot=slot,
                exercise=exercise,
                options=options,
                skipped=exercise.pk in skipped,
                sets_done=_sets_done(logged.get(exercise.pk, []), per_side=exercise.per_side),
            )
        )
    return moves


def _sets_done(logged: list[SetEntry], *, per_side: bool) -> int:
    """Set numbers whose every side is done (a per-side set is one set, done when both are)."""
    sides = 2 if per_side else 1
    done: dict[int, int] = defaultdict(int)
    for entry in logged:
        if entry.done:
            done[entry.set_number] += 1
    return sum(1 for count in done.values() if count >= sides)


def _open(
    user: User,
    moves: list[Move],
    *,
    logged: Mapping[int, list[SetEntry]],
    exclude: TrainingSession | None = None,
) -> None:
    """Gives `moves` today's suggestion and their set rows (one query: last time's sets)."""
    if len(moves) == 1 and exclude is not None:
        history = _by_latest_session(
            _last_time_sets(
                user_id=user.pk, exercise_id=moves[0].exercise.pk, exclude_id=exclude.pk
            )
        )
    else:
        history = last_counted_sets(user, [move.exercise for move in moves], exclude=exclude)
    for move in moves:
        move.suggestion = next_suggested_load(
            exercise=move.exercise,
            prescription=move.slot,
            last_sets=history.get(move.exercise.pk, []),
            unit=user.unit,
            available_kg=available_loads_kg(user, move.exercise.load_kind),
        )
        move.rows = _rows(move, logged=logged.get(move.exercise.pk, []))


def _rows(move: Move, *, logged: list[SetEntry]) -> list[SetRow]:
    exercise, suggestion = move.exercise, move.suggestion
    sides = [SetEntry.Side.LEFT, SetEntry.Side.RIGHT] if exercise.per_side else [""]
    saved = {(entry.set_number, entry.side): entry for entry in logged}
    count = max([move.slot.sets, *(entry.set_number for entry in logged)])
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
        rows.append(SetRow(number=number, cells=cells, extra=number > move.slot.sets))
    return rows
