"""The progress caches (apps/training/caching.py) never serve anything stale: every change to a
runner's sessions and sets, their preferences, the routine's content or the date shows at once."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.training import caching, demo, services
from tests.factories import SetEntryFactory, TrainingSessionFactory


def _week_summary(client) -> str:
    body = client.get(reverse("home")).content.decode()
    return re.search(r'data-testid="week-summary">([^<]*)<', body).group(1)


def _progress(client) -> str:
    """The progress page's main content (the header's sign-out form has a fresh CSRF token)."""
    body = client.get(reverse("progress:overview")).content.decode()
    return body[body.index("<main") : body.index("</main>")]


@pytest.fixture
def trained(runner, squat):
    """A counted session an hour ago."""
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(hours=1))
    SetEntryFactory(session=session, exercise=squat)
    return session


def test_a_second_visit_is_served_from_the_cache(trained, runner_client, django_assert_num_queries):
    first = _progress(runner_client)

    with django_assert_num_queries(3):  # session, user, history version
        second = _progress(runner_client)

    assert second == first


def test_a_logged_set_shows_at_once_on_the_home_page(routine, runner, runner_client, squat):
    before = _week_summary(runner_client)
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(hours=1))
    SetEntryFactory(session=session, exercise=squat)

    assert _week_summary(runner_client) != before


def test_a_logged_set_shows_at_once_on_the_progress_page(routine, runner, runner_client, squat):
    assert "appear here once you finish a session" in _progress(runner_client)
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(hours=1))
    SetEntryFactory(session=session, exercise=squat)

    assert "appear here once you finish a session" not in _progress(runner_client)


def test_an_edited_set_shows_at_once(trained, runner_client):
    before = _week_summary(runner_client)
    entry = trained.sets.get()
    services.set_update(entry=entry, reps=entry.reps, done=False)

    assert _week_summary(runner_client) != before


def test_a_deleted_set_shows_at_once(trained, runner_client):
    before = _week_summary(runner_client)
    services.set_delete(entry=trained.sets.get())

    assert _week_summary(runner_client) != before


def test_a_deleted_session_shows_at_once(trained, runner_client):
    assert "appear here once you finish a session" not in _progress(runner_client)
    services.session_delete(session=trained)

    assert "appear here once you finish a session" in _progress(runner_client)


def test_history_written_in_bulk_shows_at_once(routine, runner, runner_client):
    assert "appear here once you finish a session" in _progress(runner_client)
    demo.seed_history(user=runner, weeks=3, seed=1)

    assert "appear here once you finish a session" not in _progress(runner_client)


def test_a_changed_weekly_goal_shows_at_once(trained, runner, runner_client):
    _week_summary(runner_client)
    runner.weekly_goal = 3
    runner.save(update_fields=["weekly_goal"])

    assert "of 3" in _week_summary(runner_client)


def test_a_renamed_move_shows_at_once_on_the_progress_page(trained, runner_client, squat):
    assert "Goblet squat" not in _progress(runner_client)
    squat.name = "Goblet squat"
    squat.save(update_fields=["name"])

    assert "Goblet squat" in _progress(runner_client)


def test_another_runners_training_leaves_my_cache_alone(trained, runner, stranger, squat):
    mine = caching.history_version(runner.pk)
    session = TrainingSessionFactory(user=stranger)
    SetEntryFactory(session=session, exercise=squat)

    assert caching.history_version(runner.pk) == mine


def test_a_new_day_is_computed_afresh(trained, runner, monkeypatch):
    today = caching.cache_key(runner, "home-summary")
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(caching.timezone, "now", lambda: tomorrow)

    assert caching.cache_key(runner, "home-summary") != today


def test_the_first_change_moves_the_version_past_zero(runner):
    assert caching.history_version(runner.pk) == 0
    caching.history_changed(runner.pk)

    assert caching.history_version(runner.pk) == 1


def test_a_logged_set_shows_at_once_in_the_api_summary(trained, runner, runner_client, squat):
    before = runner_client.get("/api/v1/progress/summary/").json()
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(hours=2))
    SetEntryFactory(session=session, exercise=squat)

    assert runner_client.get("/api/v1/progress/summary/").json() != before


def test_a_logged_set_shows_at_once_in_the_api_weeks(routine, runner, runner_client, squat):
    before = runner_client.get("/api/v1/progress/weeks/").json()
    session = TrainingSessionFactory(user=runner, started_at=timezone.now() - dt.timedelta(hours=2))
    SetEntryFactory(session=session, exercise=squat)

    assert runner_client.get("/api/v1/progress/weeks/").json() != before


def test_each_api_week_range_is_cached_apart(routine, runner, runner_client, squat):
    for days_ago in (2, 30):
        started = timezone.now() - dt.timedelta(days=days_ago)
        SetEntryFactory(
            session=TrainingSessionFactory(user=runner, started_at=started), exercise=squat
        )
    today = timezone.localdate(timezone.now(), runner.zone)
    url = "/api/v1/progress/weeks/?from={}&to=" + today.isoformat()
    short = runner_client.get(url.format(today - dt.timedelta(days=7))).json()
    longer = runner_client.get(url.format(today - dt.timedelta(days=40))).json()

    assert len(longer["weeks"]) > len(short["weeks"])


def test_a_logged_set_shows_at_once_in_the_history(trained, runner, runner_client, squat):
    before = runner_client.get(reverse("training:history")).content.decode()
    SetEntryFactory(session=trained, exercise=squat, set_number=9)

    after = runner_client.get(reverse("training:history")).content.decode()

    assert re.search(r"<dt>Sets</dt><dd>1<", before)
    assert re.search(r"<dt>Sets</dt><dd>2<", after)


def test_a_corrected_set_shows_at_once_on_its_session_page(trained, runner_client):
    url = reverse("training:session_detail", args=[trained.pk])
    assert ">5<" in runner_client.get(url).content.decode()
    services.set_update(entry=trained.sets.get(), reps=7, done=True)

    assert ">7<" in runner_client.get(url).content.decode()


def test_a_cached_session_page_is_still_refused_to_a_stranger(
    trained, runner_client, client, stranger
):
    url = reverse("training:session_detail", args=[trained.pk])
    runner_client.get(url)
    client.force_login(stranger)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["training:history", "progress:overview"])
def test_no_template_comment_leaks_onto_a_cached_page(trained, runner_client, name):
    assert "{#" not in runner_client.get(reverse(name)).content.decode()


def test_no_template_comment_leaks_onto_a_cached_session_page(trained, runner_client):
    url = reverse("training:session_detail", args=[trained.pk])

    assert "{#" not in runner_client.get(url).content.decode()


def test_a_logged_session_shows_at_once_in_the_api_session_list(
    trained, runner, runner_client, squat
):
    assert runner_client.get("/api/v1/sessions/").json()["count"] == 1
    SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=squat)

    assert runner_client.get("/api/v1/sessions/").json()["count"] == 2
