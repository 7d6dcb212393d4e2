"""Shared fixtures: tiny real checkpoints (built once per session, cached), configs with a
temporary data folder, and launched apps on free ports."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# The suite never reaches a model hub: everything it loads it builds itself.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("GPTQMODEL_CPU_WORKERS", "2")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# gradio_client saves every file a test downloads (exports of test transcripts, in clear)
# under GRADIO_TEMP_DIR, read once when it is imported: by default the shared temporary
# folder's gradio/, in folders any user of the machine can read. Keep the suite's in a 0700
# folder of its own, removed when the run ends. (A console sets the variable again for its
# own cache, inside its data folder: console/service.py.)
_DOWNLOADS = tempfile.mkdtemp(prefix="console-test-downloads-")
os.environ.setdefault("GRADIO_TEMP_DIR", _DOWNLOADS)
atexit.register(shutil.rmtree, _DOWNLOADS, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (.ci/test.sh runs the suite in parallel workers), give each worker a
    PostgreSQL database of its own: the store tests drop and recreate the "public" schema as
    they go, which would pull it from under another worker's test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = os.environ.get("CONSOLE_TEST_POSTGRES_URL", "").strip()
    if worker and base:
        os.environ["CONSOLE_TEST_POSTGRES_URL"] = _worker_database(base, worker)


def _worker_database(base: str, worker: str) -> str:
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    url = make_url(base)
    own = url.set(database=f"{url.database}_{worker}")
    engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            known = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}
            ).first()
            if known is None:
                # the name is built from the URL's database and xdist's worker id ("gw0"): no quoting needed
                connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    except OperationalError:  # unreachable: keep the URL, and the tests skip saying why
        return base
    except ProgrammingError as exc:  # sharing one database would make the workers' tests race
        raise pytest.UsageError(
            f"{url.username} may not create the database {own.database} ({exc.orig}): grant it "
            "CREATEDB (.ci/postgres.sh does) or run the tests in one process (-n 0)"
        ) from exc
    finally:
        engine.dispose()
    return own.render_as_string(hide_password=False)


def in_threads(work: Callable[[int], None], count: int) -> None:
    """Run ``work(0)`` … ``work(count - 1)`` at once, one thread each; re-raise the first
    error any of them raised (a thread's own exception would only be printed)."""
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            work(n)
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tiny(request: pytest.FixtureRequest, arch: str, gptq: bool) -> Path:
    """A tiny checkpoint, built on first use and kept in the user's cache folder across runs
    and clones (``CONSOLE_TEST_MODELS`` overrides it): a build takes a minute or more of CI,
    and build_tiny_model rebuilds by itself when its recipe or builder code changed (the
    marker it writes records both). tests/test_tiny_model.py builds qwen2 from scratch and
    compares it with the kept one, byte for byte."""
    from importlib.metadata import version

    import platformdirs

    from tests.tiny_model import build_tiny_model

    root = os.environ.get("CONSOLE_TEST_MODELS")
    cache = Path(root) if root else Path(platformdirs.user_cache_dir("support-console")) / "test-models"
    # the libraries that write the files are part of the key: an upgrade builds afresh
    libraries = "-".join(f"{lib}{version(lib)}" for lib in ("torch", "transformers", "gptqmodel"))
    folder = cache / libraries
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{arch}{'-gptq' if gptq else ''}"
    return build_tiny_model(folder / name, arch=arch, gptq=gptq)


@pytest.fixture(scope="session")
def tiny_qwen2(request: pytest.FixtureRequest) -> Path:
    return _tiny(request, "qwen2", False)


@pytest.fixture(scope="session")
def tiny_qwen3(request: pytest.FixtureRequest) -> Path:
    return _tiny(request, "qwen3", False)


@pytest.fixture(scope="session")
def tiny_qwen2_gptq(request: pytest.FixtureRequest) -> Path:
    return _tiny(request, "qwen2", True)


@pytest.fixture(scope="session")
def tiny_qwen3_gptq(request: pytest.FixtureRequest) -> Path:
    return _tiny(request, "qwen3", True)


@pytest.fixture(scope="session")
def tiny_backend(tiny_qwen2: Path) -> Any:
    """One loaded fp32 tiny model shared by the tests that only read from it."""
    import torch

    from console.backends.transformers_local import TransformersBackend

    torch.set_num_threads(1)  # 1 thread is fastest for a model this small (DESIGN.md)
    return TransformersBackend.load(str(tiny_qwen2))


@pytest.fixture
def wake_every_token(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Makes a loaded backend wake its readers on every token, for this test.

    A stream's reader is woken at most every 5 ms (batching.Request.interval). A real model's
    step takes tens of ms, so each token still arrives as its own chunk; the tiny model makes
    a token in a fraction of a ms on a fast CPU, and there ~20 tokens shared one wake-up
    ("3 chunks" for a 40-token answer, a Stop after the third chunk at token 24). Tests of
    chunking and of stopping count chunks as a real model makes them."""

    def apply(backend: Any) -> None:
        scheduler = backend._batch_scheduler()
        assert scheduler is not None, "the backend does not batch: nothing to pace"
        monkeypatch.setattr(scheduler, "wake_interval", 0.0)

    return apply


@pytest.fixture
def make_config(tmp_path: Path) -> Callable[..., Any]:
    from console.config import Config

    def build(**overrides: Any) -> Config:
        # generous rate limits: tests that exercise limits set their own (every browser
        # context of a test is one address, 127.0.0.1: several customers at once would
        # share --client-concurrency's 2 places; tests/test_client_concurrency.py sets it)
        values: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "port": free_port(),
            "session_rate": 6000,
            "client_rate": 60000,
            "client_concurrency": 1000,
        }
        values.update(overrides)
        return Config(**values)

    return build


@pytest.fixture
def launched() -> Iterator[Callable[..., Any]]:
    """Launch apps without blocking; every app launched here is closed after the test."""
    apps: list[Any] = []

    def launch(app: Any) -> Any:
        apps.append(app)
        return app.launch(block=False)

    yield launch
    for app in apps:
        app.close()


def write_personas(root: Path, body: str, languages: tuple[str, ...] = ("en", "zh-Hans", "es")) -> Path:
    """A prompts/ folder whose persona body is ``body`` for every language: the tiny model
    was trained under a few fixed system prompts, so app tests give it one of those."""
    folder = root / "general"
    folder.mkdir(parents=True, exist_ok=True)
    for tag in languages:
        (folder / f"{tag}.md").write_text(
            "---\nname: Ada\ngreeting: Hello!\nescalation: Let me connect you with a colleague.\n"
            "refusal: Sorry, I can't help with that.\ndisclosure: I am an AI assistant.\n---\n" + body + "\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture
def tiny_personas(tmp_path: Path) -> Any:
    from console.personas import PersonaLibrary
    from tests.tiny_model import SUPPORT_SYSTEM

    return PersonaLibrary(write_personas(tmp_path / "prompts", SUPPORT_SYSTEM))
