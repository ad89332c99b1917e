from django.urls import reverse

from apps.exercises.models import Cue, Exercise, Routine, RoutineSlot
from apps.training.models import TrainingSession
from tests.exercises.admin_forms import exercise_change_data
from tests.factories import SetEntryFactory, TrainingSessionFactory


def _admin_pages(routine):
    deadlift = Exercise.objects.get(slug="deadlift")
    slot = RoutineSlot.objects.get(routine=routine, order=2)
    return [
        reverse("admin:index"),
        reverse("admin:exercises_exercise_changelist"),
        reverse("admin:exercises_exercise_change", args=[deadlift.pk]),
        reverse("admin:exercises_exercise_add"),
        reverse("admin:exercises_routine_changelist"),
        reverse("admin:exercises_routine_change", args=[routine.pk]),
        reverse("admin:exercises_routineslot_changelist"),
        reverse("admin:exercises_routineslot_change", args=[slot.pk]),
        reverse("admin:accounts_user_changelist"),
    ]


def test_every_content_page_loads_for_staff(staff_client, routine):
    for url in _admin_pages(routine):
        assert staff_client.get(url).status_code == 200, url


def test_the_exercise_list_shows_every_move(staff_client, routine):
    response = staff_client.get(reverse("admin:exercises_exercise_changelist"))
    for exercise in Exercise.objects.all():
        assert exercise.name in response.text


def test_an_exercises_cues_are_edited_inline_in_their_order(staff_client, routine):
    deadlift = Exercise.objects.get(slug="deadlift")
    first, *_, last = deadlift.cues.order_by("order")
    # Swap the first and the last cue: the inline follows `order`, not creation.
    first.order, last.order = last.order, first.order
    Cue.objects.bulk_update([first, last], ["order"])
    response = staff_client.get(reverse("admin:exercises_exercise_change", args=[deadlift.pk]))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Cue
    )
    shown = [form.instance.text for form in formset.forms if form.instance.pk]
    assert shown == [cue.text for cue in deadlift.cues.order_by("order")]
    assert shown[0] == last.text


def test_staff_add_a_cue_inline(staff_client, routine):
    squat = Exercise.objects.get(slug="squat")
    url = reverse("admin:exercises_exercise_change", args=[squat.pk])
    data = exercise_change_data(staff_client, squat)
    cues = squat.cues.count()
    data["cues-TOTAL_FORMS"] = str(cues + 1)
    data.update({f"cues-{cues}-order": "99", f"cues-{cues}-text": "Breathe out."})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert squat.cues.order_by("order").last().text == "Breathe out."


def test_a_runner_who_is_not_staff_is_sent_to_the_admin_sign_in(runner_client, routine):
    for url in _admin_pages(routine):
        response = runner_client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_a_visitor_is_sent_to_the_admin_sign_in(client, routine):
    response = client.get(reverse("admin:exercises_exercise_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_routine_can_be_found_in_the_admin(staff_client, routine):
    response = staff_client.get(reverse("admin:exercises_routine_changelist"))
    assert Routine.objects.get().name in response.text


def test_a_role_changed_by_staff_recounts_the_sessions_holding_the_move(
    staff_client, routine, runner
):
    squat = Exercise.objects.get(slug="squat")
    SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat)
    assert TrainingSession.objects.of(runner).counted().exists()
    url = reverse("admin:exercises_exercise_change", args=[squat.pk])
    data = {**exercise_change_data(staff_client, squat), "role": "warm_up"}

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not TrainingSession.objects.of(runner).counted().exists()
