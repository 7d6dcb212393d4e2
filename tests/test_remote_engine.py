"""Scaling out: a console whose backend is another console's OpenAI-compatible API (the
stand-in for vLLM, which needs a GPU), and an engine killed mid-stream."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.backends.openai_engine import OpenAIEngineBackend
from console.options import GenerationOptions
from console.pipeline import TurnRequest
from console.service import create_app
from tests.conftest import ROOT, free_port, write_personas
from tests.test_openai_backend import start_engine
from tests.tiny_model import SUPPORT_SYSTEM, TRAINED_DIALOGS

KEY = "engine-key"
GREEDY = GenerationOptions(temperature=0.0, max_new_tokens=160)


def start_console(model: Path, port: int, data: Path, prompts: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CONSOLE_PROMPTS_DIR": str(prompts), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "app.py",
            "--model",
            str(model),
            "--port",
            str(port),
            "--data-dir",
            str(data),
            "--api-key",
            KEY,
            "--device",
            "cpu",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode() if proc.stdout else ""
            raise RuntimeError(f"console exited with {proc.returncode}: {out[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("console did not become ready")


class EngineConsole:
    """A second console process serving the tiny model through its own API."""

    def __init__(self, model: Path, data: Path, prompts: Path) -> None:
        self.model, self.data, self.prompts = model, data, prompts
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        self.proc = start_console(self.model, self.port, self.data, self.prompts)

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def engine_console(tiny_qwen2: Path, tmp_path: Path) -> Iterator[EngineConsole]:
    engine = EngineConsole(
        tiny_qwen2, tmp_path / "engine-data", write_personas(tmp_path / "engine-prompts", SUPPORT_SYSTEM)
    )
    engine.start()
    yield engine
    engine.kill()


def turn(app: Any, text: str) -> Any:
    *_, final = app.pipeline.stream_turn(TurnRequest(text=text, options=GREEDY, session="t"))
    return final


def test_console_serves_through_another_console(
    engine_console: EngineConsole, make_config: Any, launched: Any, tiny_personas: Any
) -> None:
    config = make_config(
        backend="openai",
        base_url=engine_console.base_url,
        engine_key=KEY,
        engine_model="support",
        api_keys=("ops-key",),
    )
    app = launched(create_app(config, personas=tiny_personas))
    assert app.pipeline.backend.info.backend == "openai"
    for dialog in TRAINED_DIALOGS[:2]:
        final = turn(app, dialog.user)
        assert final.status == "complete", final.error
        assert final.reply == dialog.answer
    ready = app.local_url.rstrip("/") + "/readyz"
    assert httpx.get(ready).json()["checks"]["engine"] == "reachable"

    # the engine goes away: a clear message, nothing hangs, the console keeps serving
    engine_console.kill()
    final = turn(app, TRAINED_DIALOGS[0].user)
    assert final.status == "failed" and final.error and "Cannot reach" in final.error
    # the probe says what failed; only a caller with the API key reads why, with the
    # engine's address (an outside tester read it anonymously on a network bind)
    down = httpx.get(ready)
    assert down.status_code == 503 and down.json()["checks"]["engine"] == "unreachable"
    assert engine_console.base_url not in down.text
    told = httpx.get(ready, headers={"Authorization": "Bearer ops-key"}).json()["checks"]["engine"]
    assert "Cannot reach" in told and engine_console.base_url in told
    # ... and comes back on the same address: picked up without restarting the console
    engine_console.start()
    final = turn(app, TRAINED_DIALOGS[0].user)
    assert final.status == "complete" and final.reply == TRAINED_DIALOGS[0].answer


def test_engine_killed_mid_stream_keeps_partial_reply(
    tiny_qwen2: Path, make_config: Any, launched: Any, tiny_personas: Any
) -> None:
    port = free_port()
    engine = start_engine(tiny_qwen2, port, delay=0.25)  # slow enough to kill between chunks
    try:
        config = make_config(backend="openai", base_url=f"http://127.0.0.1:{port}/v1", engine_timeout=10)
        app = launched(create_app(config, personas=tiny_personas))
        long = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))
        updates = app.pipeline.stream_turn(TurnRequest(text=long.user, options=GREEDY, session="k"))
        seen = 0
        final = None
        for update in updates:
            if update.reply and not update.done:
                seen += 1
                if seen == 3:
                    engine.kill()
            final = update
        assert final is not None
        assert final.status == "interrupted"
        assert final.error and ("lost" in final.error or "Cannot reach" in final.error)
        assert final.reply and long.answer.startswith(final.reply) and final.reply != long.answer
        stored = app.store.get_conversation(final.conversation_id).messages[-1]
        assert stored.role == "assistant" and stored.status == "interrupted" and stored.content == final.reply
    finally:
        engine.kill()
        engine.wait()


def test_unreachable_engine_at_start_still_starts(
    make_config: Any, launched: Any, tiny_personas: Any
) -> None:
    config = make_config(backend="openai", base_url=f"http://127.0.0.1:{free_port()}/v1")
    app = launched(create_app(config, personas=tiny_personas))
    final = turn(app, "Hello, is anyone there?")
    assert final.status == "failed" and "Cannot reach" in (final.error or "")
    assert isinstance(app.pipeline.backend, OpenAIEngineBackend)
