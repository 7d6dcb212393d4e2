"""Keyring sources, key file safety, envelopes, and key rotation (file and env keys)."""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from console.config import Config
from console.errors import ConfigError, KeyMismatchError, StoreError
from console.store import Keyring, TranscriptStore, load_keyring, rotate_keys
from console.store.admin import keys_rotate
from console.store.crypto import Sealed
from console.store.key_usage import key_usage
from console.store.keys import ENV_VAR, parse_keys
from tests.test_store import db_url, new_conversation  # noqa: F401  (fixture)

KEY_A = os.urandom(32)
KEY_B = os.urandom(32)


def b64(key: bytes, urlsafe: bool = True) -> str:
    return (base64.urlsafe_b64encode if urlsafe else base64.standard_b64encode)(key).decode()


# ------------------------------------------------------------------ parsing


def test_env_accepts_one_key_or_an_id_list_in_either_base64_alphabet() -> None:
    assert parse_keys(b64(KEY_A), ENV_VAR, allow_bare=True) == {1: KEY_A}
    assert parse_keys(b64(KEY_A, urlsafe=False).rstrip("="), ENV_VAR, allow_bare=True) == {1: KEY_A}
    both = parse_keys(f" 1:{b64(KEY_A)} , 7:{b64(KEY_B, urlsafe=False)} ", ENV_VAR, allow_bare=True)
    assert both == {1: KEY_A, 7: KEY_B}
    assert parse_keys(f"{b64(KEY_A)},2:{b64(KEY_B)}", ENV_VAR, allow_bare=True) == {1: KEY_A, 2: KEY_B}
    ring = load_keyring(Path("/nonexistent"), {ENV_VAR: f"1:{b64(KEY_A)},2:{b64(KEY_B)}"})
    assert ring.current_id == 2 and ring.path is None and ring.source == f"${ENV_VAR}"
    assert b64(KEY_A) not in repr(ring)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (base64.b64encode(b"short").decode(), "must be 32 bytes in base64, got 5 bytes"),
        ("not base64 at all!!", "must be 32 bytes in base64"),
        (f"x:{b64(KEY_A)}", "expected ID:KEY entries"),
        (f"1:{b64(KEY_A)},1:{b64(KEY_B)}", "key id 1 appears twice"),
        (f"0:{b64(KEY_A)}", "out of range"),
        (" , ", "holds no key"),
    ],
    # fixed ids: the values hold keys drawn at import, and parallel workers must collect alike
    ids=["short", "not-base64", "no-id", "id-twice", "id-zero", "blank"],
)
def test_bad_env_keys_name_the_variable_and_never_echo_the_key(value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_keyring(Path("/nonexistent"), {ENV_VAR: value})
    assert str(caught.value).startswith(f"{ENV_VAR}:")
    assert b64(KEY_A) not in str(caught.value)


# ------------------------------------------------------------------ the key file


def test_key_file_is_created_private_once_with_a_loud_notice(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    with caplog.at_level(logging.WARNING, logger="console.store.keys"):
        first = load_keyring(data, {})
    path = data / "secret.key"
    assert first.path == path and path.stat().st_mode & 0o777 == 0o600
    assert first.notice is not None and str(path) in first.notice and "cannot be decrypted" in first.notice
    assert any(str(path) in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    second = load_keyring(data, {})
    assert second.keys == first.keys and second.notice is None
    assert load_keyring(data, {ENV_VAR: b64(KEY_A)}).keys == {1: KEY_A}  # the env wins


def test_key_file_readable_by_others_is_refused_with_the_fix(tmp_path: Path) -> None:
    load_keyring(tmp_path, {})
    path = tmp_path / "secret.key"
    path.chmod(0o644)
    with pytest.raises(ConfigError, match=rf"chmod 600 {path}$") as caught:
        load_keyring(tmp_path, {})
    assert "mode 0644" in str(caught.value)
    path.chmod(0o600)
    assert load_keyring(tmp_path, {}).current_id == 1


def test_missing_key_file_beside_existing_transcripts_refuses_to_create_a_new_key(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path / "data")
    store = TranscriptStore.from_config(config, environ={})
    assert store.keyring.notice is not None
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    cid = new_conversation(store)
    store.add_message(cid, role="user", content="precious")
    store.close()
    (tmp_path / "data" / "secret.key").rename(tmp_path / "moved.key")
    with pytest.raises(KeyMismatchError, match="holds 1 encrypted messages, but there is no key file"):
        TranscriptStore.from_config(config, environ={})
    assert not (tmp_path / "data" / "secret.key").exists()  # nothing was created
    (tmp_path / "moved.key").rename(tmp_path / "data" / "secret.key")
    again = TranscriptStore.from_config(config, environ={})
    assert again.get_conversation(cid).messages[0].content == "precious"
    again.close()


# ------------------------------------------------------------------ envelopes


def test_seal_and_open_bind_key_id_and_place() -> None:
    ring = Keyring({1: KEY_A, 2: KEY_B}, "test")
    sealed = ring.seal("秘密 🔑", "messages.content:m1")
    assert sealed.key_id == 2 and sealed.blob[0] == 1 and len(sealed.nonce) == 12
    assert ring.open(sealed, "messages.content:m1") == "秘密 🔑"
    with pytest.raises(KeyMismatchError, match="altered or moved"):
        ring.open(sealed, "messages.content:m2")
    with pytest.raises(KeyMismatchError, match="altered or moved"):
        ring.open(sealed, "conversations.escalation_reason:m1")
    tampered = bytearray(sealed.blob)
    tampered[-1] ^= 1
    with pytest.raises(KeyMismatchError):
        ring.open(Sealed(bytes(tampered)), "messages.content:m1")
    relabelled = bytearray(sealed.blob)
    relabelled[1:5] = (1).to_bytes(4, "big")  # claim the older key: the header is authenticated
    with pytest.raises(KeyMismatchError):
        ring.open(Sealed(bytes(relabelled)), "messages.content:m1")
    with pytest.raises(KeyMismatchError, match="key id 2, which is not among the keys"):
        Keyring({1: KEY_A}, "old ring").open(sealed, "messages.content:m1")
    assert "秘密" not in repr(sealed)
    with pytest.raises(StoreError, match="truncated"):
        ring.open(Sealed(sealed.blob[:20]), "messages.content:m1")
    with pytest.raises(StoreError, match="format version 9"):
        ring.open(Sealed(b"\x09" + sealed.blob[1:]), "messages.content:m1")


# ------------------------------------------------------------------ rotation


def _fill(store: TranscriptStore, n: int) -> dict[str, list[str]]:
    contents: dict[str, list[str]] = {}
    for c in range(n):
        cid = new_conversation(store)
        contents[cid] = [f"message {c}-{i} 你好 🇯🇵" for i in range(4)]
        ids = [store.add_message(cid, role="user", content=body) for body in contents[cid]]
        store.update_conversation(cid, escalation_reason=f"reason {c}")
        store.set_translation(ids[0], f"translation {c}", "en")  # revision 0005's two columns
        store.set_note(cid, f"note {c}", author="maria")
    return contents


def _key_ids(store: TranscriptStore) -> dict[str, set[int]]:
    usage: dict[str, set[int]] = {}
    for use in key_usage(store.engine):
        usage.setdefault(use.label, set()).add(use.key_id)
    return usage


def test_rotation_with_a_key_file_adds_a_key_and_reencrypts_in_batches(
    tmp_path: Path,
    db_url: str,  # noqa: F811
) -> None:
    data = tmp_path / "data"
    store = TranscriptStore.open(db_url, load_keyring(data, {}))
    contents = _fill(store, 3)
    store.close()

    report = rotate_keys(db_url, data, environ={}, batch_size=5, settle=0)
    assert report.new_key_id == 2 and report.current_key_id == 2
    assert report.reencrypted == {
        "messages.content": 12,
        "conversations.escalation_reason": 3,
        "messages.feedback_reason": 0,
        "conversations.rating_comment": 0,
        "conversations.note": 3,
        "messages.translation": 3,
    }
    # 12 messages in batches of 5, then 3 reasons, 3 notes and 3 translations, one batch each
    assert report.batches == 3 + 1 + 1 + 1
    assert report.unused_key_ids == [1]
    assert (data / "secret.key").stat().st_mode & 0o777 == 0o600
    ring = load_keyring(data, {})
    assert sorted(ring.keys) == [1, 2]  # the old key is kept for reading
    store = TranscriptStore.open(db_url, ring)
    assert _key_ids(store) == {
        "messages.content": {2},
        "conversations.escalation_reason": {2},
        "conversations.note": {2},
        "messages.translation": {2},
    }
    for index, (cid, bodies) in enumerate(contents.items()):
        record = store.get_conversation(cid)
        assert [m.content for m in record.messages] == bodies
        assert (record.note, record.messages[0].translation) == (f"note {index}", f"translation {index}")
    store.close()
    # the new key alone now opens everything
    only_new = Keyring({2: ring.keys[2]}, "new key only")
    TranscriptStore.open(db_url, only_new).close()


def test_interrupted_rotation_resumes_on_the_next_run(tmp_path: Path, db_url: str) -> None:  # noqa: F811
    data = tmp_path / "data"
    store = TranscriptStore.open(db_url, load_keyring(data, {}))
    contents = _fill(store, 2)
    store.close()

    def crash_after_first_batch(label: str, done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rotate_keys(db_url, data, environ={}, batch_size=3, progress=crash_after_first_batch, settle=0)
    ring = load_keyring(data, {})
    store = TranscriptStore.open(db_url, ring)
    assert _key_ids(store)["messages.content"] == {1, 2}  # first batch committed, rest not
    with store.engine.connect() as connection:
        under_2 = connection.execute(text("SELECT content FROM messages")).scalars().all()
    assert sum(1 for blob in under_2 if bytes(blob)[1:5] == (2).to_bytes(4, "big")) == 3
    store.close()

    report = rotate_keys(db_url, data, environ={}, batch_size=3, settle=0)
    assert report.new_key_id == 3 and report.reencrypted["messages.content"] == 8
    store = TranscriptStore.open(db_url, load_keyring(data, {}))
    assert _key_ids(store) == {
        "messages.content": {3},
        "conversations.escalation_reason": {3},
        "conversations.note": {3},
        "messages.translation": {3},
    }
    assert [[m.content for m in store.get_conversation(c).messages] for c in contents] == list(
        contents.values()
    )
    store.close()


def test_rotation_with_env_keys_prints_a_new_key_then_reencrypts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    env = {ENV_VAR: b64(KEY_A)}
    store = TranscriptStore.open(url, load_keyring(tmp_path, env))
    contents = _fill(store, 1)
    store.close()

    first = rotate_keys(url, tmp_path, environ=env)
    assert first.new_key_id == 2 and first.total == 0 and first.instructions is not None
    new_entry = next(
        line.strip() for line in first.instructions.splitlines() if line.strip().startswith("2:")
    )
    assert not (tmp_path / "secret.key").exists()  # env keys: nothing written to disk

    env = {ENV_VAR: f"{b64(KEY_A)},{new_entry}"}
    second = rotate_keys(url, tmp_path, environ=env)
    assert second.new_key_id is None and second.reencrypted["messages.content"] == 4
    store = TranscriptStore.open(url, load_keyring(tmp_path, env))
    assert _key_ids(store)["messages.content"] == {2}
    cid = next(iter(contents))
    assert [m.content for m in store.get_conversation(cid).messages] == contents[cid]
    store.close()
    third = rotate_keys(url, tmp_path, environ=env)
    assert third.new_key_id == 3 and third.instructions is not None


def test_keys_rotate_command_prints_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    config = Config(data_dir=tmp_path / "data")
    store = TranscriptStore.from_config(config, environ={})
    _fill(store, 1)
    store.close()
    assert keys_rotate(config) == 0
    out = capsys.readouterr().out
    assert "Added key id 2" in out and "Re-encrypted 4 messages.content value(s) with key id 2" in out
    (tmp_path / "data" / "secret.key").chmod(0o640)
    assert keys_rotate(config) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_a_console_running_beside_a_rotation_reads_the_new_rows_and_seals_with_the_new_key(
    tmp_path: Path,
    db_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`app.py keys rotate` runs while the console serves. Before, the running console could
    not read a single re-encrypted row until restarted (KeyMismatchError on every page), and
    went on sealing new text with the old key, which the rotation then reported unused:
    removing it, as the report invites, lost that text."""
    from console.store import keys as keys_module

    data = tmp_path / "data"
    running = TranscriptStore.open(db_url, load_keyring(data, {}))
    cid = new_conversation(running)
    running.add_message(cid, role="user", content="before the rotation")
    rotate_keys(db_url, data, environ={}, settle=0)  # another process, in real life
    assert _key_ids(running)["messages.content"] == {2}
    # a re-encrypted row is read at once: the ring takes the key the file gained
    assert [m.content for m in running.get_conversation(cid).messages] == ["before the rotation"]
    assert running.keyring.current_id == 2

    # a console that only writes takes the new key too, within REFRESH_S
    writer = TranscriptStore.open(db_url, load_keyring(data, {}))
    rotate_keys(db_url, data, environ={}, settle=0)
    writer.add_message(cid, role="user", content="within the interval")  # may still be key 2
    monkeypatch.setattr(keys_module, "REFRESH_S", 0.0)
    writer.add_message(cid, role="assistant", content="after the interval")
    assert writer.keyring.current_id == 3
    contents = [m.content for m in running.get_conversation(cid).messages]
    assert contents == ["before the rotation", "within the interval", "after the interval"]
    # what the rotation reports unused is unused: a later run leaves nothing under key 1 or 2
    report = rotate_keys(db_url, data, environ={}, settle=0)
    assert set(report.unused_key_ids) == {1, 2, 3}
    for store in (running, writer):
        store.close()


def test_a_key_file_changed_by_mistake_is_not_taken_in(
    tmp_path: Path,
    db_url: str,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Only added keys are taken: another key under an id in use, or a file others may read,
    leaves the running console on the keys it has, and says so."""
    data = tmp_path / "data"
    ring = load_keyring(data, {})
    path = data / "secret.key"
    original = path.read_text(encoding="ascii")
    other = base64.urlsafe_b64encode(os.urandom(32)).decode()
    path.write_text(f"1:{other}\n2:{b64(os.urandom(32))}\n", encoding="ascii")
    with caplog.at_level(logging.ERROR):
        assert not ring.refresh(force=True)
    assert sorted(ring.keys) == [1] and "another key under id(s) 1" in caplog.text
    path.write_text(original + f"2:{b64(os.urandom(32))}\n", encoding="ascii")
    path.chmod(0o644)
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        assert not ring.refresh(force=True)
    assert sorted(ring.keys) == [1] and "accessible to other users" in caplog.text
    path.chmod(0o600)
    assert ring.refresh(force=True) and sorted(ring.keys) == [1, 2]
    assert other not in caplog.text, "no key in a log line"
