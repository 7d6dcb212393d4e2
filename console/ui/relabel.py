"""The page in the viewer's language, and the staff sidebar's diagnostics.

:func:`relabel` is what the load event (``events.py``) sends to every component: labels,
table headers and dropdown choices in the viewer's language, the page direction, and the
staff parts shown to staff only. :func:`detection_markdown` and :func:`knowledge_markdown`
are the sidebar's view of a turn.
"""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

from console.context import ConsoleContext
from console.i18n import NOTICE_TITLES
from console.pipeline import TurnUpdate
from console.text import isolate
from console.transcripts import escape_markdown
from console.ui.choices import SLIDER_MAX_TOKENS, filter_lines, status_choices
from console.ui.errors import title as notice_title
from console.ui.labels import (
    answer_language,
    filter_language_choices,
    labels,
    language_choices,
)
from console.ui.staff import list_headers, queue_headers
from console.ui.wiring import Wiring
from console.ui_labels import right_to_left

# Gradio names its own controls in English, or in the browser's language where Gradio ships
# one (it has no Italian or Vietnamese, and "Copy message", "Liked", "Disliked", "Close" are
# English in every language): a screen reader read an Italian customer "Like", "Retry" and
# "user's message: ..." between Italian text. The page's script (scripts._PAGE_JS) renames
# each control still carrying Gradio's English name (gradio 6.31's words, the keys here) with
# the viewer's label (prompts/_i18n/ui_labels.yaml, name_*); a name Gradio translated is
# left alone. Gradio's i18n (gr.I18n) was not used: it follows the browser's locale, not the
# console's reader language, and cannot reach the names Gradio writes without it.
GRADIO_NAMES = {
    "Copy message": "name_copy_message",
    "Copied message": "name_copied_message",
    "Like": "name_like",
    "Liked": "name_liked",
    "Dislike": "name_dislike",
    "Disliked": "name_disliked",
    "Retry": "retry",
    "Undo": "undo",
    "Edit": "name_edit",
    "Submit": "name_submit",
    "Cancel": "name_cancel",
    "Clear": "clear",
    "Close": "name_close",
    "Reset to default value": "name_reset_default",
    "More tabs": "name_more_tabs",
    "chatbot conversation": "conversation",
}
# Names Gradio starts with English words before the text it names ({text} in the label).
GRADIO_NAME_PREFIXES = {
    "user's message: ": "name_your_message",
    "bot's message: ": "name_reply_message",
    "number input for ": "name_number_input",
    "range slider for ": "name_slider",
}


def relabel(
    w: Wiring, ctx: ConsoleContext, language: str, is_staff: bool, chosen: object = "auto"
) -> dict[str, Any]:
    """Every label, header and choice in ``language``; staff parts shown to staff only;
    ``chosen``: the answer language this browser picked before (kept when the menu has it)."""
    t = labels(language)
    rtl = right_to_left(language)
    defaults = ctx.pipeline.backend.info.defaults
    return {
        # the page's script reads the notification texts from here too (scripts._PAGE_JS)
        "page": json.dumps(
            {
                "lang": language,
                "dir": "rtl" if rtl else "ltr",
                "title": t["title"],
                "waiting": t["queue_title"],
                "notify_on": t["notify_on"],
                # gradio's toasts say "Error" whatever title a notice has: the script renames
                "notice_titles": {kind: notice_title(kind, language) for kind in NOTICE_TITLES},
                # what a screen reader says for controls whose text does not tell (scripts._PAGE_JS)
                "names": {
                    **{f"#rate-{n}": t["rating_star_name"].format(n=n) for n in range(1, 6)},
                    "#download-file a[download]": t["download_file_name"],
                    **{f'[aria-label="{english}"]': t[key] for english, key in GRADIO_NAMES.items()},
                },
                "name_prefixes": {english: t[key] for english, key in GRADIO_NAME_PREFIXES.items()},
            }
        ),
        "title": f"## 🎧 {t['title']}",
        "sign_out": t["sign_out"],
        # a path or a URL, in its own direction for a right-to-left reader
        "model_info": gr.update(
            visible=is_staff, value=(isolate(w.model_line) if rtl else w.model_line) if is_staff else ""
        ),
        "chat_tab": gr.update(label=t["chat_tab"]),
        # the persona's greeting in the viewer's language, where the chat is empty (it is
        # not a message: nothing is stored, no reply bubble is offset by it)
        "chat": gr.update(rtl=rtl, label=t["chat_tab"], placeholder=greeting(ctx, language)),
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
        "f_line": gr.update(label=t["business_line"], choices=filter_lines(ctx, t, language)),
        "f_status": gr.update(label=t["status"], choices=status_choices(t, True)),
        "f_since": gr.update(label=t["since"]),
        "f_until": gr.update(label=t["until"]),
        # what the operator types reads in the operator's direction (the reply's translation
        # box follows the customer's: StaffHandlers.open)
        "f_search": gr.update(label=t["search"], info=t["search_info"], rtl=rtl),
        "refresh": t["refresh"],
        "queue_title": f"#### 🙋 {t['queue_title']}",
        "notify": t["notify_button"],
        "queue_timer": gr.Timer(active=is_staff),
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
        "new_status": gr.update(label=t["status"], choices=status_choices(t, False)),
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
    retry = " · the reply drifted from the customer's language: asked again" if update.language_retry else ""
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


def greeting(ctx: ConsoleContext, language: str) -> str:
    """The default business line's persona greeting in ``language`` (the persona files'
    ``greeting``), as the empty chat's text; written as it is, escaped for Markdown."""
    persona, _ = ctx.pipeline.personas.persona(ctx.config.business_line, language)
    return escape_markdown(persona.greeting)
