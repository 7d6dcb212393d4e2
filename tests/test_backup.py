"""`app.py db backup FILE` and `app.py db restore FILE`, run as an administrator would: the
real commands in their own processes, beside a console that keeps answering.

Before them the README said nothing about backups, and the obvious `cp console.db` taken
while the console ran left out every turn still in `console.db-wal`; copying a file back
over a database whose `-wal` was still there let SQLite replay the old log into it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from console.config import Config
from console.store import TranscriptStore
from tests.fakes import ScriptedBackend
from tests.test_faults import app_with, post, small_disk, user, words  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "CONSOLE_SECRET_KEY"} | (env or {})
    return subprocess.run(
        [sys.executable, "app.py", "db", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
        check=False,
    )


def _rows(path: Path, sql: str, *params: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _ids(path: Path) -> set[str]:
    return {row[0] for row in _rows(path, "SELECT id FROM messages")}


def test_a_backup_beside_a_busy_console_and_a_restore_after_it_stopped(
    app_with: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    app = app_with(ScriptedBackend(reply=words(40), delay=0.005))
    data, db = Path(app.config.data_dir), app.config.sqlite_path
    for n in range(5):
        assert post(app, user(f"Où est ma commande {n} ? 📦")).status_code == 200
    # customers keep writing while the backup is taken
    stop, answered = threading.Event(), []

    def customers() -> None:
        while not stop.is_set():
            answered.append(post(app, user("Ich warte auf mein Paket")).status_code)

    writer = threading.Thread(target=customers)
    writer.start()
    try:
        backup = tmp_path / "backups" / "monday.db"
        backup.parent.mkdir()
        done = _run("backup", str(backup), "--data-dir", str(data))
    finally:
        stop.set()
        writer.join()
    assert done.returncode == 0, done.stderr
    assert "backed up to" in done.stdout and "Integrity check passed" in done.stdout
    assert "key id(s) needed: 1" in done.stdout and "The key is not in the backup" in done.stdout
    assert answered and set(answered) == {200}, "the console kept answering during the backup"
    # one self-contained file for this user alone, nothing left beside it
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in backup.parent.iterdir()) == ["monday.db"]
    assert _rows(backup, "PRAGMA journal_mode") == [("delete",)]
    # every turn finished before the backup began is in it (the WAL's included), and the
    # text stays encrypted: no customer's words in the file
    in_backup = _ids(backup)
    assert len(in_backup) >= 10
    assert in_backup <= _ids(db)
    raw = backup.read_bytes()
    assert b"commande" not in raw and "Où est".encode() not in raw

    # restore while the console still has the file open: refused, nothing changed
    before = _ids(db)
    refused = _run("restore", str(backup), "--data-dir", str(data))
    assert refused.returncode == 1
    assert "has it open" in refused.stderr and "Nothing was changed" in refused.stderr
    assert _ids(db) == before

    # the console stops; the restore replaces the database by the backup, keeps what was
    # there beside it, and a console started on it reads the text back
    app.close()
    restored = _run("restore", str(backup), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    assert _ids(db) == in_backup
    kept = [p for p in data.iterdir() if p.name.startswith("console.db.before-restore-")]
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert _ids(kept[0]) == before  # a restore of the wrong file loses nothing
    assert _rows(db, "PRAGMA journal_mode") == [("wal",)]
    store = TranscriptStore.from_config(Config(data_dir=data))
    try:
        listed = store.list_conversations(limit=100)
        texts = [m.content for s in listed for m in store.get_conversation(s.id).messages]
    finally:
        store.close()
    assert "Où est ma commande 0 ? 📦" in texts


def test_what_a_backup_refuses_leaves_no_file_and_changes_nothing(
    app_with: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    app = app_with(ScriptedBackend(reply=words(5)))
    data, db = Path(app.config.data_dir), app.config.sqlite_path
    assert post(app, user("Hello, my parcel 4711?")).status_code == 200
    app.close()
    good = tmp_path / "good.db"
    assert _run("backup", str(good), "--data-dir", str(data)).returncode == 0

    # an existing file is never overwritten
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"an older backup")
    done = _run("backup", str(existing), "--data-dir", str(data))
    assert done.returncode == 2 and "never overwrites" in done.stderr
    assert existing.read_bytes() == b"an older backup"
    # no file name given
    assert _run("backup", "--data-dir", str(data)).returncode == 2
    # a key that does not open the text: the backup would be useless with it
    wrong = {"CONSOLE_SECRET_KEY": "1:" + "A" * 43 + "="}
    done = _run("backup", str(tmp_path / "wrong-key.db"), "--data-dir", str(data), env=wrong)
    assert done.returncode == 1 and "cannot decrypt" in done.stderr
    # no key file at all: refused, and no key made up on the spot
    other = tmp_path / "elsewhere"
    other.mkdir()
    done = _run(
        "backup", str(tmp_path / "nokey.db"), "--data-dir", str(other), "--database-url", f"sqlite:///{db}"
    )
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert not (other / "secret.key").exists()
    # PostgreSQL: its own tools, said plainly
    done = _run(
        "backup", str(tmp_path / "pg.db"), "--database-url", "postgresql://u:secret@db.example/console"
    )
    assert done.returncode == 2 and "pg_dump" in done.stderr and "secret" not in done.stderr
    leftovers = {p.name for p in tmp_path.iterdir()} - {"good.db", "existing.db", "elsewhere", "data"}
    assert leftovers == set(), leftovers

    # restores refused before anything changes: a damaged file, a file that is no
    # database, a wrong key, a backup of a newer console
    before = db.read_bytes()
    damaged = tmp_path / "damaged.db"
    blob = bytearray(good.read_bytes())
    blob[len(blob) // 2 : len(blob) // 2 + 4096] = os.urandom(4096)
    damaged.write_bytes(bytes(blob))
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    for source, env, expected in (
        (damaged, None, ""),
        (text, None, "not a database"),
        (good, wrong, "cannot decrypt"),
        (newer, None, "made by a newer console"),
        (tmp_path / "missing.db", None, "does not exist"),
    ):
        done = _run("restore", str(source), "--data-dir", str(data), env=env)
        assert done.returncode in (1, 2), (source, done.stdout)
        assert expected in done.stderr, (source, done.stderr)
        assert "Traceback" not in done.stderr
        assert db.read_bytes() == before, source
    assert not [p for p in data.iterdir() if "before-restore" in p.name]


def test_an_erased_conversation_is_not_in_a_backup_taken_after(
    app_with: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    app = app_with(ScriptedBackend(reply=words(5)))
    data, db = Path(app.config.data_dir), app.config.sqlite_path
    kept = post(app, user("Keep this one, order 1"))
    erased = post(app, user("Erase this one, order 2"))
    assert kept.status_code == erased.status_code == 200
    erased_id = erased.headers["x-conversation-id"]
    stored = _rows(db, "SELECT content FROM messages WHERE conversation_id = ?", erased_id)
    blobs = [bytes(row[0]) for row in stored]
    assert blobs
    app.store.delete_conversation(erased_id)
    app.close()
    backup = tmp_path / "after-erasure.db"
    assert _run("backup", str(backup), "--data-dir", str(data)).returncode == 0
    raw = backup.read_bytes()
    assert all(blob not in raw for blob in blobs)
    assert _rows(backup, "SELECT count(*) FROM conversations") == [(1,)]


def test_a_full_disk_leaves_no_partial_backup(
    app_with: Any,  # noqa: F811
    small_disk: Path,  # noqa: F811
) -> None:
    app = app_with(ScriptedBackend(reply=words(200)))
    data = Path(app.config.data_dir)
    for n in range(30):
        assert post(app, user(f"message {n} " + "x" * 3000)).status_code == 200
    app.close()
    filler = small_disk / "filler"
    with filler.open("wb") as out:  # leave less room than the database needs
        free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
        out.write(b"\0" * max(0, free - 16 * 1024))
    done = _run("backup", str(small_disk / "full.db"), "--data-dir", str(data))
    assert done.returncode == 1 and "disk is full" in done.stderr, done.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    filler.unlink()
    assert _run("backup", str(small_disk / "full.db"), "--data-dir", str(data)).returncode == 0


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_the_file_comes_right_after_the_command(command: str) -> None:
    done = _run(command, "--data-dir", "/nonexistent")
    assert done.returncode == 2 and f"usage: app.py db {command} FILE" in done.stderr
