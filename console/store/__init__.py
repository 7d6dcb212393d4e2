"""The encrypted transcript store: models, keys, the repository, migrations and rotation.

Import the public API from here::

    from console.store import TranscriptStore, Keyring, load_keyring
"""

from __future__ import annotations

from console.store.keys import Keyring, load_keyring
from console.store.records import ConversationRecord, ConversationSummary, MessageRecord
from console.store.repository import NotFoundError, TranscriptStore
from console.store.rotation import RotationReport, rotate_keys

__all__ = [
    "ConversationRecord",
    "ConversationSummary",
    "Keyring",
    "MessageRecord",
    "NotFoundError",
    "RotationReport",
    "TranscriptStore",
    "load_keyring",
    "rotate_keys",
]
