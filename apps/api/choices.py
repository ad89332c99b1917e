"""choices/: which option of a choice slot the session player offers a runner first."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from apps.api.common import StrictSerializer, UserTimezoneMixin
from apps.api.fields import ExerciseSlugField
from apps.exercises.models import RoutineSlot
from apps.exercises.selectors import DEFAULT_ROUTINE_SLUG
from apps.training import services
from apps.training.models import SlotChoice


class ChoiceSerializer(serializers.ModelSerializer):
    slot = serializers.IntegerField(source="slot.order", read_only=True)
    slot_title = serializers.CharField(source="slot.title", read_only=True)
    exercise = serializers.CharField(source="exercise.slug", read_only=True)

    class Meta:
        model = SlotChoice
        fields = ["slot", "slot_title", "exercise"]
        read_only_fields = fields


class ChoiceInputSerializer(StrictSerializer):
    slot = serializers.IntegerField(
        min_value=0, max_value=1000, help_text="The slot's `order` in GET /api/v1/routine/."
    )
    exercise = ExerciseSlugField(help_text="One of the slot's options, e.g. `kettlebell-swing`.")

    def validate_slot(self, order: int) -> RoutineSlot:
        slot = RoutineSlot.objects.filter(routine__slug=DEFAULT_ROUTINE_SLUG, order=order).first()
        if slot is None:
            raise serializers.ValidationError("The routine has no slot with that order.")
        return slot


@extend_schema_view(
    list=extend_schema(
        summary="Your choices in the routine's choice slots",
        description="Which option (deadlift, single-leg deadlift or kettlebell swing; deadbug "
        "or Pallof press) the player offers you first. Slots not listed offer their default.",
    ),
)
class ChoiceViewSet(UserTimezoneMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ChoiceSerializer

    def get_queryset(self):
        return (
            SlotChoice.objects.filter(user=self.request.user)
            .select_related("slot", "exercise")
            .order_by("slot__order", "id")
        )

    @extend_schema(
        summary="Choose an option for a choice slot",
        description="Remembered for your next sessions, as when you pick it in the player.",
        request=ChoiceInputSerializer,
        responses={200: ChoiceSerializer},
        examples=[
            OpenApiExample(
                "Kettlebell swings in running season",
                value={"slot": 2, "exercise": "kettlebell-swing"},
                request_only=True,
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        serializer = ChoiceInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        choice = services.slot_choose(user=request.user, **serializer.validated_data)
        return Response(ChoiceSerializer(choice).data)
