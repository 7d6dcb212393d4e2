"""What the customer's page says once a person of the team lets go of the conversation:
handed back to the assistant, or resolved. Before, the "who answers" line just went blank,
and a customer who had been talking to Maria took the assistant's next answers for hers
(her bubbles carry her name, the assistant's none). The browser plays it in
tests/test_handback_browser.py."""

from __future__ import annotations

from collections.abc import Callable

from console.ui.labels import labels
from console.ui.state import ChatState
from tests.test_resume import _Console, console  # noqa: F401  (fixture)
from tests.test_store import new_conversation

FR = labels("fr")


def _banner(c: _Console, state: ChatState) -> str:
    """The banner after one poll (the poll sends it only when it changed)."""
    c.chat.poll(state)
    return state.banner


def test_handed_back_and_resolved_are_said_in_the_customers_language(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Je m'en occupe.")
    state = ChatState(ui_language="fr")
    state.enqueue("Je veux parler à un conseiller", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    cid = state.conversation_id
    assert cid is not None and c.store.ownership(cid)[1] == "queue"
    assert not _banner(c, state).startswith(("🤖", "✅"))  # waiting for a person

    c.store.transition(cid, "taken", actor="maria")
    c.store.add_message(cid, role="agent", content="Bonjour, ici Maria.", author="maria")
    assert "maria" in _banner(c, state)

    # handed back: the assistant answers from here on, and the page says so, naming the
    # button (in French) that brings a person back
    c.store.transition(cid, "handed_back", actor="maria")
    again = _banner(c, state)
    assert again == "🤖 " + FR["banner_assistant_again"].format(button=FR["talk_to_human"])
    assert "assistant IA" in again and "« Parler à un conseiller »" in again
    # ... and it stays while the assistant answers the next messages
    state.enqueue("Merci, et pour le retour ?", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    assert _banner(c, state) == again

    # resolved: the customer may still write, and is told who will answer
    c.store.transition(cid, "resolved", actor="maria")
    resolved = _banner(c, state)
    assert resolved.startswith("✅ ") and "résolue" in resolved and "Parler à un conseiller" in resolved

    # a page that comes back to it (a reload) says the same
    token = c.tokens.issue(cid, None)
    assert token is not None
    reloaded = ChatState(ui_language="fr")
    shown = c.chat.come_back(reloaded, token, c.request)
    assert shown["banner"] == resolved

    # writing again reopens it for the assistant: the page says who answers
    c.store.transition(cid, "reopened", actor="customer")
    assert _banner(c, state) == again

    # a new conversation on the same page starts without it
    state.reset()
    c.chat.poll(state)
    assert state.banner == ""


def test_a_person_who_took_it_and_let_go_between_two_polls_is_still_said(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state = ChatState(ui_language="de")
    state.enqueue("Wo ist mein Paket?", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    cid = state.conversation_id
    assert cid is not None and _banner(c, state) == ""
    # within one second: taken, answered, handed back; the page sees only the message
    c.store.transition(cid, "taken", actor="maria")
    c.store.add_message(cid, role="agent", content="Maria hier: es kommt morgen.", author="maria")
    c.store.transition(cid, "handed_back", actor="maria")
    assert _banner(c, state).startswith("🤖 ")
    assert "„Mit einem Menschen sprechen“" in state.banner


def test_a_conversation_no_person_had_says_nothing_when_resolved(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    # an operator tidying up resolves a conversation the assistant answered alone: nothing
    # about a person to tell the customer
    c = console(lambda m: "Noted.")
    state = ChatState(ui_language="en")
    state.enqueue("Where is my parcel?", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    cid = state.conversation_id
    assert cid is not None
    c.store.transition(cid, "resolved", actor="maria")
    assert _banner(c, state) == ""
    # a page coming back to a stored conversation a person answered says so at once
    other = new_conversation(c.store, owner="ui")
    c.store.add_message(other, role="user", content="Hello", language="en")
    c.store.add_message(other, role="agent", content="Maria here.", author="maria")
    token = c.tokens.issue(other, None)
    assert token is not None
    reloaded = ChatState(ui_language="en")
    assert c.chat.come_back(reloaded, token, c.request)["banner"].startswith("🤖 You are talking to our AI")
