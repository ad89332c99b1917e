"""The site's URLs plus one view that fails, to see the 500 page as a runner would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the barbell fell")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
