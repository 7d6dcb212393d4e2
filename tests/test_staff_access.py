"""Every staff function, called from outside as an attacker would: anonymously on a network
bind, as a signed-in customer, and with another caller's ids. Over real HTTP with
gradio_client; the role is checked on the server, whatever the page shows."""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.backends.base import BackendInfo
from console.service import create_app
from tests.clients import Client
from tests.fakes import ScriptedBackend, prose
from tests.test_app import ask, chat_text

SECRET = "Mein Passwort ist Sonnenblume42, bitte vertraulich behandeln"

# (api name, arguments): every staff endpoint the page exposes
STAFF_CALLS: list[tuple[str, tuple[Any, ...]]] = [
    ("/transcripts", ("all", "all", "all", "", "", "", "all")),
    ("/escalations", ()),
    ("/set_status", ("{id}", "resolved")),
    ("/delete", ("{id}", True)),
    ("/agent_reply", ("{id}", "I am the operator now", "")),
    ("/take", ("{id}",)),
    ("/hand_back", ("{id}",)),
    ("/resolve", ("{id}",)),
    ("/export_conversation", ("{id}", "json")),
    ("/export_listed", ("json",)),
    ("/reload_prompts", ("general", "auto")),
    ("/set_tags", ("{id}", "vip")),
    ("/set_note", ("{id}", "called back")),
    ("/translate_reply", ("{id}", "Your order ships tomorrow.")),
    ("/canned_reply", ("{id}", "greeting")),
]


def refused_everywhere(client: Client, conversation_id: str) -> None:
    for name, args in STAFF_CALLS:
        filled = tuple(conversation_id if a == "{id}" else a for a in args)
        with pytest.raises(Exception, match="support team only"):
            client.predict(*filled, api_name=name)


def stored_untouched(app: Any, conversation_id: str) -> None:
    record = app.store.get_conversation(conversation_id)
    assert record.status == "open" and record.handler == "bot" and record.events == []
    assert [m.role for m in record.messages] == ["user", "assistant"]
    assert (record.tags, record.note) == ((), None)  # revision 0005's tools too
    assert all(m.translation is None for m in record.messages)


def test_a_network_bind_serves_customers_only(make_config: Any, launched: Any) -> None:
    config = make_config(host="0.0.0.0", customer_only=True)
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    url = app.local_url.replace("0.0.0.0", "127.0.0.1")
    customer = Client(url, verbose=False)
    assert chat_text(ask(customer, SECRET).result()[1]) == "Hello!"
    conversation_id = app.store.list_conversations()[0].id
    attacker = Client(url, verbose=False)
    refused_everywhere(attacker, conversation_id)
    refused_everywhere(customer, conversation_id)  # not even the conversation's own customer
    stored_untouched(app, conversation_id)
    # nor the business's figures: metrics follow the API's rule (no key set: loopback only)
    assert httpx.get(url + "metrics", timeout=10).status_code == 401
    customer.close()
    attacker.close()


def test_metrics_on_a_network_bind_need_the_api_key(make_config: Any, launched: Any) -> None:
    config = make_config(host="0.0.0.0", customer_only=True, api_keys=("k-metrics",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    url = app.local_url.replace("0.0.0.0", "127.0.0.1") + "metrics"
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    scraped = httpx.get(url, headers={"Authorization": "Bearer k-metrics"}, timeout=10)
    assert scraped.status_code == 200 and "console_turns_total" in scraped.text


def test_signed_in_customers_are_refused_and_operators_served(make_config: Any, launched: Any) -> None:
    config = make_config(auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    customer = Client(app.local_url, auth=("cy", "pw-cy"), verbose=False)
    ask(customer, SECRET).result()
    conversation_id = app.store.list_conversations()[0].id
    refused_everywhere(customer, conversation_id)
    stored_untouched(app, conversation_id)

    operator = Client(app.local_url, auth=("ana", "pw-ana"), verbose=False)
    rows = operator.predict("all", "all", "all", "", "", "", api_name="/transcripts")
    assert len(rows["data"]) == 1
    operator.predict(conversation_id, "Ana here, I will help.", "", api_name="/agent_reply")
    record = app.store.get_conversation(conversation_id)
    assert record.messages[-1].author == "ana" and record.assignee == "ana"
    customer.close()
    operator.close()


def test_a_customer_cannot_set_generation_settings(make_config: Any, launched: Any) -> None:
    """The sliders and the business line are staff tools: values a customer's crafted call
    sends are ignored. The answer language is the customer's to pick (the chat's language
    menu), among the served ones only."""
    backend = ScriptedBackend(reply=lambda m: prose(40))
    config = make_config(auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=backend))
    customer = Client(app.local_url, auth=("cy", "pw-cy"), verbose=False)
    customer.submit("hello", 2.0, 0.1, 1, "finance", "ja", api_name="/chat").result()
    options = backend.calls[-1][1]
    assert options.max_new_tokens != 1 and options.temperature != 2.0
    first = app.store.list_conversations()[0]
    assert first.business_line == "general" and first.language == "ja"
    with pytest.raises(Exception, match="does not offer"):  # a language the menu does not have
        customer.submit("hello again", 0.7, 0.8, 512, "general", "klingon", api_name="/chat").result()
    customer.predict(api_name="/clear")
    customer.submit("Where is my parcel?", 0.7, 0.8, 512, "general", "auto", api_name="/chat").result()
    assert sorted(c.language for c in app.store.list_conversations()) == ["en", "ja"]
    customer.close()


def test_exports_are_private_and_never_in_shared_temp(make_config: Any, launched: Any) -> None:
    config = make_config()
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    client = Client(app.local_url, verbose=False)
    ask(client, SECRET).result()
    conversation_id = app.store.list_conversations()[0].id
    before = set(Path(tempfile.gettempdir()).glob("console-export-*"))
    served = Path(client.predict(conversation_id, "json", api_name="/export_conversation"))
    assert SECRET in served.read_text(encoding="utf-8")
    # where the server wrote it: inside the private data folder, 0600 in 0700 folders
    exports = list((Path(config.data_dir) / "cache").rglob("*.json"))
    assert exports, "the export must live in the console's private cache"
    for path in exports:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        folder = path.parent
        while folder != Path(config.data_dir).parent:
            assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
            folder = folder.parent
    assert set(Path(tempfile.gettempdir()).glob("console-export-*")) == before
    client.close()


def test_an_export_link_serves_only_whom_it_was_written_for(make_config: Any, launched: Any) -> None:
    """Gradio serves any file of its cache to whoever holds the link: a signed-in customer
    fetched the operator's export of every transcript, and a ``--customer-only`` console on
    the same data folder (the split deployment) served it to anyone (found attacking a
    console on a network bind). Now only the user it was written for gets it, and only from
    the console that wrote it; the customer's own download likewise."""
    config = make_config(host="0.0.0.0", auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    public = launched(
        create_app(
            make_config(host="0.0.0.0", customer_only=True, data_dir=config.data_dir),
            backend=ScriptedBackend(reply=lambda m: "Noted."),
        )
    )
    public_base = public.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")

    def signed_in(user: str, password: str) -> httpx.Client:
        client = httpx.Client(base_url=base, timeout=30)
        assert client.post("/login", data={"username": user, "password": password}).status_code == 200
        return client

    def link(client: Client, *args: Any, api_name: str) -> str:
        served = client.predict(*args, api_name=api_name)
        url = served["url"] if isinstance(served, dict) else served.url
        return str(url).split("/gradio_api/file=", 1)[1]

    customer = Client(base + "/", auth=("cy", "pw-cy"), verbose=False, download_files=False)
    ask(customer, SECRET).result()
    conversation_id = app.store.list_conversations()[0].id
    operator = Client(base + "/", auth=("ana", "pw-ana"), verbose=False, download_files=False)
    staff_file = link(operator, conversation_id, "json", api_name="/export_conversation")
    customer_file = link(customer, api_name="/export_chat")
    ana, cy = signed_in("ana", "pw-ana"), signed_in("cy", "pw-cy")
    try:
        # gradio's file route, and its deprecated twin /file/<path> (a re-test got around a
        # check of the first alone)
        routes = ["/gradio_api/file=", "/gradio_api/file/"]
        for route in routes:
            served = ana.get(route + staff_file)
            assert SECRET in served.text, route
            # not kept in a shared browser's or a proxy's cache (an outside tester's finding)
            assert served.headers["cache-control"] == "no-store", route
            assert cy.get(route + staff_file).status_code == 404, route  # a customer with the link
            own = cy.get(route + customer_file)
            assert SECRET in own.text, route  # her own download
            assert own.headers["cache-control"] == "no-store", route
            assert ana.get(route + customer_file).status_code == 404, route
            assert httpx.get(base + route + staff_file, timeout=30).status_code in (401, 404)  # anonymous
            # the customer-only console on the same data folder did not write them
            for path in (staff_file, customer_file):
                assert httpx.get(public_base + route + path, timeout=30).status_code == 404, route
        # the same file by another spelling of its path is the same file
        dotted = staff_file.replace("/exports/", "/exports/./")
        assert cy.get("/gradio_api/file=" + dotted).status_code == 404
        assert SECRET in ana.get("/gradio_api/file=" + dotted).text
    finally:
        for closing in (ana, cy):
            closing.close()
        customer.close()
        operator.close()


def test_exports_a_killed_console_left_are_swept_at_start(make_config: Any) -> None:
    """Gradio's sweeper deletes only what its own process wrote: a plaintext export left by
    a console that was killed stayed on disk for good. The next start deletes it."""
    import os
    import time

    config = make_config()
    stale_folder = Path(config.data_dir) / "cache" / "exports" / "0123456789abcdef"
    stale_folder.mkdir(parents=True)
    stale = stale_folder / "transcripts-1.json"
    stale.write_text(SECRET, encoding="utf-8")
    fresh = Path(config.data_dir) / "cache" / "exports" / "fedcba9876543210" / "transcripts-2.json"
    fresh.parent.mkdir()
    fresh.write_text(SECRET, encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(stale_folder, (old, old))
    app = create_app(config, backend=ScriptedBackend(reply=lambda m: "Hi"))
    try:
        assert not stale.exists() and not stale_folder.exists()
        assert fresh.exists()  # a download of the last five minutes may still be under way
    finally:
        app.close()


def test_signed_out_http_reaches_only_the_login_and_the_probes(make_config: Any, launched: Any) -> None:
    """With logins, an anonymous caller on a network bind gets the sign-in page and the
    health probes, and nothing of the app: no config, no API description, no schema of the
    server's routes, no files (the key file included), no metrics, no chat."""
    import httpx

    config = make_config(host="0.0.0.0", auth=(("ana", "pw-ana"),), operators=("ana",), api_keys=("k-1",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    key_file = config.data_dir / "secret.key"
    closed = [
        "/config",
        "/gradio_api/info",
        "/gradio_api/openapi.json",
        "/gradio_api/queue/status",
        f"/gradio_api/file={key_file}",
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/proxy=http://127.0.0.1/",
        "/monitoring",
        "/metrics",
        "/v1/models",
    ]
    with httpx.Client(base_url=base, timeout=10) as anonymous:
        answers = {path: anonymous.get(path).status_code for path in closed}
        assert all(code in (401, 403) for code in answers.values()), answers
        # the server's own route list (FastAPI's default /openapi.json) is not published
        assert anonymous.get("/openapi.json").status_code == 404
        chat = anonymous.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}]})
        assert chat.status_code == 401
        assert anonymous.get("/healthz").status_code == 200
        assert anonymous.get("/readyz").status_code == 200
        page = anonymous.get("/").text
        assert '"auth_required":true' in page and '"components":[]' in page  # the sign-in page only
        # Gradio's session heartbeat, a stream held open as long as the caller likes whose end
        # closes the named session: refused signed out (it was answered, 2026-12-06's attack)
        heartbeat = "/gradio_api/heartbeat/abcdef123456"
        with anonymous.stream("GET", heartbeat) as stream:
            assert stream.status_code == 401
        anonymous.cookies.set("access-token-unsecure-forged", "forged")
        with anonymous.stream("GET", heartbeat) as stream:
            assert stream.status_code == 401
    with httpx.Client(base_url=base, timeout=10) as signed_in:
        assert signed_in.post("/login", data={"username": "ana", "password": "pw-ana"}).status_code == 200
        with signed_in.stream("GET", heartbeat) as stream:
            assert stream.status_code == 200  # the signed-in page keeps its session alive
    assert app.store.list_conversations() == []


def _until_the_reply_is_stored(app: Any) -> None:
    """Until the first conversation holds the customer's message and the reply being
    written (saved while it streams)."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        conversations = app.store.list_conversations()
        if conversations and len(app.store.get_conversation(conversations[0].id).messages) == 2:
            return
        time.sleep(0.05)


def test_taking_a_conversation_stops_the_reply_the_model_is_writing(make_config: Any, launched: Any) -> None:
    """Over real HTTP: an operator's Take while the model still writes stops the reply
    (kept, marked interrupted); the model says nothing after it."""

    backend = ScriptedBackend(reply=lambda m: " ".join(f"w{i}" for i in range(300)), delay=0.02)
    config = make_config(auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=backend))
    customer = Client(app.local_url, auth=("cy", "pw-cy"), verbose=False)
    operator = Client(app.local_url, auth=("ana", "pw-ana"), verbose=False)
    job = ask(customer, "Where is my parcel?", max_tokens=400)
    _until_the_reply_is_stored(app)
    conversation_id = app.store.list_conversations()[0].id
    operator.predict(conversation_id, api_name="/take")
    job.result(timeout=30)
    reply = app.store.get_conversation(conversation_id).messages[-1]
    assert reply.role == "assistant" and reply.status == "interrupted"
    assert 0 < len(reply.content.split()) < 300
    assert app.store.ownership(conversation_id)[1:] == ("person", "ana")
    customer.close()
    operator.close()


def test_asking_for_a_person_stops_the_reply_the_model_is_writing(make_config: Any, launched: Any) -> None:
    """Talk to a person pressed while the model still writes: the reply ran on to its end,
    over the customer's request, before the handoff line came (found by an outside tester).
    It stops, kept and marked interrupted, and the handoff line follows it."""

    backend = ScriptedBackend(reply=lambda m: " ".join(f"w{i}" for i in range(300)), delay=0.02)
    app = launched(create_app(make_config(), backend=backend))
    customer = Client(app.local_url, verbose=False)
    job = ask(customer, "Where is my parcel?", max_tokens=400)
    _until_the_reply_is_stored(app)
    customer.predict("general", "auto", api_name="/talk_to_human")
    job.result(timeout=30)
    record = app.store.get_conversation(app.store.list_conversations()[0].id)
    assert [m.role for m in record.messages] == ["user", "assistant", "assistant"]
    reply, line = record.messages[1], record.messages[2]
    assert reply.status == "interrupted" and 0 < len(reply.content.split()) < 300
    assert line.content == app.pipeline.personas.system_prompt("general", "en").persona.escalation
    assert record.handler == "queue"
    customer.close()


def test_a_customer_page_gets_no_staff_diagnostics(make_config: Any, launched: Any) -> None:
    """The staff sidebar's view of a turn (detected language, the guard's verdicts, the
    knowledge entries used) goes to staff pages only: hidden on a customer's page, it would
    still reach their browser."""
    logins = (("ana", "pw-ana"), ("cy", "pw-cy"))
    config = make_config(auth=logins, operators=("ana",), business_line="ecommerce")
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Within 30 days.")))
    question = "How long do I have to return an item for a refund?"
    customer = Client(app.local_url, auth=("cy", "pw-cy"), verbose=False)
    shown = customer.submit(question, 0.0, 1.0, 200, "ecommerce", "auto", api_name="/chat").result()
    operator = Client(app.local_url, auth=("ana", "pw-ana"), verbose=False)
    staff = operator.submit(question, 0.0, 1.0, 200, "ecommerce", "auto", api_name="/chat").result()
    assert chat_text(shown[1]) == chat_text(staff[1]) == "Within 30 days."
    assert "`en`" in staff[2] and "returns-refunds" in staff[3]  # the operator sees both
    # the customer's outputs for those two components: no value at all, only "unchanged"
    assert shown[2] == shown[3] == {"__type__": "update"}, shown[2:]
    customer.close()
    operator.close()


class _EngineBackend(ScriptedBackend):
    """A scripted backend that describes itself as a remote engine does: its address."""

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(backend="openai", model="/srv/models/qwen2.5-7b", device="http://10.9.8.7:8000/v1")


def test_the_page_layout_names_no_model_or_engine_address(make_config: Any, launched: Any) -> None:
    """Every visitor can read the page's layout (/config): on a public customer console
    anonymously, on a signed-in one as any customer. The staff header's "which model runs
    where" is filled on load for staff only, so neither the engine's address nor the model's
    path is in it."""
    public = launched(create_app(make_config(host="0.0.0.0", customer_only=True), backend=_EngineBackend()))
    layout = httpx.get(public.local_url.replace("0.0.0.0", "127.0.0.1") + "config", timeout=30).text
    logins = (("ana", "pw-ana"), ("cy", "pw-cy"))
    signed = launched(
        create_app(make_config(auth=logins, operators=("ana",)), backend=_EngineBackend()),
    )
    with httpx.Client(base_url=signed.local_url, timeout=30) as customer:
        assert customer.post("login", data={"username": "cy", "password": "pw-cy"}).status_code == 200
        signed_layout = customer.get("config").text
    for page in (layout, signed_layout):
        assert '"components"' in page  # the layout itself was read
        assert "10.9.8.7" not in page and "/srv/models" not in page
        assert '"analytics_enabled":false' in page  # and gradio's telemetry is off
        # no "Use via API" link under a customer's chat (its page lists every endpoint)
        assert '"footer_links":[]' in page
