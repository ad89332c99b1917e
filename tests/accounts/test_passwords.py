import re

from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

NEW_PASSWORD = "a-brand-new-pass-phrase-7"


def _reset_link(client, email: str) -> str:
    client.post(reverse("account_reset_password"), {"email": email})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body)[1]


def test_a_reset_request_mails_a_link_and_says_so(client, runner):
    response = client.post(reverse("account_reset_password"), {"email": runner.email})
    assert response.url == reverse("account_reset_password_done")
    assert mail.outbox[0].to == [runner.email]
    assert mail.outbox[0].subject.startswith("[Legwork] ")
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_forgotten_password_is_reset_through_the_mailed_link(client, runner):
    link = _reset_link(client, runner.email)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.url == reverse("account_reset_password_from_key_done")
    runner.refresh_from_db()
    assert runner.check_password(NEW_PASSWORD)


def test_a_reset_link_works_only_once(client, runner):
    link = _reset_link(client, runner.email)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert "<h1>Bad token</h1>" in again.text
    assert 'name="password1"' not in again.text


def test_a_reset_for_an_unknown_email_mails_no_link(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    # The same answer as for a known address, so nobody can probe who has an account.
    assert response.url == reverse("account_reset_password_done")
    assert all("/password/reset/key/" not in message.body for message in mail.outbox)


def test_a_runner_changes_their_password_and_stays_signed_in(runner_client, runner):
    response = runner_client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password(NEW_PASSWORD)
    assert get_user(runner_client).is_authenticated


def test_changing_the_password_needs_the_current_one(runner_client, runner):
    response = runner_client.post(
        reverse("account_change_password"),
        {"oldpassword": "a-wrong-guess", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'id="id_oldpassword_errors"' in response.text
    runner.refresh_from_db()
    assert runner.check_password(DEFAULT_PASSWORD)
