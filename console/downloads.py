"""Who each download a console wrote is for, and which conversations it holds.

Gradio serves any file in its cache to whoever holds the link and may reach the console; a
signed-in customer fetched an operator's export of every transcript, and a
``--customer-only`` console sharing the data folder served it to anyone. The UI records
each export here when it writes one (console/ui/files.py) and the server checks a download
against it (``console.http_limits.OwnExportsOnly``). An erasure asks it which of them hold
the erased conversation: their links die at once, and one still being written is thrown
away when it is finished (``console.ui.files.erase_exports``). A module of its own so the
context, the UI and the server's middleware can all import it without a cycle.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path


class ExportOwners:
    """The exports one console wrote that may still be on disk, each with the signed-in
    user it is for (None: a console without logins, where the link is the only key) and the
    conversations it holds (None: not recorded, so it may hold any). One per console, not
    per process: two consoles on one data folder (the team's and a ``--customer-only`` one)
    serve only their own."""

    def __init__(self) -> None:
        self._owners: dict[str, str | None] = {}
        self._holds: dict[str, frozenset[str] | None] = {}
        #: exports being written now, and those of them an erasure reached meanwhile: the
        #: erasure deletes what is on disk, the writer throws away what it finishes after
        self._writing: set[str] = set()
        self._erased: set[str] = set()
        self._lock = threading.Lock()

    def add(self, path: Path, owner: str | None, holds: Iterable[str] | None = None) -> str:
        """Record the export at ``path`` before it is written; the key to :meth:`finish` it
        with (its resolved path)."""
        key = os.path.realpath(path)
        with self._lock:
            # forget the exports that are gone, whoever deleted them (not one being written:
            # its file may be replaced under its name at the end)
            for gone in [k for k in self._owners if k not in self._writing and not os.path.exists(k)]:
                self._forget(gone)
            self._owners[key] = owner
            self._holds[key] = None if holds is None else frozenset(holds)
            self._writing.add(key)
        return key

    def finish(self, key: str) -> bool:
        """The export ``key`` is written (or its writing failed); True when a conversation in
        it was erased meanwhile, so the writer must delete it rather than serve it."""
        with self._lock:
            self._writing.discard(key)
            erased = key in self._erased
            self._erased.discard(key)
            return erased

    def erase(self, conversation_id: str) -> list[str]:
        """Forget this console's exports that hold ``conversation_id`` (or may: none
        recorded), so their links answer 404 from now on even before the files are gone;
        those being written are marked for their writer (:meth:`finish`). Their paths."""
        with self._lock:
            hit = [k for k, held in self._holds.items() if held is None or conversation_id in held]
            for key in hit:
                self._forget(key)
                if key in self._writing:
                    self._erased.add(key)
            return hit

    def paths(self) -> list[str]:
        """Every export this console wrote that it has not forgotten (resolved paths)."""
        with self._lock:
            return list(self._owners)

    def _forget(self, key: str) -> None:
        self._owners.pop(key, None)
        self._holds.pop(key, None)

    def owner(self, path: str) -> tuple[bool, str | None]:
        """Whether this console wrote the export at ``path`` (resolved) and it is still on
        disk, and for whom. One that is gone (the sweeper, an erasure in another process on
        the data folder) is unknown, so its link answers 404 like any other: Gradio said 403
        for a file of its cache that is not there."""
        with self._lock:
            known = path in self._owners and os.path.exists(path)
            return (known, self._owners.get(path) if known else None)
