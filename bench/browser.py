"""How busy a streaming reply keeps the customer's browser, by how often the chat sends it
an update (``console.ui.chat.UI_FRAME_S``), side by side in one run.

    python -m bench.browser                      # 500 words at 30 words a second, 4 paces
    python -m bench.browser --words 1000 --delay 0.02

The chatbot re-renders the whole reply's markdown on every update, so the cost of a reply
grows with updates x length. For each pace, one console (scripted backend: the reply's
words at ``--delay`` seconds apart, the pace of a model on a GPU) and one Debian chromium
page (playwright, the system browser) measure:

* **updates**: how many times the reply's bubble changed on the page (a MutationObserver);
* **input wait**: the round trip of a trivial ``page.evaluate`` every 100 ms while the
  reply streams: how long anything the customer does waits for the page's main thread;
* **end lag**: from the server's last word to the page showing it;
* **Stop lands**: a second reply, Stop clicked once 100 words show: from the click to the
  server's stream ending (playwright's click waits until the page can take it); **words
  after Stop**: how far past the 100th word the page got.

Needs chromium and the dev requirements (``bash .ci/setup.sh --dev``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: counts changes to the chat's text: one per update that reached the page and was rendered
_OBSERVE_JS = """() => {
  window.__renders = 0;
  const log = document.querySelector('#chatbot [role=log]') || document.querySelector('#chatbot');
  new MutationObserver(() => { window.__renders += 1; })
    .observe(log, {subtree: true, childList: true, characterData: true});
}"""


@dataclass
class Row:
    frame_s: float
    updates: int
    wait_median_ms: float
    wait_p90_ms: float
    wait_max_ms: float
    end_lag_s: float
    stop_s: float
    words_after_stop: int


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """The browser tests' wait, polled finer: the lags measured here are tenths of a second."""
    from tests.test_browser import wait_for

    wait_for(predicate, timeout, what, poll=0.02)


def measure(browser: Any, frame_s: float, words: int, delay: float) -> Row:
    import console.ui.chat as chat_module
    from console.config import Config
    from console.service import create_app
    from tests.conftest import free_port
    from tests.fakes import ScriptedBackend
    from tests.test_browser import chat_text, send, set_slider

    chat_module.UI_FRAME_S = frame_s
    reply = " ".join(f"w{i}" for i in range(words))
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        config = Config(data_dir=Path(tmp), port=free_port(), session_rate=6000)
        app = create_app(config, backend=ScriptedBackend(reply=lambda m: reply, delay=delay))
        app.launch(block=False)
        context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-US")
        try:
            page = context.new_page()
            page.goto(app.local_url)
            page.locator("#message textarea").wait_for()
            if words > 500:  # the slider's default is 512 tokens
                set_slider(page, "max-tokens", words + 10)
            send(page, "Please explain the whole warranty policy in detail")
            _wait(lambda: "w0" in chat_text(page), 60, "the reply to start")
            page.evaluate(_OBSERVE_JS)
            waits: list[float] = []
            while app.pipeline.active_streams:
                started = time.perf_counter()
                page.evaluate("1")
                waits.append(time.perf_counter() - started)
                time.sleep(0.1)
            ended = time.perf_counter()
            last = f"w{words - 1}"
            _wait(lambda: last in chat_text(page), 120, "the page to show the last word")
            end_lag = time.perf_counter() - ended
            updates = int(page.evaluate("window.__renders"))

            page.locator("#new-conversation").click()
            _wait(lambda: "w0" not in chat_text(page), 30, "a new conversation")
            send(page, "And the return policy, in detail?")
            _wait(lambda: "w100" in chat_text(page), 60, "100 words")
            clicked = time.perf_counter()
            page.locator("#stop").click()
            _wait(lambda: app.pipeline.active_streams == 0, 120, "the stream to end")
            stop_s = time.perf_counter() - clicked
            _wait(lambda: "stopped" in chat_text(page) or last in chat_text(page), 60, "the reply to end")
            shown = chat_text(page)
            after = max((int(w[1:]) for w in shown.split() if w[:1] == "w" and w[1:].isdigit()), default=0)
        finally:
            context.close()
            app.close()
    return Row(
        frame_s,
        updates,
        statistics.median(waits) * 1000,
        sorted(waits)[int(len(waits) * 0.9)] * 1000,
        max(waits) * 1000,
        end_lag,
        stop_s,
        after - 100,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=500, help="words in the streamed reply")
    parser.add_argument("--delay", type=float, default=1 / 30, help="seconds between words")
    parser.add_argument(
        "--frames", type=float, nargs="+", default=[0.0, 0.05, 0.1, 0.2], help="paces to compare (s)"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from console.ui.chat import UI_FRAME_S
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    rows: list[Row] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for frame in args.frames:
                rows.append(measure(browser, frame, args.words, args.delay))
                print(f"  measured pace {frame:g} s", file=sys.stderr, flush=True)
        finally:
            browser.close()

    print(f"\n{args.words} words, one every {args.delay * 1000:.0f} ms; the console's pace: {UI_FRAME_S:g} s")
    print(
        f"{'pace (s)':>9} {'updates':>8} {'input wait median':>18} {'p90':>8} {'max':>8} "
        f"{'end lag':>8} {'Stop lands':>11} {'words after Stop':>17}"
    )
    base = next((r for r in rows if r.frame_s == UI_FRAME_S), rows[-1])
    for r in rows:
        label = "every" if r.frame_s == 0 else f"{r.frame_s:g}"
        print(
            f"{label:>9} {r.updates:>8} {r.wait_median_ms:>15.0f} ms {r.wait_p90_ms:>5.0f} ms "
            f"{r.wait_max_ms:>5.0f} ms {r.end_lag_s:>6.2f} s {r.stop_s:>9.2f} s {r.words_after_stop:>17}"
        )
    print(f"\nratios to the default pace ({base.frame_s:g} s): input wait median, Stop lands")
    for r in rows:
        label = "every" if r.frame_s == 0 else f"{r.frame_s:g}"
        wait_ratio = r.wait_median_ms / max(base.wait_median_ms, 1e-6)
        stop_ratio = r.stop_s / max(base.stop_s, 1e-6)
        print(f"{label:>9} {wait_ratio:>8.1f}x {stop_ratio:>8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
