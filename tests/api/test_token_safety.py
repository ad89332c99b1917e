"""One token per token form, however often and however concurrently it is sent; and a new
password revokes every token (issue 14, items 5 and 6)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from apps.api.models import ApiToken
from apps.api.services import (
    MAX_TOKENS_PER_USER,
    TokenAlreadyCreated,
    token_create,
    tokens_revoke_all,
)
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-pass-phrase-7"
NONCE = "a-form-nonce-0123456789"


def _form(client, **values) -> dict:
    page = client.get("/settings/tokens/")
    return {"nonce": page.context["form"].initial["nonce"], **values}


def _api_status(secret: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client.get("/api/v1/me/").status_code


# One token per form -----------------------------------------------------------------------------


def test_a_form_sent_again_to_another_worker_makes_no_second_token(runner_client, runner):
    """Each gunicorn worker has its own memory: what one remembered, another never saw."""
    data = _form(runner_client, name="watch app")
    runner_client.post("/settings/tokens/", data)
    cache.clear()

    again = runner_client.post("/settings/tokens/", data, follow=True)

    assert ApiToken.objects.filter(user=runner).count() == 1
    assert "That token was created already" in again.text


def test_the_service_makes_one_token_per_form_nonce(runner):
    token_create(user=runner, name="watch", form_nonce=NONCE)

    with pytest.raises(TokenAlreadyCreated):
        token_create(user=runner, name="watch", form_nonce=NONCE)
    assert ApiToken.objects.filter(user=runner).count() == 1


def test_the_database_refuses_a_second_token_from_one_form(runner):
    token_create(user=runner, name="watch", form_nonce=NONCE)

    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(user=runner, name="copy", key_hash="x" * 64, form_nonce=NONCE)


def test_tokens_made_without_a_form_need_no_nonce(runner):
    token_create(user=runner, name="one")
    token_create(user=runner, name="two")

    assert ApiToken.objects.filter(user=runner).count() == 2


def test_the_limit_holds_in_the_service_too(runner):
    for number in range(MAX_TOKENS_PER_USER):
        token_create(user=runner, name=f"script {number}")

    with pytest.raises(Exception, match="Revoke one you no longer use"):
        token_create(user=runner, name="one too many", form_nonce=NONCE)
    assert ApiToken.objects.filter(user=runner).count() == MAX_TOKENS_PER_USER


# A new password revokes them -------------------------------------------------------------------


def test_changing_the_password_revokes_every_token(runner_client, runner):
    _token, secret = token_create(user=runner, name="watch")
    assert _api_status(secret) == 200

    runner_client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert _api_status(secret) == 401
    assert not ApiToken.objects.filter(user=runner).exists()


def test_resetting_a_forgotten_password_revokes_every_token(client, runner):
    _token, secret = token_create(user=runner, name="watch")
    client.post(reverse("account_reset_password"), {"email": runner.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]

    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert _api_status(secret) == 401
    assert not ApiToken.objects.filter(user=runner).exists()


def test_a_failed_password_change_keeps_the_tokens(runner_client, runner):
    _token, secret = token_create(user=runner, name="watch")

    runner_client.post(
        reverse("account_change_password"),
        {"oldpassword": "not-my-password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert _api_status(secret) == 200


def test_revoking_all_touches_only_that_runners_tokens(runner, stranger):
    token_create(user=runner, name="mine")
    token_create(user=stranger, name="theirs")

    assert tokens_revoke_all(user=runner) == 1
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["theirs"]


def test_the_tokens_page_says_a_new_password_revokes_them(runner_client):
    page = runner_client.get("/settings/tokens/").text

    assert "Changing or resetting your password revokes every token" in page
