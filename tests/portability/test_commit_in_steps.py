"""A large import is committed in steps that each end well inside the server's timeout, with
its progress recorded in the database: a step that dies loses only its last batch, any later
request resumes, and nothing is written twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from apps.exercises.models import Exercise
from apps.portability import services
from apps.portability.models import PendingImport
from apps.training.models import SetEntry, TrainingSession
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")
# strong_comma_lb.csv: 3 sessions and 22 sets.
SESSIONS, SETS = 3, 22


@pytest.fixture
def one_session_per_batch(monkeypatch):
    monkeypatch.setattr(services, "BATCH_SESSIONS", 1)


@pytest.fixture
def one_batch_per_step(monkeypatch, one_session_per_batch):
    """Every step ends after its first batch, as a step over STEP_SECONDS does."""
    monkeypatch.setattr(services, "STEP_SECONDS", 0.0)


def stored(runner) -> tuple[int, int]:
    return (
        TrainingSession.objects.filter(user=runner).count(),
        SetEntry.objects.filter(session__user=runner).count(),
    )


def test_a_step_stops_at_the_first_batch_after_its_time_and_records_the_progress(
    runner, preview, one_session_per_batch, monkeypatch
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    assert pending.sessions_in_file == SESSIONS
    clock = iter([0.0, 4.0, 16.0, 99.0])  # the step starts, then reads the clock per batch
    monkeypatch.setattr(services.time, "monotonic", lambda: next(clock))
    result = services.import_commit(user=runner, pending=pending)
    assert (result.finished, result.position, result.sessions_in_file) == (False, 2, SESSIONS)
    pending.refresh_from_db()
    assert (pending.position, pending.sessions_written) == (2, 2)
    assert stored(runner)[0] == 2


def test_steps_resume_where_the_last_one_stopped_until_the_file_is_in(
    runner, preview, one_batch_per_step
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    positions = []
    while True:
        result = services.import_commit(
            user=runner, pending=PendingImport.objects.get(pk=pending.pk)
        )
        positions.append(result.position)
        if result.finished:
            break
    assert positions == [1, 2, 3]
    assert (result.sessions, result.sets, result.already_imported) == (SESSIONS, SETS, 0)
    assert stored(runner) == (SESSIONS, SETS)
    assert not PendingImport.objects.filter(pk=pending.pk).exists()


def test_a_step_that_dies_loses_only_its_batch_and_the_next_request_finishes(
    runner, preview, one_session_per_batch, monkeypatch
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    real_bulk_create, calls = SetEntry.objects.bulk_create, []

    def dies_on_the_second_batch(rows, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("the worker was killed")
        return real_bulk_create(rows, *args, **kwargs)

    monkeypatch.setattr(SetEntry.objects, "bulk_create", dies_on_the_second_batch)
    with pytest.raises(services.FileRejected):
        services.import_commit(user=runner, pending=pending)
    pending.refresh_from_db()
    assert pending.position == 1
    assert stored(runner)[0] == 1
    monkeypatch.setattr(SetEntry.objects, "bulk_create", real_bulk_create)
    result = services.import_commit(user=runner, pending=pending)
    assert result.finished
    assert (result.sessions, result.sets) == (SESSIONS, SETS)
    assert stored(runner) == (SESSIONS, SETS)


def test_a_second_request_on_the_same_import_writes_nothing_twice(
    runner, preview, one_batch_per_step
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    first_tab = PendingImport.objects.get(pk=pending.pk)
    second_tab = PendingImport.objects.get(pk=pending.pk)  # read before the first step wrote
    services.import_commit(user=runner, pending=first_tab)
    late = services.import_commit(user=runner, pending=second_tab)
    assert (late.interrupted, late.finished) == (True, False)
    assert stored(runner)[0] == 1
    assert PendingImport.objects.get(pk=pending.pk).position == 1


def test_the_page_shows_the_progress_and_posts_the_next_step(runner_client, one_batch_per_step):
    runner_client.post(
        reverse("portability:import"),
        {
            "unit": "lb",
            "warmups": "keep",
            "file": SimpleUploadedFile("s.csv", sample("strong_comma_lb.csv")),
        },
    )
    pending = PendingImport.objects.get()
    confirm = reverse("portability:import_confirm", args=[pending.pk])
    response = runner_client.post(confirm)
    assert response.url == reverse("portability:import_preview", args=[pending.pk])
    page = runner_client.get(response.url).content.decode()
    assert "Importing: 33% done" in page
    assert "1 of the file's 3 sessions are handled" in page
    assert f'action="{confirm}" data-auto-submit' in page
    assert "js/import-progress.js" in page
    runner_client.post(confirm)
    done = runner_client.post(confirm, follow=True)
    assert "Imported 3 sessions and 22 sets." in done.content.decode()
    assert not PendingImport.objects.exists()


def test_stopping_a_started_import_keeps_what_was_written(
    runner_client, runner, one_batch_per_step
):
    runner_client.post(
        reverse("portability:import"),
        {
            "unit": "lb",
            "warmups": "keep",
            "file": SimpleUploadedFile("s.csv", sample("strong_comma_lb.csv")),
        },
    )
    pending = PendingImport.objects.get()
    runner_client.post(reverse("portability:import_confirm", args=[pending.pk]))
    response = runner_client.post(
        reverse("portability:import_cancel", args=[pending.pk]), follow=True
    )
    assert "The 1 sessions written so far stay" in response.content.decode()
    assert stored(runner)[0] == 1


def test_the_api_answers_202_with_the_progress_until_the_last_step(
    runner_client, runner, one_batch_per_step
):
    pending = runner_client.post(
        "/api/v1/imports/",
        {"file": SimpleUploadedFile("s.csv", sample("strong_comma_lb.csv")), "unit": "lb"},
    ).json()
    first = runner_client.post(pending["commit_url"])
    assert first.status_code == 202
    body = first.json()
    assert (body["position"], body["sessions_in_file"], body["sessions"]) == (1, 3, 1)
    assert body["commit_url"] == pending["commit_url"]
    assert runner_client.post(body["commit_url"]).status_code == 202
    last = runner_client.post(body["commit_url"])
    assert last.status_code == 200
    assert last.json() == {
        "sessions": SESSIONS,
        "sets": SETS,
        "already_imported": 0,
        "exercises_created": Exercise.objects.filter(owner=runner).count(),
    }


def test_a_step_on_an_import_stopped_in_another_tab_writes_nothing(
    runner, preview, one_batch_per_step
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    stale = PendingImport.objects.get(pk=pending.pk)
    services.import_cancel(user=runner, pending=pending)
    result = services.import_commit(user=runner, pending=stale)
    assert (result.interrupted, result.finished) == (True, True)
    assert stored(runner) == (0, 0)


def test_a_step_counts_the_time_its_request_spent_before_it(
    runner, preview, one_session_per_batch, monkeypatch
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    monkeypatch.setattr(services.time, "monotonic", lambda: services.STEP_SECONDS + 1)
    # Begun a step's length ago (re-reading the file for new choices): one batch, then it stops.
    result = services.import_commit(user=runner, pending=pending, started=0.0)
    assert (result.finished, result.position) == (False, 1)


def test_a_confirm_with_choices_times_its_step_from_the_start_of_the_request(
    runner_client, runner, preview, monkeypatch
):
    pending = preview(runner, sample("strong_comma_lb.csv"), unit="lb")
    moments = iter([10.0])  # the request begins; the clock reads 30.0 from then on
    monkeypatch.setattr(services.time, "monotonic", lambda: next(moments, 30.0))
    real_commit = services.import_commit
    step_starts = []

    def commit(**kwargs):
        step_starts.append(kwargs["started"])
        return real_commit(**kwargs)

    monkeypatch.setattr(services, "import_commit", commit)
    choices = {
        f"exercise-{index}": row["choice"] for index, row in enumerate(pending.summary["exercises"])
    }
    runner_client.post(reverse("portability:import_confirm", args=[pending.pk]), choices)
    assert step_starts == [10.0]
