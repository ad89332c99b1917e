"""Online backup and restore of the SQLite database, through SQLite's own backup API.

The backup reads the database inside one read transaction, so the copy is the database as it
stood at one instant; in WAL mode the app's writers carry on meanwhile (readers never block
writers). The copy is written beside its destination, checked, and renamed into place, so a
crash midway never leaves a half-written backup under the final name.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int


def backup_sqlite(*, source: Path, destination: Path) -> BackupResult:
    if not source.is_file():
        raise BackupError(f"There is no SQLite database at {source}.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source_db = sqlite3.connect(source, timeout=30)
    target_db = sqlite3.connect(partial)
    try:
        # pages=-1: everything in one step, i.e. one consistent snapshot.
        source_db.backup(target_db, pages=-1)
        # The copy inherits WAL mode; a backup should be one self-contained file.
        target_db.execute("PRAGMA journal_mode=DELETE")
        _check_integrity(target_db, partial)
    finally:
        target_db.close()
        source_db.close()
    partial.replace(destination)
    return BackupResult(path=destination, size_bytes=destination.stat().st_size)


def restore_sqlite(*, backup: Path, target: Path) -> BackupResult:
    """Copies a backup into target (created if missing, replaced if present). The backup API
    writes the target under its own write lock, so a running app sees either the old database
    or the restored one, never a mix."""
    if not backup.is_file():
        raise BackupError(f"There is no backup at {backup}.")
    backup_db = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        _check_integrity(backup_db, backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        target_db = sqlite3.connect(target, timeout=30)
        try:
            backup_db.backup(target_db, pages=-1)
            target_db.execute("PRAGMA journal_mode=WAL")
            _check_integrity(target_db, target)
        finally:
            target_db.close()
    finally:
        backup_db.close()
    return BackupResult(path=target, size_bytes=target.stat().st_size)


def is_empty_database(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return True
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        db.close()


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
    try:
        answer = db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a readable SQLite database: {error}") from error
    if answer != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {answer}")
