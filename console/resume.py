"""Coming back to a conversation after a reload: the browser keeps a signed token naming it.

Without this, a customer who reloaded the page (or whose phone dropped the tab) while
waiting for a person found an empty chat: the person's answer went to a conversation
nobody could see any more, and the next message started a second one.

The token is ``c1.<conversation id>.<key id>.<HMAC>``, kept in the browser's localStorage
(``gr.BrowserState``). The HMAC (``Keyring.sign``, a key derived from the transcript key
for this use alone) covers the conversation id and the signed-in user, so a token cannot
be made for another conversation, and one copied to another login opens nothing. A token
opens a conversation only while it exists (an erased one is gone), was started in the
chat page (never an API caller's), and was active within the last ``--resume-hours``.
The token is the only key to the conversation on a console without logins, so the same
browser, not the same person, comes back to it: a shared computer should use logins or
New conversation (which forgets the token), or ``--resume-hours 0``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from console.errors import ConsoleError

if TYPE_CHECKING:
    from console.store.records import ConversationRecord
    from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)

#: what the browser keeps once it should forget its conversation: gradio's BrowserState
#: never writes a falsy value (None or "" would leave the old token in localStorage)
FORGOTTEN = "-"

_PURPOSE = "resume-conversation"
_VERSION = "c1"
_MAX_TOKEN_CHARS = 200
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class ResumeTokens:
    def __init__(self, store: TranscriptStore, window_hours: float) -> None:
        self.store = store
        self.window = timedelta(hours=window_hours)

    @property
    def enabled(self) -> bool:
        return self.window > timedelta(0)

    def issue(self, conversation_id: str, user: str | None) -> str | None:
        """The token for ``conversation_id`` as seen by ``user`` (None: no logins)."""
        if not self.enabled or not _UUID.fullmatch(conversation_id):
            return None
        signature = self.store.keyring.sign(_PURPOSE, _message(conversation_id, user))
        return f"{_VERSION}.{conversation_id}.{signature}"

    def conversation_id(self, token: object, user: str | None) -> str | None:
        """The conversation a well-formed token of ``user``'s names (signature checked), or
        None. Reads nothing: a forged or foreign token costs one HMAC."""
        if not self.enabled or not isinstance(token, str) or len(token) > _MAX_TOKEN_CHARS:
            return None
        version, _, rest = token.partition(".")
        conversation_id, _, signature = rest.partition(".")
        if version != _VERSION or not _UUID.fullmatch(conversation_id):
            return None
        if not self.store.keyring.verify(_PURPOSE, _message(conversation_id, user), signature):
            log.info("a resume token that this console did not sign for this user was refused")
            return None
        return conversation_id

    def open(self, token: object, user: str | None) -> ConversationRecord | None:
        """The conversation ``token`` lets ``user`` come back to, read whole, or None."""
        conversation_id = self.conversation_id(token, user)
        if conversation_id is None:
            return None
        try:
            record = self.store.get_conversation(conversation_id)
        except ConsoleError:  # erased, or the store is down: the page starts afresh
            return None
        if record.channel != "ui" or record.owner != "ui":
            return None
        if datetime.now(UTC) - record.updated_at > self.window:
            return None
        return record


def _message(conversation_id: str, user: str | None) -> str:
    # the user's name after the id, NUL-separated: no name can make another pair's message
    return f"{conversation_id}\x00{user or ''}"
