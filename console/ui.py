"""The Gradio Blocks UI: layout and event wiring. The only module that imports gradio.

Handlers are thin: they turn component values into a :class:`TurnRequest`, call the
pipeline, and turn :class:`TurnUpdate` objects back into component values. Domain errors
become ``gr.Error`` here and nowhere else. Handlers return dicts keyed by component (not
long positional tuples) so each says what it changes.
"""

from __future__ import annotations

import html
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from console import export, transcripts
from console.errors import ConsoleError
from console.language import LANGUAGE_NAMES, SERVED_LANGUAGES
from console.options import MAX_NEW_TOKENS_RANGE, GenerationOptions
from console.pipeline import TurnRequest, TurnUpdate
from console.ui_labels import UI_LABELS

if TYPE_CHECKING:
    from console.service import ConsoleApp

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: upper end of the max-tokens slider; the API accepts up to MAX_NEW_TOKENS_RANGE[1]
SLIDER_MAX_TOKENS = 2048

_STATUS_NOTE = {
    "stopped": "⏹ _stopped_",
    "interrupted": "⚠️ _interrupted_",
}

ChatState = dict[str, Any]  # {"conversation_id": str | None, "messages": [...], "tags": [...]}


def new_state() -> ChatState:
    return {
        "conversation_id": None,
        "messages": [],
        "tags": [],
        "notes": [],
        "escalated": False,
        "agent_seen": [],
    }


AGENT_PREFIX = "🧑‍💼 **Agent:** "


def i18n_labels() -> gr.I18n:
    # Gradio picks the browser's locale; Chinese locales map to the Simplified labels.
    translations = {code: dict(labels) for code, labels in UI_LABELS.items()}
    for labels in translations.values():
        # "status" is also a key of Gradio's own frontend strings (an object there), which
        # shadows ours and renders "[object Object]": publish it under another name.
        labels["conversation_status"] = labels.pop("status")
    if "zh" in translations:
        translations.setdefault("zh-CN", translations["zh"])
    if "zh-Hant" in translations:
        translations.setdefault("zh-TW", translations["zh-Hant"])
        translations.setdefault("zh-HK", translations["zh-Hant"])
    return gr.I18n(**translations)


def render_chat(state: ChatState, pending: str | None = None, pending_note: str = "") -> list[dict[str, str]]:
    """Chatbot messages for ``state`` plus an optional reply that is still streaming.

    The user's text is shown as typed; the language badge and status notes are added to
    the displayed copy only (the stored transcript keeps the exact text).
    """
    shown: list[dict[str, str]] = []
    user_index = 0
    notes = state.get("notes", [])
    for i, message in enumerate(state["messages"]):
        content = message["content"]
        if message["role"] == "user":
            tag = state["tags"][user_index] if user_index < len(state["tags"]) else None
            user_index += 1
            if tag:
                content = f"{content}\n\n`🌐 {tag}`"
        elif i < len(notes) and notes[i]:
            content = f"{content}\n\n{notes[i]}"
        if message["role"] == "agent":  # a person from the support team, shown as such
            shown.append({"role": "assistant", "content": AGENT_PREFIX + content})
            continue
        shown.append({"role": message["role"], "content": content})
    if pending is not None:
        shown.append({"role": "assistant", "content": f"{pending}{pending_note}" or "…"})
    return shown


@contextmanager
def shown_as_error() -> Iterator[None]:
    """The edge of the error tree: a ConsoleError becomes a Gradio error notice with its
    message (written for the person who caused it); anything else is a bug and propagates."""
    try:
        yield
    except ConsoleError as exc:
        raise gr.Error(exc.message) from exc


def pop_last_turn(state: ChatState) -> str | None:
    """Remove the last customer message and what followed it; return its text (None when
    there is no customer message, after dropping any trailing replies)."""
    messages = state["messages"]
    while messages and messages[-1]["role"] != "user":
        messages.pop()
    text = None
    if messages:
        text = messages.pop()["content"]
        state["tags"].pop()
    del state["notes"][len(messages) :]
    return str(text) if text is not None else None


def detection_markdown(update: TurnUpdate) -> str:
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
    if not update.knowledge:
        return ""
    items = "\n".join(f"- {html.escape(entry)}" for entry in update.knowledge)
    return f"📚 **Knowledge used**\n{items}"


def build_ui(app: ConsoleApp) -> gr.Blocks:
    pipeline = app.pipeline
    config = app.config
    store = app.store
    info = pipeline.backend.info
    defaults = info.defaults
    t = i18n_labels()
    lines = pipeline.personas.business_lines()
    line_choices = [(pipeline.personas.display_name(line, "en"), line) for line in lines]
    language_choices: list[tuple[str, str]] = [("Auto-detect", "auto")]
    language_choices += [(f"{LANGUAGE_NAMES.get(code, code)} ({code})", code) for code in SERVED_LANGUAGES]
    language_choices += [("中文 (繁體) (zh-Hant)", "zh-Hant")]

    # Exported transcripts are plaintext files in Gradio's cache: delete them after an hour.
    with gr.Blocks(title="Support console", fill_height=True, delete_cache=(600, 3600)) as demo:
        state = gr.State(new_state())
        quant = f" · {info.quantization}" if info.quantization else ""
        gr.Markdown(
            f"## 🎧 Support console\n`{html.escape(info.model)}` on `{html.escape(info.device)}`"
            f" ({info.backend}{quant})",
            elem_id="model-info",
        )
        with gr.Tabs():
            with gr.Tab(t("chat_tab"), id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            elem_id="chatbot",
                            height=520,
                            show_label=False,
                            # Model and customer text is Markdown; raw HTML is sanitized and
                            # custom tags are off, so no script from either side executes.
                            sanitize_html=True,
                            allow_tags=False,
                            render_markdown=True,
                            feedback_options=None,
                            buttons=["copy"],
                        )
                        with gr.Row():
                            message = gr.Textbox(
                                placeholder=t("message_placeholder"),
                                show_label=False,
                                lines=1,
                                max_lines=8,
                                scale=6,
                                elem_id="message",
                                autofocus=True,
                            )
                            send = gr.Button(t("send"), variant="primary", scale=1, elem_id="send")
                        with gr.Row():
                            stop = gr.Button(t("stop"), variant="stop", size="sm", elem_id="stop")
                            retry = gr.Button(t("retry"), size="sm", elem_id="retry")
                            undo = gr.Button(t("undo"), size="sm", elem_id="undo")
                            clear = gr.Button(t("clear"), size="sm", elem_id="clear")
                            human = gr.Button(t("talk_to_human"), size="sm", elem_id="talk-to-human")
                        # Replies typed by a person in the Transcripts tab reach the chat here.
                        agent_timer = gr.Timer(2.0)
                    with gr.Column(scale=1, min_width=260):
                        business_line = gr.Dropdown(
                            line_choices,
                            value=config.business_line if config.business_line in lines else lines[0],
                            label=t("business_line"),
                            elem_id="business-line",
                        )
                        language = gr.Dropdown(
                            language_choices, value="auto", label=t("language"), elem_id="language"
                        )
                        detected = gr.Markdown("", label=t("detected_language"), elem_id="detected-language")
                        knowledge_used = gr.Markdown("", elem_id="knowledge-used")
                        with gr.Accordion(t("settings"), open=True):
                            temperature = gr.Slider(
                                0.0,
                                2.0,
                                value=defaults.temperature,
                                step=0.05,
                                label=t("temperature"),
                                elem_id="temperature",
                            )
                            top_p = gr.Slider(
                                0.0, 1.0, value=defaults.top_p, step=0.05, label=t("top_p"), elem_id="top-p"
                            )
                            max_tokens = gr.Slider(
                                MAX_NEW_TOKENS_RANGE[0],
                                SLIDER_MAX_TOKENS,
                                value=min(defaults.max_new_tokens, SLIDER_MAX_TOKENS),
                                step=1,
                                label=t("max_tokens"),
                                elem_id="max-tokens",
                            )
                        with gr.Accordion(t("system_prompt"), open=False):
                            system_prompt = gr.Textbox(
                                value=pipeline.personas.system_prompt(
                                    business_line.value or lines[0], config.default_language
                                ).text,
                                show_label=False,
                                lines=12,
                                max_lines=30,
                                interactive=False,
                                elem_id="system-prompt",
                            )
                            reload_prompts = gr.Button("Reload prompts", size="sm", elem_id="reload-prompts")
                        with gr.Accordion(t("export"), open=False):
                            chat_format = gr.Dropdown(
                                list(export.FORMATS),
                                value="markdown",
                                show_label=False,
                                elem_id="chat-export-format",
                            )
                            chat_export = gr.Button(t("download"), size="sm", elem_id="chat-export")
                            chat_file = gr.File(
                                show_label=False, interactive=False, elem_id="chat-export-file"
                            )

            with gr.Tab(t("transcripts_tab"), id="transcripts", visible=store is not None) as transcripts_tab:
                with gr.Row():
                    f_language = gr.Dropdown(
                        ["all", *SERVED_LANGUAGES, "zh-Hans", "zh-Hant"],
                        value="all",
                        label=t("language"),
                        elem_id="f-language",
                    )
                    f_line = gr.Dropdown(
                        ["all", *lines], value="all", label=t("business_line"), elem_id="f-line"
                    )
                    f_status = gr.Dropdown(
                        list(transcripts.STATUS_CHOICES),
                        value="all",
                        label=t("conversation_status"),
                        elem_id="f-status",
                    )
                    f_since = gr.Textbox(label="Since (YYYY-MM-DD)", elem_id="f-since")
                    f_until = gr.Textbox(label="Until (YYYY-MM-DD)", elem_id="f-until")
                with gr.Row():
                    f_search = gr.Textbox(
                        label=t("search"),
                        scale=4,
                        elem_id="f-search",
                        info="Searches message text of the newest 2,000 conversations (decrypted in memory).",
                    )
                    refresh = gr.Button(t("refresh"), scale=1, elem_id="refresh")
                gr.Markdown("#### 🙋 Escalated: waiting for a person")
                queue_table = gr.Dataframe(
                    headers=["Last activity", "Language", "Business line", "Reason", "Preview", "ID"],
                    interactive=False,
                    wrap=True,
                    elem_id="escalation-queue",
                    max_height=240,
                )
                queue_ids = gr.State([])
                gr.Markdown("#### All conversations")
                table = gr.Dataframe(
                    headers=list(transcripts.HEADERS),
                    interactive=False,
                    wrap=True,
                    elem_id="transcripts-table",
                    max_height=360,
                )
                selected_ids = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        viewer = gr.Markdown("", elem_id="conversation-view", sanitize_html=True)
                    with gr.Column(scale=1, min_width=240):
                        current_id = gr.Textbox(
                            label=t("conversation"), interactive=False, elem_id="current-id"
                        )
                        new_status = gr.Dropdown(
                            list(transcripts.STATUS_CHOICES[1:]),
                            value="resolved",
                            label=t("conversation_status"),
                            elem_id="new-status",
                        )
                        set_status = gr.Button("Set status", size="sm", elem_id="set-status")
                        agent_text = gr.Textbox(label="Reply as a person", lines=3, elem_id="agent-text")
                        agent_send = gr.Button(
                            "Send reply", size="sm", variant="primary", elem_id="agent-send"
                        )
                        confirm_delete = gr.Checkbox(
                            label="Yes, erase this conversation for good", elem_id="confirm-delete"
                        )
                        delete = gr.Button(t("delete"), variant="stop", size="sm", elem_id="delete")
                        t_format = gr.Dropdown(
                            list(export.FORMATS), value="json", label=t("export"), elem_id="t-export-format"
                        )
                        export_one = gr.Button("Export this conversation", size="sm", elem_id="export-one")
                        export_all = gr.Button("Export all listed", size="sm", elem_id="export-all")
                        t_file = gr.File(show_label=False, interactive=False, elem_id="t-export-file")

        # -------------------------------------------------------------- handlers

        def operator_only(request: gr.Request | None) -> None:
            """Transcripts are for operators: refuse anyone else, whatever they call."""
            if not app.is_operator(getattr(request, "username", None)):
                raise gr.Error("Only operators can use the transcripts.")

        def stream(request: TurnRequest, st: ChatState, user_text: str) -> Iterator[dict[Any, Any]]:
            """Run one turn and yield UI updates; ``state`` gets the user message at once."""
            updates = pipeline.stream_turn(request)
            with shown_as_error():  # empty, too long, rate limit (in the customer's language)
                first = next(updates)
            st["messages"].append({"role": "user", "content": user_text})
            st["tags"].append(first.detection.tag)
            st["notes"].append("")
            prompt_text = first.system_prompt.text
            yield {
                message: "",
                chatbot: render_chat(st, first.reply),
                state: st,
                detected: detection_markdown(first),
                system_prompt: prompt_text,
            }
            last = first
            for last in updates:
                if last.done:
                    break
                yield {chatbot: render_chat(st, last.reply)}
            if last.conversation_id:
                st["conversation_id"] = last.conversation_id
            if last.error:
                # The user message stays in the chat and the store; the failure is shown
                # as a notice so the customer can press Retry.
                gr.Warning(last.error)
            if last.reply:
                st["messages"].append({"role": "assistant", "content": last.reply})
                st["notes"].append(_STATUS_NOTE.get(last.status, ""))
            if last.escalated:
                st["escalated"] = True
            yield {
                chatbot: render_chat(st),
                state: st,
                detected: detection_markdown(last),
                knowledge_used: knowledge_markdown(last),
            }

        def make_turn(
            text: str,
            st: ChatState,
            history: list[Any],
            temp: float,
            p: float,
            tokens: float,
            line: str,
            lang_choice: str,
            request: gr.Request,
            regenerate: bool = False,
        ) -> TurnRequest:
            with shown_as_error():
                options = GenerationOptions.from_mapping(
                    {"temperature": temp, "top_p": p, "max_new_tokens": tokens}
                )
            return TurnRequest(
                text=text,
                options=options,
                history=history,
                business_line=line,
                language=lang_choice,
                conversation_id=st["conversation_id"],
                session=_session_key(request),
                client=_client_key(request),
                regenerate=regenerate,
            )

        def respond(
            text: str,
            st: ChatState,
            temp: float,
            p: float,
            tokens: float,
            line: str,
            lang_choice: str,
            request: gr.Request,
        ) -> Iterator[dict[Any, Any]]:
            turn = make_turn(text, st, list(st["messages"]), temp, p, tokens, line, lang_choice, request)
            yield from stream(turn, st, text)

        def retry_last(
            st: ChatState,
            temp: float,
            p: float,
            tokens: float,
            line: str,
            lang_choice: str,
            request: gr.Request,
        ) -> Iterator[dict[Any, Any]]:
            last_user = pop_last_turn(st)
            if last_user is None:
                raise gr.Error("Nothing to retry yet.")
            turn = make_turn(
                last_user,
                st,
                list(st["messages"]),
                temp,
                p,
                tokens,
                line,
                lang_choice,
                request,
                regenerate=True,
            )
            yield from stream(turn, st, last_user)

        def talk_to_human(st: ChatState, line: str, lang_choice: str, request: gr.Request) -> dict[Any, Any]:
            turn = TurnRequest(
                text="",
                options=GenerationOptions(),
                history=list(st["messages"]),
                business_line=line,
                language=lang_choice,
                conversation_id=st["conversation_id"],
                session=_session_key(request),
                client=_client_key(request),
            )
            with shown_as_error():
                update = pipeline.request_human(turn)
            st["conversation_id"] = update.conversation_id
            st["escalated"] = True
            st["messages"].append({"role": "assistant", "content": update.reply})
            st["notes"].append("")
            return {chatbot: render_chat(st), state: st, detected: detection_markdown(update)}

        def poll_agent(st: ChatState) -> Any:
            """New replies from a person in an escalated conversation; nothing otherwise."""
            if store is None or not st.get("escalated") or not st.get("conversation_id"):
                return gr.skip(), gr.skip()
            try:
                record = store.get_conversation(st["conversation_id"])
            except ConsoleError:
                return gr.skip(), gr.skip()
            seen = set(st.get("agent_seen", []))
            new = [m for m in record.messages if m.role == "agent" and m.id not in seen]
            if not new:
                return gr.skip(), gr.skip()
            for m in new:
                st["messages"].append({"role": "agent", "content": m.content})
                st["notes"].append("")
                st.setdefault("agent_seen", []).append(m.id)
            return render_chat(st), st

        def stop_turn(request: gr.Request) -> None:
            pipeline.cancel(_session_key(request))

        def undo_last(st: ChatState) -> dict[Any, Any]:
            restored = pop_last_turn(st) or ""
            return {chatbot: render_chat(st), state: st, message: restored}

        def clear_chat() -> dict[Any, Any]:
            fresh = new_state()
            return {chatbot: [], state: fresh, message: "", detected: ""}

        def show_prompt(line: str, lang_choice: str) -> str:
            tag = config.default_language if lang_choice in (None, "", "auto") else lang_choice
            with shown_as_error():
                return pipeline.personas.system_prompt(line, tag).text

        # ---------------------------------------------------------- exports & ops

        def export_records(records: Any, fmt: str, name: str, progress: gr.Progress | None = None) -> str:
            folder = Path(tempfile.mkdtemp(prefix="console-export-"))
            path = folder / name

            def report(done: int, total: int) -> None:
                if progress is not None:
                    progress((done, max(total, done)), desc="Exporting", unit="conversations")

            with shown_as_error():
                export.export_conversations(records, fmt, path, progress=report)
            return str(path)

        def export_chat(st: ChatState, fmt: str) -> str:
            if store is None or not st["conversation_id"]:
                raise gr.Error("Nothing to export yet: send a message first.")
            with shown_as_error():
                record = store.get_conversation(st["conversation_id"])
            return export_records([record], fmt, export.export_filename(record, fmt))

        def reload_persona_files(line: str, lang_choice: str, request: gr.Request) -> str:
            operator_only(request)
            try:
                pipeline.reload_data()
            except ConsoleError as exc:
                raise gr.Error(f"Prompts not reloaded, the previous ones stay in use: {exc.message}") from exc
            gr.Info("Prompts, knowledge, escalation phrases and blocked terms reloaded.")
            return show_prompt(line, lang_choice)

        def escalation_queue(request: gr.Request) -> dict[Any, Any]:
            operator_only(request)
            assert store is not None
            with shown_as_error():
                waiting = store.list_conversations(status="escalated", limit=100)
            rows = [
                [
                    x.updated_at.strftime("%Y-%m-%d %H:%M"),
                    x.language,
                    x.business_line,
                    x.escalation_reason or "",
                    x.preview,
                    x.id,
                ]
                for x in waiting
            ]
            return {queue_table: rows, queue_ids: [x.id for x in waiting]}

        def send_agent_reply(conversation_id: str, text: str, request: gr.Request) -> dict[Any, Any]:
            operator_only(request)
            assert store is not None
            if not conversation_id:
                raise gr.Error("Open a conversation first.")
            with shown_as_error():
                pipeline.agent_reply(conversation_id, text)
                record = store.get_conversation(conversation_id)
            return {viewer: transcripts.render_conversation_markdown(record), agent_text: ""}

        def list_transcripts(
            language_f: str,
            line_f: str,
            status_f: str,
            since_f: str,
            until_f: str,
            search_f: str,
            request: gr.Request,
        ) -> dict[Any, Any]:
            operator_only(request)
            assert store is not None
            with shown_as_error():
                filters = transcripts.parse_filters(
                    language=language_f,
                    business_line=line_f,
                    status=status_f,
                    since=since_f,
                    until=until_f,
                    search=search_f,
                )
                summaries = store.list_conversations(**filters.as_kwargs())
            return {table: transcripts.table_rows(summaries), selected_ids: [x.id for x in summaries]}

        def open_conversation(ids: list[str], event: gr.SelectData, request: gr.Request) -> dict[Any, Any]:
            operator_only(request)
            assert store is not None
            row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
            if not isinstance(row, int) or not 0 <= row < len(ids):
                raise gr.Error("Pick a conversation in the table.")
            with shown_as_error():
                record = store.get_conversation(ids[row])
            return {
                viewer: transcripts.render_conversation_markdown(record),
                current_id: record.id,
                new_status: record.status,
                confirm_delete: False,
            }

        def change_status(conversation_id: str, status: str, request: gr.Request) -> str:
            operator_only(request)
            assert store is not None
            if not conversation_id:
                raise gr.Error("Open a conversation first.")
            with shown_as_error():
                store.update_conversation(conversation_id, status=status)
                return transcripts.render_conversation_markdown(store.get_conversation(conversation_id))

        def erase(conversation_id: str, confirmed: bool, request: gr.Request) -> dict[Any, Any]:
            operator_only(request)
            assert store is not None
            if not conversation_id:
                raise gr.Error("Open a conversation first.")
            if not confirmed:
                raise gr.Error("Tick the box to confirm: erasing cannot be undone.")
            with shown_as_error():
                store.delete_conversation(conversation_id)
            gr.Info("Conversation erased.")
            return {viewer: "", current_id: "", confirm_delete: False}

        def export_current(
            conversation_id: str, fmt: str, request: gr.Request, progress: gr.Progress = gr.Progress()
        ) -> str:
            operator_only(request)
            assert store is not None
            if not conversation_id:
                raise gr.Error("Open a conversation first.")
            with shown_as_error():
                record = store.get_conversation(conversation_id)
            return export_records([record], fmt, export.export_filename(record, fmt), progress)

        def export_listed(
            ids: list[str], fmt: str, request: gr.Request, progress: gr.Progress = gr.Progress()
        ) -> str:
            operator_only(request)
            assert store is not None
            if not ids:
                raise gr.Error("No conversations listed: press Refresh or loosen the filters.")

            class Records:  # a sized iterable, so progress knows the total while streaming
                def __len__(self) -> int:
                    return len(ids)

                def __iter__(self) -> Iterator[Any]:
                    assert store is not None
                    return store.iter_conversations(ids)

            return export_records(Records(), fmt, export.export_filename(len(ids), fmt), progress)

        turn_inputs = [state, temperature, top_p, max_tokens, business_line, language]
        turn_outputs = [message, chatbot, state, detected, system_prompt, knowledge_used]
        # Send and Enter share one event chain, wired once.
        gr.on(
            [send.click, message.submit],
            respond,
            inputs=[message, *turn_inputs],
            outputs=turn_outputs,
            api_name="chat",
            show_progress="hidden",
        )
        retry.click(
            retry_last, inputs=turn_inputs, outputs=turn_outputs, api_name="retry", show_progress="hidden"
        )
        # Stop must run while the turn it stops holds a worker: no concurrency limit.
        stop.click(stop_turn, inputs=None, outputs=None, concurrency_limit=None, api_name="stop")
        undo.click(undo_last, inputs=[state], outputs=[chatbot, state, message], api_name="undo")
        clear.click(clear_chat, inputs=None, outputs=[chatbot, state, message, detected], api_name="clear")
        gr.on(
            [business_line.change, language.change],
            show_prompt,
            inputs=[business_line, language],
            outputs=[system_prompt],
            api_visibility="private",
        )
        if store is not None and config.operators:
            # customers who sign in do not even see the tab (the handlers refuse them anyway)
            demo.load(
                lambda request: gr.Tab(visible=app.is_operator(getattr(request, "username", None))),
                inputs=None,
                outputs=[transcripts_tab],
                api_visibility="private",
            )
        human.click(
            talk_to_human,
            inputs=[state, business_line, language],
            outputs=[chatbot, state, detected],
            api_name="talk_to_human",
        )
        agent_timer.tick(
            poll_agent,
            inputs=[state],
            outputs=[chatbot, state],
            show_progress="hidden",
            concurrency_limit=None,
            api_visibility="private",
        )
        chat_export.click(
            export_chat, inputs=[state, chat_format], outputs=[chat_file], api_name="export_chat"
        )
        reload_prompts.click(
            reload_persona_files,
            inputs=[business_line, language],
            outputs=[system_prompt],
            api_name="reload_prompts",
        )
        if store is not None:
            filters = [f_language, f_line, f_status, f_since, f_until, f_search]
            gr.on(
                [refresh.click, demo.load],
                escalation_queue,
                inputs=None,
                outputs=[queue_table, queue_ids],
                api_name="escalations",
                show_progress="hidden",
            )
            queue_table.select(
                open_conversation,
                inputs=[queue_ids],
                outputs=[viewer, current_id, new_status, confirm_delete],
            )
            agent_send.click(
                send_agent_reply,
                inputs=[current_id, agent_text],
                outputs=[viewer, agent_text],
                api_name="agent_reply",
            )
            gr.on(
                [refresh.click, f_search.submit, demo.load],
                list_transcripts,
                inputs=filters,
                outputs=[table, selected_ids],
                api_name="transcripts",
            )
            table.select(
                open_conversation,
                inputs=[selected_ids],
                outputs=[viewer, current_id, new_status, confirm_delete],
            )
            set_status.click(
                change_status, inputs=[current_id, new_status], outputs=[viewer], api_name="set_status"
            )
            delete.click(
                erase,
                inputs=[current_id, confirm_delete],
                outputs=[viewer, current_id, confirm_delete],
                api_name="delete",
            ).then(list_transcripts, inputs=filters, outputs=[table, selected_ids])
            export_one.click(
                export_current,
                inputs=[current_id, t_format],
                outputs=[t_file],
                api_name="export_conversation",
            )
            export_all.click(
                export_listed, inputs=[selected_ids, t_format], outputs=[t_file], api_name="export_listed"
            )
    return demo  # type: ignore[no-any-return]


def _client_key(request: gr.Request | None) -> str:
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "unknown")


def _session_key(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "default"


def launch_kwargs(app: ConsoleApp) -> dict[str, Any]:
    """Arguments for ``Blocks.launch`` from the config (theme and CSS belong here in gradio 6)."""
    config = app.config
    kwargs: dict[str, Any] = {
        "server_name": config.host,
        "server_port": config.port or None,
        "share": config.share,
        "auth": list(config.auth) or None,
        "i18n": i18n_labels(),
        "css_paths": [ASSETS / "console.css"],
        "favicon_path": ASSETS / "favicon.svg",
        "theme": gr.themes.Soft(),
        "footer_links": ["api"],
        "show_error": False,
    }
    if config.auth:
        kwargs["auth_message"] = "Sign in to the support console."
    return kwargs
