"""Error pages in the site's layout: 400, 403 and 404 through templates/<code>.html, 500 and a
refused CSRF check through the handlers below."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke (the database, a context processor) must not break the
    # error page too. The request id (apps/ops/middleware.py) is in the log line of this error:
    # a runner who quotes it leads straight to the traceback.
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
