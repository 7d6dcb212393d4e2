"""A minimal OpenAI-compatible engine for tests: the tiny model behind real HTTP + SSE.

    python tests/engine_server.py MODEL_DIR PORT [DELAY_S]

DELAY_S (default 0) sleeps between streamed chunks, so a test can kill it mid-reply.
ENGINE_OWNED_BY (environment, default "tests") is what ``/v1/models`` says owns the model
(vLLM says "vllm"); ``GET /test/salts`` lists each chat request's ``cache_salt`` (or null).

Stands in for vLLM (which needs a GPU) so the ``openai`` backend is tested against a real
server process speaking the real wire format, which the test can kill mid-stream.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# at module level: FastAPI resolves the (string) annotations of routes in module globals
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


def build(model_dir: str, delay: float = 0.0) -> Any:
    import torch

    from console.backends.base import Usage
    from console.backends.transformers_local import TransformersBackend
    from console.options import GenerationOptions

    torch.set_num_threads(1)
    backend = TransformersBackend.load(model_dir)
    app = FastAPI()
    name = "tiny-qwen"
    owner = os.environ.get("ENGINE_OWNED_BY", "tests")
    salts: list[Any] = []

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": name, "object": "model", "owned_by": owner}]}

    @app.get("/test/salts")
    def seen_salts() -> list[Any]:
        return salts

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        salts.append(body.get("cache_salt"))
        if body.get("model") != name:
            return JSONResponse({"error": {"message": "no such model", "type": "not_found"}}, status_code=404)
        options = GenerationOptions(
            temperature=float(body.get("temperature", 0.0)),
            top_p=float(body.get("top_p", 1.0)),
            max_new_tokens=int(body.get("max_tokens", 64)),
        )
        pause = float(request.headers.get("x-test-delay", delay))
        usage = Usage()
        chunks = backend.stream(body["messages"], options, usage=usage)
        cid = f"chatcmpl-{uuid.uuid4().hex}"

        def sse() -> Iterator[str]:
            def event(delta: dict[str, Any], finish: str | None = None) -> str:
                payload = {
                    "id": cid,
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": name,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                return f"data: {json.dumps(payload)}\n\n"

            yield event({"role": "assistant", "content": ""})
            for chunk in chunks:
                if not pause:
                    yield event({"content": chunk})
                    continue
                # paced: one word per event, so a test can kill the engine between words
                # (the backend hands over whatever text is ready, often many tokens at once)
                for word in re.findall(r"\S+\s*|\s+", chunk):
                    time.sleep(pause)
                    yield event({"content": word})
            yield event({}, usage.finish_reason or "stop")
            usage_payload = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": name,
                "choices": [],
                "usage": {
                    "prompt_tokens": usage.prompt_tokens or 0,
                    "completion_tokens": usage.completion_tokens,
                    "total_tokens": (usage.prompt_tokens or 0) + usage.completion_tokens,
                },
            }
            yield f"data: {json.dumps(usage_payload)}\n\ndata: [DONE]\n\n"

        return StreamingResponse(sse(), media_type="text/event-stream")

    return app


if __name__ == "__main__":
    import uvicorn

    pause_s = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    uvicorn.run(build(sys.argv[1], pause_s), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
