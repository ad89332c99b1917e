from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def train(request: HttpRequest) -> HttpResponse:
    return render(request, "training/train.html")


@login_required
def history(request: HttpRequest) -> HttpResponse:
    return render(request, "training/history.html")
