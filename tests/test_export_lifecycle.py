"""How long an export lives: erasing a conversation deletes every export that holds it at
once (the team's, one or listed, and the customer's own download: erased means gone, and
the links answer 404), and the sweeper deletes an export KEEP_S after it was written on a
console nobody exports on (it ran only at start and before each new export). Over real
HTTP with gradio_client, like tests/test_staff_access.py; the helpers of console/ui/files.py
directly for what HTTP cannot time (two processes on one data folder, an erasure while an
export is written)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.downloads import ExportOwners
from console.errors import StoreError
from console.service import create_app
from console.ui import files
from tests.clients import Client
from tests.fakes import ScriptedBackend
from tests.test_app import ask

SECRET = "Bitte alles löschen: Kundennummer zebracorn4714, Passwort Sonnenblume42"
ROUTE = "/gradio_api/file="


def _link(client: Client, *args: Any, api_name: str) -> str:
    """The path an export link serves (gradio_client with download_files=False)."""
    served = client.predict(*args, api_name=api_name)
    url = served["url"] if isinstance(served, dict) else served.url
    return str(url).split(ROUTE, 1)[1]


def _holding(data_dir: Path, text: str) -> list[Path]:
    """Every file of the console's cache with ``text`` in it (exports are plaintext)."""
    cache = data_dir / "cache"
    return [p for p in cache.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def _wait_for(condition: Callable[[], bool], patience_s: float = 30.0) -> bool:
    deadline = time.monotonic() + patience_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _signed_in(base: str, user: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    assert client.post("/login", data={"username": user, "password": password}).status_code == 200
    return client


def test_erasing_a_conversation_deletes_every_export_of_it(make_config: Any, launched: Any) -> None:
    """An operator's JSON export of the conversation, her export of the listed ones and the
    customer's own download, all made before the erasure, stayed on disk in plaintext and
    their links kept answering 200 (found by an outside tester). The erasure deletes them
    all; the links answer 404, also to whom they were written for."""
    config = make_config(auth=(("ana", "pw-ana"), ("cy", "pw-cy")), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.rstrip("/")
    customer = Client(base + "/", auth=("cy", "pw-cy"), verbose=False, download_files=False)
    operator = Client(base + "/", auth=("ana", "pw-ana"), verbose=False, download_files=False)
    ana, cy = _signed_in(base, "ana", "pw-ana"), _signed_in(base, "cy", "pw-cy")
    other = Client(base + "/", auth=("cy", "pw-cy"), verbose=False, download_files=False)
    try:
        # another conversation's exports are not the erasure's business
        ask(other, "A question about something else").result()
        (kept,) = app.store.list_conversations()
        kept_links = [
            (ana, _link(operator, kept.id, "text", api_name="/export_conversation")),
            (cy, _link(other, api_name="/export_chat")),
        ]
        ask(customer, SECRET).result()
        summary = next(c for c in app.store.list_conversations() if c.id != kept.id)
        # the listed ids live in the operator's session: the list first, as the page does
        operator.predict("all", "all", "all", "", "", "", "all", api_name="/transcripts")
        links = {
            "one": (ana, _link(operator, summary.id, "json", api_name="/export_conversation")),
            "listed": (ana, _link(operator, "markdown", api_name="/export_listed")),
            "download": (cy, _link(customer, api_name="/export_chat")),
        }
        for kind, (owner, path) in links.items():
            assert SECRET in owner.get(ROUTE + path).text, kind
        assert len(_holding(Path(config.data_dir), SECRET)) == 3

        operator.predict(summary.id, True, api_name="/delete")

        for kind, (owner, path) in links.items():
            assert not Path(path).exists(), kind
            assert owner.get(ROUTE + path).status_code == 404, kind
        assert _holding(Path(config.data_dir), SECRET) == []
        for owner, path in kept_links:
            assert "something else" in owner.get(ROUTE + path).text
        assert len(list(files.exports_folder(Path(config.data_dir) / "cache").iterdir())) == 2
    finally:
        for closing in (ana, cy):
            closing.close()
        for client in (customer, other, operator):
            client.close()


def test_a_quiet_console_deletes_an_export_after_keep_s(
    make_config: Any, launched: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export from 23:44 was still on disk at 23:57, deleted only when someone exported
    again. The sweeper runs on its own: an export older than KEEP_S goes, its link with it,
    without another export; a newer one stays; closing the console stops the sweeper."""
    monkeypatch.setattr(files, "SWEEP_S", 0.2)
    config = make_config(auth=(("ana", "pw-ana"),), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.rstrip("/")
    operator = Client(base + "/", auth=("ana", "pw-ana"), verbose=False, download_files=False)
    ana = _signed_in(base, "ana", "pw-ana")
    try:
        ask(operator, SECRET).result()
        (summary,) = app.store.list_conversations()
        old = _link(operator, summary.id, "json", api_name="/export_conversation")
        new = _link(operator, summary.id, "text", api_name="/export_conversation")
        assert ana.get(ROUTE + old).status_code == 200
        # written KEEP_S and a minute ago, as far as the sweeper can tell
        written = time.time() - files.KEEP_S - 60
        os.utime(old, (written, written))

        assert _wait_for(lambda: not Path(old).exists()), "the sweeper never deleted the old export"
        assert not Path(old).parent.exists()  # nor left its folder behind
        assert ana.get(ROUTE + old).status_code == 404
        assert Path(new).exists() and SECRET in ana.get(ROUTE + new).text
    finally:
        ana.close()
        operator.close()
    sweeper = app.sweeper
    app.close()
    assert sweeper is not None and not sweeper._thread.is_alive()


# ------------------------------------------------------------ the helpers themselves


def _export(cache: Path, owners: ExportOwners, holds: list[str] | None, text: str = SECRET) -> Path:
    with files.new_export(cache, "transcripts-1.json", "the export", owners, "ana", holds) as path:
        path.write_text(text, encoding="utf-8")
    return path


def test_an_erasure_deletes_only_the_exports_that_hold_the_conversation(tmp_path: Path) -> None:
    owners = ExportOwners()
    both = _export(tmp_path, owners, ["c-erased", "c-kept"])
    other = _export(tmp_path, owners, ["c-kept"])
    unsaid = _export(tmp_path, owners, None)  # a writer that did not say: it may hold it
    assert files.erase_exports(tmp_path, "c-erased", owners) == 2
    assert not both.exists() and not unsaid.exists()
    assert not both.parent.exists() and not unsaid.parent.exists()
    assert other.exists()
    assert owners.owner(os.path.realpath(both)) == (False, None)  # its link: 404 at once
    assert owners.owner(os.path.realpath(other)) == (True, "ana")


def test_an_erasure_in_another_process_finds_the_exports_by_their_record(tmp_path: Path) -> None:
    """Two console processes on one data folder (replicas): the one that erases never
    recorded the other's exports in memory; the record beside each export tells it."""
    writer, eraser = ExportOwners(), ExportOwners()
    held = _export(tmp_path, writer, ["c-erased"])
    other = _export(tmp_path, writer, ["c-other"])
    assert files.erase_exports(tmp_path, "c-erased", eraser) == 1
    assert not held.exists() and other.exists()
    # an export whose folder has no record (a console before this one) may hold anything
    (other.parent / files.HOLDS).unlink()
    assert files.erase_exports(tmp_path, "c-unrelated", eraser) == 1
    assert not other.exists()


@pytest.mark.parametrize("writer", ["fails", "finishes"])
def test_an_export_being_written_when_its_conversation_is_erased_is_thrown_away(
    tmp_path: Path, writer: str
) -> None:
    """The erasure deletes the folder under the writer: writing on fails, or (a writer that
    put its file back, as a rename at the end of console.export can) it finishes; either
    way nothing is left and the person who asked is told why."""
    owners = ExportOwners()
    with pytest.raises(StoreError, match="erased meanwhile"):
        with files.new_export(tmp_path, "conversation-1.json", "the export", owners, None, ["c1"]) as path:
            path.write_text("first half, ", encoding="utf-8")
            files.erase_exports(tmp_path, "c1", owners)
            if writer == "finishes":
                path.parent.mkdir()
            path.write_text(SECRET, encoding="utf-8")
    assert not path.exists() and not path.parent.exists()


def test_the_sweeper_keeps_an_export_of_the_last_keep_s_and_the_record_with_it(tmp_path: Path) -> None:
    owners = ExportOwners()
    fresh, stale = _export(tmp_path, owners, ["c1"]), _export(tmp_path, owners, ["c2"])
    written = time.time() - 600
    os.utime(stale, (written, written))
    assert files.sweep_exports(tmp_path, keep_s=300) == 1
    assert not stale.parent.exists()
    assert fresh.exists() and (fresh.parent / files.HOLDS).exists()
