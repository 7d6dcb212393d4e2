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
Here the page is built; ``events.py`` wires the handlers of ``chat.py`` and ``staff.py``,
``relabel.py`` relabels it, ``wiring.py`` maps names to components, ``scripts.py`` holds
the page's JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from console import export
from console.context import ConsoleContext
from console.options import MAX_NEW_TOKENS_RANGE
from console.store.repository import MAX_FEEDBACK_CHARS
from console.ui import files
from console.ui.chat import ChatHandlers
from console.ui.choices import SLIDER_MAX_TOKENS, filter_lines, status_choices
from console.ui.errors import ConsoleBlocks
from console.ui.events import wire_events
from console.ui.insights import build_insights_tab
from console.ui.labels import filter_language_choices, labels, language_choices
from console.ui.rating import build_rating
from console.ui.scripts import _OUTBOX_JS, _RELABEL_HEAD
from console.ui.staff import StaffHandlers, list_headers, queue_headers
from console.ui.state import ChatState
from console.ui.wiring import Wiring

ASSETS = Path(__file__).resolve().parents[2] / "assets"

#: gradio's BrowserState key for the resume token; fixed, so a token kept before a restart
#: still reads (a random one per process would lose every customer's way back on restart)
_BROWSER_STATE_LABEL = "support-console-resume"


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
        # raised by the customer's timer when it has queued a stored message for an answer
        # (ChatHandlers.poll): its change starts the drain, as a taken message's success does
        w.add("answer_due", gr.State(0))
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
        # the browser's time zone, filled in by scripts._ZONE_JS as the page loads
        w.add("zone", gr.Textbox(visible=False, elem_id="time-zone"))
        # the page's number for each press of Send/Enter, filled in by scripts._TAKE_JS
        w.add("press", gr.Textbox(visible=False, elem_id="press-number"))
        # messages an earlier page of this tab sent and never heard were taken (a reload just
        # after Send), filled in by scripts._ZONE_JS; those the conversation does not hold
        # come back for the box (scripts._UNSENT_BACK_JS); and the press the server just
        # took, so the page stops keeping it (scripts._TAKEN_JS)
        w.add("unsent", gr.Textbox(visible=False, elem_id="unsent"))
        w.add("unsent_back", gr.Textbox(visible=False, elem_id="unsent-back"))
        w.add("taken", gr.Textbox(visible=False, elem_id="taken-press"))
        # staff pages: the queue's count (title, notifications) and the team's presence, on
        # whichever tab the page shows. Outside the tabs: a tab is drawn when first opened, and
        # a timer in it did not tick before, so an operator who stayed on the Chat tab heard of
        # no new customer and, after 90 s, counted as gone. Started by the load for staff only.
        w.add("queue_timer", gr.Timer(3.0, active=False))
        with gr.Row(elem_id="title-row"):
            w.add("title", gr.Markdown(f"## 🎧 {t['title']}", elem_id="title"))
            # with logins only: there is nobody to sign out on a console without them
            w.add(
                "sign_out",
                gr.Button(
                    t["sign_out"],
                    size="sm",
                    scale=0,
                    min_width=100,
                    elem_id="sign-out",
                    visible=bool(config.auth),
                ),
            )
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
                                # "$$...$$" was drawn as KaTeX: a customer's big centred
                                # "REFUND APPROVED" in the operator's and the chat's view
                                latex_delimiters=[],
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
                                gr.Textbox(
                                    label=t["feedback_reason"],
                                    scale=4,
                                    elem_id="feedback-text",
                                    max_length=MAX_FEEDBACK_CHARS,  # the store's limit, told in the box
                                ),
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
                            filter_lines(ctx, t, "en"),
                            value="all",
                            label=t["business_line"],
                            elem_id="f-line",
                        ),
                    )
                    w.add(
                        "f_status",
                        gr.Dropdown(
                            status_choices(t, True), value="all", label=t["status"], elem_id="f-status"
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
                with gr.Row(equal_height=True):
                    w.add("queue_title", gr.Markdown(f"#### 🙋 {t['queue_title']}"))
                    # asks the browser's permission for desktop notifications of customers
                    # waiting (scripts._NOTIFY_JS); hidden once granted or where unsupported
                    w.add("notify", gr.Button(t["notify_button"], size="sm", scale=0, elem_id="notify"))
                w.add(
                    "queue_table",
                    gr.Dataframe(
                        headers=queue_headers(t),
                        interactive=False,
                        wrap=True,
                        elem_id="escalation-queue",
                        latex_delimiters=[],  # a customer's first message: no math
                        max_height=240,
                    ),
                )
                w.add("queue_ids", gr.State([]))
                # how many wait for a person: read by scripts._TITLE_JS into the window title
                w.add("waiting", gr.Number(0, visible=False, elem_id="waiting-count"))
                w.add("list_title", gr.Markdown(f"#### {t['all_conversations']}"))
                w.add(
                    "table",
                    gr.Dataframe(
                        headers=list_headers(t),
                        interactive=False,
                        wrap=True,
                        elem_id="transcripts-table",
                        latex_delimiters=[],  # a customer's first message: no math
                        max_height=360,
                    ),
                )
                # shown when the list is only part of what matches (StaffHandlers.listing)
                w.add("list_notice", gr.Markdown("", visible=False, elem_id="list-notice"))
                w.add("listed_ids", gr.State([]))
                w.add("viewed", gr.State(""))
                w.add("staff_timer", gr.Timer(1.0))
                with gr.Row():
                    with gr.Column(scale=3):
                        w.add(
                            "viewer",
                            gr.Markdown(
                                "", elem_id="conversation-view", sanitize_html=True, latex_delimiters=[]
                            ),
                        )
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
                            # enabled by the view where they change something (staff._buttons)
                            w.add(
                                "hand_back",
                                gr.Button(t["hand_back"], size="sm", elem_id="hand-back", interactive=False),
                            )
                            w.add(
                                "resolve",
                                gr.Button(t["resolve"], size="sm", elem_id="resolve", interactive=False),
                            )
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
                        # what the last Send sent (None when it sent nothing): the page takes
                        # just that out of the boxes (scripts._SENT_JS)
                        w.add("agent_sent", gr.JSON(None, visible=False, elem_id="agent-sent"))
                        w.add("tags_box", gr.Textbox(label=t["tags"], info=t["tags_info"], elem_id="tags"))
                        w.add("save_tags", gr.Button(t["save_tags"], size="sm", elem_id="save-tags"))
                        w.add("note_box", gr.Textbox(label=t["internal_note"], lines=3, elem_id="note"))
                        w.add("save_note", gr.Button(t["save_note"], size="sm", elem_id="save-note"))
                        w.add(
                            "new_status",
                            gr.Dropdown(
                                status_choices(t, False),
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

        wire_events(demo, w, ctx, chat, staff)
    return demo  # type: ignore[no-any-return]


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
        # Gradio's "Use via API" page lists every endpoint, staff ones included, for anyone
        # who loads the page: a link for a team's own console, not under a customer's chat
        "footer_links": ["api"] if ctx.access.everyone_staff else [],
        "show_error": False,
        # Gradio's monitoring (its default, None, means on) served every function's call
        # counts and timings, staff actions included, to any signed-in customer, and printed
        # the dashboard's key to the log on request; the console's figures are /metrics,
        # behind the API key. console/http_limits.py refuses its routes as well.
        "enable_monitoring": False,
        "js": _OUTBOX_JS,
        "head": _RELABEL_HEAD,
    }
    # No auth_message: gradio's sign-in page labels itself in the browser's language ("로그인",
    # "تسجيل الدخول"), while the message is one static string for every visitor and read
    # "Sign in to the support console." in English above the Korean or Arabic form.
    return kwargs
