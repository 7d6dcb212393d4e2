"""Arrays built once and kept in the user's cache folder (the word tables of the engines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def cached_arrays(name: str, build: Any) -> dict[str, Any]:
    """Arrays built once and kept in the user's cache folder under ``name``.

    ``name`` is ``<kind>-<key>.npz``, the key naming everything the arrays are built from;
    when a new key is built, the kind's files under other keys (an older wordfreq, an older
    table layout: ~32 MiB each) are removed, so upgrades do not pile up in the cache.
    """
    import os
    import tempfile

    import numpy as np
    import platformdirs

    path = Path(platformdirs.user_cache_dir("support-console")) / name
    try:
        with np.load(path) as saved:
            return {key: saved[key] for key in saved.files}
    except (OSError, KeyError, ValueError):
        pass
    arrays: dict[str, Any] = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
            np.savez(handle, **arrays)
        os.replace(handle.name, path)
        kind = name.split("-", 1)[0]
        for stale in path.parent.glob(f"{kind}-*.npz"):
            if stale.name != name:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: build again next time
    return arrays
