"""What the page tells a person of a refusal or a failure is in their language, title included.

An outside tester found a Portuguese and a German customer told "The message is empty." on
pressing Send with an empty box, and a Portuguese operator told "No conversation with id
01a24dcf-…; it may have been erased." (the id, in English) on clicking a row of a
conversation a colleague had just erased, with a traceback in the log for it. The texts
are now ``notices`` and ``titles`` in prompts/_i18n/messages.yaml, every key in every
language (checked at load), and a refusal is one log line. The browser plays both in
tests/test_notices_browser.py."""

from __future__ import annotations

import ast
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
import yaml

from console import i18n
from console.errors import ConfigError, ConflictError, InputError, StoreError
from console.pipeline import validate_text
from console.store.repository import NotFoundError
from console.ui import errors
from console.ui.staff import StaffHandlers
from console.ui.state import ChatState
from tests.test_resume import _Console, _Request, console  # noqa: F401  (fixture)
from tests.test_store import new_conversation

DATA = i18n.current()
ROOT = Path(__file__).resolve().parents[1]

# (browser header, the empty-message refusal and the error title a native reader expects)
EMPTY = [
    ("pt-BR,pt;q=0.9", "Sua mensagem está vazia", "Erro"),
    ("de-DE,de;q=0.9", "Ihre Nachricht ist leer", "Fehler"),
    ("ar-EG,ar;q=0.9", "رسالتك فارغة", "خطأ"),
]
GONE = {
    "pt": ("Esta conversa não existe mais; ela pode ter sido excluída.", "Erro"),
    "de": ("Dieses Gespräch gibt es nicht mehr; es wurde möglicherweise gelöscht.", "Fehler"),
    "ar": ("لم تعد هذه المحادثة موجودة؛ ربما تم حذفها.", "خطأ"),
}


def _request(header: str, username: str | None = None) -> Any:
    """What the handlers read of gradio's request, from a browser sending ``header``."""
    request = _Request(username)
    request.headers = {"accept-language": header}
    return request


@contextmanager
def _event_of(request: Any) -> Iterator[None]:
    """As gradio runs a handler: the event's request is the thread's (gradio.utils'
    get_function_with_locals sets it before the handler and clears it after)."""
    from gradio.context import LocalContext

    token = LocalContext.request.set(request)
    try:
        yield
    finally:
        LocalContext.request.reset(token)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every gr.Warning and gr.Info raised: (level, title, message)."""
    seen: list[tuple[str, str, str]] = []

    def record(level: str) -> Callable[..., None]:
        return lambda message, title="", **_: seen.append((level, title, message))

    monkeypatch.setattr(gr, "Warning", record("warning"))
    monkeypatch.setattr(gr, "Info", record("info"))
    return seen


# ---------------------------------------------------------------- the data


def test_every_notice_and_title_exists_in_every_language() -> None:
    english = DATA.messages["en"]
    assert len(DATA.tags) == 18 and set(DATA.messages) == set(DATA.tags)
    for tag in DATA.tags:
        messages = DATA.messages[tag]
        assert set(messages.notices) == set(english.notices), tag
        assert set(messages.titles) == set(i18n.NOTICE_TITLES), tag
        for key, text in messages.notices.items():
            filled = text.format(detail="x.yaml: bad")
            assert "{" not in filled and filled.strip(), (tag, key)
            if tag != "en":  # a translation, not English copied
                assert text != english.notices[key], (tag, key)
    assert DATA.messages["pt"].titles == {"error": "Erro", "warning": "Aviso", "info": "Informação"}


def _keys_named_in_code() -> set[str]:
    """Every notice key console/ names: ``notice="..."`` on an error, ``notice("...")``."""
    keys: set[str] = set()
    for path in (ROOT / "console").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            named = [k.value for k in node.keywords if k.arg == "notice"]
            if isinstance(node.func, ast.Name) and node.func.id == "notice" and node.args:
                named.append(node.args[0])
            keys.update(v.value for v in named if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return keys


def test_every_notice_the_code_can_raise_has_its_text() -> None:
    named = _keys_named_in_code()
    assert {"message_empty", "message_binary", "store_off", "too_long"} <= named  # the scan sees them
    used = named | set(errors.NOTICE_BY_KIND.values()) | {errors.FALLBACK_NOTICE, "dates_invalid"}
    for tag in DATA.tags:
        for key in used:
            assert DATA.messages[tag].notice(key), (tag, key)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "_i18n"
    shutil.copytree(i18n.DEFAULT_DIR, root)
    return root


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["pt"]["notices"].pop("message_empty"), "pt.notices"),
        (lambda d: d["de"].pop("notices"), "de"),
        (lambda d: d["ar"]["titles"].pop("error"), "ar.titles"),
        # a translation that drops (or invents) a placeholder
        (
            lambda d: d["ja"]["notices"].__setitem__("reload_failed", "再読み込みできません。"),
            "ja.notices.reload_failed",
        ),
        (lambda d: d["fr"]["notices"].__setitem__("conflict", "Pris par {name}."), "fr.notices.conflict"),
        (lambda d: d["it"]["notices"].__setitem__("message_empty", "Vuoto {"), "it.notices.message_empty"),
    ],
)
def test_a_missing_or_bad_notice_is_refused_at_load(tmp_path: Path, change: Any, named: str) -> None:
    root = _copy(tmp_path)
    path = root / "messages.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        i18n.load(root)
    assert "messages.yaml" in caught.value.setting and named in str(caught.value)


# ---------------------------------------------------------------- the customer's refusals


@pytest.mark.parametrize(("header", "expected", "title"), EMPTY)
def test_an_empty_message_is_refused_in_the_customers_language(
    console: Callable[..., _Console],  # noqa: F811
    header: str,
    expected: str,
    title: str,
) -> None:
    c = console(lambda m: "Noted.")
    for text in ("", "   \n "):
        state = ChatState()
        with pytest.raises(gr.Error) as refused:
            c.chat.take(text, state, "auto", "1", _request(header))
        assert expected in refused.value.message and refused.value.title == title
        assert "empty" not in refused.value.message and state.turns == []


@pytest.mark.parametrize(("header", "language"), [("pt-BR", "pt"), ("de-DE", "de"), ("ar-SA", "ar")])
def test_binary_looking_text_goes_back_with_a_native_warning(
    console: Callable[..., _Console],  # noqa: F811
    shown: list[tuple[str, str, str]],
    header: str,
    language: str,
) -> None:
    c = console(lambda m: "Noted.")
    sent = "\x00\x01\x02 binary"
    taken = c.chat.take(sent, ChatState(), "auto", "1", _request(header))
    assert taken == {"message": sent, "taken": "1"}  # back into the box, whole (and no longer kept)
    messages = DATA.messages[language]
    assert shown == [("warning", messages.titles["warning"], messages.notices["message_binary"])]


def test_a_refused_length_stays_in_the_customers_words_and_the_api_keeps_english(
    console: Callable[..., _Console],  # noqa: F811
    shown: list[tuple[str, str, str]],
) -> None:
    c = console(lambda m: "Noted.")
    # too long: in the language the customer wrote in (the pipeline's), as before
    long = "Mein Paket ist nicht angekommen, bitte helfen Sie mir. " * 100
    c.chat.take(long, ChatState(), "auto", "1", _request("pt-BR"))
    assert shown[-1][:2] == ("warning", "Aviso") and "Ihre Nachricht ist zu lang" in shown[-1][2]
    # a program (the API) reads the English sentence, and the page never does
    with pytest.raises(InputError) as caught:
        validate_text("  ", 4000)
    assert caught.value.message == "The message is empty." and caught.value.notice == "message_empty"
    assert errors.notice_text(caught.value, "en") == DATA.messages["en"].notices["message_empty"]


def test_an_operators_reply_over_the_limit_is_told_in_their_language() -> None:
    with pytest.raises(InputError) as caught:
        validate_text("x" * 5001, 4000)
    told = errors.notice_text(caught.value, "pt")
    assert told == DATA.messages["pt"].too_long.format(n=5001, limit=4000)
    assert "longa demais" in told


def test_a_failed_reply_is_told_in_the_customers_language() -> None:
    assert errors.kind_text("engine_error", "de") == DATA.messages["de"].notices["backend_failed"]
    assert errors.kind_text("database_busy", "pt") == DATA.messages["pt"].notices["store_failed"]
    assert errors.kind_text(None, "ar") == DATA.messages["ar"].notices["try_later"]


# ---------------------------------------------------------------- the operator's notices


@pytest.mark.parametrize("language", sorted(GONE))
def test_a_row_of_a_conversation_erased_meanwhile_says_so_natively_in_one_log_line(
    console: Callable[..., _Console],  # noqa: F811
    caplog: pytest.LogCaptureFixture,
    language: str,
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="Meu pedido não chegou.", language="pt")
    c.store.delete_conversation(cid)  # a colleague erased it; this page still lists it
    request = _request(f"{language},en;q=0.5")
    state = ChatState(ui_language=language)
    click = gr.SelectData(None, {"index": [0, 0], "value": "", "selected": True})
    caplog.set_level(logging.INFO)
    with _event_of(request), pytest.raises(gr.Error) as refused:
        staff.open(state, [cid], True, "", "", "", click, request)
    text, title = GONE[language]
    assert (refused.value.message, refused.value.title) == (text, title)
    assert cid not in refused.value.message and not re.search(r"\bid\b", refused.value.message)
    mine = [r for r in caplog.records if r.name == "console.ui.errors"]
    assert [r.getMessage() for r in mine] == ["refused: not_found"]
    assert not any(r.exc_info for r in caplog.records) and "Traceback" not in caplog.text


def test_staff_refusals_follow_the_viewer_and_faults_keep_their_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    pt = DATA.messages["pt"]
    with _event_of(_request("pt-BR")):  # no language given: the event's request decides
        assert errors.page_error(ConflictError("ana")).message == pt.notices["conflict"]
        assert (
            errors.page_error(InputError("since: bad", field="since")).message == pt.notices["dates_invalid"]
        )
        assert errors.page_error(errors.notice("store_off")).message == pt.notices["store_off"]
        reload = errors.page_error(ConfigError("prompts/x.yaml", "pt.send: <missing>"))
        assert reload.message.startswith("Nada foi recarregado") and "&lt;missing&gt;" in reload.message
    assert not any(r.exc_info for r in caplog.records)  # refusals: a line each
    assert errors.page_error(NotFoundError("No conversation with id x"), "de").message == GONE["de"][0]
    assert not any(r.exc_info for r in caplog.records)
    # a fault (the database) is shown in the viewer's words and logged with its cause
    try:
        raise StoreError("could not write to the transcript database") from OSError("disk I/O error")
    except StoreError as exc:
        fault = errors.page_error(exc, "ar")
    assert (fault.message, fault.title) == (DATA.messages["ar"].notices["store_failed"], "خطأ")
    faults = [r for r in caplog.records if r.exc_info]
    assert len(faults) == 1 and "store_error" in faults[0].getMessage()
    # outside an event (a program, a test), English
    assert errors.page_error(ConflictError("ana")).title == "Error"


def test_staff_notices_are_titled_in_the_operators_language(
    console: Callable[..., _Console],  # noqa: F811
    shown: list[tuple[str, str, str]],
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui")
    state = ChatState(ui_language="de")
    staff.erase(state, cid, False, c.request)  # not confirmed: a warning
    staff.save_note(state, cid, "zurückgerufen", c.request)  # done: an info
    de = DATA.messages["de"].titles
    assert [(level, title) for level, title, _ in shown] == [("warning", de["warning"]), ("info", de["info"])]
