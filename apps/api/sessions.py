"""sessions/: a runner's sessions through the same services and selectors as the training
pages (apps/training). Every queryset starts from request.user, so another runner's id is a
404; a body naming another runner's session is a 400 ("does not exist"), never a write."""

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.api.common import (
    VALIDATION_ERROR_EXAMPLE,
    DateRangeQuery,
    StrictSerializer,
    UserTimezoneMixin,
    validate_query,
)
from apps.api.fields import (
    ID_PATTERN,
    MAX_SETS_PER_SESSION,
    ExerciseSlugField,
    amount_fields,
    effort_field,
    load_field,
    set_number_field,
)
from apps.api.sets import SetSerializer
from apps.training import caching, selectors, services
from apps.training.models import NOTES_MAX_LENGTH, SetEntry, TrainingSession
from apps.training.ownership import session_owned_or_404


class SessionSerializer(serializers.Serializer):
    """A session as history shows it. Reads a HistoryRow (apps/training/selectors.py)."""

    id = serializers.IntegerField(source="session.pk")
    started_at = serializers.DateTimeField(source="session.started_at")
    finished_at = serializers.DateTimeField(source="session.finished_at", allow_null=True)
    local_date = serializers.DateField(help_text="The start's date in your timezone.")
    is_draft = serializers.BooleanField(help_text="Not finished yet: counts for nothing.")
    counted = serializers.BooleanField(
        help_text="Finished with at least one done strength set: counts toward the week.",
    )
    back_to_back = serializers.BooleanField(
        help_text="Came too soon after the previous training day for your minimum rest."
    )
    warmup_done = serializers.BooleanField(source="session.warmup_done")
    effort = serializers.IntegerField(source="session.effort", allow_null=True)
    notes = serializers.CharField(source="session.notes")
    moves_done = serializers.IntegerField()
    sets_done = serializers.IntegerField(
        help_text="Done strength sets; a per-side set counts once."
    )
    sets_prescribed = serializers.IntegerField(allow_null=True)
    load_moved_kg = serializers.DecimalField(
        max_digits=16,
        decimal_places=6,
        coerce_to_string=False,
        allow_null=True,
        help_text="Load x reps over every done set, in kilograms.",
    )


class SessionDetailSerializer(SessionSerializer):
    rest_ends_at = serializers.DateTimeField(
        source="session.rest_ends_at",
        allow_null=True,
        help_text="When the rest after the last ticked set ends (drafts only).",
    )
    skipped = serializers.SerializerMethodField(help_text="Slugs of the moves skipped.")
    sets = serializers.SerializerMethodField(help_text="Every set, in routine order.")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_skipped(self, row) -> list[str]:
        return self.context["skipped"]

    @extend_schema_field(SetSerializer(many=True))
    def get_sets(self, row) -> list[dict]:
        return SetSerializer(self.context["sets"], many=True).data


class SessionStartSerializer(StrictSerializer):
    """Starting takes no input: send `{}` or no body."""


class SessionUpdateSerializer(StrictSerializer):
    started_at = serializers.DateTimeField(
        required=False, help_text="Not more than a day in the future."
    )
    effort = effort_field(required=False)
    notes = serializers.CharField(
        max_length=NOTES_MAX_LENGTH, allow_blank=True, required=False, trim_whitespace=False
    )
    warmup_done = serializers.BooleanField(required=False)

    def validate_started_at(self, value: dt.datetime) -> dt.datetime:
        return _checked_start(value)


class SessionFinishSerializer(StrictSerializer):
    effort = effort_field(required=False)
    notes = serializers.CharField(
        max_length=NOTES_MAX_LENGTH, allow_blank=True, required=False, default=""
    )


class SkipSerializer(StrictSerializer):
    exercise = ExerciseSlugField(help_text="The move's slug, e.g. `plank`.")
    skipped = serializers.BooleanField(default=True, help_text="false takes the skip back.")


class PastSetSerializer(StrictSerializer):
    exercise = ExerciseSlugField(help_text="The move's slug, e.g. `squat`.")
    set_number = set_number_field()
    side = serializers.ChoiceField(choices=SetEntry.Side.choices, default=SetEntry.Side.NONE)
    reps, seconds, breaths = amount_fields().values()
    load_kg = load_field(required=False)
    done = serializers.BooleanField(default=True)


class PastSessionSerializer(StrictSerializer):
    started_at = serializers.DateTimeField(help_text="Not more than a day in the future.")
    warmup_done = serializers.BooleanField(default=False)
    effort = effort_field(default=None)
    notes = serializers.CharField(max_length=NOTES_MAX_LENGTH, allow_blank=True, default="")
    sets = PastSetSerializer(many=True, max_length=MAX_SETS_PER_SESSION)

    def validate_started_at(self, value: dt.datetime) -> dt.datetime:
        return _checked_start(value)

    def validate_sets(self, sets: list[dict]) -> list[dict]:
        keys = [(s["exercise"].pk, s["set_number"], s["side"]) for s in sets]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(
                "Each (exercise, set_number, side) may appear once in a session."
            )
        return sets


SESSION_RESPONSES = {200: SessionDetailSerializer}


@extend_schema_view(
    list=extend_schema(
        summary="List your sessions",
        description=(
            "Newest first, drafts included, each with the totals history shows. Filter by "
            "your local dates with `?from=2026-01-01&to=2026-01-31` (both inclusive)."
        ),
        parameters=[
            OpenApiParameter("from", dt.date, description="First local date (inclusive)."),
            OpenApiParameter("to", dt.date, description="Last local date (inclusive)."),
        ],
    ),
    retrieve=extend_schema(summary="One of your sessions, with every set"),
    destroy=extend_schema(
        summary="Delete one of your sessions", description="Its sets go with it."
    ),
)
class SessionViewSet(
    UserTimezoneMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SessionSerializer
    lookup_value_regex = ID_PATTERN
    # What the list reads from the query string besides the page (pagination.page_path).
    query_classes = (DateRangeQuery,)

    def get_object(self) -> TrainingSession:
        session = session_owned_or_404(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, session)
        return session

    def get_queryset(self):
        queryset = selectors.history_sessions(self.request.user)
        if self.action == "list":
            queryset = _in_local_dates(
                queryset, validate_query(self.request.query_params, DateRangeQuery), self.request
            )
        return queryset

    def list(self, request, *args, **kwargs):
        def page_data():
            page = self.paginate_queryset(self.get_queryset())
            rows = selectors.history_rows(request.user, page)
            return self.get_paginated_response(SessionSerializer(rows, many=True).data).data

        # Cached until the runner's history changes (apps/training/caching.py), per page and
        # filter as pagination.page_path spells them.
        path = self.paginator.page_path(request, self)
        data = caching.cached(request.user, "api-sessions", page_data, path)
        return Response(self.paginator.with_absolute_links(request, data))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(self.get_object()))

    @extend_schema(
        summary="Start (or resume) today's session",
        description=(
            "Starts a draft of the routine now, or returns your open draft (200) instead of "
            "opening a second one. Log its sets with POST /api/v1/sets/, then finish it."
        ),
        request=SessionStartSerializer,
        responses={201: SessionDetailSerializer, 200: SessionDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        SessionStartSerializer(data=request.data or {}).is_valid(raise_exception=True)
        session, created = services.session_start(user=request.user)
        return Response(
            self._detail(session),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary="Correct a session",
        description="Its start (a finished session keeps its length), effort, notes and "
        "warm-up tick. Fields left out keep their value.",
        request=SessionUpdateSerializer,
        responses=SESSION_RESPONSES,
        examples=[VALIDATION_ERROR_EXAMPLE],
    )
    def partial_update(self, request, *args, **kwargs):
        session = self.get_object()
        serializer = SessionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if {"started_at", "effort", "notes"} & data.keys():
            services.session_update(
                session=session,
                started_at=data.get("started_at", session.started_at),
                effort=data.get("effort", session.effort),
                notes=data.get("notes", session.notes),
            )
        if "warmup_done" in data:
            services.warmup_mark(session=session, done=data["warmup_done"])
        return Response(self._detail(session))

    @extend_schema(
        summary="Finish a session",
        description=(
            "With an optional effort (RPE 1-10) and notes. A finished session with at least "
            "one done strength set counts toward the week. Finishing a finished session "
            "changes nothing."
        ),
        request=SessionFinishSerializer,
        responses=SESSION_RESPONSES,
        examples=[OpenApiExample("Effort and notes", value={"effort": 7, "notes": "Felt strong."})],
    )
    @action(detail=True, methods=["post"])
    def finish(self, request, *args, **kwargs):
        session = self.get_object()
        serializer = SessionFinishSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        services.session_finish(session=session, **serializer.validated_data)
        return Response(self._detail(session))

    @extend_schema(
        summary="Log a past session",
        description=(
            "A session trained without the phone, saved finished with all its sets at once, "
            "validated like the page's form."
        ),
        request=PastSessionSerializer,
        responses={201: SessionDetailSerializer},
        examples=[
            OpenApiExample(
                "Two sets of squats",
                value={
                    "started_at": "2026-11-20T07:30:00+00:00",
                    "warmup_done": True,
                    "effort": 6,
                    "notes": "",
                    "sets": [
                        {"exercise": "squat", "set_number": 1, "reps": 5, "load_kg": 20},
                        {"exercise": "squat", "set_number": 2, "reps": 5, "load_kg": 20},
                    ],
                },
                request_only=True,
            )
        ],
    )
    @action(detail=False, methods=["post"])
    def past(self, request, *args, **kwargs):
        serializer = PastSessionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = services.session_log_past(
            user=request.user,
            started_at=data["started_at"],
            warmup_done=data["warmup_done"],
            effort=data["effort"],
            notes=data["notes"],
            sets=[
                services.SetInput(
                    exercise=item["exercise"],
                    set_number=item["set_number"],
                    side=item["side"],
                    reps=item.get("reps"),
                    seconds=item.get("seconds"),
                    breaths=item.get("breaths"),
                    load_kg=item.get("load_kg"),
                    done=item["done"],
                )
                for item in data["sets"]
            ],
        )
        return Response(self._detail(session), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Skip a move (or take the skip back)",
        description="The player folds a skipped move away; sets already saved stay saved.",
        request=SkipSerializer,
        responses=SESSION_RESPONSES,
        examples=[OpenApiExample("Skip the plank", value={"exercise": "plank"})],
    )
    @action(detail=True, methods=["post"])
    def skip(self, request, *args, **kwargs):
        session = self.get_object()
        serializer = SkipSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.move_skip(session=session, **serializer.validated_data)
        return Response(self._detail(session))

    def perform_destroy(self, instance: TrainingSession) -> None:
        services.session_delete(session=instance)

    def _detail(self, session: TrainingSession) -> dict:
        """The session as history shows it, re-read with its totals, and every set."""
        annotated = session_owned_or_404(self.request.user, session.pk)
        row = selectors.history_rows(self.request.user, [annotated])[0]
        sets = [entry for group in selectors.session_sets(annotated) for entry in group.entries]
        skipped = list(annotated.skipped_exercises.order_by("order").values_list("slug", flat=True))
        return SessionDetailSerializer(row, context={"sets": sets, "skipped": skipped}).data


def _in_local_dates(queryset, query: dict, request):
    """Sessions starting on the runner's local dates `from` to `to`, both inclusive."""
    zone = request.user.zone
    if "from" in query:
        start = dt.datetime.combine(query["from"], dt.time.min, tzinfo=zone)
        queryset = queryset.filter(started_at__gte=start)
    if "to" in query:
        end = dt.datetime.combine(query["to"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        queryset = queryset.filter(started_at__lt=end)
    return queryset


def _checked_start(value: dt.datetime) -> dt.datetime:
    """The training services' rule: not in the future beyond a day, not before 1970."""
    try:
        services.check_start_time(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict["started_at"]) from error
    return value
