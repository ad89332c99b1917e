"""Demo histories: years of lived-in training, generated deterministically and fast.

`manage.py seed_demo`, `make demo`, the benchmarks in bench/ and the performance tests all call
`seed_history` or `create_demo_user`. The same seed and end date always give the same history.

What a generated history holds, so pages are measured on data that looks like a real runner's:
- two or three sessions a week on the runner's preferred days and hour, with holidays and
  illnesses (no sessions, then a lighter load), the odd slip to the next day (back-to-back), a
  rare second session on one day, late-evening sessions whose UTC date is already tomorrow;
- every routine move: the balloon-breathing warm-up in breaths (skipped now and then), squat and
  the deadlift slot (kettlebell swings in running season, single-leg deadlifts some weeks)
  with loads that progress by docs/design.md's steps and stall near the runner's limit, the plank in
  seconds, lateral lunges and the core move per side (a left and a right row per set number);
- abandoned drafts (never finished), a few warm-up-only sessions (finished but not counted);
- local times kept in the runner's own timezone, so daylight-saving changes move UTC, never the
  local day or hour.

The rows are written by services.sessions_import (bulk inserts, no full_clean per row, for
speed; their tallies with them); the values respect the models' validators, which the tests
check on a sample.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from apps.accounts.models import User
from apps.accounts.units import KG, LB, from_kg, to_kg
from apps.exercises.models import Exercise, Routine, RoutineSlot
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG
from apps.training import services
from apps.training.models import SetEntry, SlotChoice, TrainingSession
from apps.training.progression import BODYWEIGHT_STEPS, KETTLEBELL_SIZES, load_step, next_load_kg

WEEKS_PER_YEAR = 52.1775
DEMO_EMAIL = "demo@legwork.local"
DEMO_PASSWORD = "legwork-demo-runner"
# Demo runners live in different timezones: two with European and American daylight saving on
# different dates, one in the southern hemisphere, one without daylight saving.
DEMO_TIMEZONES = ("Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata")

PRESCRIBED_SETS = 3
PRESCRIBED_REPS = 5
PRESCRIBED_BREATHS = 5

# Where a runner starts (light, as the article asks) and roughly where they stop progressing,
# in the runner's unit.
START_AND_LIMIT = {
    KG: {
        "squat": (Decimal("7.5"), Decimal(40)),
        "deadlift": (Decimal(10), Decimal(60)),
        "single-leg-deadlift": (Decimal(5), Decimal(24)),
        "kettlebell-swing": (Decimal(12), Decimal(32)),
        "lateral-lunge": (Decimal(4), Decimal(20)),
    },
    LB: {
        "squat": (Decimal(15), Decimal(90)),
        "deadlift": (Decimal(20), Decimal(130)),
        "single-leg-deadlift": (Decimal(15), Decimal(50)),
        "kettlebell-swing": (Decimal(25), Decimal(70)),
        "lateral-lunge": (Decimal(10), Decimal(45)),
    },
}
PLANK_START_SECONDS = 20
PLANK_LIMIT_SECONDS = 60
BODYWEIGHT_REPS_LIMIT = 10
# How fast a runner's capacity approaches their limit, in weeks of training.
CAPACITY_WEEKS = 150

NOTES = (
    "Legs heavy after Sunday's long run.",
    "Felt strong today.",
    "Short on time, kept the rests short.",
    "Left hip a bit tight on the lunges.",
    "Gym was busy; did it at home.",
    "Easy week before the race.",
    "Slept badly, kept it light.",
)
WEEKDAY_PATTERNS = ((1, 3, 5), (0, 2, 5), (1, 3, 6), (0, 3, 5), (2, 4, 6))
SESSION_HOURS = ((6, 30), (12, 15), (18, 30), (19, 45))


@dataclass(frozen=True)
class DemoHistory:
    user: User
    sessions: int
    drafts: int
    set_entries: int


def years_to_weeks(years: float) -> int:
    return max(0, round(years * WEEKS_PER_YEAR))


def create_demo_user(
    *,
    email: str = DEMO_EMAIL,
    password: str = DEMO_PASSWORD,
    weeks: int,
    seed: int,
    timezone: str = DEMO_TIMEZONES[0],
    unit: str = KG,
    end: dt.date | None = None,
    open_draft: bool = False,
) -> DemoHistory:
    """A runner who can sign in with `email` and `password`, with `weeks` weeks of history
    ending on `end` (their today by default). An existing user of that email keeps their
    account but gets the password and a fresh history."""
    with transaction.atomic():
        user = User.objects.filter(email=email).first() or User(email=email)
        user.name = user.name or "Demo runner"
        user.timezone = timezone
        user.unit = unit
        user.set_password(password)
        user.save()
        services.sessions_delete_all(user=user)
        SlotChoice.objects.filter(user=user).delete()
        return seed_history(user=user, weeks=weeks, seed=seed, end=end, open_draft=open_draft)


def seed_history(
    *,
    user: User,
    weeks: int,
    seed: int,
    end: dt.date | None = None,
    open_draft: bool = False,
) -> DemoHistory:
    """Adds `weeks` weeks of training ending on `end` (the runner's local today by default) to
    `user`. With `open_draft`, the history stops the day before `end` and ends with a draft
    started twenty minutes ago, half done, as if the runner were in the middle of it."""
    zone = user.zone
    if end is None:
        end = dt.datetime.now(tz=zone).date()
    routine = Routine.objects.prefetch_related("slots__options__exercise").get(
        slug=DEFAULT_ROUTINE_SLUG
    )
    rng = random.Random(seed)
    planner = _Planner(rng=rng, zone=zone, unit=user.unit, routine=routine)
    now = dt.datetime.now(tz=dt.UTC)
    last_day = end - dt.timedelta(days=1) if open_draft else end
    plans = [plan for plan in planner.sessions(end=last_day, weeks=weeks) if plan.started_at < now]
    if open_draft:
        plans.append(planner.open_draft(started=now - dt.timedelta(minutes=20)))

    with transaction.atomic():
        sessions = [
            TrainingSession(
                user=user,
                routine=routine,
                started_at=plan.started_at,
                finished_at=plan.finished_at,
                warmup_done=plan.warmup_done,
                effort=plan.effort,
                notes=plan.notes,
            )
            for plan in plans
        ]
        written = services.sessions_import(
            user=user,
            sessions=sessions,
            sets=(
                SetEntry(session=session, **row)
                for session, plan in zip(sessions, plans, strict=True)
                for row in plan.rows
            ),
        )
        for slot, exercise in planner.last_choices.items():
            services.slot_choose(user=user, slot=slot, exercise=exercise)
    return DemoHistory(
        user=user,
        sessions=len(sessions),
        drafts=sum(1 for plan in plans if plan.finished_at is None),
        set_entries=written,
    )


@dataclass
class _SessionPlan:
    started_at: dt.datetime
    finished_at: dt.datetime | None
    warmup_done: bool
    effort: int | None
    notes: str
    rows: list[dict] = field(default_factory=list)


@dataclass
class _Progress:
    """Where a runner is with one move: a load in their unit, reps or seconds."""

    load: Decimal | None
    target: int


class _Planner:
    """Walks the calendar week by week, deciding when the runner trains and what they lift."""

    def __init__(self, *, rng: random.Random, zone: ZoneInfo, unit: str, routine: Routine):
        self.rng = rng
        self.zone = zone
        self.unit = unit
        self.slots = list(routine.slots.all())
        self.exercises = {
            option.exercise.slug: option.exercise
            for slot in self.slots
            for option in slot.options.all()
        }
        self.weekdays = rng.choice(WEEKDAY_PATTERNS)
        self.hour, self.minute = rng.choice(SESSION_HOURS)
        self.progress: dict[str, _Progress] = {}
        self.last_choices: dict[RoutineSlot, Exercise] = {}
        self.core = "deadbug"
        self.last_day: dt.date | None = None
        self.sessions_done = 0

    # The calendar ------------------------------------------------------------------------

    def sessions(self, *, end: dt.date, weeks: int) -> Iterator[_SessionPlan]:
        """The sessions of the `weeks` weeks ending on `end`, oldest first."""
        first = end - dt.timedelta(days=weeks * 7 - 1)
        breaks = self._breaks(first, end)
        monday = first - dt.timedelta(days=first.weekday())
        while monday <= end:
            for day in self._week_days(monday):
                if first <= day <= end and day not in breaks:
                    yield from self._day(day)
            monday += dt.timedelta(days=7)

    def open_draft(self, *, started: dt.datetime) -> _SessionPlan:
        return self._session(started, draft=True, exercises_done=2)

    def _breaks(self, first: dt.date, end: dt.date) -> set[dt.date]:
        """Holidays (one to two weeks, twice a year) and illnesses (a few days to ten, once or
        twice a year): days without training."""
        days: set[dt.date] = set()
        year_start = first
        while year_start <= end:
            spans = [self.rng.randint(7, 15) for _ in range(2)]
            spans += [self.rng.randint(3, 10) for _ in range(self.rng.randint(1, 2))]
            for length in spans:
                start = year_start + dt.timedelta(days=self.rng.randint(0, 364))
                days.update(start + dt.timedelta(days=n) for n in range(length))
            year_start += dt.timedelta(days=365)
        return days

    def _week_days(self, monday: dt.date) -> list[dt.date]:
        count = self.rng.choices((2, 3, 4), weights=(32, 63, 5))[0]
        weekdays = list(self.weekdays[:count])
        if count == 4:
            weekdays.append(next(d for d in range(7) if d not in self.weekdays))
        days = []
        for weekday in sorted(weekdays):
            day = monday + dt.timedelta(days=weekday)
            roll = self.rng.random()
            if roll < 0.06 and days:
                day = days[-1] + dt.timedelta(days=1)  # slipped: the day after the last one
            elif roll < 0.16:
                day += dt.timedelta(days=self.rng.choice((-1, 1)))
            if not days or day > days[-1]:
                days.append(day)
        return days

    def _day(self, day: dt.date) -> Iterator[_SessionPlan]:
        roll = self.rng.random()
        if roll < 0.04:
            hour, minute = 22, self.rng.randint(30, 55)  # late: already tomorrow in UTC east
        elif roll < 0.07:
            hour, minute = 5, self.rng.randint(40, 59)
        else:
            minutes = self.hour * 60 + self.minute + self.rng.randint(-40, 40)
            hour, minute = divmod(minutes, 60)
        local = dt.datetime.combine(day, dt.time(hour, minute), self.zone)
        started = local.astimezone(dt.UTC)
        roll = self.rng.random()
        if roll < 0.03:
            yield self._session(started, draft=True, exercises_done=self.rng.randint(0, 4))
        elif roll < 0.04:
            yield self._session(started, warmup_only=True)
        else:
            yield self._session(started)
            if hour < 19 and self.rng.random() < 0.004:
                # A rare second session the same day: two sessions on one day make one day.
                yield self._session(started + dt.timedelta(hours=3))

    # One session -------------------------------------------------------------------------

    def _session(
        self,
        started: dt.datetime,
        *,
        draft: bool = False,
        warmup_only: bool = False,
        exercises_done: int = 99,
    ) -> _SessionPlan:
        day = started.astimezone(self.zone).date()
        if self.last_day is not None and (day - self.last_day).days > 14:
            self._deload()
        warmup = self.rng.random() >= 0.1 or warmup_only
        effort = (
            None if draft or self.rng.random() < 0.1 else self.rng.choice((5, 6, 6, 7, 7, 8, 9))
        )
        notes = self.rng.choice(NOTES) if not draft and self.rng.random() < 0.08 else ""
        plan = _SessionPlan(
            started_at=started,
            finished_at=None,
            warmup_done=warmup,
            effort=effort,
            notes=notes,
        )
        strength_slots = [slot for slot in self.slots if slot.order > 0]
        if warmup:
            plan.rows += self._warmup_rows()
        if not warmup_only:
            for index, slot in enumerate(strength_slots):
                if index >= exercises_done:
                    break
                exercise = self._choose(slot, day)
                plan.rows += self._strength_rows(exercise, slot, record=not draft)
        if not draft:
            plan.finished_at = started + dt.timedelta(minutes=self.rng.randint(28, 55))
            self.last_day = day
            self.sessions_done += 1
        return plan

    def _warmup_rows(self) -> list[dict]:
        exercise = self.exercises["balloon-breathing"]
        return [
            _row(exercise, number, breaths=PRESCRIBED_BREATHS - (self.rng.random() < 0.1))
            for number in range(1, PRESCRIBED_SETS + 1)
        ]

    def _choose(self, slot: RoutineSlot, day: dt.date) -> Exercise:
        slugs = [option.exercise.slug for option in slot.options.all()]
        if "kettlebell-swing" in slugs:
            # Kettlebell swings in running season (spring), single-leg deadlifts some weeks.
            roll = self.rng.random()
            if day.month in (3, 4, 5) and roll < 0.7:
                slug = "kettlebell-swing"
            elif roll > 0.9:
                slug = "single-leg-deadlift"
            else:
                slug = "deadlift"
        elif "pallof-press" in slugs:
            if self.rng.random() < 0.15:
                self.core = "pallof-press" if self.core == "deadbug" else "deadbug"
            slug = self.core
        else:
            slug = slugs[0]
        exercise = self.exercises[slug]
        if len(slugs) > 1:
            self.last_choices[slot] = exercise
        return exercise

    def _strength_rows(self, exercise: Exercise, slot: RoutineSlot, *, record: bool) -> list:
        progress = self._progress_of(exercise)
        # Above what the runner can do by now, sets fall short (and the load then stays).
        done = progress.target if progress.load is None else progress.load
        strain = float(done / self._capacity(exercise))
        falls_short = self.rng.random() < 0.05 + 0.95 * min(1.0, max(0.0, (strain - 0.85) / 0.2))
        short_set = self.rng.randint(2, PRESCRIBED_SETS) if falls_short else 0
        skipped_set = PRESCRIBED_SETS if self.rng.random() < 0.02 else 0
        load_kg = None if progress.load is None else to_kg(progress.load, self.unit)
        sides = exercise.sides
        rows = []
        for number in range(1, PRESCRIBED_SETS + 1):
            amount = progress.target - (self.rng.randint(1, 2) if number == short_set else 0)
            for side in sides:
                rows.append(
                    _row(
                        exercise,
                        number,
                        side=side,
                        load_kg=load_kg,
                        done=number != skipped_set,
                        **{exercise.measure: amount},
                    )
                )
        if record and not falls_short and not skipped_set:
            self._step_up(exercise, progress)
        return rows

    # Progression -------------------------------------------------------------------------

    def _progress_of(self, exercise: Exercise) -> _Progress:
        if exercise.slug not in self.progress:
            if exercise.is_loaded:
                start, _ = START_AND_LIMIT[self.unit][exercise.slug]
                self.progress[exercise.slug] = _Progress(load=start, target=PRESCRIBED_REPS)
            elif exercise.measure == Exercise.Measure.SECONDS:
                self.progress[exercise.slug] = _Progress(load=None, target=PLANK_START_SECONDS)
            else:
                self.progress[exercise.slug] = _Progress(load=None, target=PRESCRIBED_REPS)
        return self.progress[exercise.slug]

    def _capacity(self, exercise: Exercise) -> Decimal:
        """What the runner can do by now: from the start towards their limit, most of the way
        in the first three years of training, so loads keep creeping up for a long time."""
        if exercise.is_loaded:
            start = START_AND_LIMIT[self.unit][exercise.slug][0]
        elif exercise.measure == Exercise.Measure.SECONDS:
            start = Decimal(PLANK_START_SECONDS)
        else:
            start = Decimal(PRESCRIBED_REPS)
        weeks = Decimal(self.sessions_done) / Decimal("2.5")
        grown = 1 - Decimal(-weeks / CAPACITY_WEEKS).exp()
        return start + (self._limit(exercise) - start) * grown

    def _limit(self, exercise: Exercise) -> Decimal:
        if exercise.is_loaded:
            return START_AND_LIMIT[self.unit][exercise.slug][1]
        if exercise.measure == Exercise.Measure.SECONDS:
            return Decimal(PLANK_LIMIT_SECONDS)
        return Decimal(BODYWEIGHT_REPS_LIMIT)

    def _step_up(self, exercise: Exercise, progress: _Progress) -> None:
        """docs/design.md, "Progression": every set done at the prescription, so one step up; loaded
        moves by load, bodyweight moves by reps or seconds (apps/training/progression.py's
        steps), never past the runner's limit."""
        limit = self._limit(exercise)
        if progress.load is None:
            step = BODYWEIGHT_STEPS[exercise.measure]
            progress.target = min(progress.target + step, int(limit))
            return
        stepped_kg = next_load_kg(
            to_kg(progress.load, self.unit),
            load_kind=exercise.load_kind,
            load_step_kind=exercise.load_step,
            unit=self.unit,
        )
        progress.load = min(from_kg(stepped_kg, self.unit).normalize(), limit)

    def _deload(self) -> None:
        """Back after more than two weeks off (holiday, illness): about 10% lighter, on the
        step grid, and a little less hold or reps."""
        for slug, progress in self.progress.items():
            exercise = self.exercises[slug]
            if exercise.measure == Exercise.Measure.SECONDS:
                step = BODYWEIGHT_STEPS[exercise.measure]
                progress.target = max(PLANK_START_SECONDS, progress.target - step)
            elif progress.load is None:
                progress.target = max(PRESCRIBED_REPS, progress.target - 1)
            elif exercise.load_kind == Exercise.LoadKind.KETTLEBELL:
                lighter = [bell for bell in KETTLEBELL_SIZES[self.unit] if bell < progress.load]
                if lighter and progress.load > START_AND_LIMIT[self.unit][slug][0]:
                    progress.load = lighter[-1]
            else:
                step = load_step(exercise.load_step, self.unit)
                start = START_AND_LIMIT[self.unit][slug][0]
                lighter = (progress.load * Decimal("0.9") / step).to_integral_value(ROUND_FLOOR)
                progress.load = max(start, lighter * step)


def _row(exercise: Exercise, number: int, **values) -> dict:
    row = {"exercise": exercise, "set_number": number, "done": True, "side": ""}
    row.update(values)
    return row
