"""A person's reply and the customer's message crossing: the customer's screen keeps the
order the store keeps (and every other screen and a reload show). Found by an outside
tester: the customer's own message was drawn at once, the person's came with the next 1 s
poll, below it; a reload then put them the other way round."""

from __future__ import annotations

from collections.abc import Callable

from console.ui.state import ChatState
from tests.test_erasure import _say
from tests.test_resume import _Console, console  # noqa: F401  (fixture)


def _roles_and_texts(state: ChatState) -> list[tuple[str, str]]:
    return [(t.role, t.text) for t in state.turns]


def test_a_persons_reply_crossing_the_customers_message_shows_in_the_stores_order(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state = ChatState()
    _say(c, state, "Hello, my parcel 4711 is late")
    conversation = state.conversation_id
    assert conversation is not None
    c.app.pipeline.agent_reply(conversation, "Maria here, I am on it.", author="maria")
    shown = c.chat.poll(state)
    assert shown is not None and _roles_and_texts(state)[-1] == ("agent", "Maria here, I am on it.")

    # the customer presses Send (taken: on the screen at once, not yet stored) and the
    # person's next reply is stored before the customer's message is
    c.chat.take("Is it in Lyon?", state, "auto", None, c.request)
    c.app.pipeline.agent_reply(conversation, "It is in Lyon, arriving tomorrow.", author="maria")
    c.chat.poll(state)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    # and once more the other way: the customer's message stored, the person's after it
    c.chat.take("Thank you!", state, "auto", None, c.request)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    c.app.pipeline.agent_reply(conversation, "You are welcome.", author="maria")
    c.chat.poll(state)

    record = c.store.get_conversation(conversation)
    stored = [(m.role, m.content) for m in record.messages]
    assert stored == [
        ("user", "Hello, my parcel 4711 is late"),
        ("assistant", "Noted."),
        ("agent", "Maria here, I am on it."),
        ("agent", "It is in Lyon, arriving tomorrow."),
        ("user", "Is it in Lyon?"),
        ("user", "Thank you!"),
        ("agent", "You are welcome."),
    ]
    assert _roles_and_texts(state) == stored
    assert not any(t.queued for t in state.turns)
