"""What the two edges (the Gradio UI and the HTTP API) need from the app, in one object.

Both take a :class:`ConsoleContext`; neither imports the app factory (``service.py``), so
there is no import cycle between the edges and the factory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from console.access import Access
from console.admission import Admission
from console.config import Config
from console.downloads import ExportOwners
from console.metrics import Metrics
from console.pipeline import Pipeline

if TYPE_CHECKING:
    from console.resume import ResumeTokens
    from console.store.repository import TranscriptStore


@dataclass(frozen=True)
class ConsoleContext:
    config: Config
    pipeline: Pipeline
    store: TranscriptStore | None
    metrics: Metrics
    access: Access
    #: a folder only this user can read: Gradio's file cache (downloads) lives here
    private_dir: Path
    #: the one generation gate (``--concurrency``) the chat and the API share
    admission: Admission
    #: the chat page's way back to its conversation after a reload (None: no store)
    resume: ResumeTokens | None = None
    #: the downloads this console wrote, and whom each is for (console/http_limits.py)
    exports: ExportOwners = field(default_factory=ExportOwners)
