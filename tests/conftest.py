import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer

from apps.exercises.models import Exercise
from tests.factories import UserFactory

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def pytest_configure(config):
    # On SQLite the test database lives in memory, and Django hands every live-server thread the
    # test's one connection. Two requests at once (a double tap in a browser journey) would then
    # interleave their savepoints on that shared connection: a test-harness artefact, not the
    # app's behaviour (a real server gives each worker its own connection, and
    # tests/production/test_load.py hammers one with concurrent runners). So the live server
    # answers one request at a time on SQLite; on PostgreSQL it stays threaded.
    if not os.environ.get("DATABASE_URL"):
        from django.test.testcases import LiveServerThread

        LiveServerThread.server_class = _OneRequestAtATimeServer


class _OneRequestAtATimeServer(WSGIServer):
    """Django's live server without threads: requests run in the server's thread, which already
    uses the test's connection."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def _plain_static_and_fresh_cache(settings):
    # Tests render templates without running collectstatic, and each test starts with an empty
    # cache so allauth's rate limits from one test never leak into another.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if settings.CACHES["default"]["BACKEND"] == DATABASE_CACHE:
        # The database cache's own queries would count in every test's exact query count; it is
        # tested on its own (tests/ops/test_shared_cache.py, tests/production/).
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
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
def squat(routine):
    return Exercise.objects.get(slug="squat")


@pytest.fixture
def lunge(routine):
    """The lateral lunge: a loaded move done per side."""
    return Exercise.objects.get(slug="lateral-lunge")


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
