"""`make serve` without REDIS_URL: several gunicorn workers share the database cache, so the
sign-in limits count once for the site (five failures lock an address's email), not once per
worker as a per-process cache would."""

import pytest

from bench.live import Client, Gunicorn, fresh_database, run_django, server_env

EMAIL = "shared.limit@example.com"
PASSWORD = "shared-limit-password-4711"
WORKERS = 3


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with fresh_database("sqlite", "legwork-shared-cache") as database:
        env = server_env(database)
        run_django(
            env,
            "from apps.accounts.models import User; "
            f"User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r})",
        )
        with Gunicorn(env, workers=WORKERS, log_dir=tmp_path_factory.mktemp("shared")) as live:
            yield live


def test_five_failures_lock_the_email_whichever_worker_answers(server):
    # A new client each time: a new connection, so the requests spread over the workers.
    for _ in range(5):
        response = Client(server.url).sign_in(EMAIL, "a-wrong-guess")
        assert response.status == 200
        assert "Too many failed login attempts" not in response.text

    for _ in range(WORKERS * 2):
        response = Client(server.url).sign_in(EMAIL, PASSWORD)
        assert response.status == 200
        assert "Too many failed login attempts" in response.text
