"""Every insights aggregate against a month of hand-made turns, written through the store's
own methods (so the columns they read are the ones the store keeps) on a real SQLite file,
and on PostgreSQL when CONSOLE_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from console import insights
from console.insights import Filters
from console.metrics import Metrics
from console.store import Keyring, TranscriptStore
from console.store import repository as repo_module
from tests.test_insights_store import Clock
from tests.test_store import postgres_url, reset_postgres

DAY1 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
DAY2 = datetime(2026, 11, 4, 15, 0, tzinfo=UTC)
PERIOD = Filters(datetime(2026, 11, 3, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TranscriptStore]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'console.db'}"
    else:
        url = postgres_url()
        reset_postgres(url)
    s = TranscriptStore.open(url, Keyring({1: bytes(range(32))}, "t"))
    yield s
    s.close()


class Seed:
    """Turns written through the store with a clock the test moves."""

    def __init__(self, store: TranscriptStore, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self.language: dict[str, str] = {}

    def conversation(self, at: datetime, language: str, line: str) -> str:
        self.clock.now = at
        cid = self.store.create_conversation(
            language=language, business_line=line, model="m", backend="b", params={}
        )
        self.language[cid] = language
        return cid

    def ask(self, cid: str, text: str) -> None:
        self.clock.advance(seconds=1)
        self.store.add_message(cid, role="user", content=text, language=self.language[cid])

    def reply(
        self,
        cid: str,
        *,
        latency_ms: float,
        ttft_ms: float,
        tokens: int,
        meta: dict[str, Any] | None = None,
        feedback: int | None = None,
    ) -> str:
        reply = self.store.add_message(
            cid, role="assistant", content="", status="streaming", language=self.language[cid]
        )
        self.clock.advance(milliseconds=latency_ms)
        self.store.update_message(
            reply,
            content="…",
            status="complete",
            latency_ms=latency_ms,
            completion_tokens=tokens,
            meta={"ttft_ms": ttft_ms, **(meta or {})},
        )
        if feedback is not None:
            self.store.set_feedback(reply, feedback)
        return reply


@pytest.fixture
def seeded(store: TranscriptStore, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    clock = Clock()
    monkeypatch.setattr(repo_module, "utcnow", clock)
    s = Seed(store, clock)
    # outside the period: must count nowhere
    c0 = s.conversation(datetime(2026, 10, 1, tzinfo=UTC), "en", "general")
    s.ask(c0, "old")
    s.reply(c0, latency_ms=9000, ttft_ms=9000, tokens=1, feedback=-1)
    store.set_rating(c0, 1)
    # day 1
    c1 = s.conversation(DAY1, "ja", "saas")
    s.ask(c1, "ログインできません")
    s.reply(c1, latency_ms=2000, ttft_ms=300, tokens=50, feedback=1)
    c2 = s.conversation(DAY1 + timedelta(minutes=5), "fr", "ecommerce")
    s.ask(c2, "Le colis est  abîmé")
    s.reply(c2, latency_ms=4000, ttft_ms=500, tokens=70, meta={"language_retry": True}, feedback=-1)
    store.transition(c2, "escalated", actor="customer", reason="complaint")
    clock.advance(seconds=60)
    store.transition(c2, "taken", actor="Aiko")
    store.add_message(c2, role="agent", content="Je regarde", author="Aiko")
    clock.advance(minutes=9)
    store.transition(c2, "resolved", actor="Aiko")
    store.set_rating(c2, 2, "lent")
    c3 = s.conversation(DAY1 + timedelta(hours=2), "ja", "ecommerce")
    s.ask(c3, "返品したい")
    s.reply(c3, latency_ms=1000, ttft_ms=100, tokens=10, meta={"blocked": "blocked_term"})
    store.add_message(c3, role="assistant", content="", status="failed", language="ja")
    store.set_rating(c3, 5)
    # day 2
    c4 = s.conversation(DAY2, "fr", "saas")
    s.ask(c4, "Where is my order?")
    store.transition(c4, "escalated", actor="customer", reason="customer_request")
    clock.advance(milliseconds=500)
    store.add_message(
        c4, role="assistant", content="Un instant", language="fr", meta={"handoff": "customer_request"}
    )
    c5 = s.conversation(DAY2 + timedelta(hours=1), "ja", "saas")
    s.ask(c5, "where is my   ORDER?")
    s.reply(c5, latency_ms=3000, ttft_ms=200, tokens=40)
    store.transition(c5, "escalated", actor="bot", reason="model_unsure")
    clock.advance(seconds=120)
    store.transition(c5, "taken", actor="Ben")
    store.transition(c5, "handed_back", actor="Ben")
    return {"store": store, "engine": store.engine, "c2_resolution_ms": (9 * 60 + 60 + 4 + 1) * 1000}


def _rows(frame: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in frame.itertuples(index=False, name=None)]


def test_volume_per_day_by_language(seeded: dict[str, Any]) -> None:
    engine = seeded["engine"]
    assert _rows(insights.conversations_per_day(engine, PERIOD)) == [
        ("2026-11-03", "fr", 1),
        ("2026-11-03", "ja", 2),
        ("2026-11-04", "fr", 1),
        ("2026-11-04", "ja", 1),
    ]
    # day 1: c1 2, c2 3 (+ agent), c3 3 (+ failed); day 2: c4 2, c5 2
    assert _rows(insights.messages_per_day(engine, PERIOD)) == [
        ("2026-11-03", "fr", 3),
        ("2026-11-03", "ja", 5),
        ("2026-11-04", "fr", 2),
        ("2026-11-04", "ja", 2),
    ]
    saas = Filters(PERIOD.since, PERIOD.until, business_line="saas")
    assert _rows(insights.conversations_per_day(engine, saas)) == [
        ("2026-11-03", "ja", 1),
        ("2026-11-04", "fr", 1),
        ("2026-11-04", "ja", 1),
    ]


def test_reply_speed(seeded: dict[str, Any]) -> None:
    engine = seeded["engine"]
    times = insights.reply_times(engine, PERIOD)
    got = {(r.day, r.metric): (r.p50, r.p95, r.replies) for r in times.itertuples()}
    assert got == {
        ("2026-11-03", "first token"): (300.0, 500.0, 3),
        ("2026-11-03", "full answer"): (2000.0, 4000.0, 3),
        ("2026-11-04", "first token"): (200.0, 200.0, 1),
        ("2026-11-04", "full answer"): (3000.0, 3000.0, 1),
    }
    saas = insights.reply_times(engine, Filters(PERIOD.since, PERIOD.until, business_line="saas"))
    got = {(r.day, r.metric): (r.p50, r.p95, r.replies) for r in saas.itertuples()}
    assert got == {  # c1 on day 1, c5 on day 2 (c4's handoff line is no timed reply)
        ("2026-11-03", "first token"): (300.0, 300.0, 1),
        ("2026-11-03", "full answer"): (2000.0, 2000.0, 1),
        ("2026-11-04", "first token"): (200.0, 200.0, 1),
        ("2026-11-04", "full answer"): (3000.0, 3000.0, 1),
    }
    rate = insights.tokens_per_second(engine, PERIOD)
    assert _rows(rate) == [("2026-11-03", round(130 * 1000 / 6100, 1)), ("2026-11-04", round(40 / 2.8, 1))]
    first = insights.first_response(engine, PERIOD)
    # c1 2 s, c2 4 s, c3 1 s, c4 the handoff line after 0.5 s, c5 3 s
    assert first == {"n": 5, "p50": pytest.approx(2000.0), "p95": pytest.approx(4000.0)}


def test_handoffs_and_waits(seeded: dict[str, Any]) -> None:
    engine = seeded["engine"]
    assert _rows(insights.handoff_rate(engine, PERIOD)) == [
        ("2026-11-03", 3, 1, round(1 / 3, 4)),
        ("2026-11-04", 2, 2, 1.0),
    ]
    assert _rows(insights.handoff_reasons(engine, PERIOD)) == [
        ("complaint", 1),
        ("customer_request", 1),
        ("model_unsure", 1),
    ]
    assert insights.wait_for_person(engine, PERIOD) == {
        "n": 2,
        "p50": pytest.approx(60_000),
        "p95": pytest.approx(120_000),
    }
    daily = insights.wait_for_person_per_day(engine, PERIOD)
    assert _rows(daily) == [("2026-11-03", 1, 60_000.0, 60_000.0), ("2026-11-04", 1, 120_000.0, 120_000.0)]
    assert _rows(insights.resolution(engine, PERIOD)) == [("assistant", 2), ("person", 2), ("waiting", 1)]
    resolved = insights.resolution_times(engine, PERIOD)
    assert resolved["n"] == 1
    assert resolved["p50"] == pytest.approx(seeded["c2_resolution_ms"], abs=1)
    french = Filters(PERIOD.since, PERIOD.until, language="fr")
    assert _rows(insights.resolution(engine, french)) == [("assistant", 0), ("person", 1), ("waiting", 1)]


def test_satisfaction_by_language_and_line(seeded: dict[str, Any]) -> None:
    engine = seeded["engine"]
    by_language = insights.satisfaction(engine, PERIOD, "language")
    assert _rows(by_language) == [("fr", 0, 1, 0.0, 1, 2.0), ("ja", 1, 0, 1.0, 1, 5.0)]
    by_line = _rows(insights.satisfaction(engine, PERIOD, "business_line"))
    assert by_line[0] == ("ecommerce", 0, 1, 0.0, 2, 3.5)
    assert by_line[1][:5] == ("saas", 1, 0, 1.0, 0) and math.isnan(by_line[1][5])
    summary = insights.summary(engine, PERIOD)
    assert {
        k: summary[k] for k in ("conversations", "handed_off", "handoff_rate", "up_ratio", "ratings")
    } == {
        "conversations": 5,
        "handed_off": 3,
        "handoff_rate": 0.6,
        "up_ratio": 0.5,
        "ratings": 2,
    }
    assert summary["rating"] == 3.5


def test_guard_events_and_rate_limits(seeded: dict[str, Any]) -> None:
    engine = seeded["engine"]
    assert _rows(insights.guard_events(engine, PERIOD)) == [
        ("2026-11-03", "blocked", 1),
        ("2026-11-03", "failed", 1),
        ("2026-11-03", "language_retry", 1),
    ]
    metrics = Metrics()
    assert insights.rate_limited(metrics) == 0
    metrics.errors.labels("rate_limit").inc(3)
    assert insights.rate_limited(metrics) == 3


def test_top_questions_decrypts_handed_off_and_thumbs_down_only(seeded: dict[str, Any]) -> None:
    top = insights.top_questions(seeded["store"], PERIOD)
    rows = {(q.casefold().replace("   ", " "), n, h, d) for q, n, h, d in _rows(top)}
    assert rows == {("where is my order?", 2, 2, 0), ("le colis est abîmé", 1, 1, 1)}
    assert list(top["conversations"]) == [2, 1]  # most frequent first
    assert len(insights.top_questions(seeded["store"], PERIOD, limit=1)) == 1


def _nearest(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


def test_rollup_figures_equal_the_base_rows(store: TranscriptStore) -> None:
    """On a demo month (bulk inserts, so the rollups come from the triggers alone), every
    figure read from a rollup or an index walk equals the same figure computed here from
    the base rows: exact nearest-rank percentiles from both ends, per-day counts and sums,
    for the whole period, a language and a business line."""
    from sqlalchemy import select

    from console import demo_data
    from console.store.models import Conversation, ConversationEvent, Message

    end = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    demo_data.write(store.engine, store.keyring, conversations=150, days=4, end=end)
    with store.engine.connect() as connection:
        messages = connection.execute(
            select(
                Message.day,
                Message.language,
                Message.role,
                Message.status,
                Message.ttft_ms,
                Message.latency_ms,
                Message.completion_tokens,
                Conversation.business_line,
            ).join(Conversation, Conversation.id == Message.conversation_id)
        ).all()
        conversations = connection.execute(
            select(
                Conversation.id,
                Conversation.day,
                Conversation.language,
                Conversation.business_line,
                Conversation.first_response_ms,
            )
        ).all()
        waits = connection.execute(
            select(ConversationEvent.conversation_id, ConversationEvent.waited_ms).where(
                ConversationEvent.kind == "taken", ConversationEvent.waited_ms.is_not(None)
            )
        ).all()
    month = Filters.last_days(4, now=end)
    language = max({c.language for c in conversations}, key=[c.language for c in conversations].count)
    by_id = {c.id: c for c in conversations}
    cases = {
        "all": (month, lambda m: True, lambda c: True),
        "language": (
            Filters(month.since, month.until, language=language),
            lambda m: m.language == language,
            lambda c: c.language == language,
        ),
        "line": (
            Filters(month.since, month.until, business_line="ecommerce"),
            lambda m: m.business_line == "ecommerce",
            lambda c: c.business_line == "ecommerce",
        ),
    }
    for name, (f, message_ok, conversation_ok) in cases.items():
        chosen = [m for m in messages if message_ok(m)]
        replies = [m for m in chosen if m.role == "assistant" and m.status == "complete"]
        expected = {}
        for day in sorted({m.day for m in replies}):
            for metric, column in (("first token", "ttft_ms"), ("full answer", "latency_ms")):
                values = [
                    getattr(m, column) for m in replies if m.day == day and getattr(m, column) is not None
                ]
                if values:
                    expected[(day, metric)] = (_nearest(values, 0.5), _nearest(values, 0.95), len(values))
        got = {
            (r.day, r.metric): (r.p50, r.p95, r.replies)
            for r in insights.reply_times(store.engine, f).itertuples()
        }
        assert got == expected, name
        counted: dict[tuple[str, str | None], int] = {}
        for m in chosen:
            counted[(m.day, m.language)] = counted.get((m.day, m.language), 0) + 1
        assert _rows(insights.messages_per_day(store.engine, f)) == [
            (d, lang, n) for (d, lang), n in sorted(counted.items())
        ], name
        rate: dict[str, list[float]] = {}
        for m in replies:
            decode = m.latency_ms - (m.ttft_ms or 0.0) if m.latency_ms is not None else None
            if m.completion_tokens and m.completion_tokens > 0 and decode and decode > 0:
                tokens, ms = rate.setdefault(m.day, [0.0, 0.0])
                rate[m.day] = [tokens + m.completion_tokens, ms + decode]
        assert _rows(insights.tokens_per_second(store.engine, f)) == [
            (d, round(t * 1000 / ms, 1)) for d, (t, ms) in sorted(rate.items())
        ], name
        firsts = [
            c.first_response_ms
            for c in conversations
            if conversation_ok(c) and c.first_response_ms is not None
        ]
        assert insights.first_response(store.engine, f) == {
            "n": len(firsts),
            "p50": _nearest(firsts, 0.5),
            "p95": _nearest(firsts, 0.95),
        }, name
        # the query left out None already: `w is not None` only tells the type checker
        waited = [w for cid, w in waits if w is not None and conversation_ok(by_id[cid])]
        assert insights.wait_for_person(store.engine, f) == {
            "n": len(waited),
            "p50": _nearest(waited, 0.5),
            "p95": _nearest(waited, 0.95),
        }, name
        summary = insights.summary(store.engine, f)
        assert summary["first_response"] == insights.first_response(store.engine, f)
        assert summary["wait_for_person"] == insights.wait_for_person(store.engine, f)
        assert summary["resolution_time"] == insights.resolution_times(store.engine, f)


def test_period_days_are_the_team_days_in_date_order() -> None:
    """Every team day of a period, those without a row included: what a day axis names."""
    now = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 01:30 on the 7th in Tokyo, the 6th in UTC
    tokyo = insights.period_days(Filters.last_days(7, now=now, zone=ZoneInfo("Asia/Tokyo")))
    assert tokyo == [f"2026-12-0{d}" for d in range(1, 8)]
    assert insights.period_days(Filters.last_days(7, now=now))[-1] == "2026-12-06"
    # a week with a 25-hour day (Berlin's clocks went back on 25 October): seven days still
    autumn = Filters.last_days(7, now=datetime(2026, 10, 27, 12, tzinfo=UTC), zone=ZoneInfo("Europe/Berlin"))
    assert autumn.until - autumn.since == timedelta(days=7, hours=1)
    assert insights.period_days(autumn) == [f"2026-10-{d}" for d in range(21, 28)]
    winter = insights.period_days(Filters.last_days(90, now=datetime(2027, 1, 10, 12, tzinfo=UTC)))
    assert (len(winter), winter[0], winter[-1]) == (90, "2026-10-13", "2027-01-10")


def test_the_tab_draws_each_team_day_as_its_date_in_date_order() -> None:
    """The day plots' data are the team's dates as text, one row or more for every day of
    the period (they were datetimes, which Vega-Lite drew in the browser's zone), and their
    axis is sorted in date order across New Year ("01-01" sorts before "12-27" as text)."""
    from console.ui import insights as tab

    f = Filters.last_days(7, now=datetime(2027, 1, 2, 12, tzinfo=UTC))
    days = insights.period_days(f)
    labels = ["12-27", "12-28", "12-29", "12-30", "12-31", "01-01", "01-02"]
    counts = pd.DataFrame(
        {"day": ["2026-12-30", "2027-01-02"], "conversations": [1, 3], "language": ["fr", "ja"]}
    )
    drawn = tab._per_day(counts, days, "conversations", color="language")
    assert list(drawn["day"]) == labels
    assert list(drawn["conversations"]) == [0, 0, 0, 1, 0, 0, 3]  # a day without any: a zero bar
    rates = pd.DataFrame({"day": ["2026-12-30"], "rate": [0.25]})
    line = tab._per_day(rates, days, "rate", gap=True)
    assert list(line["day"]) == labels
    assert line["rate"].isna().sum() == 6 and line["rate"].iloc[3] == 0.25  # gaps, not zeros
    axes = tab.axes(f)
    assert set(axes) == {name for name, _plot, x, *_rest in tab.PLOTS if x == "day"}
    assert all(props["sort"] == labels for props in axes.values())
