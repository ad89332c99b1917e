"""Writes: an upload becomes a pending import (preview), a pending import becomes sessions and
sets (commit, in steps of batches, each batch one transaction), and an account is deleted with
everything in it."""

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import validate_timezone_name
from apps.exercises.models import Exercise, Routine
from apps.portability.matching import (
    custom_name_key,
    equipment_hint,
    routine_slug_for,
    similar_slug_for,
)
from apps.portability.models import ExerciseMapping, PendingImport
from apps.portability.reading import read_upload
from apps.portability.records import (
    MAX_SETS_PER_EXERCISE,
    FileRejected,
    ParsedFile,
    ParsedSession,
    Skipped,
)
from apps.training import services as training
from apps.training.models import SetEntry, TrainingSession

SKIPPED_SHOWN = 200


# A batch of this many sessions (about 2,000 sets of a busy history) is written in under a
# second on an idle machine: short enough that other runners' writes wait little behind it on
# SQLite and that a step ends soon after its time is up, long enough that the per-batch work
# (matching names, recounting tallies) stays a small share.
BATCH_SESSIONS = 100
# A step stops at the first batch boundary after this many seconds from its start. Reading a
# 250,000-row file again takes about 4 s of that on an idle 2-core machine and 12 s under heavy
# load; with the last batch, a step stays well inside gunicorn's 30 s timeout.
STEP_SECONDS = 15.0


@dataclasses.dataclass
class ImportResult:
    """What an import wrote so far; `finished` once every session of the file is handled."""

    sessions: int
    sets: int
    already_imported: int
    exercises_created: int
    position: int = 0
    sessions_in_file: int = 0
    finished: bool = False
    interrupted: bool = False

    def add(self, batch: "ImportResult", *, handled: int) -> None:
        self.sessions += batch.sessions
        self.sets += batch.sets
        self.already_imported += batch.already_imported
        self.exercises_created += batch.exercises_created
        self.position += handled


def import_preview(
    *,
    user,
    content: bytes,
    filename: str,
    unit: str,
    keep_warmups: bool = True,
    restore_profile: bool = False,
) -> PendingImport:
    """Read an upload and keep it, with what it would import, until the runner confirms.
    Raises FileRejected when the file as a whole cannot be used; nothing is saved then."""
    parsed = read_upload(content, unit=unit, keep_warmups=keep_warmups, zone=user.zone)
    plan = _Plan(user, parsed)
    pending = PendingImport(
        user=user,
        filename=filename[:255],
        content=content,
        unit=unit,
        keep_warmups=keep_warmups,
        restore_profile=restore_profile and parsed.profile is not None,
        summary={**plan.summary(), "timezone": user.timezone},
        sessions_in_file=len(parsed.sessions),
    )
    pending.full_clean()
    with transaction.atomic():
        # One upload waits at a time: a newer one replaces what the runner did not confirm.
        PendingImport.objects.filter(user=user).delete()
        pending.save()
    return pending


def import_commit(*, user, pending: PendingImport, started: float | None = None) -> ImportResult:
    """One step of writing what the preview showed; call it again while the result is not
    `finished`. A step writes the file's sessions BATCH_SESSIONS at a time, each batch in its own
    transaction with the pending import's progress, and stops at the first batch boundary
    STEP_SECONDS after it started (reading the file included; at least one batch is written),
    well inside the server's request timeout (gunicorn's 30 s): a 230,000-row file is written
    over several requests, each showing progress, instead of one that times out. A
    step that dies (a killed worker, a full disk) rolls back its last batch only; the next step
    resumes at the recorded position. Sessions already imported (same import key, or for
    Legwork's JSON the same start) are left as they are, so a batch is never written twice.
    `started` (time.monotonic()) is when the request began, when it did other work first (the
    preview's choices, which read the file too), so the step counts that work as well."""
    if pending.user_id != user.pk:
        raise PermissionError("not this runner's import")
    started = time.monotonic() if started is None else started
    parsed = _read_pending(user, pending)
    sessions, position = parsed.sessions, pending.position
    result = ImportResult(
        sessions=pending.sessions_written,
        sets=pending.sets_written,
        already_imported=pending.already_imported,
        exercises_created=pending.exercises_created,
        position=position,
        sessions_in_file=len(sessions),
    )
    while True:
        batch = sessions[position : position + BATCH_SESSIONS]
        finishing = position + len(batch) >= len(sessions)
        try:
            with transaction.atomic():
                current = PendingImport.objects.select_for_update().filter(pk=pending.pk)
                recorded = current.values_list("position", flat=True).first()
                if recorded != position:
                    # Another request (a second tab, a retry) is writing this import, or has
                    # finished it (the row is gone): it goes on from there; this step stops
                    # without writing.
                    result.interrupted = True
                    result.finished = recorded is None
                    return result
                written = _Plan(user, dataclasses.replace(parsed, sessions=batch)).write()
                result.add(written, handled=len(batch))
                if finishing:
                    if pending.restore_profile and parsed.profile:
                        _restore_profile(user, parsed.profile)
                    current.delete()
                else:
                    current.update(
                        position=result.position,
                        sessions_written=result.sessions,
                        sets_written=result.sets,
                        already_imported=result.already_imported,
                        exercises_created=result.exercises_created,
                    )
        except IntegrityError:
            # Another request committed the same file a moment ago: its sessions are there.
            raise FileRejected(
                "This file has just been imported; nothing was added twice."
            ) from None
        position = result.position
        if finishing:
            result.finished = True
            return result
        if time.monotonic() - started >= STEP_SECONDS:
            return result


def import_cancel(*, user, pending: PendingImport) -> None:
    if pending.user_id != user.pk:
        raise PermissionError("not this runner's import")
    pending.delete()


def import_choose_exercises(*, user, pending: PendingImport, choices: dict[str, str]) -> None:
    """The runner's choice for exercise names of a pending import, each `routine:<slug>`,
    `own` or `skip`, keyed as the preview lists them. Remembered for the next import from the
    same app (ExerciseMapping), and the preview is worked out again with them. Raises
    ValidationError naming the names or choices that are not the preview's."""
    if pending.user_id != user.pk:
        raise PermissionError("not this runner's import")
    source = pending.summary.get("format", "")
    proposed = {
        row["key"]: row["choice"]
        for row in pending.summary.get("exercises", [])
        if row.get("choice")
    }
    moves = {exercise.slug: exercise for exercise in Exercise.objects.filter(owner__isnull=True)}
    errors, mappings, now = {}, [], timezone.now()
    for name, choice in choices.items():
        kind, _, slug = choice.partition(":")
        if name not in proposed:
            errors[name] = "This name is not in the file's preview."
        elif choice not in {"own", "skip"} and not (kind == "routine" and slug in moves):
            errors[name] = f"“{choice}” is not a routine move, “own” or “skip”."
        else:
            mappings.append(
                ExerciseMapping(
                    user=user,
                    source=source,
                    source_name=name,
                    choice=kind,
                    exercise=moves.get(slug) if kind == "routine" else None,
                    updated_at=now,
                )
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ExerciseMapping.objects.bulk_create(
            mappings,
            update_conflicts=True,
            unique_fields=["user", "source", "source_name"],
            update_fields=["choice", "exercise", "updated_at"],
        )
        if all(proposed[name] == choice for name, choice in choices.items()):
            # The runner confirmed what the preview proposed: it imports the same, so the file
            # is not read again (confirming a large file would otherwise read it twice).
            for row in pending.summary["exercises"]:
                row["remembered"] = row["remembered"] or row["key"] in choices
            pending.save(update_fields=["summary"])
            return
        _plan_again(user, pending)
        pending.save(update_fields=["summary"])


def import_change_timezone(*, user, pending: PendingImport, timezone_name: str) -> None:
    """Read the file's wall-clock times in another timezone (the phone's, when it differs from
    the runner's): the preview is worked out again, and the commit reads them so. Raises
    ValidationError when the name is not a timezone."""
    if pending.user_id != user.pk:
        raise PermissionError("not this runner's import")
    if pending.started:
        # Once written in part, the rest is read as the first steps were.
        raise ValidationError(
            {"timezone": "The import has started: its times are read as they were."}
        )
    try:
        validate_timezone_name(timezone_name)
    except ValidationError as error:
        raise ValidationError({"timezone": error.messages}) from None
    pending.timezone = timezone_name
    _plan_again(user, pending)
    pending.save(update_fields=["timezone", "summary"])


def _read_pending(user, pending: PendingImport) -> ParsedFile:
    """The pending import's file, read as its preview was (unit, warm-ups, timezone)."""
    return read_upload(
        bytes(pending.content),
        unit=pending.unit,
        keep_warmups=pending.keep_warmups,
        zone=pending.zone(user),
    )


def _plan_again(user, pending: PendingImport) -> None:
    """Works the preview out again after a choice changed (the caller saves it)."""
    summary = _Plan(user, _read_pending(user, pending)).summary()
    pending.summary = {**summary, "timezone": pending.zone(user).key}


def account_delete(*, user) -> None:
    """Delete the runner and everything that is theirs. Sessions go first: their sets protect
    the custom exercises they use, which go with the user."""
    with transaction.atomic():
        training.sessions_delete_all(user=user)
        user.delete()


@dataclasses.dataclass
class _NameRow:
    """One exercise name of the file (its spellings, case and punctuation aside) and what it
    becomes: `choice` is `routine:<slug>`, `own` or `skip` (empty for Legwork's JSON, whose
    names are slugs), `target_key` the exercise its sets land on (None when left out)."""

    choice: str
    remembered: bool
    target_key: str | None
    spellings: Counter = dataclasses.field(default_factory=Counter)


class _Plan:
    """What a parsed file means for this runner: which exercises its names land on, which
    sessions are new, and the rows written on commit."""

    def __init__(self, user, parsed: ParsedFile) -> None:
        self.user = user
        self.parsed = parsed
        self.routine_moves = {
            exercise.slug: exercise for exercise in Exercise.objects.filter(owner__isnull=True)
        }
        self.custom = list(Exercise.objects.filter(owner=user))
        self.custom_by_slug = {exercise.slug: exercise for exercise in self.custom}
        self.custom_by_name = {}
        for exercise in self.custom:
            self.custom_by_name.setdefault(custom_name_key(exercise.name), exercise)
        self.mappings = self._remembered_choices()
        self.rows: dict[str, _NameRow] = {}
        self.targets: dict[str, Exercise | None] = {}
        self.names: dict[str, Counter] = {}
        self._resolve_names()
        self.new_sessions, self.already = self._new_sessions()

    # Exercise names -------------------------------------------------------------------------

    def _remembered_choices(self) -> dict[str, tuple[str, str | None]]:
        if self.parsed.source == "legwork_json":
            return {}
        remembered = ExerciseMapping.objects.filter(user=self.user, source=self.parsed.source)
        return {
            name: (choice, slug)
            for name, choice, slug in remembered.values_list(
                "source_name", "choice", "exercise__slug"
            )
        }

    def _name_key(self, parsed_set) -> str:
        if self.parsed.source == "legwork_json":
            if parsed_set.exercise_slug in self.parsed.custom_exercises:
                return f"custom-slug:{parsed_set.exercise_slug}"
            return f"routine:{parsed_set.exercise_slug}"
        return custom_name_key(parsed_set.exercise_name)

    def _target_key(self, parsed_set) -> str | None:
        return self.rows[self._name_key(parsed_set)].target_key

    def _row_for(self, name_key: str, name: str) -> _NameRow:
        """The runner's remembered choice for a name, else the automatic match: a routine move
        for a true equivalent (matching.routine_slug_for), the runner's own exercise
        otherwise."""
        if self.parsed.source == "legwork_json":
            return _NameRow(choice="", remembered=False, target_key=name_key)
        choice, slug = self.mappings.get(name_key, ("", None))
        remembered = choice == "skip" or choice == "own" or slug in self.routine_moves
        if not remembered:
            slug = routine_slug_for(name)
            choice = "routine" if slug in self.routine_moves else "own"
        if choice == "routine":
            return _NameRow(f"routine:{slug}", remembered, f"routine:{slug}")
        if choice == "skip":
            return _NameRow("skip", remembered, None)
        return _NameRow("own", remembered, f"custom:{name_key}")

    def _resolve_names(self) -> None:
        renumber = self.parsed.source != "legwork_json"
        for session in self.parsed.sessions:
            kept = []
            numbers: Counter = Counter()
            for parsed_set in session.sets:
                name_key = self._name_key(parsed_set)
                row = self.rows.get(name_key)
                if row is None:
                    row = self.rows[name_key] = self._row_for(name_key, parsed_set.exercise_name)
                key = row.target_key
                if key is None:
                    row.spellings[parsed_set.exercise_name] += 1
                    continue
                if key not in self.targets:
                    target = self._existing(key)
                    if target is None and key.startswith("routine:"):
                        self.parsed.skipped.append(
                            Skipped(
                                f"session of {session.started_at:%Y-%m-%d}",
                                f"exercise “{parsed_set.exercise_slug}” is neither a routine "
                                "move nor one of the file's custom exercises",
                            )
                        )
                        continue
                    self.targets[key] = target
                if renumber:
                    # Two names the runner sent to one move share its numbering.
                    numbers[key] += 1
                    if numbers[key] > MAX_SETS_PER_EXERCISE:
                        self.parsed.skipped.append(
                            Skipped(
                                f"line {parsed_set.line}",
                                f"more than {MAX_SETS_PER_EXERCISE} sets of one move in one "
                                "session",
                            )
                        )
                        continue
                    parsed_set.set_number = numbers[key]
                row.spellings[parsed_set.exercise_name] += 1
                self.names.setdefault(key, Counter())[parsed_set.exercise_name] += 1
                kept.append(parsed_set)
            session.sets = kept
        for row in self.rows.values():
            if row.choice == "skip":
                count = sum(row.spellings.values())
                name = row.spellings.most_common(1)[0][0]
                self.parsed.skipped.append(
                    Skipped(
                        f"{count} set{'s' if count != 1 else ''} of “{name}”",
                        "left out, as you chose",
                    )
                )

    def _existing(self, key: str) -> Exercise | None:
        kind, _, value = key.partition(":")
        if kind == "routine":
            return self.routine_moves.get(value)
        if kind == "custom-slug":
            return self.custom_by_slug.get(value)
        return self.custom_by_name.get(value)

    # Sessions ---------------------------------------------------------------------------------

    def _new_sessions(self) -> tuple[list[ParsedSession], int]:
        existing = TrainingSession.objects.filter(user=self.user)
        keys = set(existing.exclude(import_key="").values_list("import_key", flat=True))
        starts = set()
        if self.parsed.source == "legwork_json":
            starts = set(existing.filter(import_key="").values_list("started_at", flat=True))
        new, already = [], 0
        for session in self.parsed.sessions:
            if not session.sets and self.parsed.source != "legwork_json":
                continue
            if (session.import_key and session.import_key in keys) or (
                not session.import_key and session.started_at in starts
            ):
                already += 1
                continue
            new.append(session)
        return new, already

    def summary(self) -> dict:
        sessions = self.new_sessions
        zone = self.user.zone
        sets_added = Counter(
            self._name_key(parsed_set) for session in sessions for parsed_set in session.sets
        )
        exercises = []
        for key, row in sorted(
            self.rows.items(), key=lambda item: (-sum(item[1].spellings.values()), item[0])
        ):
            if not row.spellings:  # a Legwork JSON slug that is no move: listed as skipped
                continue
            target = self.targets.get(row.target_key) if row.target_key else None
            similar = similar_slug_for(row.spellings.most_common(1)[0][0]) if row.choice else None
            exercises.append(
                {
                    "key": key,
                    "names": sorted(row.spellings),
                    # What this import adds: sets already in Legwork are not counted again.
                    "sets": sets_added[key],
                    "choice": row.choice,
                    "remembered": row.remembered,
                    "similar": self.routine_moves[similar].name
                    if similar in self.routine_moves
                    else "",
                    "matched": bool(target and target.owner_id is None),
                    "target": target.name if target else "",
                    "new_custom": row.target_key is not None and target is None,
                    "left_out": row.target_key is None,
                }
            )
        skipped = self.parsed.skipped
        return {
            "format": self.parsed.source,
            "layout": self.parsed.layout,
            "unit_note": self.parsed.unit_note,
            "sessions": len(sessions),
            "sets": sum(len(session.sets) for session in sessions),
            "already_imported": self.already,
            "first_date": sessions[0].started_at.astimezone(zone).date().isoformat()
            if sessions
            else None,
            "last_date": sessions[-1].started_at.astimezone(zone).date().isoformat()
            if sessions
            else None,
            "exercises": exercises,
            # The moves a name can be sent to, for the preview's choices (none for Legwork's
            # JSON, whose names are already Legwork's).
            "moves": []
            if self.parsed.source == "legwork_json"
            else [{"slug": move.slug, "name": move.name} for move in self.routine_moves.values()],
            "skipped": [dataclasses.asdict(row) for row in skipped[:SKIPPED_SHOWN]],
            "skipped_count": len(skipped),
            "ignored_rows": self.parsed.ignored_rows,
            "warmups_left_out": self.parsed.warmups_left_out,
            "has_profile": self.parsed.profile is not None,
        }

    # Writing ----------------------------------------------------------------------------------

    def write(self) -> ImportResult:
        """Sessions and custom exercises are full_clean()ed one by one; sets are not: the
        parsers have checked every value against the models' own bounds (MAX_REPS,
        MAX_SECONDS, MAX_LOAD_KG...) and the database constraints stand behind them, while
        cleaning 30,000 sets one by one would double the time of a ten-year import. The
        training services write them (sessions_import), with their tallies."""
        created = self._create_custom_exercises()
        routines = {routine.slug: routine for routine in Routine.objects.all()}
        session_rows = []
        for parsed in self.new_sessions:
            session = TrainingSession(
                user=self.user,
                routine=routines.get(parsed.routine_slug),
                started_at=parsed.started_at,
                finished_at=parsed.finished_at,
                warmup_done=parsed.warmup_done,
                effort=parsed.effort,
                notes=parsed.notes,
                source=parsed.source,
                import_key=parsed.import_key,
            )
            session.clean_fields(exclude=["user", "routine"])
            session_rows.append(session)
        set_count = training.sessions_import(
            user=self.user, sessions=session_rows, sets=self._set_rows(session_rows)
        )
        return ImportResult(
            sessions=len(session_rows),
            sets=set_count,
            already_imported=self.already,
            exercises_created=created,
        )

    def _set_rows(self, session_rows: list[TrainingSession]) -> Iterator[SetEntry]:
        for session, parsed in zip(session_rows, self.new_sessions, strict=True):
            for parsed_set in parsed.sets:
                yield SetEntry(
                    session=session,
                    exercise=self.targets[self._target_key(parsed_set)],
                    set_number=parsed_set.set_number,
                    side=parsed_set.side,
                    reps=parsed_set.reps,
                    seconds=parsed_set.seconds,
                    breaths=parsed_set.breaths,
                    load_kg=parsed_set.load_kg,
                    done=parsed_set.done,
                    is_warmup_set=parsed_set.is_warmup,
                )

    def _create_custom_exercises(self) -> int:
        used_sets: dict[str, list] = {}
        for session in self.new_sessions:
            for parsed_set in session.sets:
                key = self._target_key(parsed_set)
                if self.targets.get(key) is None:
                    used_sets.setdefault(key, []).append(parsed_set)
        taken = set(self.routine_moves) | set(self.custom_by_slug)
        for key, sets in used_sets.items():
            if key.startswith("custom-slug:"):
                fields = dict(self.parsed.custom_exercises[key.partition(":")[2]])
            else:
                fields = _custom_fields(self.names[key].most_common(1)[0][0], sets)
            fields["slug"] = _free_slug(fields["slug"], taken)
            taken.add(fields["slug"])
            exercise = Exercise(owner=self.user, **fields)
            exercise.full_clean()
            exercise.save()
            self.targets[key] = exercise
        return len(used_sets)


def _custom_fields(name: str, sets: list) -> dict:
    """A custom exercise for a name no routine move matches, measured as its sets were."""
    timed = sum(1 for entry in sets if entry.seconds is not None and entry.reps is None)
    loaded = any(entry.load_kg for entry in sets)
    kind = equipment_hint(name) or (
        Exercise.LoadKind.DUMBBELL if loaded else Exercise.LoadKind.BODYWEIGHT
    )
    return {
        "slug": slugify(name)[:70] or "exercise",
        "name": name[:120],
        "role": Exercise.Role.STRENGTH,
        "measure": Exercise.Measure.SECONDS if timed > len(sets) / 2 else Exercise.Measure.REPS,
        "load_kind": kind,
        "summary": "Imported from another app.",
    }


def _free_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug[:70], 2
    while candidate in taken:
        candidate = f"{slug[:70]}-{number}"
        number += 1
    return candidate


def _restore_profile(user, profile: dict) -> None:
    """The settings from a Legwork export, each only if valid; anything invalid is left as the
    runner has it now."""
    changed = []
    for name, value in profile.items():
        if name == "race_date" and value:
            value = _date_or_none(value)
        old = getattr(user, name)
        setattr(user, name, value)
        try:
            user.clean_fields(
                exclude=[field.name for field in user._meta.fields if field.name != name]
            )
        except ValidationError:
            setattr(user, name, old)
            continue
        changed.append(name)
    if changed:
        user.save(update_fields=changed)
        user.__dict__.pop("zone", None)


def _date_or_none(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
