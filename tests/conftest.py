import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_and_fresh_cache(settings):
    # Tests render templates without running collectstatic, and each test starts with an empty
    # cache so allauth's rate limits from one test never leak into another.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def routine(db):
    """The article's routine, loaded from fixtures/ exactly as `make run` loads it."""
    from apps.exercises.selectors import routine_with_slots

    call_command("load_routine", verbosity=0)
    return routine_with_slots()


@pytest.fixture
def runner(db):
    return UserFactory()


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def runner_client(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is slow on purpose; tests check flows, not the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
