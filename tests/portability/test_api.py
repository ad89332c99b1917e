"""POST /api/v1/imports/: the same preview and commit as the settings page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.portability.models import PendingImport
from apps.training.models import TrainingSession
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")
URL = "/api/v1/imports/"


def post_file(client, content: bytes, **fields):
    return client.post(URL, {"file": SimpleUploadedFile("export.csv", content), **fields})


def test_an_upload_answers_with_the_preview(runner_client):
    response = post_file(runner_client, sample("strong_comma_lb.csv"), unit="lb")
    assert response.status_code == 201
    body = response.json()
    assert (body["summary"]["sessions"], body["summary"]["sets"]) == (3, 22)
    assert body["commit_url"].endswith(f"/api/v1/imports/{body['id']}/commit/")
    assert not TrainingSession.objects.exists()


def test_commit_imports_and_answers_with_the_counts(runner_client, runner):
    pending = post_file(runner_client, sample("hevy_kg.csv")).json()
    response = runner_client.post(pending["commit_url"])
    assert response.status_code == 200
    assert response.json() == {
        "sessions": 2,
        "sets": 12,
        "already_imported": 0,
        # Squat (Barbell), Romanian Deadlift (Barbell), Bulgarian Split Squat: none is a
        # routine move (docs/data.md, "Exercise names").
        "exercises_created": 3,
    }
    assert TrainingSession.objects.filter(user=runner).count() == 2


def test_the_same_file_twice_over_the_api_adds_nothing(runner_client):
    runner_client.post(post_file(runner_client, sample("fitnotes.csv")).json()["commit_url"])
    second = runner_client.post(
        post_file(runner_client, sample("fitnotes.csv")).json()["commit_url"]
    )
    assert second.json()["sessions"] == 0
    assert second.json()["already_imported"] == 3


def test_a_bad_file_is_a_400_with_a_field_map(runner_client):
    response = post_file(runner_client, b"name,email\nAda,ada@example.com\n")
    assert response.status_code == 400
    assert "not an export Legwork knows" in response.json()["errors"]["file"][0]
    assert not PendingImport.objects.exists()


def test_an_oversized_file_is_a_400(runner_client):
    response = post_file(runner_client, b"a" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "up to 10 MB" in response.json()["errors"]["file"][0]


def test_no_file_is_a_400(runner_client):
    response = runner_client.post(URL, {"unit": "kg"})
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_the_preview_can_be_read_again_and_cancelled(runner_client):
    pending = post_file(runner_client, sample("hevy_kg.csv")).json()
    detail = f"{URL}{pending['id']}/"
    assert runner_client.get(detail).json()["summary"] == pending["summary"]
    assert runner_client.delete(detail).status_code == 204
    assert runner_client.get(detail).status_code == 404


def test_another_runners_import_is_not_found(client, runner, stranger, preview):
    pending = preview(runner, sample("hevy_kg.csv"))
    client.force_login(stranger)
    assert client.get(f"{URL}{pending.pk}/").status_code == 404
    assert client.post(f"{URL}{pending.pk}/commit/").status_code == 404
    assert not TrainingSession.objects.exists()


def test_the_api_needs_a_signed_in_runner(client):
    assert client.post(URL, {}).status_code == 401
