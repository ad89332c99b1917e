"""sets/: log (idempotently), correct and delete the sets of one's own sessions, through the
training services. Loads are kilograms (`load_kg`), whatever the runner's unit."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from apps.api.common import (
    VALIDATION_ERROR_EXAMPLE,
    StrictSerializer,
    UserTimezoneMixin,
    validate_query,
)
from apps.api.fields import (
    ID_PATTERN,
    MAX_ID,
    ExerciseSlugField,
    OwnSessionField,
    amount_fields,
    load_field,
    set_number_field,
)
from apps.training import caching, services
from apps.training.models import SetEntry
from apps.training.ownership import set_owned_or_404


class SetSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session_id", read_only=True)
    exercise = serializers.CharField(source="exercise.slug", read_only=True)
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    load_kg = load_field(read_only=True)

    class Meta:
        model = SetEntry
        fields = [
            "id",
            "session",
            "exercise",
            "exercise_name",
            "set_number",
            "side",
            "reps",
            "seconds",
            "breaths",
            "load_kg",
            "done",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SetCreateSerializer(StrictSerializer):
    session = OwnSessionField(help_text="One of your sessions (draft or finished).")
    exercise = ExerciseSlugField(help_text="The move's slug, e.g. `squat`.")
    set_number = set_number_field()
    side = serializers.ChoiceField(
        choices=SetEntry.Side.choices,
        default=SetEntry.Side.NONE,
        help_text="`left` or `right` for a move done per side (log both); empty otherwise.",
    )
    reps, seconds, breaths = amount_fields().values()
    load_kg = load_field(required=False)
    done = serializers.BooleanField(default=True)


class SetUpdateSerializer(StrictSerializer):
    reps, seconds, breaths = amount_fields().values()
    load_kg = load_field(required=False)
    done = serializers.BooleanField(required=False)


SET_EXAMPLE = OpenApiExample(
    "Squat, set 1",
    value={
        "session": 42,
        "exercise": "squat",
        "set_number": 1,
        "side": "",
        "reps": 5,
        "load_kg": 20,
        "done": True,
    },
    request_only=True,
)


class _SetQuery(serializers.Serializer):
    session = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)


@extend_schema_view(
    list=extend_schema(
        summary="List your sets",
        description="Newest session first. Filter with `?session=<id>`.",
        parameters=[OpenApiParameter("session", int, description="Only the sets of this session.")],
    ),
    retrieve=extend_schema(summary="One of your sets"),
    destroy=extend_schema(summary="Delete one of your sets"),
)
class SetViewSet(
    UserTimezoneMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SetSerializer
    lookup_value_regex = ID_PATTERN
    # What the list reads from the query string besides the page (pagination.page_path).
    query_classes = (_SetQuery,)

    def get_object(self) -> SetEntry:
        entry = set_owned_or_404(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, entry)
        return entry

    def get_queryset(self):
        queryset = (
            SetEntry.objects.filter(session__user=self.request.user)
            .select_related("exercise")
            .order_by(
                "-session__started_at",
                "-session_id",
                "exercise__order",
                "set_number",
                "side",
                "id",
            )
        )
        if self.action == "list":
            query = validate_query(self.request.query_params, _SetQuery)
            if "session" in query:
                queryset = queryset.filter(session_id=query["session"])
        return queryset

    def list(self, request, *args, **kwargs):
        def page_data():
            page = self.paginate_queryset(self.get_queryset())
            return self.get_paginated_response(self.get_serializer(page, many=True).data).data

        # Cached until the runner's history changes (apps/training/caching.py), as the session
        # list is: a page of the newest sets sorts the whole history's sets by their session's
        # start, which grows with the history. Per page and filter as pagination.page_path
        # spells them.
        path = self.paginator.page_path(request, self)
        data = caching.cached(request.user, "api-sets", page_data, path)
        return Response(self.paginator.with_absolute_links(request, data))

    @extend_schema(
        summary="Log a set (idempotent)",
        description=(
            "Saves one set of one of your sessions, validated like the session player. A set "
            "is identified by (session, exercise, set_number, side): sending it again (a "
            "retry after a timeout) updates and returns the same row, with 200 instead of "
            "201, and never adds a second one."
        ),
        request=SetCreateSerializer,
        responses={201: SetSerializer, 200: SetSerializer},
        examples=[SET_EXAMPLE, VALIDATION_ERROR_EXAMPLE],
    )
    def create(self, request, *args, **kwargs):
        serializer = SetCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry, created = services.set_upsert(
            session=data["session"],
            exercise=data["exercise"],
            set_number=data["set_number"],
            side=data["side"],
            reps=data.get("reps"),
            seconds=data.get("seconds"),
            breaths=data.get("breaths"),
            load_kg=data.get("load_kg"),
            done=data["done"],
        )
        return Response(
            SetSerializer(entry).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary="Correct a set",
        description="Its reps, seconds or breaths, load and done flag. Fields left out keep "
        "their value; validated like the set's edit page.",
        request=SetUpdateSerializer,
        responses={200: SetSerializer},
        examples=[VALIDATION_ERROR_EXAMPLE],
    )
    def partial_update(self, request, *args, **kwargs):
        entry = self.get_object()
        serializer = SetUpdateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        values = {
            name: getattr(entry, name) for name in ("reps", "seconds", "breaths", "load_kg", "done")
        }
        values.update(serializer.validated_data)
        services.set_update(entry=entry, **values)
        return Response(SetSerializer(entry).data)

    def perform_destroy(self, instance: SetEntry) -> None:
        services.set_delete(entry=instance)
