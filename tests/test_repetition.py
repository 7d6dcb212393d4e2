"""A reply caught in a loop is stopped (console/guard/repetition.py): seen on the console's own
defaults, where the bundled SmolLM2-135M wrote "You're in the chat for a moment." forty times
to a customer who asked where their order was."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from console.guard.repetition import SentenceCount, count_cut, loop_cut, sentence_cut, showable
from console.options import GenerationOptions
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Pipeline, TurnRequest
from tests.fakes import ScriptedBackend

OPENING = "Just another day in the chat. What can I help you with?\n\n"
LOOP = "You're in the chat for a moment.\n\n"
PRICES = "The payment methods I accept are:\n- Credit Card\n- PayPal\n- £10\n- £25\n"
AMOUNTS = "- £100000\n- £200000\n- £300000\n- £400000\n- £500000\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (OPENING + LOOP * 5, OPENING + LOOP.strip()),
        (OPENING + LOOP * 3 + "You're in", OPENING + LOOP.strip()),  # any phase of the copy
        ("ご注文を確認しています。" * 4, "ご注文を確認しています。"),  # no spaces: letters count
        ("กำลังตรวจสอบคำสั่งซื้อของคุณ " * 3, "กำลังตรวจสอบคำสั่งซื้อของคุณ"),
        ("Sure! " + "I will check your order now. " * 3, "Sure! I will check your order now."),
        # no letter in the unit: the bundled SmolLM2 listed these amounts to the token limit
        (PRICES + AMOUNTS * 4, PRICES + AMOUNTS.rstrip()),
    ],
)
def test_a_loop_is_cut_after_its_first_copy(text: str, kept: str) -> None:
    cut = loop_cut(text, 0)
    assert cut is not None and text[:cut] == kept


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|---|\n|---|---|\n|---|---|\n|---|---|\n",  # no letters repeat
        "------------------------------------------------",
        "- Check the tracking link.\n- Check your spam folder.\n- Check the address.\n",
        "Thank you for waiting. Thank you for waiting.",  # twice is emphasis, not a loop
        "No. No. No. No. No.",  # a unit under 12 characters
        "Order 1001 ships today. Order 1002 ships today. Order 1003 ships today.",
    ],
)
def test_text_that_is_not_a_loop_is_left_alone(text: str) -> None:
    assert loop_cut(text, 0) is None


def test_shown_text_never_vanishes() -> None:
    text = OPENING + LOOP * 4
    assert loop_cut(text, len(text) - 3) == len(text) - 3


def test_a_cut_at_what_has_shown_finishes_the_word_it_falls_in() -> None:
    """A loop stopped where the customer had seen "...tirar as i" ended the reply mid-word
    (an outside tester): the word is finished from the reply's own text, nothing more; in
    a script without spaces the cut stays where the text stopped showing."""
    text = OPENING + LOOP * 4
    mid_word = text.rindex("moment") + 3  # "mom|ent."
    assert text[: loop_cut(text, mid_word) or 0].endswith("moment")
    thai = "สวัสดีค่ะ ยินดีต้อนรับ " + "ขอบคุณที่รอสักครู่นะคะ " * 5
    assert loop_cut(thai, len(thai) - 5) == len(thai) - 5


def test_a_repeat_that_is_forming_waits_and_is_released_when_it_diverges() -> None:
    forming = "Your order #12345 ships today. Your order #1234"
    assert forming[: showable(forming)] == "Your order #12345 ships today. "
    diverged = forming + "6 ships tomorrow."
    assert showable(diverged) == len(diverged)
    for start in (LOOP[:6], LOOP[:20]):  # from the copy's first word: none of it shows
        second_copy = OPENING + LOOP + start
        assert second_copy[: showable(second_copy)] == OPENING + LOOP.rstrip()


def test_ordinary_text_is_shown_whole() -> None:
    rnd = random.Random(7)
    words = ["order", "refund", "the", "your", "we", "ship", "today", "account", "and", "please"]
    text = " ".join(rnd.choice(words) for _ in range(700))
    # at most a few characters wait for the next check (25 ms), where the end happens to
    # match the text some unit back
    assert len(text) - showable(text) < 12
    assert loop_cut(text, 0) is None


# What the bundled SmolLM2-135M wrote at temperature 0.7 when asked to explain a set-up step by
# step (shortened): numbered steps, most ending in the same sentence, until the token limit.
STEPS = (
    "Here's how:\n1. Open your browser.\n"
    "2. Find the apps' settings. This is usually found in the top-right corner of your screen.\n"
    "3. Scroll down and find the app settings.\n"
    "4. Find the apps' settings. This is usually found in the top-right corner of the screen.\n"
    "5. Select the apps' settings. This is usually found in the top-right corner of the screen.\n"
    "6. Select the app you want to set up. This is usually found in the top-right corner of the screen.\n"
    "7. Choose your username. This is usually found in the top-right corner of the screen.\n"
    '8. Click the "Create" button.\n'
)


#: numbered steps, each ending in the same sentence
SENTENCE_LOOP = "".join(
    f"{n}. Step number {n} opens menu {n}. This is usually found in the top-right corner of the screen.\n"
    for n in range(1, 200)
)


def test_a_sentence_written_four_times_between_other_text_ends_the_reply() -> None:
    cut = sentence_cut(STEPS, 0)
    assert cut is not None
    assert STEPS[:cut].endswith("\n7. Choose your username. ")  # before the fourth copy
    assert loop_cut(STEPS, 0) == cut  # the pipeline's one call finds it
    # while the fourth copy is written, it waits from its first letter
    for end in (1, 2, 20):
        forming = STEPS[: cut + end]
        assert showable(forming) <= cut
    numbered = "".join(f"{n}. You can create an account with the Sign Up button.\n" for n in range(1, 9))
    cut = loop_cut(numbered, 0)  # list numbers do not tell copies apart
    assert cut is not None and numbered[:cut].endswith(
        "3. You can create an account with the Sign Up button.\n"
    )
    assert showable(numbered[: cut + 2]) <= cut  # its list marker waits too
    chinese = (
        "您好。"
        + "请在订单页面查看物流信息。" * 1
        + "谢谢。请在订单页面查看物流信息。" * 3
        + "还有别的问题吗？"
    )
    cut = sentence_cut(chinese, 0)
    assert cut is not None and chinese[:cut].count("请在订单页面查看物流信息") == 3
    assert sentence_cut(STEPS, len(STEPS)) == len(STEPS)  # shown text never vanishes


@pytest.mark.parametrize(
    "text",
    [
        # three times is still a reply that insists
        "Please keep your order number ready. We will look. Please keep your order number ready. "
        "Done? Please keep your order number ready. Thanks! ",
        # list items that differ, and short ones that repeat
        "- Open the app settings now.\n- Open the shop settings now.\n- Open the cart settings now.\n"
        "- Open the user settings now.\n- Open the mail settings now.\n",
        "Yes. Yes, that is right. Yes. Yes. Yes. Thank you. Thank you. Thank you. Thank you. ",
        # a fourth copy still being written does not count yet
        "We have sent the replacement today. Anything else? We have sent the replacement today. OK. "
        "We have sent the replacement today. Thanks. We have sent the replacement today",
    ],
)
def test_sentences_that_do_not_make_a_loop(text: str) -> None:
    assert sentence_cut(text, 0) is None and loop_cut(text, 0) is None


def test_the_pipeline_stops_a_model_that_repeats_a_sentence_between_steps(personas: PersonaLibrary) -> None:
    backend = ScriptedBackend(reply=lambda m: SENTENCE_LOOP, delay=0.002)
    request = TurnRequest(text="How do I set up the app?", options=GenerationOptions(max_new_tokens=3000))
    updates = list(Pipeline(backend, personas).stream_turn(request))
    final = updates[-1]
    assert final.status == "complete" and backend.closed_streams == 1
    # three copies shown, the fourth never: not even its list marker
    assert final.reply.count("top-right corner") == 3 and final.reply.endswith(
        "4. Step number 4 opens menu 4."
    )
    assert all(final.reply.startswith(u.reply.rstrip()) for u in updates)  # nothing shown vanished


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

#: the same text with only its numbers changing (the bundled SmolLM2 counted "4.0, 5.0, 6.0,
#: ..." and "Step 5 / Step 6 / ..." to the token limit); from 10, so the numbers keep two digits
COUNTING = "Here is how:\n" + "".join(f"Step {n} of 99: tap Next. " for n in range(10, 100))


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        (COUNTING, "Step 99 of 99: tap Next."),
        ("Sure: " + ", ".join(f"{n}.0" for n in range(4, 200)), "197.0, 198.0"),
        # Arabic-Indic digits count as digits
        (
            "".join(f"الخطوة {n}: اضغط التالي.\n" for n in range(10, 40)).translate(ARABIC_INDIC),
            "الخطوة ٣٩: اضغط التالي.",
        ),
    ],
    ids=["steps", "decimals", "arabic-indic"],
)
def test_a_count_that_runs_on_ends_after_a_whole_item(text: str, ends: str) -> None:
    cut = count_cut(text, 0)
    assert cut is not None and text[:cut].endswith(ends)
    assert loop_cut(text, 0) == cut  # the pipeline's one call finds it
    for shown in (len(text) // 2, len(text) - 3):  # shown text never vanishes
        later = count_cut(text, shown)
        assert later is None or later >= shown  # None: the item shown in part is not written out
    # while it is forming, it is found as soon as enough copies are written
    first = next(end for end in range(len(text)) if count_cut(text[:end], 0) is not None)
    assert first < len(text) * 0.6


def test_a_count_shown_in_part_ends_after_that_item() -> None:
    shown = COUNTING.index("Step 50 of") + len("Step 50 of")
    assert count_cut(COUNTING[: shown + 4], shown) is None  # its end not written yet: not yet
    cut = count_cut(COUNTING[: shown + 20], shown)  # the next check
    assert cut is not None and COUNTING[:cut].endswith("Step 50 of 99: tap Next.")


@pytest.mark.parametrize(
    "text",
    [
        "Order 1001 ships today. Order 1002 ships today. Order 1003 ships today.",
        "Count with me: " + ", ".join(str(n) for n in range(1, 21)) + ". Done!",
        "| order | total |\n|---|---|\n" + "".join(f"| {n} | {n}.99 |\n" for n in range(10, 29)),
        "".join(f"{n}. Check box {n} on the form, then the field {chr(64 + n)}.\n" for n in range(1, 26)),
        "Call 555 0100 or 555 0101 between 9:00 and 17:00, or write to us any time.",
        # codes and labels: a few letters around each number
        "This boot comes in " + ", ".join(f"EU {n}" for n in range(30, 99)) + ".",
        "Compatible with " + ", ".join(f"SKU-{n}" for n in range(1000, 1100)) + ".",
        " ".join(f"word{n}" for n in range(10, 400)),  # the tests' own filler (tests/fakes.prose)
    ],
    ids=["orders", "count-to-20", "table-19-rows", "different-items", "prose", "sizes", "skus", "filler"],
)
def test_numbers_that_are_not_a_counting_loop(text: str) -> None:
    assert count_cut(text, 0) is None and loop_cut(text, 0) is None


def test_the_pipeline_stops_a_model_that_counts_on(personas: PersonaLibrary) -> None:
    """The model would count to 99: it is stopped after a few copies, nothing shown
    vanishes, and the reply ends after a whole step."""
    backend = ScriptedBackend(reply=lambda m: COUNTING, delay=0.002)
    request = TurnRequest(text="How do I set up the app?", options=GenerationOptions(max_new_tokens=3000))
    updates = list(Pipeline(backend, personas).stream_turn(request))
    final = updates[-1]
    assert final.status == "complete" and backend.closed_streams == 1
    assert 13 <= final.reply.count("tap Next") <= 20 and final.reply.endswith("tap Next.")
    assert all(final.reply.startswith(u.reply.rstrip()) for u in updates)


@pytest.fixture(scope="module")
def personas() -> PersonaLibrary:
    return PersonaLibrary(default_prompts_dir())


def test_the_pipeline_stops_a_looping_model_and_shows_one_copy(personas: PersonaLibrary) -> None:
    """The model would write 200 copies: it is stopped within a few, every update the
    customer saw is a prefix of the final reply, and the final reply holds one copy."""
    backend = ScriptedBackend(reply=lambda m: OPENING + LOOP * 200, delay=0.002)
    request = TurnRequest(text="Where is my order?", options=GenerationOptions(max_new_tokens=2000))
    updates = list(Pipeline(backend, personas).stream_turn(request))
    final = updates[-1]
    assert final.status == "complete"
    assert final.reply == OPENING + LOOP.strip()
    # nothing shown vanished (but the blank after the last copy)
    assert all(final.reply.startswith(u.reply.rstrip()) for u in updates)
    assert all(u.reply.count("in the chat for a moment") <= 1 for u in updates)
    assert backend.closed_streams == 1  # the model was stopped, not run to its limit


def test_the_stored_reply_is_the_shown_one_and_says_it_was_stopped(
    personas: PersonaLibrary, tmp_path: object
) -> None:
    from pathlib import Path

    from console.store import Keyring, TranscriptStore

    store = TranscriptStore.open(
        f"sqlite:///{Path(str(tmp_path)) / 'c.db'}", Keyring({1: bytes(range(32))}, "t")
    )
    try:
        backend = ScriptedBackend(reply=lambda m: "Un momento, por favor. " * 100, delay=0.002)
        pipeline = Pipeline(backend, personas, store=store)
        request = TurnRequest(text="¿Dónde está mi pedido?", options=GenerationOptions(max_new_tokens=1000))
        final = list(pipeline.stream_turn(request))[-1]
        assert final.reply == "Un momento, por favor."
        record = store.get_conversation(store.list_conversations()[0].id)
        reply = record.messages[-1]
        assert (reply.content, reply.status) == ("Un momento, por favor.", "complete")
        assert reply.meta is not None and reply.meta.get("repetition") is True
    finally:
        store.close()


def test_a_progress_save_holds_only_what_the_customer_was_shown(
    personas: PersonaLibrary, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored row of a reply still being written is what a page that came back (a
    reload, another tab) draws, and what a killed process leaves: it held the model's raw
    text, the second copy of a loop the stream never showed included."""
    from pathlib import Path

    from console import pipeline as pipeline_module
    from console.store import Keyring, TranscriptStore

    store = TranscriptStore.open(
        f"sqlite:///{Path(str(tmp_path)) / 'c.db'}", Keyring({1: bytes(range(32))}, "t")
    )
    saved: list[str] = []
    save = Pipeline._save_progress

    def recorded(self: Pipeline, reply_id: str, reply: str, *args: Any, **kwargs: Any) -> bool:
        saved.append(reply)
        return save(self, reply_id, reply, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "_SAVE_INTERVAL_S", 0.0)  # a save at every chunk
    monkeypatch.setattr(Pipeline, "_save_progress", recorded)
    try:
        backend = ScriptedBackend(reply=lambda m: OPENING + LOOP * 200, delay=0.002)
        request = TurnRequest(text="Where is my order?", options=GenerationOptions(max_new_tokens=2000))
        updates = list(Pipeline(backend, personas, store=store).stream_turn(request))
        final = updates[-1].reply
        assert final == OPENING + LOOP.strip()
        assert len(saved) >= 3
        # every save is a prefix of the reply as shown, never the held-back second copy
        assert all(final.startswith(text.rstrip()) for text in saved), [t for t in saved if LOOP * 2 in t][:1]
    finally:
        store.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("script", "phrase", "copies"),
    [
        (OPENING + LOOP * 200, "in the chat for a moment", (1, 1)),  # back to back: one copy
        (SENTENCE_LOOP, "top-right corner of the screen", (3, 3)),  # between steps: three
        # counting: stopped 13 copies in, give or take the copies between two checks
        (COUNTING, "tap Next", (13, 20)),
    ],
    ids=["back-to-back", "between-steps", "counting"],
)
def test_a_customer_sees_one_copy_and_the_operator_reads_what_they_saw(
    make_config: Any, launched: Any, script: str, phrase: str, copies: tuple[int, int]
) -> None:
    """Played in Chromium: a customer and an operator signed in at once; the model loops;
    the customer's bubble grows to one copy (three, for a sentence between other text; a
    dozen or so of a count, which differ) and stops (watched every 50 ms: never more copies,
    never shorter than before), the operator's view of the conversation shows the same
    text, and so does the store."""
    from playwright.sync_api import sync_playwright

    from console.service import create_app
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, chat_text, send, wait_for
    from tests.test_day_one import CUSTOMER, OPERATOR, idle, open_listed, open_page

    backend = ScriptedBackend(reply=lambda m: script, delay=0.01)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=backend))
    fewest, most = copies
    # where the reply ends: known beforehand for a copy that repeats, found by the stream's
    # timing for a count (which of the copies after the 13th is whole at a check)
    kept = script[: loop_cut(script, 0)].rstrip() if fewest == most else None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        customer = open_page(browser, app.local_url, CUSTOMER)
        operator = open_page(browser, app.local_url, OPERATOR)
        send(customer, "Where is my order 12345?")
        seen: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            seen.append(chat_text(customer))
            if app.pipeline.active_streams == 0 and seen[-1].count(phrase) >= fewest:
                break
            time.sleep(0.05)
        idle(app)
        final = chat_text(customer)
        record = app.store.get_conversation(app.store.list_conversations()[0].id)
        stored = record.messages[-1]
        shown = stored.content.count(phrase)
        assert fewest <= shown <= most and final.count(phrase) == shown, final
        assert all(s.count(phrase) <= shown for s in seen)
        lengths = [len(s) for s in seen if phrase in s]
        assert lengths == sorted(lengths)  # the bubble only grew
        assert script.startswith(stored.content) and stored.status == "complete"
        assert kept is None or stored.content == kept
        assert stored.meta is not None and stored.meta.get("repetition") is True
        # the screen ends where the store does
        assert final.rstrip().endswith(stored.content.splitlines()[-1].split(". ", 1)[-1])
        view = open_listed(operator, "#transcripts-table", "Where is my order")
        wait_for(lambda: phrase in view.inner_text(), what="the operator's view")
        wait_for(lambda: view.inner_text().count(phrase) == shown, what="the operator's copies")
        browser.close()


def test_counting_as_the_reply_grows_gives_what_reading_it_whole_gives() -> None:
    """The pipeline's SentenceCount reads only the new text at each check; at every length
    it answers what a fresh reading of the whole reply answers, and a reply that does not
    continue the last one (a redo) is read from its start."""
    count = SentenceCount()
    text = STEPS * 2
    for end in range(0, len(text), 7):
        assert count.scan(text[:end]) == SentenceCount().scan(text[:end]), end
    other = "A different reply. " + STEPS
    assert count.scan(other) == SentenceCount().scan(other)
