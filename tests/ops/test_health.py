import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper

from apps.ops.models import HealthProbe
from apps.ops.views import write_probe


@pytest.fixture(autouse=True)
def _fresh_write_probe():
    # The probe remembers its last result per process: each test starts with none.
    write_probe.forget()
    yield
    write_probe.forget()


def _writes_refused(run, sql, params, many, context):
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        raise OperationalError("database or disk is full")
    return run(sql, params, many, context)


def _statements(log: list[str]):
    def record(run, sql, params, many, context):
        log.append(sql.lstrip().split()[0].upper())
        return run(sql, params, many, context)

    return connection.execute_wrapper(record)


@pytest.mark.django_db
def test_it_answers_200_when_database_and_cache_work(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "database_write": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
def test_it_needs_no_sign_in_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(self, *args, **kwargs):
        raise OperationalError('connection to "db.internal" failed: password authentication')

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"
    assert b"db.internal" not in response.content
    assert b"password" not in response.content


@pytest.mark.django_db
def test_it_answers_503_when_the_cache_is_unreachable(client, monkeypatch):
    class UnreachableCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("Error 111 connecting to redis.internal:6379")

    # The view's name for the cache, not the cache itself: the shared cache object outlives the
    # test, and which backend it is depends on the settings of the moment.
    monkeypatch.setattr("apps.ops.views.cache", UnreachableCache())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "database_write": "ok",
        "cache": "failed",
    }
    assert b"redis.internal" not in response.content


@pytest.mark.django_db
def test_it_rejects_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_it_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/routine/").status_code == 301


@pytest.mark.django_db
def test_it_answers_503_when_the_database_reads_but_refuses_writes(client):
    with connection.execute_wrapper(_writes_refused):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "database_write": "failed",
        "cache": "ok",
    }
    assert b"disk is full" not in response.content


@pytest.mark.django_db
def test_the_write_probe_writes_at_most_once_per_interval(client, settings):
    settings.LEGWORK_HEALTH_WRITE_SECONDS = 3600
    statements: list[str] = []

    with _statements(statements):
        answers = [client.get("/healthz").status_code for _ in range(5)]

    assert answers == [200] * 5
    assert statements.count("INSERT") + statements.count("UPDATE") == 1
    assert HealthProbe.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_write_is_reported_until_the_next_probe_passes(client, settings):
    settings.LEGWORK_HEALTH_WRITE_SECONDS = 3600
    with connection.execute_wrapper(_writes_refused):
        assert client.get("/healthz").status_code == 503
    # Writes work again, but the interval has not passed: the last probe stands.
    assert client.get("/healthz").status_code == 503

    settings.LEGWORK_HEALTH_WRITE_SECONDS = 0

    assert client.get("/healthz").status_code == 200
