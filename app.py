"""Run the support console: ``python app.py [flags]`` (see ``python app.py --help``).

Also: ``python app.py db upgrade`` applies database migrations,
``python app.py db backup FILE`` / ``db restore FILE`` copy the SQLite store out and back
while keeping it consistent, ``python app.py db time-zone ZONE`` sets the team's time zone
the insights count days in, and ``python app.py keys rotate`` adds a new encryption key
and re-encrypts stored transcripts;
``python app.py demo-data`` writes a made-up month to a demo folder that ``--demo`` serves.
This file stays thin: config → ``create_app(config)`` → launch, with errors turned into one
line and an exit status.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily at run time: --help and errors stay fast
    from console.config import Config


def main(argv: Sequence[str] | None = None) -> int:
    from console.config import load_config
    from console.errors import ConfigError, ConsoleError, ModelNotFoundError
    from console.logs import setup_logging

    # Everything the console writes (database, WAL, key, exports, Gradio's cache) is for
    # this user alone: files 0600, folders 0700.
    os.umask(0o077)

    args = list(sys.argv[1:] if argv is None else argv)
    command = args[:2] if args[:1] in (["db"], ["keys"]) else None
    if command in (["db", "backup"], ["db", "restore"], ["db", "time-zone"]):
        # the file (or zone) comes right after the command, before any flag
        what = "ZONE" if command[1] == "time-zone" else "FILE"
        if len(args) < 3 or args[2].startswith("-"):
            print(f"app.py: error: usage: app.py {' '.join(command)} {what} [flags]", file=sys.stderr)
            return 2
        command = args[:3]
    if args[:1] == ["demo-data"]:
        command = args[:1]
    try:
        config = load_config(args[len(command) :] if command else args)
        if config.demo and command != ["demo-data"]:
            from console.demo_data import serving_config

            # the demo's own folder, never the real one: for the console and for the db and
            # keys commands alike (`db time-zone ZONE --demo` re-dated the real database)
            config = serving_config(config)
    except ConfigError as exc:
        print(f"app.py: error: {exc}", file=sys.stderr)
        return 2
    setup_logging(config.log_format)
    try:
        if command is not None:
            return run_command(command, config)
        from console.service import create_app

        app = create_app(config, background_load=True)
        print(f"Support console on http://{config.host}:{config.port} (Ctrl+C to stop)", flush=True)
        # A service manager's stop (SIGTERM) ends the console as Ctrl+C does, through its
        # close: without it the process died where it stood, and the exports it had written
        # stayed in plaintext until the next start (an outside tester).
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            app.launch(block=True)
        finally:
            app.close()
    except ConsoleError as exc:
        print(f"app.py: error: {exc}", file=sys.stderr)
        # a wrong setting (a --model that does not exist included) is the caller's to fix: 2
        return 2 if isinstance(exc, (ConfigError, ModelNotFoundError)) else 1
    except KeyboardInterrupt:
        return 130
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_command(command: list[str], config: Config) -> int:
    from console.store import admin

    if command == ["db", "upgrade"]:
        return admin.db_upgrade(config)
    if command[:2] == ["db", "backup"] and len(command) == 3:
        return admin.db_backup(config, Path(command[2]))
    if command[:2] == ["db", "restore"] and len(command) == 3:
        return admin.db_restore(config, Path(command[2]))
    if command[:2] == ["db", "time-zone"] and len(command) == 3:
        return admin.db_time_zone(config, command[2])
    if command == ["keys", "rotate"]:
        return admin.keys_rotate(config)
    if command == ["demo-data"]:
        from console import demo_data

        return demo_data.run(config)
    print(
        f"app.py: error: unknown command {' '.join(command)!r} "
        "(try 'db upgrade', 'db backup FILE', 'db restore FILE', 'db time-zone ZONE' or 'keys rotate')",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    logging.captureWarnings(True)
    sys.exit(main())
