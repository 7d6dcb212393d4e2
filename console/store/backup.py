"""``python app.py db backup FILE`` and ``db restore FILE`` for the SQLite store.

Copying ``console.db`` with ``cp`` while a console runs is not a backup: the newest turns
live in ``console.db-wal`` until a checkpoint, and a copy taken mid-write can be torn. And
copying a file back over a database whose ``-wal`` file is still there lets SQLite replay
the old log into the restored file. These commands use SQLite itself:

* **backup**: ``VACUUM INTO`` a new file, in one read transaction. With WAL, readers never
  block the writer, so consoles keep answering; the copy is one consistent, compacted file
  (journal mode DELETE: no ``-wal`` beside it; free pages are not copied, so nothing of an
  erased conversation comes along). It is written under a temporary name, checked (SQLite's
  integrity check, the schema revision, and the key file opening the oldest and newest value
  under every key id it uses) and only then given its name; an existing file is never
  overwritten.
* **restore**: the backup is checked the same way first (a wrong key, a damaged file or a
  newer schema is refused before anything changes). Then the live database is locked
  exclusively, which fails while any console still has it open ("stop it first"), the
  current content is kept beside it (``console.db.before-restore-<time>``, so a restore
  of the wrong file loses nothing), the backup is copied in with SQLite's backup API (it
  rewrites the file through SQLite, WAL included) and the schema is upgraded to this
  console's newest revision.

The text inside stays encrypted; the key is **not** in the backup. Keep the key file (or
the ``CONSOLE_SECRET_KEY`` value) somewhere else: a backup without its key is unreadable,
and a key next to its backup protects nothing. After ``keys rotate``, keep the old key id
as long as backups made before the rotation are kept (the report lists the key ids a
backup needs). Erasure does not reach backups: a conversation erased today is still in
last week's file until that file is deleted.

PostgreSQL has its own tools (``pg_dump``/``pg_restore``, or the provider's snapshots);
these commands say so rather than copy a server's database halfway.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from console.errors import ConfigError, StoreError
from console.store import migrate
from console.store.engine import explain, make_engine, normalize_url
from console.store.key_usage import check_keys, key_usage
from console.store.keys import ENV_VAR, Keyring, key_file_path, load_keyring
from console.store.models import Conversation, Message

#: how long restore waits for the exclusive lock before it says a console has the file open
LOCK_WAIT_S = 2.0


@dataclass
class BackupReport:
    path: Path
    size: int
    revision: str | None
    conversations: int
    messages: int
    #: the key ids the file's encrypted values need
    key_ids: list[int]
    key_source: str
    #: restore: where the database as it was before the restore is kept (None: it was empty)
    kept: Path | None = None
    #: restore: the schema revision after upgrading the restored file
    upgraded_to: str | None = None

    def lines(self) -> list[str]:
        ids = ", ".join(map(str, self.key_ids)) or "none (no text stored)"
        out = [
            f"{self.conversations} conversation(s), {self.messages} message(s), schema revision "
            f"{self.revision or 'empty'}, {self.size / 1024:.0f} KiB.",
            f"Integrity check passed; {self.key_source} opens it (key id(s) needed: {ids}).",
        ]
        if self.kept is not None:
            out.append(f"The database as it was before the restore is kept at {self.kept}.")
        if self.upgraded_to is not None and self.upgraded_to != self.revision:
            out.append(f"Upgraded the restored schema from {self.revision} to {self.upgraded_to}.")
        return out


def sqlite_file(url: str) -> Path:
    """The database file of a SQLite URL; ConfigError for any other database."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise ConfigError(
            "--database-url",
            "is not a SQLite file: back up PostgreSQL with its own tools, e.g. "
            "`pg_dump --format=custom --file=console.dump DBNAME` and `pg_restore --clean --if-exists "
            "--single-transaction --dbname=DBNAME console.dump` (or the provider's snapshots)",
        )
    return Path(parsed.database)


def existing_keyring(data_dir: Path, environ: Mapping[str, str] | None = None) -> Keyring:
    """The console's keys, never a new one: a backup checked against a key made up on the
    spot would say nothing (load_keyring creates the key file on a first start)."""
    environ = os.environ if environ is None else environ
    if not environ.get(ENV_VAR, "").strip() and not key_file_path(data_dir).exists():
        raise ConfigError(
            f"key file {key_file_path(data_dir)}",
            f"does not exist: the transcripts' key is needed to check the backup (restore the key "
            f"file, set {ENV_VAR}, or pass the --data-dir that holds it)",
        )
    return load_keyring(data_dir, environ)


def backup(db_path: Path, target: Path, keyring: Keyring) -> BackupReport:
    """A checked, consistent copy of ``db_path`` at ``target`` (never overwritten)."""
    if not db_path.is_file():
        raise ConfigError("database", f"{db_path} does not exist: nothing to back up")
    if target.exists() or target.is_symlink():
        raise ConfigError("backup file", f"{target} exists; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise ConfigError("backup file", f"folder {target.parent} does not exist")
    # Written inside a folder of its own (0700, made by mkdtemp), then linked into place: in
    # a shared folder such as /tmp, nobody else can swap the file for a link to theirs
    # between its creation and the copy.
    try:
        private = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise ConfigError("backup file", f"cannot write in {target.parent}: {exc.strerror}") from exc
    partial = private / "backup.db"
    try:
        _create_empty(partial)
        with _sqlite(db_path, "back up") as source:
            source.execute("VACUUM INTO ?", (str(partial),))
        report = inspect_file(partial, keyring)
        _fsync(partial)
        try:
            os.link(partial, target)  # the name appears only now, and never over another file
        except FileExistsError:
            raise ConfigError("backup file", f"{target} appeared meanwhile; it was left as it is") from None
        except OSError as exc:
            raise StoreError(f"Cannot name the backup {target}: {exc.strerror}.") from exc
        _fsync(target.parent)
    finally:
        partial.unlink(missing_ok=True)
        for leftover in private.iterdir():  # SQLite's journal, had it died mid-copy
            leftover.unlink()
        private.rmdir()
    report.path = target
    return report


def restore(source: Path, db_path: Path, keyring: Keyring) -> BackupReport:
    """Replace the database at ``db_path`` by the backup ``source``; refused while any
    connection (a running console) has it open. The previous content is kept beside it."""
    if not source.is_file():
        raise ConfigError("backup file", f"{source} does not exist or is not a file")
    if source.resolve() == db_path.resolve():
        raise ConfigError("backup file", f"{source} is the database itself")
    report = inspect_file(source, keyring)  # refused here changes nothing
    head = migrate.head_revision()
    if report.revision is not None and report.revision not in migrate.known_revisions():
        raise ConfigError(
            "backup file",
            f"{source} has schema revision {report.revision}, which this console does not know "
            f"(newest here: {head}): it was made by a newer console. Nothing was changed.",
        )
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _sqlite(db_path, "restore into", exclusive=True) as live:
        if _has_tables(live):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
            n = 1
            while kept.exists():  # two restores within a second: neither copy is lost
                n += 1
                kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
            _create_empty(kept)
            try:
                live.execute("VACUUM INTO ?", (str(kept),))
            except sqlite3.Error:
                kept.unlink(missing_ok=True)
                raise
            report.kept = kept
        with _sqlite(source, "read the backup") as backup_file:
            backup_file.backup(live)
        live.execute("PRAGMA journal_mode = WAL")  # the console's mode (the copy came as DELETE)
    engine = make_engine(f"sqlite:///{db_path}")
    try:
        _, report.upgraded_to = migrate.upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(explain(exc, f"upgrade the restored {db_path}")) from exc
    finally:
        engine.dispose()
    report.path = db_path
    return report


def inspect_file(path: Path, keyring: Keyring) -> BackupReport:
    """Integrity, schema revision, counts, and the key ids it needs, each opened with
    ``keyring`` (oldest and newest value per key id): StoreError/KeyMismatchError if not."""
    with _sqlite(path, "check") as connection:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)").fetchall()]
    if problems != ["ok"]:
        raise StoreError(f"{path} fails SQLite's integrity check: {'; '.join(problems)}")
    # a plain engine: make_engine would turn the file into WAL mode and put a -wal beside it
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    try:
        revision = migrate.current_revision(engine)
        if revision is None:
            raise StoreError(f"{path} is not a support console database (no schema revision in it)")
        check_keys(engine, keyring)
        key_ids = sorted({use.key_id for use in key_usage(engine)})
        with engine.connect() as connection:
            conversations = connection.execute(select(func.count()).select_from(Conversation)).scalar_one()
            messages = connection.execute(select(func.count()).select_from(Message)).scalar_one()
    except SQLAlchemyError as exc:
        raise StoreError(explain(exc, f"check {path}")) from exc
    finally:
        engine.dispose()
    return BackupReport(
        path=path,
        size=path.stat().st_size,
        revision=revision,
        conversations=int(conversations),
        messages=int(messages),
        key_ids=key_ids,
        key_source=keyring.source,
    )


@contextlib.contextmanager
def _sqlite(path: Path, action: str, *, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
    """A stdlib connection (VACUUM INTO and the backup API are not SQLAlchemy's), with
    SQLite's errors turned into one sentence. ``exclusive``: the file locked for this
    connection alone until it closes, which fails while another connection has it open
    (in WAL mode, even an idle one)."""
    try:
        connection = sqlite3.connect(path, timeout=LOCK_WAIT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot {action} {path}: {exc}.") from exc
    try:
        if exclusive:
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            try:
                connection.execute("BEGIN EXCLUSIVE")
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                connection.execute("COMMIT")  # the lock stays: exclusive mode keeps it until close
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise StoreError(
                        f"Cannot {action} {path}: a console (or another program) has it open. Stop "
                        "every console that uses this database, then run the restore again. Nothing "
                        "was changed."
                    ) from exc
                raise
        yield connection
    except sqlite3.Error as exc:
        text = str(exc)
        if "full" in text.lower():
            text = "the disk is full"
        raise StoreError(f"Cannot {action} {path}: {text}. Nothing was changed.") from exc
    finally:
        connection.close()


def _create_empty(path: Path) -> None:
    """``path`` made empty and 0600 before anything is written to it (VACUUM INTO accepts
    an empty file), so the copy is never readable by others, even for a moment."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise ConfigError("backup file", f"cannot create {path}: {exc.strerror}") from exc


def _has_tables(connection: sqlite3.Connection) -> bool:
    count = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return int(count) > 0


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
