"""`manage.py check --deploy` with the documented production values (docs/production.env)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = ROOT / "docs" / "production.env"


def documented_production_env() -> dict[str, str]:
    values = {}
    for line in PRODUCTION_ENV.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    values["EMAIL_HOST_PASSWORD"] = "not-used-by-the-check"
    return values


def run_deploy_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "LEGWORK_", "EMAIL_"))
        and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_values_pass_check_deploy():
    result = run_deploy_check(documented_production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_a_laptop_configuration():
    result = run_deploy_check({"DJANGO_DEBUG": "true"})

    assert result.returncode != 0
    for check_id in ("security.W004", "security.W008", "security.W018", "legwork.W001"):
        assert check_id in result.stderr + result.stdout


def test_without_redis_the_database_cache_passes_check_deploy():
    # Every worker shares the database cache; a per-process cache is flagged
    # (tests/ops/test_shared_cache.py).
    env = documented_production_env()
    del env["REDIS_URL"]

    result = run_deploy_check(env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "legwork.W004" not in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = documented_production_env()
    env["DJANGO_SECRET_KEY"] = ""

    result = run_deploy_check(env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
