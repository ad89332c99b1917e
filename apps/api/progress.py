"""progress/: weeks, the summary (streaks, this week, recovery, next suggested day, taper,
totals) and one move's series with its next suggested load. Every number comes from
apps/progress (selectors.py, rules.py) and apps/training/progression.py, exactly as the pages
show it."""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.common import DateRangeQuery, UserTimezoneMixin, validate_query
from apps.progress import rules, selectors, wording
from apps.training import caching
from apps.training.ownership import exercise_visible_by_slug_or_404

MAX_WEEKS = 5 * 53
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class InWords(serializers.CharField):
    """A sentence about the whole object, as the pages say it (apps/progress/wording.py)."""

    def __init__(self, words, **kwargs):
        self.words = words
        super().__init__(source="*", **kwargs)

    def to_representation(self, value):
        return self.words(value)


class ListInWords(serializers.ListField):
    """Sentences about the whole object, as the pages say them (apps/progress/wording.py)."""

    def __init__(self, words, **kwargs):
        self.words = words
        super().__init__(child=serializers.CharField(), source="*", **kwargs)

    def to_representation(self, value):
        return self.words(value)


class WeekSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="The week's first day (your week start).")
    end = serializers.DateField()
    sessions = serializers.IntegerField(help_text="Counted sessions in the week.")
    days = serializers.ListField(
        child=serializers.DateField(), help_text="The local dates you trained on."
    )
    days_trained = serializers.IntegerField(source="day_count")
    sets = serializers.IntegerField(help_text="Done strength sets (a per-side set counts once).")
    goal = serializers.IntegerField(help_text="Your weekly goal: days with a counted session.")
    met = serializers.BooleanField(
        source="meets_minimum", help_text="Counted sessions fell on at least `goal` days."
    )
    current = serializers.BooleanField(source="is_current")
    complete = serializers.BooleanField(source="is_complete", help_text="The week has ended.")


class WeeksSerializer(serializers.Serializer):
    week_start = serializers.ChoiceField(choices=WEEKDAYS)
    goal = serializers.IntegerField()
    weeks = WeekSerializer(many=True)


class WeekStatusSerializer(serializers.Serializer):
    start = serializers.DateField(source="week.start")
    end = serializers.DateField(source="week.end")
    done = serializers.IntegerField(help_text="Days trained this week.")
    goal = serializers.IntegerField()
    days_left = serializers.IntegerField(help_text="Days left in the week, today included.")
    met = serializers.BooleanField()
    summary = InWords(wording.week_summary, help_text="E.g. “1 of 2 sessions done, 4 days left”.")


class StreaksSerializer(serializers.Serializer):
    current = serializers.IntegerField(help_text="Consecutive weeks meeting the minimum.")
    longest = serializers.IntegerField()


class NextDaySerializer(serializers.Serializer):
    day = serializers.DateField(help_text="The earliest day that respects your rest and goal.")
    headline = InWords(wording.next_day_headline)
    reasons = ListInWords(wording.next_day_reasons)
    message = InWords(
        wording.next_day_message, help_text="The headline and reasons as one sentence."
    )
    resting = serializers.BooleanField(help_text="You still have rest to take first.")
    week_met = serializers.BooleanField()
    week_can_be_met = serializers.BooleanField()


class RecoveryGapSerializer(serializers.Serializer):
    earlier = serializers.DateField()
    later = serializers.DateField()
    rest_days = serializers.IntegerField(help_text="Whole rest days between the two sessions.")
    back_to_back = serializers.BooleanField(help_text="Below your minimum rest.")
    long_break = serializers.BooleanField(help_text=f"A long break ({wording.LONG_BREAK_RULE}).")


class RecoverySerializer(serializers.Serializer):
    since = serializers.DateField(help_text="Flags cover the last 12 weeks from this date.")
    days_since_last_session = serializers.IntegerField(
        allow_null=True,
        help_text="Days from your last counted session's date to today (0: you trained today); "
        "null without sessions.",
    )
    on_long_break = serializers.BooleanField(
        help_text=f"A session today would end a long break ({wording.LONG_BREAK_RULE})."
    )
    flags = RecoveryGapSerializer(many=True, help_text="Newest first.")


class TaperSerializer(serializers.Serializer):
    race_date = serializers.DateField()
    days_to_race = serializers.IntegerField()
    sets = serializers.IntegerField(help_text="Sets per move until the race.")
    usual_sets = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    label = InWords(wording.totals_label)
    weeks = serializers.IntegerField()
    weeks_judged = serializers.IntegerField()
    weeks_met = serializers.IntegerField()
    sessions = serializers.IntegerField()
    sets = serializers.IntegerField()
    percent_met = serializers.IntegerField(allow_null=True)


class SummarySerializer(serializers.Serializer):
    today = serializers.DateField(help_text="Your local date.")
    week = WeekStatusSerializer()
    streaks = StreaksSerializer()
    next_day = NextDaySerializer()
    recovery = RecoverySerializer()
    taper = TaperSerializer(allow_null=True, help_text="Your race's final two weeks, or null.")
    totals = TotalsSerializer(many=True, help_text="Last 4 weeks, last 12 weeks, all time.")


class BestSetSerializer(serializers.Serializer):
    date = serializers.DateField(source="day", help_text="The session's local date.")
    value = serializers.DecimalField(
        max_digits=16,
        decimal_places=6,
        coerce_to_string=False,
        help_text="What the move progresses by: kilograms, reps or seconds (see `measure`).",
    )
    reps = serializers.IntegerField(allow_null=True)
    seconds = serializers.IntegerField(allow_null=True)
    load_kg = serializers.DecimalField(
        max_digits=10, decimal_places=6, coerce_to_string=False, allow_null=True
    )


class SuggestionSerializer(serializers.Serializer):
    load_kg = serializers.DecimalField(
        max_digits=10,
        decimal_places=6,
        coerce_to_string=False,
        allow_null=True,
        help_text="Kilograms; null for bodyweight moves (they progress by reps or seconds).",
    )
    target = serializers.IntegerField(help_text="Reps, seconds or breaths per set.")
    measure = serializers.CharField(help_text="reps, seconds or breaths.")
    reason = serializers.CharField(help_text="Why, in one line (loads in your unit).")


class MoveSerializer(serializers.Serializer):
    exercise = serializers.CharField(source="exercise.slug")
    name = serializers.CharField(source="exercise.name")
    measure = serializers.ChoiceField(
        choices=[rules.LOAD, rules.REPS, rules.SECONDS],
        help_text="What `value` is: the load in kg, reps, or seconds held.",
    )
    series = BestSetSerializer(
        source="best_sets",
        many=True,
        help_text="The best set of each counted session, oldest first, all time.",
    )
    best_ever = serializers.DecimalField(
        max_digits=16,
        decimal_places=6,
        coerce_to_string=False,
        allow_null=True,
        help_text="The best value ever (kg, reps or seconds, by `measure`); null if never done.",
    )
    next = SuggestionSerializer(
        source="suggestion",
        allow_null=True,
        help_text="The progression rule's suggestion for next time (null for moves the "
        "routine does not prescribe).",
    )


class WeeksView(UserTimezoneMixin, APIView):
    @extend_schema(
        summary="Your weeks",
        description=(
            "Per week (in your timezone, starting on your week start): counted sessions, the "
            "days trained, and whether it met your weekly goal. `from` and `to` are local "
            "dates; weeks overlapping them are returned, oldest first, from the week of your "
            "first counted session on. Default: the last 12 weeks. At most 265 weeks."
        ),
        parameters=[
            OpenApiParameter("from", dt.date, description="First local date (inclusive)."),
            OpenApiParameter("to", dt.date, description="Last local date (inclusive)."),
        ],
        responses={200: WeeksSerializer},
    )
    def get(self, request):
        query = validate_query(request.query_params, DateRangeQuery)
        last = query.get("to", selectors.local_today(request.user))
        first = query.get("from", last - dt.timedelta(weeks=selectors.RECENT_WEEKS - 1))
        if (last - first).days > MAX_WEEKS * 7:
            raise serializers.ValidationError({"from": [f"At most {MAX_WEEKS} weeks before `to`."]})

        def weeks_data() -> dict:
            overview = selectors.progress_overview(request.user)
            weeks = [week for week in overview.weeks if week.end >= first and week.start <= last]
            body = {
                "week_start": WEEKDAYS[request.user.week_start],
                "goal": request.user.weekly_goal,
                "weeks": weeks,
            }
            return WeeksSerializer(body).data

        # Computed from the whole history: cached until it changes (apps/training/caching.py).
        return Response(caching.cached(request.user, "api-weeks", weeks_data, first, last))


class SummaryView(UserTimezoneMixin, APIView):
    @extend_schema(
        summary="Your progress at a glance",
        description=(
            "This week's status, streaks (in weeks meeting the minimum), the next suggested "
            "day and why, recovery flags (back-to-back sessions, long breaks), the race taper "
            "and totals: the numbers of the home and progress pages."
        ),
        responses={200: SummarySerializer},
    )
    def get(self, request):
        return Response(caching.cached(request.user, "api-summary", lambda: self.summary(request)))

    @staticmethod
    def summary(request) -> dict:
        overview = selectors.progress_overview(request.user)
        body = {
            "today": overview.today,
            "week": overview.status,
            "streaks": overview.streaks,
            "next_day": overview.next_day,
            "recovery": {
                "since": overview.recovery_since,
                "days_since_last_session": overview.days_since_last_session,
                "on_long_break": overview.on_long_break,
                "flags": overview.recovery_flags,
            },
            "taper": rules.race_taper(overview.today, request.user.race_date),
            "totals": overview.totals,
        }
        return SummarySerializer(body).data


class MoveView(UserTimezoneMixin, APIView):
    @extend_schema(
        summary="One move's progress and next suggested load",
        description=(
            "The series behind the move's chart (its best set of each counted session) and "
            "what the progression rule suggests next time: one small step up when every "
            "prescribed set was done, the same load when one fell short, the lightest option "
            "the first time. Loads in kilograms."
        ),
        responses={200: MoveSerializer},
    )
    def get(self, request, slug: str):
        exercise = exercise_visible_by_slug_or_404(request.user, slug)
        return Response(
            caching.cached(
                request.user,
                "api-move",
                lambda: MoveSerializer(selectors.move_progress(request.user, exercise)).data,
                exercise.pk,
            )
        )
