"""The console under `make run` (DEBUG) reads as lines a person can follow, each said once;
production keeps one JSON object a line for the log store (settings.LOGGING)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(tmp_path, debug: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="true" if debug else "false",
        DJANGO_SETTINGS_MODULE="config.settings",
        LEGWORK_SQLITE_PATH=str(tmp_path / "console.sqlite3"),
        PYTHONUNBUFFERED="1",
    )
    return env


def _get(url: str, deadline: float) -> None:
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def make_run_output(tmp_path):
    """What `make run` prints (runserver with its auto-reloader, DEBUG on) while serving one
    request for a static file (no database needed)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=_env(tmp_path, debug=True),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        _get(f"http://127.0.0.1:{port}/static/css/app.css", time.monotonic() + 60)
        time.sleep(0.5)
    finally:
        os.killpg(server.pid, 15)
        output, _ = server.communicate(timeout=30)
    return output


def test_make_run_says_watching_for_file_changes_once(make_run_output):
    assert make_run_output.count("Watching for file changes") == 1, make_run_output


def test_make_run_prints_requests_as_readable_lines(make_run_output):
    (request_line,) = [
        line for line in make_run_output.splitlines() if "GET /static/css/app.css" in line
    ]
    assert " INFO  GET /static/css/app.css 200 " in request_line
    assert request_line.endswith(" ms")
    assert not any(line.lstrip().startswith("{") for line in make_run_output.splitlines())


def test_production_logs_one_json_object_a_line(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('legwork.request').info("
        "'GET /routine/ 200', extra={'status': 200, 'duration_ms': 3.5})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(tmp_path, debug=False),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["message"] == "GET /routine/ 200"
    assert line["level"] == "INFO"
    assert line["status"] == 200
    assert result.stderr == ""
