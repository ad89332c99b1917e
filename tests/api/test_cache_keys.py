"""The session and set lists are cached per page and filter (apps/training/caching.py): every
spelling of one request shares one entry, whatever else the URL or the Host header holds, and
the links in the answer still point at the caller's own host."""

import pytest

from tests.api.history import make_history
from tests.cache_keys import RecordingCache, record_training_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def training_cache(monkeypatch) -> RecordingCache:
    return record_training_cache(monkeypatch)


@pytest.fixture
def history(runner, routine):
    return make_history(runner, sessions=24)


@pytest.mark.parametrize(("route", "name"), [("sessions", "api-sessions"), ("sets", "api-sets")])
def test_spellings_of_one_page_share_one_cache_entry(
    runner_api, history, training_cache, route, name
):
    for query in [
        "page=1",
        "page=01",
        "page=+1",
        "page=1&x=1",
        "x=2&page=1",
        "page=1&page_size=20",
    ]:
        response = runner_api.get(f"/api/v1/{route}/?{query}", HTTP_HOST="testserver:8001")
        assert response.status_code == 200

    assert len(training_cache.keys_named(name)) == 1
    assert response.json()["next"] == f"http://testserver:8001/api/v1/{route}/?page=2&page_size=20"


def test_spellings_of_one_date_share_one_cache_entry(runner_api, history, training_cache):
    for day in ["2026-01-05", "2026-1-5", "2026-01-5"]:
        assert runner_api.get(f"/api/v1/sessions/?from={day}").status_code == 200

    assert len(training_cache.keys_named("api-sessions")) == 1


def test_the_links_keep_the_filters_and_drop_what_the_list_does_not_read(
    runner_api, history, training_cache
):
    session = history[0]

    response = runner_api.get(f"/api/v1/sets/?session={session.pk}&page_size=5&x=1")

    assert response.json()["next"] == (
        f"http://testserver/api/v1/sets/?page=2&page_size=5&session={session.pk}"
    )
    second = runner_api.get(response.json()["next"]).json()
    assert second["previous"] == f"http://testserver/api/v1/sets/?page_size=5&session={session.pk}"


def test_a_page_past_the_end_is_not_found_and_not_cached(runner_api, history, training_cache):
    response = runner_api.get("/api/v1/sessions/?page=99")

    assert response.status_code == 404
    assert training_cache.keys_named("api-sessions") == set()
