"""Explicit configuration: defaults in code, ``CONSOLE_*`` environment variables, CLI flags.

Precedence is defaults < environment < command line. Every value is validated here, once;
a bad value raises :class:`ConfigError` naming the flag (or variable) it came from, which
``app.py`` prints as one line with exit status 2.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from console.errors import ConfigError

BackendName = Literal["transformers", "openai"]
DeviceName = Literal["auto", "cuda", "cpu"]
CacheSaltMode = Literal["auto", "on", "off"]

#: model served on a CUDA machine when --model is not given
GPU_DEFAULT_MODEL = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"
#: model served on a CPU-only machine when --model is not given (README explains the choice)
CPU_DEFAULT_MODEL = "Qwen/Qwen2.5-0.5B-Instruct"

ENV_PREFIX = "CONSOLE_"


def default_data_dir() -> Path:
    # platformdirs gives the per-user data folder each OS expects (~/.local/share on Linux).
    import platformdirs

    return Path(platformdirs.user_data_dir("support-console", appauthor=False))


@dataclass(frozen=True)
class Config:
    """Everything the console needs to start. Built by :func:`load_config` or by tests."""

    # model / backend
    backend: BackendName = "transformers"
    model: str | None = None  # None: choose by device (GPU_DEFAULT_MODEL / CPU_DEFAULT_MODEL)
    adapter: str | None = None  # LoRA adapter directory (peft)
    device: DeviceName = "auto"
    trust_remote_code: bool = False
    base_url: str | None = None  # remote engine, e.g. http://127.0.0.1:8000/v1
    engine_key: str | None = None  # key the console presents to the remote engine
    engine_model: str | None = None  # model name to ask the remote engine for
    engine_timeout: float = 60.0  # seconds; connect + between streamed chunks
    #: scope the engine's prompt cache per conversation (vLLM cache_salt): auto, on, off
    engine_cache_salt: CacheSaltMode = "auto"
    # server
    host: str = "127.0.0.1"
    port: int = 7860
    share: bool = False
    share_without_auth: bool = False
    auth: tuple[tuple[str, str], ...] = ()
    api_keys: tuple[str, ...] = ()  # keys clients of the console's own HTTP API present
    operators: tuple[str, ...] = ()  # --auth users allowed in the transcripts tab (empty: all)
    customer_only: bool = False  # serve the customer chat only; every staff function refuses
    concurrency: int | None = None  # None: the backend's sensible default
    #: chat turns one client address may have in the generation line at once (waiting and
    #: generating); fresh sessions cost nothing, so without it one address took every slot
    client_concurrency: int = 2
    prefix_cache_mb: int = 512  # in-process attention caches of prompt prefixes kept for reuse; 0: off
    # data
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None  # None: SQLite file in data_dir
    # conversation
    business_line: str = "general"
    default_language: str = "en"
    max_input_chars: int = 4000
    # support workflow
    session_rate: int = 20  # customer messages per minute per browser session / API conversation
    client_rate: int = 120  # messages per minute per client address or API key, all sessions together
    max_turns: int = 100  # customer messages per conversation
    personal_data: Literal["masked", "original"] = "masked"  # what transcripts keep (encrypted either way)
    log_format: Literal["text", "json"] = "text"
    # insights and satisfaction (issue 13)
    demo: bool = False  # serve the demo database (python app.py demo-data), never the real one
    rating_after_idle: float = 10.0  # minutes a customer is idle before the 1-5 rating is offered; 0: never
    resume_hours: float = 24.0  # a reloaded chat page comes back to a conversation this recent; 0: never

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    @property
    def effective_concurrency(self) -> int:
        if self.concurrency is not None:
            return self.concurrency
        # A remote engine batches requests itself, so many streams can be in flight.
        # In-process, concurrent streams share one batched forward pass (backends/batching.py,
        # up to 16 rows): admitting 8 lets the batch fill while each customer still streams
        # at a readable pace on a small machine.
        return 16 if self.backend == "openai" else 8

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "console.db"


# ---------------------------------------------------------------- value parsers


def _port(value: str) -> int:
    port = _int(value)
    if not 0 <= port <= 65535:  # 0 asks the OS for a free port (tests use it)
        raise ValueError("must be a port number between 0 and 65535")
    return port


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"must be an integer, got {value!r}") from None


def _positive_int(value: str) -> int:
    number = _int(value)
    if number < 1:
        raise ValueError(f"must be at least 1, got {number}")
    return number


def _non_negative_int(value: str) -> int:
    number = _int(value)
    if number < 0:
        raise ValueError(f"must be 0 or more, got {number}")
    return number


def _non_negative_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"must be a number, got {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise ValueError(f"must be 0 or more, got {value}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"must be a number, got {value!r}") from None
    if not number > 0:
        raise ValueError(f"must be greater than 0, got {value}")
    return number


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"must be true or false, got {value!r}")


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    return parse


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must be an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


#: a second ``USER:`` after a comma in one --auth value: several users joined as CONSOLE_AUTH
#: writes them ("cy:pw-cy,ann:pw-ann")
_JOINED_USERS = re.compile(r",\s*[^\s,:]+:")


def parse_auth_entries(entries: Sequence[str], setting: str) -> tuple[tuple[str, str], ...]:
    """``USER:PASS`` entries, or ``@FILE`` / a path to a file of such lines."""
    pairs: list[tuple[str, str]] = []
    for entry in entries:
        lines: list[str]
        candidate = entry[1:] if entry.startswith("@") else entry
        if setting.startswith("--") and not entry.startswith("@") and _JOINED_USERS.search(entry):
            # The flag takes one user (the variable's value is split at commas): this made ONE
            # user, the first, whose password was the rest, and without --operator that user
            # was staff (an outside tester). Refused, without echoing what may be passwords.
            raise ConfigError(
                setting,
                "takes one USER:PASS: repeat --auth for each user (CONSOLE_AUTH takes a "
                "comma-separated list; a password with ',NAME:' in it goes in an @FILE)",
            )
        if entry.startswith("@") or (":" not in entry and Path(candidate).is_file()):
            path = Path(candidate)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(setting, f"cannot read auth file {path}: {exc.strerror}") from exc
        else:
            lines = [entry]
        for raw_line in lines:
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            user, sep, password = line.partition(":")
            if not sep or not user or not password:
                # never echo the entry: it may hold a password
                raise ConfigError(setting, "expected USER:PASS (or a file of USER:PASS lines)")
            pairs.append((user, password))
    return tuple(pairs)


# ------------------------------------------------------------- the flag table

# One row per setting: (field, flags, parser, help). The same parser validates the flag and
# its CONSOLE_<FIELD> environment variable, so both fail the same way.
_Parser = Callable[[str], Any]
_SETTINGS: list[tuple[str, tuple[str, ...], _Parser | None, str]] = [
    (
        "backend",
        ("--backend",),
        _choice("transformers", "openai"),
        "where answers come from: 'transformers' loads the model in this process, 'openai' "
        "streams from a remote OpenAI-compatible engine such as vLLM (default: transformers)",
    ),
    (
        "model",
        ("--model",),
        _text,
        "hub id, local model directory, or a .gguf file. Default: "
        f"{GPU_DEFAULT_MODEL} on a CUDA GPU, {CPU_DEFAULT_MODEL} on a CPU",
    ),
    ("adapter", ("--adapter",), _text, "LoRA adapter directory (peft), e.g. from LLaMA-Factory"),
    ("device", ("--device",), _choice("auto", "cuda", "cpu"), "auto (default), cuda or cpu"),
    (
        "trust_remote_code",
        ("--trust-remote-code",),
        None,
        "allow model repositories to run their own Python code (off by default; only for models you trust)",
    ),
    (
        "base_url",
        ("--base-url",),
        _url,
        "remote engine URL for --backend openai, e.g. http://127.0.0.1:8000/v1",
    ),
    ("engine_key", ("--engine-key",), _text, "API key the console sends to the remote engine"),
    (
        "engine_model",
        ("--engine-model",),
        _text,
        "model name to request from the remote engine (default: --model, else the engine's first model)",
    ),
    (
        "engine_timeout",
        ("--engine-timeout",),
        _positive_float,
        "seconds to wait for the remote engine to connect or send the next chunk (default: 60)",
    ),
    (
        "engine_cache_salt",
        ("--engine-cache-salt",),
        _choice("auto", "on", "off"),
        "send each conversation's prompt-cache scope to the remote engine (vLLM cache_salt), so no "
        "customer can time the cache to learn what another wrote: auto (default: when the engine is "
        "vLLM or SGLang), on or off",
    ),
    ("host", ("--host",), _text, "address to bind (default: 127.0.0.1, this machine only)"),
    ("port", ("--port",), _port, "port to listen on (default: 7860; 0 picks a free one)"),
    ("share", ("--share",), None, "ask Gradio for a public share link (needs --auth)"),
    (
        "share_without_auth",
        ("--share-without-auth",),
        None,
        "allow --share without --auth: anyone with the link can chat (staff functions stay off)",
    ),
    (
        "customer_only",
        ("--customer-only",),
        None,
        "serve only the customer chat: no transcripts, settings or staff replies (for a public "
        "bind without --auth)",
    ),
    (
        "auth",
        ("--auth",),
        None,
        "USER:PASS for the web UI; repeat for more users, or give @FILE of USER:PASS lines",
    ),
    ("api_keys", ("--api-key",), None, "key clients of the console's HTTP API must present; repeatable"),
    (
        "operators",
        ("--operator",),
        None,
        "--auth user allowed in the transcripts tab; repeatable (default: every signed-in user)",
    ),
    (
        "concurrency",
        ("--concurrency",),
        _positive_int,
        "answers generated at once (default: 2 in-process, 16 with a remote engine)",
    ),
    (
        "client_concurrency",
        ("--client-concurrency",),
        _positive_int,
        "chat messages from one client address answered or waiting at once; more are refused "
        "until one is answered (default: 2; the HTTP API is not capped)",
    ),
    (
        "prefix_cache_mb",
        ("--prefix-cache-mb",),
        _non_negative_int,
        "memory for the in-process model's caches of persona prompts and conversations, "
        "reused so only new tokens are processed (default: 512; 0 turns it off)",
    ),
    (
        "data_dir",
        ("--data-dir",),
        Path,
        "folder for the database and key file (default: per-user data folder)",
    ),
    (
        "database_url",
        ("--database-url",),
        _text,
        "SQLAlchemy URL of the transcript database (default: SQLite in --data-dir)",
    ),
    ("business_line", ("--business-line",), _text, "business line selected at start (default: general)"),
    (
        "default_language",
        ("--default-language",),
        _text,
        "language used when a message's language cannot be told (default: en)",
    ),
    (
        "max_input_chars",
        ("--max-input-chars",),
        _positive_int,
        "longest customer message accepted, in characters (default: 4000)",
    ),
    (
        "session_rate",
        ("--session-rate",),
        _positive_int,
        "customer messages per minute per chat session (burst up to a quarter of it; default: 20)",
    ),
    (
        "client_rate",
        ("--client-rate",),
        _positive_int,
        "messages per minute per client address or API key (default: 120)",
    ),
    ("max_turns", ("--max-turns",), _positive_int, "customer messages per conversation (default: 100)"),
    (
        "personal_data",
        ("--personal-data",),
        _choice("masked", "original"),
        "what transcripts keep of phone numbers, e-mails, IDs, cards and IBANs: masked (default) or original "
        "(encrypted either way; the model always sees them masked)",
    ),
    ("log_format", ("--log-format",), _choice("text", "json"), "text (default) or json lines"),
    (
        "demo",
        ("--demo",),
        None,
        "serve the demo month written by 'python app.py demo-data' (its own folder, <data dir>-demo)",
    ),
    (
        "rating_after_idle",
        ("--rating-after-idle",),
        _non_negative_float,
        "minutes a customer's conversation stays idle before the 1-5 rating is offered "
        "(default: 10; 0: never)",
    ),
    (
        "resume_hours",
        ("--resume-hours",),
        _non_negative_float,
        "hours after its last message that a reloaded chat page still comes back to its conversation "
        "(a signed token in the browser; default: 24; 0: never, every page load starts afresh)",
    ),
]

_FLAG_OF = {name: flags[0] for name, flags, _, _ in _SETTINGS}
_BOOL_FIELDS = {"trust_remote_code", "share", "share_without_auth", "customer_only", "demo"}
_LIST_FIELDS = {"auth", "api_keys", "operators"}


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but errors are one line naming the flag, then exit 2 (no usage dump)."""

    def error(self, message: str) -> Any:
        raise ConfigError("command line", message)


def build_parser(prog: str = "app.py") -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=prog,
        description=(
            "Multilingual customer-support console. Every flag can also be set with a "
            "CONSOLE_<NAME> environment variable (e.g. CONSOLE_PORT=8080); flags win. "
            "Subcommands: 'demo-data', 'keys rotate', 'db upgrade', 'db backup FILE', "
            "'db restore FILE', 'db time-zone ZONE' (see README)."
        ),
    )
    for name, flags, _parse, help_text in _SETTINGS:
        env = ENV_PREFIX + name.upper()
        if name in _BOOL_FIELDS:
            parser.add_argument(
                *flags, dest=name, action="store_true", default=None, help=f"{help_text} [{env}]"
            )
        elif name in _LIST_FIELDS:
            parser.add_argument(
                *flags, dest=name, action="append", default=None, help=f"{help_text} [{env}, comma-separated]"
            )
        else:
            parser.add_argument(*flags, dest=name, default=None, help=f"{help_text} [{env}]")
    return parser


def load_config(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Config from defaults, then ``environ`` (``CONSOLE_*``), then ``argv`` flags."""
    environ = os.environ if environ is None else environ
    args = build_parser().parse_args(list(argv) if argv is not None else [])
    values: dict[str, Any] = {}
    for name, _flags, parse, _help in _SETTINGS:
        env_name = ENV_PREFIX + name.upper()
        raw_env = environ.get(env_name)
        raw_cli = getattr(args, name)
        if name in _BOOL_FIELDS:
            if raw_cli:
                values[name] = True
            elif raw_env is not None:
                values[name] = _parse(env_name, _bool, raw_env)
            continue
        if name in _LIST_FIELDS:
            entries: list[str] | None = raw_cli
            setting = _FLAG_OF[name]
            if entries is None and raw_env:
                entries = [part for part in raw_env.split(",") if part.strip()]
                setting = env_name
            if entries is not None:
                if name == "auth":
                    values[name] = parse_auth_entries(entries, setting)
                else:
                    if any(not e.strip() for e in entries):
                        raise ConfigError(setting, "must not be empty")
                    values[name] = tuple(e.strip() for e in entries)
            continue
        assert parse is not None
        if raw_cli is not None:
            values[name] = _parse(_FLAG_OF[name], parse, raw_cli)
        elif raw_env is not None and raw_env != "":
            values[name] = _parse(env_name, parse, raw_env)
    config = Config(**values)
    validate(config)
    return config


def _parse(setting: str, parse: _Parser, raw: str) -> Any:
    try:
        return parse(raw)
    except ValueError as exc:
        raise ConfigError(setting, str(exc)) from None


def validate(config: Config) -> None:
    """Checks that involve more than one setting."""
    if config.backend == "openai" and not config.base_url:
        raise ConfigError("--base-url", "is required with --backend openai (e.g. http://127.0.0.1:8000/v1)")
    if config.backend == "transformers" and config.base_url:
        raise ConfigError("--base-url", "only applies to --backend openai")
    if config.adapter and config.backend == "openai":
        raise ConfigError("--adapter", "only applies to --backend transformers (load adapters in the engine)")
    if config.share and not config.auth and not config.share_without_auth:
        raise ConfigError(
            "--share",
            "a public link needs --auth USER:PASS (or --share-without-auth to expose it to anyone)",
        )
    if not is_loopback(config.host) and not config.auth and not config.customer_only:
        # Staff functions (transcripts, replying as a person, erasing) must never be open
        # to the network without a login; a public customer chat is fine.
        raise ConfigError(
            "--host",
            f"{config.host} is reachable from other machines, and without --auth anyone there "
            "could read transcripts and reply as staff. Add --auth USER:PASS (and --operator USER), "
            "or --customer-only to serve only the customer chat",
        )
    users = {user for user, _ in config.auth}
    unknown = [name for name in config.operators if name not in users]
    if unknown:
        raise ConfigError("--operator", f"{', '.join(unknown)} is not an --auth user")
    if config.adapter and not Path(config.adapter).is_dir():
        raise ConfigError("--adapter", f"no adapter directory at {config.adapter}")


def is_loopback(host: str) -> bool:
    """True when ``host`` binds this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def config_fields() -> list[str]:
    return [f.name for f in fields(Config)]
