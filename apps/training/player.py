"""The session player's screen, built in one place: every move of the routine with its sets
done, one move open with today's suggestion, last time's figures and one SetForm per set row.
Templates render these values as they are; views pass them on. The finish page's summary and
the "Log a past session" form are built here too, from the same pieces.

Queries, whatever the history size: this session's sets, its skipped moves, the runner's slot
choices, the routine (cached content: one query for its version), and last time's sets of the
open move."""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from apps.accounts.equipment import available_loads_kg
from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.exercises.selectors import PlayerExercise, PlayerSlot, routine_for_player
from apps.training.calendar import local_date
from apps.training.forms import SetForm
from apps.training.models import SetEntry, SlotChoice, TrainingSession
from apps.training.progression import Suggestion, next_suggested_load
from apps.training.selectors import last_time_sets


@dataclass(frozen=True)
class SetRow:
    """One set of the open move: its number, whether it goes beyond the prescription, what is
    saved of it, and its form (pre-filled from what is saved, else from today's suggestion; or
    the runner's refused post, with its errors)."""

    number: int
    extra: bool
    saved: bool
    done: bool
    form: SetForm


@dataclass(frozen=True)
class LastSet:
    """One set of the last counted session with this move, as the open move shows it."""

    side: str
    amount: int | None
    load_kg: Decimal | None
    done: bool


@dataclass(eq=False)
class Move:
    """One slot of the routine with the exercise the runner does in it (the cached routine's
    plain data). An open move also has today's suggestion, last time's sets and its set rows;
    the others are one line each."""

    slot: PlayerSlot
    exercise: PlayerExercise
    options: tuple[PlayerExercise, ...]
    anchor: str
    skipped: bool
    sets_done: int
    # The warm-up is done once the session says so (ticking every round of it, or its own tick).
    warm_up_done: bool = False
    suggestion: Suggestion | None = None
    last_time: list[LastSet] = field(default_factory=list)
    rows: list[SetRow] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.suggestion is not None

    @property
    def finished(self) -> bool:
        return self.skipped or self.warm_up_done or self.sets_done >= self.slot.sets


@dataclass
class Player:
    session: TrainingSession
    warm_up: Move | None
    moves: list[Move]
    # The draft's local date, when it is not today: a session left open on an earlier day still
    # counts on the day it started, so the player says so.
    started_earlier_on: dt.date | None = None
    open_move: Move | None = None
    next_move: Move | None = None

    @property
    def all_moves(self) -> list[Move]:
        return [move for move in [self.warm_up, *self.moves] if move is not None]

    @property
    def strength_sets_done(self) -> int:
        return sum(move.sets_done for move in self.moves)

    @property
    def all_done(self) -> bool:
        return all(move.finished for move in self.all_moves)

    @property
    def rest_ends_ms(self) -> int | None:
        """The rest timer's end for static/js/player.js, in milliseconds since the epoch."""
        ends = self.session.rest_ends_at
        return int(ends.timestamp() * 1000) if ends else None


def player_state(
    *,
    session: TrainingSession,
    user: User,
    move: str | None = None,
    bound: SetForm | None = None,
    now: dt.datetime | None = None,
) -> Player:
    """The player page: every move with its sets done, and one move open: `move` (an exercise
    slug), else the first move not finished yet (the runner walks the routine step by step),
    else none. `bound` is a set form whose post was refused: its row shows it, with its
    errors."""
    logged = _sets_by_exercise(session)
    player = _player(session, user, logged, now)
    moves = player.all_moves
    opened = next((m for m in moves if move and m.exercise.slug == move), None) or next(
        (m for m in moves if not m.finished), None
    )
    if opened is not None:
        history = {opened.exercise.pk: last_time_sets(user, opened.exercise, exclude=session)}
        _open(opened, user, history=history, logged=logged.get(opened.exercise.pk, []))
        _bind(opened, bound)
        player.open_move = opened
        index = moves.index(opened)
        player.next_move = moves[index + 1] if index + 1 < len(moves) else None
    return player


def session_progress(
    *, session: TrainingSession, user: User, now: dt.datetime | None = None
) -> Player:
    """Every move of the routine with its sets done in this session, none open (the finish
    page's summary)."""
    return _player(session, user, _sets_by_exercise(session), now)


def past_session_plan(
    user: User, *, choice: Mapping[str, str] | None = None, data: Mapping | None = None
) -> list[Move]:
    """The routine's moves, all open, their rows pre-filled from the suggestions and not done,
    for logging a past session; `data` is the posted form. `choice` may pick another option of
    a choice slot for this form only: {"slot-<slot id>": "<exercise id>"} (the page's links put
    it in the query string)."""
    overrides = {}
    for key, value in (choice or {}).items():
        if key.startswith("slot-") and key[5:].isdigit() and str(value).isdigit():
            overrides[int(key[5:])] = int(value)
    moves = _routine_moves(user, logged={}, skipped=set(), overrides=overrides)
    history = SetEntry.objects.last_counted_per_move(user, [move.exercise for move in moves])
    for move in moves:
        _open(move, user, history=history, logged=[], data=data)
    return moves


def move_anchor(exercise: Exercise | PlayerExercise) -> str:
    """The move's element id in the player, which links and redirects scroll to."""
    return "warm-up" if exercise.is_warm_up else f"move-{exercise.slug}"


# Helpers -------------------------------------------------------------------------------------


def _sets_by_exercise(session: TrainingSession) -> dict[int, list[SetEntry]]:
    logged: dict[int, list[SetEntry]] = defaultdict(list)
    for entry in SetEntry.objects.filter(session=session).order_by("set_number", "side"):
        logged[entry.exercise_id].append(entry)
    return logged


def _player(
    session: TrainingSession,
    user: User,
    logged: Mapping[int, list[SetEntry]],
    now: dt.datetime | None,
) -> Player:
    # A set of ids: the exercises' default ordering would only add an ORDER BY to the query.
    skipped = set(session.skipped_exercises.order_by().values_list("pk", flat=True))
    moves = _routine_moves(user, logged=logged, skipped=skipped)
    warm_up = next((move for move in moves if move.exercise.is_warm_up), None)
    if warm_up is not None:
        warm_up.warm_up_done = session.warmup_done
    started_on = local_date(session.started_at, user.zone)
    today = local_date(now or timezone.now(), user.zone)
    return Player(
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
    routine = routine_for_player()
    choices = dict(SlotChoice.objects.filter(user=user).values_list("slot_id", "exercise_id"))
    choices.update(overrides or {})
    moves = []
    for slot in routine.slots:
        chosen = choices.get(slot.pk)
        exercise = next((o for o in slot.options if o.pk == chosen), slot.default)
        moves.append(
            Move(
                slot=slot,
                exercise=exercise,
                options=slot.options,
                anchor=move_anchor(exercise),
                skipped=exercise.pk in skipped,
                sets_done=_sets_done(logged.get(exercise.pk, []), sides=len(exercise.sides)),
            )
        )
    return moves


def _sets_done(logged: list[SetEntry], *, sides: int) -> int:
    """Set numbers whose every side is done (a per-side set is one set, done when both are)."""
    done: dict[int, int] = defaultdict(int)
    for entry in logged:
        if entry.done:
            done[entry.set_number] += 1
    return sum(1 for count in done.values() if count >= sides)


def _open(
    move: Move,
    user: User,
    *,
    history: Mapping[int, list[SetEntry]],
    logged: list[SetEntry],
    data: Mapping | None = None,
) -> None:
    """Gives `move` today's suggestion, last time's sets and its set rows."""
    last_sets = history.get(move.exercise.pk, [])
    move.last_time = [
        LastSet(
            side=entry.side,
            amount=getattr(entry, move.exercise.measure),
            load_kg=entry.load_kg,
            done=entry.done,
        )
        for entry in last_sets
    ]
    move.suggestion = next_suggested_load(
        exercise=move.exercise,
        prescription=move.slot,
        last_sets=last_sets,
        unit=user.unit,
        available_kg=available_loads_kg(user, move.exercise.load_kind),
    )
    saved: dict[int, dict[str, SetEntry]] = defaultdict(dict)
    for entry in logged:
        saved[entry.set_number][entry.side] = entry
    count = max([move.slot.sets, *saved])
    move.rows = [
        _row(move, number, saved.get(number, {}), unit=user.unit, data=data)
        for number in range(1, count + 1)
    ]


def _row(
    move: Move, number: int, saved: Mapping[str, SetEntry], *, unit: str, data: Mapping | None
) -> SetRow:
    """One set row. A row not saved yet is pre-filled from today's suggestion only, never from
    another row: what the runner typed into one set never changes another."""
    exercise, suggestion = move.exercise, move.suggestion
    sides = exercise.sides
    initial = {}
    for side in sides:
        entry = saved.get(side)
        value = getattr(entry, exercise.measure) if entry else None
        initial[SetForm.value_field(side)] = suggestion.target if value is None else value
    if exercise.is_loaded:
        loads = [entry.load_kg for entry in saved.values() if entry.load_kg is not None]
        initial["load_kg"] = loads[0] if loads else suggestion.load_kg
    form = SetForm(
        data,
        prefix=SetForm.prefix_for(exercise, number),
        exercise=exercise,
        unit=unit,
        sides=sides,
        initial=SetForm.initial_in_unit(initial, unit),
    )
    return SetRow(
        number=number,
        extra=number > move.slot.sets,
        saved=bool(saved),
        done=bool(saved) and all(side in saved and saved[side].done for side in sides),
        form=form,
    )


def _bind(move: Move, bound: SetForm | None) -> None:
    """Puts a refused post in place of its row's form, so its values and errors show."""
    if bound is None:
        return
    move.rows = [
        SetRow(number=row.number, extra=row.extra, saved=row.saved, done=row.done, form=bound)
        if row.form.prefix == bound.prefix
        else row
        for row in move.rows
    ]
