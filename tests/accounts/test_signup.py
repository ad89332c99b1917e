from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import UserFactory

PASSWORD = "a-long-pass-phrase-9"


def _sign_up(client, email="new.runner@example.com", **extra):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


def test_the_signup_page_offers_email_and_password(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    for name in ("email", "password1", "password2", "timezone"):
        assert f'name="{name}"' in response.text


def test_a_runner_signs_up_and_is_signed_in_at_once(client, db):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("settings")).status_code == 200
    assert User.objects.get().email == "new.runner@example.com"


def test_signing_up_needs_no_email_verification_but_mails_a_confirmation(client, db):
    _sign_up(client)
    assert client.get(reverse("settings")).status_code == 200
    assert len(mail.outbox) == 1
    assert "new.runner@example.com" in mail.outbox[0].to
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_the_confirmation_link_verifies_the_address(client, db):
    _sign_up(client)
    link = next(word for word in mail.outbox[0].body.split() if "/confirm-email/" in word)
    path = link[link.index("/accounts/") :]
    assert client.post(path).status_code == 302
    user = User.objects.get()
    assert user.emailaddress_set.get().verified


def test_signup_stores_the_browsers_timezone_when_it_is_valid(client, db):
    _sign_up(client, timezone="America/New_York")
    assert User.objects.get().timezone == "America/New_York"


def test_signup_ignores_a_timezone_it_does_not_know(client, db, settings):
    settings.LEGWORK_DEFAULT_TIMEZONE = "Europe/London"
    response = _sign_up(client, timezone="Mars/Olympus_Mons")
    assert response.status_code == 302
    assert User.objects.get().timezone == "Europe/London"


def test_signup_with_an_email_already_in_use_is_refused(client, db):
    UserFactory(email="taken@example.com")
    response = _sign_up(client, email="Taken@Example.com")
    assert response.status_code == 200
    assert "already registered" in response.text
    assert User.objects.count() == 1


def test_signup_with_mismatched_passwords_is_refused_beside_the_field(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.runner@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert 'id="id_password2_errors"' in response.text
    assert not User.objects.exists()


def test_signup_refuses_a_common_password(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.runner@example.com", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "too common" in response.text
    assert not User.objects.exists()
