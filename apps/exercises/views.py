from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.exercises import selectors


def routine_page(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/routine.html", {"routine": selectors.routine_page()})


def exercise_page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "exercises/exercise.html", {"exercise": selectors.move_page(slug)})
