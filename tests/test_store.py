"""TranscriptStore against a real SQLite file and (when available) a real PostgreSQL.

PostgreSQL runs when ``CONSOLE_TEST_POSTGRES_URL`` points at a reachable server
(``eval "$(bash .ci/postgres.sh)"`` starts a private one); otherwise those params skip and
say why. Each PostgreSQL test starts from an empty ``public`` schema.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, insert, select, text, update
from sqlalchemy.exc import StatementError

from console.errors import InputError, KeyMismatchError, StoreError
from console.store import Keyring, NotFoundError, TranscriptStore, replicas
from console.store.models import ConsoleReplica, Message, utcnow
from console.store.repository import MAX_FEEDBACK_CHARS
from tests.conftest import in_threads

PG_ENV = "CONSOLE_TEST_POSTGRES_URL"

SAMPLES = {
    "zh": "你好，我的订单号是 SKU-4417，什么时候发货？",
    "ja": "ご注文ありがとうございます。配送は明日になります。",
    "ar": "مرحبا، أين طلبي رقم ٧٣٢؟",
    "th": "สวัสดีครับ ฉันต้องการคืนสินค้า",
    "emoji": "family 👨‍👩‍👧‍👦 flag 🇯🇵 rainbow 🏳️‍🌈 thumbs 👍🏽",
    "nfd": "Cafe\u0301 and re\u0301sume\u0301 (NFD), Café (NFC)",
    "crlf": "line one\r\nline two\r\n\r\nlast",
}


# ------------------------------------------------------------------ shared fixtures


@cache
def _postgres_problem(url: str) -> str | None:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        return f"PostgreSQL at {PG_ENV} is unreachable ({type(exc).__name__}); start it with .ci/postgres.sh"
    finally:
        engine.dispose()
    return None


def postgres_url() -> str:
    """The test server's URL, or skip saying why there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f'{PG_ENV} is not set; run `eval "$(bash .ci/postgres.sh)"` to test PostgreSQL')
    problem = _postgres_problem(url)
    if problem:
        pytest.skip(problem)
    return url


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'console.db'}"
    url = postgres_url()
    reset_postgres(url)
    return url


def make_keyring(key_id: int = 1) -> Keyring:
    return Keyring({key_id: os.urandom(32)}, "the test keyring")


@pytest.fixture
def keyring() -> Keyring:
    return make_keyring()


@pytest.fixture
def open_store(db_url: str, keyring: Keyring) -> Iterator[Callable[..., TranscriptStore]]:
    opened: list[TranscriptStore] = []

    def _open(url: str | None = None, ring: Keyring | None = None, **kwargs: object) -> TranscriptStore:
        store = TranscriptStore.open(url or db_url, ring or keyring, **kwargs)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[..., TranscriptStore]) -> TranscriptStore:
    return open_store()


def new_conversation(store: TranscriptStore, **overrides: object) -> str:
    values: dict[str, object] = {
        "language": "en",
        "business_line": "general",
        "model": "tiny-qwen",
        "backend": "transformers",
        "params": {"temperature": 0.7, "max_new_tokens": 256},
    }
    values.update(overrides)
    return store.create_conversation(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------ round trips


def test_messages_round_trip_exactly_with_metadata(store: TranscriptStore) -> None:
    cid = new_conversation(store, language="zh", channel="api")
    ids = []
    for i, (lang, body) in enumerate(SAMPLES.items()):
        role = "user" if i % 2 == 0 else "assistant"
        ids.append(
            store.add_message(
                cid,
                role=role,
                content=body,
                language=lang,
                latency_ms=12.5 * i,
                prompt_tokens=i,
                completion_tokens=i + 1,
                meta={"finish_reason": "stop", "n": i},
            )
        )
    record = store.get_conversation(cid)
    assert [m.content for m in record.messages] == list(SAMPLES.values())
    assert [m.id for m in record.messages] == ids
    assert record.messages[2].latency_ms == 25.0 and record.messages[2].completion_tokens == 3
    assert record.messages[1].meta == {"finish_reason": "stop", "n": 1}
    assert record.language == "zh" and record.channel == "api" and record.status == "open"
    assert record.params == {"temperature": 0.7, "max_new_tokens": 256}
    assert record.created_at.tzinfo is not None and record.created_at.utcoffset() == timedelta(0)
    assert abs(record.updated_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert record.updated_at >= record.created_at
    # NFD stays NFD: no normalization anywhere on the way
    assert "e\u0301" in record.messages[5].content and "é" in record.messages[5].content


def test_streaming_reply_is_updated_then_finalized(store: TranscriptStore) -> None:
    cid = new_conversation(store)
    store.add_message(cid, role="user", content="Where is my parcel?")
    before = store.get_conversation(cid).updated_at
    mid = store.add_message(cid, role="assistant", content="", status="streaming", meta={"lang_conf": 0.9})
    store.update_message(mid, content="It left the")
    assert store.get_conversation(cid).messages[1].content == "It left the"
    store.update_message(
        mid,
        content="It left the warehouse today.",
        status="complete",
        latency_ms=840.0,
        completion_tokens=7,
        meta={"finish_reason": "stop"},
    )
    record = store.get_conversation(cid)
    reply = record.messages[1]
    assert (reply.content, reply.status, reply.latency_ms, reply.completion_tokens) == (
        "It left the warehouse today.",
        "complete",
        840.0,
        7,
    )
    assert reply.meta == {"lang_conf": 0.9, "finish_reason": "stop"}  # merged, not replaced
    assert record.updated_at > before


def test_reopening_marks_crashed_streams_interrupted_and_keeps_the_partial_text(
    open_store: Callable[..., TranscriptStore],
) -> None:
    first = open_store()
    cid = new_conversation(first)
    first.add_message(cid, role="user", content="Hola")
    mid = first.add_message(cid, role="assistant", content="", status="streaming")
    first.update_message(mid, content="Hola, ¿en qué puedo")
    first.close()  # the process "crashes" here: the reply was never finalized
    second = open_store()
    reply = second.get_conversation(cid).messages[1]
    assert (reply.status, reply.content) == ("interrupted", "Hola, ¿en qué puedo")
    assert second.recover_interrupted() == 0


def _status(store: TranscriptStore, message_id: str) -> str:
    with store.engine.connect() as connection:
        return str(connection.execute(select(Message.status).where(Message.id == message_id)).scalar_one())


def _replica_row(store: TranscriptStore, replica_id: str) -> Any:
    with store.engine.connect() as connection:
        return connection.execute(select(ConsoleReplica).where(ConsoleReplica.id == replica_id)).first()


def test_a_console_opening_beside_a_live_one_leaves_its_streaming_reply_alone(
    open_store: Callable[..., TranscriptStore],
) -> None:
    live = open_store()
    cid = new_conversation(live)
    streaming = live.add_message(cid, role="assistant", content="", status="streaming")
    live.update_message(streaming, content="Checking your order")
    second = open_store()  # a replica starting, a --customer-only console, a key rotation
    assert second.recover_interrupted() == 0
    assert _status(second, streaming) == "streaming"
    live._beat()  # the live store's heartbeat neither marks its own reply
    assert _status(second, streaming) == "streaming"
    live.update_message(streaming, content="Your order ships today.", status="complete")
    assert _status(second, streaming) == "complete"


def test_replies_of_stopped_replicas_are_interrupted_and_a_silent_one_elsewhere_after_a_minute(
    open_store: Callable[..., TranscriptStore],
) -> None:
    live = open_store()
    cid = new_conversation(live)
    mine = live.add_message(cid, role="assistant", content="", status="streaming")
    stopped_here = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(stopped_here.stdout)
    now = utcnow()
    machine = replicas.this_process().machine
    rows = {  # replica id -> (machine, pid, started, last seen)
        "exited-here": (machine, dead_pid, 0.0, now),  # on this machine, its process is gone
        "reused-pid": (machine, os.getpid(), 1.0, now),  # this PID, but another process's start
        "elsewhere-silent": ("other-machine", 1, 0.0, now - timedelta(seconds=replicas.STALE_S + 5)),
        "elsewhere-alive": ("other-machine", 1, 0.0, now - timedelta(seconds=5)),
    }
    with live.engine.begin() as connection:
        for replica_id, (where, pid, started, seen) in rows.items():
            connection.execute(
                insert(ConsoleReplica).values(
                    id=replica_id, machine=where, pid=pid, started=started, seen_at=seen
                )
            )
    replies = {}
    for replica_id in rows:
        replies[replica_id] = live.add_message(cid, role="assistant", content=replica_id, status="streaming")
        with live.engine.begin() as connection:
            connection.execute(
                update(Message).where(Message.id == replies[replica_id]).values(replica=replica_id)
            )
    unnamed = live.add_message(
        cid, role="assistant", content="from a console before 0008", status="streaming"
    )
    with live.engine.begin() as connection:
        connection.execute(update(Message).where(Message.id == unnamed).values(replica=None))

    live._beat()  # the heartbeat: stopped writers' replies go, the unnamed ones wait for a start
    expected = {"exited-here": "interrupted", "reused-pid": "interrupted", "elsewhere-silent": "interrupted"}
    for replica_id, message_id in replies.items():
        assert _status(live, message_id) == expected.get(replica_id, "streaming"), replica_id
        assert (_replica_row(live, replica_id) is None) == (replica_id in expected), replica_id
    assert (_status(live, mine), _status(live, unnamed)) == ("streaming", "streaming")

    assert open_store().recover_interrupted() == 0  # the start already marked the unnamed reply
    assert (_status(live, mine), _status(live, unnamed)) == ("streaming", "interrupted")
    assert _status(live, replies["elsewhere-alive"]) == "streaming"


def test_a_closed_store_forgets_its_process_and_its_unfinished_reply_is_recovered(
    open_store: Callable[..., TranscriptStore],
) -> None:
    first = open_store()
    cid = new_conversation(first)
    assert first.add_message(cid, role="assistant", content="", status="complete")
    assert _replica_row(first, first.replica_id) is None  # nothing written until a reply streams
    reply = first.add_message(cid, role="assistant", content="", status="streaming")
    row = _replica_row(first, first.replica_id)
    assert (row.pid, row.machine) == (os.getpid(), replicas.this_process().machine)
    first.close()
    second = open_store()
    assert _replica_row(second, first.replica_id) is None
    assert _status(second, reply) == "interrupted"


def test_update_conversation_status_and_encrypted_escalation_reason(store: TranscriptStore) -> None:
    cid = new_conversation(store)
    store.update_conversation(cid, status="escalated", escalation_reason="客户要求人工：退款 ¥300")
    store.update_conversation(cid, language="zh", business_line="billing")
    record = store.get_conversation(cid)
    assert (record.status, record.language, record.business_line) == ("escalated", "zh", "billing")
    assert record.escalation_reason == "客户要求人工：退款 ¥300"
    with pytest.raises(InputError, match="status must be one of open, escalated, resolved"):
        store.update_conversation(cid, status="closed")


def test_invalid_values_and_unknown_ids_raise_clear_errors(store: TranscriptStore) -> None:
    cid = new_conversation(store)
    with pytest.raises(InputError, match="role must be one of"):
        store.add_message(cid, role="bot", content="x")
    with pytest.raises(InputError, match="channel"):
        new_conversation(store, channel="sms")
    with pytest.raises(NotFoundError, match="No conversation with id nope"):
        store.add_message("nope", role="user", content="lost text")
    with pytest.raises(NotFoundError, match="No message"):
        store.update_message("nope", status="complete")
    with pytest.raises(NotFoundError):
        store.get_conversation("nope")
    assert store.get_conversation(cid).messages == []


def test_a_feedback_reason_or_rating_comment_over_the_limit_is_refused_and_nothing_stored(
    store: TranscriptStore,
) -> None:
    # An outside tester stored a 4 MB thumbs-down reason (the only bound was the 16 MiB body).
    cid = new_conversation(store)
    store.add_message(cid, role="user", content="Where is my parcel?")
    reply = store.add_message(cid, role="assistant", content="It left today.")
    store.set_feedback(reply, -1, "x" * MAX_FEEDBACK_CHARS)  # the limit itself is kept
    store.set_rating(cid, 2, "y" * MAX_FEEDBACK_CHARS)
    for call, field in (
        (lambda: store.set_feedback(reply, 1, "a" * (MAX_FEEDBACK_CHARS + 1)), "feedback_reason"),
        (lambda: store.set_feedback(reply, -1, "b" * 4_000_000), "feedback_reason"),
        (lambda: store.set_rating(cid, 5, "c" * (MAX_FEEDBACK_CHARS + 1)), "rating_comment"),
    ):
        with pytest.raises(
            InputError, match=f"{field} must be at most {MAX_FEEDBACK_CHARS} characters"
        ) as info:
            call()
        assert info.value.field == field and info.value.notice == "feedback_too_long"
        assert info.value.values == {"limit": MAX_FEEDBACK_CHARS}
    # nothing of the refused calls was stored: neither the text nor the value beside it
    stored = store.get_conversation(cid).messages[1]
    assert (stored.feedback, stored.feedback_reason) == (-1, "x" * MAX_FEEDBACK_CHARS)
    assert store.rating_of(cid) == (2, "y" * MAX_FEEDBACK_CHARS)


# ------------------------------------------------------------------ listing and search


def test_list_filters_counts_previews_and_paging(store: TranscriptStore) -> None:
    a = new_conversation(store, language="zh", business_line="billing")
    store.add_message(a, role="user", content="  我的发票\n在哪里？  " + "很长的问题" * 30)
    store.add_message(a, role="assistant", content="在这里。")
    b = new_conversation(store, language="en")
    store.add_message(b, role="assistant", content="Welcome! How can I help?")  # greeting first
    store.add_message(b, role="user", content="Reset my password please")
    store.update_conversation(b, status="resolved")
    c = new_conversation(store, language="en")  # no messages

    everything = store.list_conversations()
    assert [s.id for s in everything] == [c, b, a]  # most recent activity first
    by_id = {s.id: s for s in everything}
    assert by_id[a].message_count == 2 and by_id[b].message_count == 2 and by_id[c].message_count == 0
    assert by_id[b].preview == "Reset my password please"  # first *user* message
    assert by_id[a].preview.startswith("我的发票 在哪里？") and by_id[a].preview.endswith("…")
    assert len(by_id[a].preview) <= 80 and "\n" not in by_id[a].preview
    assert by_id[c].preview == ""

    assert [s.id for s in store.list_conversations(language="zh")] == [a]
    assert [s.id for s in store.list_conversations(business_line="billing")] == [a]
    assert [s.id for s in store.list_conversations(status="resolved")] == [b]
    assert [s.id for s in store.list_conversations(limit=2)] == [c, b]
    assert [s.id for s in store.list_conversations(limit=2, offset=2)] == [a]
    now = datetime.now(UTC)
    assert len(store.list_conversations(since=now - timedelta(hours=1))) == 3
    assert store.list_conversations(since=now + timedelta(hours=1)) == []
    assert store.list_conversations(until=now - timedelta(hours=1)) == []
    with pytest.raises(InputError, match="limit"):
        store.list_conversations(limit=0)


def test_search_is_case_insensitive_over_decrypted_text(store: TranscriptStore) -> None:
    a = new_conversation(store)
    store.add_message(a, role="user", content="My ORDER never arrived")
    b = new_conversation(store, language="zh")
    store.add_message(b, role="user", content="你好")
    store.add_message(b, role="assistant", content="您的订单已发货")
    c = new_conversation(store)
    store.add_message(c, role="user", content="hello")
    store.update_conversation(c, escalation_reason="Customer asked for a SUPERVISOR")
    d = new_conversation(store)
    store.add_message(d, role="user", content="Cafe\u0301 menu")  # NFD

    assert [s.id for s in store.list_conversations(search="order")] == [a]
    assert [s.id for s in store.list_conversations(search="订单")] == [b]
    assert [s.id for s in store.list_conversations(search="supervisor")] == [c]
    assert [s.id for s in store.list_conversations(search="CAFÉ")] == [d]  # NFC query finds NFD text
    assert store.list_conversations(search="refund") == []
    assert [s.id for s in store.list_conversations(search="o", language="zh")] == []
    assert len(store.list_conversations(search="e", limit=1)) == 1


# ------------------------------------------------------------------ erasure


def test_delete_conversation_erases_it_and_its_messages(store: TranscriptStore) -> None:
    keep = new_conversation(store)
    store.add_message(keep, role="user", content="keep me")
    gone = new_conversation(store)
    for i in range(3):
        store.add_message(gone, role="user", content=f"erase me {i}")
    store.delete_conversation(gone)
    with store.engine.connect() as connection:
        left = connection.execute(
            text("SELECT count(*) FROM messages WHERE conversation_id = :c"), {"c": gone}
        ).scalar_one()
    assert left == 0
    with pytest.raises(NotFoundError):
        store.get_conversation(gone)
    with pytest.raises(NotFoundError):
        store.delete_conversation(gone)
    assert [m.content for m in store.get_conversation(keep).messages] == ["keep me"]


def test_erased_ciphertext_does_not_linger_in_the_sqlite_files(tmp_path: Path, keyring: Keyring) -> None:
    store = TranscriptStore.open(f"sqlite:///{tmp_path / 'console.db'}", keyring)
    cid = new_conversation(store)
    mid = store.add_message(cid, role="user", content="erase me " * 50)
    keep = new_conversation(store)
    store.add_message(keep, role="user", content="keep me")
    with store.engine.connect() as connection:
        blob = bytes(
            connection.execute(text("SELECT content FROM messages WHERE id = :i"), {"i": mid}).scalar_one()
        )
    store.delete_conversation(cid)
    assert (tmp_path / "console.db-wal").stat().st_size == 0  # checkpointed and truncated
    for path in tmp_path.iterdir():
        assert blob[17:80] not in path.read_bytes(), path.name  # secure_delete zeroed the pages
    assert store.get_conversation(keep).messages[0].content == "keep me"
    store.close()


# ------------------------------------------------------------------ encryption on disk


def test_no_plaintext_in_the_database_file_or_its_wal_and_shm(tmp_path: Path, keyring: Keyring) -> None:
    db = tmp_path / "console.db"
    store = TranscriptStore.open(f"sqlite:///{db}", keyring)
    cid = new_conversation(store)
    for body in SAMPLES.values():
        store.add_message(cid, role="user", content=body)
    mid = store.add_message(cid, role="assistant", content="", status="streaming")
    store.update_message(mid, content="Partial answer mentioning ZEBRA-CROSSING-99")
    store.update_conversation(cid, escalation_reason="wants a human: PINEAPPLE-TOKEN-7")
    needles = [
        "SKU-4417",
        "什么时候发货",
        "配送は明日",
        "أين طلبي",
        "ฉันต้องการคืนสินค้า",
        "👨‍👩‍👧‍👦",
        "ZEBRA-CROSSING-99",
        "PINEAPPLE-TOKEN-7",
        "line one\r\nline two",
    ]

    def files() -> list[Path]:
        return [p for p in tmp_path.iterdir() if p.name.startswith("console.db")]

    def assert_clean() -> None:
        blobs = {p.name: p.read_bytes() for p in files()}
        assert "console.db" in blobs
        for name, data in blobs.items():
            for needle in needles:
                for encoding in ("utf-8", "utf-16-le"):
                    assert needle.encode(encoding) not in data, f"plaintext found in {name}"

    assert {p.name for p in files()} >= {"console.db", "console.db-wal", "console.db-shm"}
    assert (tmp_path / "console.db-wal").stat().st_size > 0  # the test really reads the WAL
    assert_clean()
    store.close()
    assert_clean()
    reopened = TranscriptStore.open(f"sqlite:///{db}", keyring)
    assert reopened.get_conversation(cid).messages[0].content == SAMPLES["zh"]
    reopened.close()


def test_stored_value_is_a_versioned_envelope_with_key_id_and_nonce(store: TranscriptStore) -> None:
    cid = new_conversation(store)
    body = "envelope check ✓"
    mid = store.add_message(cid, role="user", content=body)
    with store.engine.connect() as connection:
        blob = bytes(
            connection.execute(text("SELECT content FROM messages WHERE id = :i"), {"i": mid}).scalar_one()
        )
    assert blob[0] == 1  # format version
    assert int.from_bytes(blob[1:5], "big") == store.keyring.current_id
    assert len(blob) == 1 + 4 + 12 + len(body.encode()) + 16
    store.update_message(mid, content=body)
    with store.engine.connect() as connection:
        again = bytes(
            connection.execute(text("SELECT content FROM messages WHERE id = :i"), {"i": mid}).scalar_one()
        )
    assert again[5:17] != blob[5:17]  # a fresh nonce for every write


def test_swapped_ciphertexts_fail_instead_of_showing_the_wrong_text(store: TranscriptStore) -> None:
    a = new_conversation(store)
    ma = store.add_message(a, role="user", content="Alice's address: 1 Main St")
    b = new_conversation(store)
    mb = store.add_message(b, role="user", content="Bob's card ends 4242")
    with store.engine.begin() as connection:
        blob_a = connection.execute(
            text("SELECT content FROM messages WHERE id = :i"), {"i": ma}
        ).scalar_one()
        connection.execute(text("UPDATE messages SET content = :c WHERE id = :i"), {"c": blob_a, "i": mb})
    with pytest.raises(KeyMismatchError, match="altered or moved"):
        store.get_conversation(b)
    assert store.get_conversation(a).messages[0].content == "Alice's address: 1 Main St"


def test_the_encrypted_column_refuses_plaintext(store: TranscriptStore) -> None:
    cid = new_conversation(store)
    with pytest.raises(StatementError) as caught, store._sessions.begin() as session:
        session.add(Message(id="m1", conversation_id=cid, role="user", content="plain!", status="complete"))
    assert isinstance(caught.value.orig, StoreError)
    assert "refusing to store a str in an encrypted column" in str(caught.value)
    assert "plain!" not in str(caught.value)  # parameters are hidden from error messages
    with pytest.raises(StoreError, match="refusing to store a str"), store._session("save") as session:
        session.add(Message(id="m2", conversation_id=cid, role="user", content="plain!", status="complete"))
    assert store.get_conversation(cid).messages == []


# ------------------------------------------------------------------ keys at open


def test_a_key_that_cannot_decrypt_refuses_to_open_and_changes_nothing(
    open_store: Callable[..., TranscriptStore], db_url: str
) -> None:
    store = open_store()
    cid = new_conversation(store)
    for i in range(3):
        store.add_message(cid, role="user", content=f"secret {i}")
    store.add_message(cid, role="assistant", content="half", status="streaming")
    store.close()
    with pytest.raises(KeyMismatchError) as caught:
        open_store(db_url, Keyring({1: os.urandom(32)}, "/data/secret.key"))
    message = str(caught.value)
    assert "The key in /data/secret.key cannot decrypt the 4 existing messages" in message
    assert "Restore the right key" in message and "Nothing was changed" in message
    with pytest.raises(KeyMismatchError, match="key id 1"):
        open_store(db_url, make_keyring(key_id=2))  # a keyring lacking the key id in use
    engine = create_engine(db_url)
    with engine.connect() as connection:
        statuses = connection.execute(text("SELECT status FROM messages ORDER BY id")).scalars().all()
    engine.dispose()
    assert statuses[-1] == "streaming"  # crash recovery did not run: nothing changed
    assert open_store().get_conversation(cid).messages[-1].status == "interrupted"


def test_open_without_migrate_refuses_an_old_schema(tmp_path: Path, keyring: Keyring) -> None:
    with pytest.raises(StoreError, match=r"python app\.py db upgrade"):
        TranscriptStore.open(f"sqlite:///{tmp_path / 'x.db'}", keyring, migrate=False)


# ------------------------------------------------------------------ failures


def test_full_disk_raises_store_error_and_keeps_earlier_rows(tmp_path: Path, keyring: Keyring) -> None:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    store = TranscriptStore.open(url, keyring)
    cid = new_conversation(store)
    store.add_message(cid, role="user", content="saved before the disk filled")
    store.engine.dispose()  # new connections get the limit below

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow at all
        cursor.close()

    big = "x" * 50_000  # the caller's text; it must not be lost by the store
    with pytest.raises(StoreError, match="disk is full") as caught:
        for _ in range(20):
            store.add_message(cid, role="assistant", content=big)
    assert str(caught.value).startswith("Could not save the message:")
    assert big == "x" * 50_000
    store.close()
    reopened = TranscriptStore.open(url, keyring)
    contents = [m.content for m in reopened.get_conversation(cid).messages]
    assert contents[0] == "saved before the disk filled"
    assert all(c == big for c in contents[1:])  # no half-written rows
    reopened.close()


def test_unreachable_database_is_a_store_error(keyring: Keyring) -> None:
    with pytest.raises(StoreError, match="Could not open the transcript database") as caught:
        TranscriptStore.open("postgresql+psycopg://u:secretpw@127.0.0.1:9/none", keyring)
    assert "secretpw" not in str(caught.value)  # the URL's password never reaches a message


def test_ping_and_concurrent_writers(store: TranscriptStore) -> None:
    store.ping()
    cid = new_conversation(store)

    def writer(n: int) -> None:
        for i in range(10):
            store.add_message(cid, role="user", content=f"thread {n} message {i}")

    in_threads(writer, 4)
    contents = [m.content for m in store.get_conversation(cid).messages]
    assert sorted(contents) == sorted(f"thread {n} message {i}" for n in range(4) for i in range(10))
    for n in range(4):  # each thread's messages keep their order
        own = [c for c in contents if c.startswith(f"thread {n} ")]
        assert own == [f"thread {n} message {i}" for i in range(10)]


def test_one_of_many_claims_a_message_left_unanswered(store: TranscriptStore) -> None:
    """Pages (two tabs, two replicas) loading at once claim the answer to a message stored
    unanswered: exactly one gets it; a lapsed claim can be taken again; a message without
    the mark, a reply or an unknown id cannot be claimed."""
    cid = new_conversation(store)
    waiting = store.add_message(cid, role="user", content="Where is it?", meta={"unanswered": "page_closed"})
    got: list[bool] = []
    in_threads(lambda n: got.append(store.claim_unanswered(waiting, for_s=60)), 8)
    assert sorted(got) == [False] * 7 + [True]
    assert store.claim_unanswered(waiting, for_s=60) is False
    assert store.claim_unanswered(waiting, for_s=0) is True  # lapsed
    message = store.get_conversation(cid).messages[-1]
    assert message.meta is not None and message.meta["unanswered"] == "page_closed"
    plain = store.add_message(cid, role="user", content="And now?")
    reply = store.add_message(cid, role="assistant", content="Soon.", meta={"unanswered": "page_closed"})
    assert not any(store.claim_unanswered(m, for_s=60) for m in (plain, reply, "0" * 32))


def test_eight_streaming_turns_at_once_lose_no_progress_save(
    store: TranscriptStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight conversations streaming at once, as eight customers do: every one-try progress
    save (patience 0, skipped when the database is busy) lands, and no write has to be
    retried. Before writes took one lock in the process and began IMMEDIATE, a save that
    read its row and then wrote after another thread's commit failed at once (SQLite's
    stale-snapshot busy), and about 6% of these saves were dropped."""
    import time

    from console.store.engine import DatabaseBusyError

    retries: list[float] = []
    sleep = time.sleep

    def counted_sleep(seconds: float) -> None:
        retries.append(seconds)
        sleep(seconds)

    monkeypatch.setattr("console.store.repository.time.sleep", counted_sleep)
    skipped: list[int] = []
    replies: dict[str, str] = {}

    def customer(n: int) -> None:
        for turn in range(6):
            cid = new_conversation(store)
            store.add_message(cid, role="user", content=f"customer {n} turn {turn}")
            mid = store.add_message(cid, role="assistant", content="", status="streaming")
            for part in range(1, 6):
                try:
                    with store.patience(0):
                        store.update_message(mid, content=f"reply {n}.{turn} " + "word " * part)
                except DatabaseBusyError:
                    skipped.append(part)
            store.update_message(mid, content=f"reply {n}.{turn} done", status="complete")
            replies[mid] = f"reply {n}.{turn} done"

    in_threads(customer, 8)
    assert skipped == [] and retries == []
    conversations = store.list_conversations(limit=100)
    assert len(conversations) == 48
    stored = {m.id: m for c in conversations for m in store.get_conversation(c.id).messages}
    assert all(stored[mid].content == text for mid, text in replies.items())
    assert all(stored[mid].status == "complete" for mid in replies)


def test_the_heartbeat_outlives_a_failing_beat_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import threading

    monkeypatch.setattr(replicas, "HEARTBEAT_S", 0.01)
    beats: list[int] = []
    done = threading.Event()

    def beat() -> None:
        beats.append(1)
        if len(beats) <= 3:
            raise (StoreError("The transcript database is locked.") if len(beats) % 2 else RuntimeError("x"))
        if len(beats) >= 5:
            done.set()

    heartbeat = replicas.Heartbeat(beat, name="test-heartbeat")
    with caplog.at_level("INFO", logger="console.store.replicas"):
        heartbeat.start()
        assert done.wait(10)
        heartbeat.stop()
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "could not note that this console runs: The transcript database is locked.",
        "noting that this console runs again",
    ]


def test_the_preview_is_the_first_message_the_customer_still_shows(store: TranscriptStore) -> None:
    """An earlier message edited and sent again is hidden from the customer (meta
    ``hidden_from_customer``); the list previewed the withdrawn question. On SQLite and on
    PostgreSQL (a JSON path in SQL)."""
    from console.store.records import HIDDEN

    cid = new_conversation(store)
    withdrawn = store.add_message(cid, role="user", content="What colours does the winter jacket come in?")
    store.add_message(cid, role="assistant", content="Black and red.")
    store.update_message(withdrawn, meta={HIDDEN: "edit"})
    store.add_message(cid, role="user", content="What colours does the rain jacket come in?", meta={"x": 1})
    assert store.list_conversations()[0].preview.startswith("What colours does the rain jacket")


def test_a_hand_back_leaves_the_customers_last_message_to_the_assistant(store: TranscriptStore) -> None:
    # The customer's last message shown, written to the person, is marked unanswered when she
    # hands back (or sets the conversation open) without answering it, so that the
    # customer's page answers it (console/ui/chat.py); nothing is marked when she answered
    # it, or resolved the conversation, or when it was the assistant's already
    from console.store.records import HANDED_BACK, HIDDEN, UNANSWERED

    def left(cid: str) -> list[str | None]:
        return [(m.meta or {}).get(UNANSWERED) for m in store.get_conversation(cid).messages]

    cid = new_conversation(store)
    store.add_message(cid, role="user", content="I want a person", language="en")
    store.transition(cid, "escalated", actor="customer", reason="asked")
    store.transition(cid, "taken", actor="maria")
    store.add_message(cid, role="agent", content="Maria here.", author="maria")
    question = store.add_message(cid, role="user", content="How do I return it?", language="en")
    retry = store.add_message(cid, role="user", content="Hello?", language="en")
    store.update_message(retry, meta={HIDDEN: "undo"})  # taken off the customer's screen
    store.transition(cid, "handed_back", actor="maria")
    assert left(cid) == [None, None, HANDED_BACK, None]
    assert store.claim_unanswered(question, for_s=30) and not store.claim_unanswered(question, for_s=30)
    store.add_message(cid, role="assistant", content="Send it back within 30 days.")

    # set open from the queue (the status menu), the customer's message after the handoff line
    queued = new_conversation(store)
    store.add_message(queued, role="user", content="Agent please", language="en")
    store.add_message(queued, role="assistant", content="A colleague will answer.")
    store.transition(queued, "escalated", actor="customer", reason="asked")
    store.add_message(queued, role="user", content="Still there?", language="en")
    store.transition(queued, "status", actor="maria", status="open")
    assert left(queued) == [None, None, HANDED_BACK]

    # answered by the person, or resolved, or already the assistant's: nothing marked
    for ending in ("answered", "resolved", "bot"):
        other = new_conversation(store)
        store.add_message(other, role="user", content="Where is it?", language="en")
        if ending != "bot":
            store.transition(other, "taken", actor="maria")
        if ending == "answered":
            store.add_message(other, role="agent", content="Tomorrow.", author="maria")
        store.transition(other, "resolved" if ending == "resolved" else "handed_back", actor="maria")
        assert set(left(other)) == {None}, ending
