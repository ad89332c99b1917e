"""What makes Legwork an installable web app that trains with no signal: the web app manifest,
the service worker (served from the site's root so it may control every page, while its source
lives with the other scripts in static/js/service-worker.js) and the page it shows for a page
that was never saved on the device. The queue of changes made offline is static/js/offline.js;
docs/training.md, "Offline", tells the whole story."""

import hashlib
import json

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOUR = "#0f5c4d"  # --accent in static/css/app.css
BACKGROUND_COLOUR = "#f6f5f1"  # --paper
WORKER_SOURCE = "js/service-worker.js"
# The app shell: every page's stylesheet, scripts and icons, saved when the worker installs.
SHELL = (
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    "js/player.js",
    "img/icon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
)


@require_GET
@cache_control(max_age=86400)
def manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    body = {
        "name": "Legwork: strength for runners",
        "short_name": "Legwork",
        "description": "The strength routine that keeps runners running, even with no signal.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [{**icon, "purpose": "any"} for icon in icons]
        + [{**icon, "purpose": "maskable"} for icon in icons],
    }
    return JsonResponse(body, content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker's source with what it must know at the top: the shell's URLs (hashed names in
    production) and a version that changes whenever they or the source change, so browsers
    install the new worker and drop the old caches."""
    with open(finders.find(WORKER_SOURCE), encoding="utf-8") as source:
        code = source.read()
    config = {
        "shell": [static(path) for path in SHELL],
        "offlinePage": reverse("offline"),
    }
    digest = hashlib.sha256((json.dumps(config) + code).encode()).hexdigest()[:12]
    config["version"] = digest
    response = HttpResponse(
        f"self.LEGWORK = {json.dumps(config)};\n{code}",
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "offline.html")
