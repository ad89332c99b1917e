import hashlib

import pytest

from apps.api.models import ApiToken
from apps.api.services import MAX_TOKENS_PER_USER, token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def form(client, **values) -> dict:
    """The token form as the page renders it (with its one-time nonce), filled in."""
    page = client.get("/settings/tokens/")
    return {"nonce": page.context["form"].initial["nonce"], **values}


def test_it_stores_only_a_hash_of_the_secret(runner):
    token, secret = token_create(user=runner, name="watch")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert secret.startswith(stored.prefix)


def test_a_runner_creates_a_named_token_and_sees_it_once(runner_client, runner):
    response = runner_client.post("/settings/tokens/", form(runner_client, name="watch app"))

    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("lw_")
    assert secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    listing = runner_client.get("/settings/tokens/").content.decode()
    assert "watch app" in listing
    assert secret not in listing


def test_the_token_page_shows_a_missing_name_beside_the_field(runner_client):
    response = runner_client.post("/settings/tokens/", form(runner_client, name=""))

    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert ApiToken.objects.count() == 0


def test_it_limits_how_many_tokens_a_runner_keeps(runner_client, runner):
    for number in range(MAX_TOKENS_PER_USER):
        token_create(user=runner, name=f"t{number}")

    response = runner_client.post("/settings/tokens/", form(runner_client, name="one more"))

    assert response.context["form"].non_field_errors()
    assert ApiToken.objects.filter(user=runner).count() == MAX_TOKENS_PER_USER


def test_the_token_page_lists_only_the_runners_own_tokens(runner_client, runner, stranger):
    token_create(user=runner, name="mine")
    token_create(user=stranger, name="theirs")

    response = runner_client.get("/settings/tokens/")

    assert [token.name for token in response.context["tokens"]] == ["mine"]


def test_a_runner_revokes_a_token_and_it_stops_working(runner_client, runner, api_client):
    token, secret = token_create(user=runner, name="old script")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api_client.get("/api/v1/me/").status_code == 200

    response = runner_client.post(f"/settings/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api_client.get("/api/v1/me/").status_code == 401


def test_revoking_requires_ownership(runner_client, stranger):
    token, _secret = token_create(user=stranger, name="theirs")

    response = runner_client.post(f"/settings/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_rejects_get(runner_client, runner):
    token, _secret = token_create(user=runner, name="mine")

    assert runner_client.get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405


def test_the_token_page_requires_sign_in(client):
    response = client.get("/settings/tokens/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_settings_page_links_to_tokens(runner_client):
    assert 'href="/settings/tokens/"' in runner_client.get("/settings/").content.decode()


def test_a_deactivated_runners_token_authenticates_nothing(api_client):
    user = UserFactory(is_active=False)
    _token, secret = token_create(user=user, name="script")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert api_client.get("/api/v1/me/").status_code == 401


def test_a_reloaded_create_makes_no_second_token(runner_client, runner):
    data = form(runner_client, name="watch app")
    runner_client.post("/settings/tokens/", data)

    again = runner_client.post("/settings/tokens/", data)

    assert again.status_code == 302
    assert ApiToken.objects.filter(user=runner).count() == 1


def test_the_form_needs_its_nonce(runner_client, runner):
    response = runner_client.post("/settings/tokens/", {"name": "watch app"})

    assert "nonce" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_forged_nonce_is_refused(runner_client):
    response = runner_client.post(
        "/settings/tokens/", {"name": "x", "nonce": "<script>alert(1)</script>--------"}
    )

    assert "nonce" in response.context["form"].errors
    assert not ApiToken.objects.exists()
