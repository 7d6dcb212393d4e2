"""Choices and ranges that the page's first build (``layout.py``) and every relabelling
(``relabel.py``) share."""

from __future__ import annotations

from console.context import ConsoleContext

#: upper end of the max-tokens slider; the API accepts up to MAX_NEW_TOKENS_RANGE[1]
SLIDER_MAX_TOKENS = 2048


def filter_lines(ctx: ConsoleContext, t: dict[str, str], language: str) -> list[tuple[str, str]]:
    personas = ctx.pipeline.personas
    return [(t["all"], "all"), *[(personas.display_name(x, language), x) for x in personas.business_lines()]]


def status_choices(t: dict[str, str], with_all: bool, *, taken: bool = False) -> list[tuple[str, str]]:
    """The status filter's choices (``with_all``), or those of the Set status menu for one
    conversation: there "escalated" reads as the list says it, "waiting for a person", or
    "a person is answering" once someone has taken it (``taken``)."""
    from console.store.models import CONVERSATION_STATUSES

    if not with_all:
        escalated = "status_with_person" if taken else "status_escalated"
        return [(t[escalated if s == "escalated" else f"status_{s}"], s) for s in CONVERSATION_STATUSES]
    # the filter: "escalated" lists the queue and the conversations a person has taken
    keys = {s: "status_escalated_any" if s == "escalated" else f"status_{s}" for s in CONVERSATION_STATUSES}
    return [(t["all"], "all"), *((t[key], s) for s, key in keys.items())]
