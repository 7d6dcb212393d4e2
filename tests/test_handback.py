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


def _echo(messages: list[dict[str, str]]) -> str:
    """The scripted assistant's answer names the message it answers (the prompt wraps it)."""
    return f"Réponse à « {messages[-1]['content'].splitlines()[1]} »"


def _answered(c: _Console, state: ChatState) -> list[str]:
    """What the assistant's drain says when the page's timer raised ``answer_due``."""
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    return [t.text for t in state.turns if t.role == "assistant"]


def _waiting_for_maria(c: _Console, state: ChatState) -> str:
    """A French conversation maria took and answered; the customer then wrote again."""
    state.enqueue("Je veux parler à un conseiller", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    cid = state.conversation_id
    assert cid is not None
    c.store.transition(cid, "taken", actor="maria")
    c.store.add_message(cid, role="agent", content="Bonjour, ici Maria.", author="maria")
    c.chat.poll(state)
    state.enqueue("Et pour le retour, je fais comment ?", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))  # held for maria
    c.chat.poll(state)
    assert [t.role for t in state.turns] == ["user", "assistant", "agent", "user"]
    return cid


def test_a_message_left_for_the_person_is_answered_by_the_assistant_when_she_hands_back(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    # Before, maria's Hand back left the customer's last message, written to her, with no
    # answer at all: the assistant answers only what is sent after the hand-back, and the
    # customer waited for an answer that nobody was going to write (an outside tester)
    c = console(_echo)
    state = ChatState(ui_language="fr")
    cid = _waiting_for_maria(c, state)
    c.store.transition(cid, "handed_back", actor="maria")
    out = c.chat.poll(state)
    assert out is not None and out["answer_due"] == 1  # the page's timer asks for the answer
    assert _answered(c, state)[-1] == "Réponse à « Et pour le retour, je fais comment ? »"
    stored = c.store.get_conversation(cid)
    assert [m.role for m in stored.messages] == ["user", "assistant", "agent", "user", "assistant"]
    # once: the next polls, this page's or another tab's, take nothing up again
    assert "answer_due" not in (c.chat.poll(state) or {})
    other = ChatState(ui_language="fr")
    token = c.tokens.issue(cid, None)
    c.chat.come_back(other, token, c.request)
    assert not any(t.queued for t in other.turns)


def test_a_page_closed_before_the_hand_back_gets_the_answer_when_it_comes_back(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(_echo)
    state = ChatState(ui_language="fr")
    cid = _waiting_for_maria(c, state)
    token = c.tokens.issue(cid, None)
    c.store.transition(cid, "handed_back", actor="maria")  # the customer's page is closed
    back = ChatState(ui_language="fr")
    c.chat.come_back(back, token, c.request)
    assert back.turns[-1].queued  # answered by the load's answer_on_return
    list(c.chat.answer_on_return(back, 0.7, 1.0, 64, "general", "auto", c.request))
    assert back.turns[-1].text == "Réponse à « Et pour le retour, je fais comment ? »"


def test_resolved_or_answered_before_the_hand_back_leaves_the_assistant_silent(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Réponse.")
    # resolved with the customer's last message unanswered: the person closed it (a
    # "merci, au revoir"); the assistant answers only if the customer writes again
    state = ChatState(ui_language="fr")
    cid = _waiting_for_maria(c, state)
    c.store.transition(cid, "resolved", actor="maria")
    for _ in range(2):
        assert "answer_due" not in (c.chat.poll(state) or {})
    # answered by the person, then handed back: nothing is left to answer
    second = ChatState(ui_language="fr")
    cid = _waiting_for_maria(c, second)
    c.store.add_message(cid, role="agent", content="Le bon est dans votre e-mail.", author="maria")
    c.store.transition(cid, "handed_back", actor="maria")
    for _ in range(2):
        assert "answer_due" not in (c.chat.poll(second) or {})
    assert [m.role for m in c.store.get_conversation(cid).messages][-1] == "agent"
