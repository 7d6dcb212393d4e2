"""The app factory: ``create_app(config)`` wires config → backend, personas, store, pipeline, UI.

Nothing here runs at import time; tests build as many apps as they like, each with its
own backend (a real tiny model or a scripted fake), its own data folder and its own port.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console import canned
from console.access import Access
from console.admission import Admission
from console.backends import Backend, create_backend
from console.config import Config
from console.context import ConsoleContext
from console.errors import BackendError, ConfigError
from console.metrics import Metrics
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Guardrails, Pipeline
from console.resume import ResumeTokens

if TYPE_CHECKING:
    import gradio as gr

    from console.store.repository import TranscriptStore
    from console.ui.files import ExportSweeper

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
    context: ConsoleContext | None = None
    #: deletes expired exports for the console's life (console/ui/files.py); stopped by close()
    sweeper: ExportSweeper | None = None
    _closed: bool = field(default=False, repr=False)

    def is_operator(self, username: str | None) -> bool:
        """Who is staff (see console/access.py)."""
        return Access.from_config(self.config).is_staff(username)

    def launch(self, *, block: bool = True) -> ConsoleApp:
        """Start serving. ``block=False`` returns at once (tests, benchmarks)."""
        from starlette.middleware import Middleware

        from console import api
        from console.http_limits import (
            LocalHostOnly,
            NoFraming,
            OwnExportsOnly,
            OwnSessionsOnly,
            RequestLimits,
            SameOriginOnly,
            SignedInHeartbeat,
            body_limit,
        )
        from console.login_limit import LoginLimit
        from console.ui import launch_kwargs
        from console.ui.files import exports_folder

        assert self.context is not None
        self.blocks.queue(default_concurrency_limit=self.config.effective_concurrency)
        kwargs: dict[str, Any] = launch_kwargs(self.context)
        # The API and ops routes are part of the server from its first request (console/api.py).
        # FastAPI would publish the server's own route list at /openapi.json to anyone, signed
        # in or not; the API's schema is at /v1/openapi.json, and Gradio's is behind the login.
        # Before Gradio reads a request (console/http_limits.py): another site's page is
        # refused (Gradio's CORS would let it act with a signed-in operator's cookie), and so
        # are uploads, over-long bodies and another user's export link; with logins, failed
        # sign-ins are limited per address before Gradio compares a password, Gradio's
        # session heartbeat (the one route of its own it leaves open to the signed-out)
        # answers only the signed-in, and a page's session only the user who opened it.
        middleware = [
            # no other page may frame the console and have its operator click in it
            Middleware(NoFraming),
            Middleware(SameOriginOnly),
            Middleware(RequestLimits, max_body=body_limit(self.config.max_input_chars)),
            # an export link serves only the signed-in user it was written for
            Middleware(
                OwnExportsOnly,
                exports=str(exports_folder(self.context.private_dir / "cache")),
                owners=self.context.exports,
            ),
        ]
        if self.config.auth:
            middleware += [
                Middleware(LoginLimit),
                Middleware(SignedInHeartbeat),
                # a page's session answers only the user who opened it
                Middleware(OwnSessionsOnly, max_body=body_limit(self.config.max_input_chars)),
            ]
        elif self.context.access.local_staff and not self.config.customer_only:
            # reaching it makes one staff: only under names DNS cannot re-point (rebinding)
            middleware.insert(0, Middleware(LocalHostOnly))
        kwargs["app_kwargs"] = {"routes": api.routes(self), "openapi_url": None, "middleware": middleware}
        # quiet: gradio's own banner tells command-line users to edit launch(); app.py
        # prints the address itself
        # ``_frontend=False`` skips gradio's own reachability probe (one HEAD with a 3 s
        # timeout: on a busy machine it fails and launch() refuses to start, seen in CI); the
        # same check runs below with patience. gradio is pinned (requirements.txt), so the
        # private parameter cannot change under us unnoticed.
        _app, local_url, share_url = self.blocks.launch(
            prevent_thread_lock=True, quiet=True, _frontend=False, **kwargs
        )
        self.local_url, self.share_url = local_url, share_url
        _wait_until_served(local_url)
        if self.config.share and share_url:
            print(f"Public link (anyone with it reaches the customer chat): {share_url}", flush=True)
        elif self.config.share:
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
        if self.sweeper is not None:
            self.sweeper.stop()
        try:
            self.blocks.close()
        finally:
            if self.context is not None:
                # plaintext transcripts for downloads that can no longer be served
                from console.ui.files import discard_own_exports

                discard_own_exports(self.context.private_dir / "cache", self.context.exports)
            if "backend" in self.owned:
                self.pipeline.backend.close()
            if "store" in self.owned and self.store is not None:
                self.store.close()


def _wait_until_served(url: str, patience_s: float = 60.0) -> None:
    """Until the page answers at ``url`` (any HTTP status: a login page counts), or
    BackendError after ``patience_s``."""
    import httpx

    deadline = time.monotonic() + patience_s
    while True:
        try:
            httpx.head(url, timeout=5.0)
            return
        except httpx.HTTPError as exc:
            if time.monotonic() > deadline:
                raise BackendError(f"The console does not answer at {url}: {exc}.") from exc
            time.sleep(0.25)


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
        # into the staff queue: 5 at once and one a minute per address with the defaults
        handoffs_per_client=(max(1, config.client_rate // 24), config.client_rate / 7200),
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
    background_load: bool = False,
) -> ConsoleApp:
    """Build the console. Pass ``backend``/``store``/``personas`` to inject test doubles.

    Everything that can be refused is checked before anything is written: the business
    line, then the model (loaded before the store, so a wrong ``--model`` leaves no key
    file or database behind)."""
    from console.ui import build_ui, files
    from console.ui.files import private_folder, sweep_exports

    owned: list[str] = []
    personas = personas or PersonaLibrary(default_prompts_dir())
    if config.business_line not in personas.business_lines():
        raise ConfigError(
            "--business-line",
            f"unknown business line {config.business_line!r}; choose one of "
            f"{', '.join(personas.business_lines())} (folders in {personas.root})",
        )
    canned.current()  # the operators' canned replies: a broken file stops the start, named
    if backend is None:
        if background_load:
            # the model is located now (a wrong --model stops here, before anything is
            # written) and loaded while the page already serves (console/loading.py)
            from console.backends import backend_loader
            from console.loading import LoadingBackend

            loader = backend_loader(config)
            backend = LoadingBackend(loader.load, loader.info)
            # the language engines take seconds to load (more on a first run, which builds a
            # word-frequency table): load them beside the model, not on the first message
            import threading

            from console import language

            threading.Thread(target=language.warm_up, name="language-warm-up", daemon=True).start()
        else:
            backend = create_backend(config)
        owned.append("backend")
    if store is None and with_store:
        from console.store.repository import TranscriptStore

        try:
            store = TranscriptStore.from_config(config)
        except BaseException:
            if "backend" in owned:
                backend.close()
            raise
        owned.append("store")
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
    # Gradio keeps files it serves (exports) in its cache folder, world-readable by default:
    # point it into the private data folder. Gradio reads this when the Blocks is built.
    private_dir = Path(config.data_dir)
    from console.store.repository import ensure_data_dir

    ensure_data_dir(private_dir)
    os.environ["GRADIO_TEMP_DIR"] = str(private_folder(private_dir / "cache"))
    # exports a killed console left behind (Gradio's sweeper knows only its own process's)
    sweep_exports(private_dir / "cache")
    # screens Gradio's deep link wrote as plain JSON before the route was refused
    # (http_limits.RequestLimits): no erasure would ever reach them
    shutil.rmtree(private_dir / "cache" / "deep_links", ignore_errors=True)
    context = ConsoleContext(
        config=config,
        pipeline=pipeline,
        store=store,
        metrics=metrics,
        access=Access.from_config(config),
        private_dir=private_dir,
        # one client address holds at most --client-concurrency chat turns in the line
        # (console/admission.py); the API joins without an owner
        admission=Admission(config.effective_concurrency, per_owner=config.client_concurrency),
        resume=ResumeTokens(store, config.resume_hours) if store is not None else None,
    )
    app = ConsoleApp(
        config=config,
        pipeline=pipeline,
        store=store,
        blocks=None,  # type: ignore[arg-type]
        owned=tuple(owned),
        metrics=metrics,
        context=context,
    )
    app.blocks = build_ui(context, model_line(backend))
    # last, so that a refused start leaves no thread behind. Gradio's own sweeper
    # (delete_cache) does not know the exports, and the sweeps at start and before each new
    # export left a quiet console's exports on disk long past KEEP_S. The values are read
    # now, not bound at import, so a test may shorten them.
    app.sweeper = files.ExportSweeper(private_dir / "cache", every_s=files.SWEEP_S, keep_s=files.KEEP_S)
    app.sweeper.start()
    return app


def model_line(backend: Backend) -> str:
    """The staff header: which model runs where (never shown to customers). No words, so it
    reads the same in every operator's language: "`model` · `cuda` · transformers · gptq-int4"."""
    import html

    info = backend.info
    parts = [f"`{html.escape(info.model)}`", f"`{html.escape(info.device)}`", info.backend]
    return " · ".join(parts + ([info.quantization] if info.quantization else []))
