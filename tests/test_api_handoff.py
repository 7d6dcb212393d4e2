"""A customer served through the API whose conversation goes to a person: the API says so
on every reply (``escalated``, ``handled_by``, ``person``), and the person's answers reach
the client through ``GET /v1/conversations/{id}``. Before, the API returned an empty reply
with status "complete" once a person had the conversation, and a person's answer never
reached an API customer at all. Played with the ``openai`` package and httpx against a
running console; the operator's side through the same pipeline calls the console's
Transcripts tab makes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend

KEY, OTHER_KEY = "widget-key-0001", "crm-key-0002"
REPLY = "Your parcel left our warehouse today and arrives within three days."


@pytest.fixture
def served(make_config: Any, launched: Any) -> Any:
    backend = ScriptedBackend(reply=lambda m: REPLY)
    app = launched(create_app(make_config(api_keys=(KEY, OTHER_KEY)), backend=backend))
    return app, backend


def ask(app: Any, text: str, conversation_id: str | None = None, key: str = KEY) -> Any:
    client = openai.OpenAI(base_url=app.local_url.rstrip("/") + "/v1", api_key=key, max_retries=0)
    return client.chat.completions.create(
        model="support/ecommerce",
        messages=[{"role": "user", "content": text}],
        extra_body={"conversation_id": conversation_id},
    )


def read(app: Any, conversation_id: str, key: str | None = KEY, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    url = app.local_url.rstrip("/") + f"/v1/conversations/{conversation_id}"
    return httpx.get(url, headers=headers, params=params)


def test_an_api_customer_handed_to_a_person_is_told_and_reads_the_persons_answer(served: Any) -> None:
    app, backend = served
    first = ask(app, "Where is my parcel?")
    extra = first.model_extra or {}
    cid = extra["conversation_id"]
    assert extra["handled_by"] == "assistant" and extra["escalated"] is None and extra["person"] is None

    # the customer asks for a person: the persona's hand-over line, and the API says why
    handed = ask(app, "I want to talk to a human, please", cid)
    persona, _ = app.pipeline.personas.persona("ecommerce", "en")
    assert handed.choices[0].message.content == persona.escalation
    assert handed.model_extra["escalated"] == "human" and handed.model_extra["handled_by"] == "queue"

    # writing again while waiting: no model answer, and the API says a person is awaited
    calls = len(backend.answers)
    waiting = ask(app, "Hello? Anyone there?", cid)
    assert waiting.choices[0].message.content == "" and len(backend.answers) == calls
    assert waiting.model_extra["handled_by"] == "queue" and waiting.model_extra["escalated"] is None

    # maria takes it in the Transcripts tab and answers
    seen = read(app, cid).json()
    last_seen = seen["messages"][-1]["id"]
    app.pipeline.agent_reply(cid, "Hi, I am Maria. Your parcel is in Lyon and arrives tomorrow.", "maria")
    after = read(app, cid, after=last_seen)
    assert after.status_code == 200, after.text
    body = after.json()
    assert body["handled_by"] == "person" and body["person"] == "maria" and body["status"] == "escalated"
    assert [(m["role"], m["author"]) for m in body["messages"]] == [("agent", "maria")]
    assert body["messages"][0]["content"].endswith("arrives tomorrow.")

    # the whole conversation reads as the store holds it, in order
    whole = read(app, cid).json()
    stored = app.store.get_conversation(cid).messages
    assert [(m["id"], m["role"], m["content"]) for m in whole["messages"]] == [
        (m.id, m.role, m.content) for m in stored
    ]
    # the next message goes to maria, and the reply says she answers
    again = ask(app, "Thank you Maria", cid)
    assert again.choices[0].message.content == "" and len(backend.answers) == calls
    assert again.model_extra["handled_by"] == "person" and again.model_extra["person"] == "maria"

    # handed back: the assistant answers again, and says so
    app.store.transition(cid, "handed_back", actor="maria")
    back = ask(app, "One more question about returns", cid)
    assert back.choices[0].message.content == REPLY and back.model_extra["handled_by"] == "assistant"


def test_the_streamed_reply_says_who_answers_in_its_last_chunk(served: Any) -> None:
    app, _ = served
    response = httpx.post(
        app.local_url.rstrip("/") + "/v1/chat/completions",
        json={
            "model": "support",
            "stream": True,
            "messages": [{"role": "user", "content": "I want to talk to a human, please"}],
        },
        headers={"Authorization": f"Bearer {KEY}"},
    )
    events = [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: {")]
    last = events[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["escalated"] == "human" and last["handled_by"] == "queue" and last["person"] is None


def test_only_the_key_that_started_a_conversation_reads_it(served: Any) -> None:
    app, _ = served
    cid = (ask(app, "Where is my parcel?").model_extra or {})["conversation_id"]
    ui_cid = app.store.create_conversation(
        language="en", business_line="general", model="m", backend="b", params={}, owner="ui"
    )
    assert read(app, cid).status_code == 200
    refused = [
        read(app, cid, key=OTHER_KEY),  # another tenant's key
        read(app, ui_cid),  # a chat page's conversation
        read(app, "0190aaaa-0000-7000-8000-000000000000"),  # no such conversation
    ]
    # the same answer for each: ids cannot be probed
    assert {(r.status_code, r.json()["error"]["type"]) for r in refused} == {(404, "not_found_error")}
    assert len({r.json()["error"]["message"] for r in refused}) == 1
    assert read(app, cid, key=None).status_code == 401
    assert read(app, cid, key="wrong").status_code == 401
    bad = read(app, "../../etc/passwd")
    assert bad.status_code in (400, 404) and "etc" not in bad.text
    wrong_after = read(app, cid, after="not-a-message")
    assert wrong_after.status_code == 400 and wrong_after.json()["error"]["param"] == "after"
    app.store.delete_conversation(cid)
    assert read(app, cid).status_code == 404  # erased: gone for its owner too


@pytest.mark.browser
def test_an_api_customer_and_an_operator_in_chromium(make_config: Any, launched: Any) -> None:
    """The whole scenario with its two people: the customer through the API (a website's chat
    widget), maria in Chromium, signed in. She finds the conversation in the queue, takes it
    and answers; the widget learns who answers and reads her answer; the store holds what
    both saw."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, wait_for
    from tests.test_day_one import OPERATOR, open_listed, open_page

    backend = ScriptedBackend(reply=lambda m: REPLY)
    config = make_config(
        api_keys=(KEY,), auth=(OPERATOR,), operators=(OPERATOR[0],), business_line="ecommerce"
    )
    app = launched(create_app(config, backend=backend))
    cid = (ask(app, "Where is my parcel 4711?").model_extra or {})["conversation_id"]
    handed = ask(app, "I want to talk to a human, please", cid)
    assert handed.model_extra["handled_by"] == "queue"
    ask(app, "It was a birthday present", cid)
    last_seen = read(app, cid).json()["messages"][-1]["id"]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        operator = open_page(browser, app.local_url, OPERATOR)
        viewer = open_listed(
            operator, "#escalation-queue", "Where is my parcel 4711", listed="asked for a person"
        )
        wait_for(lambda: "birthday present" in viewer.inner_text(), what="the conversation opened")
        operator.locator("#take").click()
        wait_for(lambda: read(app, cid).json()["handled_by"] == "person", what="taken, as the API says")
        assert read(app, cid).json()["person"] == OPERATOR[0]
        operator.locator("#agent-text textarea").fill("Hi, I am Maria. Your parcel arrives tomorrow.")
        operator.locator("#agent-send").click()
        wait_for(
            lambda: read(app, cid, after=last_seen).json()["messages"] != [],
            what="her answer, read by the widget",
        )
        new = read(app, cid, after=last_seen).json()["messages"]
        assert [(m["role"], m["author"], m["content"]) for m in new] == [
            ("agent", OPERATOR[0], "Hi, I am Maria. Your parcel arrives tomorrow.")
        ]
        # what the widget read is what maria's screen shows and the store holds (her view
        # draws her answer when it comes back from the store: waited for, under load)
        wait_for(lambda: "Your parcel arrives tomorrow" in viewer.inner_text(), what="her answer in her view")
        shown = viewer.inner_text()
        stored = app.store.get_conversation(cid).messages
        for message in read(app, cid).json()["messages"]:
            assert message["content"][:30] in shown, f"{message['role']} missing on maria's screen"
        assert [m["id"] for m in read(app, cid).json()["messages"]] == [m.id for m in stored]
        assert len(backend.answers) == 1  # the model answered the first message only
        browser.close()


def _stream(app: Any, text: str) -> list[dict[str, Any]]:
    response = httpx.post(
        app.local_url.rstrip("/") + "/v1/chat/completions",
        json={"stream": True, "messages": [{"role": "user", "content": text}]},
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=60,
    )
    return [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: {")]


def test_a_reply_in_another_language_never_reaches_a_streaming_client(
    make_config: Any, launched: Any
) -> None:
    """A German customer's reply drifts into English twice: nothing of the English is sent
    (a reply's text is held until its language is confirmed), the hand-over line comes as
    an ordinary delta, and the last chunk says the conversation waits for a person."""
    english = "Thank you for your message. Your parcel left our warehouse yesterday and arrives soon. " * 2
    backend = ScriptedBackend(reply=lambda m: english, delay=0.01)
    app = launched(create_app(make_config(api_keys=(KEY,)), backend=backend))
    events = _stream(app, "Hallo, wo ist mein Paket? Es ist seit einer Woche unterwegs.")
    persona, _ = app.pipeline.personas.persona("general", "de")
    sent = "".join(e["choices"][0]["delta"].get("content", "") for e in events if e["choices"])
    assert sent == persona.escalation and len(backend.answers) == 2
    assert not any(e.get("replaces") for e in events)
    assert events[-1]["handled_by"] == "queue" and events[-1]["escalated"] == "model_unsure"


def test_a_streamed_reply_that_is_replaced_says_so(make_config: Any, launched: Any) -> None:
    """Text already sent cannot be taken back from a client that only appends: when a
    blocked term replaces a reply with the persona's refusal, the refusal comes after a
    blank line in a chunk marked "replaces" (a client clears the bubble)."""
    reply = "Of course, I can look into your order straight away for you. " * 3 + "This shit is late."
    app = launched(
        create_app(make_config(api_keys=(KEY,)), backend=ScriptedBackend(reply=lambda m: reply, delay=0.01))
    )
    events = _stream(app, "Where is my order? It is three days late.")
    persona, _ = app.pipeline.personas.persona("general", "en")
    marked = [e for e in events if e.get("replaces")]
    assert len(marked) == 1 and marked[0]["choices"][0]["delta"]["content"] == "\n\n" + persona.refusal
    before = "".join(
        e["choices"][0]["delta"].get("content", "") for e in events[: events.index(marked[0])] if e["choices"]
    )
    assert before.startswith("Of course, I can look") and "shit" not in before
    assert events[-1]["handled_by"] == "assistant"


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_an_answered_turn_reaches_the_client_when_the_owner_cannot_be_read(
    make_config: Any, launched: Any, monkeypatch: pytest.MonkeyPatch, stream: bool
) -> None:
    """The PostgreSQL restart test caught a 500 (and a stream would have broken off): the
    turn was answered and stored, then reading who answers the conversation failed. The
    answer is the client's all the same (a 503 would make it send the turn again); who
    answers is then what the turn itself left."""
    from console.errors import StoreError

    written: list[bool] = []

    def reply(messages: Any) -> str:
        written.append(True)  # from here on the database is gone for ownership reads
        return REPLY

    app = launched(create_app(make_config(api_keys=(KEY,)), backend=ScriptedBackend(reply=reply)))
    ownership = app.store.ownership

    def unreachable_after_the_answer(conversation_id: str) -> Any:
        if written:
            raise StoreError("Could not read the conversation: cannot reach the database.")
        return ownership(conversation_id)

    monkeypatch.setattr(app.store, "ownership", unreachable_after_the_answer)
    client = openai.OpenAI(base_url=app.local_url.rstrip("/") + "/v1", api_key=KEY, max_retries=0)
    question: Any = [{"role": "user", "content": "Where is my parcel?"}]
    if stream:
        streamed = client.chat.completions.create(model="support/ecommerce", messages=question, stream=True)
        chunks: list[Any] = list(streamed)
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == REPLY
        assert chunks[-1].model_extra["handled_by"] == "assistant"
    else:
        answered = client.chat.completions.create(model="support/ecommerce", messages=question)
        assert answered.choices[0].message.content == REPLY
        assert (answered.model_extra or {})["handled_by"] == "assistant"
    assert written
