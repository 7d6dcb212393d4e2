"""The Gradio Blocks: one page, two views.

Customers (anyone reaching the chat, a ``--share`` link included) see their conversation
only: greeting, messages with a language badge, Send, Stop, New conversation, Talk to a
person, thumbs on replies, a download of their own conversation. Staff (see
``console/access.py``) also get the model line, the generation sliders, the persona's system
prompt, the knowledge used, and the Transcripts tab. The staff parts start hidden and the
page's load event shows them to staff only; every staff handler checks the role again on
the server.

Labels follow the viewer's language: the load event reads ``Accept-Language`` and relabels
every component (table headers and dropdown values included) and sets the page direction.
Handlers live in ``chat.py`` and ``staff.py``; here they are only wired.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from console import export
from console.context import ConsoleContext
from console.options import MAX_NEW_TOKENS_RANGE
from console.pipeline import TurnUpdate
from console.ui import files
from console.ui.chat import ChatHandlers
from console.ui.errors import ConsoleBlocks, page_error
from console.ui.insights import build_insights_tab
from console.ui.labels import (
    answer_language,
    filter_language_choices,
    labels,
    language_choices,
    request_language,
    right_to_left,
)
from console.ui.rating import build_rating
from console.ui.staff import StaffHandlers, list_headers, queue_headers
from console.ui.state import ChatState

ASSETS = Path(__file__).resolve().parents[2] / "assets"
#: upper end of the max-tokens slider; the API accepts up to MAX_NEW_TOKENS_RANGE[1]
SLIDER_MAX_TOKENS = 2048

# Sets the page's language, direction and title from what the load event decided.
#: gradio's BrowserState key for the resume token; fixed, so a token kept before a restart
#: still reads (a random one per process would lose every customer's way back on restart)
_BROWSER_STATE_LABEL = "support-console-resume"

_PAGE_JS = """(page) => {
  try {
    const p = JSON.parse(page || "{}");
    if (p.lang) document.documentElement.lang = p.lang;
    document.documentElement.dir = p.dir || "ltr";
    if (p.title) document.title = p.title;
  } catch (e) {}
  document.documentElement.classList.remove("console-relabel");
  // The "who answers" line is a status message: a screen reader says each change (a person
  // answers, handed back, resolved) without the customer going to it (WCAG 4.1.3). The
  // chat itself is a log, which gradio marks already.
  const banner = document.getElementById("banner");
  if (banner) {
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
  }
  return [];
}"""

# The page is built with English labels and relabeled by the load event (the server knows
# the viewer's language from Accept-Language only then): a French or Chinese customer saw the
# English console for up to a second first. Before anything renders, a browser whose first
# language is not English hides the console (assets/console.css) until _PAGE_JS, which runs
# after the load event, shows it; after 4 s it shows whatever is there (a load that failed
# or a busy server must not leave a blank page). English browsers never wait.
_RELABEL_HEAD = r"""<script>
(() => {
  const first = ((navigator.languages && navigator.languages[0]) || navigator.language || "en");
  if (/^en\b/i.test(first)) return;
  const root = document.documentElement;
  root.classList.add("console-relabel");
  setTimeout(() => root.classList.remove("console-relabel"), 4000);
})();
</script>"""


# What is in the box when Send/Enter is pressed is what is sent, in the order pressed.
# gradio runs an event's ``js`` only after gathering its inputs (awaits), so on a busy
# machine a late _TAKE_JS read text typed after the press: one message went out as the next
# one's text, the next as "" (refused), and a message was lost (CI, test_day_one). So the
# page itself takes the text at the instant of the press (_OUTBOX_JS, run on page load by
# ``launch(js=...)``) and each take event pops the oldest. The listener mirrors gradio's own
# submit rule for this box (lines=1: Enter without Shift, on keypress) and the Send click.
_OUTBOX_JS = """() => {
  if (window.__consoleOutbox) return;
  const outbox = (window.__consoleOutbox = []);
  const box = () => document.querySelector("#message textarea");
  let presses = 0;
  // a Clear or New conversation takes a number in the same count (_RESET_JS)
  window.__consoleNextPress = () => String(++presses);
  const press = () => {
    const b = box();
    if (!b) return;
    outbox.push({ text: b.value, press: String(++presses) });
    if (b.value) {
      b.value = "";
      b.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  document.addEventListener("keypress", (e) => {
    if (e.key === "Enter" && !e.shiftKey && e.target === box()) press();
  }, true);
  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("#send")) press();
  }, true);
}"""

# Clear (the trash icon) and New conversation are numbered with the presses of Send: a
# message sent just after a Clear belongs to the new conversation. Without the number, the
# server could run the reset after taking that message, and it vanished (seen in CI: the
# reset's request was handled after the next message's).
#: "(2) Support console": the customers waiting for a person, in the window title (staff)
_TITLE_JS = r"""(waiting) => {
  const base = document.title.replace(/^\(\d+\) /, "");
  document.title = waiting > 0 ? `(${waiting}) ${base}` : base;
}"""
_RESET_JS = """(state) => [state, window.__consoleNextPress ? window.__consoleNextPress() : null]"""

# Without the outbox (a press before the page script ran), the box's own value: the
# component's value can lag the DOM by one input event on a busy machine.
_TAKE_JS = """(text, state, lang, press) => {
  const outbox = window.__consoleOutbox;
  if (outbox && outbox.length) {
    const sent = outbox.shift();
    return [sent.text, state, lang, sent.press];
  }
  const box = document.querySelector("#message textarea");
  const typed = box && box.value.trim() ? box.value : (text || "");
  if (box && typed.trim()) {
    box.value = "";
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return [typed, state, lang, ""];
}"""


def _request_among(args: Sequence[Any], kwargs: dict[str, Any]) -> gr.Request | None:
    """The event's request among a handler's arguments (gradio passes it to handlers that
    declare one), so results can be shaped by who asked."""
    return next((a for a in (*args, *kwargs.values()) if isinstance(a, gr.Request)), None)


class Wiring:
    """Maps handler results (dicts keyed by name) onto this page's components."""

    def __init__(self) -> None:
        self.c: dict[str, Any] = {}
        self.on_update: Callable[[TurnUpdate, gr.Request | None], dict[str, Any]] | None = None
        #: the staff header's "which model runs where" (service.model_line)
        self.model_line = ""

    def __getitem__(self, name: str) -> Any:
        return self.c[name]

    def add(self, name: str, component: Any) -> Any:
        self.c[name] = component
        return component

    def out(self, *names: str) -> list[Any]:
        return [self.c[n] for n in names]

    def _convert(self, result: Any, only: frozenset[str] | None = None, request: Any = None) -> Any:
        if result is None:
            return gr.skip()
        if not isinstance(result, dict):
            return result
        converted = {self.c[k]: v for k, v in result.items() if k in self.c and (only is None or k in only)}
        update = result.get("update")
        if isinstance(update, TurnUpdate) and self.on_update is not None:
            converted.update({self.c[k]: v for k, v in self.on_update(update, request).items()})
        # nothing changed: one skip() leaves every output as it is
        return converted or gr.skip()

    def bind(self, fn: Callable[..., Any], *, only: Sequence[str] | None = None) -> Callable[..., Any]:
        """``fn`` with its results converted; signature and type hints kept, so gradio still
        hands it ``gr.Request`` and event data. ``only``: the results for these components
        alone (gradio refuses a result for a component that is not among the outputs)."""
        keep = frozenset(only) if only is not None else None
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
                request = _request_among(args, kwargs)
                for result in fn(*args, **kwargs):
                    yield self._convert(result, keep, request)

            return stream

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            return self._convert(fn(*args, **kwargs), keep, _request_among(args, kwargs))

        return call


def build_ui(ctx: ConsoleContext, model_line: str) -> gr.Blocks:
    chat = ChatHandlers(ctx)
    staff = StaffHandlers(ctx)
    config, pipeline, _store = ctx.config, ctx.pipeline, ctx.store
    defaults = pipeline.backend.info.defaults
    lines = pipeline.personas.business_lines()
    t = labels("en")
    w = Wiring()

    with ConsoleBlocks(
        title=t["title"],
        fill_height=True,
        delete_cache=(files.SWEEP_S, files.KEEP_S),
        # gradio's telemetry (on unless told otherwise) reports each start, the page's
        # components and some errors to gradio's servers: a support console holding
        # customers' conversations does not phone home
        analytics_enabled=False,
    ) as demo:
        # A value, not a factory: gradio deep-copies it for each session on first use. A
        # factory (gr.State(some_function)) is called by a load event of gradio's own that runs
        # beside ours and stores a fresh state: when it finished last it replaced the state
        # our load had set the viewer's language in (1 page in 5 here showed English tables).
        w.add("state", gr.State(ChatState()))
        # the token naming this browser's conversation, for coming back after a reload
        # (console/resume.py). It is signed by the server; gradio's own encryption of it in
        # localStorage uses a key the page itself holds, so it hides nothing and is not
        # what protects it.
        w.add(
            "resume",
            gr.BrowserState(None, storage_key="support-console-conversation", secret=_BROWSER_STATE_LABEL),
        )
        # the answer language this browser picked in the chat's menu, so a reload does not go
        # back to detecting what the customer already corrected; checked against the menu
        # on load (it comes from the browser)
        w.add(
            "chosen_language",
            gr.BrowserState("auto", storage_key="support-console-language", secret=_BROWSER_STATE_LABEL),
        )
        w.add("page", gr.Textbox(visible=False, elem_id="page-info"))
        # the page's number for each press of Send/Enter, filled in by _TAKE_JS
        w.add("press", gr.Textbox(visible=False, elem_id="press-number"))
        w.add("title", gr.Markdown(f"## 🎧 {t['title']}", elem_id="title"))
        # empty in the page's layout, which every visitor can read (/config), customers
        # included: filled on load for staff only (a remote engine's line is its address)
        w.add("model_info", gr.Markdown("", elem_id="model-info", visible=False))
        w.model_line = model_line
        with gr.Tabs():
            with w.add("chat_tab", gr.Tab(t["chat_tab"], id="chat")):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        w.add("banner", gr.Markdown("", elem_id="banner"))
                        w.add(
                            "chat",
                            gr.Chatbot(
                                label=t["chat_tab"],  # read by screen readers even when hidden
                                elem_id="chatbot",
                                height=520,
                                show_label=False,
                                # text is escaped before rendering (render.display_text); the
                                # sanitizer stays on as a second line of defence
                                sanitize_html=True,
                                allow_tags=False,
                                render_markdown=True,
                                group_consecutive_messages=False,
                                editable="user",
                                feedback_options=("Like", "Dislike"),
                                buttons=["copy"],
                            ),
                        )
                        with gr.Row():
                            w.add(
                                "message",
                                gr.Textbox(
                                    placeholder=t["message_placeholder"],
                                    label=t["message_placeholder"],
                                    show_label=False,
                                    lines=1,
                                    max_lines=8,
                                    scale=6,
                                    elem_id="message",
                                    autofocus=True,
                                ),
                            )
                            w.add("send", gr.Button(t["send"], variant="primary", scale=1, elem_id="send"))
                        with gr.Row():
                            w.add("stop", gr.Button(t["stop"], variant="stop", size="sm", elem_id="stop"))
                            w.add(
                                "new_chat",
                                gr.Button(t["new_conversation"], size="sm", elem_id="new-conversation"),
                            )
                            w.add("human", gr.Button(t["talk_to_human"], size="sm", elem_id="talk-to-human"))
                            w.add("download", gr.Button(t["download"], size="sm", elem_id="download"))
                        # The language answers come in: detected from each message unless the
                        # customer (or an operator testing answers) picks one. Detection on one
                        # or two words is right about 9 times in 10 ("pedido duplicado" reads as
                        # Spanish): the customer can correct it here, and it is the only
                        # setting a customer's choice decides (ChatHandlers._settings).
                        w.add(
                            "language",
                            gr.Dropdown(
                                language_choices((t["language_auto"], "auto")),
                                value="auto",
                                label=t["language"],
                                elem_id="language",
                            ),
                        )
                        with w.add("feedback_row", gr.Row(visible=False, elem_id="feedback-row")):
                            w.add(
                                "feedback_text",
                                gr.Textbox(label=t["feedback_reason"], scale=4, elem_id="feedback-text"),
                            )
                            w.add(
                                "feedback_send",
                                gr.Button(t["feedback_send"], scale=1, elem_id="feedback-send"),
                            )
                        w.add("feedback_target", gr.State(""))
                        build_rating(demo, w, ctx)  # the 1-5 rating at the end; console/ui/rating.py
                        w.add(
                            "download_file",
                            gr.File(
                                label=t["download"],
                                show_label=False,
                                interactive=False,
                                visible=False,
                                elem_id="download-file",
                            ),
                        )
                        w.add("customer_timer", gr.Timer(1.0))
                    with w.add(
                        "sidebar", gr.Column(scale=1, min_width=260, visible=False, elem_id="staff-sidebar")
                    ):
                        w.add(
                            "business_line",
                            gr.Dropdown(
                                [(pipeline.personas.display_name(x, "en"), x) for x in lines],
                                value=config.business_line if config.business_line in lines else lines[0],
                                label=t["business_line"],
                                elem_id="business-line",
                            ),
                        )
                        w.add("detected", gr.Markdown("", elem_id="detected-language"))
                        w.add("knowledge", gr.Markdown("", elem_id="knowledge-used"))
                        with w.add("settings", gr.Accordion(t["settings"], open=True)):
                            w.add(
                                "temperature",
                                gr.Slider(
                                    0.0,
                                    2.0,
                                    value=defaults.temperature,
                                    step=0.05,
                                    label=t["temperature"],
                                    elem_id="temperature",
                                ),
                            )
                            w.add(
                                "top_p",
                                gr.Slider(
                                    0.0,
                                    1.0,
                                    value=defaults.top_p,
                                    step=0.05,
                                    label=t["top_p"],
                                    elem_id="top-p",
                                ),
                            )
                            w.add(
                                "max_tokens",
                                gr.Slider(
                                    MAX_NEW_TOKENS_RANGE[0],
                                    SLIDER_MAX_TOKENS,
                                    value=min(defaults.max_new_tokens, SLIDER_MAX_TOKENS),
                                    step=1,
                                    label=t["max_tokens"],
                                    elem_id="max-tokens",
                                ),
                            )
                        with w.add("prompt_box", gr.Accordion(t["system_prompt"], open=False)):
                            w.add(
                                "system_prompt",
                                gr.Textbox(
                                    value="",
                                    label=t["system_prompt"],
                                    show_label=False,
                                    lines=12,
                                    max_lines=30,
                                    interactive=False,
                                    elem_id="system-prompt",
                                ),
                            )
                            w.add(
                                "reload", gr.Button(t["reload_prompts"], size="sm", elem_id="reload-prompts")
                            )

            with w.add("transcripts_tab", gr.Tab(t["transcripts_tab"], id="transcripts", visible=False)):
                with gr.Row():
                    w.add(
                        "f_language",
                        gr.Dropdown(
                            filter_language_choices(t["all"]),
                            value="all",
                            label=t["language"],
                            elem_id="f-language",
                        ),
                    )
                    w.add(
                        "f_line",
                        gr.Dropdown(
                            _filter_lines(ctx, t, "en"),
                            value="all",
                            label=t["business_line"],
                            elem_id="f-line",
                        ),
                    )
                    w.add(
                        "f_status",
                        gr.Dropdown(
                            _status_choices(t, True), value="all", label=t["status"], elem_id="f-status"
                        ),
                    )
                    w.add("f_since", gr.Textbox(label=t["since"], elem_id="f-since"))
                    w.add("f_until", gr.Textbox(label=t["until"], elem_id="f-until"))
                    w.add(
                        "f_tag",
                        gr.Dropdown([(t["all"], "all")], value="all", label=t["tags"], elem_id="f-tag"),
                    )
                with gr.Row():
                    w.add(
                        "f_search",
                        gr.Textbox(label=t["search"], scale=4, elem_id="f-search", info=t["search_info"]),
                    )
                    w.add("refresh", gr.Button(t["refresh"], scale=1, elem_id="refresh"))
                w.add("queue_title", gr.Markdown(f"#### 🙋 {t['queue_title']}"))
                w.add(
                    "queue_table",
                    gr.Dataframe(
                        headers=queue_headers(t),
                        interactive=False,
                        wrap=True,
                        elem_id="escalation-queue",
                        max_height=240,
                    ),
                )
                w.add("queue_ids", gr.State([]))
                # how many wait for a person: read by _TITLE_JS into the window title
                w.add("waiting", gr.Number(0, visible=False, elem_id="waiting-count"))
                w.add("list_title", gr.Markdown(f"#### {t['all_conversations']}"))
                w.add(
                    "table",
                    gr.Dataframe(
                        headers=list_headers(t),
                        interactive=False,
                        wrap=True,
                        elem_id="transcripts-table",
                        max_height=360,
                    ),
                )
                w.add("listed_ids", gr.State([]))
                w.add("viewed", gr.State(""))
                w.add("staff_timer", gr.Timer(1.0))
                w.add("queue_timer", gr.Timer(3.0))
                with gr.Row():
                    with gr.Column(scale=3):
                        w.add("viewer", gr.Markdown("", elem_id="conversation-view", sanitize_html=True))
                    with gr.Column(scale=1, min_width=260):
                        w.add(
                            "current_id",
                            gr.Textbox(label=t["conversation"], interactive=False, elem_id="current-id"),
                        )
                        w.add(
                            "owner_info",
                            gr.Textbox(label=t["col_owner"], interactive=False, elem_id="owner-info"),
                        )
                        with gr.Row():
                            w.add("take", gr.Button(t["take"], size="sm", variant="primary", elem_id="take"))
                            w.add("hand_back", gr.Button(t["hand_back"], size="sm", elem_id="hand-back"))
                            w.add("resolve", gr.Button(t["resolve"], size="sm", elem_id="resolve"))
                        w.add(
                            "show_translations",
                            gr.Checkbox(
                                label=t["show_translations"], value=True, elem_id="show-translations"
                            ),
                        )
                        w.add(
                            "canned",
                            gr.Dropdown(
                                [],
                                value=None,
                                label=t["canned_replies"],
                                info=t["canned_info"],
                                filterable=True,
                                # the choices change per conversation and search; the handler
                                # checks the id against the line's replies itself
                                allow_custom_value=True,
                                elem_id="canned",
                            ),
                        )
                        w.add(
                            "agent_text",
                            gr.Textbox(label=t["reply_as_person"], lines=3, elem_id="agent-text"),
                        )
                        w.add(
                            "translate_reply",
                            gr.Button(t["translate_reply"], size="sm", elem_id="translate-reply"),
                        )
                        w.add(
                            "agent_translated",
                            gr.Textbox(
                                label=t["reply_translated"].format(language="…"),
                                lines=3,
                                elem_id="agent-translated",
                            ),
                        )
                        w.add(
                            "agent_send",
                            gr.Button(t["send_reply"], size="sm", variant="primary", elem_id="agent-send"),
                        )
                        w.add("tags_box", gr.Textbox(label=t["tags"], info=t["tags_info"], elem_id="tags"))
                        w.add("save_tags", gr.Button(t["save_tags"], size="sm", elem_id="save-tags"))
                        w.add("note_box", gr.Textbox(label=t["internal_note"], lines=3, elem_id="note"))
                        w.add("save_note", gr.Button(t["save_note"], size="sm", elem_id="save-note"))
                        w.add(
                            "new_status",
                            gr.Dropdown(
                                _status_choices(t, False),
                                value="resolved",
                                label=t["status"],
                                elem_id="new-status",
                            ),
                        )
                        w.add("set_status", gr.Button(t["set_status"], size="sm", elem_id="set-status"))
                        w.add(
                            "confirm_erase",
                            gr.Checkbox(label=t["confirm_erase"], value=False, elem_id="confirm-delete"),
                        )
                        w.add("erase", gr.Button(t["delete"], size="sm", variant="stop", elem_id="delete"))
                        w.add(
                            "t_format",
                            gr.Dropdown(
                                list(export.ALL_FORMATS),
                                value="markdown",
                                label=t["export"],
                                elem_id="t-format",
                            ),
                        )
                        with gr.Row():
                            w.add(
                                "export_one",
                                gr.Button(t["export_conversation"], size="sm", elem_id="export-one"),
                            )
                            w.add(
                                "export_all", gr.Button(t["export_listed"], size="sm", elem_id="export-all")
                            )
                        w.add(
                            "t_file",
                            gr.File(label=t["export"], show_label=False, interactive=False, elem_id="t-file"),
                        )
            build_insights_tab(demo, w, ctx)  # operators only; console/ui/insights.py

        _wire(demo, w, ctx, chat, staff)
    return demo  # type: ignore[no-any-return]


# ------------------------------------------------------------------ choices


def _filter_lines(ctx: ConsoleContext, t: dict[str, str], language: str) -> list[tuple[str, str]]:
    personas = ctx.pipeline.personas
    return [(t["all"], "all"), *[(personas.display_name(x, language), x) for x in personas.business_lines()]]


def _status_choices(t: dict[str, str], with_all: bool) -> list[tuple[str, str]]:
    from console.store.models import CONVERSATION_STATUSES

    if not with_all:  # setting a status: "escalated" puts the conversation in the queue
        return [(t[f"status_{s}"], s) for s in CONVERSATION_STATUSES]
    # the filter: "escalated" lists the queue and the conversations a person has taken
    keys = {s: "status_escalated_any" if s == "escalated" else f"status_{s}" for s in CONVERSATION_STATUSES}
    return [(t["all"], "all"), *((t[key], s) for s, key in keys.items())]


# ------------------------------------------------------------------ wiring


def _wire(demo: gr.Blocks, w: Wiring, ctx: ConsoleContext, chat: ChatHandlers, staff: StaffHandlers) -> None:
    access = ctx.access
    state = w["state"]
    settings = w.out("temperature", "top_p", "max_tokens", "business_line", "language")

    def on_update(update: TurnUpdate, request: gr.Request | None) -> dict[str, Any]:
        """The staff sidebar's view of a turn: staff pages only. A hidden component still
        receives its value, so a customer's browser would get the guard's verdicts (which
        check replaced a reply, why a conversation was handed over) and the knowledge base's
        entries verbatim."""
        if not access.is_staff_request(request):
            return {}
        return {"detected": detection_markdown(update), "knowledge": knowledge_markdown(update)}

    w.on_update = on_update

    def on_load(st: ChatState, token: object, chosen: object, request: gr.Request) -> dict[str, Any]:
        """Viewer language and role, decided on the server for this page; the conversation
        this browser was in, when its token still opens one; the answer language it picked."""
        st.ui_language = request_language(request)
        is_staff = access.is_staff_request(request)
        st.banner = chat.loading_banner(st.ui_language)
        page = {**relabel(w, ctx, st.ui_language, is_staff, chosen), "state": st, "banner": st.banner}
        return {**page, **chat.come_back(st, token, request)}

    load = demo.load(
        w.bind(on_load),
        inputs=[state, w["resume"], w["chosen_language"]],
        outputs=list(w.c.values()),
        api_visibility="private",
        show_progress="hidden",
    )
    load.then(None, inputs=[w["page"]], outputs=None, js=_PAGE_JS)
    listing_inputs = [
        state,
        *w.out("f_language", "f_line", "f_status", "f_since", "f_until", "f_search", "f_tag"),
    ]

    def staff_queue(st: ChatState, request: gr.Request) -> dict[str, Any]:
        if not access.is_staff_request(request):
            return {}
        staff.note_presence(st, request)  # the page's timer: a person of the team is here
        return staff.queue(st, request)

    def staff_list(
        st: ChatState,
        language: str,
        line: str,
        status: str,
        since: str,
        until: str,
        search: str,
        tag: str,
        request: gr.Request,
    ) -> dict[str, Any]:
        if not access.is_staff_request(request):
            return {}
        return staff.listing(st, language, line, status, since, until, search, tag, request)

    load.then(
        w.bind(staff_queue),
        inputs=[state],
        outputs=w.out("queue_table", "queue_ids", "transcripts_tab", "waiting"),
        api_visibility="private",
        show_progress="hidden",
    ).then(None, inputs=[w["waiting"]], outputs=None, js=_TITLE_JS)

    # ---- customer chat: take the message at once (never dropped), then answer the queue
    take = gr.on(
        [w["send"].click, w["message"].submit],
        w.bind(chat.take),
        inputs=[w["message"], state, w["language"], w["press"]],
        # the chat too: the message shows as queued in the same answer (a separate event
        # for it cost one more round trip before the reply could start)
        outputs=w.out("message", "state", "chat"),
        # the box is emptied in the browser as the message leaves it, so what the customer
        # types next is never overwritten by a late server reply; a refused message is put
        # back with the reason
        js=_TAKE_JS,
        concurrency_limit=None,
        trigger_mode="multiple",
        api_name="take_message",
        api_visibility="private",
        show_progress="hidden",
    )
    drain_outputs = w.out("chat", "state", "detected", "knowledge")
    take.success(
        w.bind(chat.drain),
        inputs=[state, *settings],
        outputs=drain_outputs,
        api_visibility="private",
        show_progress="hidden",
        concurrency_limit=None,  # the console's own line (ChatHandlers._answer) bounds it
    )

    # one call for programs (gradio_client, the soak test): take and answer one message
    def chat_api(
        text: str,
        st: ChatState,
        temperature: float,
        top_p: float,
        max_tokens: float,
        line: str,
        lang: str,
        request: gr.Request,
    ) -> Iterator[Any]:
        refused = chat.refusal(text, st, lang, request)
        if refused is not None:  # a program gets the reason as an error, nothing is queued
            raise page_error(refused)
        st.enqueue(text, admitted=True)
        yield from chat.drain(st, temperature, top_p, max_tokens, line, lang, request)

    api_button = gr.Button(visible=False)
    api_outputs = [w["message"], *drain_outputs]
    api_button.click(
        w.bind(chat_api),
        inputs=[w["message"], state, *settings],
        outputs=api_outputs,
        api_name="chat",
        concurrency_limit=None,  # bounded by the console's own line, like the page's turns
    )

    def retry_api(
        st: ChatState,
        temperature: float,
        top_p: float,
        max_tokens: float,
        line: str,
        lang: str,
        request: gr.Request,
    ) -> Iterator[Any]:
        chat.retry(st)
        yield from chat.drain(st, temperature, top_p, max_tokens, line, lang, request)

    api_retry = gr.Button(visible=False)
    api_retry.click(
        w.bind(retry_api),
        inputs=[state, *settings],
        outputs=api_outputs,
        api_name="retry",
        concurrency_limit=None,
    )
    api_undo = gr.Button(visible=False)
    api_undo.click(
        w.bind(chat.undo), inputs=[state], outputs=w.out("chat", "state", "message"), api_name="undo"
    )

    w["stop"].click(chat.stop, inputs=None, outputs=None, concurrency_limit=None, api_name="stop")
    for trigger in (w["new_chat"].click, w["chat"].clear):
        trigger(
            w.bind(chat.new_conversation_pressed),
            inputs=[state, w["press"]],
            # not the message box: what the customer typed since stays there
            outputs=w.out("chat", "state", "resume"),
            js=_RESET_JS,
            api_visibility="private",
        )
    api_clear = gr.Button(visible=False)
    api_clear.click(
        w.bind(chat.new_conversation, only=("chat", "state", "message")),
        inputs=[state],
        outputs=w.out("chat", "state", "message"),
        api_name="clear",
    )
    w["chat"].retry(
        w.bind(chat.retry), inputs=[state], outputs=w.out("chat", "state"), api_visibility="private"
    ).then(
        w.bind(chat.drain),
        inputs=[state, *settings],
        outputs=drain_outputs,
        api_visibility="private",
        show_progress="hidden",
        concurrency_limit=None,  # the console's own line (ChatHandlers._answer) bounds it
    )
    w["chat"].undo(
        w.bind(chat.undo), inputs=[state], outputs=w.out("chat", "state", "message"), api_visibility="private"
    )
    w["chat"].edit(
        w.bind(chat.edit), inputs=[state], outputs=w.out("chat", "state"), api_visibility="private"
    ).then(
        w.bind(chat.drain),
        inputs=[state, *settings],
        outputs=drain_outputs,
        api_visibility="private",
        show_progress="hidden",
        concurrency_limit=None,  # the console's own line (ChatHandlers._answer) bounds it
    )
    w["chat"].like(
        w.bind(chat.like),
        inputs=[state],
        outputs=w.out("feedback_row", "feedback_target"),
        api_visibility="private",
    )
    w["feedback_send"].click(
        w.bind(chat.feedback_reason),
        inputs=[state, w["feedback_target"], w["feedback_text"]],
        outputs=w.out("feedback_row", "feedback_text"),
        api_visibility="private",
    )
    w["human"].click(
        w.bind(chat.talk_to_human),
        inputs=[state, w["business_line"], w["language"]],
        outputs=w.out("chat", "state", "detected", "knowledge"),
        api_name="talk_to_human",
    )

    def tick(st: ChatState, request: gr.Request) -> dict[str, Any] | None:
        token = chat.keep_token(st, request)
        return {**(chat.poll(st) or {}), **token} or None

    w["customer_timer"].tick(
        w.bind(tick),
        inputs=[state],
        outputs=w.out("chat", "state", "banner", "resume"),
        show_progress="hidden",
        concurrency_limit=None,
        api_visibility="private",
    )

    def download(st: ChatState) -> dict[str, Any]:
        # the file box stays hidden until there is something in it
        return {"download_file": gr.update(value=chat.download(st), visible=True)}

    w["download"].click(
        w.bind(download), inputs=[state], outputs=[w["download_file"]], api_visibility="private"
    )
    api_download = gr.Button(visible=False)
    api_download.click(chat.download, inputs=[state], outputs=[w["download_file"]], api_name="export_chat")

    # the answer language picked in the menu stays with this browser (restored on load)
    w["language"].input(
        lambda choice: choice,
        inputs=[w["language"]],
        outputs=[w["chosen_language"]],
        api_visibility="private",
        queue=False,
        show_progress="hidden",
    )

    # ---- staff: sidebar
    gr.on(
        [w["business_line"].change, w["language"].change],
        staff.system_prompt,
        inputs=w.out("business_line", "language"),
        outputs=[w["system_prompt"]],
        # it also fires when the page load relabels the dropdowns: no overlay flash then
        show_progress="hidden",
        api_visibility="private",
    )
    w["reload"].click(
        staff.reload_prompts,
        inputs=[state, *w.out("business_line", "language")],
        outputs=[w["system_prompt"]],
        api_name="reload_prompts",
    )

    # ---- staff: transcripts
    if ctx.store is None:
        return
    list_outputs = w.out("table", "listed_ids", "f_tag")
    queue_outputs = w.out("queue_table", "queue_ids", "transcripts_tab", "waiting")
    filters = w.out("f_language", "f_line", "f_status", "f_since", "f_until", "f_tag")
    # filters apply as soon as they change (no Refresh needed); search on Enter
    load.then(
        w.bind(staff_list),
        inputs=listing_inputs,
        outputs=list_outputs,
        api_visibility="private",
        show_progress="hidden",
    )
    gr.on(
        [w["refresh"].click, w["transcripts_tab"].select, w["f_search"].submit, *[f.change for f in filters]],
        w.bind(staff_list),
        inputs=listing_inputs,
        outputs=list_outputs,
        api_visibility="private",
        show_progress="hidden",
    )

    # for programs: the table alone (the page also refreshes its tag filter's choices)
    api_list = gr.Button(visible=False)
    api_list.click(
        w.bind(staff.listing, only=("table", "listed_ids")),
        inputs=listing_inputs,
        outputs=w.out("table", "listed_ids"),
        api_name="transcripts",
    )
    gr.on(
        [w["refresh"].click, w["transcripts_tab"].select, w["queue_timer"].tick],
        w.bind(staff_queue),
        inputs=[state],
        outputs=queue_outputs,
        api_visibility="private",
        show_progress="hidden",
        concurrency_limit=None,
    ).then(None, inputs=[w["waiting"]], outputs=None, js=_TITLE_JS)
    api_queue = gr.Button(visible=False)
    api_queue.click(
        w.bind(staff.queue, only=("queue_table", "queue_ids")),
        inputs=[state],
        outputs=w.out("queue_table", "queue_ids"),
        api_name="escalations",
    )
    view_outputs = w.out("viewer", "current_id", "new_status", "confirm_erase", "viewed", "owner_info")
    translate = w["show_translations"]
    # opening fills the tools for that conversation too; the timer and the buttons below
    # re-render the view only, so a half-typed note or reply is never overwritten
    open_outputs = [*view_outputs, *w.out("tags_box", "note_box", "agent_text", "agent_translated", "canned")]
    # the boxes go in too: what they hold is kept as the draft of the conversation open now
    drafts = w.out("current_id", "agent_text", "agent_translated")
    w["queue_table"].select(
        w.bind(staff.open),
        inputs=[state, w["queue_ids"], translate, *drafts],
        outputs=open_outputs,
        api_visibility="private",
    )
    w["table"].select(
        w.bind(staff.open),
        inputs=[state, w["listed_ids"], translate, *drafts],
        outputs=open_outputs,
        api_visibility="private",
    )
    w["staff_timer"].tick(
        w.bind(staff.watch),
        inputs=[state, w["current_id"], w["viewed"], translate],
        outputs=view_outputs,
        show_progress="hidden",
        concurrency_limit=None,
        api_visibility="private",
    )
    translate.input(
        w.bind(staff.toggle_translations),
        inputs=[state, w["current_id"], translate],
        outputs=view_outputs,
        api_visibility="private",
    )
    # after any change to a conversation, the queue and the list show it at once
    refresh_queue: dict[str, Any] = {
        "fn": w.bind(staff.queue),
        "inputs": [state],
        "outputs": queue_outputs,
        "show_progress": "hidden",
        "api_visibility": "private",
    }
    refresh_list: dict[str, Any] = {
        **refresh_queue,
        "fn": w.bind(staff.listing),
        "inputs": listing_inputs,
        "outputs": list_outputs,
    }
    current = w["current_id"]
    for button, handler, inputs, name in (
        (w["take"], staff.take, [state, current], "take"),
        (w["hand_back"], staff.hand_back, [state, current], "hand_back"),
        (w["resolve"], staff.resolve, [state, current], "resolve"),
        (w["set_status"], staff.set_status, [state, current, w["new_status"]], "set_status"),
        (w["erase"], staff.erase, [state, current, w["confirm_erase"]], "delete"),
    ):
        button.click(w.bind(handler), inputs=inputs, outputs=view_outputs, api_name=name).success(
            **refresh_queue
        ).success(**refresh_list)
    w["agent_send"].click(
        w.bind(staff.reply),
        inputs=[state, current, w["agent_text"], w["agent_translated"]],
        outputs=[*view_outputs, *w.out("agent_text", "agent_translated")],
        api_name="agent_reply",
    ).success(**refresh_queue)
    # a translation belongs to the draft it was made from: typing in the draft drops it
    w["agent_text"].input(lambda: "", outputs=[w["agent_translated"]], api_visibility="private", queue=False)
    w["translate_reply"].click(
        w.bind(staff.translate_reply),
        inputs=[state, current, w["agent_text"]],
        outputs=[w["agent_translated"]],
        api_name="translate_reply",
    )
    w["canned"].key_up(
        w.bind(staff.canned_search),
        inputs=[state, current],
        outputs=[w["canned"]],
        api_visibility="private",
        show_progress="hidden",
        trigger_mode="always_last",
    )
    w["canned"].input(
        w.bind(staff.canned_insert),
        inputs=[state, current, w["canned"]],
        outputs=w.out("agent_text", "agent_translated", "canned"),
        api_name="canned_reply",
    )
    w["save_tags"].click(
        w.bind(staff.save_tags),
        inputs=[state, current, w["tags_box"]],
        outputs=[*view_outputs, w["tags_box"]],
        api_name="set_tags",
    ).success(**refresh_list)
    w["save_note"].click(
        w.bind(staff.save_note),
        inputs=[state, current, w["note_box"]],
        outputs=view_outputs,
        api_name="set_note",
    )
    w["export_one"].click(
        staff.export_current,
        inputs=[state, w["current_id"], w["t_format"]],
        outputs=[w["t_file"]],
        api_name="export_conversation",
    )
    w["export_all"].click(
        staff.export_listed,
        inputs=[state, w["listed_ids"], w["t_format"]],
        outputs=[w["t_file"]],
        api_name="export_listed",
    )


def relabel(
    w: Wiring, ctx: ConsoleContext, language: str, is_staff: bool, chosen: object = "auto"
) -> dict[str, Any]:
    """Every label, header and choice in ``language``; staff parts shown to staff only;
    ``chosen``: the answer language this browser picked before (kept when the menu has it)."""
    t = labels(language)
    rtl = right_to_left(language)
    defaults = ctx.pipeline.backend.info.defaults
    return {
        "page": json.dumps({"lang": language, "dir": "rtl" if rtl else "ltr", "title": t["title"]}),
        "title": f"## 🎧 {t['title']}",
        "model_info": gr.update(visible=is_staff, value=w.model_line if is_staff else ""),
        "chat_tab": gr.update(label=t["chat_tab"]),
        "chat": gr.update(rtl=rtl, label=t["chat_tab"]),
        # the operator's conversation view reads in the operator's direction (its values are
        # isolated, transcripts.render_conversation_markdown)
        "viewer": gr.update(rtl=rtl),
        "message": gr.update(placeholder=t["message_placeholder"], label=t["message_placeholder"], rtl=rtl),
        "download_file": gr.update(label=t["download"]),
        "t_file": gr.update(label=t["export"]),
        "send": t["send"],
        "stop": t["stop"],
        "new_chat": t["new_conversation"],
        "human": t["talk_to_human"],
        "download": t["download"],
        "feedback_text": gr.update(label=t["feedback_reason"]),
        "feedback_send": t["feedback_send"],
        "sidebar": gr.update(visible=is_staff),
        "business_line": gr.update(
            label=t["business_line"],
            choices=[
                (ctx.pipeline.personas.display_name(x, language), x)
                for x in ctx.pipeline.personas.business_lines()
            ],
        ),
        "language": gr.update(
            label=t["language"],
            choices=language_choices((t["language_auto"], "auto")),
            value=answer_language(chosen),
        ),
        "settings": gr.update(label=t["settings"]),
        # the model's own defaults (known once it has loaded, see console/loading.py)
        "temperature": gr.update(value=defaults.temperature, label=t["temperature"]),
        "top_p": gr.update(value=defaults.top_p, label=t["top_p"]),
        "max_tokens": gr.update(value=min(defaults.max_new_tokens, SLIDER_MAX_TOKENS), label=t["max_tokens"]),
        "prompt_box": gr.update(label=t["system_prompt"]),
        "reload": t["reload_prompts"],
        "transcripts_tab": gr.update(label=t["transcripts_tab"], visible=is_staff and ctx.store is not None),
        "f_language": gr.update(label=t["language"], choices=filter_language_choices(t["all"])),
        "f_line": gr.update(label=t["business_line"], choices=_filter_lines(ctx, t, language)),
        "f_status": gr.update(label=t["status"], choices=_status_choices(t, True)),
        "f_since": gr.update(label=t["since"]),
        "f_until": gr.update(label=t["until"]),
        # what the operator types reads in the operator's direction (the reply's translation
        # box follows the customer's: StaffHandlers.open)
        "f_search": gr.update(label=t["search"], info=t["search_info"], rtl=rtl),
        "refresh": t["refresh"],
        "queue_title": f"#### 🙋 {t['queue_title']}",
        "queue_table": gr.update(headers=queue_headers(t)),
        "list_title": f"#### {t['all_conversations']}",
        "table": gr.update(headers=list_headers(t)),
        "current_id": gr.update(label=t["conversation"]),
        "owner_info": gr.update(label=t["col_owner"]),
        "take": t["take"],
        "hand_back": t["hand_back"],
        "resolve": t["resolve"],
        "agent_text": gr.update(label=t["reply_as_person"], rtl=rtl),
        "agent_send": t["send_reply"],
        "show_translations": gr.update(label=t["show_translations"]),
        "canned": gr.update(label=t["canned_replies"], info=t["canned_info"]),
        "translate_reply": t["translate_reply"],
        "agent_translated": gr.update(label=t["reply_translated"].format(language="…")),
        "tags_box": gr.update(label=t["tags"], info=t["tags_info"], rtl=rtl),
        "save_tags": t["save_tags"],
        "note_box": gr.update(label=t["internal_note"], rtl=rtl),
        "save_note": t["save_note"],
        "f_tag": gr.update(label=t["tags"]),
        "new_status": gr.update(label=t["status"], choices=_status_choices(t, False)),
        "set_status": t["set_status"],
        "confirm_erase": gr.update(label=t["confirm_erase"]),
        "erase": t["delete"],
        "t_format": gr.update(label=t["export"]),
        "export_one": t["export_conversation"],
        "export_all": t["export_listed"],
        "system_prompt": gr.update(
            label=t["system_prompt"],
            # business_line was checked against the prompts by create_app
            value=ctx.pipeline.personas.system_prompt(
                ctx.config.business_line, ctx.config.default_language
            ).text
            if is_staff
            else "",
        ),
    }


def detection_markdown(update: TurnUpdate) -> str:
    import html

    from console.language import LANGUAGE_NAMES

    d = update.detection
    name = LANGUAGE_NAMES.get(d.language, d.language)
    fell_back = ""
    if update.system_prompt.fell_back:
        fell_back = f" · no `{d.tag}` persona, using `{update.system_prompt.persona.language}`"
    retry = " · reply redone in the customer's language" if update.language_retry else ""
    out = f"**{html.escape(name)}** `{d.tag}` · {d.reason} · {d.confidence:.0%}{fell_back}{retry}"
    if update.escalated:
        out += f"\n\n🙋 handed to a person ({update.escalated})"
    if update.blocked:
        out += f"\n\n⛔ reply replaced by the refusal line ({update.blocked})"
    return out


def knowledge_markdown(update: TurnUpdate) -> str:
    import html

    if not update.knowledge:
        return ""
    items = "\n".join(f"- {html.escape(entry)}" for entry in update.knowledge)
    return f"📚 **Knowledge used**\n{items}"


def launch_kwargs(ctx: ConsoleContext) -> dict[str, Any]:
    """Arguments for ``Blocks.launch`` from the config (theme and CSS belong here in gradio 6)."""
    config = ctx.config
    kwargs: dict[str, Any] = {
        "server_name": config.host,
        "server_port": config.port or None,
        "share": config.share,
        "auth": list(config.auth) or None,
        "css_paths": [ASSETS / "console.css"],
        "favicon_path": ASSETS / "favicon.svg",
        "theme": gr.themes.Soft(),
        "footer_links": ["api"],
        "show_error": False,
        "js": _OUTBOX_JS,
        "head": _RELABEL_HEAD,
    }
    if config.auth:
        kwargs["auth_message"] = "Sign in to the support console."
    return kwargs
