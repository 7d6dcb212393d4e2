"""Structured logs: JSON lines with the request id, and no transcript text."""

from __future__ import annotations

import json
import logging

import pytest

from console.logs import JsonFormatter, setup_logging


def test_json_lines_carry_the_request_id() -> None:
    record = logging.LogRecord(
        "console.api", logging.INFO, __file__, 1, "api %s %s -> %s", ("POST", "/x", 200), None
    )
    record.request_id = "abc123"
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc123"
    assert (
        line["message"] == "api POST /x -> 200"
        and line["level"] == "info"
        and line["logger"] == "console.api"
    )


def test_setup_logging_installs_one_handler(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("json")
        setup_logging("json")
        assert len(root.handlers) == 1 and isinstance(root.handlers[0].formatter, JsonFormatter)
        logging.getLogger("console.test").warning("hello %s", "world")
        assert json.loads(capsys.readouterr().err.strip().splitlines()[-1])["message"] == "hello world"
    finally:
        root.handlers[:], level = saved[0], saved[1]
        root.setLevel(level)
