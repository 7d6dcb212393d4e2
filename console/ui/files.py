"""Exported transcripts on disk: only as long as the download needs, only for this user.

An export is plaintext. It is written straight into Gradio's file cache, which the app
points into the console's private data folder (mode 0700, see ``service.create_app``), as a
0600 file in a folder of its own; Gradio serves it from there without another copy, and its
cache sweeper deletes it after :data:`KEEP_S` seconds.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: how long an export file stays on disk (the download link dies with it)
KEEP_S = 300
#: how often the sweeper looks
SWEEP_S = 60


def private_folder(path: Path) -> Path:
    """``path`` and every folder it creates on the way: 0700 (mkdir's mode is filtered by
    the umask, so each new level is set explicitly)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    for folder in {path, *missing}:
        folder.chmod(0o700)
    return path


def export_path(cache_dir: Path, name: str) -> Path:
    """A fresh path for ``name`` in its own private folder of the cache."""
    private_folder(cache_dir / "exports")
    folder = private_folder(cache_dir / "exports" / secrets.token_hex(8))
    path = folder / name
    # create it 0600 before any byte is written
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path
