"""Who answers a conversation: the assistant, the queue, or a named person; and who may
continue it. Through the real pipeline and a real SQLite file, with the scripted backend
(which records every call, so "the model stayed silent" is checked, not assumed)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from console.guard import EscalationRules
from console.options import GenerationOptions
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Guardrails, Pipeline, TurnRequest, TurnUpdate
from console.store import TranscriptStore, load_keyring
from tests.fakes import ScriptedBackend

OPTIONS = GenerationOptions(temperature=0.0, max_new_tokens=50)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    store = TranscriptStore.open(f"sqlite:///{tmp_path / 'db.sqlite'}", load_keyring(tmp_path, environ={}))
    yield store
    store.close()


@pytest.fixture
def backend() -> ScriptedBackend:
    return ScriptedBackend(reply=lambda messages: "The bot answers.")


@pytest.fixture
def pipeline(backend: ScriptedBackend, store: Any) -> Pipeline:
    guard = Guardrails(escalation=EscalationRules.load())
    return Pipeline(backend, PersonaLibrary(default_prompts_dir()), store, guard=guard)


def turn(pipeline: Pipeline, text: str, conversation_id: str | None = None, **kw: Any) -> TurnUpdate:
    request = TurnRequest(text=text, options=OPTIONS, conversation_id=conversation_id, **kw)
    return list(pipeline.stream_turn(request))[-1]


def test_the_model_is_silent_while_the_conversation_waits_for_or_belongs_to_a_person(
    pipeline: Pipeline, backend: ScriptedBackend, store: TranscriptStore
) -> None:
    first = turn(pipeline, "Hello, my parcel is late")
    cid = first.conversation_id
    assert cid is not None and first.reply == "The bot answers." and len(backend.calls) == 1

    handoff = turn(pipeline, "I want to talk to a person", cid)
    assert handoff.escalated == "human" and len(backend.calls) == 1
    assert store.ownership(cid) == ("escalated", "queue", None)

    waiting = turn(pipeline, "Are you there?", cid)
    assert waiting.held_for == "queue" and waiting.reply == "" and len(backend.calls) == 1

    pipeline.agent_reply(cid, "Hi, I am Maria and I will help you.", author="maria")
    assert store.ownership(cid) == ("escalated", "person", "maria")
    thanks = turn(pipeline, "Thanks Maria", cid)
    assert thanks.held_for == "person" and thanks.reply == "" and len(backend.calls) == 1

    store.transition(cid, "handed_back", actor="maria")
    back = turn(pipeline, "One more question about returns", cid)
    assert back.reply == "The bot answers." and len(backend.calls) == 2

    record = store.get_conversation(cid)
    assert [(m.role, m.content) for m in record.messages] == [
        ("user", "Hello, my parcel is late"),
        ("assistant", "The bot answers."),
        ("user", "I want to talk to a person"),
        ("assistant", handoff.reply),
        ("user", "Are you there?"),
        ("agent", "Hi, I am Maria and I will help you."),
        ("user", "Thanks Maria"),
        ("user", "One more question about returns"),
        ("assistant", "The bot answers."),
    ]
    assert record.messages[5].author == "maria"
    assert [(e.actor, e.kind) for e in record.events] == [
        ("customer", "escalated"),
        ("maria", "taken"),
        ("maria", "handed_back"),
    ]
    assert record.events[0].detail == {"reason": "human"}


def test_a_regenerate_never_makes_the_model_talk_over_a_person(
    pipeline: Pipeline, backend: ScriptedBackend, store: TranscriptStore
) -> None:
    """Seen on the landed console: a Retry after an operator had taken the conversation
    made the model answer in it (the regenerate skipped the ownership check)."""
    first = turn(pipeline, "Hello, my parcel is late")
    cid = first.conversation_id
    assert cid is not None
    turn(pipeline, "I want to talk to a person", cid)
    pipeline.agent_reply(cid, "Maria here, I am checking.", author="maria")
    history = [
        {"role": m.role if m.role != "agent" else "assistant", "content": m.content}
        for m in store.get_conversation(cid).messages
    ][:-1]
    again = turn(pipeline, "I want to talk to a person", cid, regenerate=True, history=tuple(history[:-1]))
    assert again.held_for == "person" and again.reply == "" and len(backend.calls) == 1
    assert [m.role for m in store.get_conversation(cid).messages] == [
        "user",
        "assistant",
        "user",
        "assistant",
        "agent",
    ]


def test_the_first_escalation_reason_is_kept_and_later_ones_are_events(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    cid = turn(pipeline, "I want to talk to a person").conversation_id
    assert cid is not None
    store.transition(cid, "handed_back", actor="ana")
    store.transition(cid, "escalated", actor="bot", reason="model_unsure")
    record = store.get_conversation(cid)
    assert record.escalation_reason == "human"
    assert [e.detail for e in record.events if e.kind == "escalated"] == [
        {"reason": "human"},
        {"reason": "model_unsure"},
    ]
    assert record.escalated_at is not None and record.handler == "queue"


def test_a_resolved_conversation_is_reopened_for_the_assistant_when_the_customer_writes(
    pipeline: Pipeline, backend: ScriptedBackend, store: TranscriptStore
) -> None:
    cid = turn(pipeline, "I want to talk to a person").conversation_id
    assert cid is not None
    pipeline.agent_reply(cid, "Done, refunded.", author="ana")
    store.transition(cid, "resolved", actor="ana")
    again = turn(pipeline, "Hello again", cid)
    assert again.reply == "The bot answers." and len(backend.calls) == 1
    assert store.ownership(cid) == ("open", "bot", None)
    assert [e.kind for e in store.get_conversation(cid).events][-2:] == ["resolved", "reopened"]


def test_another_owners_conversation_id_starts_a_new_conversation_and_leaves_it_untouched(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    mine = turn(pipeline, "My e-mail is ana@example.com", owner="api:aaaa").conversation_id
    assert mine is not None
    before = [m.content for m in store.get_conversation(mine).messages]
    other = turn(pipeline, "[EMAIL_1] [EMAIL_1]", mine, owner="api:bbbb")
    assert other.conversation_id != mine
    assert "ana@example.com" not in other.reply
    assert [m.content for m in store.get_conversation(mine).messages] == before
    assert store.owner_of(str(other.conversation_id)) == "api:bbbb"
    # the owner itself continues its own conversation
    same = turn(pipeline, "thanks", mine, owner="api:aaaa")
    assert same.conversation_id == mine


def test_feedback_is_stored_encrypted_and_only_on_replies(pipeline: Pipeline, store: TranscriptStore) -> None:
    cid = turn(pipeline, "Hello").conversation_id
    assert cid is not None
    user, reply = store.get_conversation(cid).messages
    store.set_feedback(reply.id, -1, "It did not answer my question")
    stored = store.get_conversation(cid).messages[1]
    assert stored.feedback == -1 and stored.feedback_reason == "It did not answer my question"
    with store.engine.connect() as connection:
        raw = connection.exec_driver_sql(
            "SELECT feedback_reason FROM messages WHERE id = ?", (reply.id,)
        ).scalar()
    assert raw is not None  # set_feedback above stored a reason for this reply
    assert b"answer my question" not in raw
    from console.errors import InputError, StoreError

    with pytest.raises(StoreError):
        store.set_feedback(user.id, 1)
    with pytest.raises(InputError):
        store.set_feedback(reply.id, 5)


def test_messages_after_returns_only_newer_and_streaming_messages(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    cid = turn(pipeline, "Hello").conversation_id
    assert cid is not None
    messages = store.get_conversation(cid).messages
    assert store.messages_after(cid, None) == messages
    assert store.messages_after(cid, messages[-1].id) == []
    agent = pipeline.agent_reply(cid, "A person here.", author="ana")
    assert [m.id for m in store.messages_after(cid, messages[-1].id)] == [agent]


@pytest.mark.parametrize(
    ("raw", "streaming", "shown"),
    [
        ("<customer_message>\nHello! How can I help?", False, "Hello! How can I help?"),
        ("Sure.</customer_message>", False, "Sure."),
        ("<customer_mes", True, ""),
        ("Price <5 EUR", True, "Price <5 EUR"),
        ("a < b and <john.doe>", False, "a < b and <john.doe>"),
        # the knowledge block's tags, echoed by the bundled SmolLM2
        ("<knowledge>\nReturns are free within 30 days.", False, "Returns are free within 30 days."),
        ("Returns are free.\n</knowledge>", False, "Returns are free."),
        ("<knowl", True, ""),
        ("I <3 knowledge", True, "I <3 knowledge"),
        # a tag of the model's own wrapping the reply (the bundled SmolLM2: "<response_text>")
        ("<response_text>\nTo return shoes, open My orders.", True, "To return shoes, open My orders."),
        ("<service>\nReturns are free.\n</service>\n", False, "Returns are free."),
        ("<respo", True, ""),
        ("Returns are free.\n</serv", True, "Returns are free."),
        ("<b>Free</b> returns", True, "<b>Free</b> returns"),
        ("<3 thanks", True, "<3 thanks"),
        # not the first or last line, or inside fenced code: an HTML example stays as written
        ("Add this:\n<div>\n</div>\nto the page.", False, "Add this:\n<div>\n</div>\nto the page."),
        ("```html\n<div>\n</div>\n```", False, "```html\n<div>\n</div>\n```"),
        ("<service> Returns are free.", False, "<service> Returns are free."),
        # rewritten into other brackets, in bold or as code (an outside tester saw the bold
        # "[customer_message]" after a Retry)
        ("Só isso.\n\n**[customer_message]**\n\nNão", False, "Só isso.\n\nNão"),
        ("Só isso. **[custo", True, "Só isso. "),
        ("`<knowledge>` Returns are free.", False, "Returns are free."),
        ("{ /customer_message }", False, ""),
        ("See [1] and {x}; [5 EUR]", True, "See [1] and {x}; [5 EUR]"),
        ("Order [A-17", True, "Order [A-17"),
        # a plumbing tag of the model's own alone on a line mid-reply (an outside tester saw
        # "<custom_message>" between two paragraphs), not in fenced code, not inline
        ("Free.\n\n<custom_message>\n\nAnything else?", False, "Free.\n\nAnything else?"),
        ("Returns are free.\n  </reply_text>  \nBye", False, "Returns are free.\nBye"),
        ("Returns are free.\n<custom_mes", True, "Returns are free."),
        ("Returns are free.\n<b", True, "Returns are free."),
        ("Returns are free.\n<b>free</b>", True, "Returns are free.\n<b>free</b>"),
        ("```xml\n<custom_message>\n```\nas sent", False, "```xml\n<custom_message>\n```\nas sent"),
        ("~~~~\n```\n<custom_message>\n~~~~", False, "~~~~\n```\n<custom_message>\n~~~~"),
        ("```\ncode\n```\n<custom_message>\nBye", False, "```\ncode\n```\nBye"),
        ("Say <custom_message> to us", False, "Say <custom_message> to us"),
        # only tags named as the plumbing is: a placeholder or an XML example stays
        ("Text us:\n<ORDER_ID>\nand we reply.", False, "Text us:\n<ORDER_ID>\nand we reply."),
        (
            "In it:\n<config_file>\n<max_size>9</max_size>\nend",
            False,
            "In it:\n<config_file>\n<max_size>9</max_size>\nend",
        ),
        # the rest of the reply is left as written: code's blank lines, a fence in a list item,
        # a closing fence with a tab after it
        ("```py\na = 1\n\n\nb = 2\n```\n<custom_message>", False, "```py\na = 1\n\n\nb = 2\n```"),
        ("A\n\n\nB\n<custom_message>\nC", False, "A\n\n\nB\nC"),
        (
            "- Step:\n    ```xml\n    <custom_message>\n    ```\nDone",
            False,
            "- Step:\n    ```xml\n    <custom_message>\n    ```\nDone",
        ),
        ("```\ncode\n```\t\n<custom_message>\nBye", False, "```\ncode\n```\t\nBye"),
        ("```\ncode\n</reply_text>", False, "```\ncode\n</reply_text>"),  # unclosed code
        # a held line takes nothing shown before it
        ("Step 1: **Open My orders**\n<b", True, "Step 1: **Open My orders**"),
        (" Hello\n<b", True, " Hello"),
        ("x <3\n<3 y", True, "x <3\n<3 y"),
        # cut by the token limit inside an echo: the finished reply leaves the piece out
        ("<customer_message", False, ""),
        ("Sure. <knowl", False, "Sure."),
        ("Price <5", False, "Price <5"),
        ("a [cu", False, "a [cu"),
    ],
)
def test_delimiter_echoes_never_reach_the_customer(raw: str, streaming: bool, shown: str) -> None:
    from console.pipeline import without_delimiters

    assert without_delimiters(raw, streaming=streaming) == shown


@pytest.mark.parametrize(
    "raw",
    [
        "<response_text>\nYour parcel left the warehouse today.\n</response_text>",
        "<customer_message>\n<service>\nReturns are free within 30 days.\n</service>",
        "Returns are free within 30 days.\n</knowledge>\n</returns-refunds>",
        "Apenas isso.\n\n**[customer_message]**\n\nNão pudemos ajudar.",
        "Returns are free.\n\n<custom_message>\n\nAnything else?\n</custom_message>",
    ],
)
def test_a_wrapping_tag_never_shows_while_the_reply_streams(raw: str) -> None:
    """What the customer sees at every length of the stream is a prefix of the finished
    reply (nothing shown vanishes) and never holds a tag the finished reply leaves out."""
    from console.pipeline import without_delimiters

    final = without_delimiters(raw)
    assert "<" not in final and "customer_message" not in final
    shown = ""
    for end in range(1, len(raw) + 1):
        now = without_delimiters(raw[:end], streaming=True)
        assert final.startswith(now.rstrip()), (raw[:end], now)
        assert now.startswith(shown.rstrip()), (shown, now)
        shown = now


@pytest.mark.parametrize("seed", range(4))
def test_what_streams_only_grows_into_the_finished_reply(seed: int) -> None:
    """Replies mixing text, tag lines, markup, fences and brackets, streamed a character at a
    time: what is shown only grows, and is always the start of the finished reply (an
    outside reviewer's property check found bold marks and blank lines flickering when a
    held line was taken with the text before it)."""
    from console.pipeline import without_delimiters

    pieces = [
        "Hello", "Bye.", "\n", "\n", "\n\n", "<custom_message>", "</reply_text>", "<b>x</b>", "```",
        "~~~", "```py", "   ```", "    ```", "<3", "a < b", "x", "<div>", "`", "~", "<a_b", "_",
        " <custom_message> ", "<ab_cd>", "- ", "<ORDER_ID>", "\t", "**",
    ]  # fmt: skip
    rng = random.Random(seed)
    for _ in range(400):
        raw = "Hi " + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        final = without_delimiters(raw)
        shown = ""
        for end in range(1, len(raw) + 1):
            now = without_delimiters(raw[:end], streaming=True)
            assert final.startswith(now.rstrip()), (raw[:end], now, final)
            assert now.startswith(shown.rstrip()), (raw[:end], shown, now)
            shown = now


def test_a_wrapping_tag_is_stripped_from_the_stored_reply(store: TranscriptStore) -> None:
    wrapped = "<response_text>\nYour order ships today.\n</response_text>"
    backend = ScriptedBackend(reply=lambda messages: wrapped)
    pipeline = Pipeline(backend, PersonaLibrary(default_prompts_dir()), store, guard=Guardrails())
    update = turn(pipeline, "When does my order ship?")
    assert update.reply == "Your order ships today."
    assert (
        store.get_conversation(str(update.conversation_id)).messages[-1].content == "Your order ships today."
    )


def test_an_echoed_delimiter_is_stripped_from_the_stored_reply(store: TranscriptStore) -> None:
    backend = ScriptedBackend(reply=lambda messages: "<customer_message> Your order ships today.")
    pipeline = Pipeline(backend, PersonaLibrary(default_prompts_dir()), store, guard=Guardrails())
    update = turn(pipeline, "When does my order ship?")
    assert update.reply == "Your order ships today."
    assert (
        store.get_conversation(str(update.conversation_id)).messages[-1].content == "Your order ships today."
    )


def test_a_person_taking_over_stops_the_reply_being_written(store: TranscriptStore) -> None:
    """The model's reply, still streaming when an operator answers, stopped only at its own
    end: the bot went on talking after the person had taken the conversation. It stops at
    the person's first word, and what was written is kept, marked interrupted."""
    import threading
    import time

    words = " ".join(f"w{i}" for i in range(300))
    backend = ScriptedBackend(reply=lambda messages: words, delay=0.02)  # 300 words: 6 s
    pipeline = Pipeline(backend, PersonaLibrary(default_prompts_dir()), store, guard=Guardrails())
    cid = turn(pipeline, "Hello").conversation_id
    assert cid is not None
    updates: list[TurnUpdate] = []
    long = GenerationOptions(temperature=0.0, max_new_tokens=400)
    request = TurnRequest(text="Where is my parcel?", options=long, conversation_id=cid, session="cust")
    writer = threading.Thread(target=lambda: updates.extend(pipeline.stream_turn(request)))
    writer.start()
    deadline = time.monotonic() + 10
    while not any(u.reply for u in updates) and time.monotonic() < deadline:
        time.sleep(0.01)
    pipeline.agent_reply(cid, "Maria here, I have it from now.", author="maria")
    writer.join(10)
    assert not writer.is_alive()
    last = updates[-1]
    assert last.status == "interrupted" and 0 < len(last.reply.split()) < 300
    record = store.get_conversation(cid)
    assert [m.role for m in record.messages] == ["user", "assistant", "user", "assistant", "agent"]
    assert record.messages[3].content == last.reply and record.messages[3].status == "interrupted"


def test_an_operator_cannot_answer_in_a_conversation_a_colleague_answers(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    """maria answering after john took the conversation took it back silently, and both
    wrote to the customer. Refused now, naming john; nothing stored, nothing taken."""
    from console.errors import ConflictError

    cid = turn(pipeline, "I want to talk to a person").conversation_id
    assert cid is not None
    pipeline.agent_reply(cid, "Hi, John here.", author="john")  # from the queue: taken
    with pytest.raises(ConflictError) as refused:
        pipeline.agent_reply(cid, "Hi, Maria here.", author="maria")
    assert refused.value.holder == "john"
    record = store.get_conversation(cid)
    assert [m.content for m in record.messages if m.role == "agent"] == ["Hi, John here."]
    assert (record.handler, record.assignee) == ("person", "john")
    pipeline.agent_reply(cid, "Still John.", author="john")
    store.transition(cid, "taken", actor="maria", take_over=True)
    pipeline.agent_reply(cid, "Maria now.", author="maria")
    assert [m.author for m in store.get_conversation(cid).messages if m.role == "agent"] == [
        "john",
        "john",
        "maria",
    ]


def test_talk_to_a_person_again_leaves_the_person_and_the_queue_as_they_are(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    """Pressed while maria answered, "Talk to a person" sent the conversation back to the
    queue and wrote the assistant's handoff line into maria's conversation."""
    first = turn(pipeline, "Hello, where is my parcel?")
    cid = first.conversation_id
    assert cid is not None
    history: list[Any] = [{"role": "user", "content": "Hello, where is my parcel?"}]
    press = TurnRequest(text="", options=OPTIONS, conversation_id=cid, history=history)
    assert pipeline.request_human(press).escalated == "customer_request"
    again = pipeline.request_human(press)  # still waiting: no second line, no new event
    assert again.held_for == "queue" and again.reply == ""
    pipeline.agent_reply(cid, "Maria here.", author="maria")
    held = pipeline.request_human(press)
    assert held.held_for == "person" and held.reply == ""
    record = store.get_conversation(cid)
    assert (record.handler, record.assignee) == ("person", "maria")
    assert [m.role for m in record.messages] == ["user", "assistant", "assistant", "agent"]
    assert [e.kind for e in record.events] == ["escalated", "taken"]
    # another caller's conversation id is not escalated: a new conversation is
    foreign = pipeline.request_human(replace(press, owner="api:someone-else"))
    assert foreign.conversation_id != cid
    assert [e.kind for e in store.get_conversation(cid).events] == ["escalated", "taken"]


def test_a_wrapping_tag_is_not_read_as_the_replys_language(store: TranscriptStore) -> None:
    """An English tag name wrapping a German reply does not make it a drift: the reply is
    neither asked for again nor handed to a person, and shows without the tags."""
    german = "Ihr Paket ist heute losgeschickt worden und kommt morgen an."
    backend = ScriptedBackend(
        reply=lambda messages: f"<support_response_text>\n{german}\n</support_response_text>"
    )
    pipeline = Pipeline(backend, PersonaLibrary(default_prompts_dir()), store, guard=Guardrails())
    update = turn(pipeline, "Wann kommt meine Bestellung an?")
    assert update.reply == german and not update.language_retry and update.escalated is None
    assert len(backend.calls) == 1


@pytest.mark.parametrize(
    ("kind", "status"),
    [("handed_back", None), ("resolved", None), ("status", "open"), ("status", "escalated")],
)
def test_a_colleague_cannot_hand_back_resolve_or_requeue_a_conversation_by_accident(
    pipeline: Pipeline, store: TranscriptStore, kind: str, status: str | None
) -> None:
    """john pressing Hand back, Resolve or Set status on maria's conversation from a stale
    view told her customer the assistant answered again (or closed it) mid-conversation,
    and maria was not told. Refused now, naming her; done only when pressed on purpose
    (``take_over``), the event naming from whom; maria herself may."""
    from console.errors import ConflictError

    cid = turn(pipeline, "I want to talk to a person").conversation_id
    assert cid is not None
    pipeline.agent_reply(cid, "Hi, Maria here.", author="maria")
    with pytest.raises(ConflictError) as refused:
        store.transition(cid, kind, actor="john", status=status)
    assert refused.value.holder == "maria"
    assert store.ownership(cid)[1:] == ("person", "maria")
    store.transition(cid, kind, actor="john", status=status, take_over=True)
    assert store.ownership(cid)[1] != "person"
    last = store.get_conversation(cid).events[-1]
    assert (last.actor, last.kind, (last.detail or {}).get("from")) == ("john", kind, "maria")
    pipeline.agent_reply(cid, "Maria again.", author="maria")  # from the queue or the bot: taken
    store.transition(cid, kind, actor="maria", status=status)  # her own: no question
    assert store.ownership(cid)[1] != "person"


def test_a_confirmation_is_for_the_holding_it_was_given_for(
    pipeline: Pipeline, store: TranscriptStore
) -> None:
    """john's Resolve was refused naming maria; maria handed back and took the conversation
    again, and john's next single press resolved it without a word (an outside tester).
    A confirmation names the holding the refusal named: after the holder took it again it
    is refused anew, naming the new holding, which a press then confirms."""
    from console.errors import ConflictError

    cid = turn(pipeline, "I want to talk to a person").conversation_id
    assert cid is not None
    pipeline.agent_reply(cid, "Hi, Maria here.", author="maria")
    with pytest.raises(ConflictError) as first:
        store.transition(cid, "resolved", actor="john")
    holding = (first.value.holder, first.value.since)
    assert holding[0] == "maria" and holding[1] is not None
    store.transition(cid, "handed_back", actor="maria")
    store.transition(cid, "taken", actor="maria")
    with pytest.raises(ConflictError) as again:
        store.transition(cid, "resolved", actor="john", confirmed=holding)
    assert (again.value.holder, again.value.since) != holding
    assert store.ownership(cid)[1:] == ("person", "maria")
    store.transition(cid, "resolved", actor="john", confirmed=(again.value.holder, again.value.since))
    assert store.ownership(cid)[0] == "resolved"
