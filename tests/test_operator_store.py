"""The operator's tools in the store (revision 0005): tags, the internal note, and messages
kept in two languages, on SQLite and PostgreSQL, encrypted where they may quote a customer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.errors import InputError
from console.store import TranscriptStore, load_keyring
from console.store.repository import NotFoundError
from console.tags import normalize_tags
from tests.test_store import db_url, new_conversation  # noqa: F401  (fixture)


@pytest.fixture
def store(tmp_path: Path, db_url: str) -> Iterator[TranscriptStore]:  # noqa: F811
    opened = TranscriptStore.open(db_url, load_keyring(tmp_path / "data", {}))
    yield opened
    opened.close()


def test_tags_are_normalized_filterable_and_listed(store: TranscriptStore) -> None:
    first, second, third = (new_conversation(store) for _ in range(3))
    assert store.set_tags(first, "Refund, VIP ,返品、 late delivery, refund") == (
        "refund",
        "vip",
        "返品",
        "late-delivery",
    )
    store.set_tags(second, ["vip"])
    assert store.get_conversation(first).tags == ("late-delivery", "refund", "vip", "返品")
    assert {s.id for s in store.list_conversations(tag="vip")} == {first, second}
    assert [s.id for s in store.list_conversations(tag="返品")] == [first]
    assert store.list_conversations(tag="nothing") == []
    by_id = {s.id: s.tags for s in store.list_conversations()}
    assert by_id == {first: ("late-delivery", "refund", "vip", "返品"), second: ("vip",), third: ()}
    assert store.all_tags() == ["late-delivery", "refund", "vip", "返品"]
    store.set_tags(first, "")  # clearing
    assert store.get_conversation(first).tags == ()
    assert store.all_tags() == ["vip"]


@pytest.mark.parametrize(
    "bad",
    [
        "jane@example.com",
        "4111111111111111",
        "+49 30 1234 5678",
        "<script>",
        "a" * 33,
        ",".join(f"t{i}" for i in range(13)),
    ],
)
def test_a_bad_tag_changes_nothing(store: TranscriptStore, bad: str) -> None:
    conversation_id = new_conversation(store)
    store.set_tags(conversation_id, "keep")
    with pytest.raises(InputError) as info:
        store.set_tags(conversation_id, f"fine, {bad}")
    assert info.value.field == "tags"
    assert store.get_conversation(conversation_id).tags == ("keep",)


def test_tags_of_an_erased_conversation_go_with_it(store: TranscriptStore) -> None:
    conversation_id = new_conversation(store)
    store.set_tags(conversation_id, "vip")
    store.delete_conversation(conversation_id)
    assert store.all_tags() == []
    with pytest.raises(NotFoundError):
        store.set_tags(conversation_id, "vip")


def test_the_note_is_encrypted_and_signed(store: TranscriptStore, db_url: str) -> None:  # noqa: F811
    conversation_id = new_conversation(store)
    note = "Called back on Tuesday — customer prefers e-mail, order #A-10023"
    store.set_note(conversation_id, note, author="maria")
    record = store.get_conversation(conversation_id)
    assert (record.note, record.note_by) == (note, "maria") and record.note_at is not None
    assert "A-10023" not in repr(record)  # repr never shows text
    if db_url.startswith("sqlite"):
        raw = Path(db_url.removeprefix("sqlite:///")).read_bytes()
        assert b"A-10023" not in raw and b"prefers" not in raw
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as connection:
            (stored,) = connection.execute("SELECT note FROM conversations").fetchone()
        assert b"prefers" not in stored
    store.set_note(conversation_id, "  ", author="li")  # blank removes it
    record = store.get_conversation(conversation_id)
    assert (record.note, record.note_by, record.note_at) == (None, None, None)
    with pytest.raises(NotFoundError):
        store.set_note("no-such-id", "x", author="maria")


def test_messages_keep_two_languages(store: TranscriptStore) -> None:
    conversation_id = new_conversation(store, language="fr")
    asked = store.add_message(conversation_id, role="user", content="Où est ma commande ?", language="fr")
    store.set_translation(asked, "Where is my order?", "en")
    reply = store.add_message(
        conversation_id,
        role="agent",
        content="Votre commande part demain.",
        author="maria",
        translation="Your order ships tomorrow.",
        translation_language="en",
    )
    customer, agent = store.get_conversation(conversation_id).messages
    assert (customer.content, customer.translation, customer.translation_language) == (
        "Où est ma commande ?",
        "Where is my order?",
        "en",
    )
    assert (agent.id, agent.content, agent.translation, agent.translation_language) == (
        reply,
        "Votre commande part demain.",
        "Your order ships tomorrow.",
        "en",
    )
    with pytest.raises(NotFoundError):  # only customer messages get machine translations
        store.set_translation(reply, "x", "de")


def test_normalize_tags_reads_cjk_separators() -> None:
    assert normalize_tags("退款，加急、vip") == ("退款", "加急", "vip")
    assert normalize_tags(["  ", "Ünïcode Tag"]) == ("ünïcode-tag",)


def test_staff_exports_carry_tags_note_and_both_languages(store: TranscriptStore, tmp_path: Path) -> None:
    import csv
    import json

    from console.export import export_conversations
    from console.ui.customer_copy import customer_markdown
    from console.ui.labels import labels

    conversation_id = new_conversation(store, language="fr")
    asked = store.add_message(conversation_id, role="user", content="Où est ma commande ?", language="fr")
    store.set_translation(asked, "Where is my order?", "en")
    store.add_message(
        conversation_id,
        role="agent",
        content="Elle part demain.",
        author="maria",
        translation="It ships tomorrow.",
        translation_language="en",
    )
    store.set_tags(conversation_id, "vip, 返品")
    store.set_note(conversation_id, "Carrier called, parcel in Lyon", author="maria")
    record = store.get_conversation(conversation_id)

    data = json.loads(export_conversations([record], "json", tmp_path / "all.json").read_text("utf-8"))[0]
    assert (data["tags"], data["note"], data["note_by"]) == (
        ["vip", "返品"],
        "Carrier called, parcel in Lyon",
        "maria",
    )
    assert [(m["translation"], m["translation_language"]) for m in data["messages"]] == [
        ("Where is my order?", "en"),
        ("It ships tomorrow.", "en"),
    ]
    for fmt in ("markdown", "text"):
        written = export_conversations([record], fmt, tmp_path / f"all.{fmt}").read_text("utf-8")
        for expected in (
            "Carrier called",
            "vip, 返品",
            "Where is my order?",
            "It ships tomorrow.",
            "Elle part",
        ):
            assert expected in written, (fmt, expected)
    sheet = export_conversations([record], "csv", tmp_path / "list.csv").read_text("utf-8-sig")
    header, row = list(csv.reader(sheet.splitlines()))
    assert dict(zip(header, row, strict=True))["tags"] == "vip, 返品"

    # the customer's own download: what the customer saw, nothing of the team's
    mine = customer_markdown(record, labels("fr"))
    assert "Où est ma commande" in mine and "Elle part demain." in mine
    for private in (
        "Carrier called",
        "vip",
        "返品",
        "Where is my order?",
        "It ships tomorrow.",
        "Internal note",
    ):
        assert private not in mine, private


def test_line_and_language_reads_without_decrypting(store: TranscriptStore) -> None:
    """The canned-reply search asks on every key typed: one column read, no message opened."""
    cid = new_conversation(store, language="pt-BR", business_line="finance")
    store.add_message(cid, role="user", content="Olá")
    opened: list[object] = []
    real_open = store.keyring.open

    def counting_open(*a: Any, **k: Any) -> str:
        opened.append(a)
        return real_open(*a, **k)

    # a spy on this one keyring's method, put back below
    store.keyring.open = counting_open  # type: ignore[method-assign]
    try:
        assert store.line_and_language(cid) == ("finance", "pt-BR")
    finally:
        store.keyring.open = real_open  # type: ignore[method-assign]
    assert opened == []
    store.delete_conversation(cid)
    with pytest.raises(NotFoundError):
        store.line_and_language(cid)


def test_a_conversation_a_colleague_answers_is_taken_over_only_on_purpose(store: TranscriptStore) -> None:
    """Two operators on one conversation: a Take pressed on a stale view silently moved it
    from one to the other, and both answered the customer. Refused now, naming who has it;
    taking over is explicit and recorded with whom it was taken from."""
    from console.errors import ConflictError

    cid = new_conversation(store)
    store.transition(cid, "escalated", actor="customer", reason="human")
    store.transition(cid, "taken", actor="maria")
    with pytest.raises(ConflictError) as refused:
        store.transition(cid, "taken", actor="john")
    assert refused.value.holder == "maria"
    assert store.ownership(cid) == ("escalated", "person", "maria")
    store.transition(cid, "taken", actor="maria")  # pressing Take again on one's own: fine
    store.transition(cid, "taken", actor="john", take_over=True)
    assert store.ownership(cid) == ("escalated", "person", "john")
    events = store.get_conversation(cid).events
    assert [(e.actor, e.kind, e.detail) for e in events] == [
        ("customer", "escalated", {"reason": "human"}),
        ("maria", "taken", None),
        ("maria", "taken", None),
        ("john", "taken", {"from": "maria"}),
    ]
    # handed back, anyone may take it again without taking it over
    store.transition(cid, "handed_back", actor="john")
    store.transition(cid, "taken", actor="maria")
    assert store.ownership(cid)[2] == "maria"


def test_two_operators_pressing_take_at_once_get_one_owner(store: TranscriptStore) -> None:
    from console.errors import ConflictError
    from tests.conftest import in_threads

    cid = new_conversation(store)
    store.transition(cid, "escalated", actor="customer", reason="human")
    names = [f"op{n}" for n in range(6)]
    won: list[str] = []

    def take(n: int) -> None:
        try:
            store.transition(cid, "taken", actor=names[n])
            won.append(names[n])
        except ConflictError:
            pass

    in_threads(take, len(names))
    assert len(won) == 1, won
    assert store.ownership(cid)[2] == won[0]
    assert [e.actor for e in store.get_conversation(cid).events if e.kind == "taken"] == won


def test_the_customers_download_is_their_screen_in_their_words(store: TranscriptStore) -> None:
    """It was the team's Markdown export: English field names, the model and its parameters,
    the status code and the handoff reason ("legal"), and messages the customer had taken
    off the screen."""
    from console.ui.customer_copy import HIDDEN, customer_markdown
    from console.ui.labels import labels

    cid = new_conversation(store, language="ja", model="qwen2.5-7b-instruct-gptq", backend="openai")
    asked = "注文が届きません。電話は[PHONE_1]です\r\n```コード```"
    store.add_message(cid, role="user", content=asked, language="ja")
    store.add_message(cid, role="assistant", content="確認いたします。", status="stopped")
    store.add_message(cid, role="user", content="取り消した質問", meta={HIDDEN: "undo"})
    store.add_message(cid, role="assistant", content="取り消した回答", meta={HIDDEN: "undo"})
    store.add_message(cid, role="system", content="SYSTEM PROMPT TEXT")
    store.transition(cid, "escalated", actor="customer", reason="legal")
    store.transition(cid, "taken", actor="maria")
    store.add_message(
        cid,
        role="agent",
        content="明日お届けします。",
        author="maria",
        translation="It arrives tomorrow.",
        translation_language="en",
    )
    store.add_message(cid, role="assistant", content="途中まで", status="streaming")
    store.set_tags(cid, "vip")
    store.set_note(cid, "Lawyer letter received", author="maria")
    t = labels("ja")
    mine = customer_markdown(store.get_conversation(cid), t)

    assert mine.startswith(f"# {t['download_heading']}\n")
    assert t["download_masked"] in mine  # the placeholder is explained
    # every shown message, exactly (fenced longer than the backticks inside it), in order
    fence = "````"
    assert f"{fence}text\n{asked}\n{fence}" in mine
    shown = ["注文が届きません", "確認いたします。", "明日お届けします。", "途中まで"]
    assert [mine.index(text) for text in shown] == sorted(mine.index(text) for text in shown)
    assert f"**{t['you']}**" in mine and f"**🧑\u200d💼 maria · {t['support_team']}**" in mine
    assert f"_{t['note_stopped']}_" in mine and "途中まで" in mine  # a reply still being written:
    assert (
        mine.count(f"_{t['note_writing']}_") == 1 and t["note_interrupted"] not in mine
    )  # not "interrupted"
    for private in (
        "取り消した",  # taken off the screen by the customer
        "SYSTEM PROMPT",
        "qwen",
        "openai",
        "temperature",
        "legal",
        t["reason_legal"],
        "escalated",
        "vip",
        "Lawyer",
        "It arrives tomorrow.",
        "Conversation",
        "Model",
        "Status",
    ):
        assert private not in mine, private


def test_an_arabic_customers_download_keeps_times_and_names_in_their_own_direction(
    store: TranscriptStore,
) -> None:
    """Beside Arabic labels a plain "2026-12-05 09:42 UTC" shows as "09:42 2026-12-05 UTC"
    in a right-to-left reader; isolated, it reads as written. The messages are left as stored."""
    from console.ui.customer_copy import customer_markdown
    from console.ui.labels import labels

    cid = new_conversation(store, language="ar")
    store.add_message(cid, role="user", content="أين طلبي 4711؟")
    store.add_message(cid, role="agent", content="Your order ships today.", author="Maria (EU)")
    record = store.get_conversation(cid)
    stamp = record.messages[0].created_at.strftime("%Y-%m-%d %H:%M UTC")
    t = labels("ar")
    rtl = customer_markdown(record, t, right_to_left=True)
    assert f"**{t['you']}** · \u2068{stamp}\u2069" in rtl
    assert "\u2068Maria (EU)\u2069" in rtl
    for message in record.messages:  # each message fenced exactly as stored, no marks inside
        assert f"```text\n{message.content}\n```" in rtl
    ltr = customer_markdown(record, labels("en"))
    assert "\u2068" not in ltr and "\u2069" not in ltr and f"**You** · {stamp}" in ltr
