"""What a new runner reads: a display name asked for at sign-up (optional), a greeting without
the email's local part when there is none, one message after sign-up, and headings in sentence
case on allauth's pages as on the rest of the site."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

PASSWORD = "a-long-pass-phrase-9"


def sign_up(client, **extra):
    data = {
        "email": "runner1796@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(reverse("account_signup"), data, follow=True)


def messages_in(html: str) -> list[str]:
    return re.findall(r'<p class="message [^"]*">([^<]*)</p>', html)


def test_the_signup_page_asks_for_an_optional_display_name(client, db):
    html = client.get(reverse("account_signup")).text

    assert '<label for="id_name">Display name <span class="optional">(optional)</span>' in html
    assert html.index('name="email"') < html.index('name="name"') < html.index('name="password1"')


def test_a_runner_who_gives_a_name_is_greeted_by_it(client, db):
    response = sign_up(client, name="  Sam  ")

    assert User.objects.get().name == "Sam"
    assert "<h1>Hello, Sam</h1>" in response.text


def test_a_runner_without_a_name_is_greeted_without_their_email(client, db):
    response = sign_up(client)

    assert User.objects.get().name == ""
    assert "<h1>Hello</h1>" in response.text
    assert "Hello, runner1796" not in response.text


def test_a_display_name_longer_than_the_field_is_refused_beside_it(client, db):
    response = sign_up(client, name="x" * 151)

    assert not User.objects.exists()
    assert 'id="id_name_errors"' in response.text


def test_sign_up_ends_with_one_message_that_says_what_matters(client, db):
    response = sign_up(client)

    assert messages_in(response.text) == [
        "Welcome to Legwork. We sent a link to runner1796@example.com: confirming your address "
        "lets you reset a forgotten password."
    ]


def test_signing_in_says_who_is_signed_in(client, db):
    runner = UserFactory(email="back@example.com", name="")
    response = client.post(
        reverse("account_login"),
        {"login": runner.email, "password": DEFAULT_PASSWORD},
        follow=True,
    )

    assert messages_in(response.text) == ["Signed in as back@example.com."]


ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_inactive",
    "account_email_verification_sent",
]
SIGNED_IN_PAGES = ["account_email", "account_change_password", "account_logout"]
# Words that keep their capital inside a sentence.
PROPER = {"Legwork", "API", "JSON", "CSV", "FIT", "GPX", "TCX", "Strava", "Strong", "Hevy"}


def title_case_words(html: str) -> list[str]:
    """Capitalised words after the first in each heading, button, label and legend of the page's
    main part."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    found = []
    tags = r"h[1-3]|button|label|legend"
    for text in re.findall(rf"<(?:{tags})[^>]*>(.*?)</(?:{tags})>", main, re.S):
        # A tag ("Primary", "Unverified") inside a label is a sentence of its own.
        for sentence in re.split(r'<span class="tag[^"]*">|</span>', text):
            words = re.sub(r"<[^>]+>", " ", sentence).split()
            found += [w for w in words[1:] if w[:1].isupper() and w.strip(".,:?!") not in PROPER]
    return found


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_allauth_pages_use_sentence_case_headings_buttons_and_labels(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert title_case_words(response.text) == []


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_allauth_pages_use_sentence_case_headings_buttons_and_labels(runner_client, name):
    response = runner_client.get(reverse(name))

    assert response.status_code == 200
    assert title_case_words(response.text) == []


def test_sentence_case_keeps_acronyms_and_the_projects_name():
    from apps.accounts.templatetags.legwork import sentence_case

    assert sentence_case("Confirm Email Address") == "Confirm email address"
    assert sentence_case("Sign In to Legwork") == "Sign in to Legwork"
    assert sentence_case("Personal API Tokens") == "Personal API tokens"
