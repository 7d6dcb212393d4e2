"""The team's calendar day (revision 0009, console/store/days.py): the insights count days in
the team's time zone, set by ``app.py db time-zone ZONE``, on SQLite and PostgreSQL.

Until it, every day was a UTC day: a São Paulo team's conversation at 22:30 on 2 November
counted on 3 November, and the "last 7 days" ended at 21:00 local time."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console import insights
from console.errors import ConfigError
from console.insights import Filters
from console.store import TranscriptStore, days
from console.store.models import Conversation, InsightsConversation, InsightsDaily, Message
from tests.conftest import ROOT
from tests.test_insights_store import KEY, Clock, _differences, any_store, clock  # noqa: F401

SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC-3 all year since 2019
BERLIN = ZoneInfo("Europe/Berlin")
#: 22:30 on 2 November in São Paulo
LATE_EVENING = datetime(2026, 11, 3, 1, 30, tzinfo=UTC)


def _days_of(store: TranscriptStore) -> tuple[set[str | None], set[str | None], set[str | None]]:
    with store.engine.connect() as connection:
        return (
            set(connection.execute(select(Conversation.day)).scalars()),
            set(connection.execute(select(Message.day)).scalars()),
            {*connection.execute(select(InsightsDaily.day)).scalars()}
            | {*connection.execute(select(InsightsConversation.day)).scalars()},
        )


def _conversation(store: TranscriptStore) -> str:
    cid = store.create_conversation(
        language="pt", business_line="general", model="m", backend="scripted", params={}
    )
    store.add_message(cid, role="user", content="Onde está o meu pedido?", language="pt")
    store.add_message(cid, role="assistant", content="Já verifico.", language="pt", latency_ms=900)
    return cid


def test_rows_are_dated_in_the_team_zone_and_redated_when_it_changes(
    any_store: TranscriptStore,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    store = any_store
    clock.now = LATE_EVENING
    _conversation(store)
    assert _days_of(store) == ({"2026-11-03"}, {"2026-11-03"}, {"2026-11-03"})  # UTC until set

    moved = days.change_zone(store.engine, "America/Sao_Paulo", wait_s=0)
    assert moved == (1, 2)
    # the rows and every rollup the triggers keep from them moved to the team's day
    assert _days_of(store) == ({"2026-11-02"}, {"2026-11-02"}, {"2026-11-02"})
    assert _differences(store) == []
    # this store read UTC a moment ago; within its refresh it writes in the new zone
    store.team_day = days.TeamDay(store.engine, refresh_s=0)
    _conversation(store)
    assert _days_of(store)[1] == {"2026-11-02"}
    assert store.team_day.zone()[0] == "America/Sao_Paulo"

    # the insights' period is the team's days: "today" in São Paulo is 2 November
    local = Filters.last_days(1, now=LATE_EVENING, zone=SAO_PAULO)
    assert (local.since, local.until) == (
        datetime(2026, 11, 2, 3, tzinfo=UTC),
        datetime(2026, 11, 3, 3, tzinfo=UTC),
    )
    per_day = insights.conversations_per_day(store.engine, local)
    assert per_day.to_dict("records") == [{"day": "2026-11-02", "language": "pt", "conversations": 2}]
    assert insights.conversations_per_day(store.engine, Filters.last_days(1, now=LATE_EVENING)).empty

    # and back: nothing is lost either way
    assert days.change_zone(store.engine, "UTC", wait_s=0) == (2, 4)
    assert _days_of(store) == ({"2026-11-03"}, {"2026-11-03"}, {"2026-11-03"})
    assert _differences(store) == []


def test_rows_a_running_console_writes_during_the_change_are_redated(
    any_store: TranscriptStore,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    """A console reads the zone again only every few seconds: what it writes in between
    carries the old zone's day until the command's second pass, after its wait."""
    store = any_store
    clock.now = LATE_EVENING
    store.team_day = days.TeamDay(store.engine, refresh_s=3600)  # has read UTC, will not again
    _conversation(store)
    written: list[str] = []

    def meanwhile(seconds: float) -> None:
        assert seconds == days.REFRESH_S + 2
        written.append(_conversation(store))  # still dated in UTC: the console has not re-read

    assert days.change_zone(store.engine, "America/Sao_Paulo", sleep=meanwhile, now=clock) == (2, 4)
    assert written and _days_of(store)[:2] == ({"2026-11-02"}, {"2026-11-02"})
    assert _differences(store) == []


def test_queue_waits_count_on_the_team_day(
    any_store: TranscriptStore,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    """Waits are ranked from the events' own times (no stored day): dated in the zone too."""
    store = any_store
    clock.now = LATE_EVENING
    cid = _conversation(store)
    store.transition(cid, "escalated", actor="customer", reason="customer_request")
    clock.advance(minutes=3)
    store.transition(cid, "taken", actor="Ana")
    period = Filters(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC), zone=SAO_PAULO)
    waits = insights.wait_for_person_per_day(store.engine, period)
    assert waits.to_dict("records") == [{"day": "2026-11-02", "n": 1, "p50": 180_000.0, "p95": 180_000.0}]


def test_a_period_spans_whole_local_days_across_a_clock_change() -> None:
    """Berlin left summer time on 25 October 2026: that day has 25 hours, and the week's
    first midnight is at UTC+2, its last at UTC+1."""
    week = Filters.last_days(7, now=datetime(2026, 10, 27, 12, tzinfo=UTC), zone=BERLIN)
    assert week.since == datetime(2026, 10, 20, 22, tzinfo=UTC)
    assert week.until == datetime(2026, 10, 27, 23, tzinfo=UTC)
    # 00:30 on the 28th in Berlin is still the 27th in UTC: outside the period
    assert insights._days(Conversation.day, week)[0].right.value == "2026-10-21"
    assert insights._days(Conversation.day, week)[1].right.value == "2026-10-28"


def test_an_unknown_zone_is_refused_and_changes_nothing(any_store: TranscriptStore) -> None:  # noqa: F811
    for name in ("Mars/Olympus", "../../etc/passwd", "", "utc+3", "localtime"):
        with pytest.raises(ConfigError, match="not a zone of the IANA database"):
            days.change_zone(any_store.engine, name, wait_s=0)
    assert days.stored_zone_name(any_store.engine) == "UTC"


def test_the_command_sets_the_zone_and_says_what_it_moved(tmp_path: Path, clock: Clock) -> None:  # noqa: F811
    data = tmp_path / "data"
    env = {"CONSOLE_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}

    def app(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "app.py", "db", "time-zone", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    wrong = app("Mars/Olympus")
    assert wrong.returncode == 2 and "'Mars/Olympus' is not a zone of the IANA database" in wrong.stderr
    assert not (data / "console.db").exists()  # refused before anything was opened
    usage = app()
    assert usage.returncode == 2 and "usage: app.py db time-zone ZONE" in usage.stderr
    data.mkdir(mode=0o700)
    store = TranscriptStore.open(f"sqlite:///{data / 'console.db'}", KEY)
    clock.now = datetime(2026, 11, 3, 20, 0, tzinfo=UTC)  # 01:30 on 4 November in India
    try:
        _conversation(store)
    finally:
        store.close()
    done = app("Asia/Kolkata")
    assert done.returncode == 0, done.stderr
    assert "counting days in Asia/Kolkata (was UTC)" in done.stdout
    assert "re-dated 1 conversation, 2 messages" in done.stdout
    store = TranscriptStore.open(f"sqlite:///{data / 'console.db'}", KEY)
    try:
        assert store.team_day.zone()[0] == "Asia/Kolkata"
    finally:
        store.close()
