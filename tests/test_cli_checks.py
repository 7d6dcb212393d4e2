"""What the command line refuses, and what it leaves behind when it does: nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, free_port


def run(args: list[str], tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "app.py", "--port", str(free_port()), "--data-dir", str(tmp_path / "data"), *args],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_unknown_business_line_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    done = run(["--business-line", "retail", "--model", str(tmp_path / "nothing")], tmp_path)
    assert done.returncode == 2
    assert "--business-line" in done.stderr and "retail" in done.stderr and "ecommerce" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_missing_model_exits_2_and_writes_no_key_or_database(tmp_path: Path) -> None:
    done = run(["--model", "/nonexistent/model"], tmp_path)
    assert done.returncode == 2, done.stderr
    assert "/nonexistent/model" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "secret.key").exists()
    assert not (tmp_path / "data" / "console.db").exists()


def test_a_network_bind_without_logins_is_refused(tmp_path: Path) -> None:
    done = run(["--host", "0.0.0.0", "--model", str(tmp_path / "nothing")], tmp_path)
    assert done.returncode == 2
    assert "--host" in done.stderr and "--auth" in done.stderr and "--customer-only" in done.stderr
    assert not (tmp_path / "data").exists()


def test_gradio_launch_hints_are_not_printed(tmp_path: Path) -> None:
    from console.config import Config
    from console.service import create_app
    from tests.fakes import ScriptedBackend

    app = create_app(Config(data_dir=tmp_path / "data", port=free_port()), backend=ScriptedBackend())
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        app.launch(block=False)
    app.close()
    assert "share=True" not in out.getvalue() and "launch()" not in out.getvalue()
