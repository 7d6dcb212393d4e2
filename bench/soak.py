"""Soak: simulated customers hold multi-turn conversations against a running console for a
bounded time, then the transcripts are checked against what each customer sent and got.

    python -m bench.soak --customers 20 --seconds 60          # what CI runs (tests/test_soak.py)
    python -m bench.soak --customers 100 --seconds 600        # a long run for BENCHMARKS.md

The console runs in its own process (``--serve``, the scripted backend with a small delay
per word, so the console's own work is what is measured), with three API keys (tenants).
Half the customers use ``gradio_client`` against the chat tab's ``chat`` endpoint, half
the ``openai`` package (streaming and not, continuing by conversation id, each tenant's key
in turn). Every message carries a unique token and the scripted reply names it, so the
check afterwards is exact:

* no 5xx (and no other failure) seen by any customer;
* every sent message stored exactly once, every completed reply stored exactly once with
  the content the customer received;
* no conversation holds another customer's messages;
* the server's RSS stays bounded (growth after warm-up under ``--max-rss-growth-mb``).

Prints a table; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("soak-tenant-a", "soak-tenant-b", "soak-tenant-c")
TOKEN_RE = re.compile(r"soak-c\d+-t\d+")


def scripted_reply(messages: Sequence[Any]) -> str:
    """The reply names the token of the message it answers, so each reply is unique."""
    found = TOKEN_RE.findall(messages[-1]["content"])
    token = found[-1] if found else "none"
    return f"Answer for {token}: your parcel left the warehouse today and arrives within three days."


def serve(data_dir: Path, port: int, delay: float, concurrency: int) -> None:
    """The console under test (runs in its own process)."""
    sys.path.insert(0, str(ROOT))
    from console.config import Config
    from console.service import create_app
    from tests.fakes import ScriptedBackend

    config = Config(
        data_dir=data_dir,
        port=port,
        api_keys=KEYS,
        concurrency=concurrency,
        session_rate=100_000,
        client_rate=1_000_000,
        client_concurrency=1_000_000,  # every simulated customer is 127.0.0.1
        max_turns=10_000,
    )
    # record=False: the fake's own copy of every call's history is not the console's memory
    app = create_app(config, backend=ScriptedBackend(reply=scripted_reply, delay=delay, record=False))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    app.launch(block=False)
    print("READY", app.local_url, flush=True)
    stop.wait()
    app.close()


# ------------------------------------------------------------------------------ customers


@dataclass
class Turn:
    customer: int
    channel: str
    sent: str
    received: str | None = None  # the reply the customer got; None when the turn failed
    status: int = 200
    seconds: float = 0.0
    error: str = ""


@dataclass
class Results:
    turns: list[Turn] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, turn: Turn) -> None:
        with self.lock:
            self.turns.append(turn)


def message(customer: int, turn: int) -> str:
    return f"Hello, this is soak-c{customer}-t{turn}. Where is my parcel, please?"


def expected(text: str) -> str:
    return scripted_reply([{"role": "user", "content": text}])


def api_customer(n: int, url: str, deadline: float, results: Results) -> None:
    import openai

    client = openai.OpenAI(base_url=url + "/v1", api_key=KEYS[n % len(KEYS)], max_retries=0, timeout=120)
    history: list[dict[str, str]] = []
    conversation_id: str | None = None
    turn = 0
    while time.monotonic() < deadline:
        text = message(n, turn)
        record = Turn(n, "api", text)
        started = time.perf_counter()
        try:
            messages: Any = [*history, {"role": "user", "content": text}]
            extra = {"conversation_id": conversation_id}
            if turn % 2:
                stream = client.chat.completions.create(
                    model="support", messages=messages, stream=True, extra_body=extra
                )
                record.received = ""
                for chunk in stream:
                    conversation_id = (chunk.model_extra or {}).get("conversation_id") or conversation_id
                    if chunk.choices:
                        record.received += chunk.choices[0].delta.content or ""
            else:
                done = client.chat.completions.create(model="support", messages=messages, extra_body=extra)
                conversation_id = str((done.model_extra or {})["conversation_id"])
                record.received = done.choices[0].message.content or ""
        except openai.APIStatusError as exc:
            record.status, record.error = exc.status_code, str(exc)[:200]
        except Exception as exc:  # a broken connection, a timeout: counted, and the run goes on
            record.status, record.error = 0, f"{type(exc).__name__}: {exc}"[:200]
        record.seconds = time.perf_counter() - started
        results.add(record)
        if record.received is not None and record.status == 200:
            history += [{"role": "user", "content": text}, {"role": "assistant", "content": record.received}]
        turn += 1


def ui_customer(n: int, url: str, deadline: float, results: Results) -> None:
    from gradio_client import Client

    # a person waits longer than httpx's default 5 s for a busy server to take a message
    client = Client(url, verbose=False, httpx_kwargs={"timeout": 120})
    turn = 0
    try:
        while time.monotonic() < deadline:
            text = message(n, turn)
            record = Turn(n, "ui", text)
            started = time.perf_counter()
            try:
                job = client.submit(text, 0.0, 1.0, 200, "general", "auto", api_name="/chat")
                chat = job.result(timeout=120)[1]
                content = chat[-1]["content"] if chat and chat[-1]["role"] == "assistant" else ""
                record.received = _text(content)
                if record.received != expected(text):
                    record.status, record.error = 0, "the chat returned without this message's answer"
            except Exception as exc:  # gradio_client reports a server error as an exception
                record.status, record.error = 0, f"{type(exc).__name__}: {exc}"[:200]
            record.seconds = time.perf_counter() - started
            results.add(record)
            if record.status != 200:  # like a person reloading the page: a new session
                client.close()
                client = Client(url, verbose=False, httpx_kwargs={"timeout": 120})
            turn += 1
    finally:
        client.close()


def _text(content: Any) -> str:
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if part.get("type") == "text")
    return str(content)


# ------------------------------------------------------------------------------ checks


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def check(data_dir: Path, results: Results) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from console.config import Config
    from console.store import TranscriptStore, load_keyring

    config = Config(data_dir=data_dir)
    # migrate: a schema change made while a long run went on must not fail the check
    store = TranscriptStore.open(
        f"sqlite:///{config.sqlite_path}", load_keyring(data_dir, environ={}), recover=False
    )
    try:
        user_count: dict[str, int] = {}
        reply_count: dict[str, int] = {}
        mixed = 0
        statuses: dict[str, int] = {}
        for conversation_id in _all(store):
            record = store.get_conversation(conversation_id)
            # "soak-c7-t3" -> "soak-c7": whose messages these are
            owners = {t.split("-t")[0] for m in record.messages for t in TOKEN_RE.findall(m.content)}
            if len(owners) > 1:
                mixed += 1
            for m in record.messages:
                statuses[m.status] = statuses.get(m.status, 0) + 1
                bucket = user_count if m.role == "user" else reply_count
                bucket[m.content] = bucket.get(m.content, 0) + 1
    finally:
        store.close()
    sent = list(results.turns)
    completed = [t for t in results.turns if t.status == 200 and t.received]
    return {
        "messages stored once": sum(1 for t in sent if user_count.get(t.sent) == 1),
        "messages sent": len(sent),
        "messages missing or doubled": sum(1 for t in sent if user_count.get(t.sent) != 1),
        "missing / doubled by channel": {
            channel: (
                sum(1 for t in sent if t.channel == channel and not user_count.get(t.sent)),
                sum(1 for t in sent if t.channel == channel and user_count.get(t.sent, 0) > 1),
            )
            for channel in ("ui", "api")
        },
        "replies completed": len(completed),
        "replies stored once, as received": sum(
            1 for t in completed if t.received == expected(t.sent) and reply_count.get(t.received) == 1
        ),
        "conversations mixing customers": mixed,
        "rows by status": statuses,
    }


def _all(store: Any) -> list[str]:
    ids: list[str] = []
    while True:
        page = store.list_conversations(limit=1000, offset=len(ids))
        ids += [s.id for s in page]
        if len(page) < 1000:
            return ids


# ------------------------------------------------------------------------------ run


def run(customers: int, seconds: float, delay: float, max_rss_growth_mb: float) -> tuple[bool, str]:
    from tests.conftest import free_port

    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        data_dir = Path(tmp) / "data"
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.soak",
                "--serve",
                str(data_dir),
                str(port),
                str(delay),
                str(customers),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"},
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline().split()
            if not line or line[0] != "READY":
                raise RuntimeError(f"the console did not start: {line}")
            url = line[1].rstrip("/")
            results = Results()
            rss: list[float] = [rss_mb(server.pid)]
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=api_customer if n % 2 else ui_customer,
                    args=(n, url, deadline, results),
                    daemon=True,
                )
                for n in range(customers)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            warm = None
            while any(t.is_alive() for t in threads):
                time.sleep(1)
                rss.append(rss_mb(server.pid))
                if warm is None and time.monotonic() - started > min(10, seconds / 4):
                    warm = rss[-1]
            elapsed = time.monotonic() - started
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        verdict = check(data_dir, results)
    warm = warm or rss[0]
    failures = [t for t in results.turns if t.status != 200 or t.received is None]
    five = [t for t in results.turns if t.status >= 500]
    latencies = sorted(t.seconds for t in results.turns if t.status == 200)
    growth = max(rss) - warm
    ok = (
        not failures
        and verdict["messages missing or doubled"] == 0
        and verdict["replies stored once, as received"] == verdict["replies completed"] == len(results.turns)
        and verdict["conversations mixing customers"] == 0
        and set(verdict["rows by status"]) <= {"complete"}
        and growth <= max_rss_growth_mb
    )
    rows = [
        ("customers (ui / api)", f"{customers} ({(customers + 1) // 2} / {customers // 2})"),
        ("duration", f"{elapsed:.0f} s"),
        (
            "turns (ui / api)",
            f"{len(results.turns)} ({sum(t.channel == 'ui' for t in results.turns)} / "
            f"{sum(t.channel == 'api' for t in results.turns)})",
        ),
        ("turns per second", f"{len(results.turns) / elapsed:.1f}"),
        ("5xx", str(len(five))),
        ("other failures", str(len(failures) - len(five))),
        ("latency p50 / p95", f"{_pct(latencies, 50):.2f} s / {_pct(latencies, 95):.2f} s"),
        ("messages stored once", f"{verdict['messages stored once']} / {verdict['messages sent']}"),
        (
            "replies stored once, as received",
            f"{verdict['replies stored once, as received']} / {verdict['replies completed']}",
        ),
        ("conversations mixing customers", str(verdict["conversations mixing customers"])),
        (
            "not stored / stored twice (ui; api)",
            "; ".join(f"{m} / {d}" for m, d in verdict["missing / doubled by channel"].values()),
        ),
        ("rows by status", ", ".join(f"{k} {v}" for k, v in sorted(verdict["rows by status"].items()))),
        ("server RSS start / after warm-up / peak", f"{rss[0]:.0f} / {warm:.0f} / {max(rss):.0f} MB"),
        ("RSS growth after warm-up", f"{growth:.0f} MB (limit {max_rss_growth_mb:.0f})"),
        ("verdict", "PASS" if ok else "FAIL"),
    ]
    width = max(len(k) for k, _ in rows)
    table = "\n".join(
        [f"| {'check':<{width}} | value |", f"|{'-' * (width + 2)}|-------|"]
        + [f"| {k:<{width}} | {v} |" for k, v in rows]
    )
    for t in failures[:5]:
        table += f"\nfailure: customer {t.customer} ({t.channel}) status {t.status}: {t.error}"
    return ok, table


def _pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--delay", type=float, default=0.01, help="the scripted model's seconds per word")
    parser.add_argument("--max-rss-growth-mb", type=float, default=150)
    parser.add_argument(
        "--serve", nargs=4, metavar=("DATA", "PORT", "DELAY", "CONCURRENCY"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.serve:
        data, port, delay, concurrency = args.serve
        serve(Path(data), int(port), float(delay), int(concurrency))
        return 0
    ok, table = run(args.customers, args.seconds, args.delay, args.max_rss_growth_mb)
    print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
