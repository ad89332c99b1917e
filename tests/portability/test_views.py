"""The settings pages: upload, preview, confirm, cancel, and delete my account."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.portability.models import PendingImport
from apps.training.models import SetEntry, TrainingSession
from tests.factories import DEFAULT_PASSWORD, SetEntryFactory, TrainingSessionFactory
from tests.portability.conftest import sample

pytestmark = pytest.mark.usefixtures("routine")


def upload(client, content: bytes, name: str = "strong.csv", **fields):
    data = {"unit": "kg", "warmups": "keep", "file": SimpleUploadedFile(name, content), **fields}
    return client.post(reverse("portability:import"), data)


def test_the_settings_page_links_export_import_and_delete(runner_client):
    page = runner_client.get(reverse("settings")).content.decode()
    for name in ("export", "import", "delete_account"):
        assert reverse(f"portability:{name}") in page


def test_an_upload_redirects_to_its_preview(runner_client, runner):
    response = upload(runner_client, sample("strong_comma_lb.csv"), unit="lb")
    pending = PendingImport.objects.get(user=runner)
    assert response.url == reverse("portability:import_preview", args=[pending.pk])


def test_the_preview_shows_sessions_sets_dates_names_and_skipped_lines(runner_client):
    preview = runner_client.get(upload(runner_client, sample("strong_comma_lb.csv")).url)
    page = preview.content.decode()
    assert 'data-testid="preview-sessions">3<' in page
    assert 'data-testid="preview-sets">22<' in page
    assert "2025-03-03" in page
    assert "2025-03-09" in page
    assert "Bench Press (Barbell)" in page
    assert "new exercise" in page
    assert "line 21" in page


def test_a_bad_file_shows_the_message_beside_the_field_and_saves_nothing(runner_client):
    response = upload(runner_client, b"\x00\x01\x02binary")
    assert response.status_code == 200
    assert "not a CSV or JSON text file" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_an_oversized_upload_is_refused_with_the_limit(runner_client, settings):
    response = upload(runner_client, b"a" * (10 * 1024 * 1024 + 1))
    assert "Legwork imports files up to 10 MB" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_an_empty_upload_is_refused(runner_client):
    assert "The submitted file is empty." in upload(runner_client, b"").content.decode()


def test_confirming_imports_and_says_how_much(runner_client, runner):
    preview_url = upload(runner_client, sample("hevy_kg.csv")).url
    pending = PendingImport.objects.get(user=runner)
    response = runner_client.post(
        reverse("portability:import_confirm", args=[pending.pk]), follow=True
    )
    assert "Imported 2 sessions and 12 sets." in response.content.decode()
    assert TrainingSession.objects.filter(user=runner, source="hevy").count() == 2
    assert runner_client.get(preview_url).status_code == 404


def test_the_import_page_lists_what_was_imported(runner_client, runner):
    upload(runner_client, sample("hevy_kg.csv"))
    pending = PendingImport.objects.get(user=runner)
    runner_client.post(reverse("portability:import_confirm", args=[pending.pk]))
    page = runner_client.get(reverse("portability:import")).content.decode()
    assert "Hevy: 2 sessions, 26 Jul 2025 to 29 Jul 2025" in page


def test_cancelling_imports_nothing(runner_client, runner):
    upload(runner_client, sample("hevy_kg.csv"))
    pending = PendingImport.objects.get(user=runner)
    runner_client.post(reverse("portability:import_cancel", args=[pending.pk]))
    assert not PendingImport.objects.exists()
    assert not TrainingSession.objects.exists()


def test_confirm_rejects_get(runner_client, runner):
    upload(runner_client, sample("hevy_kg.csv"))
    pending = PendingImport.objects.get(user=runner)
    assert (
        runner_client.get(reverse("portability:import_confirm", args=[pending.pk])).status_code
        == 405
    )


@pytest.mark.parametrize("name", ["import_preview", "import_confirm", "import_cancel"])
def test_another_runners_import_is_not_found(client, runner, stranger, preview, name):
    pending = preview(runner, sample("hevy_kg.csv"))
    client.force_login(stranger)
    method = client.get if name == "import_preview" else client.post
    assert method(reverse(f"portability:{name}", args=[pending.pk])).status_code == 404
    assert PendingImport.objects.filter(pk=pending.pk).exists()


@pytest.mark.parametrize(
    "url", ["/settings/export/", "/settings/import/", "/settings/delete-account/"]
)
def test_the_pages_need_a_signed_in_runner(client, url):
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("name", ["hevy_lbs.csv", "strong_comma_lb.csv"])
def test_the_preview_takes_the_same_queries_whatever_the_file(
    runner_client, runner, django_assert_num_queries, name
):
    url = upload(runner_client, sample(name)).url
    with django_assert_num_queries(3):  # session, user, the pending import
        assert runner_client.get(url).status_code == 200


@pytest.mark.parametrize("sessions", [1, 8])
def test_the_import_page_takes_the_same_queries_whatever_the_history(
    runner_client, runner, django_assert_num_queries, sessions
):
    for day in range(sessions):
        TrainingSessionFactory(
            user=runner, source="strong", started_at=dt.datetime(2024, 3, day + 1, tzinfo=dt.UTC)
        )
    with django_assert_num_queries(3):  # session, user, imported sessions by source
        assert runner_client.get(reverse("portability:import")).status_code == 200


def test_the_delete_page_offers_the_export_first(runner_client):
    page = runner_client.get(reverse("portability:delete_account")).content.decode()
    assert page.index(reverse("portability:export_json")) < page.index('name="password"')


def test_a_wrong_password_deletes_nothing(runner_client, runner):
    response = runner_client.post(reverse("portability:delete_account"), {"password": "nope"})
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert User.objects.filter(pk=runner.pk).exists()


def test_deleting_the_account_removes_all_the_runners_data(runner_client, runner, stranger):
    custom = Exercise.objects.create(owner=runner, slug="wall-sit", name="Wall sit")
    SetEntryFactory(session=TrainingSessionFactory(user=runner), exercise=custom)
    kept = SetEntryFactory(session=TrainingSessionFactory(user=stranger))
    upload(runner_client, sample("hevy_kg.csv"))

    response = runner_client.post(
        reverse("portability:delete_account"), {"password": DEFAULT_PASSWORD}, follow=True
    )

    assert "Your account and all your training data are deleted." in response.content.decode()
    assert not User.objects.filter(pk=runner.pk).exists()
    assert not TrainingSession.objects.filter(user_id=runner.pk).exists()
    assert not Exercise.objects.filter(owner_id=runner.pk).exists()
    assert not PendingImport.objects.exists()
    assert list(SetEntry.objects.all()) == [kept]
    assert not response.context["user"].is_authenticated


def test_the_runner_can_leave_warmup_sets_out(runner_client, runner):
    upload(runner_client, sample("hevy_kg.csv"), warmups="skip")
    pending = PendingImport.objects.get(user=runner)
    assert pending.summary["warmups_left_out"] == 1
    runner_client.post(reverse("portability:import_confirm", args=[pending.pk]))
    assert SetEntry.objects.filter(session__user=runner).count() == 11
    assert not SetEntry.objects.filter(is_warmup_set=True).exists()


def test_the_unit_choice_starts_at_the_runners_unit(runner_client, runner):
    runner.unit = "lb"
    runner.save(update_fields=["unit"])
    form = runner_client.get(reverse("portability:import")).context["form"]
    assert form["unit"].value() == "lb"


def test_a_50_mb_upload_is_stopped_at_the_limit_with_a_clear_message(runner_client):
    response = upload(runner_client, b"2025-01-01,Squat\n" * (50 * 1024 * 1024 // 17))
    page = response.content.decode()
    assert "The file is 50.0 MB; Legwork imports files up to 10 MB." in page
    assert "This field is required" not in page
    assert response.status_code == 413  # refused on its Content-Length, never read
    assert not PendingImport.objects.exists()


def test_a_file_just_over_the_limit_is_stopped_while_read(runner_client):
    # Its body is within the room left for the form around the file, so it is read, and the
    # upload handler stops it at the limit.
    response = upload(runner_client, b"a" * (10 * 1024 * 1024 + 1024))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 10.0 MB; Legwork imports files up to 10 MB. Export a shorter period and "
        "import it in parts."
    ]
    assert not PendingImport.objects.exists()


def test_the_upload_still_checks_the_csrf_token(runner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    response = upload(client, sample("hevy_kg.csv"))
    assert response.status_code == 403
    assert not PendingImport.objects.exists()
