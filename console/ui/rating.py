"""The customer's 1-5 rating at the end of a conversation (console/satisfaction.py decides
when): five one-click buttons and an optional comment, in the customer's language.

:func:`build_rating` is called once from the chat column of ``layout.build_ui``; it adds
its components to the page's Wiring and wires its own events (a 5 s timer that asks
whether the rating is due, the buttons, the comment). Nothing with no transcript store.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from console.context import ConsoleContext
from console.errors import ConsoleError
from console.satisfaction import rating_due
from console.store.repository import MAX_FEEDBACK_CHARS, TranscriptStore
from console.text import data_key
from console.ui.errors import page_error, show_info
from console.ui.insights import insights_labels
from console.ui.labels import labels
from console.ui.state import ChatState

CHECK_EVERY_S = 5.0


def _labels(language: str | None, state: ChatState) -> dict[str, str]:
    """In the customer's language: the conversation's, else the browser's."""
    return insights_labels(data_key(language or state.ui_language))


def build_rating(demo: gr.Blocks, w: Any, ctx: ConsoleContext) -> None:
    if ctx.store is None:
        return
    t = insights_labels("en")
    with w.add("rating_row", gr.Column(visible=False, elem_id="rating")):
        w.add("rating_prompt", gr.Markdown(f"**{t['rating_prompt']}**"))
        with gr.Row():
            for n in range(1, 6):
                w.add(f"rate_{n}", gr.Button("★" * n, size="sm", min_width=60, elem_id=f"rate-{n}"))
        with w.add("rating_more", gr.Row(visible=False)):
            w.add(
                "rating_comment",
                gr.Textbox(
                    label=t["rating_comment"],
                    scale=4,
                    elem_id="rating-comment",
                    max_length=MAX_FEEDBACK_CHARS,  # the store's limit; a crafted call is refused there
                ),
            )
            w.add("rating_send", gr.Button(t["rating_send"], scale=1, elem_id="rating-send"))
    w.add("rating_given", gr.State(None))  # (conversation id, rating) once rated
    w.add("rating_language", gr.State(None))  # the conversation's language, when offered
    w.add("rating_timer", gr.Timer(CHECK_EVERY_S))
    _wire(w, ctx)


def _wire(w: Any, ctx: ConsoleContext) -> None:
    store = ctx.store
    assert store is not None
    idle = ctx.config.rating_after_idle
    shown = w.out(
        "rating_row",
        "rating_prompt",
        "rating_more",
        "rating_comment",
        "rating_send",
        "rating_given",
        "rating_language",
    )

    def check(state: ChatState, given: Any) -> dict[str, Any]:
        conversation = state.conversation_id
        if given and given[0] == conversation:
            return {}
        try:
            language = rating_due(store, conversation, idle)
        except ConsoleError:
            return {}
        if language is None:
            return {"rating_row": gr.update(visible=False)}
        t = _labels(language, state)
        return {
            "rating_row": gr.update(visible=True),
            "rating_language": language,
            "rating_prompt": f"**{t['rating_prompt']}**",
            "rating_comment": gr.update(label=t["rating_comment"]),
            "rating_send": t["rating_send"],
        }

    def rate(n: int) -> Any:
        def handler(state: ChatState, language: str | None) -> dict[str, Any]:
            if state.conversation_id is None:
                return {}
            try:
                store.set_rating(state.conversation_id, n)
            except ConsoleError as exc:
                raise page_error(exc) from exc
            t = _labels(language, state)
            return {
                "rating_prompt": f"**{t['rating_thanks']}** {'★' * n}",
                "rating_more": gr.update(visible=True),
                "rating_given": (state.conversation_id, n),
            }

        return handler

    def comment(state: ChatState, given: Any, text: str) -> dict[str, Any]:
        return save_comment(store, state, given, text)

    state = w["state"]
    w["rating_timer"].tick(
        w.bind(check),
        inputs=[state, w["rating_given"]],
        outputs=shown,
        show_progress="hidden",
        api_visibility="private",
    )
    for n in range(1, 6):
        w[f"rate_{n}"].click(
            w.bind(rate(n)), inputs=[state, w["rating_language"]], outputs=shown, api_visibility="private"
        )
    w["rating_send"].click(
        w.bind(comment),
        inputs=[state, w["rating_given"], w["rating_comment"]],
        outputs=shown,
        api_visibility="private",
    )


def save_comment(store: TranscriptStore, state: ChatState, given: Any, text: str) -> dict[str, Any]:
    """The comment under this session's rating (``given``: its (conversation, rating)). One
    longer than the store keeps (a crafted call past the box's ``max_length``) is refused
    with a notice in the customer's language, and the box keeps it."""
    if not given or given[0] != state.conversation_id or not (text or "").strip():
        return {}
    try:
        store.set_rating(given[0], given[1], text)
    except ConsoleError as exc:
        raise page_error(exc, state.ui_language) from exc
    # thanked as a thumbs-down's reason is: the box just vanished before (outside tester)
    show_info(labels(state.ui_language)["feedback_thanks"], state.ui_language)
    return {"rating_row": gr.update(visible=False), "rating_comment": ""}
