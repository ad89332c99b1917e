import pytest
from django.utils import timezone

from apps.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_it_answers_401_in_json_without_credentials(api_client):
    response = api_client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
        "errors": {},
    }


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_it_accepts_a_token_with_either_keyword(api_client, runner, runner_token, keyword):
    api_client.credentials(HTTP_AUTHORIZATION=f"{keyword} {runner_token}")

    response = api_client.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["email"] == runner.email


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer lw_wrong", "Bearer two words", "Token lw_\u00e9t\u00e9"]
)
def test_it_answers_401_to_a_bad_token(api_client, runner_token, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_it_records_when_a_token_was_last_used(runner_api):
    assert ApiToken.objects.get().last_used_at is None

    runner_api.get("/api/v1/me/")

    assert ApiToken.objects.get().last_used_at is not None


def test_it_writes_last_use_at_most_once_an_hour(runner_api, django_assert_num_queries):
    runner_api.get("/api/v1/me/")
    ApiToken.objects.update(last_used_at=timezone.now())

    # One query finds the token and its user; no write follows.
    with django_assert_num_queries(1):
        runner_api.get("/api/v1/me/")


def test_the_sites_own_javascript_uses_the_session_with_csrf(runner):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(runner)

    assert client.get("/api/v1/me/").status_code == 200
    response = client.patch("/api/v1/me/", {"unit": "lb"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_bearer_header_wins_over_a_session(api_client, runner, stranger, runner_token):
    api_client.force_login(stranger)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {runner_token}")

    assert api_client.get("/api/v1/me/").json()["email"] == runner.email
