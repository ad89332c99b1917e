from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.exercises import selectors as exercise_selectors


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(
            request, "progress/landing.html", {"routine": exercise_selectors.routine_with_slots()}
        )
    return render(request, "progress/home.html")


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "progress/overview.html")
