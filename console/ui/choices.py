"""Choices and ranges that the page's first build (``layout.py``) and every relabelling
(``relabel.py``) share."""

from __future__ import annotations

from console.context import ConsoleContext

#: upper end of the max-tokens slider; the API accepts up to MAX_NEW_TOKENS_RANGE[1]
SLIDER_MAX_TOKENS = 2048


def filter_lines(ctx: ConsoleContext, t: dict[str, str], language: str) -> list[tuple[str, str]]:
    personas = ctx.pipeline.personas
    return [(t["all"], "all"), *[(personas.display_name(x, language), x) for x in personas.business_lines()]]


def status_choices(t: dict[str, str], with_all: bool) -> list[tuple[str, str]]:
    from console.store.models import CONVERSATION_STATUSES

    if not with_all:  # setting a status: "escalated" puts the conversation in the queue
        return [(t[f"status_{s}"], s) for s in CONVERSATION_STATUSES]
    # the filter: "escalated" lists the queue and the conversations a person has taken
    keys = {s: "status_escalated_any" if s == "escalated" else f"status_{s}" for s in CONVERSATION_STATUSES}
    return [(t["all"], "all"), *((t[key], s) for s, key in keys.items())]
