"""Exported transcripts on disk: only as long as the download needs, only for this user.

An export is plaintext. It is written straight into Gradio's file cache, which the app
points into the console's private data folder (mode 0700, see ``service.create_app``), as a
0600 file in a folder of its own; Gradio serves it from there without another copy.

Gradio's cache sweeper does not know these files (it deletes only what it copied into the
cache itself), so an export stayed on a quiet console until the next export, and one left
by a console that was killed (or lost power) stayed in plaintext for good.
:func:`sweep_exports` deletes every export older than :data:`KEEP_S` seconds, whichever
process wrote it, and the folders they leave: the console runs it when it starts, before
each new export and every :data:`SWEEP_S` seconds (:class:`ExportSweeper`).

Each export is recorded with the signed-in user it is for and the conversations it holds
(console/downloads.py): the server serves it to that user only, and only from the console
that wrote it. Erasing a conversation deletes at once every export that holds it
(:func:`erase_exports`); what it holds is also written beside it (:data:`HOLDS`), so a
console process erasing finds the exports another one on the same data folder wrote.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from console.downloads import ExportOwners
from console.errors import StoreError
from console.store.repository import NotFoundError

log = logging.getLogger(__name__)

#: how long an export file stays on disk (the download link dies with it)
KEEP_S = 300
#: how often the sweeper looks
SWEEP_S = 60
#: beside each export, in its folder: the ids of the conversations it holds, one a line, or
#: :data:`ANY`. Never served (the server serves recorded exports only) and never an export's
#: name (those start "conversation-" or "transcripts-": console.export.export_filename).
HOLDS = ".holds"
#: the record of an export whose writer did not say what it holds: any erasure deletes it
ANY = "*"


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
    for folder in _export_folders(root):
        # the background sweeper, a new export's sweep and an erasure may meet here
        with contextlib.suppress(FileNotFoundError):
            deleted += _sweep_folder(folder, cutoff)
    return deleted


def _sweep_folder(folder: Path, cutoff: float) -> int:
    """The files in one export's folder last written before ``cutoff``, deleted, and the
    folder with them; how many."""
    deleted = 0
    for path in folder.iterdir():
        if path.name == HOLDS:
            continue  # the record goes with the folder (below), not while an export is there
        with contextlib.suppress(FileNotFoundError):  # Gradio's sweeper may be first
            if path.lstat().st_mtime < cutoff:
                path.unlink()
                deleted += 1
    # a folder whose export was deleted, or left alone that long (a new export's folder
    # exists for a moment before its file does; each export has a new folder)
    with contextlib.suppress(OSError):  # not empty, or already gone
        if deleted or folder.lstat().st_mtime < cutoff:
            _remove_if_only_record(folder)
    return deleted


def _export_folders(root: Path) -> list[Path]:
    """The folders of the exports under ``root`` (one each); a link is never followed."""
    return [folder for folder in root.iterdir() if folder.is_dir() and not folder.is_symlink()]


def _remove_if_only_record(folder: Path) -> None:
    """Remove ``folder`` when nothing but its :data:`HOLDS` record is left in it (OSError
    otherwise: a file is in it, or it is gone)."""
    if {path.name for path in folder.iterdir()} <= {HOLDS}:
        (folder / HOLDS).unlink(missing_ok=True)
    folder.rmdir()


@contextlib.contextmanager
def new_export(
    cache_dir: Path,
    name: str,
    what: str,
    owners: ExportOwners,
    owner: str | None,
    holds: Iterable[str] | None = None,
) -> Iterator[Path]:
    """:func:`export_path` for a file written inside the ``with``, to be served to ``owner``
    only (the signed-in user who asked; None without logins). ``holds``: the ids of the
    conversations written into it, so that erasing one of them deletes it; None (not said)
    lets any erasure delete it, since it may hold the erased one.

    When making or writing it fails (a full disk), the file and its folder are removed at
    once, not left empty or half written until the sweeper comes, and the OSError becomes
    the error tree's StoreError ("Could not write ``what``: No space left on device."). An
    export a conversation in it was erased from while it was written is deleted likewise,
    with a StoreError saying so."""
    held = None if holds is None else frozenset(holds)
    path: Path | None = None
    key: str | None = None
    try:
        path = export_path(cache_dir, name, held)
        # recorded before a byte is written: an erasure from now on finds it
        key = owners.add(path, owner, held)
        yield path
        if owners.finish(key):  # what the erasure could not delete yet goes below
            raise _erased_meanwhile(what)
    except BaseException as exc:
        erased = key is not None and owners.finish(key)
        if path is not None:
            _discard_quietly(path.parent)
        if erased:  # the erasure took its folder away: that is why writing failed
            raise _erased_meanwhile(what) from exc
        if isinstance(exc, OSError):
            raise StoreError(f"Could not write {what}: {exc.strerror or exc}.") from exc
        raise


def _erased_meanwhile(what: str) -> NotFoundError:
    # a conversation that is gone, as the page tells it in the viewer's language; not a fault
    return NotFoundError(f"Could not write {what}: a conversation in it was erased meanwhile.")


def export_path(cache_dir: Path, name: str, holds: Iterable[str] | None = None) -> Path:
    """A fresh path for ``name`` in its own private folder of the cache, the folder's
    :data:`HOLDS` record written first (``holds``; None: :data:`ANY`), so that an erasure
    in another process never finds the file without it."""
    sweep_exports(cache_dir)
    private_folder(exports_folder(cache_dir))
    folder = private_folder(exports_folder(cache_dir) / secrets.token_hex(8))
    record = ANY if holds is None else "\n".join(sorted(holds))
    path = folder / name
    try:
        _create_private(folder / HOLDS, record.encode("utf-8"))
        # create it 0600 before any byte is written
        _create_private(path, b"")
    except BaseException:  # a full disk: no folder left behind for the sweeper
        _discard_quietly(folder)
        raise
    return path


def _create_private(path: Path, content: bytes) -> None:
    """A new 0600 file holding ``content`` (FileExistsError if there is one)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)


# ------------------------------------------------------------ erasure


def erase_exports(cache_dir: Path, conversation_id: str, owners: ExportOwners) -> int:
    """Delete at once every export under ``cache_dir`` that holds ``conversation_id`` (or
    may: one whose writer did not say, or with no :data:`HOLDS` record), whichever console
    process on this data folder wrote it; the number deleted. Called after the rows are
    gone, so no export started later can read the conversation.

    This console's own exports are forgotten first (their links answer 404 even if a file
    could not be deleted), and one it is writing now is thrown away by its writer when
    finished (``ExportOwners.finish``). What is left to other processes: one that read the
    conversation just before the erasure and makes its export's folder just after this
    scan writes it anyway; the sweeper deletes it after KEEP_S. Only the records are read,
    never an export: the formats do not all name the conversations they hold (JSONL, the
    customer's copy). StoreError, after trying every folder, if one could not be deleted."""
    owners.erase(conversation_id)
    root = exports_folder(cache_dir)
    if not root.is_dir():
        return 0
    deleted = failed = 0
    for folder in _export_folders(root):
        if not _may_hold(folder, conversation_id):
            continue
        try:
            deleted += _discard(folder)
        except OSError:
            failed += 1
    if failed:
        # no path: it names the conversation (console.export.export_filename)
        raise StoreError(f"Could not delete {failed} export(s) of the erased conversation.")
    return deleted


def _may_hold(folder: Path, conversation_id: str) -> bool:
    """Whether the export in ``folder`` may hold ``conversation_id``, by its record; one
    that is missing or unreadable says yes (deleting a live export costs an export again)."""
    try:
        fd = os.open(folder / HOLDS, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return True
    with os.fdopen(fd, encoding="utf-8", errors="replace") as record:
        held = record.read().split("\n")
    return ANY in held or conversation_id in held


def _discard(folder: Path, tries: int = 3) -> int:
    """Delete ``folder`` and everything in it (the export, a part being written, the
    record); the number of exports deleted. A file its writer adds meanwhile is deleted
    too, a few times over; OSError if the folder still stands after that."""
    deleted = 0
    for attempt in range(tries):
        try:
            for path in folder.iterdir():
                path.unlink(missing_ok=True)
                if path.name != HOLDS and not path.name.endswith(".part"):
                    deleted += 1
            folder.rmdir()
        except FileNotFoundError:  # someone else (the sweeper, another erasure) was first
            return deleted
        except OSError:
            if attempt == tries - 1:
                raise
        else:
            return deleted
    return deleted


def discard_own_exports(cache_dir: Path, owners: ExportOwners) -> None:
    """Delete every export this console wrote, as it stops: an export is for a download
    within minutes, and those a stopped console left stayed in plaintext until the next
    start's sweep (an outside tester). Each is the only file of its own folder, which goes
    with it; a path outside the exports folder is never touched."""
    root = os.path.realpath(exports_folder(cache_dir))
    for key in owners.paths():
        folder = os.path.dirname(key)
        if os.path.dirname(folder) == root:
            _discard_quietly(Path(folder))


def _discard_quietly(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _discard(folder)


# ------------------------------------------------------------ the sweeper


class ExportSweeper:
    """:func:`sweep_exports` every ``every_s`` seconds in a thread, for the console's life
    (``service.create_app`` starts it, ``ConsoleApp.close`` stops it): without it an export
    stayed on a quiet console past ``keep_s`` until someone exported again. A daemon
    thread, so a process that never closes its console still exits."""

    def __init__(self, cache_dir: Path, every_s: float = SWEEP_S, keep_s: float = KEEP_S) -> None:
        self.cache_dir, self.every_s, self.keep_s = cache_dir, every_s, keep_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export-sweeper", daemon=True)

    def start(self) -> ExportSweeper:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                deleted = sweep_exports(self.cache_dir, self.keep_s)
            except Exception as exc:  # keep sweeping: a sweeper that died is the bug it fixes
                # the kind only: an OSError's text names the file, and the file its conversation
                log.warning("export sweep failed (%s); next try in %g s", type(exc).__name__, self.every_s)
                continue
            if deleted:
                log.info("deleted %d expired export(s)", deleted)
