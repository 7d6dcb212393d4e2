"""Who each download a console wrote is for.

Gradio serves any file in its cache to whoever holds the link and may reach the console; a
signed-in customer fetched an operator's export of every transcript, and a
``--customer-only`` console sharing the data folder served it to anyone. The UI records
each export here when it writes one (console/ui/files.py) and the server checks a download
against it (``console.http_limits.OwnExportsOnly``). A module of its own so the context,
the UI and the server's middleware can all import it without a cycle.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


class ExportOwners:
    """The exports one console wrote that may still be on disk, each with the signed-in
    user it is for (None: a console without logins, where the link is the only key). One
    per console, not per process: two consoles on one data folder (the team's and a
    ``--customer-only`` one) serve only their own."""

    def __init__(self) -> None:
        self._owners: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def add(self, path: Path, owner: str | None) -> None:
        with self._lock:
            # forget the exports that are gone, whoever deleted them
            for gone in [known for known in self._owners if not os.path.exists(known)]:
                del self._owners[gone]
            self._owners[os.path.realpath(path)] = owner

    def owner(self, path: str) -> tuple[bool, str | None]:
        """Whether this console wrote the export at ``path`` (resolved), and for whom."""
        with self._lock:
            return (path in self._owners, self._owners.get(path))
