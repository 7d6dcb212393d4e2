"""The insights tab's data and labels without a browser: every language has every label,
the figures come from the store for staff, and a customer gets nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from console import demo_data, insights
from console.config import Config
from console.insights import Filters
from console.service import create_app
from console.ui import insights as tab
from console.ui_labels import UI_LABELS
from tests.fakes import ScriptedBackend


def test_every_ui_language_has_every_insights_label_translated() -> None:
    table = tab._all_labels()
    assert set(table) == set(UI_LABELS)
    english = table["en"]
    for language, labels in table.items():
        assert set(labels) == set(english), language
        assert all(v.strip() for v in labels.values()), language
        assert "{n}" in labels["last_days"], language
        # the days are the team's (db time-zone): the menu names the zone they are counted in
        assert "({zone})" in labels["last_days"], language
        if language != "en":
            same = [k for k in english if labels[k] == english[k]]
            assert len(same) <= 3, (language, same)  # French "Conversations", "Messages", "Question"
    assert table["zh"]["tab"] != table["zh-Hant"]["tab"]
    assert tab.insights_labels("ja")["reason_complaint"] == UI_LABELS["ja"]["reason_complaint"]


def test_figures_for_the_demo_month(tmp_path: Path) -> None:
    folder = demo_data.demo_dir(tmp_path / "data")
    demo_data.fill(folder, conversations=300)
    config = Config(data_dir=folder, port=0, demo=True)
    app = create_app(config, backend=ScriptedBackend())
    assert app.context is not None  # create_app always builds the console's context
    try:
        t = tab.insights_labels("fr")
        out = tab.figures(app.context, tab.filters_of("30", "all", "all"), t)
        assert set(out) == {"ins_headline", "ins_questions", *(p[0] for p in tab.PLOTS)}
        for name, _plot, x, y, color, _key in tab.PLOTS:
            frame = out[name]
            assert isinstance(frame, pd.DataFrame) and not frame.empty, name
            assert {x, y, *([color] if color else [])} <= set(frame.columns), name
        assert out["ins_conversations"]["conversations"].sum() == 300
        assert "Données de démonstration" in out["ins_headline"]
        # the assistant alone and a person always; still waiting only for the latest handoffs
        outcomes = set(out["ins_resolution"]["outcome"])
        assert {t["outcome_assistant"], t["outcome_person"]} <= outcomes
        assert outcomes <= {t["outcome_assistant"], t["outcome_person"], t["outcome_waiting"]}
        assert list(out["ins_questions"].columns) == ["Question", "Conversations", "🙋", "👎"]
        ja = tab.figures(app.context, tab.filters_of("30", "all", "ja"), t)
        assert set(ja["ins_conversations"]["language"]) == {"ja"}
        # every name a plot shows is in the viewer's language (they were English codes)
        fr = tab.figures(app.context, tab.filters_of("30", "all", "all"), t, "fr")
        assert set(fr["ins_speed"]["series"]) == {
            f"{t[key]} {q}" for key in ("series_first_token", "series_full_answer") for q in ("p50", "p95")
        }
        assert set(fr["ins_events"]["event"]) <= {t[f"event_{e}"] for e in insights.GUARD_EVENTS}
        assert "Boutique en ligne" in set(fr["ins_rating_line"]["business_line"])
        assert "ecommerce" not in set(fr["ins_rating_line"]["business_line"])
        # an Arabic reader's headline: each value isolated in its own direction
        ar = tab.figures(app.context, tab.filters_of("30", "all", "all"), tab.insights_labels("ar"), "ar")
        assert "| \u2068300\u2069 |" in ar["ins_headline"] and " s / " in ar["ins_headline"]
        assert "\u2068" not in fr["ins_headline"]
    finally:
        app.close()


@pytest.mark.parametrize(("period", "days"), [("7", 7), ("90", 90), ("junk", 30)])
def test_period_choices(period: str, days: int) -> None:
    f = tab.filters_of(period, "finance", "all")
    assert isinstance(f, Filters) and (f.until - f.since).days == days
    assert (f.business_line, f.language) == ("finance", None)


def test_top_questions_write_out_a_direction_override(tmp_path: Path) -> None:
    """The queue and the list write a direction control out (⟨U+202E⟩): a customer's first
    message with one read "Refund for order APPROVED FOR 1200" there before; Top questions too."""
    from tests.test_store import new_conversation

    app = create_app(Config(data_dir=tmp_path / "data", port=0), backend=ScriptedBackend())
    try:
        store = app.store
        assert store is not None
        cid = new_conversation(store, owner="ui")
        store.add_message(cid, role="user", content="Refund for order \u202e0021 ROF DEVORPPA\u202c please")
        store.transition(cid, "escalated", actor="customer", reason="customer asked")
        assert app.context is not None
        t = tab.insights_labels("en")
        shown = tab.figures(app.context, tab.filters_of("30", "all", "all"), t)["ins_questions"]
        (question,) = list(shown[t["question"]])
        assert "\u202e" not in question and "⟨U+202E⟩0021 ROF DEVORPPA" in question
    finally:
        app.close()
