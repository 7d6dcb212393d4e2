"""``python app.py db upgrade``, ``db backup FILE``, ``db restore FILE``, ``db time-zone
ZONE`` and ``keys rotate``: print what was done.

Both return a process exit status: 0 done, 1 the store failed (message on stderr),
2 a setting is wrong. app.py wires them to its subcommands.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from console.config import Config
from console.errors import ConfigError, ConsoleError, StoreError
from console.store import backup as backups
from console.store import days, migrate
from console.store.engine import explain, make_engine, safe_url
from console.store.repository import ensure_data_dir
from console.store.rotation import rotate_keys


def store_url(config: Config) -> str:
    return config.database_url or f"sqlite:///{config.sqlite_path}"


def _fail(exc: ConsoleError) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 2 if isinstance(exc, ConfigError) else 1


@contextmanager
def _opened(config: Config, doing: str) -> Iterator[Engine]:
    """The store's engine for one command; a database error becomes a StoreError that says
    what was being done ("upgrade sqlite:///…"), and the engine is always disposed."""
    url = store_url(config)
    ensure_data_dir(Path(config.data_dir))
    engine = make_engine(url)
    try:
        yield engine
    except SQLAlchemyError as exc:
        raise StoreError(explain(exc, f"{doing} {safe_url(url)}")) from exc
    finally:
        engine.dispose()


def db_upgrade(config: Config) -> int:
    """Upgrade the transcript schema to the newest revision (no key needed)."""
    url = store_url(config)
    try:
        with _opened(config, "upgrade") as engine:
            before, after = migrate.upgrade(engine)
    except ConsoleError as exc:
        return _fail(exc)
    if before == after:
        print(f"{safe_url(url)}: already at schema revision {after} (newest).")
    else:
        print(f"{safe_url(url)}: upgraded schema from {before or 'empty'} to {after}.")
    return 0


def db_time_zone(config: Config, name: str) -> int:
    """Count the insights' days in the team's zone ``name`` from now on, and re-date what is
    stored (see console/store/days.py); running consoles follow within seconds."""
    url = store_url(config)
    try:
        days.checked_zone(name)  # before anything is opened: a typo changes nothing
        with _opened(config, "set the time zone of") as engine:
            migrate.upgrade(engine)
            before = days.stored_zone_name(engine)
            print(
                f"{safe_url(url)}: counting days in {name} (was {before}); re-dating stored rows, then "
                f"waiting {days.REFRESH_S + 2:.0f} s for running consoles to read the new zone…",
                flush=True,
            )
            conversations, messages = days.change_zone(engine, name)
    except ConsoleError as exc:
        return _fail(exc)
    moved = (
        f"{conversations} conversation{'s' * (conversations != 1)}, {messages} message{'s' * (messages != 1)}"
    )
    print(f"{safe_url(url)}: days are in {name}; re-dated {moved}")
    return 0


def keys_rotate(config: Config) -> int:
    """Add a transcript key and re-encrypt stored text with it (see console/store/rotation.py)."""
    url = store_url(config)

    def progress(label: str, done: int) -> None:
        print(f"  {label}: {done} re-encrypted so far", flush=True)

    try:
        ensure_data_dir(Path(config.data_dir))
        report = rotate_keys(url, Path(config.data_dir), progress=progress)
    except ConsoleError as exc:
        return _fail(exc)
    print(f"{safe_url(url)}: key rotation")
    for line in report.lines():
        print(line)
    return 0


def db_backup(config: Config, target: Path) -> int:
    """A checked copy of the SQLite store, taken while consoles run (console/store/backup.py)."""
    return _copy(config, "backup", target)


def db_restore(config: Config, source: Path) -> int:
    """Replace the SQLite store by a backup; refused while a console has it open."""
    return _copy(config, "restore", source)


def _copy(config: Config, action: str, path: Path) -> int:
    url = store_url(config)
    try:
        database = backups.sqlite_file(url)
        keyring = backups.existing_keyring(Path(config.data_dir))
        if action == "backup":
            report = backups.backup(database, path, keyring)
        else:
            report = backups.restore(path, database, keyring)
    except ConsoleError as exc:
        return _fail(exc)
    print(f"{safe_url(url)}: {'backed up to' if action == 'backup' else 'restored from'} {path}")
    for line in report.lines():
        print(f"  {line}")
    if action == "backup":
        print(
            f"  The key is not in the backup: keep {keyring.source} (and every key id listed above) "
            "somewhere else, as long as the backup is kept."
        )
    return 0
