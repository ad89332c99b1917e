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


def test_a_forged_forwarded_for_does_not_reset_the_anonymous_rate(low_rates, api_client, routine):
    statuses = [
        api_client.get("/api/v1/routine/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_one_proxy_the_address_it_forwarded_is_the_one_counted(
    low_rates, settings, api_client, routine
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def get_through_proxy(forged: str, client_address: str) -> int:
        forwarded_for = f"{forged}, {client_address}"
        return api_client.get("/api/v1/routine/", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    same_runner = [get_through_proxy(f"198.51.100.{n}", "203.0.113.7") for n in range(3)]
    other_runner = get_through_proxy("198.51.100.1", "203.0.113.8")

    assert same_runner == [200, 200, 429]
    assert other_runner == 200


def test_the_api_trusts_as_many_proxies_as_the_sign_in_limits(settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.ALLAUTH_TRUSTED_PROXY_COUNT
