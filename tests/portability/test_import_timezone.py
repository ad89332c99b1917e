"""The apps write wall-clock times without an offset: the preview says in which timezone they
are read (the runner's), and the runner can read them in another before importing. Hevy's first
session in hevy_kg.csv starts at 26 Jul 2025, 07:06 on the phone's clock."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.portability import services
from apps.portability.models import PendingImport
from apps.training.models import TrainingSession
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")

UTC = dt.UTC


def first_start(runner) -> dt.datetime:
    return TrainingSession.objects.filter(user=runner).earliest("started_at").started_at


def test_the_preview_reads_the_times_in_the_runners_timezone(runner, imported, preview):
    assert preview(runner, sample("hevy_kg.csv")).summary["timezone"] == "Europe/London"
    imported(runner, sample("hevy_kg.csv"))
    assert first_start(runner) == dt.datetime(2025, 7, 26, 6, 6, tzinfo=UTC)  # 07:06 BST


def test_the_runner_can_read_them_in_another_timezone_before_importing(runner, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    services.import_change_timezone(user=runner, pending=pending, timezone_name="America/New_York")
    pending = PendingImport.objects.get(pk=pending.pk)
    assert (pending.timezone, pending.summary["timezone"]) == (
        "America/New_York",
        "America/New_York",
    )
    services.import_commit(user=runner, pending=pending)
    assert first_start(runner) == dt.datetime(2025, 7, 26, 11, 6, tzinfo=UTC)  # 07:06 EDT
    runner.refresh_from_db()
    assert runner.timezone == "Europe/London"  # the runner's own setting is not changed


def test_a_name_that_is_not_a_timezone_is_refused(runner, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    with pytest.raises(ValidationError):
        services.import_change_timezone(user=runner, pending=pending, timezone_name="Mars/Base")
    assert PendingImport.objects.get(pk=pending.pk).timezone == ""


def test_the_page_says_the_timezone_and_changes_it(runner_client, runner, preview):
    pending = preview(runner, sample("strong_comma_lb.csv"))
    url = reverse("portability:import_preview", args=[pending.pk])
    html = runner_client.get(url).content.decode()
    assert "read as Europe/London time (your timezone)" in html
    response = runner_client.post(
        reverse("portability:import_timezone", args=[pending.pk]),
        {"timezone": "Asia/Tokyo"},
    )
    assert response.url == url
    html = runner_client.get(url).content.decode()
    assert "read as Asia/Tokyo time." in html


def test_the_page_shows_a_wrong_timezone_beside_the_field(runner_client, runner, preview):
    pending = preview(runner, sample("strong_comma_lb.csv"))
    response = runner_client.post(
        reverse("portability:import_timezone", args=[pending.pk]), {"timezone": "Mars/Base"}
    )
    assert response.status_code == 200
    assert "“Mars/Base” is not a timezone Legwork knows" in response.content.decode()
    assert PendingImport.objects.get(pk=pending.pk).timezone == ""


def test_another_runner_cannot_change_the_timezone(client, runner, stranger, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    client.force_login(stranger)
    url = reverse("portability:import_timezone", args=[pending.pk])
    assert client.post(url, {"timezone": "Asia/Tokyo"}).status_code == 404
    assert PendingImport.objects.get(pk=pending.pk).timezone == ""


def test_the_api_changes_the_timezone_or_says_why_not(runner_client, runner, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    url = reverse("api-import-timezone", args=[pending.pk])
    refused = runner_client.post(url, {"timezone": "Mars/Base"}, content_type="application/json")
    assert refused.status_code == 400
    assert "timezone" in refused.json()["errors"]
    answer = runner_client.post(url, {"timezone": "Asia/Tokyo"}, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["timezone"] == "Asia/Tokyo"
    assert answer.json()["summary"]["timezone"] == "Asia/Tokyo"


def test_once_the_import_has_started_its_timezone_stays(runner, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    PendingImport.objects.filter(pk=pending.pk).update(position=1)
    pending.refresh_from_db()
    with pytest.raises(ValidationError):
        services.import_change_timezone(user=runner, pending=pending, timezone_name="Asia/Tokyo")
    assert PendingImport.objects.get(pk=pending.pk).timezone == ""
