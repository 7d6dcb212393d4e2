"""Insights: what a support lead looks at, as SQL aggregates over a period.

Every figure is SQL over columns the store keeps as turns happen (revision 0004: timings,
counts, statuses, languages, codes) and over rollups the database's triggers keep from them
(revision 0006); no aggregate decrypts a message. The one
exception is :func:`top_questions`, which decrypts in memory, for operators only, the
first customer message of a bounded number of the newest conversations that were handed
to a person or got a thumbs-down.

Percentiles are exact nearest-rank (the smallest value whose rank is at least p x n), the
same on SQLite and PostgreSQL, and no per-message rows travel to Python: reply times, first
response and resolution times are read in value order from an index, one ``LIMIT 1 OFFSET
k`` walk per percentile (per day for reply times), from the low end for ranks up to the
middle and from the high end above it (p95 steps over 5% of the entries, not 95%); queue
waits (a few thousand a month) ranked in Python from one covering index range. Days are
the team's calendar days (its time zone, UTC unless ``app.py db time-zone`` set another:
console/store/days.py), kept as a column beside each timestamp; a period is whole days of
that zone.

Filters: a period of conversation start times (messages and events by their own time), a
business line and a language (the conversation's, as in the transcripts tab; a message's
own language for message figures). The rollups (revision 0006, kept exact by triggers on
every write, erasure and status or line change): ``insights_daily`` counts and sums the
message figures per day, message language, conversation language and line, so per-day
message figures and thumbs read a few thousand rows; ``insights_messages`` holds each
message's figures with its conversation's line, for reply-time walks within one line;
``insights_conversations`` holds first-response and resolution times indexed by value.

Rate-limit refusals are never stored (a refused message is not kept, by design), so they
live only in the process's Prometheus counter (``console_errors{kind="rate_limit"}``):
:func:`rate_limited` reads it, counted since this console started.

No gradio here; results are pandas DataFrames ready for gr.BarPlot / gr.LinePlot.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import pandas as pd
from sqlalchemy import Integer, String, and_, bindparam, case, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, Select

from console.store.days import day_in
from console.store.models import (
    Conversation,
    ConversationEvent,
    InsightsConversation,
    InsightsDaily,
    InsightsMessage,
    Message,
    place,
)
from console.text import fold_case

#: how many of the newest handed-off or thumbs-down conversations top_questions decrypts
QUESTION_WINDOW = 500
PREVIEW_CHARS = 120


@dataclass(frozen=True)
class Filters:
    """``since`` inclusive, ``until`` exclusive; None line/language means all. ``zone``:
    the team's time zone, in which the stored days are counted (console/store/days.py)."""

    since: datetime
    until: datetime
    business_line: str | None = None
    language: str | None = None
    zone: tzinfo = UTC

    @classmethod
    def last_days(
        cls,
        days: int,
        *,
        business_line: str | None = None,
        language: str | None = None,
        now: datetime | None = None,
        zone: tzinfo = UTC,
    ) -> Filters:
        """The ``days`` days of ``zone`` up to and including today: from its midnight
        ``days - 1`` days ago to its next midnight (23 or 25 hours on a day whose clocks
        change)."""
        today = (now or datetime.now(UTC)).astimezone(zone).date()

        def midnight(day: Any) -> datetime:
            return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)

        return cls(
            midnight(today - timedelta(days=days - 1)),
            midnight(today + timedelta(days=1)),
            business_line,
            language,
            zone,
        )


# ------------------------------------------------------------------ helpers


def _conversation_filters(f: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.business_line:
        where.append(Conversation.business_line == f.business_line)
    if f.language:
        where.append(Conversation.language == f.language)
    return where


def _event_filters(f: Filters) -> list[ColumnElement[bool]]:
    """An event's conversation's line and language: one semi-join, evaluated once."""
    if not (f.business_line or f.language):
        return []
    chosen = select(Conversation.id).where(*_conversation_filters(f))
    return [ConversationEvent.conversation_id.in_(chosen)]


def _messages(f: Filters) -> tuple[Any, list[ColumnElement[bool]]]:
    """The table message figures read, and the filters on it: ``messages`` itself, or, for
    a business line, ``insights_messages``, where each message's row carries its
    conversation's line (the same day, language, role, status and figure columns)."""
    if f.business_line:
        where = [InsightsMessage.business_line == f.business_line]
        if f.language:
            where.append(InsightsMessage.language == f.language)
        return InsightsMessage, where
    return Message, [Message.language == f.language] if f.language else []


def _daily(f: Filters, *, by_conversation: bool = False) -> list[ColumnElement[bool]]:
    """The period and filters on ``insights_daily``: the message's own language, or with
    ``by_conversation`` its conversation's (thumbs count by the conversation's)."""
    d = InsightsDaily
    where = _days(d.day, f)
    if f.business_line:
        where.append(d.business_line == f.business_line)
    if f.language:
        where.append((d.conversation_language if by_conversation else d.language) == f.language)
    return where


def _insights_conversation_filters(f: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.business_line:
        where.append(InsightsConversation.business_line == f.business_line)
    if f.language:
        where.append(InsightsConversation.language == f.language)
    return where


def _nearest_rank(connection: Any, column: Any, where: list[ColumnElement[bool]], n: int, q: float) -> Any:
    """The exact nearest-rank ``q`` percentile of the ``n`` non-null values of ``column``
    matching ``where`` (n counted by the caller): one ``LIMIT 1 OFFSET`` walk of an index in
    value order, from the low end up to the middle rank and from the high end above it."""
    rank = max(1, math.ceil(q * n))
    stmt = select(column).where(column.is_not(None), *where)
    if rank - 1 <= n - rank:
        stmt = stmt.order_by(column).limit(1).offset(rank - 1)
    else:
        stmt = stmt.order_by(column.desc()).limit(1).offset(n - rank)
    return connection.execute(stmt).scalar_one()


def _day_range(f: Filters) -> tuple[date, date]:
    """The period's first team day and the day after its last (whole days of ``f.zone``)."""
    first = f.since.astimezone(f.zone).date()
    end = f.until.astimezone(f.zone)
    last = end.date() if end.time() == datetime.min.time() else end.date() + timedelta(days=1)
    return first, last


def _days(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    """The period on a stored ``day`` column ('YYYY-MM-DD' in the team's zone): whole days,
    so the per-day figures read their index in order and never sort."""
    first, last = _day_range(f)
    return [column >= first.isoformat(), column < last.isoformat()]


def period_days(f: Filters) -> list[str]:
    """Every team day of the period, oldest first, as stored ('YYYY-MM-DD'): the days a
    per-day figure is drawn over, those without a row included (7 for the last 7 days, also
    across a change of the clocks)."""
    first, last = _day_range(f)
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days)]


def _in_period(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    return [column >= f.since, column < f.until]


def _frame(engine: Engine, stmt: Select[*tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


# ------------------------------------------------------------------ volume


def conversations_per_day(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, language, conversations: new conversations per day, stacked by language."""
    day = Conversation.day
    stmt = (
        select(day, Conversation.language, func.count())
        .where(*_days(Conversation.day, f), *_conversation_filters(f))
        .group_by(day, Conversation.language)
        .order_by(day, Conversation.language)
    )
    return _frame(engine, stmt, ["day", "language", "conversations"])


def messages_per_day(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, language, messages: every stored message (customer, assistant, person) per day,
    by the message's language (a person's reply carries its conversation's)."""
    d = InsightsDaily
    total = func.sum(d.messages)
    stmt = (
        select(d.day, d.language, total)
        .where(*_daily(f))
        .group_by(d.day, d.language)
        .having(total > 0)
        .order_by(d.day, d.language)
    )
    frame = _frame(engine, stmt, ["day", "language", "messages"])
    frame["language"] = frame["language"].replace("", None)  # '' keeps a missing language
    frame["messages"] = frame["messages"].astype(int)
    return frame


# ------------------------------------------------------------------ speed


def _daily_percentiles(
    engine: Engine, f: Filters, metric: str, quantiles: tuple[float, ...] = (0.5, 0.95)
) -> pd.DataFrame:
    """day, n and exact nearest-rank percentiles of ``metric`` ("ttft_ms" / "latency_ms")
    over the assistant's complete replies. The indexes ix_messages_replies /
    ix_messages_reply_latency (for a business line ix_insights_messages_line_ttft /
    _line_latency) hold each day's replies ordered by the value, so a percentile is one
    ``ORDER BY ... LIMIT 1 OFFSET k`` walk inside one day, from whichever end is nearer: no
    sort at all."""
    m, where = _messages(f)
    column = getattr(m, metric)
    replies = [m.role == "assistant", m.status == "complete", *where]
    replied = func.sum(InsightsDaily.replies_ttft if metric == "ttft_ms" else InsightsDaily.replies_latency)
    counts = (
        select(InsightsDaily.day, replied)
        .where(*_daily(f))
        .group_by(InsightsDaily.day)
        .having(replied > 0)
        .order_by(InsightsDaily.day)
    )
    day_: Any = bindparam("day_", type_=String)
    offset: Any = bindparam("offset", type_=Integer)
    walk = select(column).where(*replies, m.day == day_, column.is_not(None)).limit(1).offset(offset)
    up, down = walk.order_by(column), walk.order_by(column.desc())
    rows = []
    with engine.connect() as connection:
        for day, n in connection.execute(counts).all():
            if not n:
                continue
            values = []
            for q in quantiles:
                rank = max(1, math.ceil(q * n))
                stmt, skip = (up, rank - 1) if rank - 1 <= n - rank else (down, n - rank)
                values.append(connection.execute(stmt, {"day_": day, "offset": skip}).scalar_one())
            rows.append((day, int(n), *values))
    names = [f"p{round(q * 100)}" for q in quantiles]
    frame = pd.DataFrame(rows, columns=["day", "n", *names])
    for name in names:
        frame[name] = frame[name].astype(float)
    return frame


def reply_times(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, metric ("first token" / "full answer"), p50, p95 in ms, replies: the assistant's
    complete replies per day (exact nearest-rank percentiles). Long form, so one LinePlot
    draws all four lines."""
    frames = []
    for metric, column in (("first token", "ttft_ms"), ("full answer", "latency_ms")):
        frame = _daily_percentiles(engine, f, column)
        frame.insert(1, "metric", metric)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True).rename(columns={"n": "replies"})
    return out[["day", "metric", "p50", "p95", "replies"]]


def tokens_per_second(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, tokens_per_s: completion tokens over decode time (full time minus time to first
    token) of the assistant's complete replies, summed per day (the backend's rate)."""
    d = InsightsDaily
    tokens = func.sum(d.rate_tokens)
    stmt = (
        select(d.day, tokens, func.sum(d.rate_decode_ms))
        .where(*_daily(f))
        .group_by(d.day)
        .having(tokens > 0)
        .order_by(d.day)
    )
    frame = _frame(engine, stmt, ["day", "tokens", "decode_ms"])
    frame["tokens_per_s"] = (frame["tokens"].astype(float) * 1000 / frame["decode_ms"].astype(float)).round(1)
    return frame[["day", "tokens_per_s"]]


def _conversation_percentiles(
    engine: Engine, f: Filters, metric: str, n: int | None = None
) -> dict[str, float | int | None]:
    """n, p50, p95 (exact nearest-rank) of ``insights_conversations.<metric>`` over the
    conversations started in the period: each percentile one walk of the metric's index
    (value, day, language, line) in value order. ``n`` when the caller counted it."""
    column = getattr(InsightsConversation, metric)
    where = [*_days(InsightsConversation.day, f), *_insights_conversation_filters(f)]
    with engine.connect() as connection:
        if n is None:
            source = (
                Conversation.first_response_ms if metric == "first_response_ms" else Conversation.resolved_at
            )
            n = connection.execute(
                select(func.count(source)).where(*_days(Conversation.day, f), *_conversation_filters(f))
            ).scalar_one()
        if not n:
            return {"n": 0, "p50": None, "p95": None}
        p50, p95 = (float(_nearest_rank(connection, column, where, n, q)) for q in (0.5, 0.95))
    return {"n": int(n), "p50": p50, "p95": p95}


def first_response(engine: Engine, f: Filters) -> dict[str, float | int | None]:
    """p50/p95 of the delay from a conversation's first customer message to its first
    finished reply (assistant or person), in ms (exact), and how many conversations had
    one."""
    return _conversation_percentiles(engine, f, "first_response_ms")


# ------------------------------------------------------------------ handoffs


def handoff_rate(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, conversations, handed_off, rate (0-1): conversations started that day that were
    handed to a person at some point."""
    day = Conversation.day
    handed = func.sum(case((Conversation.handoff_reason.is_not(None), 1), else_=0))
    stmt = (
        select(day, func.count(), handed)
        .where(*_days(Conversation.day, f), *_conversation_filters(f))
        .group_by(day)
        .order_by(day)
    )
    frame = _frame(engine, stmt, ["day", "conversations", "handed_off"])
    frame["handed_off"] = frame["handed_off"].astype(int)
    frame["rate"] = (frame["handed_off"] / frame["conversations"]).round(4)
    return frame


def handoff_reasons(engine: Engine, f: Filters) -> pd.DataFrame:
    """reason, conversations: the first handoff's reason code, most frequent first."""
    stmt = (
        select(Conversation.handoff_reason, func.count())
        .where(
            Conversation.handoff_reason.is_not(None),
            *_days(Conversation.day, f),
            *_conversation_filters(f),
        )
        .group_by(Conversation.handoff_reason)
        .order_by(func.count().desc(), Conversation.handoff_reason)
    )
    return _frame(engine, stmt, ["reason", "conversations"])


def _ranked_waits(
    engine: Engine, f: Filters, daily: bool, quantiles: tuple[float, ...] = (0.5, 0.95)
) -> pd.DataFrame:
    """day (or "all"), n and exact nearest-rank percentiles of the queue waits ended in the
    period. A month has a few thousand "taken" events: their (day, wait) pairs come from one
    covering range of ix_conversation_events_waits (one semi-join for a line or language)
    and are ranked here, several times cheaper than SQL window functions over them."""
    stmt = select(ConversationEvent.at, ConversationEvent.waited_ms).where(
        ConversationEvent.kind == "taken",
        ConversationEvent.waited_ms.is_not(None),
        *_in_period(ConversationEvent.at, f),
        *_event_filters(f),
    )
    groups: dict[str, list[float]] = {}
    with engine.connect() as connection:
        for at, value in connection.execute(stmt).all():
            # the day in the team's zone, here rather than in SQL: SQLite knows no zones
            key = day_in(at, f.zone) if daily else "all"
            groups.setdefault(key, []).append(float(value or 0.0))  # never NULL: filtered
    rows = []
    for key in sorted(groups):
        values = sorted(groups[key])
        n = len(values)
        rows.append((key, n, *(values[max(1, math.ceil(q * n)) - 1] for q in quantiles)))
    return pd.DataFrame(rows, columns=["day", "n", *(f"p{round(q * 100)}" for q in quantiles)])


def wait_for_person(engine: Engine, f: Filters) -> dict[str, float | int | None]:
    """How long customers waited in the queue before a person took the conversation (from
    the escalation to the "taken" event), p50/p95 in ms (exact), over the period. Without a
    filter each percentile is one walk of ix_conversation_events_wait_values; a line or
    language (a semi-join, which each walk would evaluate again) ranks the few rows here."""
    if f.business_line or f.language:
        frame = _ranked_waits(engine, f, daily=False)
        if frame.empty:
            return {"n": 0, "p50": None, "p95": None}
        row = frame.iloc[0]
        return {"n": int(row["n"]), "p50": float(row["p50"]), "p95": float(row["p95"])}
    where = [ConversationEvent.kind == "taken", *_in_period(ConversationEvent.at, f)]
    with engine.connect() as connection:
        n = connection.execute(select(func.count(ConversationEvent.waited_ms)).where(*where)).scalar_one()
        if not n:
            return {"n": 0, "p50": None, "p95": None}
        p50, p95 = (
            float(_nearest_rank(connection, ConversationEvent.waited_ms, where, n, q)) for q in (0.5, 0.95)
        )
    return {"n": int(n), "p50": p50, "p95": p95}


def wait_for_person_per_day(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, n, p50, p95 (ms) of queue waits ended that day."""
    return _ranked_waits(engine, f, daily=True)


#: outcome codes of :func:`resolution`
OUTCOMES = ("assistant", "person", "waiting")


def resolution(engine: Engine, f: Filters) -> pd.DataFrame:
    """outcome, conversations: answered by the assistant alone (never handed off), by a
    person (resolved after someone took it, in a person's hands, or handed back to the
    assistant by one), or handed off and still waiting in the queue."""
    outcome = case(
        (Conversation.resolved_by == "person", "person"),
        (Conversation.handoff_reason.is_(None), "assistant"),
        (Conversation.handler == "queue", "waiting"),
        else_="person",
    )
    # one pass of sums over the covering index (a GROUP BY on the CASE would sort the period)
    stmt = select(*(func.sum(case((outcome == o, 1), else_=0)) for o in OUTCOMES)).where(
        *_days(Conversation.day, f), *_conversation_filters(f)
    )
    with engine.connect() as connection:
        counts = connection.execute(stmt).one()
    return pd.DataFrame(
        [(o, int(n or 0)) for o, n in zip(OUTCOMES, counts, strict=True)],
        columns=["outcome", "conversations"],
    )


def resolution_times(engine: Engine, f: Filters) -> dict[str, float | int | None]:
    """p50/p95 of the time from a conversation's start to its resolution, in ms (exact;
    ``insights_conversations.resolution_ms`` is resolved_at - created_at, kept by triggers)."""
    return _conversation_percentiles(engine, f, "resolution_ms")


# ------------------------------------------------------------------ satisfaction


def _thumbs(f: Filters, *group: Any) -> Select[Any]:
    """(group..., thumbs up, thumbs down) of the replies written in the period, filtered by
    their conversation's language and line (``insights_daily`` counts them per day and per
    both)."""
    d = InsightsDaily
    return select(*group, func.sum(d.thumbs_up), func.sum(d.thumbs_down)).where(
        *_daily(f, by_conversation=True)
    )


def satisfaction(engine: Engine, f: Filters, by: str) -> pd.DataFrame:
    """Per language or business line (``by``): thumbs up, thumbs down, share of thumbs up
    (0-1), ratings given and their mean (1-5). Thumbs by the reply's time, ratings by the
    conversation's start."""
    if by not in ("language", "business_line"):
        raise ValueError(f"by must be language or business_line, got {by!r}")
    group = getattr(Conversation, by)
    thumbs_group = getattr(InsightsDaily, "conversation_language" if by == "language" else by)
    rated = func.sum(InsightsDaily.thumbs_up + InsightsDaily.thumbs_down)
    thumbs = _thumbs(f, thumbs_group).group_by(thumbs_group).having(rated > 0)
    ratings = (
        select(group, func.count(Conversation.rating), func.avg(Conversation.rating))
        .where(
            Conversation.rating.is_not(None),
            *_days(Conversation.day, f),
            *_conversation_filters(f),
        )
        .group_by(group)
    )
    t = _frame(engine, thumbs, ["group", "thumbs_up", "thumbs_down"])
    r = _frame(engine, ratings, ["group", "ratings", "rating"])
    out = t.merge(r, on="group", how="outer").fillna({"thumbs_up": 0, "thumbs_down": 0, "ratings": 0})
    for column in ("thumbs_up", "thumbs_down", "ratings"):
        out[column] = out[column].astype(int)
    total = out["thumbs_up"] + out["thumbs_down"]
    out["up_ratio"] = (out["thumbs_up"] / total.where(total > 0)).round(4)
    out["rating"] = out["rating"].astype(float).round(2)
    out = out.rename(columns={"group": by}).sort_values(by).reset_index(drop=True)
    return out[[by, "thumbs_up", "thumbs_down", "up_ratio", "ratings", "rating"]]


# ------------------------------------------------------------------ guard events


#: event codes of :func:`guard_events`
GUARD_EVENTS = ("blocked", "language_retry", "failed", "interrupted")


def guard_events(engine: Engine, f: Filters) -> pd.DataFrame:
    """day, event, count: replies replaced by the output check (meta.blocked), replies
    regenerated after drifting from the customer's language (meta.language_retry), both
    kept as ``messages.guard_flags`` bits, and
    replies that failed or were interrupted (backend errors, crashes)."""
    d = InsightsDaily
    sums = [func.sum(d.blocked), func.sum(d.language_retry), func.sum(d.failed), func.sum(d.interrupted)]
    stmt = select(d.day, *sums).where(*_daily(f)).group_by(d.day).order_by(d.day)
    wide = _frame(engine, stmt, ["day", *GUARD_EVENTS])
    long = wide.melt(id_vars="day", var_name="event", value_name="count")
    long["count"] = long["count"].astype(int)
    return long[long["count"] > 0].sort_values(["day", "event"]).reset_index(drop=True)


def rate_limited(metrics: Any) -> int:
    """Messages refused by the rate limits since this console started (kept in memory only:
    a refused message is never stored)."""
    value = metrics.registry.get_sample_value("console_errors_total", {"kind": "rate_limit"})
    return int(value or 0)


# ------------------------------------------------------------------ questions


def top_questions(store: Any, f: Filters, limit: int = 10, window: int = QUESTION_WINDOW) -> pd.DataFrame:
    """question, conversations, handed_off, thumbs_down: the most frequent first customer
    messages of conversations that were handed to a person or got a thumbs-down.

    Decrypted in memory, for operators only, over the newest ``window`` such conversations
    in the period; equal after case folding and collapsing whitespace counts as one.
    """
    engine: Engine = store.engine
    # newest first by primary key (uuid7 ids are time-ordered): the scan stops at the
    # window's last conversation instead of sorting the period (the day test is kept off
    # its index with ``|| ''`` so SQLite walks the key backwards); a thumbs-down is looked
    # up per scanned conversation through its messages' index. A period far in the past
    # walks further: the price of not sorting the recent, common case.
    down = (
        select(Message.id).where(Message.conversation_id == Conversation.id, Message.feedback == -1).exists()
    )
    picked = (
        select(Conversation.id, Conversation.handoff_reason.is_not(None), down)
        .where(
            or_(Conversation.handoff_reason.is_not(None), down),
            *_days(Conversation.day.concat(""), f),
            *_conversation_filters(f),
        )
        .order_by(Conversation.id.desc())
        .limit(window)
    )
    with engine.connect() as connection:
        chosen = {cid: (bool(h), bool(d)) for cid, h, d in connection.execute(picked)}
        if not chosen:
            return pd.DataFrame(columns=["question", "conversations", "handed_off", "thumbs_down"])
        position = (
            func.row_number()
            .over(partition_by=Message.conversation_id, order_by=(Message.created_at, Message.id))
            .label("position")
        )
        firsts = (
            select(Message.id, Message.conversation_id, Message.content, position)
            # role kept off its index (``|| ''``): SQLite would otherwise walk every customer
            # message by role (ix_messages_reply_latency) instead of the 500 conversations'
            .where(Message.conversation_id.in_(list(chosen)), Message.role.concat("") == "user")
            .subquery()
        )
        rows = connection.execute(
            select(firsts.c.id, firsts.c.conversation_id, firsts.c.content).where(
                and_(firsts.c.position == 1)
            )
        ).all()
    counts: Counter[str] = Counter()
    handed: Counter[str] = Counter()
    thumbs: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for message_id, conversation_id, sealed in rows:
        text = " ".join(store.keyring.open(sealed, place("messages", "content", message_id)).split())
        key = fold_case(text)
        shown.setdefault(key, text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""))
        counts[key] += 1
        h, d = chosen[conversation_id]
        handed[key] += int(h)
        thumbs[key] += int(d)
    top = sorted(counts, key=lambda k: (-counts[k], shown[k]))[:limit]
    return pd.DataFrame(
        [(shown[k], counts[k], handed[k], thumbs[k]) for k in top],
        columns=["question", "conversations", "handed_off", "thumbs_down"],
    )


def summary(engine: Engine, f: Filters) -> dict[str, Any]:
    """The headline numbers: conversations, handoff rate, first response and wait p50/p95,
    resolution time p50/p95, thumbs-up share and mean rating."""
    where = [*_days(Conversation.day, f), *_conversation_filters(f)]
    with engine.connect() as connection:
        total, handed, rated, mean_rating, responded, resolved = connection.execute(
            select(
                func.count(),
                func.sum(case((Conversation.handoff_reason.is_not(None), 1), else_=0)),
                func.count(Conversation.rating),
                func.avg(Conversation.rating),
                func.count(Conversation.first_response_ms),
                func.count(Conversation.resolved_at),
            ).where(*where)
        ).one()
        up, down = connection.execute(_thumbs(f)).one()
    up, down, handed = int(up or 0), int(down or 0), int(handed or 0)
    return {
        "conversations": int(total),
        "handed_off": handed,
        "handoff_rate": round(handed / total, 4) if total else None,
        "first_response": _conversation_percentiles(engine, f, "first_response_ms", responded),
        "wait_for_person": wait_for_person(engine, f),
        "resolution_time": _conversation_percentiles(engine, f, "resolution_ms", resolved),
        "thumbs_up": up,
        "thumbs_down": down,
        "up_ratio": round(up / (up + down), 4) if up + down else None,
        "ratings": int(rated),
        "rating": round(float(mean_rating), 2) if mean_rating is not None else None,
    }
