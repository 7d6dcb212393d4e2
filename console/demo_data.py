"""Demo data: a realistic month of support conversations in a SEPARATE database.

``python app.py demo-data`` fills ``<data dir>-demo/console.db`` (never the real database)
and ``python app.py --demo`` serves it, so a new user sees the insights tab full on the
first run. Every demo conversation is marked: model ``demo-data``, backend ``demo``,
params ``{"demo": true}``; the command refuses to overwrite a database holding anything
else.

Rows go in with bulk INSERTs (the store's own methods would take minutes for a month),
so this module fills the revision-0004 columns exactly as the store does turn by turn
(first message, first finished reply, first handoff reason, queue wait on the "taken"
event, resolved at/by, rating). Text is encrypted with the data folder's key like any
transcript. The benchmark (bench/insights.py) uses the same generator at 100,000
conversations.

The month: 18 persona languages (17 languages, Chinese in both scripts) weighted like a
global shop, four business lines, business-hour peaks, quieter weekends, replies timed
like a 7B model on one GPU, thumbs, handoffs with reasons, queue waits, operators'
replies, ratings, blocked replies, language drift regenerations and a few failures.
"""

from __future__ import annotations

import contextlib
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from console import i18n, zones
from console.errors import ConfigError, StoreError
from console.store import days as team_days
from console.store.keys import Keyring
from console.store.models import Conversation, ConversationEvent, Message, place, uuid7
from console.store.repository import guard_flags, utc_day
from console.text import data_key

DEMO_MODEL = "demo-data"
DEMO_BACKEND = "demo"
LINES = {"ecommerce": 0.40, "general": 0.25, "saas": 0.20, "finance": 0.15}
LANGUAGES = {
    "en": 18, "zh-Hans": 10, "es": 9, "ja": 7, "de": 6, "fr": 6, "pt": 6, "ko": 4, "ru": 4,
    "ar": 4, "it": 3, "tr": 3, "nl": 3, "pl": 3, "vi": 3, "th": 3, "id": 3, "zh-Hant": 3,
}  # fmt: skip
#: first handoff reason codes (the guard's phrase reasons, the button, the model giving up)
REASONS = {"customer_request": 40, "complaint": 22, "model_unsure": 20, "human": 10, "legal": 5, "media": 3}
OPERATORS = ("Aiko", "Ben", "Carla", "Dmitri", "Fatima", "Lucas")

#: the assistant's reply text (the transcript needs one; figures never read it)
REPLY = "(demo reply)"
#: languages whose prompts are longest (slower first token) or that drift more often
SLOW_PREFILL = {"th": 1.35, "ar": 1.3, "ru": 1.1}
DRIFTY = {"ja": 0.05, "ko": 0.05, "zh-Hant": 0.06, "vi": 0.04, "th": 0.04}


def _questions(tag: str) -> tuple[str, ...]:
    """The first messages a demo customer of ``tag`` sends (prompts/_i18n/demo.yaml)."""
    return i18n.current().demo_questions[data_key(tag)]


def _follow_up(tag: str) -> str:
    return i18n.current().demo_follow_ups[data_key(tag)]


@dataclass
class DemoStats:
    conversations: int = 0
    messages: int = 0
    events: int = 0
    first: datetime | None = None
    last: datetime | None = None
    languages: set[str] = field(default_factory=set)


def demo_dir(data_dir: Path) -> Path:
    """The demo's own folder beside the real one: ``<data dir>-demo``."""
    data_dir = Path(data_dir)
    return data_dir.with_name(data_dir.name + "-demo")


def _pick(rng: random.Random, weights: dict[str, float] | dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _lognormal_ms(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


def _start_time(rng: random.Random, first_day: datetime, days: int) -> datetime:
    while True:
        day = rng.randrange(days)
        moment = first_day + timedelta(days=day)
        weekend = moment.weekday() >= 5
        growth = 0.8 + 0.4 * day / max(days - 1, 1)  # a month of growing traffic
        if rng.random() < (0.6 if weekend else 1.0) * growth / 1.2:
            break
    # business hours (UTC, a global audience): a broad peak around 13:00
    hour = min(23.99, max(0.0, rng.gauss(13.0, 4.5)))
    return moment + timedelta(hours=hour, seconds=rng.random() * 60)


class _Present(Exception):
    """The story reached the present: what would come next has not happened yet."""


class _Conversation:
    """One generated conversation: its rows, and the figures the store would keep.

    Nothing is ever dated after ``now``: a conversation that started minutes ago stops
    where the present is (a reply still to come, a person not yet there). A reply dated in
    the future made a demo conversation "the most recently active" ahead of one a person
    had just had, seen in CI just after midnight."""

    def __init__(self, rng: random.Random, keyring: Keyring, start: datetime, now: datetime) -> None:
        self.rng, self.keyring, self.now = rng, keyring, now
        self.id = uuid7()
        self.language = _pick(rng, LANGUAGES)
        self.line = _pick(rng, LINES)
        self.messages: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.row: dict[str, Any] = {
            "id": self.id,
            "created_at": start,
            "updated_at": start,
            "language": self.language,
            "business_line": self.line,
            "model": DEMO_MODEL,
            "backend": DEMO_BACKEND,
            "params": {"demo": True},
            "channel": "ui",
            "status": "open",
            "owner": "ui",
            "handler": "bot",
            "assignee": None,
            "escalated_at": None,
            "escalation_reason": None,
            "first_message_at": None,
            "day": utc_day(start),
            "first_response_ms": None,
            "handoff_reason": None,
            "resolved_at": None,
            "resolved_by": None,
            "rating": None,
            "rating_comment": None,
            "rated_at": None,
        }
        self.t = start

    # ---- rows

    def _message(self, role: str, text: str, **fields: Any) -> dict[str, Any]:
        message_id = uuid7()
        row = {
            "id": message_id,
            "conversation_id": self.id,
            "role": role,
            "content": self.keyring.seal(text, place("messages", "content", message_id)),
            "created_at": self.t,
            "latency_ms": None,
            "prompt_tokens": None,
            "completion_tokens": None,
            "language": self.language,
            "status": "complete",
            "meta": None,
            "author": None,
            "feedback": None,
            "feedback_reason": None,
            "ttft_ms": None,
            "guard_flags": None,
            "day": utc_day(self.t),
        }
        row.update(fields)
        self.messages.append(row)
        return row

    def _event(self, kind: str, actor: str, detail: dict[str, Any] | None = None, **fields: Any) -> None:
        self.events.append(
            {
                "id": uuid7(),
                "conversation_id": self.id,
                "at": self.t,
                "actor": actor,
                "kind": kind,
                "detail": detail,
                "waited_ms": fields.get("waited_ms"),
            }
        )

    def _replied(self, finished: datetime) -> None:
        # as repository._keep_timings: the first finished reply after the first message
        first = self.row["first_message_at"]
        if first is not None and self.row["first_response_ms"] is None:
            self.row["first_response_ms"] = max(0.0, (finished - first).total_seconds() * 1000)

    def _step(self, delta: timedelta) -> None:
        self._due(delta)
        self.t += delta

    def _due(self, delta: timedelta) -> None:
        if self.t + delta > self.now:
            raise _Present

    # ---- the story

    def build(self) -> None:
        with contextlib.suppress(_Present):  # the rest is still to come
            self._story()

    def _story(self) -> None:
        rng = self.rng
        turns = 1 + min(4, int(rng.expovariate(0.8)))
        handoff_at = (
            rng.randrange(turns) if rng.random() < (0.17 if self.line == "finance" else 0.11) else None
        )
        unhappy = rng.random() < {"finance": 0.22, "ecommerce": 0.16}.get(self.line, 0.12)
        for turn in range(turns):
            self._step(timedelta(milliseconds=200))
            text = rng.choice(_questions(self.language)) if turn == 0 else _follow_up(self.language)
            self._message("user", text)
            if self.row["first_message_at"] is None:
                self.row["first_message_at"] = self.t
            if turn == handoff_at:
                self._handoff()
                return
            if not self._reply(unhappy):
                break
            self._step(timedelta(seconds=rng.uniform(15, 150)))  # the customer reads and types
        self._end_without_person(unhappy)

    def _reply(self, unhappy: bool) -> bool:
        rng = self.rng
        self._step(timedelta(milliseconds=40))
        roll = rng.random()
        if roll < 0.006:
            self._message("assistant", "", status="failed")
            return False
        ttft = _lognormal_ms(rng, 380 * SLOW_PREFILL.get(self.language, 1.0), 0.35)
        tokens = int(rng.uniform(40, 260))
        rate = max(12.0, rng.gauss(38.0, 4.0))  # tokens/s of a 7B int4 model, one stream
        latency = ttft + tokens / rate * 1000
        meta: dict[str, Any] = {}
        if rng.random() < DRIFTY.get(self.language, 0.015):
            meta["language_retry"] = True
            latency += tokens / rate * 1000  # generated twice
        if rng.random() < 0.012:
            meta["blocked"] = rng.choice(("blocked_term", "prompt_leak", "human_claim"))
        status = "interrupted" if roll < 0.010 else "complete"
        self._due(timedelta(milliseconds=latency))  # a reply still streaming is not written
        feedback = None
        if status == "complete" and rng.random() < 0.2:
            feedback = -1 if rng.random() < (0.55 if unhappy else 0.12) else 1
        self._message(
            "assistant",
            REPLY,
            guard_flags=guard_flags(meta) or None,
            status=status,
            latency_ms=round(latency, 1),
            ttft_ms=round(ttft, 1),
            completion_tokens=tokens,
            meta=meta or None,
            feedback=feedback,
        )
        self.t += timedelta(milliseconds=latency)
        if status == "complete":
            self._replied(self.t)
        return status == "complete"

    def _handoff(self) -> None:
        rng, row = self.rng, self.row
        reason = _pick(rng, REASONS)
        actor = "bot" if reason == "model_unsure" else "customer"
        self._event("escalated", actor, {"reason": reason})
        escalated_at = self.t
        row.update(status="escalated", handler="queue", escalated_at=self.t, handoff_reason=reason)
        row["escalation_reason"] = self.keyring.seal(
            reason, place("conversations", "escalation_reason", self.id)
        )
        self._step(timedelta(milliseconds=30))
        self._message("assistant", "(demo handoff line)", meta={"handoff": reason})
        self._replied(self.t)
        wait_ms = _lognormal_ms(rng, 150_000, 0.9)  # about 2.5 minutes, a long tail
        if rng.random() < 0.1:  # a quiet hour or a weekend: taken after 1 to 8 hours
            wait_ms = rng.uniform(1, 8) * 3_600_000
        if self.t + timedelta(milliseconds=wait_ms) > self.now:
            # still waiting in the queue: only the latest handoffs (a demo month whose queue
            # held customers for weeks read as a team that never answers)
            return
        self.t = escalated_at + timedelta(milliseconds=wait_ms)
        operator = rng.choice(OPERATORS)
        self._event("taken", operator, waited_ms=(self.t - escalated_at).total_seconds() * 1000)
        row.update(handler="person", assignee=operator)
        for _ in range(rng.randint(1, 3)):
            self._step(timedelta(seconds=rng.uniform(20, 240)))
            self._message("agent", "(demo reply from a person)", author=operator)
        self._step(timedelta(minutes=rng.uniform(2, 20)))
        if rng.random() < 0.12:
            self._event("handed_back", operator)
            row.update(status="open", handler="bot", assignee=None, escalated_at=None)
            return
        self._event("resolved", operator)
        row.update(
            status="resolved",
            handler="bot",
            assignee=None,
            escalated_at=None,
            resolved_at=self.t,
            resolved_by="person",
        )
        self._rate(person=True, unhappy=reason == "complaint")

    def _end_without_person(self, unhappy: bool) -> None:
        if self.rng.random() < 0.3:
            self._step(timedelta(minutes=self.rng.uniform(5, 60)))
            self._event("status", self.rng.choice(OPERATORS), {"status": "resolved"})
            self.row.update(status="resolved", resolved_at=self.t, resolved_by="bot")
        self._rate(person=False, unhappy=unhappy)

    def _rate(self, *, person: bool, unhappy: bool) -> None:
        # offered at the end (resolved, or idle); about a third answer it
        if self.rng.random() > 0.33:
            return
        mean = (3.9 if person else 4.1) - (1.6 if unhappy else 0.0)
        self._step(timedelta(seconds=self.rng.uniform(5, 60)))
        self.row.update(rating=int(min(5, max(1, round(self.rng.gauss(mean, 0.9))))), rated_at=self.t)

    def finish(self) -> None:
        self.row["updated_at"] = max(
            [
                self.row["created_at"],
                *(m["created_at"] for m in self.messages),
                *(e["at"] for e in self.events),
            ]
        )


def generate(
    keyring: Keyring,
    *,
    conversations: int,
    days: int = 30,
    seed: int = 13,
    end: datetime | None = None,
) -> Iterator[_Conversation]:
    """``conversations`` generated conversations over the ``days`` days ending with
    ``end`` (default: now), in start order. Deterministic for a seed (ids aside)."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
    now = (end or datetime.now(UTC)).astimezone(UTC)
    first_day = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=days - 1)
    starts = sorted(_start_time(rng, first_day, days) for _ in range(conversations))
    for planned in starts:
        start = planned if planned <= now else now - timedelta(minutes=rng.uniform(1, 60))
        conversation = _Conversation(rng, keyring, start, now)
        conversation.build()
        conversation.finish()
        yield conversation


def write(
    engine: Any,
    keyring: Keyring,
    *,
    conversations: int = 2400,
    days: int = 30,
    seed: int = 13,
    end: datetime | None = None,
    batch: int = 2000,
) -> DemoStats:
    """Insert generated conversations into a migrated database, in committed batches."""
    stats = DemoStats()
    pending: list[_Conversation] = []

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert(Conversation), [c.row for c in pending])
            rows = [m for c in pending for m in c.messages]
            if rows:
                connection.execute(insert(Message), rows)
            events = [e for c in pending for e in c.events]
            if events:
                connection.execute(insert(ConversationEvent), events)
        pending.clear()

    # the generator dates rows in UTC; a demo database whose team zone was set (db
    # time-zone) gets them in its zone, as a console would write them
    zone = team_days.stored_zone_name(engine)
    where = zones.zone(zone) if zone != team_days.DEFAULT_ZONE else None
    for conversation in generate(keyring, conversations=conversations, days=days, seed=seed, end=end):
        if where is not None:
            for row in (conversation.row, *conversation.messages):
                row["day"] = team_days.day_in(row["created_at"], where)
        pending.append(conversation)
        stats.conversations += 1
        stats.messages += len(conversation.messages)
        stats.events += len(conversation.events)
        stats.languages.add(conversation.language)
        start = conversation.row["created_at"]
        stats.first = start if stats.first is None else min(stats.first, start)
        stats.last = start if stats.last is None else max(stats.last, start)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return stats


def only_demo_rows(engine: Any) -> bool:
    """True when every conversation in the database is demo data (or there is none)."""
    with engine.connect() as connection:
        other = connection.execute(
            select(Conversation.id).where(Conversation.backend != DEMO_BACKEND).limit(1)
        ).first()
    return other is None


def fill(
    data_dir: Path, *, conversations: int = 2400, days: int = 30, seed: int = 13
) -> tuple[Path, DemoStats]:
    """``python app.py demo-data``: a fresh demo database in ``data_dir`` (its key file, or
    CONSOLE_SECRET_KEY, exactly as the console serving it reads keys).

    Refuses a database that holds anything but demo conversations; an earlier demo
    database is replaced.
    """
    from sqlalchemy import delete

    from console.store.keys import load_keyring
    from console.store.repository import TranscriptStore, ensure_data_dir

    ensure_data_dir(data_dir)
    keyring = load_keyring(data_dir)  # as the console will when it serves this folder
    store = TranscriptStore.open(f"sqlite:///{data_dir / 'console.db'}", keyring)
    try:
        if not only_demo_rows(store.engine):
            raise StoreError(
                f"{data_dir / 'console.db'} holds conversations that are not demo data; "
                "demo-data writes only to a demo folder of its own. Nothing was changed."
            )
        with store.engine.begin() as connection:  # replace the previous demo month
            connection.execute(delete(ConversationEvent))
            connection.execute(delete(Message))
            connection.execute(delete(Conversation))
        stats = write(store.engine, keyring, conversations=conversations, days=days, seed=seed)
    finally:
        store.close()
    return data_dir / "console.db", stats


def serving_config(config: Any) -> Any:
    """``--demo``: the same config pointed at the demo folder (never the real database)."""
    folder = demo_dir(config.data_dir)
    if not (folder / "console.db").exists():
        raise ConfigError("--demo", f"no demo database in {folder}; write one first: python app.py demo-data")
    return config.with_(data_dir=folder, database_url=None)


def run(config: Any, conversations: int = 2400) -> int:
    """``python app.py demo-data [--data-dir DIR]``: print where the demo month went."""
    folder = demo_dir(config.data_dir)
    try:
        path, stats = fill(folder, conversations=conversations)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    span = f"{stats.first:%Y-%m-%d} to {stats.last:%Y-%m-%d}" if stats.first and stats.last else "-"
    print(
        f"Demo data (made up, marked model={DEMO_MODEL!r}) written to {path}: {stats.conversations} "
        f"conversations, {stats.messages} messages, {stats.events} ownership events, "
        f"{len(stats.languages)} persona languages, {span}.\n"
        f"Serve it with: python app.py --demo"
        + (f" --data-dir {config.data_dir}" if Path(config.data_dir) != _default_dir() else "")
    )
    return 0


def _default_dir() -> Path:
    from console.config import default_data_dir

    return default_data_dir()
