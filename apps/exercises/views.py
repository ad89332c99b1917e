from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.exercises import selectors


def routine_page(request: HttpRequest) -> HttpResponse:
    # The routine page shows no cues: one query fewer.
    routine = selectors.routine_with_slots(cues=False)
    return render(request, "exercises/routine.html", {"routine": routine})


def exercise_page(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_detail(slug)
    return render(request, "exercises/exercise.html", {"exercise": exercise})
