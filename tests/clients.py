"""gradio_client's ``Client`` as every test uses it.

Why a subclass: gradio_client passes ``httpx_kwargs`` to each request and, without a
timeout there, httpx waits 5 s. On the shared two-core CI machine a console under a full
suite's load sometimes answers its config or a queue join later than that (three
ReadTimeouts in one clean-clone run), which failed tests that had nothing wrong. A minute
is well past any honest wait here, and the event streams still see Gradio's heartbeat every
15 s, so a stalled console still fails the test instead of hanging it.
"""

from __future__ import annotations

from typing import Any

import gradio_client
import httpx

#: per request (connect, read, write, pool)
TIMEOUT = httpx.Timeout(60.0)


# gradio_client ships no type information (mypy sees its Client as Any)
class Client(gradio_client.Client):  # type: ignore[misc]
    def __init__(
        self, src: str, *args: Any, httpx_kwargs: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        wanted = {"timeout": TIMEOUT, **(httpx_kwargs or {})}
        super().__init__(src, *args, httpx_kwargs=wanted, **kwargs)
