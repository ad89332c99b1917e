import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }


def test_a_runner_past_their_rate_gets_429_with_retry_after(low_rates, runner_api):
    statuses = [runner_api.get("/api/v1/me/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = runner_api.get("/api/v1/me/")
    assert response.json()["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60


def test_anonymous_requests_have_their_own_lower_rate(low_rates, api_client, routine):
    statuses = [api_client.get("/api/v1/routine/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert int(api_client.get("/api/v1/routine/")["Retry-After"]) > 0


def test_one_runners_rate_does_not_limit_another(low_rates, runner_api, stranger):
    from rest_framework.test import APIClient

    for _ in range(4):
        runner_api.get("/api/v1/me/")
    other = APIClient()
    other.force_authenticate(stranger)

    assert other.get("/api/v1/me/").status_code == 200
