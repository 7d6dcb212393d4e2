"""The console as a person runs it: ``python app.py ...`` in a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from tests.clients import Client
from tests.conftest import ROOT, free_port, write_personas
from tests.test_app import ask, chat_text
from tests.tiny_model import SUPPORT_SYSTEM, TRAINED_DIALOGS


def serve(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 240
) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port), *args],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"app.py exited {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}"
            )
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("app.py did not become ready")


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def test_app_serves_a_local_model_directory(tiny_qwen2: Path, tmp_path: Path) -> None:
    prompts = write_personas(tmp_path / "prompts", SUPPORT_SYSTEM)
    proc, port = serve(
        ["--model", str(tiny_qwen2), "--data-dir", str(tmp_path / "data"), "--device", "cpu"],
        env={"CONSOLE_PROMPTS_DIR": str(prompts)},
    )
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        dialog = TRAINED_DIALOGS[0]
        assert chat_text(ask(client, dialog.user).result(timeout=60)[1]) == dialog.answer
        client.close()
    finally:
        out = stop(proc)
    assert f"Model: {tiny_qwen2}" in out and "chosen with --model" in out
    assert dialog.user not in out and dialog.answer not in out  # no transcript text in the logs
    key = tmp_path / "data" / "secret.key"
    assert key.exists() and (key.stat().st_mode & 0o777) == 0o600


@pytest.mark.slow
def test_default_model_offline_falls_back_to_bundled_smollm2(tmp_path: Path) -> None:
    """`python app.py` with no --model on an offline CPU machine: the 0.5B default cannot be
    fetched, so the bundled SmolLM2 instruct model is used, and the console says so."""
    proc, port = serve(["--data-dir", str(tmp_path / "data")], env={"CONSOLE_DEVICE": "cpu"})
    try:
        response = httpx.post(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            timeout=120,
            json={
                "messages": [{"role": "user", "content": "How do I reset my password?"}],
                "max_tokens": 24,
                "temperature": 0,
            },
        )
        assert response.status_code == 200, response.text
        assert len(response.json()["choices"][0]["message"]["content"].split()) >= 3
    finally:
        out = stop(proc)
    assert "SmolLM2" in out and "Qwen/Qwen2.5-0.5B-Instruct" in out


def test_db_upgrade_and_keys_rotate_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "PATH": os.environ.get("PATH", "")}
    upgrade = subprocess.run(
        [sys.executable, "app.py", "db", "upgrade", "--data-dir", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    # store a message, rotate, and read it back with the rotated key file
    script = textwrap.dedent(f"""
        from pathlib import Path
        from console.config import Config
        from console.store import TranscriptStore
        store = TranscriptStore.from_config(Config(data_dir=Path({str(data)!r})))
        cid = store.create_conversation(language="fr", business_line="general", model="m", backend="b",
                                        params={{}})
        store.add_message(cid, role="user", content="Où est ma commande ? 📦")
        print(cid)
    """)
    cid = (
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    rotate = subprocess.run(
        [sys.executable, "app.py", "keys", "rotate", "--data-dir", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert rotate.returncode == 0, rotate.stderr
    check = textwrap.dedent(f"""
        from pathlib import Path
        from console.config import Config
        from console.store import TranscriptStore
        store = TranscriptStore.from_config(Config(data_dir=Path({str(data)!r})))
        print(store.get_conversation({cid!r}).messages[0].content)
    """)
    out = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "Où est ma commande ? 📦" in out


KILL_SCRIPT = """
import sys
from pathlib import Path
from console.config import Config
from console.options import GenerationOptions
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Pipeline, TurnRequest
from console.store import TranscriptStore
from tests.fakes import ScriptedBackend

store = TranscriptStore.from_config(Config(data_dir=Path(sys.argv[1])))
backend = ScriptedBackend(reply=lambda m: " ".join(f"mot{i}" for i in range(1000)), delay=0.01)
pipeline = Pipeline(backend, PersonaLibrary(default_prompts_dir()), store)
request = TurnRequest(text="Bonjour, racontez-moi tout sur la garantie",
                      options=GenerationOptions(max_new_tokens=2000))
announced = False
for update in pipeline.stream_turn(request):  # ~10 s of streaming; the test kills it midway
    if len(update.reply) > 200 and not announced:
        print("STREAMING", update.conversation_id, flush=True)
        announced = True
"""


def test_process_killed_mid_stream_keeps_the_partial_reply(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("STREAMING"), line
    time.sleep(1.5)  # past the 1 s save interval
    proc.kill()  # SIGKILL: no finally blocks, no cleanup
    proc.wait()
    conversation_id = line.split()[1]

    from console.config import Config
    from console.store import TranscriptStore

    store = TranscriptStore.from_config(Config(data_dir=data))  # startup recovery runs here
    messages = store.get_conversation(conversation_id).messages
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[0].content == "Bonjour, racontez-moi tout sur la garantie"
    assert messages[1].status == "interrupted"
    assert messages[1].content.startswith("mot0 mot1") and len(messages[1].content) > 100
    store.close()


def test_a_stop_by_the_service_manager_deletes_the_exports_it_wrote(tiny_qwen2: Path, tmp_path: Path) -> None:
    """SIGTERM (systemd's, docker's stop) killed the process where it stood: the customer's
    download it had written stayed in the data folder in plaintext until the next start's
    sweep (an outside tester). Now the console closes as on Ctrl+C, and deletes its
    exports; it exits 0."""
    prompts = write_personas(tmp_path / "prompts", SUPPORT_SYSTEM)
    data = tmp_path / "data"
    proc, port = serve(
        ["--model", str(tiny_qwen2), "--data-dir", str(data), "--device", "cpu"],
        env={"CONSOLE_PROMPTS_DIR": str(prompts)},
    )
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=False)
        ask(client, TRAINED_DIALOGS[0].user).result(timeout=60)
        client.predict(api_name="/export_chat")
        client.close()
        exports = [p for p in data.rglob("exports/*/*") if p.name != ".holds"]
        assert exports and all(TRAINED_DIALOGS[0].user in p.read_text("utf-8") for p in exports)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert not list(data.rglob("exports/*"))
