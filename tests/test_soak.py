"""Load (issue 9's suite): ``bench/soak.py`` in its CI size, 20 customers for 60 s, half
through ``gradio_client`` and half through the ``openai`` package. Zero 5xx, every message
and reply stored exactly once as sent and received, no conversation holding another's
messages, the server's RSS bounded. Set CONSOLE_SOAK_CUSTOMERS / CONSOLE_SOAK_SECONDS for
the long form (BENCHMARKS.md records those runs)."""

from __future__ import annotations

import os

import pytest

from bench.soak import run


def test_soak_customers_hold_conversations_and_the_transcripts_match(
    capsys: pytest.CaptureFixture[str],
) -> None:
    customers = int(os.environ.get("CONSOLE_SOAK_CUSTOMERS", "20"))
    seconds = float(os.environ.get("CONSOLE_SOAK_SECONDS", "60"))
    ok, table = run(customers, seconds, delay=0.01, max_rss_growth_mb=150)
    with capsys.disabled():
        print("\n" + table)
    assert ok, table
