"""The Insights tab (operators only): Gradio's native plots over console/insights.py.

:func:`build_insights_tab` is called once from ``layout.build_ui`` inside ``gr.Tabs()``: it
adds its components to the page's :class:`Wiring` and wires its own events. The tab starts
hidden; its own load event shows it to staff only (``ctx.access``) and labels it in the
viewer's language, and every handler checks the role again on the server, like the
transcripts tab. Filters (period, business line, language) apply as soon as they change;
Refresh re-reads the database (new feedback shows up at once).

A daily plot's days are categories, the team's dates as text ("12-05", every day of the
period), not times, which Vega-Lite would draw in the browser's own zone; the languages
have fixed colours, named by a legend of the page's own. A change sends the data, then the
day axes (:func:`axes` says why in two steps).
"""

from __future__ import annotations

import html
import math
import zlib
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
from console.text import isolate, show_direction_controls
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

#: a message stored without a language (messages_per_day's None), in the plots and legend
NO_LANGUAGE = "–"
#: one colour per language, all told apart: gradio's default scheme has 10 colours, so the
#: 18 languages shared them (ar and pt the same blue). Sasha Trubetskoy's 20 distinct
#: colours without white, beige and black; grey is left for a message without a language.
#: Fixed per language, so a language keeps its colour in both plots and whatever the filters.
LANGUAGE_COLOURS: dict[str, str] = {
    "en": "#4363d8",
    "zh-Hans": "#e6194b",
    "es": "#f58231",
    "ja": "#3cb44b",
    "de": "#911eb4",
    "fr": "#42d4f4",
    "pt": "#f032e6",
    "ko": "#ffe119",
    "ru": "#469990",
    "ar": "#9a6324",
    "it": "#bfef45",
    "tr": "#800000",
    "nl": "#808000",
    "pl": "#000075",
    "vi": "#fabed4",
    "th": "#dcbeff",
    "id": "#aaffc3",
    "zh-Hant": "#ffd8b1",
    NO_LANGUAGE: "#a9a9a9",
}
#: a stored language the table does not know (a persona added since): one of these, by a
#: hash of its tag, so it keeps its colour from one view to the next
SPARE_COLOURS = ("#2f4f4f", "#d2691e", "#6a5acd", "#8fbc8f", "#b03060", "#5f9ea0")
#: the guard events' colours (by code: their names follow the viewer's language)
EVENT_COLOURS = {
    "blocked": "#4363d8",
    "language_retry": "#f58231",
    "failed": "#e6194b",
    "interrupted": "#469990",
}


def _day_label(day: str) -> str:
    """A stored team day ('2026-12-05') as the axes write it: "12-05"."""
    return day[5:]


def _per_day(
    frame: pd.DataFrame,
    days: list[str],
    y: str,
    *,
    color: str | None = None,
    fill: str = "",
    gap: bool = False,
) -> pd.DataFrame:
    """A per-day figure over every team day of the period (``days``, stored form), its days
    as labels ("12-05"), oldest first: the axis is categorical, one label per day, so a day
    is drawn as the team's date in every browser time zone (datetimes were drawn on a time
    axis in the browser's own zone: Tokyo's 12-07 sat after "12-06" in São Paulo, each day
    labelled twice and its bar a sliver). A day without a row gets one: 0 for a count
    (``gap`` False), nothing for a line (a gap, not a fall to zero), in the series of the
    frame's first row (``fill`` when there is none), so every daily plot shows every day."""
    columns = ["day", y, *([color] if color else [])]
    frame = frame[columns].copy()
    missing = sorted(set(days) - set(frame["day"]))
    if missing:
        extra: dict[str, Any] = {"day": missing, y: [math.nan if gap else 0] * len(missing)}
        if color:
            extra[color] = frame[color].iloc[0] if not frame.empty else fill
        added = pd.DataFrame(extra)
        frame = added if frame.empty else pd.concat([frame, added], ignore_index=True)
    # numbers, whatever the empty query's frame held: an object column is drawn as categories
    frame[y] = pd.to_numeric(frame[y], errors="coerce").astype(float if gap else int)
    frame = frame.sort_values("day", kind="stable").reset_index(drop=True)
    frame["day"] = frame["day"].map(_day_label)
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
    messages = insights.messages_per_day(engine, f)
    messages["language"] = messages["language"].fillna(NO_LANGUAGE)
    questions = insights.top_questions(store, f)
    # customers' words: a direction override must not reorder them (the queue and the list
    # write them out the same way, staff._cell)
    questions["question"] = [show_direction_controls(str(q)) for q in questions["question"]]
    days = insights.period_days(f)
    # a day without conversations is drawn in the filter's language (a zero bar: no colour)
    no_one = f.language or NO_LANGUAGE
    return {
        "ins_headline": headline,
        "ins_conversations": _per_day(
            insights.conversations_per_day(engine, f), days, "conversations", color="language", fill=no_one
        ),
        "ins_messages": _per_day(messages, days, "messages", color="language", fill=no_one),
        "ins_speed": _per_day(
            times, days, "ms", color="series", fill=f"{series['first token']} p50", gap=True
        ),
        "ins_tokens": _per_day(insights.tokens_per_second(engine, f), days, "tokens_per_s", gap=True),
        "ins_handoff_rate": _per_day(insights.handoff_rate(engine, f), days, "rate", gap=True),
        "ins_reasons": reasons,
        "ins_wait": _per_day(waits, days, "minutes", color="series", fill="p50", gap=True),
        "ins_resolution": outcome,
        "ins_up_share": by_language.dropna(subset=["up_ratio"])[["language", "up_ratio"]],
        "ins_rating_line": by_line[["business_line", "rating"]],
        "ins_events": _per_day(events, days, "count", color="event", fill=t["event_blocked"]),
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

#: plain numbers: over one value only (a week without a guard event, a day's handoff rate
#: of 0, one day of replies) Vega wrote its one tick "0.000000" or "36.500000"
PLAIN: dict[str, Any] = {"y_axis_format": ",~f"}
#: counts from zero
COUNT_AXIS: dict[str, Any] = {"y_lim": [0, None], **PLAIN}
#: bars from zero, shares and ratings on their whole scale: gradio starts an axis near the
#: lowest value, so the smallest bar (a business line's rating, "press or media") vanished;
#: long names slanted, so that they do not overlap; the handoff rate in percent, from zero.
#: The languages' colours are fixed (and named by the page's own legend, _legend, not
#: Vega's).
SCALES: dict[str, dict[str, Any]] = {
    "ins_conversations": {**COUNT_AXIS, "color_map": LANGUAGE_COLOURS, "colors_in_legend": []},
    "ins_messages": {**COUNT_AXIS, "color_map": LANGUAGE_COLOURS, "colors_in_legend": []},
    "ins_events": COUNT_AXIS,
    "ins_speed": PLAIN,
    "ins_tokens": PLAIN,
    "ins_wait": PLAIN,
    "ins_handoff_rate": {"y_lim": [0, None], "y_axis_format": "~%"},
    "ins_reasons": {**COUNT_AXIS, "x_label_angle": -20},
    "ins_resolution": COUNT_AXIS,
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


def _label_stride(days: int) -> int:
    """Days from one day-axis label to the next: a label per day overlaps from about 15 days
    on a half-width plot, so assets/console.css shows every 3rd (30 days) or 7th (90 days),
    counted back from the newest day, which is always named."""
    return 1 if days <= 10 else 3 if days <= 31 else 7


def _language_colour(language: str) -> str:
    return LANGUAGE_COLOURS.get(language) or SPARE_COLOURS[zlib.crc32(language.encode()) % len(SPARE_COLOURS)]


def _legend(languages: list[str], t: dict[str, str]) -> str:
    """The languages' legend of the two volume plots, as HTML that wraps: Vega-Lite draws
    its legend on one line and cut it off after 15 languages ("tr": vi, zh-Hans, zh-Hant
    and id went missing)."""
    if not languages:
        return ""
    items = "".join(
        f'<span class="ins-legend-item" data-language="{html.escape(code)}">'
        f'<span class="ins-swatch" aria-hidden="true" style="background-color: {_language_colour(code)}">'
        f"</span>{html.escape(code)}</span>"
        for code in languages
    )
    title = f'<span class="ins-legend-title">{html.escape(t["language"])}</span>'
    return f'<div class="ins-legend">{title}{items}</div>'


def axes(f: Filters) -> dict[str, dict[str, Any]]:
    """The day plots' axis props for the period of ``f``: its days in date order (as text
    "01-02" sorts before "12-30", across New Year) and a class saying which of their labels
    the stylesheet shows.

    Sent after the data (a second step of each change), never with them: gradio draws a
    plot anew when its sort changes, and one drawn anew as its data arrived kept the data it
    held before (the period changed, its plots did not). Drawn anew after, a plot also lists
    its labels in date order, which the stylesheet counts on; the data alone, when the
    period's days stay the same (Refresh, a filter), leave its labels in place."""
    days = insights.period_days(f)
    classes = ["ins-days", f"ins-every-{_label_stride(len(days))}"]
    labels = [_day_label(day) for day in days]
    return {p[0]: {"sort": labels, "elem_classes": classes} for p in PLOTS if p[2] == "day"}


def _colour_map(color: str, out: dict[str, Any], t: dict[str, str]) -> dict[str, str]:
    """The colours of a plot's series: every language (one the table lacks, in ``out``,
    gets a spare colour), or the guard events by their names in ``t``."""
    if color == "event":
        return {t[f"event_{code}"]: colour for code, colour in EVENT_COLOURS.items()}
    stored = {v for name in ("ins_conversations", "ins_messages") for v in out[name]["language"]}
    return {**LANGUAGE_COLOURS, **{v: _language_colour(v) for v in sorted(stored - set(LANGUAGE_COLOURS))}}


def _every_series(frame: pd.DataFrame, y: str, color: str, colours: dict[str, str]) -> pd.DataFrame:
    """``frame`` with a zero row on its first day for each series of ``colours`` it lacks:
    gradio takes a plot's colour domain from the data it is first drawn with and keeps it
    while only the data change, so a language first seen later got another's colour."""
    missing = [name for name in colours if name not in set(frame[color])]
    if frame.empty or not missing:
        return frame
    zeros = pd.DataFrame({"day": frame["day"].iloc[0], y: 0, color: missing})
    return pd.concat([frame, zeros.astype({y: frame[y].dtype})], ignore_index=True)


def fixed(out: dict[str, Any], f: Filters, t: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each plot's props as the tab loads, with its first data: title and legend title in
    the viewer's words, the series' colours (kept while the filters change: a plot whose
    props change is drawn anew), and the day axes (:func:`axes`)."""
    days = axes(f)
    props: dict[str, dict[str, Any]] = {}
    for name, _plot, _x, _y, color, key in PLOTS:
        props[name] = {"title": t[key], "color_title": _color_title(color, t), **days.get(name, {})}
        if color in ("language", "event"):
            props[name]["color_map"] = _colour_map(color, out, t)
    return props


def shown(out: dict[str, Any], t: dict[str, str]) -> dict[str, Any]:
    """The tab's updates for :func:`figures`' results ``out``, in the labels ``t``: each
    plot's data alone (every series present, for its colours; :func:`axes` follows), the
    languages' legend, and the no-data note instead of empty plots when the period holds no
    conversation and no message."""
    plots = {p[0] for p in PLOTS}
    updates: dict[str, Any] = {k: v for k, v in out.items() if k not in plots}
    for name, _plot, _x, y, color, _key in PLOTS:
        frame: pd.DataFrame = out[name]
        if color in ("language", "event"):
            frame = _every_series(frame, y, color, _colour_map(color, out, t))
        updates[name] = gr.update(value=frame)
    volume = ((out["ins_conversations"], "conversations"), (out["ins_messages"], "messages"))
    languages = sorted({v for frame, y in volume for v in frame.loc[frame[y] > 0, "language"]})
    empty = not languages  # no conversation and no message in the period, with these filters
    updates["ins_language_legend"] = _legend(languages, t)
    updates["ins_empty"] = gr.update(visible=empty, value=t["no_data"])
    updates["ins_body"] = gr.update(visible=not empty)
    return updates


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
        # a period without a conversation or message says so instead of showing empty plots
        w.add("ins_empty", gr.Markdown("", visible=False, elem_id="ins-empty"))
        with w.add("ins_body", gr.Column(elem_id="ins-body")):
            rows = [PLOTS[i : i + 2] for i in range(0, len(PLOTS), 2)]
            for i, row in enumerate(rows):
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
                                **SCALES.get(name, {}),
                            ),
                        )
                if i == 0:  # under conversations and messages: their languages' colours
                    w.add("ins_language_legend", gr.HTML("", elem_id="ins-language-legend"))
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
    names += [p[0] for p in PLOTS] + ["ins_empty", "ins_body", "ins_language_legend"]
    outputs = w.out(*names)

    def staff(request: gr.Request) -> bool:
        return ctx.access.is_staff_request(request)

    def team_zone() -> tuple[str, tzinfo]:
        assert ctx.store is not None  # the tab exists only with a store
        return ctx.store.team_day.zone()

    def data(period: str, line: str, language: str, viewer: str) -> tuple[dict[str, Any], Filters]:
        """:func:`figures` and their filters."""
        try:
            f = filters_of(period, line, language, team_zone()[1])
            return figures(ctx, f, insights_labels(viewer), viewer), f
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
        out, f = data(period, line, language, viewer)
        relabelled |= {name: gr.update(**props) for name, props in fixed(out, f, t).items()}
        # one update per component: a plot's data goes with its new title (a second update
        # for the same component replaced the first, and every title stayed in English)
        merged = dict(relabelled)
        for k, v in shown(out, t).items():
            merged[k] = {**relabelled[k], **v} if k in relabelled else v
        return merged

    def on_change(period: str, line: str, language: str, request: gr.Request) -> dict[str, Any]:
        if not staff(request):
            return {}
        viewer = request_language(request)
        return shown(data(period, line, language, viewer)[0], insights_labels(viewer))

    def on_axes(period: str, line: str, language: str, request: gr.Request) -> dict[str, Any]:
        if not staff(request):
            return {}
        f = filters_of(period, line, language, team_zone()[1])
        return {name: gr.update(**props) for name, props in axes(f).items()}

    inputs = w.out(*FILTERS)
    demo.load(
        w.bind(on_load), inputs=inputs, outputs=outputs, api_visibility="private", show_progress="hidden"
    )
    days = [p[0] for p in PLOTS if p[2] == "day"]
    gr.on(
        [w["ins_refresh"].click, *[w[n].change for n in FILTERS]],
        w.bind(on_change),
        inputs=inputs,
        outputs=outputs,
        api_visibility="private",
        show_progress="hidden",
    ).then(  # the day axes once the data are in (axes() says why not with them)
        w.bind(on_axes),
        inputs=inputs,
        outputs=w.out(*days),
        api_visibility="private",
        show_progress="hidden",
    )
