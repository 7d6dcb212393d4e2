"""``python app.py demo-data``: a made-up month in its own folder, marked as demo data,
whose kept figures agree with its own rows the way the store keeps them."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console import demo_data, insights
from console.errors import StoreError
from console.store import TranscriptStore
from console.store.keys import load_keyring
from console.store.models import Conversation, ConversationEvent, Message

ROOT = Path(__file__).resolve().parent.parent


def test_a_month_in_every_language_and_line(tmp_path: Path) -> None:
    path, stats = demo_data.fill(tmp_path / "demo", conversations=600)
    assert path == tmp_path / "demo" / "console.db"
    assert stats.conversations == 600 and stats.messages > 1500
    store = TranscriptStore.open(f"sqlite:///{path}", load_keyring(path.parent, {}))
    try:
        with store.engine.connect() as c:
            languages = set(c.scalars(select(Conversation.language).distinct()))
            lines = set(c.scalars(select(Conversation.business_line).distinct()))
            marks = set(c.execute(select(Conversation.model, Conversation.backend).distinct()))
            failed = c.execute(select(func.count()).where(Message.status == "failed")).scalar_one()
            # every queue wait on a "taken" event is its distance from the escalation before it
            waits = c.execute(
                select(ConversationEvent.conversation_id, ConversationEvent.kind, ConversationEvent.at,
                       ConversationEvent.waited_ms)
                .where(ConversationEvent.kind.in_(("escalated", "taken")))
                .order_by(ConversationEvent.conversation_id, ConversationEvent.at)
            ).all()  # fmt: skip
            # who still waits in the queue: only the latest handoffs (the month had customers
            # waiting for weeks, 27 of them on the Transcripts tab's label)
            queued = select(Conversation.escalated_at).where(Conversation.handler == "queue")
            waiting = [at for at in c.scalars(queued) if at is not None]
            newest = c.scalars(select(func.max(Conversation.updated_at))).one()
        assert all(newest - at < timedelta(hours=12) for at in waiting), sorted(waiting)[:3]
        assert len(languages) == 18  # 17 languages, Chinese in both scripts
        assert lines == {"general", "ecommerce", "finance", "saas"}
        assert marks == {(demo_data.DEMO_MODEL, demo_data.DEMO_BACKEND)}
        assert failed > 0
        checked = 0
        for before, after in itertools.pairwise(waits):
            if after.kind == "taken" and before.kind == "escalated" and before[0] == after[0]:
                assert after.waited_ms == pytest.approx((after.at - before.at).total_seconds() * 1000, abs=1)
                checked += 1
        assert checked > 10
        f = insights.Filters.last_days(30)
        summary = insights.summary(store.engine, f)
        assert summary["conversations"] == 600
        assert 0.05 < summary["handoff_rate"] < 0.25
        assert summary["ratings"] > 50 and 1 <= summary["rating"] <= 5
        assert summary["thumbs_down"] > 0 and summary["wait_for_person"]["n"] > 10
        assert set(insights.guard_events(store.engine, f)["event"]) >= {"blocked", "language_retry", "failed"}
        # a second run replaces the month rather than adding to it
    finally:
        store.close()
    demo_data.fill(tmp_path / "demo", conversations=50)
    store = TranscriptStore.open(f"sqlite:///{path}", load_keyring(path.parent, {}))
    with store.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(Conversation)) == 50
    store.close()


@pytest.mark.parametrize("clock", ["00:06:20", "13:00:00", "23:59:59"])
def test_nothing_is_dated_after_now_whatever_the_hour(clock: str) -> None:
    """Just after midnight every conversation planned for later today starts in the last
    hour; none may reply, rate or resolve in the future (a demo conversation once showed as
    more recently active than one a person had just had)."""
    import os
    from datetime import UTC, datetime

    from console.store.keys import Keyring

    end = datetime.fromisoformat(f"2026-12-03T{clock}").replace(tzinfo=UTC)
    latest = []
    for c in demo_data.generate(Keyring({1: os.urandom(32)}, "test"), conversations=400, end=end):
        c.finish()
        activity = [c.row["created_at"], *(m["created_at"] for m in c.messages), *(e["at"] for e in c.events)]
        stamps = [*activity, *(c.row[k] for k in ("escalated_at", "resolved_at", "rated_at") if c.row[k])]
        latest.append(max(stamps))
        assert max(stamps) <= end
        assert c.row["updated_at"] == max(activity)  # a rating does not count as activity (as the store)
    assert max(latest) > end - timedelta(hours=2)  # today has conversations: the clamp is not all


def test_refuses_a_database_with_real_conversations(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    store = TranscriptStore.open(f"sqlite:///{folder / 'console.db'}", load_keyring(folder, {}))
    store.create_conversation(language="en", business_line="general", model="m", backend="b", params={})
    store.close()
    with pytest.raises(StoreError, match="not demo data"):
        demo_data.fill(folder, conversations=5)
    store = TranscriptStore.open(f"sqlite:///{folder / 'console.db'}", load_keyring(folder, {}))
    assert len(store.list_conversations()) == 1  # nothing was changed
    store.close()


def test_command_writes_beside_the_data_folder_and_demo_flag_serves_it(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    missing = subprocess.run(
        [sys.executable, "app.py", "--demo", "--data-dir", str(tmp_path / "real"), "--help"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert missing.returncode == 0  # --help answers before anything is opened
    from console.config import load_config

    config = load_config(["--demo", "--data-dir", str(tmp_path / "real")], environ={})
    with pytest.raises(Exception, match=r"python app\.py demo-data"):
        demo_data.serving_config(config)
    assert demo_data.run(config, conversations=20) == 0
    served = demo_data.serving_config(config)
    assert served.data_dir == tmp_path / "real-demo" and served.database_url is None
    assert not (tmp_path / "real").exists()  # the real folder is never touched


def test_db_commands_with_demo_change_the_demo_database_only(tmp_path: Path) -> None:
    """``app.py db time-zone ZONE --demo`` re-dated the real database and left the demo
    month the console serves with --demo as it was (found by an outside tester)."""
    from console.config import load_config
    from console.store.keys import load_keyring
    from console.store.repository import TranscriptStore

    real = tmp_path / "real"
    config = load_config(["--data-dir", str(real)], environ={})
    assert demo_data.run(config, conversations=20) == 0
    real.mkdir(mode=0o700)
    TranscriptStore.open(f"sqlite:///{real / 'console.db'}", load_keyring(real, {})).close()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def zone_of(folder: Path) -> str:
        store = TranscriptStore.open(f"sqlite:///{folder / 'console.db'}", load_keyring(folder, {}))
        try:
            return store.team_day.zone()[0]
        finally:
            store.close()

    done = subprocess.run(
        [sys.executable, "app.py", "db", "time-zone", "Asia/Tokyo", "--demo", "--data-dir", str(real)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert zone_of(tmp_path / "real-demo") == "Asia/Tokyo"
    assert zone_of(real) == "UTC"
