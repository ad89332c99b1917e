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


@pytest.fixture
def settings_override_rates(settings):
    """Rates high enough for a property-based run's burst of requests."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
