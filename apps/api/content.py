"""The routine's content, read-only: exercises (cues, variations, prescriptions) and the routine
with its slots. Public, like the routine pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, viewsets
from rest_framework.permissions import AllowAny

from apps.exercises import selectors
from apps.exercises.models import Exercise, Routine, RoutineSlot, SlotOption, Variation


class VariationSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="variant.slug", read_only=True)
    name = serializers.CharField(source="variant.name", read_only=True)

    class Meta:
        model = Variation
        fields = ["slug", "name", "when"]


class VariantOfSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="exercise.slug", read_only=True)
    name = serializers.CharField(source="exercise.name", read_only=True)

    class Meta:
        model = Variation
        fields = ["slug", "name", "when"]


class PrescriptionSerializer(serializers.ModelSerializer):
    slot = serializers.IntegerField(source="slot.order", read_only=True, help_text="Slot order.")
    title = serializers.CharField(source="slot.title", read_only=True)
    sets = serializers.IntegerField(source="slot.sets", read_only=True)
    reps = serializers.IntegerField(source="slot.reps", read_only=True)
    hold_seconds = serializers.IntegerField(
        source="slot.hold_seconds", read_only=True, allow_null=True
    )
    prescription = serializers.CharField(source="slot.prescription", read_only=True)

    class Meta:
        model = SlotOption
        fields = ["slot", "title", "sets", "reps", "hold_seconds", "prescription", "is_default"]


class ExerciseSerializer(serializers.ModelSerializer):
    cues = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")
    is_loaded = serializers.BooleanField(
        read_only=True, help_text="True when sets of this move carry a load (in kg)."
    )
    variations = VariationSerializer(many=True, read_only=True)
    variant_of = VariantOfSerializer(many=True, read_only=True)
    prescriptions = PrescriptionSerializer(source="slot_options", many=True, read_only=True)

    class Meta:
        model = Exercise
        fields = [
            "slug",
            "name",
            "role",
            "order",
            "summary",
            "purpose",
            "measure",
            "per_side",
            "load_kind",
            "load_step",
            "is_loaded",
            "cues",
            "variations",
            "variant_of",
            "prescriptions",
        ]


class SlotExerciseSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="exercise.slug", read_only=True)
    name = serializers.CharField(source="exercise.name", read_only=True)
    measure = serializers.CharField(source="exercise.measure", read_only=True)
    per_side = serializers.BooleanField(source="exercise.per_side", read_only=True)
    load_kind = serializers.CharField(source="exercise.load_kind", read_only=True)
    cues = serializers.SlugRelatedField(
        source="exercise.cues", many=True, read_only=True, slug_field="text"
    )

    class Meta:
        model = SlotOption
        fields = ["slug", "name", "measure", "per_side", "load_kind", "is_default", "note", "cues"]


class SlotSerializer(serializers.ModelSerializer):
    options = SlotExerciseSerializer(many=True, read_only=True)

    class Meta:
        model = RoutineSlot
        fields = ["order", "title", "sets", "reps", "hold_seconds", "prescription", "options"]


class RoutineSerializer(serializers.ModelSerializer):
    guidance = serializers.ListField(
        source="guidance_lines", child=serializers.CharField(), read_only=True
    )
    slots = SlotSerializer(many=True, read_only=True)

    class Meta:
        model = Routine
        fields = [
            "slug",
            "name",
            "summary",
            "sessions_per_week",
            "guidance",
            "source_title",
            "source_author",
            "source_publisher",
            "slots",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="List the routine's exercises",
        description="Every move of the routine in order, with cues, variations and the "
        "prescriptions of the slots that use it.",
    ),
    retrieve=extend_schema(summary="One exercise by slug"),
)
class ExerciseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExerciseSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.routine_exercises_detailed().order_by("order", "name", "id")


class RoutineView(generics.RetrieveAPIView):
    serializer_class = RoutineSerializer
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The routine",
        description="The plan from the article: ordered slots, each with its prescription "
        "(sets x reps, or a hold in seconds) and the exercises it offers.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self) -> Routine:
        return selectors.routine_with_slots()
