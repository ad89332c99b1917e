"""What `make serve` runs: collectstatic, then gunicorn with DEBUG off and whitenoise serving
hashed, compressed static files with long cache headers. Every page must render against the
collected manifest (a missing static file is a 500 only in production, so it is caught here)."""

import gzip
import re

import pytest

from bench.live import Client, Gunicorn, LiveError, fresh_database, manage, server_env

PAGES = ["/", "/routine/", "/routine/squat/", "/accounts/login/", "/accounts/signup/", "/api/docs/"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("staticfiles")
    try:
        with fresh_database("sqlite", "legwork_serve") as database:
            env = server_env(database, DJANGO_STATIC_ROOT=str(static_root))
            del env["LEGWORK_PLAIN_STATIC"]
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            with Gunicorn(env, workers=2, log_dir=tmp_path_factory.mktemp("logs")) as server:
                yield server
    except LiveError as error:
        pytest.fail(str(error))


@pytest.mark.parametrize("path", PAGES)
def test_the_page_renders_with_collected_static_files(served, path):
    response = Client(served.url).get(path)

    assert response.status == 200, response.text[:500]
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", response.text) or path == "/api/docs/"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(served):
    page = Client(served.url).get("/routine/").text
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)

    response = Client(served.url).get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    assert "max-age=315360000" in response.headers["cache-control"]


def test_debug_is_off(served):
    response = Client(served.url).get("/no-such-page/")

    assert response.status == 404
    assert "Page not found" in response.text
    assert "Traceback" not in response.text
    assert "URLconf" not in response.text


def test_pages_arrive_gzip_compressed_from_gunicorn(served):
    plain = Client(served.url).get("/routine/")
    response = Client(served.url).get("/routine/", headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["vary"]
    page = gzip.decompress(response.body).decode()
    assert page.startswith("<!doctype html>")
    assert '<main id="main"' in page
    assert len(response.body) < len(plain.body) / 3
