"""Exported transcripts on disk: only as long as the download needs, only for this user.

An export is plaintext. It is written straight into Gradio's file cache, which the app
points into the console's private data folder (mode 0700, see ``service.create_app``), as a
0600 file in a folder of its own; Gradio serves it from there without another copy, and its
cache sweeper deletes it after :data:`KEEP_S` seconds.

Gradio's sweeper deletes only the files its own process made: an export left by a console
that was killed (or lost power) stayed on disk in plaintext for good, and every export left
an empty folder behind. :func:`sweep_exports` removes both; the console runs it when it
starts and before each new export.

Each export is recorded with the signed-in user it is for (console/downloads.py): the
server serves it to that user only, and only from the console that wrote it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from console.downloads import ExportOwners
from console.errors import StoreError

#: how long an export file stays on disk (the download link dies with it)
KEEP_S = 300
#: how often the sweeper looks
SWEEP_S = 60


def exports_folder(cache_dir: Path) -> Path:
    """Where the exports of the console whose Gradio cache is ``cache_dir`` live (the server
    checks each download under it: console.http_limits.OwnExportsOnly)."""
    return cache_dir / "exports"


def private_folder(path: Path) -> Path:
    """``path`` and every folder it creates on the way: 0700 (mkdir's mode is filtered by
    the umask, so each new level is set explicitly)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    for folder in {path, *missing}:
        folder.chmod(0o700)
    return path


def sweep_exports(cache_dir: Path, keep_s: float = KEEP_S) -> int:
    """Delete exports older than ``keep_s`` seconds, whichever process wrote them, and the
    folders they leave empty; the number of files deleted."""
    root = exports_folder(cache_dir)
    if not root.is_dir():
        return 0
    cutoff = time.time() - keep_s
    deleted = 0
    for folder in root.iterdir():
        if not folder.is_dir() or folder.is_symlink():
            continue
        emptied = False
        for path in folder.iterdir():
            with contextlib.suppress(FileNotFoundError):  # Gradio's sweeper may be first
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
                    deleted += 1
                    emptied = True
        # a folder whose export was deleted, or left alone that long (a new export's folder
        # exists for a moment before its file does; each export has a new folder)
        with contextlib.suppress(OSError):  # not empty, or already gone
            if emptied or folder.lstat().st_mtime < cutoff:
                folder.rmdir()
    return deleted


@contextlib.contextmanager
def new_export(
    cache_dir: Path, name: str, what: str, owners: ExportOwners, owner: str | None
) -> Iterator[Path]:
    """:func:`export_path` for a file written inside the ``with``, to be served to ``owner``
    only (the signed-in user who asked; None without logins): when making or writing it
    fails (a full disk), the file and its folder are removed at once, not left empty or half
    written until the sweeper comes, and the OSError becomes the error tree's StoreError
    ("Could not write ``what``: No space left on device.")."""
    path: Path | None = None
    try:
        path = export_path(cache_dir, name)
        owners.add(path, owner)
        yield path
    except BaseException as exc:
        if path is not None:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                path.parent.rmdir()
        if isinstance(exc, OSError):
            raise StoreError(f"Could not write {what}: {exc.strerror or exc}.") from exc
        raise


def export_path(cache_dir: Path, name: str) -> Path:
    """A fresh path for ``name`` in its own private folder of the cache."""
    sweep_exports(cache_dir)
    private_folder(exports_folder(cache_dir))
    folder = private_folder(exports_folder(cache_dir) / secrets.token_hex(8))
    path = folder / name
    # create it 0600 before any byte is written
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path
