from apps.exercises.models import Exercise, Routine


def test_every_slot_offers_at_least_one_exercise(routine):
    assert routine.slots.count() == 6
    for slot in routine.slots.all():
        assert slot.options.all(), slot


def test_the_warm_up_comes_first_and_is_counted_in_breaths(routine):
    first = routine.slots.all()[0]
    warm_up = first.options.all()[0].exercise
    assert warm_up.slug == "balloon-breathing"
    assert warm_up.role == Exercise.Role.WARM_UP
    assert warm_up.measure == Exercise.Measure.BREATHS


def test_the_five_moves_follow_in_the_articles_order(routine):
    defaults = [
        next(option.exercise.slug for option in slot.options.all() if option.is_default)
        for slot in routine.slots.all()[1:]
    ]
    assert defaults == ["squat", "deadlift", "plank", "lateral-lunge", "deadbug"]


def test_every_exercise_has_a_purpose_and_at_least_two_cues(routine):
    for exercise in Exercise.objects.prefetch_related("cues"):
        assert exercise.purpose.strip(), exercise
        assert len(exercise.cues.all()) >= 2, exercise


def test_the_prescription_is_three_sets_of_five(routine):
    for slot in routine.slots.all():
        assert (slot.sets, slot.reps) == (3, 5), slot


def test_the_plank_is_a_hold_in_seconds(routine):
    plank = Exercise.objects.get(slug="plank")
    assert plank.measure == Exercise.Measure.SECONDS
    assert plank.slot_options.get().slot.hold_seconds == 30


def test_choice_slots_offer_the_articles_variants(routine):
    choices = {
        slot.title: sorted(option.exercise.slug for option in slot.options.all())
        for slot in routine.slots.all()
        if len(slot.options.all()) > 1
    }
    assert sorted(choices.values()) == [
        ["deadbug", "pallof-press"],
        ["deadlift", "kettlebell-swing", "single-leg-deadlift"],
    ]


def test_the_routine_credits_the_article(routine):
    assert routine.source_author == "Dr. Emily Kiberd"
    assert routine.source_publisher == "Urban Wellness Clinic"


def test_loading_twice_adds_nothing(routine):
    from django.core.management import call_command

    before = (Exercise.objects.count(), Routine.objects.count())
    call_command("load_routine", verbosity=0)
    call_command("load_routine", "--reset", verbosity=0)
    assert (Exercise.objects.count(), Routine.objects.count()) == before
