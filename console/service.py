"""The app factory: ``create_app(config)`` wires config → backend, personas, store, pipeline, UI.

Nothing here runs at import time; tests build as many apps as they like, each with its
own backend (a real tiny model or a scripted fake), its own data folder and its own port.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.backends import Backend, create_backend
from console.config import Config
from console.metrics import Metrics
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Guardrails, Pipeline

if TYPE_CHECKING:
    import gradio as gr

    from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)


@dataclass
class ConsoleApp:
    config: Config
    pipeline: Pipeline
    store: TranscriptStore | None
    blocks: gr.Blocks
    metrics: Metrics = field(default_factory=Metrics)
    #: what create_app built itself and so must close; injected parts belong to the caller
    owned: tuple[str, ...] = ()
    local_url: str | None = None
    share_url: str | None = None
    _closed: bool = field(default=False, repr=False)

    def is_operator(self, username: str | None) -> bool:
        """Who may use the transcripts tab. Without --auth the console is on this machine
        only (or shared with --share-without-auth, by explicit choice): everyone is. With
        --auth and no --operator, every signed-in user is staff. With --operator, only those."""
        if not self.config.auth or not self.config.operators:
            return True
        return username is not None and username in self.config.operators

    def launch(self, *, block: bool = True) -> ConsoleApp:
        """Start serving. ``block=False`` returns at once (tests, benchmarks)."""
        from console.ui import launch_kwargs

        self.blocks.queue(default_concurrency_limit=self.config.effective_concurrency)
        kwargs: dict[str, Any] = launch_kwargs(self)
        _app, local_url, share_url = self.blocks.launch(prevent_thread_lock=True, quiet=not block, **kwargs)
        self.local_url, self.share_url = local_url, share_url
        from console import api

        api.mount(self, self.blocks.server_app)
        if self.config.share and not share_url:
            # Offline or the share service is unreachable: keep serving locally.
            print(
                f"warning: could not create a public share link; serving locally only at {local_url}",
                file=sys.stderr,
                flush=True,
            )
        if block:
            self.blocks.block_thread()
        return self

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.blocks.close()
        finally:
            if "backend" in self.owned:
                self.pipeline.backend.close()
            if "store" in self.owned and self.store is not None:
                self.store.close()


def guardrails_from_config(config: Config, prompts_root: Path) -> Guardrails:
    """The support workflow's rules: escalation phrases and blocked terms (prompts/_guard/),
    knowledge snippets (prompts/<line>/knowledge/), rate and turn limits from the config."""
    from console.guard import BlockedTerms, EscalationRules, Limits
    from console.knowledge import KnowledgeBase

    # A quarter of a minute's allowance may come at once (a customer pasting three
    # short messages), then the steady rate applies.
    limits = Limits(
        per_session=(max(1, config.session_rate // 4), config.session_rate / 60),
        per_client=(max(1, config.client_rate // 4), config.client_rate / 60),
        max_turns=config.max_turns,
    )
    return Guardrails(
        escalation=EscalationRules.load(),
        blocked=BlockedTerms.load(),
        limits=limits,
        knowledge=KnowledgeBase(prompts_root),
        personal_data=config.personal_data,
    )


def create_app(
    config: Config,
    *,
    backend: Backend | None = None,
    store: TranscriptStore | None = None,
    personas: PersonaLibrary | None = None,
    guard: Guardrails | None = None,
    with_store: bool = True,
) -> ConsoleApp:
    """Build the console. Pass ``backend``/``store``/``personas`` to inject test doubles."""
    from console.ui import build_ui

    owned: list[str] = []
    personas = personas or PersonaLibrary(default_prompts_dir())
    if store is None and with_store:
        from console.store.repository import TranscriptStore

        store = TranscriptStore.from_config(config)
        owned.append("store")
    if backend is None:
        try:
            backend = create_backend(config)
        except BaseException:
            if store is not None and "store" in owned:
                store.close()
            raise
        owned.append("backend")
    metrics = Metrics()
    if guard is None:
        guard = guardrails_from_config(config, personas.root)
    pipeline = Pipeline(
        backend,
        personas,
        store,
        guard=guard,
        default_language=config.default_language,
        max_input_chars=config.max_input_chars,
        metrics=metrics,
    )
    metrics.track_active(lambda: pipeline.active_streams)
    app = ConsoleApp(
        config=config,
        pipeline=pipeline,
        store=store,
        blocks=None,  # type: ignore[arg-type]
        owned=tuple(owned),
        metrics=metrics,
    )
    app.blocks = build_ui(app)
    return app
