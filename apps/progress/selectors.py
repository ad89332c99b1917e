"""Reads behind the progress rules: the few columns the calculations need, in a fixed number of
queries whatever the size of the history, handed to the pure functions in rules.py.

The pages and the API call home_summary() and progress_overview(); both take an optional
`today` (the runner's local date) so tests and the API can ask about any day."""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import NotSupportedError
from django.db.models import (
    BigIntegerField,
    Exists,
    Func,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from apps.accounts.equipment import available_loads_kg
from apps.exercises.models import Exercise, SlotOption
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG
from apps.progress import rules
from apps.training.models import SetEntry, TrainingSession
from apps.training.progression import Suggestion, next_suggested_load


def counted_session_sets(user) -> Iterator[tuple[dt.datetime, int]]:
    """(start, sets done) of every counted session, oldest first, for one pass: one row per
    session, its sets from the session's tally (distinct moves and set numbers, so the left and
    right halves of a per-side set make one set; warm-up sets imported from other apps are not
    counted).

    The start is read to the whole second, as a plain number, and given in the runner's
    timezone: parsing 2,500 datetimes cost more than the rest of the query, and a fraction of a
    second never moves a session to another day."""
    zone = user.zone
    rows = (
        TrainingSession.objects.of(user)
        .counted()
        .order_by("started_at", "id")
        .values_list(_UnixSeconds("started_at"), "strength_sets")
    )
    return ((dt.datetime.fromtimestamp(seconds, zone), sets) for seconds, sets in rows)


def set_groups(
    user, since: dt.datetime | None = None
) -> tuple[list[rules.SetGroup], dict[int, dt.datetime]]:
    """The done working sets of each move in each finished session, grouped by load in SQL
    (a few rows per session, never one per set), from `since` on or for all time, and the start
    of each of their sessions (all counted: each has a done set of a strength move)."""
    sets = _done_strength_sets(user).filter(is_warmup_set=False)
    if since is not None:
        sets = sets.filter(session__started_at__gte=since)
    rows = (
        sets.values("session_id", "session__started_at", "exercise_id", "load_kg")
        .annotate(most_reps=Max("reps"), longest=Max("seconds"))
        .order_by()
        .values_list(
            "session_id", "exercise_id", "load_kg", "most_reps", "longest", "session__started_at"
        )
    )
    groups, starts = [], {}
    for *group, started_at in rows:
        groups.append(rules.SetGroup(*group))
        starts[group[0]] = started_at
    return groups, starts


def moves_with_bests(user) -> list[tuple[Exercise, tuple[Decimal | None, int | None, int | None]]]:
    """The strength moves with done working sets in the runner's finished sessions, in routine
    order, each with its heaviest load, most reps and longest hold ever, in one query whatever
    the size of the history: each best is the top of an index of the runner's done working
    sets by move and value (SetEntry's set_best_* indexes), stepping over a draft's sets."""
    working = SetEntry.objects.filter(
        user=user,
        exercise=OuterRef("pk"),
        done=True,
        is_warmup_set=False,
        session__finished_at__isnull=False,
    )

    def best(value: str) -> Subquery:
        top = working.filter(**{f"{value}__isnull": False}).order_by(f"-{value}")
        return Subquery(top.values(value)[:1])

    moves = (
        # A runner's sets are of the routine's moves or of their own (imported) ones.
        Exercise.objects.visible_to(user)
        .filter(role=Exercise.Role.STRENGTH)
        .filter(Exists(working))
        .annotate(heaviest=best("load_kg"), most_reps=best("reps"), longest=best("seconds"))
        .only("slug", "name", "order", "measure", "load_kind", "per_side", "load_step")
    )
    return [(move, (move.heaviest, move.most_reps, move.longest)) for move in moves]


@dataclass(frozen=True)
class HomeSummary:
    """This week at a glance, for the signed-in home page and GET /api/v1/progress/week."""

    today: dt.date
    status: rules.WeekStatus
    next_day: rules.NextDay
    streaks: rules.Streaks
    taper: rules.Taper | None


def home_summary(user, today: dt.date | None = None) -> HomeSummary:
    """The current week, the next suggested day, streaks and any race taper, in one query."""
    today = today or local_today(user)
    tallies = rules.tally_days(counted_session_sets(user), user.zone)
    all_weeks = rules.weeks(
        tallies, today=today, first_weekday=user.week_start, goal=user.weekly_goal
    )
    return HomeSummary(
        today=today,
        status=rules.current_week_status(all_weeks, today),
        next_day=_next_day(
            user, rules.recent_days(list(tallies), rules.week_start(today, user.week_start)), today
        ),
        streaks=rules.streaks(all_weeks),
        taper=rules.race_taper(today, user.race_date),
    )


@dataclass(frozen=True)
class MoveProgress:
    """One move's best set per session over time, in what it progresses by."""

    exercise: Exercise
    measure: str
    best_sets: list[rules.BestSet]
    best_ever: Decimal | int | None = None
    suggestion: Suggestion | None = None

    @property
    def latest(self) -> rules.BestSet | None:
        return self.best_sets[-1] if self.best_sets else None


@dataclass(frozen=True)
class ProgressOverview:
    """Everything the progress page shows, from one row per counted session, each move's best
    ever and the grouped sets behind the per-move series."""

    today: dt.date
    series_since: dt.date | None
    weeks: list[rules.Week]
    status: rules.WeekStatus
    streaks: rules.Streaks
    next_day: rules.NextDay
    totals: list[rules.Totals]
    heatmap: list[list[rules.HeatDay]]
    recovery_since: dt.date
    recovery_flags: list[rules.RecoveryGap]
    days_since_last_session: int | None
    on_long_break: bool
    moves: list[MoveProgress]

    @property
    def has_sessions(self) -> bool:
        return any(week.sessions for week in self.weeks)

    @property
    def session_count(self) -> int:
        return sum(week.sessions for week in self.weeks)

    @property
    def just_started(self) -> bool:
        """One counted session so far: nothing has two points to chart yet, so the page says
        what will appear and when instead of drawing single dots."""
        return self.session_count < 2

    @property
    def recent_weeks(self) -> list[rules.Week]:
        return self.weeks[-RECENT_WEEKS:]


RECENT_WEEKS = 12
HEATMAP_WEEKS = 52
# progress_overview's default for the per-move series: the last year (None means all time).
SERIES_DEFAULT = object()


def progress_overview(
    user, today: dt.date | None = None, series_since: dt.date | None = SERIES_DEFAULT
) -> ProgressOverview:
    """The progress page's numbers in a fixed number of queries whatever the history: counted
    sessions with their set counts, the moves done with each one's best ever, the grouped sets
    behind the per-move series (from `series_since`, the last year by default, None for all
    time) and what the progression rule needs (the slots' prescriptions, the last counted
    sets)."""
    today = today or local_today(user)
    if series_since is SERIES_DEFAULT:
        series_since = today - dt.timedelta(weeks=HEATMAP_WEEKS)
    with_bests = moves_with_bests(user)
    exercises = [exercise for exercise, _ in with_bests]
    bests = {exercise.pk: best for exercise, best in with_bests}
    measures = {
        exercise.pk: rules.progress_measure(exercise.measure, exercise.is_loaded)
        for exercise in exercises
    }
    since = None
    if series_since is not None:
        since = dt.datetime.combine(series_since, dt.time.min, tzinfo=user.zone)
    groups, starts = set_groups(user, since)
    series = rules.best_sets(groups, starts, user.zone, measures)
    tallies = rules.tally_days(counted_session_sets(user), user.zone)
    all_weeks = rules.weeks(
        tallies, today=today, first_weekday=user.week_start, goal=user.weekly_goal
    )
    suggestions = _next_loads(user, exercises) if exercises else {}
    recovery_since = rules.week_start(today, user.week_start) - dt.timedelta(weeks=RECENT_WEEKS - 1)
    # The rules about the recent past need only its days: not 20 years of them.
    recent = rules.recent_days(list(tallies), recovery_since)
    return ProgressOverview(
        today=today,
        series_since=series_since,
        weeks=all_weeks,
        status=rules.current_week_status(all_weeks, today),
        streaks=rules.streaks(all_weeks),
        next_day=_next_day(user, recent, today),
        totals=rules.standard_totals(all_weeks),
        heatmap=rules.heatmap(
            tallies, today=today, first_weekday=user.week_start, weeks=HEATMAP_WEEKS
        ),
        recovery_since=recovery_since,
        recovery_flags=rules.recovery_flags(
            recent, min_rest_days=user.min_rest_days, since=recovery_since
        ),
        days_since_last_session=rules.days_since_last_session(recent, today),
        on_long_break=rules.is_on_long_break(recent, today),
        moves=[
            MoveProgress(
                exercise=exercise,
                measure=measures[exercise.pk],
                best_sets=series.get(exercise.pk, []),
                best_ever=_best_value(bests[exercise.pk], measures[exercise.pk]),
                suggestion=suggestions.get(exercise.pk),
            )
            for exercise in exercises
        ],
    )


def move_progress(user, exercise: Exercise, today: dt.date | None = None) -> MoveProgress:
    """One move's whole series (all time) and next suggestion, as the progress page computes
    them (for GET /api/v1/progress/moves/{slug}/); a move not done yet has an empty series, no
    best, and, when the routine prescribes it, the first-time suggestion."""
    overview = progress_overview(user, today, series_since=None)
    for move in overview.moves:
        if move.exercise.pk == exercise.pk:
            return move
    return MoveProgress(
        exercise=exercise,
        measure=rules.progress_measure(exercise.measure, exercise.is_loaded),
        best_sets=[],
        best_ever=None,
        suggestion=_next_loads(user, [exercise]).get(exercise.pk),
    )


def local_today(user) -> dt.date:
    """Today's date where the runner is."""
    return rules.local_date(timezone.now(), user.zone)


def _next_day(user, days: Sequence[dt.date], today: dt.date) -> rules.NextDay:
    return rules.next_suggested_day(
        days,
        today=today,
        first_weekday=user.week_start,
        goal=user.weekly_goal,
        min_rest_days=user.min_rest_days,
        long_run_weekday=user.long_run_weekday,
    )


class _UnixSeconds(Func):
    """A moment as whole seconds since 1970 (UTC), computed by the database: a plain integer the
    ORM hands back without parsing a datetime. SQLite and PostgreSQL, Legwork's two databases."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"Unix seconds are not written for {connection.vendor}.")

    def as_sqlite(self, compiler, connection, **extra_context):
        # strftime's format goes as a parameter: a '%' written in the SQL reads as a placeholder.
        seconds = Func(Value("%s"), *self.get_source_expressions(), function="strftime")
        return compiler.compile(Cast(seconds, BigIntegerField()))

    def as_postgresql(self, compiler, connection, **extra_context):
        # Floored, not rounded: 23:59:59.6 stays on its day.
        template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint"
        return super().as_sql(compiler, connection, template=template, **extra_context)


def _done_strength_sets(user) -> QuerySet[SetEntry]:
    """Done sets of strength moves in the runner's finished sessions: the sets that make a
    session counted (docs/design.md), so every query here agrees with
    TrainingSession.objects.counted()."""
    return SetEntry.objects.filter(
        session__user=user,
        session__finished_at__isnull=False,
        done=True,
        exercise__role=Exercise.Role.STRENGTH,
    )


def _best_value(best: tuple[Decimal | None, int | None, int | None], measure: str):
    load, reps, seconds = best
    if measure == rules.LOAD:
        return load or Decimal(0)
    return seconds if measure == rules.SECONDS else reps


def _next_loads(user, exercises: list[Exercise]) -> dict[int, Suggestion]:
    """The progression rule's next suggestion for each routine move among `exercises` (moves
    imported from other apps have no prescription, so no suggestion), from the same last
    counted sets the session player uses."""
    prescriptions = {
        option.exercise_id: option.slot
        for option in SlotOption.objects.filter(
            exercise__in=exercises, slot__routine__slug=DEFAULT_ROUTINE_SLUG
        ).select_related("slot")
    }
    routine_moves = [exercise for exercise in exercises if exercise.pk in prescriptions]
    last_sets = SetEntry.objects.last_counted_per_move(user, routine_moves)
    return {
        exercise.pk: next_suggested_load(
            exercise=exercise,
            prescription=prescriptions[exercise.pk],
            last_sets=last_sets.get(exercise.pk, []),
            unit=user.unit,
            available_kg=available_loads_kg(user, exercise.load_kind),
        )
        for exercise in routine_moves
    }
