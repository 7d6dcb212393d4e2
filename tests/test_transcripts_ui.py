"""Transcripts end to end through the running app: every turn stored encrypted, listed in
the Transcripts tab, exported in four formats with exact text, kept across a restart."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from console.config import Config
from console.service import create_app
from tests.clients import Client
from tests.fakes import ScriptedBackend
from tests.test_app import ask, chat_text

# Scripts whose bytes split across tokens, emoji with ZWJ and flags, and a combining mark
# (NFD "é" = e + U+0301) that must not be normalized anywhere on the way.
CUSTOMER = "Bonjour ! Ma commande n° 4711 n'est pas arrivée 📦 — 注文 — طلب — ภาษาไทย 👩‍💻🇫🇷 cafe\u0301"
REPLY = "Je suis désolé 🙏 : votre colis 4711 arrive demain. 👩‍💻 « Suivi » → Mes commandes. cafe\u0301"


@pytest.fixture
def app_and_client(make_config: Any, launched: Any) -> Any:
    config = make_config()
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: REPLY)))
    client = Client(app.local_url, verbose=False)
    yield config, app, client
    client.close()


def transcripts(client: Client, **filters: str) -> list[list[str]]:
    values = {
        "language_f": "all",
        "line_f": "all",
        "status_f": "all",
        "since_f": "",
        "until_f": "",
        "search_f": "",
        "tag_f": "all",
    }
    values.update(filters)
    table = client.predict(*values.values(), api_name="/transcripts")
    return list(table["data"]) if isinstance(table, dict) else list(table)


def test_turns_are_stored_listed_and_exported_exactly(app_and_client: Any, tmp_path: Path) -> None:
    _config, app, client = app_and_client
    final = ask(client, CUSTOMER).result()
    assert chat_text(final[1]) == REPLY
    rows = transcripts(client)
    assert len(rows) == 1
    row = rows[0]
    # a program reads UTC under the columns' own names: no page said a zone (console/zones.py)
    table = client.predict("all", "all", "all", "", "", "", "all", api_name="/transcripts")
    assert table["headers"][:2] == ["Last activity", "Started"]
    stored = app.store.list_conversations()[0]
    assert row[1] == stored.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    # business line and status in the viewer's words; then who answers, and the count
    assert row[2] == "fr" and row[3] == "Customer Service" and row[4] == "open" and row[5] == "assistant"
    assert row[6] == "2"
    conversation_id = row[-1]

    record = app.store.get_conversation(conversation_id)
    assert [(m.role, m.content, m.status) for m in record.messages] == [
        ("user", CUSTOMER, "complete"),
        ("assistant", REPLY, "complete"),
    ]

    # filters and search
    assert transcripts(client, language_f="ja") == []
    assert len(transcripts(client, search_f="ภาษาไทย")) == 1
    assert transcripts(client, search_f="nothing like this") == []
    assert len(transcripts(client, status_f="open")) == 1

    exported: dict[str, str] = {}
    customer_copy = Path(client.predict(api_name="/export_chat"))  # the customer's own download
    assert customer_copy.name.endswith(".md") and REPLY in customer_copy.read_text(encoding="utf-8")
    # their conversation, not the team's record of it: no model, engine or parameters
    for private in ("scripted", "max_new_tokens", "Model", "Status", "Channel"):
        assert private not in customer_copy.read_text(encoding="utf-8"), private
    for fmt in ("markdown", "json", "text", "jsonl"):
        path = Path(client.predict(conversation_id, fmt, api_name="/export_conversation"))
        assert path.name.endswith(
            {"markdown": ".md", "json": ".json", "text": ".txt", "jsonl": ".jsonl"}[fmt]
        )
        assert path.name.isascii() and "/" not in path.name
        exported[fmt] = path.read_text(encoding="utf-8")
    data = json.loads(exported["json"])
    messages = data[0]["messages"] if isinstance(data, list) else data["messages"]
    assert [m["content"] for m in messages] == [CUSTOMER, REPLY]
    line = json.loads(exported["jsonl"].splitlines()[0])
    assert [m["content"] for m in line["messages"] if m["role"] != "system"] == [CUSTOMER, REPLY]
    for fmt in ("markdown", "text"):
        assert CUSTOMER in exported[fmt].replace("\n    ", "\n") or CUSTOMER in exported[fmt]
        assert REPLY in exported[fmt]

    # the whole list, through the transcripts tab's export
    path = Path(client.predict("jsonl", api_name="/export_listed"))  # state holds the listed ids
    assert path.read_text(encoding="utf-8").count("\n") == 1


def test_status_change_and_erasure(app_and_client: Any) -> None:
    _config, _app, client = app_and_client
    # in French, as the scripted reply is (another language twice would go to a person)
    ask(client, "Où est mon remboursement ? J'ai renvoyé les chaussures la semaine dernière.").result()
    conversation_id = transcripts(client)[0][-1]
    view = client.predict(conversation_id, "resolved", api_name="/set_status")
    assert "resolved" in view[0]
    assert len(transcripts(client, status_f="resolved")) == 1
    client.predict(conversation_id, False, api_name="/delete")  # not confirmed: a notice, nothing erased
    assert len(transcripts(client)) == 1
    client.predict(conversation_id, True, api_name="/delete")
    assert transcripts(client) == []
    # the customer keeps chatting: a new conversation is started, nothing crashes
    final = ask(client, "Allô ? Vous êtes toujours là ?").result()
    assert chat_text(final[1]) == REPLY
    assert len(transcripts(client)) == 1


def test_the_list_tells_a_waiting_conversation_from_one_a_person_answers(app_and_client: Any) -> None:
    """Both are stored as "escalated"; "waiting for a person" beside an owner's name told the
    team that a customer someone was already answering still waited."""
    _config, app, client = app_and_client
    ask(client, "I want to talk to a person, please.").result()
    row = transcripts(client)[0]
    conversation_id = row[-1]
    assert (row[4], row[5]) == ("waiting for a person", "queue")
    client.predict(conversation_id, api_name="/take")
    row = transcripts(client)[0]
    assert row[4] == "a person is answering" and row[5].startswith("🧑\u200d💼")
    assert app.store.get_conversation(conversation_id).status == "escalated"
    # the filter's "handed to a person" lists both kinds; the view says who has it
    assert [r[-1] for r in transcripts(client, status_f="escalated")] == [conversation_id]
    # Set status pressed with the menu as shown ("a person is answering"): nothing changes.
    # It put the conversation back in the queue, taking it from the person answering it.
    view = client.predict(conversation_id, "escalated", api_name="/set_status")
    assert "a person is answering" in view[0] and "waiting for a person" not in view[0]
    assert transcripts(client)[0][4:6] == row[4:6]
    assert app.store.ownership(conversation_id)[1:] == ("person", row[5].split(" ", 1)[1])
    view = client.predict(conversation_id, "resolved", api_name="/set_status")  # a real change
    assert transcripts(client)[0][4:6] == ["resolved", "assistant"]


def test_a_business_line_removed_from_prompts_leaves_its_conversations_readable(
    app_and_client: Any,
) -> None:
    """A team that retires or renames a line (its folder in prompts/) keeps the conversations
    stored under it: the list and the view showed nothing but an error for every one."""
    _config, app, client = app_and_client
    ask(client, "Where is my refund?").result()
    retired = app.store.create_conversation(
        language="en", business_line="wholesale", model="m", backend="transformers", params={}
    )
    app.store.add_message(retired, role="user", content="Bulk order of 500 units", language="en")
    rows = {row[-1]: row for row in transcripts(client)}
    assert len(rows) == 2 and rows[retired][3] == "wholesale"  # its stored code, for want of a name
    assert len(transcripts(client, search_f="Bulk order")) == 1
    view = client.predict(retired, "open", api_name="/set_status")
    assert "wholesale" in view[0] and "Bulk order of 500 units" in view[0]
    # a line that exists is named in the view as in the list, not by its folder's code
    (current,) = (cid for cid in rows if cid != retired)
    view = client.predict(current, "open", api_name="/set_status")
    assert f"**Business line** {rows[current][3]}" in view[0] and rows[current][3] == "Customer Service"


def test_transcripts_survive_a_restart_and_need_the_key(make_config: Any, launched: Any) -> None:
    config: Config = make_config()
    first = create_app(config, backend=ScriptedBackend(reply=lambda m: REPLY))
    launched(first)
    assert first.local_url
    client = Client(first.local_url, verbose=False)
    ask(client, CUSTOMER).result()
    client.close()
    first.close()

    second = launched(create_app(config.with_(port=0), backend=ScriptedBackend()))
    client = Client(second.local_url, verbose=False)
    rows = transcripts(client)
    assert len(rows) == 1
    record = second.store.get_conversation(rows[0][-1])
    assert [m.content for m in record.messages] == [CUSTOMER, REPLY]
    client.close()
    second.close()

    db_bytes = b"".join(p.read_bytes() for p in Path(config.data_dir).glob("console.db*"))
    for secret in (CUSTOMER, REPLY, "ภาษาไทย", "4711 n'est pas", "Mes commandes"):
        assert secret.encode() not in db_bytes

    # another key cannot read them: the console refuses to start and changes nothing
    from console.errors import KeyMismatchError

    (Path(config.data_dir) / "secret.key").rename(Path(config.data_dir) / "secret.key.bak")
    with pytest.raises(KeyMismatchError):
        create_app(config, backend=ScriptedBackend())


def test_only_operators_reach_the_transcripts(make_config: Any, launched: Any) -> None:
    config = make_config(auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: REPLY)))
    customer = Client(app.local_url, auth=("cy", "pw-cy"), verbose=False)
    ask(customer, CUSTOMER).result()  # customers chat as usual
    for call in (
        lambda: transcripts(customer),
        lambda: customer.predict(api_name="/escalations"),
        lambda: customer.predict("x", "resolved", api_name="/set_status"),
    ):
        with pytest.raises(Exception, match="operator"):
            call()
    operator = Client(app.local_url, auth=("ana", "pw-ana"), verbose=False)
    assert len(transcripts(operator)) == 1
    customer.close()
    operator.close()


def test_operator_must_be_an_auth_user(make_config: Any) -> None:
    from console.config import load_config
    from console.errors import ConfigError

    with pytest.raises(ConfigError, match="--operator"):
        load_config(["--auth", "ana:pw", "--operator", "bob"], environ={})
    assert load_config(["--auth", "ana:pw", "--operator", "ana"], environ={}).operators == ("ana",)
