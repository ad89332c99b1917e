import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def runner_token(runner):
    _token, secret = token_create(user=runner, name="script")
    return secret


@pytest.fixture
def runner_api(runner_token):
    """A client authenticated the way a runner's script is: with a personal token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {runner_token}")
    return client
