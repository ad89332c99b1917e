"""Deleting the account asks for the password, so it is rate-limited like a password change:
otherwise it would answer password guesses one by one."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def _delete(client, password):
    return client.post(reverse("portability:delete_account"), {"password": password})


def test_the_sixth_guess_in_a_minute_is_refused_even_when_right(runner_client, runner):
    for _ in range(5):
        assert _delete(runner_client, "a-wrong-guess").status_code == 200

    response = _delete(runner_client, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "Too many attempts. Nothing was deleted; try again in a minute." in response.text
    assert "That is not your password" not in response.text
    assert User.objects.filter(pk=runner.pk).exists()


def test_one_runners_guesses_do_not_lock_out_another(runner_client, client, stranger):
    for _ in range(6):
        _delete(runner_client, "a-wrong-guess")
    client.force_login(stranger)

    response = _delete(client, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert not User.objects.filter(pk=stranger.pk).exists()


def test_opening_the_page_does_not_count(runner_client, runner):
    for _ in range(6):
        runner_client.get(reverse("portability:delete_account"))

    response = _delete(runner_client, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert not User.objects.filter(pk=runner.pk).exists()
