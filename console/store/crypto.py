"""AES-GCM envelopes for transcript text, and the column type that stores them.

Wire format of one encrypted value (``VERSION`` 1)::

    byte 0      version (1)
    bytes 1-4   key id, unsigned big-endian (which key of the keyring sealed it)
    bytes 5-16  96-bit random nonce
    bytes 17-   AES-256-GCM ciphertext followed by its 16-byte tag

The associated data (AAD) authenticated with every value is the 5-byte header plus the
*place* the value belongs to: table, column and row id. A ciphertext copied into another
row or column therefore fails to decrypt instead of showing the wrong customer's text.

Design (why the encryption is not done inside the TypeDecorator): a ``TypeDecorator`` sees
one value and a dialect, never the row, so it cannot know the row id to bind as AAD, and it
has no clean way to reach the keyring of the store that is writing. Instead the repository
seals the text with :meth:`Keyring.seal` (ids are generated client-side, uuid7, so the id is
known before the INSERT) and hands the column a :class:`Sealed` value. :class:`EncryptedText`
is the safety net: it refuses to bind anything that is not a sealed envelope, so plaintext
can never reach the column by mistake, and it parses the header on the way out so rotation
and the start-up key check can see the key id without decrypting.
"""

from __future__ import annotations

import os
import struct
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import LargeBinary, TypeDecorator

from console.errors import StoreError

VERSION = 1
HEADER_LEN = 5  # version byte + 4-byte key id
NONCE_LEN = 12
TAG_LEN = 16
_AAD_PREFIX = b"support-console/transcripts\x00"


def header(key_id: int) -> bytes:
    return struct.pack(">BI", VERSION, key_id)


def aad_for(place: str, head: bytes) -> bytes:
    """Associated data: the envelope header and where the value lives (``table.column:row``)."""
    return _AAD_PREFIX + head + place.encode("utf-8")


def new_nonce() -> bytes:
    return os.urandom(NONCE_LEN)


class Sealed:
    """An encrypted value as stored: the raw envelope bytes. ``repr`` never shows them.

    A plain slotted class rather than a dataclass: one is built for every row read, so its
    constructor stays trivial; the envelope is checked when it is opened (:meth:`check`).
    """

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.blob == self.blob

    def __hash__(self) -> int:
        return hash(self.blob)

    def check(self) -> None:
        if len(self.blob) < HEADER_LEN + NONCE_LEN + TAG_LEN:
            raise StoreError("an encrypted transcript value is truncated; the database may be damaged")
        if self.blob[0] != VERSION:
            raise StoreError(
                f"an encrypted transcript value has format version {self.blob[0]}, this console reads "
                f"version {VERSION}; upgrade the console"
            )

    @property
    def key_id(self) -> int:
        return int.from_bytes(self.blob[1:HEADER_LEN], "big")

    @property
    def head(self) -> bytes:
        return self.blob[:HEADER_LEN]

    @property
    def nonce(self) -> bytes:
        return self.blob[HEADER_LEN : HEADER_LEN + NONCE_LEN]

    @property
    def ciphertext(self) -> bytes:
        return self.blob[HEADER_LEN + NONCE_LEN :]

    def __repr__(self) -> str:
        return f"Sealed(key_id={self.key_id}, {len(self.blob)} bytes)"


class EncryptedText(TypeDecorator[Sealed]):
    """Column of AES-GCM envelopes (BLOB / BYTEA). Binds only :class:`Sealed` values.

    Alembic autogenerate renders it as ``sa.LargeBinary()`` (see ``migrations/env.py``),
    so migrations never import console code for a column type.
    """

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        if not isinstance(value, Sealed):
            # Never let plaintext (or arbitrary bytes) into an encrypted column.
            raise StoreError(
                f"refusing to store a {type(value).__name__} in an encrypted column; seal it first"
            )
        return value.blob

    def process_result_value(self, value: Any, dialect: Dialect) -> Sealed | None:
        if value is None:
            return None
        return Sealed(bytes(value))  # psycopg returns memoryview for bytea

    @property
    def python_type(self) -> type[Sealed]:
        return Sealed
