"""The page is reachable while the model loads, says so, takes messages, and answers them
as soon as the model is up (console/loading.py); /readyz says not ready meanwhile."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from console.backends.base import Backend, BackendInfo
from console.errors import BackendError, ModelLoadError
from console.loading import LoadingBackend
from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, chat_text, send, wait_for


def slow_model(release: threading.Event) -> Any:
    def load() -> Backend:
        release.wait(60)
        return ScriptedBackend(reply=lambda m: "Ready and answering.")

    return load


def test_loading_backend_waits_answers_and_reports(make_config: Any) -> None:
    release = threading.Event()
    backend = LoadingBackend(slow_model(release), BackendInfo(backend="scripted", model="m", device="cpu"))
    status = backend.status()
    assert status is not None and status[0] == "loading"
    with pytest.raises(BackendError, match="still loading"):
        backend.ping()
    from console.options import GenerationOptions

    chunks: list[str] = []
    worker = threading.Thread(target=lambda: chunks.extend(backend.stream([], GenerationOptions())))
    worker.start()
    time.sleep(0.3)
    assert chunks == [] and worker.is_alive()  # the turn waits for the model
    release.set()
    worker.join(10)
    assert "".join(chunks) == "Ready and answering."
    assert backend.status() is None
    backend.ping()

    cancel = threading.Event()
    cancel.set()
    failing = LoadingBackend(
        lambda: (_ for _ in ()).throw(ModelLoadError("weights are corrupt")), backend.info
    )
    assert failing.wait(5)
    assert failing.status() == ("weights are corrupt", 0.0)
    with pytest.raises(BackendError, match="weights are corrupt"):
        list(failing.stream([], GenerationOptions()))


@pytest.mark.browser
def test_the_page_serves_while_the_model_loads(make_config: Any, launched: Any) -> None:
    from playwright.sync_api import sync_playwright

    release = threading.Event()
    backend = LoadingBackend(slow_model(release), BackendInfo(backend="scripted", model="m", device="cpu"))
    app = launched(create_app(make_config(), backend=backend))
    assert httpx.get(app.local_url + "readyz").status_code == 503
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.goto(app.local_url)
        banner = page.locator("#banner")
        wait_for(lambda: "starting" in banner.inner_text(), what="the loading banner")
        send(page, "Hello, is anybody there?")
        wait_for(lambda: page.locator("#message textarea").input_value() == "", what="the message taken")
        time.sleep(0.5)
        assert "Ready and answering." not in chat_text(page)
        release.set()
        wait_for(lambda: "Ready and answering." in chat_text(page), what="the answer once loaded")
        wait_for(lambda: "starting" not in banner.inner_text(), what="the banner gone")
        browser.close()
    assert httpx.get(app.local_url + "readyz").status_code == 200
