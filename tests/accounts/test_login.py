from django.contrib.auth import get_user
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD


def _sign_in(client, email, password=DEFAULT_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_runner_signs_in_with_email_and_password(client, runner):
    response = _sign_in(client, runner.email)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert get_user(client).pk == runner.pk


def test_the_email_is_matched_whatever_its_case(client, runner):
    _sign_in(client, runner.email.upper())
    assert get_user(client).pk == runner.pk


def test_a_wrong_password_is_refused_with_a_message(client, runner):
    response = _sign_in(client, runner.email, "not-the-password")
    assert response.status_code == 200
    assert "not correct" in response.text
    assert not get_user(client).is_authenticated


def test_a_page_for_runners_sends_a_visitor_to_sign_in_and_back(client, db):
    response = client.get(reverse("settings"))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('settings')}"


def test_signing_in_returns_the_runner_to_the_page_they_asked_for(client, runner):
    response = client.post(
        reverse("account_login"),
        {"login": runner.email, "password": DEFAULT_PASSWORD, "next": reverse("settings")},
    )
    assert response.url == reverse("settings")


def test_sign_out_asks_for_confirmation_on_get(runner_client):
    response = runner_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert "Are you sure you want to sign out?" in response.text
    assert get_user(runner_client).is_authenticated


def test_a_runner_signs_out_with_a_post(runner_client):
    response = runner_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not get_user(runner_client).is_authenticated


def test_an_inactive_account_cannot_sign_in(client, runner):
    runner.is_active = False
    runner.save(update_fields=["is_active"])
    response = _sign_in(client, runner.email)
    assert response.url == reverse("account_inactive")
    assert not get_user(client).is_authenticated
