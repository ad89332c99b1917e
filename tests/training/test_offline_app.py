"""The installable web app: its manifest, its icons, the service worker served from the root and
the page shown for a page that is not saved on the device."""

import struct

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Legwork: strength for runners"
    assert manifest["short_name"] == "Legwork"
    assert (manifest["start_url"], manifest["display"]) == ("/", "standalone")
    assert manifest["theme_color"] == "#0f5c4d"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["purpose"] == "any"}
    assert sizes == {"192x192", "512x512"}


def test_the_manifests_icons_are_pngs_of_their_stated_size():
    for size in (192, 512):
        assert png_size(finders.find(f"img/icon-{size}.png")) == (size, size)


def test_every_page_links_the_manifest_and_the_offline_queue(client, routine):
    page = client.get("/routine/").content.decode()

    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert 'data-service-worker="/sw.js"' in page


def test_the_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert static("js/player.js") in body
    assert '"offlinePage": "/offline/"' in body
    assert 'addEventListener("fetch"' in body


def test_the_service_workers_version_changes_with_the_shell(client, settings):
    first = client.get("/sw.js").content.decode().splitlines()[0]
    settings.STATIC_URL = "/assets/"

    second = client.get("/sw.js").content.decode().splitlines()[0]

    assert first != second


def test_the_offline_page_says_the_page_needs_a_connection(client, db):
    response = client.get("/offline/")

    assert response.status_code == 200
    assert "You are offline" in response.content.decode()


def test_the_policy_allows_only_our_own_worker_and_manifest(client, db):
    policy = client.get("/offline/")["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
