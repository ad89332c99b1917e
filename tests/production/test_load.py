"""The short version of `make load` (bench/load.py): a few runners for a few seconds against
gunicorn on the suite's database (SQLite, or PostgreSQL when DATABASE_URL is set), and not one
acknowledged set may be missing or doubled."""

import os

import pytest

from bench.live import LiveError
from bench.load import run


def test_runners_training_at_once_lose_no_acknowledged_set():
    database = "postgres" if os.environ.get("DATABASE_URL") else "sqlite"
    try:
        report = run(database=database, clients=3, seconds=3, workers=2)
    except LiveError as error:
        pytest.fail(str(error))

    assert report.sets_acknowledged > 0, report.text()
    assert report.sets_missing == 0, report.text()
    assert report.sets_duplicated == 0, report.text()
    assert report.sets_wrong == 0, report.text()
    assert report.sessions_not_finished == 0, report.text()
    assert report.server_errors == 0, report.text()
    assert report.database_locked == 0, report.text()
    assert report.failures == [], report.text()
