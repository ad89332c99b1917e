"""Online SQLite backup and restore (apps/ops/backup.py, manage.py backup_sqlite/restore_sqlite).

A writer thread keeps committing numbered rows, acknowledging each one only after its commit,
the way the app acknowledges a set. The backup is taken in the middle of that; restored into a
fresh file it must hold every row acknowledged before the backup began, each exactly once, and
no row that was never written.
"""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FILLER_ROWS = 12000  # about 12 MB, so the copy takes long enough for writes to land meanwhile


class Writer(threading.Thread):
    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path = path
        self.acknowledged: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        number = 0
        while not self.stop.is_set():
            number += 1
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO sets (number, reps) VALUES (?, 5)", (number,))
            db.execute("COMMIT")
            self.acknowledged.append(number)
        db.close()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 30
        while len(self.acknowledged) < count:
            assert time.monotonic() < deadline, "the writer made no progress"
            time.sleep(0.005)


@pytest.fixture
def live_database(tmp_path) -> Path:
    path = tmp_path / "live.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE sets (id INTEGER PRIMARY KEY, number INTEGER UNIQUE, reps INTEGER)")
    db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)")
    db.executemany("INSERT INTO filler (text) VALUES (?)", [("x" * 1000,)] * FILLER_ROWS)
    db.commit()
    db.close()
    return path


def numbers_in(path: Path) -> list[int]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute("SELECT number FROM sets ORDER BY number")]
    finally:
        db.close()


def test_a_backup_taken_during_writes_restores_everything_acknowledged_before_it(
    live_database, tmp_path
):
    writer = Writer(live_database)
    writer.start()
    writer.wait_for(50)

    acknowledged_before = len(writer.acknowledged)
    call_command(
        "backup_sqlite", source=live_database, output=tmp_path / "backup.sqlite3", verbosity=0
    )
    acknowledged_after = len(writer.acknowledged)
    assert acknowledged_after > acknowledged_before, "no write landed while the backup ran"
    writer.wait_for(acknowledged_after + 50)
    writer.stop.set()
    writer.join()

    fresh = tmp_path / "restored" / "fresh.sqlite3"
    call_command("restore_sqlite", tmp_path / "backup.sqlite3", target=fresh, verbosity=0)
    restored = numbers_in(fresh)
    assert restored == list(range(1, len(restored) + 1)), "a row is missing or doubled"
    assert acknowledged_before <= len(restored) <= acknowledged_after
    assert len(numbers_in(live_database)) == len(writer.acknowledged)


def test_the_restored_file_passes_sqlites_integrity_check(live_database, tmp_path):
    call_command("backup_sqlite", source=live_database, output=tmp_path / "b.sqlite3")
    call_command("restore_sqlite", tmp_path / "b.sqlite3", target=tmp_path / "r.sqlite3")

    db = sqlite3.connect(tmp_path / "r.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM filler").fetchone() == (FILLER_ROWS,)
    db.close()


def test_a_backup_is_one_self_contained_file(live_database, tmp_path):
    call_command("backup_sqlite", source=live_database, output=tmp_path / "b.sqlite3")

    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("b.")) == [
        "b.sqlite3"
    ]


def test_restore_refuses_to_overwrite_data_without_replace(live_database, tmp_path):
    call_command("backup_sqlite", source=live_database, output=tmp_path / "b.sqlite3")

    with pytest.raises(CommandError, match="--replace"):
        call_command("restore_sqlite", tmp_path / "b.sqlite3", target=live_database)


def test_restore_rejects_a_file_that_is_not_a_database(tmp_path):
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)

    with pytest.raises(CommandError, match="not a readable SQLite database"):
        call_command("restore_sqlite", tmp_path / "junk.sqlite3", target=tmp_path / "r.sqlite3")
    assert not (tmp_path / "r.sqlite3").exists() or (tmp_path / "r.sqlite3").stat().st_size == 0


def test_backup_points_postgres_users_at_pg_dump(settings):
    settings.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/legwork"

    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_sqlite")


def test_backup_defaults_to_the_configured_sqlite_file(live_database, tmp_path, settings):
    settings.DATABASE_URL = ""
    settings.SQLITE_PATH = live_database

    call_command("backup_sqlite", output=tmp_path / "b.sqlite3")

    assert numbers_in(tmp_path / "b.sqlite3") == numbers_in(live_database)
