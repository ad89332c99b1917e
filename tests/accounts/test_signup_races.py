"""Sign-ups that race for one address (issue 14, items 1 and 6): one account is made, and every
other sign-up gets the answer it would have got had it come second, never a server error. With
verification mandatory (the production setting), that answer does not tell whether the address
was registered: allauth's enumeration prevention, with a mail to the address's owner."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from apps.accounts.forms import SignupForm
from apps.accounts.models import User

PASSWORD = "a-long-pass-phrase-9"
EMAIL = "racing.runner@example.com"


def _registered(email: str) -> User:
    """An account as a sign-up makes it: the user and its email address row."""
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True)
    return user


def _sign_up(client, email=EMAIL):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("account_signup"), data)


@pytest.fixture
def another_signup_wins_the_race(monkeypatch):
    """Registers the address just after this sign-up's form is validated and before it is
    saved: what a second sign-up committing in between does."""
    validate = SignupForm.clean

    def validate_then_lose_the_race(form):
        cleaned = validate(form)
        if not User.objects.exists():
            _registered(cleaned["email"])
        return cleaned

    monkeypatch.setattr(SignupForm, "clean", validate_then_lose_the_race)


@pytest.fixture
def mandatory_verification(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"


def test_a_signup_that_loses_the_race_is_told_the_address_is_registered(
    client, db, another_signup_wins_the_race
):
    response = _sign_up(client)

    assert response.status_code == 200
    assert "already registered" in response.text
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_a_signup_that_loses_the_race_is_answered_like_one_that_came_second(
    client, db, another_signup_wins_the_race
):
    raced = _sign_up(client)
    second = _sign_up(client)

    assert raced.status_code == second.status_code == 200
    assert raced.context["form"].errors == second.context["form"].errors


def test_with_mandatory_verification_a_signup_for_a_registered_address_looks_like_a_new_one(
    client, db, mandatory_verification
):
    _registered("taken@example.com")
    new = _sign_up(Client(), email="first.time@example.com")
    registered = _sign_up(client, email="taken@example.com")

    assert registered.status_code == new.status_code == 302
    assert registered["Location"] == new["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 2
    # Each address gets a mail: a confirmation for the new one, and for the registered one a
    # word to its owner; the visitor learns nothing from the page.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first.time@example.com",
        "taken@example.com",
    ]
    to_owner = next(message for message in mail.outbox if message.to == ["taken@example.com"])
    assert "/accounts/password/reset/" in to_owner.body


def test_with_mandatory_verification_a_signup_that_loses_the_race_gets_the_neutral_answer(
    client, db, mandatory_verification, another_signup_wins_the_race
):
    raced = _sign_up(client)

    assert raced.status_code == 302
    assert raced["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert "/accounts/password/reset/" in mail.outbox[0].body
