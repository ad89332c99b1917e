"""The site's URLs plus the benchmark's baseline: a signed-in page that renders the base template
and nothing else, the floor Django itself sets. Only the benchmarks use this URLconf (bench/pages.py
sets it in-process, bench/wsgi.py for gunicorn); the real site never serves /_bench/."""

from functools import cache

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

BASELINE_URL_NAME = "bench_baseline"


@cache
def _baseline_template():
    return engines["django"].from_string('{% extends "base.html" %}')


@login_required
def baseline(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_baseline_template().render({}, request))


urlpatterns = [
    path("_bench/baseline/", baseline, name=BASELINE_URL_NAME),
    *site_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
