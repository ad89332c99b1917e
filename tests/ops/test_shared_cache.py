"""Without REDIS_URL the cache is the database's (config/settings.py), shared by every worker:
`migrate` creates its table, and the deploy check accepts it where it flags a per-process one."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from apps.ops.checks import check_cache_is_shared

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "legwork_cache",
    }
}


def test_without_redis_the_settings_choose_the_database_cache(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.delenv("REDIS_URL", raising=False)
    try:
        fresh = importlib.reload(config.settings)
        assert fresh.CACHES["default"]["BACKEND"] == DATABASE_CACHE["default"]["BACKEND"]
        assert fresh.CACHES["default"]["LOCATION"] == "legwork_cache"
    finally:
        importlib.reload(config.settings)


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_caches_table(settings):
    settings.CACHES = DATABASE_CACHE
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE legwork_cache")
    assert "legwork_cache" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0)

    assert "legwork_cache" in connection.introspection.table_names()
    caches["default"].set("shared", "by every worker", 60)
    assert caches["default"].get("shared") == "by every worker"


def test_the_deploy_check_accepts_the_database_cache():
    with override_settings(CACHES=DATABASE_CACHE):
        assert check_cache_is_shared(None) == []


def test_the_deploy_check_flags_a_cache_inside_each_worker(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert [warning.id for warning in check_cache_is_shared(None)] == ["legwork.W004"]
