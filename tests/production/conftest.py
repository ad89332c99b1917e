"""Live gunicorn instances for the production tests (bench/live.py does the work).

These tests run against PostgreSQL and Redis whatever database the rest of the suite uses, and
they never skip: if either is unreachable the test fails and says so.
"""

import os

import pytest

from bench.live import Client, Gunicorn, LiveError, fresh_database, redis_prefix, server_env

SITE_HOST = "legwork.test"


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    """Two gunicorn instances sharing one fresh PostgreSQL database and one Redis (under a key
    prefix of their own), as two machines behind one proxy would."""
    name = f"legwork_scaleout_{os.getpid()}"
    logs = tmp_path_factory.mktemp("scaleout-logs")
    try:
        with fresh_database("postgres", name) as database, redis_prefix(name) as cache:
            env = server_env({**database, **cache}, DJANGO_ALLOWED_HOSTS=f"{SITE_HOST},127.0.0.1")
            with Gunicorn(env, log_dir=logs) as first, Gunicorn(env, log_dir=logs) as second:
                yield first, second
    except LiveError as error:
        pytest.fail(f"could not start the two instances: {error}")


@pytest.fixture
def browser_cookies() -> dict[str, str]:
    """One cookie jar, as a browser keeps it for the site whichever machine answers."""
    return {}


@pytest.fixture
def via_first(two_instances, browser_cookies) -> Client:
    return Client(two_instances[0].url, cookies=browser_cookies, host=SITE_HOST)


@pytest.fixture
def via_second(two_instances, browser_cookies) -> Client:
    return Client(two_instances[1].url, cookies=browser_cookies, host=SITE_HOST)
