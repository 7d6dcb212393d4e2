"""The support team's handlers: the queue, the conversation list, one conversation, taking
it, replying as a person, handing back, resolving, status, erasure, exports, prompts.

Every method checks the caller's role on the server first (:meth:`StaffHandlers._staff`):
a hidden tab is not a control. Texts are rendered in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import gradio as gr

from console import export, transcripts
from console.context import ConsoleContext
from console.errors import ConsoleError, StoreError
from console.store.records import ConversationRecord, ConversationSummary
from console.ui import files
from console.ui.labels import labels
from console.ui.state import ChatState

#: conversations shown in the queue and the list
PAGE = 200


class StaffHandlers:
    def __init__(self, ctx: ConsoleContext) -> None:
        self.ctx = ctx
        self.pipeline = ctx.pipeline

    # ------------------------------------------------------------ helpers

    def _staff(self, request: gr.Request | None) -> str:
        """The operator's name, or a refusal for everyone else (AccessError → gr.Error)."""
        try:
            return self.ctx.access.require_staff(getattr(request, "username", None))
        except ConsoleError as exc:
            raise gr.Error(exc.message) from exc

    @property
    def store(self) -> Any:
        if self.ctx.store is None:
            raise gr.Error("The transcript store is off in this console.")
        return self.ctx.store

    def _do(self, action: Any) -> Any:
        try:
            return action()
        except ConsoleError as exc:
            raise gr.Error(exc.message) from exc

    # ------------------------------------------------------------ reading

    def queue(self, state: ChatState, request: gr.Request) -> dict[str, Any]:
        """Conversations waiting for a person or owned by one, longest waiting first."""
        self._staff(request)
        t = labels(state.ui_language)
        waiting: list[ConversationSummary] = self._do(
            lambda: self.store.list_conversations(status="escalated", limit=PAGE)
        )
        waiting.sort(key=lambda s: s.escalated_at or s.updated_at)
        now = datetime.now(UTC)
        rows = [
            [
                _minutes(now, s.escalated_at or s.updated_at, t),
                s.language,
                self.pipeline.personas.display_name(s.business_line, state.ui_language),
                reason_text(s.escalation_reason, t),
                owner_text(s.handler, s.assignee, t),
                s.preview,
                s.id,
            ]
            for s in waiting
        ]
        return {
            "queue_table": {"headers": queue_headers(t), "data": rows},
            "queue_ids": [s.id for s in waiting],
        }

    def listing(
        self,
        state: ChatState,
        language: str,
        line: str,
        status: str,
        since: str,
        until: str,
        search: str,
        request: gr.Request,
    ) -> dict[str, Any]:
        self._staff(request)
        t = labels(state.ui_language)
        filters = self._do(
            lambda: transcripts.parse_filters(
                language=language, business_line=line, status=status, since=since, until=until, search=search
            )
        )
        summaries: list[ConversationSummary] = self._do(
            lambda: self.store.list_conversations(**filters.as_kwargs(), limit=PAGE)
        )
        rows = [
            [
                transcripts.when(s.updated_at),
                transcripts.when(s.created_at),
                s.language,
                self.pipeline.personas.display_name(s.business_line, state.ui_language),
                status_text(s.status, t),
                owner_text(s.handler, s.assignee, t),
                str(s.message_count),
                s.preview,
                s.id,
            ]
            for s in summaries
        ]
        return {
            "table": {"headers": list_headers(t), "data": rows},
            "listed_ids": [s.id for s in summaries],
        }

    def open(
        self, state: ChatState, ids: list[str], event: gr.SelectData, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if not isinstance(row, int) or not 0 <= row < len(ids):
            return {}
        return self._show(state, ids[row])

    def _show(self, state: ChatState, conversation_id: str) -> dict[str, Any]:
        record: ConversationRecord = self._do(lambda: self.store.get_conversation(conversation_id))
        t = labels(state.ui_language)
        return {
            "viewer": transcripts.render_conversation_markdown(record, t),
            "current_id": record.id,
            "new_status": record.status,
            "confirm_erase": False,
            "viewed": _fingerprint(record),
            "owner_info": owner_text(record.handler, record.assignee, t),
        }

    def watch(self, state: ChatState, conversation_id: str, seen: str, request: gr.Request) -> dict[str, Any]:
        """The open conversation, re-rendered within a second of any change (1 s timer)."""
        if not conversation_id or not self.ctx.access.is_staff(getattr(request, "username", None)):
            return {}
        try:
            record = self.store.get_conversation(conversation_id)
        except ConsoleError:
            return {}
        if _fingerprint(record) == seen:
            return {}
        return self._show(state, conversation_id)

    # ------------------------------------------------------------ changing

    def _transition(
        self, state: ChatState, conversation_id: str, kind: str, request: gr.Request
    ) -> dict[str, Any]:
        name = self._staff(request)
        if not conversation_id:
            raise gr.Error(labels(state.ui_language)["open_first"])
        self._do(lambda: self.store.transition(conversation_id, kind, actor=name))
        gr.Info(labels(state.ui_language)[f"done_{kind}"])
        return self._show(state, conversation_id)

    def take(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        return self._transition(state, conversation_id, "taken", request)

    def hand_back(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        return self._transition(state, conversation_id, "handed_back", request)

    def resolve(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        return self._transition(state, conversation_id, "resolved", request)

    def set_status(
        self, state: ChatState, conversation_id: str, status: str, request: gr.Request
    ) -> dict[str, Any]:
        name = self._staff(request)
        if not conversation_id:
            raise gr.Error(labels(state.ui_language)["open_first"])
        self._do(lambda: self.store.transition(conversation_id, "status", actor=name, status=status))
        gr.Info(labels(state.ui_language)["done_status"])
        return self._show(state, conversation_id)

    def reply(self, state: ChatState, conversation_id: str, text: str, request: gr.Request) -> dict[str, Any]:
        """Answer as a person; the customer sees it within a second, under the operator's name."""
        name = self._staff(request)
        if not conversation_id:
            raise gr.Error(labels(state.ui_language)["open_first"])
        self._do(lambda: self.pipeline.agent_reply(conversation_id, text, author=name))
        return {**self._show(state, conversation_id), "agent_text": ""}

    def erase(
        self, state: ChatState, conversation_id: str, confirmed: bool, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        t = labels(state.ui_language)
        if not conversation_id:
            raise gr.Error(t["open_first"])
        if not confirmed:
            # a notice, not an error overlay: the checkbox it asks for stays reachable
            gr.Warning(t["confirm_first"])
            return {}
        self._do(lambda: self.store.delete_conversation(conversation_id))
        gr.Info(t["done_erased"])
        return {"viewer": "", "current_id": "", "confirm_erase": False, "viewed": "", "owner_info": ""}

    # ------------------------------------------------------------ exports & prompts

    def export_current(self, state: ChatState, conversation_id: str, fmt: str, request: gr.Request) -> str:
        self._staff(request)
        if not conversation_id:
            raise gr.Error(labels(state.ui_language)["open_first"])
        record = self._do(lambda: self.store.get_conversation(conversation_id))
        return self._export([record], fmt, export.export_filename(record, fmt))

    def export_listed(self, state: ChatState, ids: list[str], fmt: str, request: gr.Request) -> str:
        self._staff(request)
        if not ids:
            raise gr.Error(labels(state.ui_language)["nothing_listed"])
        store = self.store

        class Records:  # a sized iterable: records stream one at a time into the file
            def __len__(self) -> int:
                return len(ids)

            def __iter__(self) -> Iterator[ConversationRecord]:
                return iter(store.iter_conversations(ids))

        return self._export(Records(), fmt, export.export_filename(len(ids), fmt))

    def _export(self, records: Any, fmt: str, name: str) -> str:
        try:
            path = files.export_path(self.ctx.private_dir / "cache", name)
            export.export_conversations(records, fmt, path)
            path.chmod(0o600)
        except OSError as exc:
            raise gr.Error(StoreError(f"Could not write the export: {exc.strerror or exc}.").message) from exc
        except ConsoleError as exc:
            raise gr.Error(exc.message) from exc
        return str(path)

    def system_prompt(self, line: str, lang: str, request: gr.Request) -> str:
        self._staff(request)
        tag = self.ctx.config.default_language if lang in (None, "", "auto") else lang
        return str(self._do(lambda: self.pipeline.personas.system_prompt(line, tag).text))

    def reload_prompts(self, state: ChatState, line: str, lang: str, request: gr.Request) -> str:
        self._staff(request)
        try:
            self.pipeline.reload_data()
        except ConsoleError as exc:
            raise gr.Error(exc.message) from exc
        gr.Info(labels(state.ui_language)["done_reload"])
        return self.system_prompt(line, lang, request)


# ---------------------------------------------------------------- texts


def queue_headers(t: dict[str, str]) -> list[str]:
    return [
        t["col_waiting"],
        t["language"],
        t["business_line"],
        t["col_reason"],
        t["col_owner"],
        t["col_preview"],
        "ID",
    ]


def list_headers(t: dict[str, str]) -> list[str]:
    return [
        t["col_last_activity"],
        t["col_started"],
        t["language"],
        t["business_line"],
        t["status"],
        t["col_owner"],
        t["col_messages"],
        t["col_preview"],
        "ID",
    ]


def status_text(status: str, t: dict[str, str]) -> str:
    return t.get(f"status_{status}", status)


def reason_text(reason: str | None, t: dict[str, str]) -> str:
    if not reason:
        return ""
    return t.get(f"reason_{reason}", reason)


def owner_text(handler: str, assignee: str | None, t: dict[str, str]) -> str:
    if handler == "person":
        return f"🧑‍💼 {assignee or t['support_team']}"
    return t[f"handler_{handler}"]


def _minutes(now: datetime, since: datetime, t: dict[str, str]) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    return t["minutes"].format(n=minutes)


def _fingerprint(record: ConversationRecord) -> str:
    """Changes whenever the conversation does (new message, text, status, owner)."""
    last = record.messages[-1] if record.messages else None
    return "|".join(
        str(x)
        for x in (
            len(record.messages),
            last.id if last else "",
            len(last.content) if last else 0,
            last.status if last else "",
            record.status,
            record.handler,
            record.assignee,
            len(record.events),
        )
    )
