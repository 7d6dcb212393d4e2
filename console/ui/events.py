"""Every event listener of the page: the customer chat, the staff sidebar, the transcripts
tab, the timers, the downloads and the API names programs call.

Gradio numbers endpoints in the order listeners are registered, and the API names are part of
the product (programs call them with gradio_client): the order here is the page's contract.
The handlers live in ``chat.py`` and ``staff.py``; here they are only wired.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from console import zones
from console.context import ConsoleContext
from console.pipeline import TurnUpdate
from console.ui.chat import ChatHandlers
from console.ui.errors import page_error
from console.ui.labels import request_language
from console.ui.relabel import detection_markdown, knowledge_markdown, relabel
from console.ui.scripts import (
    _NOTIFY_JS,
    _OPEN_JS,
    _PAGE_JS,
    _RESET_JS,
    _SENT_JS,
    _SIGN_OUT_JS,
    _TAKE_JS,
    _TAKEN_JS,
    _TITLE_JS,
    _UNSENT_BACK_JS,
    _ZONE_JS,
)
from console.ui.staff import StaffHandlers
from console.ui.state import ChatState
from console.ui.wiring import Wiring


def wire_events(
    demo: gr.Blocks, w: Wiring, ctx: ConsoleContext, chat: ChatHandlers, staff: StaffHandlers
) -> None:
    """Every event listener of the page, in the order gradio numbers them (its endpoints and
    the API names programs call): called once by ``build_ui``, inside the Blocks, after the
    page's components. The hidden buttons that carry some API names are made here."""
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

    def on_load(
        st: ChatState, token: object, chosen: object, zone: object, unsent: object, request: gr.Request
    ) -> dict[str, Any]:
        """Viewer language and role, decided on the server for this page; the conversation
        this browser was in, when its token still opens one; the answer language it picked;
        the browser's time zone (scripts._ZONE_JS; checked, UTC when it names none); the
        messages an earlier page of this tab sent that the conversation does not hold."""
        st.ui_language = request_language(request)
        st.time_zone = zones.zone_name(zone)
        is_staff = access.is_staff_request(request)
        st.banner = chat.loading_banner(st.ui_language)
        page = {**relabel(w, ctx, st.ui_language, is_staff, chosen), "state": st, "banner": st.banner}
        came_back = chat.come_back(st, token, request)
        return {**page, **came_back, "unsent_back": chat.unsent_back(st, unsent)}

    load = demo.load(
        w.bind(on_load),
        inputs=[state, w["resume"], w["chosen_language"], w["zone"], w["unsent"]],
        outputs=list(w.c.values()),
        js=_ZONE_JS,
        api_visibility="private",
        show_progress="hidden",
    )
    load.then(None, inputs=[w["page"]], outputs=None, js=_PAGE_JS)
    load.then(None, inputs=[w["unsent_back"]], outputs=None, js=_UNSENT_BACK_JS)
    w["sign_out"].click(None, inputs=None, outputs=None, js=_SIGN_OUT_JS)
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
        outputs=w.out("message", "state", "chat", "taken"),
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
    # the server answered a press (taken, or refused and put back): the page stops keeping it.
    # (A take whose connection drops needs no handler: gradio says the connection was lost
    # and reloads the page once it is back, whose load puts the message back.)
    w["taken"].change(None, inputs=[w["taken"]], outputs=None, js=_TAKEN_JS)
    # after a message is taken, retried or edited: answer what waits in the session's queue
    drain_names = ("chat", "state", "detected", "knowledge")
    drain_outputs = w.out(*drain_names)
    answer_queued: dict[str, Any] = {
        "inputs": [state, *settings],
        # the browser's resume token too, as soon as the first message is stored: from the
        # timer alone it came up to a second (more under load) after the reply, and a reload
        # in between showed an empty chat (ChatHandlers.drain)
        "outputs": [*drain_outputs, w["resume"], w["taken"]],
        "api_visibility": "private",
        "show_progress": "hidden",
        "concurrency_limit": None,  # the console's own line (ChatHandlers._answer) bounds it
        # Started again while its last run is still pending in the page, gradio's default
        # ("once") skips it: a message sent as a reply ended (answered, its event's end not
        # yet in the browser) was queued and never answered, and that ending event's last
        # update drew the chat without it (CI). "always_last" runs it once that one ends;
        # a drain with nothing queued changes nothing.
        "trigger_mode": "always_last",
    }
    take.success(w.bind(chat.drain), **answer_queued)
    # a message the customer's last page left waiting behind a reply is answered on return
    load.then(w.bind(chat.answer_on_return), **answer_queued)

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
        yield from _ending_whole(chat.drain(st, temperature, top_p, max_tokens, line, lang, request))

    api_button = gr.Button(visible=False)
    api_outputs = [w["message"], *drain_outputs]
    api_only = ("message", *drain_names)  # no page, no token
    api_button.click(
        w.bind(chat_api, only=api_only),
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
        yield from _ending_whole(chat.drain(st, temperature, top_p, max_tokens, line, lang, request))

    api_retry = gr.Button(visible=False)
    api_retry.click(
        w.bind(retry_api, only=api_only),
        inputs=[state, *settings],
        outputs=api_outputs,
        api_name="retry",
        concurrency_limit=None,
    )
    api_undo = gr.Button(visible=False)
    api_undo.click(
        w.bind(chat.undo), inputs=[state], outputs=w.out("chat", "state", "message"), api_name="undo"
    )

    w["stop"].click(chat.stop, inputs=[state], outputs=None, concurrency_limit=None, api_name="stop")
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
    ).then(w.bind(chat.drain), **answer_queued)
    w["chat"].undo(
        w.bind(chat.undo), inputs=[state], outputs=w.out("chat", "state", "message"), api_visibility="private"
    )
    w["chat"].edit(
        w.bind(chat.edit), inputs=[state], outputs=w.out("chat", "state"), api_visibility="private"
    ).then(w.bind(chat.drain), **answer_queued)
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
        outputs=w.out("chat", "state", "banner", "resume", "answer_due", "taken"),
        show_progress="hidden",
        concurrency_limit=None,
        api_visibility="private",
    )
    w["answer_due"].change(w.bind(chat.drain), **answer_queued)

    def download(st: ChatState, request: gr.Request) -> dict[str, Any]:
        # the file box stays hidden until there is something in it
        return {"download_file": gr.update(value=chat.download(st, request), visible=True)}

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
    # the notice: when the list shows only part of what matches (its newest PAGE)
    list_outputs = w.out("table", "listed_ids", "f_tag", "list_notice")
    # the list too: the queue's timer drops the rows of conversations erased meanwhile
    queue_outputs = w.out("queue_table", "queue_ids", "transcripts_tab", "waiting", "table", "listed_ids")
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
    w["notify"].click(None, inputs=None, outputs=None, js=_NOTIFY_JS)
    api_queue = gr.Button(visible=False)
    api_queue.click(
        w.bind(staff.queue, only=("queue_table", "queue_ids")),
        inputs=[state],
        outputs=w.out("queue_table", "queue_ids"),
        api_name="escalations",
    )
    view_outputs = w.out(
        "viewer", "current_id", "new_status", "confirm_erase", "viewed", "owner_info", "hand_back", "resolve"
    )
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
        js=_OPEN_JS,
        api_visibility="private",
    )
    w["table"].select(
        w.bind(staff.open),
        inputs=[state, w["listed_ids"], translate, *drafts],
        outputs=open_outputs,
        js=_OPEN_JS,
        api_visibility="private",
    )
    w["staff_timer"].tick(
        w.bind(staff.watch),
        inputs=[state, w["current_id"], w["viewed"], translate],
        # the boxes only when a colleague erased the conversation (staff.watch)
        outputs=[*view_outputs, *w.out("agent_text", "agent_translated", "tags_box", "note_box")],
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
    replied = w["agent_send"].click(
        w.bind(staff.reply),
        inputs=[state, current, w["agent_text"], w["agent_translated"]],
        outputs=[*view_outputs, w["agent_sent"]],
        api_name="agent_reply",
    )
    replied.success(None, inputs=[w["agent_sent"]], outputs=None, js=_SENT_JS)
    replied.success(**refresh_queue)
    # a translation belongs to the draft it was made from: typing in the draft drops it
    w["agent_text"].input(lambda: "", outputs=[w["agent_translated"]], api_visibility="private", queue=False)
    w["translate_reply"].click(
        w.bind(staff.translate_reply),
        inputs=[state, current, w["agent_text"]],
        outputs=[w["agent_translated"]],
        api_name="translate_reply",
    )
    # Typing in the box searches on the server. The query is the box's text as the search
    # leaves the page (``js`` runs each time it is sent), not the key's event data
    # (``gr.KeyUpData.input_value``): with always_last, gradio's page sends the search it
    # held back while another ran with the event data of the key that started the running
    # one, so "hours" typed at 60-80 ms a key was searched as "h" and listed all six replies
    # (tests/test_canned_browser.py). The box is the dropdown's own input (its value, the
    # chosen reply, changes only on a choice).
    w["canned"].key_up(
        w.bind(staff.canned_search),
        inputs=[state, current, w["canned"]],
        outputs=[w["canned"]],
        js="""(state, conversation, chosen) => {
  const box = document.querySelector("#canned input");
  return [state, conversation, box ? box.value : ""];
}""",
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


def _ending_whole(updates: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """A drain for a program: its result is the event's last update, so the page's closing
    "leave everything" (ChatHandlers.drain says why the page needs it) is dropped after
    anything else was sent, and the caller's result is the whole answered chat."""
    sent = False
    for update in updates:
        if update or not sent:
            yield update
        sent = sent or bool(update)
