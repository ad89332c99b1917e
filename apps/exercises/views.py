from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.exercises import selectors


def routine_page(request: HttpRequest) -> HttpResponse:
    routine, slots = selectors.routine_slots()
    return render(request, "exercises/routine.html", {"routine": routine, "slots": slots})


def exercise_page(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_detail(slug)
    return render(request, "exercises/exercise.html", {"exercise": exercise})
