from django.contrib import admin

from apps.exercises.models import Cue, Exercise, Routine, RoutineSlot, SlotOption, Variation


class CueInline(admin.TabularInline):
    model = Cue
    extra = 1
    fields = ["order", "text"]
    ordering = ["order"]


class VariationInline(admin.TabularInline):
    model = Variation
    fk_name = "exercise"
    extra = 0
    fields = ["order", "variant", "when"]
    autocomplete_fields = ["variant"]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "order", "measure", "per_side", "load_kind", "owner"]
    list_filter = ["role", "measure", "load_kind", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CueInline, VariationInline]
    raw_id_fields = ["owner"]


class SlotOptionInline(admin.TabularInline):
    model = SlotOption
    extra = 0
    fields = ["order", "exercise", "is_default", "note"]
    autocomplete_fields = ["exercise"]


@admin.register(RoutineSlot)
class RoutineSlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "routine", "sets", "reps", "hold_seconds"]
    inlines = [SlotOptionInline]


class RoutineSlotInline(admin.TabularInline):
    model = RoutineSlot
    extra = 0
    fields = ["order", "title", "sets", "reps", "hold_seconds"]
    show_change_link = True


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sessions_per_week"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoutineSlotInline]
