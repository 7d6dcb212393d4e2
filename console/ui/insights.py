"""The Insights tab (operators only): Gradio's native plots over console/insights.py.

:func:`build_insights_tab` is called once from ``layout.build_ui`` inside ``gr.Tabs()``: it
adds its components to the page's :class:`Wiring` and wires its own events. The tab starts
hidden; its own load event shows it to staff only (``ctx.access``) and labels it in the
viewer's language, and every handler checks the role again on the server, like the
transcripts tab. Filters (period, business line, language) apply as soon as they change;
Refresh re-reads the database (new feedback shows up at once).
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from functools import cache
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd
import yaml

from console import insights
from console.context import ConsoleContext
from console.errors import ConfigError, StoreError
from console.insights import Filters
from console.text import isolate
from console.ui.errors import page_error
from console.ui.labels import filter_language_choices, request_language
from console.ui.labels import labels as ui_labels
from console.ui_labels import right_to_left

LABELS_FILE = Path(__file__).resolve().parents[2] / "prompts" / "_i18n" / "insights_labels.yaml"
PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
PLOT_HEIGHT = 260


@cache
def _all_labels() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    english = set(data["en"])
    for language, table in data.items():
        if set(table) != english:
            raise ConfigError(
                str(LABELS_FILE), f"{language}: keys differ from en: {sorted(set(table) ^ english)}"
            )
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()}


def insights_labels(language: str) -> dict[str, str]:
    """The tab's labels in ``language`` (the UI's language key), with the shared UI labels
    it uses (all, language, business_line, refresh, reason_*)."""
    table = _all_labels()
    return {**ui_labels(language), **table.get(language, table["en"])}


# ------------------------------------------------------------------ choices


def _periods(t: dict[str, str], zone_name: str) -> list[tuple[str, str]]:
    """The period menu; each entry names the team's zone, in which its days are counted
    ("Last 30 days (America/Sao Paulo)")."""
    return [(t["last_days"].format(n=n, zone=zone_name.replace("_", " ")), str(n)) for n in PERIODS]


def _lines(ctx: ConsoleContext, t: dict[str, str], language: str) -> list[tuple[str, str]]:
    personas = ctx.pipeline.personas
    return [(t["all"], "all"), *[(personas.display_name(x, language), x) for x in personas.business_lines()]]


def filters_of(period: str, line: str, language: str, zone: tzinfo = UTC) -> Filters:
    days = int(period) if str(period).isdigit() and int(period) in PERIODS else DEFAULT_PERIOD
    return Filters.last_days(
        days,
        business_line=None if line in ("", "all", None) else line,
        language=None if language in ("", "all", None) else language,
        zone=zone,
    )


# ------------------------------------------------------------------ figures


def _days(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    if "day" in frame:
        frame["day"] = pd.to_datetime(frame["day"])
    return frame


def _ms(value: float | int | None) -> str:
    """Milliseconds as seconds ("4.2 s": the SI symbol, the same in every served language)."""
    return "–" if value is None else f"{value / 1000:.1f} s"


def figures(ctx: ConsoleContext, f: Filters, t: dict[str, str], language: str = "en") -> dict[str, Any]:
    """Every plot's data and the headline, for one set of filters (no gradio updates), named
    in the viewer's language (``t`` its labels): series, events, reasons, business lines."""
    store = ctx.store
    assert store is not None
    engine = store.engine
    summary = insights.summary(engine, f)
    first, wait = summary["first_response"], summary["wait_for_person"]
    up = "–" if summary["up_ratio"] is None else f"{summary['up_ratio']:.0%}"
    rating = "–" if summary["rating"] is None else f"{summary['rating']:.2f} / 5 ({summary['ratings']})"
    rate = "–" if summary["handoff_rate"] is None else f"{summary['handoff_rate']:.1%}"
    demo = f"> 🧪 {t['demo']}\n\n" if ctx.config.demo else ""
    # each value in its own direction for a right-to-left reader ("4.2 s / 7.6 s" read
    # "s / 7.6 s 4.2" in an Arabic table)
    v = isolate if right_to_left(language) else str

    def minutes(ms: float | None) -> str:
        return "–" if ms is None else t["minutes"].format(n=f"{ms / 60_000:.1f}")

    cells = [
        str(summary["conversations"]),
        rate,
        f"{_ms(first['p50'])} / {_ms(first['p95'])}",
        f"{minutes(wait['p50'])} / {minutes(wait['p95'])}",
        f"{up} ({summary['thumbs_up']} / {summary['thumbs_down']})",
        rating,
    ]
    headline = (
        f"{demo}| {t['conversations']} | {t['handoff_rate']} | {t['first_response']} p50 / p95 | "
        f"{t['wait']} | 👍 / 👎 | {t['rating']} |\n|---|---|---|---|---|---|\n"
        f"| {' | '.join(v(cell) for cell in cells)} |\n\n"
        f"{t['rate_limited']}: **{v(str(insights.rate_limited(ctx.metrics)))}**"
    )
    times = insights.reply_times(engine, f).melt(
        id_vars=["day", "metric"], value_vars=["p50", "p95"], var_name="q", value_name="ms"
    )
    series = {"first token": t["series_first_token"], "full answer": t["series_full_answer"]}
    times["series"] = times["metric"].map(series) + " " + times["q"]
    waits = insights.wait_for_person_per_day(engine, f).melt(
        id_vars=["day"], value_vars=["p50", "p95"], var_name="series", value_name="minutes"
    )
    waits["minutes"] = (waits["minutes"] / 60_000).round(2)
    reasons = insights.handoff_reasons(engine, f)
    reasons["reason"] = [t.get(f"reason_{r}", r) for r in reasons["reason"]]
    outcome = insights.resolution(engine, f)
    outcome["outcome"] = [t[f"outcome_{o}"] for o in outcome["outcome"]]
    by_language = insights.satisfaction(engine, f, "language")
    by_line = insights.satisfaction(engine, f, "business_line").dropna(subset=["rating"])
    by_line["business_line"] = [
        ctx.pipeline.personas.display_name(x, language) for x in by_line["business_line"]
    ]
    events = insights.guard_events(engine, f)
    events["event"] = [t[f"event_{e}"] for e in events["event"]]
    questions = insights.top_questions(store, f)
    return {
        "ins_headline": headline,
        "ins_conversations": _days(insights.conversations_per_day(engine, f)),
        "ins_messages": _days(insights.messages_per_day(engine, f)),
        "ins_speed": _days(times[["day", "series", "ms"]]),
        "ins_tokens": _days(insights.tokens_per_second(engine, f)),
        "ins_handoff_rate": _days(insights.handoff_rate(engine, f)),
        "ins_reasons": reasons,
        "ins_wait": _days(waits),
        "ins_resolution": outcome,
        "ins_up_share": by_language.dropna(subset=["up_ratio"])[["language", "up_ratio"]],
        "ins_rating_line": by_line[["business_line", "rating"]],
        "ins_events": _days(events),
        "ins_questions": questions.rename(
            columns={
                "question": t["question"],
                "conversations": t["conversations"],
                "handed_off": "🙋",
                "thumbs_down": "👎",
            }
        ),
    }


# ------------------------------------------------------------------ the tab

#: a day axis as month-day: Vega-Lite writes dates in English ("Sat 07", "December")
#: whatever the viewer reads
DAY_AXIS = {"x_axis_format": "%m-%d"}
#: bars from zero, shares and ratings on their whole scale: gradio starts an axis near the
#: lowest value, so the smallest bar (a business line's rating, "press or media") vanished;
#: long names slanted, so that they do not overlap
SCALES: dict[str, dict[str, Any]] = {
    "ins_reasons": {"y_lim": [0, None], "x_label_angle": -20},
    "ins_resolution": {"y_lim": [0, None]},
    "ins_up_share": {"y_lim": [0, 1], "x_label_angle": -45},
    "ins_rating_line": {"y_lim": [0, 5]},
}

#: (component name, plot class, x, y, color, label key)
PLOTS: tuple[tuple[str, Any, str, str, str | None, str], ...] = (
    ("ins_conversations", gr.BarPlot, "day", "conversations", "language", "conversations"),
    ("ins_messages", gr.BarPlot, "day", "messages", "language", "messages"),
    ("ins_speed", gr.LinePlot, "day", "ms", "series", "speed"),
    ("ins_tokens", gr.LinePlot, "day", "tokens_per_s", None, "tokens_per_s"),
    ("ins_handoff_rate", gr.LinePlot, "day", "rate", None, "handoff_rate"),
    ("ins_reasons", gr.BarPlot, "reason", "conversations", None, "reasons"),
    ("ins_wait", gr.LinePlot, "day", "minutes", "series", "wait"),
    ("ins_resolution", gr.BarPlot, "outcome", "conversations", None, "resolution"),
    ("ins_up_share", gr.BarPlot, "language", "up_ratio", None, "up_share"),
    ("ins_rating_line", gr.BarPlot, "business_line", "rating", None, "rating_line"),
    ("ins_events", gr.BarPlot, "day", "count", "event", "events"),
)
FILTERS = ("ins_period", "ins_line", "ins_language")


def build_insights_tab(demo: gr.Blocks, w: Any, ctx: ConsoleContext) -> None:
    """Add the tab (inside ``gr.Tabs()``) and wire it. Nothing without a transcript store."""
    if ctx.store is None:
        return
    t = insights_labels("en")
    zone_name = ctx.store.team_day.zone()[0]
    with w.add("insights_tab", gr.Tab(t["tab"], id="insights", visible=False, elem_id="insights-tab")):
        with gr.Row():
            w.add(
                "ins_period",
                gr.Dropdown(
                    _periods(t, zone_name), value=str(DEFAULT_PERIOD), label=t["period"], elem_id="ins-period"
                ),
            )
            w.add("ins_line", gr.Dropdown(_lines(ctx, t, "en"), value="all", label=t["business_line"]))
            w.add(
                "ins_language",
                gr.Dropdown(filter_language_choices(t["all"]), value="all", label=t["language"]),
            )
            w.add("ins_refresh", gr.Button(t["refresh"], scale=0, elem_id="ins-refresh"))
        w.add("ins_headline", gr.Markdown("", elem_id="ins-headline"))
        rows = [PLOTS[i : i + 2] for i in range(0, len(PLOTS), 2)]
        for row in rows:
            with gr.Row():
                for name, plot, x, y, color, key in row:
                    w.add(
                        name,
                        plot(
                            x=x,
                            y=y,
                            color=color,
                            title=t[key],
                            color_title=_color_title(color, t),
                            height=PLOT_HEIGHT,
                            elem_id=name.replace("_", "-"),
                            x_title=" ",
                            y_title=" ",
                            **(DAY_AXIS if x == "day" else {}),
                            **SCALES.get(name, {}),
                        ),
                    )
        w.add("ins_questions_title", gr.Markdown(f"#### {t['questions']}"))
        w.add(
            "ins_questions",
            gr.Dataframe(
                interactive=False, wrap=True, elem_id="ins-questions", max_height=320, latex_delimiters=[]
            ),
        )
    _wire(demo, w, ctx)


def _color_title(color: str | None, t: dict[str, str]) -> str | None:
    """The legend's title: "language" in the viewer's words; none over series and events,
    whose names say what they are."""
    if color is None:
        return None
    return t["language"] if color == "language" else " "


def _wire(demo: gr.Blocks, w: Any, ctx: ConsoleContext) -> None:
    names = ["insights_tab", *FILTERS, "ins_refresh", "ins_headline", "ins_questions_title", "ins_questions"]
    names += [p[0] for p in PLOTS]
    outputs = w.out(*names)

    def staff(request: gr.Request) -> bool:
        return ctx.access.is_staff_request(request)

    def team_zone() -> tuple[str, tzinfo]:
        assert ctx.store is not None  # the tab exists only with a store
        return ctx.store.team_day.zone()

    def data(period: str, line: str, language: str, viewer: str) -> dict[str, Any]:
        try:
            f = filters_of(period, line, language, team_zone()[1])
            return figures(ctx, f, insights_labels(viewer), viewer)
        except StoreError as exc:  # the store's words, in the UI's error box
            raise page_error(exc) from exc

    def on_load(period: str, line: str, language: str, request: gr.Request) -> dict[str, Any]:
        if not staff(request):
            return {"insights_tab": gr.update(visible=False)}
        viewer = request_language(request)
        t = insights_labels(viewer)
        relabelled: dict[str, Any] = {
            "insights_tab": gr.update(visible=True, label=t["tab"]),
            "ins_period": gr.update(label=t["period"], choices=_periods(t, team_zone()[0])),
            "ins_line": gr.update(label=t["business_line"], choices=_lines(ctx, t, viewer)),
            "ins_language": gr.update(label=t["language"], choices=filter_language_choices(t["all"])),
            "ins_refresh": t["refresh"],
            "ins_questions_title": f"#### {t['questions']}",
        }
        for name, _plot, _x, _y, color, key in PLOTS:
            relabelled[name] = gr.update(title=t[key], color_title=_color_title(color, t))
        # one update per component: a plot's data goes with its new title (a second update
        # for the same component replaced the first, and every title stayed in English)
        return {
            **relabelled,
            **{
                k: {**relabelled[k], "value": v} if k in relabelled else v
                for k, v in data(period, line, language, viewer).items()
            },
        }

    def on_change(period: str, line: str, language: str, request: gr.Request) -> dict[str, Any]:
        if not staff(request):
            return {}
        return data(period, line, language, request_language(request))

    inputs = w.out(*FILTERS)
    demo.load(
        w.bind(on_load), inputs=inputs, outputs=outputs, api_visibility="private", show_progress="hidden"
    )
    gr.on(
        [w["ins_refresh"].click, *[w[n].change for n in FILTERS]],
        w.bind(on_change),
        inputs=inputs,
        outputs=outputs,
        api_visibility="private",
        show_progress="hidden",
    )
