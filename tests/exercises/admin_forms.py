from django.urls import reverse


def exercise_change_data(staff_client, exercise) -> dict:
    """What the admin's change form of `exercise` posts unchanged: its fields and every cue in
    the inline (`cues-<n>-text` and friends), no variation. Tests change what they need."""
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"owner": "", "slug": exercise.slug, "name": exercise.name})
    cues = list(exercise.cues.order_by("order"))
    data.update(
        {
            "cues-TOTAL_FORMS": str(len(cues)),
            "cues-INITIAL_FORMS": str(len(cues)),
            "variations-TOTAL_FORMS": "0",
            "variations-INITIAL_FORMS": "0",
        }
    )
    for index, cue in enumerate(cues):
        data.update(
            {
                f"cues-{index}-id": cue.pk,
                f"cues-{index}-exercise": exercise.pk,
                f"cues-{index}-order": cue.order,
                f"cues-{index}-text": cue.text,
            }
        )
    return data
