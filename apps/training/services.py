"""Every write to a runner's training, as plain functions the views, the API and the management
commands share, each written the same way: keyword-only arguments, full_clean() then save()
(bulk imports, whose callers have checked every value, excepted), the whole write in one
transaction.

The promise behind them: nothing a runner saved is ever lost, and nothing they send
twice is saved twice. So a start resumes the open draft instead of opening a second one, a set
is an upsert on its natural key (session, exercise, set number, side), and finishing a finished
session changes nothing.

They are also the one way in for every write to sessions and sets (pages, API, imports, demo
data, account deletion), so what is derived from the sets is kept in step here, in the write's
own transaction: each changed session's tally (tallies.py) and the runner's history version
(caching.py). The only other writers are staff editing the routine's content in the admin,
heard by signals.py.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise, Routine, RoutineSlot, SlotOption
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG, PlayerExercise
from apps.training import caching, tallies
from apps.training.models import (
    EARLIEST_START,
    FUTURE_ALLOWANCE,
    MAX_SET_NUMBER,
    AppliedChange,
    SetEntry,
    SlotChoice,
    TrainingSession,
)

# Rows per INSERT of the bulk writers: well under every database's limit on parameters.
SESSION_BATCH = 500
SET_BATCH = 2000
# How long a replayed change is recognised by its idempotency key.
APPLIED_CHANGES_KEPT = dt.timedelta(days=30)
# What a slot choice naming no move the runner may use is told (missing, or another runner's).
NO_SUCH_OPTION = "Pick one of the options."


@dataclass(frozen=True)
class SetInput:
    """One set as typed into a form, before it is saved (used to log a past session): its move
    as the form had it, the model or the cached routine's plain copy."""

    exercise: Exercise | PlayerExercise
    set_number: int
    side: str = ""
    reps: int | None = None
    seconds: int | None = None
    breaths: int | None = None
    load_kg: Decimal | None = None
    done: bool = False


def session_start(*, user: User, now: dt.datetime | None = None) -> tuple[TrainingSession, bool]:
    """Today's session: the runner's open draft if there is one (resumed, never doubled), else
    a new draft of the routine. Returns (session, created) like get_or_create."""
    now = now or timezone.now()
    with transaction.atomic():
        # Two taps on "Start" at once must not open two drafts: lock the runner's row so the
        # second start waits for the first and then finds its draft.
        User.objects.select_for_update().filter(pk=user.pk).first()
        draft = TrainingSession.objects.of(user).drafts().order_by("-started_at", "-id").first()
        if draft is not None:
            return draft, False
        session = TrainingSession(
            user=user,
            routine=Routine.objects.filter(slug=DEFAULT_ROUTINE_SLUG).first(),
            started_at=now,
        )
        session.full_clean()
        session.save()
        sessions_changed(user_id=user.pk)
    return session, True


def set_log(**values) -> SetEntry:
    """Saves one set (set_upsert's keyword arguments): creates it, or updates the row already
    saved under the same (session, exercise, set number, side), so a double tap or a retried
    POST never makes two rows."""
    entry, _created = set_upsert(**values)
    return entry


def set_upsert(
    *,
    session: TrainingSession,
    exercise: Exercise,
    set_number: int,
    side: str = "",
    reps: int | None = None,
    seconds: int | None = None,
    breaths: int | None = None,
    load_kg: Decimal | None = None,
    done: bool = True,
    now: dt.datetime | None = None,
) -> tuple[SetEntry, bool]:
    """set_log, also saying whether the row is new, like get_or_create: decided under the
    session's lock, so of many copies of one set sent at once exactly one is told "created"
    (the API's 201; the others' 200). Ticking a set done in a draft starts the rest timer
    (stored on the session, so it survives a reload)."""
    now = now or timezone.now()
    values = _checked_values(
        exercise, side=side, reps=reps, seconds=seconds, breaths=breaths, load_kg=load_kg
    )
    with transaction.atomic():
        # Locking the session serialises every write to it: two copies of one POST run one
        # after the other, and the second finds the first's row.
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        entry = SetEntry.objects.filter(
            session=locked, exercise=exercise, set_number=set_number, side=side
        ).first() or SetEntry(session=locked, exercise=exercise, set_number=set_number, side=side)
        created = entry.pk is None
        was_done = entry.done
        # Breaths are the warm-up: no rest between its rounds.
        started_rest = (
            done
            and not was_done
            and locked.is_draft
            and exercise.measure != Exercise.Measure.BREATHS
        )
        for field, value in values.items():
            setattr(entry, field, value)
        entry.done = done
        entry.full_clean(validate_unique=False, validate_constraints=False)
        entry.save()
        if started_rest:
            locked.rest_ends_at = now + dt.timedelta(seconds=session.user.rest_timer_seconds)
            locked.save(update_fields=["rest_ends_at", "updated_at"])
            session.rest_ends_at = locked.rest_ends_at
        if exercise.is_warm_up and done != was_done and locked.is_draft:
            _warm_up_follows_its_rounds(locked, exercise, ticked=done)
            session.warmup_done = locked.warmup_done
        sessions_changed(user_id=locked.user_id, sessions=_only(locked))
    return entry, created


def _warm_up_follows_its_rounds(session: TrainingSession, exercise: Exercise, *, ticked: bool):
    """Ticking the warm-up's last prescribed round is the warm-up done, and taking one of them
    back undoes it: one state, whether the runner ticks the rounds or the warm-up itself."""
    prescribed = (
        RoutineSlot.objects.filter(routine_id=session.routine_id, options__exercise=exercise)
        .values_list("sets", flat=True)
        .first()
    )
    if prescribed is None:
        return
    rounds_done = SetEntry.objects.filter(session=session, exercise=exercise, done=True).count()
    if ticked and rounds_done >= prescribed:
        warmup_done = True
    elif not ticked and rounds_done == prescribed - 1:
        warmup_done = False
    else:
        return
    if warmup_done != session.warmup_done:
        session.warmup_done = warmup_done
        session.save(update_fields=["warmup_done", "updated_at"])


def set_row_log(
    *,
    session: TrainingSession,
    exercise: Exercise,
    set_number: int,
    sides: dict[str, dict],
    now: dt.datetime | None = None,
) -> list[SetEntry]:
    """Saves one row of the player: every side of one set (left and right of a per-side move,
    which count as one set) at once, or none of them. `sides` maps a side ("" for a move not
    done per side) to set_log's values (reps/seconds/breaths, load_kg, done)."""
    with transaction.atomic():
        return [
            set_log(
                session=session,
                exercise=exercise,
                set_number=set_number,
                side=side,
                now=now,
                **values,
            )
            for side, values in sides.items()
        ]


def set_add(*, session: TrainingSession, exercise: Exercise) -> list[SetEntry]:
    """An extra set after the prescribed ones (or after the last extra): saved at once, not yet
    done, so it is still there after a reload. A per-side move gets a left and a right entry."""
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        prescribed = (
            RoutineSlot.objects.filter(routine_id=locked.routine_id, options__exercise=exercise)
            .values_list("sets", flat=True)
            .first()
        ) or 0
        logged = (
            locked.sets.filter(exercise=exercise).aggregate(last=Max("set_number"))["last"] or 0
        )
        number = max(prescribed, logged) + 1
        if number > MAX_SET_NUMBER:
            raise ValidationError(f"A move takes at most {MAX_SET_NUMBER} sets.")
        entries = [
            SetEntry(session=locked, exercise=exercise, set_number=number, side=side, done=False)
            for side in exercise.sides
        ]
        for entry in entries:
            entry.full_clean(validate_unique=False, validate_constraints=False)
            entry.save()
        sessions_changed(user_id=locked.user_id, sessions=_only(locked))
    return entries


def set_update(
    *,
    entry: SetEntry,
    reps: int | None = None,
    seconds: int | None = None,
    breaths: int | None = None,
    load_kg: Decimal | None = None,
    done: bool,
) -> SetEntry:
    """Corrects one saved set (from a session's page in history)."""
    values = _checked_values(
        entry.exercise,
        side=entry.side,
        reps=reps,
        seconds=seconds,
        breaths=breaths,
        load_kg=load_kg,
    )
    with transaction.atomic():
        for field, value in values.items():
            setattr(entry, field, value)
        entry.done = done
        entry.full_clean(validate_unique=False, validate_constraints=False)
        entry.save(update_fields=[*values, "done", "updated_at"])
        sessions_changed(user_id=entry.user_id, sessions=_only(entry.session))
    return entry


def set_delete(*, entry: SetEntry) -> None:
    """Deletes one saved set (logged by mistake, or an extra set not wanted after all)."""
    with transaction.atomic():
        entry.delete()
        sessions_changed(user_id=entry.user_id, sessions=_only(entry.session))


def warmup_mark(*, session: TrainingSession, done: bool = True) -> TrainingSession:
    """The warm-up's "done" tick."""
    with transaction.atomic():
        session.warmup_done = done
        session.full_clean()
        session.save(update_fields=["warmup_done", "updated_at"])
        sessions_changed(user_id=session.user_id)
    return session


def rest_change(
    *, session: TrainingSession, add_seconds: int | None, now: dt.datetime | None = None
) -> TrainingSession:
    """The rest timer's "+30 s" (`add_seconds`, counted from now if the rest is already over)
    or its "skip" (`add_seconds=None`: no rest running)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if add_seconds is None:
            locked.rest_ends_at = None
        else:
            locked.rest_ends_at = max(locked.rest_ends_at or now, now) + dt.timedelta(
                seconds=add_seconds
            )
        locked.save(update_fields=["rest_ends_at", "updated_at"])
    session.rest_ends_at = locked.rest_ends_at
    return session


def move_skip(*, session: TrainingSession, exercise: Exercise, skipped: bool = True) -> None:
    """Skips a move in this session (or takes the skip back). Sets already saved stay saved."""
    with transaction.atomic():
        if skipped:
            session.skipped_exercises.add(exercise)
        else:
            session.skipped_exercises.remove(exercise)


def slot_choose(*, user: User, slot: RoutineSlot, exercise: Exercise) -> SlotChoice:
    """Remembers which option of a choice slot the runner picked, so it is offered first next
    time (deadlift, single-leg deadlift or kettlebell swing; deadbug or Pallof press)."""
    if exercise.owner_id not in (None, user.pk):
        # Another runner's move must read exactly like one that does not exist.
        raise ValidationError({"exercise": NO_SUCH_OPTION})
    if not SlotOption.objects.filter(slot=slot, exercise=exercise).exists():
        raise ValidationError({"exercise": f"{exercise} is not an option for {slot.title}."})
    with transaction.atomic():
        choice, _ = SlotChoice.objects.update_or_create(
            user=user, slot=slot, defaults={"exercise": exercise}
        )
    return choice


def session_finish(
    *,
    session: TrainingSession,
    effort: int | None = None,
    notes: str = "",
    now: dt.datetime | None = None,
) -> TrainingSession:
    """Finishes a draft with an optional effort (RPE 1-10) and notes. Finishing a finished
    session changes nothing (a double tap on "Finish", or a retried POST)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not locked.is_draft:
            return locked
        locked.finished_at = max(now, locked.started_at)
        locked.effort = effort
        locked.notes = notes
        locked.rest_ends_at = None
        locked.full_clean()
        locked.save(update_fields=["finished_at", "effort", "notes", "rest_ends_at", "updated_at"])
        sessions_changed(user_id=locked.user_id)
    return locked


def session_abandon(*, session: TrainingSession) -> None:
    """Deletes a draft and its sets (after the runner confirmed). A finished session is history:
    it can only be deleted from its own page."""
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not locked.is_draft:
            raise ValidationError("This session is finished; delete it from its page in history.")
        locked.delete()
        sessions_changed(user_id=locked.user_id)


def session_log_past(
    *,
    user: User,
    started_at: dt.datetime,
    sets: Iterable[SetInput],
    warmup_done: bool = False,
    effort: int | None = None,
    notes: str = "",
    now: dt.datetime | None = None,
) -> TrainingSession:
    """Saves a session trained without the phone, finished, with all its sets at once. Its
    finish time is its start time: Legwork does not know how long it took."""
    check_start_time(started_at, now=now)
    sets = list(sets)
    if not warmup_done and not any(item.done for item in sets):
        raise ValidationError("Tick at least one set you did, or the warm-up.")
    checked = [
        (
            item,
            _checked_values(
                item.exercise,
                side=item.side,
                reps=item.reps,
                seconds=item.seconds,
                breaths=item.breaths,
                load_kg=item.load_kg,
            ),
        )
        for item in sets
    ]
    with transaction.atomic():
        session = TrainingSession(
            user=user,
            routine=Routine.objects.filter(slug=DEFAULT_ROUTINE_SLUG).first(),
            started_at=started_at,
            finished_at=started_at,
            warmup_done=warmup_done,
            effort=effort,
            notes=notes,
        )
        session.full_clean()
        session.save()
        for item, values in checked:
            entry = SetEntry(
                session=session,
                exercise_id=item.exercise.pk,
                set_number=item.set_number,
                side=item.side,
                done=item.done,
                **values,
            )
            entry.full_clean(validate_unique=False, validate_constraints=False)
            entry.save()
        sessions_changed(user_id=user.pk, sessions=_only(session))
    return session


def session_update(
    *,
    session: TrainingSession,
    started_at: dt.datetime,
    effort: int | None,
    notes: str,
    now: dt.datetime | None = None,
) -> TrainingSession:
    """Corrects a session's date and time, effort and notes. A finished session keeps its
    length: its finish moves with its start."""
    check_start_time(started_at, now=now)
    with transaction.atomic():
        if session.finished_at is not None:
            session.finished_at = started_at + (session.finished_at - session.started_at)
        session.started_at = started_at
        session.effort = effort
        session.notes = notes
        session.full_clean()
        session.save(update_fields=["started_at", "finished_at", "effort", "notes", "updated_at"])
        sessions_changed(user_id=session.user_id)
    return session


def session_delete(*, session: TrainingSession) -> None:
    """Deletes a session and its sets (after the runner confirmed)."""
    with transaction.atomic():
        session.delete()
        sessions_changed(user_id=session.user_id)


def sessions_import(
    *, user: User, sessions: Sequence[TrainingSession], sets: Iterable[SetEntry]
) -> int:
    """Writes many sessions and their sets at once (an import, demo data), in one
    transaction with their tallies and the runner's history version. `sessions` are new
    sessions of `user`; `sets` are new sets of those sessions, read once the sessions are
    saved (a generator may build them then). Rows go in by bulk inserts, with no full_clean()
    per row: the caller has checked every value against the models' bounds, and the database
    constraints stand behind them. Returns how many sets were written."""
    if any(session.user_id != user.pk for session in sessions):
        raise ValueError("Every session must be the runner's own.")
    written = 0
    with transaction.atomic():
        TrainingSession.objects.bulk_create(sessions, batch_size=SESSION_BATCH)
        rows = iter(sets)
        while batch := list(itertools.islice(rows, SET_BATCH)):
            SetEntry.objects.bulk_create(batch)
            written += len(batch)
        # Only the new sessions' tallies change; an import written in many batches would
        # otherwise recount the whole history once per batch. A range of ids keeps the query's
        # size fixed (a session of the runner's inside it, recounted too, is recounted right).
        new_ids = [session.pk for session in sessions]
        written_now = TrainingSession.objects.of(user).filter(
            pk__gte=min(new_ids, default=0), pk__lte=max(new_ids, default=-1)
        )
        sessions_changed(user_id=user.pk, sessions=written_now)
    return written


def sessions_delete_all(*, user: User) -> None:
    """Deletes every session of the runner and their sets (a fresh demo history, or the
    account's deletion)."""
    with transaction.atomic():
        TrainingSession.objects.of(user).delete()
        sessions_changed(user_id=user.pk)


def sessions_changed(*, user_id: int, sessions: QuerySet[TrainingSession] | None = None) -> None:
    """What is derived from a runner's sessions, brought in step after a write to them: the
    tallies of `sessions` (those whose sets changed) recounted from their sets, and the
    runner's history version bumped, so every cached page computes afresh. The services call
    it in their transaction; a writer that goes around them (a test's factory, staff in the
    admin) calls it after its write."""
    if sessions is not None:
        tallies.recount(sessions)
    caching.history_changed(user_id)


def check_start_time(started_at: dt.datetime, *, now: dt.datetime | None = None) -> None:
    """docs/design.md: a session's date may not be in the future beyond one day; nor before 1970."""
    now = now or timezone.now()
    if started_at > now + FUTURE_ALLOWANCE:
        raise ValidationError({"started_at": "That is more than a day in the future."})
    if started_at < EARLIEST_START:
        raise ValidationError({"started_at": "That is before 1970: check the year."})


def content_changed(*, exercise: Exercise | None = None, role_changed: bool = False) -> None:
    """Staff changed the routine's content (a move, a slot, an option): every runner's pages
    show move names and prescriptions, so everyone's history version moves on; a runner's own
    (imported) move concerns only them. A move whose role (warm-up or strength) changed
    changes whether its sets make a session count: every session holding it is recounted."""
    if exercise is not None and role_changed:
        tallies.recount(TrainingSession.objects.filter(sets__exercise=exercise))
    if exercise is not None and exercise.owner_id is not None:
        caching.history_changed(exercise.owner_id)
    else:
        caching.every_history_changed()


# Helpers -------------------------------------------------------------------------------------


def _only(session: TrainingSession) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(pk=session.pk)


def _checked_values(
    exercise: Exercise | PlayerExercise,
    *,
    side: str,
    reps: int | None,
    seconds: int | None,
    breaths: int | None,
    load_kg: Decimal | None,
) -> dict:
    """The set's values as the move measures them: its one measure (reps, seconds or breaths),
    a load only for a loaded move, a side only (and always) for a per-side move."""
    if side not in exercise.sides:
        if exercise.per_side:
            raise ValidationError({"side": f"{exercise} is done per side: log left or right."})
        raise ValidationError({"side": f"{exercise} is not done per side."})
    if load_kg is not None and not exercise.is_loaded:
        raise ValidationError({"load_kg": f"{exercise} is a bodyweight move: it takes no load."})
    given = {"reps": reps, "seconds": seconds, "breaths": breaths}
    values = dict.fromkeys(Exercise.Measure.values)
    values[exercise.measure] = given[exercise.measure]
    values["load_kg"] = load_kg if exercise.is_loaded else None
    return values


def applied_change_record(*, user: User, key: str, status: int, response: dict) -> AppliedChange:
    """Remembers that the change with this idempotency key was applied, and its answer. Called
    inside the transaction that applied it: a second request with the same key that raced it
    fails on the unique key, and its whole transaction rolls back (apps/training/replays.py).
    Keys older than APPLIED_CHANGES_KEPT go: a phone sends its queue within days, and drops
    what it sent once the session is finished (static/js/offline.js)."""
    AppliedChange.objects.filter(
        user=user, created_at__lt=timezone.now() - APPLIED_CHANGES_KEPT
    ).delete()
    return AppliedChange.objects.create(user=user, key=key, status=status, response=response)
