"""The keyring: which AES-256 keys seal and open transcript text, and where they come from.

Keys have small integer ids. The newest (highest id) seals new values; older ones stay to
open values sealed before a rotation. Two sources, in this order:

1. ``CONSOLE_SECRET_KEY``: one base64 (standard or urlsafe) 32-byte key, which gets id 1,
   or a comma-separated list ``ID:KEY,ID:KEY`` (e.g. ``1:old...,2:new...``).
2. the key file ``<data_dir>/secret.key``: lines ``ID:KEY`` (``#`` comments allowed),
   created on first run with mode 0600. A key file that group or others can read is
   refused: whoever can read it can read every transcript.

Losing every copy of the keys loses the transcripts; the first run says so, loudly.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import stat
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from console.errors import ConfigError, KeyMismatchError
from console.store.crypto import Sealed, aad_for, header, new_nonce

log = logging.getLogger(__name__)

ENV_VAR = "CONSOLE_SECRET_KEY"
KEY_FILE_NAME = "secret.key"
KEY_BYTES = 32
#: how often a running console looks whether its key file changed (a ``keys rotate`` run
#: from another process appended a key): one stat call, from the first seal after it
REFRESH_S = 5.0


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def _decode_key(text: str, setting: str) -> bytes:
    text = text.strip()
    raw: bytes | None = None
    for decode in (base64.urlsafe_b64decode, base64.standard_b64decode):
        try:
            raw = decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            continue
        if len(raw) == KEY_BYTES:
            return raw
    got = f"{len(raw)} bytes" if raw is not None else "text that is not base64"
    # never echo the key itself
    raise ConfigError(setting, f"each key must be {KEY_BYTES} bytes in base64, got {got}")


def parse_keys(text: str, setting: str, *, allow_bare: bool) -> dict[int, bytes]:
    """``ID:KEY`` entries separated by commas or newlines; a key without ``ID:`` is id 1."""
    # '#' starts a comment to the end of the line (base64 never contains '#')
    lines = [line.partition("#")[0] for line in text.splitlines()]
    entries = [e.strip() for e in ",".join(lines).split(",") if e.strip()]
    if not entries:
        raise ConfigError(setting, "holds no key")
    keys: dict[int, bytes] = {}
    for entry in entries:
        # a key without "ID:" is key 1 (base64 has no ':', so this is unambiguous); this
        # lets a single-key setup grow to "KEY,2:NEWKEY" on rotation
        labelled = f"1:{entry}" if allow_bare and ":" not in entry else entry
        key_id_text, sep, key_text = labelled.partition(":")
        if not sep or not key_id_text.strip().isdigit():
            raise ConfigError(setting, "expected ID:KEY entries (e.g. 1:BASE64KEY,2:BASE64KEY)")
        key_id = int(key_id_text)
        if not 0 < key_id < 2**32:
            raise ConfigError(setting, f"key id {key_id} is out of range 1..4294967295")
        if key_id in keys:
            raise ConfigError(setting, f"key id {key_id} appears twice")
        keys[key_id] = _decode_key(key_text, setting)
    return keys


@dataclass
class Keyring:
    """AES-256-GCM keys by id. ``source`` says where they came from (for error messages)."""

    keys: dict[int, bytes]
    source: str
    #: the key file, when keys came from one (rotation appends to it); None for env keys
    path: Path | None = None
    #: set when this load created the key file: where it is and that it must be kept
    notice: str | None = None
    _ciphers: dict[int, AESGCM] = field(default_factory=dict, repr=False)
    #: the key file's identity when it was read (see refresh), and when it was last looked at
    _stamp: tuple[int, int, int] | None = field(default=None, repr=False, compare=False)
    _checked_at: float = field(default=0.0, repr=False, compare=False)
    _refresh_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise ConfigError(self.source, "holds no key")
        self._ciphers = {key_id: AESGCM(key) for key_id, key in self.keys.items()}

    def __repr__(self) -> str:  # never print key material
        return f"Keyring(ids={sorted(self.keys)}, source={self.source!r})"

    @property
    def current_id(self) -> int:
        return max(self.keys)

    def refresh(self, *, force: bool = False) -> bool:
        """Take in keys added to the key file since it was read; True when there were some.

        ``app.py keys rotate`` runs beside a running console: it appends a key to the file,
        then re-encrypts every row under it. Without this, the console could not read a
        re-encrypted row until restarted, and kept sealing new text with the old key, which
        the rotation then reported unused (removing it would lose that text). Looked at at
        most every :data:`REFRESH_S` seconds from :meth:`seal`, and at once (``force``) when
        a stored value names a key id this ring lacks (stored values come from the database,
        never from a request; an unchanged file costs one stat call).

        Only keys are added: a key id whose key changed is refused (a file edited by
        mistake must not make a running console seal with another key under the same id),
        and a key removed from the file stays readable until a restart."""
        if self.path is None:
            return False
        if not force and time.monotonic() - self._checked_at < REFRESH_S:
            return False
        with self._refresh_lock:
            if not force and time.monotonic() - self._checked_at < REFRESH_S:
                return False  # another thread just looked
            self._checked_at = time.monotonic()
            try:
                stamp = _file_stamp(self.path)
                if stamp == self._stamp:
                    return False
                check_key_file_mode(self.path)
                keys = parse_keys(self.path.read_text(encoding="ascii"), self.source, allow_bare=True)
            except (OSError, UnicodeDecodeError, ConfigError) as exc:
                log.error("key file %s could not be read again; keeping the keys loaded (%s)", self.path, exc)
                return False
            changed = sorted(k for k in keys if k in self.keys and keys[k] != self.keys[k])
            if changed:
                log.error(
                    "key file %s holds another key under id(s) %s than the one in use; ignoring the file "
                    "until it is fixed or the console restarts",
                    self.path,
                    ", ".join(map(str, changed)),
                )
                return False
            self._stamp = stamp
            added = {k: v for k, v in keys.items() if k not in self.keys}
            if not added:
                return False
            # ciphers first: a reader that sees the new id in ``keys`` finds its cipher
            self._ciphers = {**self._ciphers, **{k: AESGCM(v) for k, v in added.items()}}
            self.keys = {**self.keys, **added}
            log.warning(
                "key file %s: key id(s) %s added (a rotation); new text is sealed with key id %d",
                self.path,
                ", ".join(map(str, sorted(added))),
                self.current_id,
            )
            return True

    def seal(self, text: str, place: str) -> Sealed:
        """Encrypt ``text`` for the row/column named by ``place`` with the newest key."""
        self.refresh()
        head = header(self.current_id)
        nonce = new_nonce()
        ciphertext = self._ciphers[self.current_id].encrypt(nonce, text.encode("utf-8"), aad_for(place, head))
        return Sealed(head + nonce + ciphertext)

    def open(self, sealed: Sealed, place: str) -> str:
        """Decrypt; raises KeyMismatchError rather than ever returning wrong text."""
        sealed.check()
        cipher = self._ciphers.get(sealed.key_id)
        if cipher is None and self.refresh(force=True):  # re-encrypted by a rotation run meanwhile
            cipher = self._ciphers.get(sealed.key_id)
        if cipher is None:
            raise KeyMismatchError(
                f"{place} is encrypted with key id {sealed.key_id}, which is not among the keys in "
                f"{self.source} (ids {', '.join(map(str, sorted(self.keys)))}); restore that key"
            )
        try:
            plain = cipher.decrypt(sealed.nonce, sealed.ciphertext, aad_for(place, sealed.head))
        except InvalidTag as exc:
            raise KeyMismatchError(
                f"{place} cannot be decrypted with key id {sealed.key_id} from {self.source}: "
                "the key is wrong, or the value was altered or moved from another row"
            ) from exc
        return plain.decode("utf-8")

    def sign(self, purpose: str, message: str) -> str:
        """``<key id>.<tag>``: an HMAC-SHA256 of ``message`` under a key derived from the
        newest key for ``purpose`` alone (HKDF), so a tag made for one use is never valid
        for another, and the transcript keys themselves never sign anything."""
        key_id = self.current_id
        tag = self._tag(key_id, purpose, message)
        return f"{key_id}.{base64.urlsafe_b64encode(tag).decode('ascii').rstrip('=')}"

    def verify(self, purpose: str, message: str, signature: str) -> bool:
        """Whether ``signature`` came from :meth:`sign` with this ``purpose`` and ``message``
        under any key still in the ring (a rotation keeps the older keys, so what they
        signed stays valid until they are removed)."""
        key_id_text, _, tag_text = signature.partition(".")
        if not key_id_text.isdigit() or len(key_id_text) > 6 or int(key_id_text) not in self.keys:
            return False
        try:
            tag = base64.urlsafe_b64decode(tag_text + "=" * (-len(tag_text) % 4))
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(tag, self._tag(int(key_id_text), purpose, message))

    def _tag(self, key_id: int, purpose: str, message: str) -> bytes:
        info = f"support-console:{purpose}".encode()
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(self.keys[key_id])
        return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()

    def with_new_key(self) -> tuple[Keyring, int, bytes]:
        """A copy of this keyring plus a fresh random key (returned too, for printing)."""
        new_id = self.current_id + 1
        key = AESGCM.generate_key(bit_length=256)
        keys = {**self.keys, new_id: key}
        return Keyring(keys, self.source, self.path), new_id, key


def _file_stamp(path: Path) -> tuple[int, int, int]:
    """What changes when the key file is rewritten (rotation replaces it atomically)."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size


def key_file_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE_NAME


def check_key_file_mode(path: Path) -> None:
    """Refuse a key file that group or others may read or write (POSIX only)."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"key file {path}",
            f"is accessible to other users (mode {mode:04o}); anyone who can read it can read every "
            f"transcript. Run: chmod 600 {path}",
        )


def format_key_file(keys: Mapping[int, bytes]) -> str:
    lines = [
        "# Transcript encryption keys of the support console (ID:KEY, base64 AES-256).",
        "# Keep a copy somewhere safe: without these keys the transcripts cannot be read.",
        "# The highest id encrypts new text; keep older ids to read older text.",
    ]
    lines += [f"{key_id}:{encode_key(keys[key_id])}" for key_id in sorted(keys)]
    return "\n".join(lines) + "\n"


def write_key_file(path: Path, keys: Mapping[int, bytes], *, exclusive: bool) -> None:
    """Write atomically with mode 0600 (temp file in the same folder, fsync, rename)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    tmp = path if exclusive else path.with_name(path.name + ".tmp")
    if not exclusive and tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(format_key_file(keys))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not exclusive:
        os.replace(tmp, path)


def load_keyring(data_dir: Path, environ: Mapping[str, str] | None = None) -> Keyring:
    """Keys from ``CONSOLE_SECRET_KEY``, else from the key file, creating it on first run."""
    environ = os.environ if environ is None else environ
    env_value = environ.get(ENV_VAR, "")
    if env_value.strip():
        return Keyring(parse_keys(env_value, ENV_VAR, allow_bare=True), f"${ENV_VAR}")
    path = key_file_path(data_dir)
    notice = None
    if not path.exists():
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            write_key_file(path, {1: AESGCM.generate_key(bit_length=256)}, exclusive=True)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError as exc:
            raise ConfigError(f"key file {path}", f"cannot be created: {exc.strerror}") from exc
        else:
            notice = (
                f"Created a new transcript encryption key at {path}. Back it up: if this file is "
                f"lost, the transcripts cannot be decrypted by anyone. (Set {ENV_VAR} to supply "
                "keys from a secret store instead.)"
            )
            log.warning("%s", notice)
    check_key_file_mode(path)
    try:
        stamp = _file_stamp(path)  # before the read: a change between them is seen later
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"key file {path}", f"cannot be read: {exc}") from exc
    keys = parse_keys(text, f"key file {path}", allow_bare=True)
    ring = Keyring(keys, str(path), path=path, notice=notice)
    ring._stamp, ring._checked_at = stamp, time.monotonic()
    return ring
