"""The history page is cached per page (apps/training/caching.py): every spelling of one page
shares one entry, and a page that does not exist makes none, so nobody can grow the shared cache
by inventing page numbers."""

import pytest
from django.urls import reverse

from tests.cache_keys import RecordingCache, record_training_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def training_cache(monkeypatch) -> RecordingCache:
    return record_training_cache(monkeypatch)


@pytest.fixture
def two_pages(runner, routine, history_of):
    history_of(runner, 25)


def test_spellings_of_the_first_page_share_one_cache_entry(
    runner_client, two_pages, training_cache
):
    for spelling in ["1", "01", "0001", "+1", "1.0", "１", "", "first", "0", "-1"]:
        response = runner_client.get(reverse("training:history"), {"page": spelling})
        assert response.status_code == 200
        assert "Page 1 of 2" in response.text

    assert len(training_cache.keys_named("history-page")) == 1


def test_a_page_past_the_end_goes_to_the_last_page_and_is_not_cached(
    runner_client, two_pages, training_cache
):
    for number in ["3", "99", "123456789012345678901234567890"]:
        response = runner_client.get(reverse("training:history"), {"page": number})
        assert response.status_code == 302
        assert response.url == f"{reverse('training:history')}?page=2"

    assert training_cache.keys_named("history-page") == set()
    assert "Page 2 of 2" in runner_client.get(response.url).text


def test_each_page_that_exists_has_its_own_entry(runner_client, two_pages, training_cache):
    for spelling in ["1", "2", "02"]:
        runner_client.get(reverse("training:history"), {"page": spelling})

    assert len(training_cache.keys_named("history-page")) == 2
