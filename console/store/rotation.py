"""Key rotation: add a key, re-encrypt every stored value under it, batch by batch.

Each batch of ``batch_size`` rows commits on its own, so an interrupted rotation keeps its
progress: values still sealed with an older key id are simply picked up by the next run.
A value is rewritten only if it is still the one that was read (compare-and-swap), so a
reply being streamed at the same time is never overwritten with older text.

Where the keys live decides the steps:

* key file: the new key is appended to the file (atomically, mode 0600) *before* any value
  is re-encrypted, then every value is re-encrypted at once. Every run adds a key.
* ``CONSOLE_SECRET_KEY``: the console cannot change the environment. If values remain under
  older keys, the run re-encrypts them to the newest key in the variable. If none do, the
  run prints a new key to add to the variable, and the next run re-encrypts.

Old keys are kept for reading (backups made before the rotation still need them); the
report names the key ids no value uses any more, which the operator may then remove.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from console.errors import StoreError
from console.store.engine import explain
from console.store.key_usage import key_id_of, key_usage
from console.store.keys import ENV_VAR, REFRESH_S, Keyring, encode_key, load_keyring, write_key_file
from console.store.models import ENCRYPTED_COLUMNS, place
from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)

BATCH_SIZE = 500
#: after the new key is in the key file, how long to wait before re-encrypting: a running
#: console looks at the file every REFRESH_S seconds (Keyring.refresh) and from then on
#: seals with the new key, so no value it writes during the rotation stays under the old one
SETTLE_S = REFRESH_S + 1.0


@dataclass
class RotationReport:
    current_key_id: int
    #: set when this run added a key (to the key file, or printed for the env variable)
    new_key_id: int | None = None
    #: values re-encrypted, per ``table.column``
    reencrypted: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    #: key ids still present in the keyring that no stored value uses any more
    unused_key_ids: list[int] = field(default_factory=list)
    #: what the operator must do next (env keys), or None
    instructions: str | None = None

    @property
    def total(self) -> int:
        return sum(self.reencrypted.values())

    def lines(self) -> list[str]:
        out = []
        if self.new_key_id is not None and self.instructions is None:
            out.append(f"Added key id {self.new_key_id}; new text is encrypted with it.")
        for label, count in self.reencrypted.items():
            out.append(f"Re-encrypted {count} {label} value(s) with key id {self.current_key_id}.")
        if self.batches:
            out.append(f"Committed in {self.batches} batch(es).")
        if self.unused_key_ids:
            ids = ", ".join(map(str, self.unused_key_ids))
            out.append(
                f"Key id(s) {ids} no longer encrypt any stored value; keep them while backups made "
                "before this rotation may need restoring, then remove them."
            )
        if self.instructions:
            out.append(self.instructions)
        return out


def reencrypt(
    store: TranscriptStore,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str, int], None] | None = None,
) -> RotationReport:
    """Re-seal every value not under the keyring's newest key. Resumable; commits per batch."""
    keyring = store.keyring
    current = keyring.current_id.to_bytes(4, "big")
    report = RotationReport(current_key_id=keyring.current_id)
    for model, attr in ENCRYPTED_COLUMNS:
        table = model.__tablename__
        label = f"{table}.{attr}"
        column = getattr(model, attr)
        done = 0
        while True:
            try:
                with store.engine.begin() as connection:
                    rows = connection.execute(
                        select(model.id, column)
                        .where(column.is_not(None), key_id_of(column) != current)
                        .order_by(model.id)
                        .limit(batch_size)
                    ).all()
                    for row_id, sealed in rows:
                        where = place(table, attr, row_id)
                        fresh = keyring.seal(keyring.open(sealed, where), where)
                        connection.execute(
                            update(model).where(model.id == row_id, column == sealed).values({attr: fresh})
                        )
            except SQLAlchemyError as exc:
                raise StoreError(explain(exc, f"re-encrypt {label} (progress so far is kept)")) from exc
            if not rows:
                break
            done += len(rows)
            report.batches += 1
            if progress is not None:
                progress(label, done)
        report.reencrypted[label] = done
    used = {use.key_id for use in key_usage(store.engine)}
    report.unused_key_ids = sorted(set(keyring.keys) - used - {keyring.current_id})
    return report


def rotate_keys(
    store_url: str,
    data_dir: Path,
    *,
    environ: Mapping[str, str] | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str, int], None] | None = None,
    settle: float = SETTLE_S,
) -> RotationReport:
    """Add a key and re-encrypt everything under it (see the module docstring). Consoles
    running on the same key file take the new key within ``settle`` seconds and read the
    re-encrypted rows meanwhile (console.store.keys.Keyring.refresh)."""
    keyring = load_keyring(data_dir, environ)
    store = TranscriptStore.open(store_url, keyring)
    try:
        if keyring.path is None:
            return _rotate_env(store, keyring, batch_size, progress)
        rotated, new_id, _key = keyring.with_new_key()
        # The key is on disk before any value depends on it; a failure here changes nothing.
        write_key_file(keyring.path, rotated.keys, exclusive=False)
        log.warning("added transcript key id %d to %s", new_id, keyring.path)
        if settle > 0:
            log.warning("waiting %.0f s for running consoles to take the new key", settle)
            time.sleep(settle)
        store.keyring = rotated
        report = reencrypt(store, batch_size=batch_size, progress=progress)
        report.new_key_id = new_id
        return report
    finally:
        store.close()


def _rotate_env(
    store: TranscriptStore, keyring: Keyring, batch_size: int, progress: Callable[[str, int], None] | None
) -> RotationReport:
    stale = sum(use.count for use in key_usage(store.engine) if use.key_id != keyring.current_id)
    if stale:
        return reencrypt(store, batch_size=batch_size, progress=progress)
    _rotated, new_id, key = keyring.with_new_key()
    report = RotationReport(current_key_id=keyring.current_id, new_key_id=new_id)
    report.instructions = (
        f"The keys come from {ENV_VAR}, which this command cannot change. To rotate:\n"
        f"  1. append this entry to {ENV_VAR} (keep the existing entries, comma-separated):\n"
        f"       {new_id}:{encode_key(key)}\n"
        "  2. restart every console (each replica) with the new value, then run\n"
        f"     `python app.py keys rotate` again to re-encrypt the stored transcripts with key id {new_id}\n"
        "     (a console still running with the old value could not read them).\n"
        "Store the new key in your secret store first: it is shown only this once."
    )
    return report
