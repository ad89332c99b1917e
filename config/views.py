from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # The request id (apps/ops/middleware.py) is in the log line of this error too: a runner
    # who quotes it leads straight to the traceback.
    return render(
        request, "500.html", {"request_id": getattr(request, "request_id", "")}, status=500
    )
