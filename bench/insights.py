"""How long each insights aggregate takes on 100,000 conversations (target: < 200 ms each).

    python -m bench.insights [--conversations 100000] [--runs 5] [--db PATH] [--check]

Fills a SQLite file with the demo generator (console/demo_data.py: a month of
conversations with their messages and ownership events, encrypted like real ones; its bulk
inserts go through the insights triggers of revision 0006, so the fill time includes
keeping the rollups) unless ``--db`` names one it filled before (an older file is upgraded
first, which fills the rollups from its rows), then times every aggregate the insights tab
runs over the whole month (no filter) and filtered by a language and by a business line.
Prints the median and the slowest of ``--runs`` runs per aggregate (wall clock), and the
median CPU time of this process (SQLite runs in-process, so on a busy shared machine CPU
time is what the same query takes on an idle one), in ms. ``--check`` first compares the
rollups with the base tables (console/store/rollups.py: differences), row by row.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from console import demo_data, insights
from console.store import Keyring, TranscriptStore, rollups
from console.store.models import Conversation, ConversationEvent, Message

KEY = Keyring({1: bytes(range(32))}, "bench")
END = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)


def aggregates(store: TranscriptStore) -> dict[str, Callable[[insights.Filters], Any]]:
    engine = store.engine
    return {
        "conversations_per_day": lambda f: insights.conversations_per_day(engine, f),
        "messages_per_day": lambda f: insights.messages_per_day(engine, f),
        "reply_times (p50/p95 x2)": lambda f: insights.reply_times(engine, f),
        "tokens_per_second": lambda f: insights.tokens_per_second(engine, f),
        "handoff_rate": lambda f: insights.handoff_rate(engine, f),
        "handoff_reasons": lambda f: insights.handoff_reasons(engine, f),
        "wait_for_person_per_day": lambda f: insights.wait_for_person_per_day(engine, f),
        "resolution": lambda f: insights.resolution(engine, f),
        "satisfaction by language": lambda f: insights.satisfaction(engine, f, "language"),
        "satisfaction by line": lambda f: insights.satisfaction(engine, f, "business_line"),
        "guard_events": lambda f: insights.guard_events(engine, f),
        "summary (7 figures)": lambda f: insights.summary(engine, f),
        "top_questions (decrypts <=500)": lambda f: insights.top_questions(store, f),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="reuse (or create) this SQLite file")
    parser.add_argument("--check", action="store_true", help="compare the rollups with the base tables")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="bench-insights-")) / "console.db"
    fresh = not path.exists()
    started = time.perf_counter()
    store = TranscriptStore.open(f"sqlite:///{path}", KEY)  # upgrades an older file
    if not fresh:
        print(f"opened {path} (upgraded if older) in {time.perf_counter() - started:.1f} s")
    if fresh:
        started = time.perf_counter()
        stats = demo_data.write(store.engine, KEY, conversations=args.conversations, days=30, end=END)
        print(
            f"filled {path}: {stats.conversations} conversations, {stats.messages} messages, "
            f"{stats.events} events in {time.perf_counter() - started:.0f} s"
        )
    with store.engine.connect() as c:
        counts = [
            c.scalar(select(func.count()).select_from(t)) for t in (Conversation, Message, ConversationEvent)
        ]
    size = path.stat().st_size >> 20
    print(f"database: {counts[0]} conversations, {counts[1]} messages, {counts[2]} events, {size} MiB")
    if args.check:
        started = time.perf_counter()
        with store.engine.connect() as c:
            problems = rollups.differences(c)
        print(
            f"rollups vs base tables: {len(problems)} differing rows "
            f"(checked in {time.perf_counter() - started:.0f} s){''.join(f'; {p}' for p in problems[:5])}"
        )
    month = insights.Filters.last_days(30, now=END)
    cases = {
        "month": month,
        "month, language=ja": insights.Filters(month.since, month.until, language="ja"),
        "month, line=finance": insights.Filters(month.since, month.until, business_line="finance"),
    }
    print(f"\n| aggregate | {' | '.join(f'{name}: wall p50 / max, CPU p50 ms' for name in cases)} |")
    print(f"|---|{'---|' * len(cases)}")
    worst = 0.0
    for name, run in aggregates(store).items():
        cells = []
        for f in cases.values():
            run(f)  # warm the page cache and the statement cache
            times, cpu = [], []
            for _ in range(args.runs):
                started, used = time.perf_counter(), time.process_time()
                run(f)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
            worst = max(worst, *times)
            cells.append(f"{statistics.median(times):.0f} / {max(times):.0f}, {statistics.median(cpu):.0f}")
        print(f"| {name} | {' | '.join(cells)} |", flush=True)
    print(f"\nslowest single run: {worst:.1f} ms wall (target < 200 ms)")
    with open("/proc/loadavg", encoding="ascii") as load:  # a shared machine: say how busy
        print(f"load average while measuring: {load.read().split()[:3]}, CPUs: {os.cpu_count()}")
    store.close()


if __name__ == "__main__":
    main()
