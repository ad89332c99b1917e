import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def _local_memory_cache(settings):
    # allauth keeps its counters in the default cache: prove the limit with the cache a laptop
    # uses (local memory), whatever REDIS_URL says.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rate-limit-tests",
        }
    }


def _sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_allauths_rate_limits_are_on(settings):
    assert settings.ACCOUNT_RATE_LIMITS
    assert "login_failed" in settings.ACCOUNT_RATE_LIMITS


def test_after_five_failed_sign_ins_even_the_right_password_is_refused(client, runner):
    for _ in range(5):
        assert _sign_in(client, runner.email, "a-wrong-guess").status_code == 200
    response = _sign_in(client, runner.email, DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert not get_user(client).is_authenticated


def test_failed_sign_ins_for_one_account_do_not_lock_out_another(client, runner, stranger):
    for _ in range(5):
        _sign_in(client, runner.email, "a-wrong-guess")
    response = _sign_in(client, stranger.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert get_user(client).pk == stranger.pk
