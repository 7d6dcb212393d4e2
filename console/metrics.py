"""Prometheus metrics for one console instance (``GET /metrics``).

Each app gets its own ``CollectorRegistry`` rather than the process-global default, so
several consoles in one process (tests, benchmarks) never double-register, and a scrape
shows exactly this instance. Labels carry kinds and channels, never customer text.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# The *_created timestamp series double every counter in a scrape and no dashboard of
# ours reads them.
disable_created_metrics()  # type: ignore[no-untyped-call]

CONTENT_TYPE = CONTENT_TYPE_LATEST

# Seconds. First-token buckets span a tiny CPU model (ms) to a loaded GPU engine (s).
_TTFT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)
_TOKEN_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.turns = Counter(
            "console_turns",
            "Conversation turns by channel and final status",
            ["channel", "status"],
            registry=r,
        )
        self.requests = Counter(
            "console_api_requests",
            "HTTP API requests by route and status code",
            ["route", "code"],
            registry=r,
        )
        self.tokens = Counter("console_tokens_generated", "Completion tokens generated", registry=r)
        self.ttft = Histogram(
            "console_time_to_first_token_seconds",
            "Time from request to first token",
            buckets=_TTFT_BUCKETS,
            registry=r,
        )
        self.token_latency = Histogram(
            "console_token_latency_seconds",
            "Mean time per token after the first",
            buckets=_TOKEN_BUCKETS,
            registry=r,
        )
        self.errors = Counter("console_errors", "Errors by kind", ["kind"], registry=r)
        self.escalations = Counter(
            "console_escalations", "Conversations handed to a human, by reason", ["reason"], registry=r
        )
        self.language_retries = Counter(
            "console_language_retries",
            "Replies regenerated because they drifted from the customer's language",
            registry=r,
        )
        self.active_streams = Gauge("console_active_streams", "Replies being generated now", registry=r)
        self.queue_length = Gauge(
            "console_queue_length", "Requests waiting for a generation slot", registry=r
        )

    def track_active(self, count: Callable[[], float]) -> None:
        self.active_streams.set_function(count)

    def track_queue(self, count: Callable[[], float]) -> None:
        self.queue_length.set_function(count)

    def observe_turn(
        self,
        *,
        channel: str,
        status: str,
        ttft_s: float | None,
        duration_s: float,
        tokens: int,
        error_kind: str | None = None,
        language_retry: bool = False,
    ) -> None:
        self.turns.labels(channel, status).inc()
        self.tokens.inc(max(tokens, 0))
        if ttft_s is not None:
            self.ttft.observe(ttft_s)
            if tokens > 1 and duration_s > ttft_s:
                self.token_latency.observe((duration_s - ttft_s) / (tokens - 1))
        if error_kind:
            self.errors.labels(error_kind).inc()
        if language_retry:
            self.language_retries.inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
