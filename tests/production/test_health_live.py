"""/healthz under gunicorn, as a load balancer sees it, when the database is not there."""

import json

from bench.live import Client, Gunicorn, server_env


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    # Nothing listens on port 1: every connection attempt is refused at once.
    env = server_env({"DATABASE_URL": "postgres://legwork:s3cret-pw@127.0.0.1:1/legwork"})

    with Gunicorn(env, log_dir=tmp_path, ready_status=503) as server:
        response = Client(server.url).get("/healthz")

    assert response.status == 503
    assert json.loads(response.body) == {
        "status": "unavailable",
        # Without REDIS_URL the cache is the database's, so it is down with it.
        "checks": {"database": "failed", "database_write": "failed", "cache": "failed"},
    }
    assert b"s3cret" not in response.body
    assert b"127.0.0.1" not in response.body
    assert "did not answer" in server.log()
