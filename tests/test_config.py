"""Config: defaults, CONSOLE_* environment, CLI flags, and one-line errors from app.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from console.config import Config, load_config
from console.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_are_safe() -> None:
    config = load_config([], environ={})
    assert config.host == "127.0.0.1"
    assert config.share is False
    assert config.trust_remote_code is False
    assert config.backend == "transformers"
    assert config.model is None  # chosen by hardware at start


def test_env_then_cli_precedence(tmp_path: Path) -> None:
    env = {
        "CONSOLE_PORT": "8100",
        "CONSOLE_HOST": "0.0.0.0",
        "CONSOLE_CUSTOMER_ONLY": "1",  # a network bind without --auth serves customers only
        "CONSOLE_DATA_DIR": str(tmp_path),
    }
    config = load_config(["--port", "8200"], environ=env)
    assert config.port == 8200  # the flag wins
    assert config.host == "0.0.0.0"  # the environment beats the default
    assert config.data_dir == tmp_path and config.customer_only


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_a_network_bind_needs_logins_or_customer_only(host: str) -> None:
    with pytest.raises(ConfigError, match="--host"):
        load_config(["--host", host], environ={})
    assert load_config(["--host", host, "--auth", "ana:pw"], environ={}).host == host
    assert load_config(["--host", host, "--customer-only"], environ={}).customer_only
    for local in ("127.0.0.1", "127.0.0.2", "localhost", "::1"):
        assert load_config(["--host", local], environ={}).host == local


def test_auth_from_flags_env_and_file(tmp_path: Path) -> None:
    config = load_config(["--auth", "ana:pw1", "--auth", "bo:pw2"], environ={})
    assert config.auth == (("ana", "pw1"), ("bo", "pw2"))
    users = tmp_path / "users.txt"
    users.write_text("# operators\ncy:pw3\n\ndee:pw:with:colons\n")
    assert load_config(["--auth", f"@{users}"], environ={}).auth == (("cy", "pw3"), ("dee", "pw:with:colons"))
    assert load_config([], environ={"CONSOLE_AUTH": "ed:pw4"}).auth == (("ed", "pw4"),)
    joined = "cy:pw-cy,ann:pw-ann"
    assert load_config([], environ={"CONSOLE_AUTH": joined}).auth == (("cy", "pw-cy"), ("ann", "pw-ann"))
    # the flag takes one user: a joined list made ONE user "cy" with the password
    # "pw-cy,ann:pw-ann" (staff, without --operator). Refused, the passwords not echoed
    with pytest.raises(ConfigError) as info:
        load_config(["--auth", joined], environ={})
    told = str(info.value)
    assert info.value.setting == "--auth" and "repeat --auth" in told and "pw-" not in told
    # a comma alone in a password is a password; in a file, anything goes
    assert load_config(["--auth", "cy:pw,1"], environ={}).auth == (("cy", "pw,1"),)
    users.write_text("cy:pw,ann:x\n")
    assert load_config(["--auth", f"@{users}"], environ={}).auth == (("cy", "pw,ann:x"),)


def test_api_keys_are_repeatable_and_from_env() -> None:
    assert load_config(["--api-key", "k1", "--api-key", "k2"], environ={}).api_keys == ("k1", "k2")
    assert load_config([], environ={"CONSOLE_API_KEYS": "a, b"}).api_keys == ("a", "b")


@pytest.mark.parametrize(
    ("argv", "env", "names"),
    [
        (["--port", "http"], {}, "--port"),
        (["--port", "70000"], {}, "--port"),
        (["--backend", "llama"], {}, "--backend"),
        (["--device", "tpu"], {}, "--device"),
        (["--concurrency", "0"], {}, "--concurrency"),
        ([], {"CONSOLE_PORT": "x"}, "CONSOLE_PORT"),
        ([], {"CONSOLE_SHARE": "maybe"}, "CONSOLE_SHARE"),
        (["--backend", "openai"], {}, "--base-url"),
        (["--backend", "openai", "--base-url", "localhost:8000"], {}, "--base-url"),
        (["--share"], {}, "--share"),
        (["--auth", "nocolon"], {}, "--auth"),
        (["--adapter", "/does/not/exist"], {}, "--adapter"),
        (["--engine-cache-salt", "maybe"], {}, "--engine-cache-salt"),
        ([], {"CONSOLE_ENGINE_CACHE_SALT": "yes"}, "CONSOLE_ENGINE_CACHE_SALT"),
    ],
)
def test_bad_values_name_the_setting(argv: list[str], env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(argv, environ=env)
    assert info.value.setting == names or names in str(info.value)


def test_the_engine_cache_salt_is_auto_unless_set() -> None:
    assert load_config([], environ={}).engine_cache_salt == "auto"
    assert load_config(["--engine-cache-salt", "off"], environ={}).engine_cache_salt == "off"
    assert load_config([], environ={"CONSOLE_ENGINE_CACHE_SALT": "on"}).engine_cache_salt == "on"


def test_share_with_auth_or_explicit_opt_out() -> None:
    assert load_config(["--share", "--auth", "a:b"], environ={}).share
    assert load_config(["--share", "--share-without-auth"], environ={}).share


def test_auth_errors_never_echo_the_password() -> None:
    with pytest.raises(ConfigError) as info:
        load_config(["--auth", "secretpassword"], environ={})
    assert "secretpassword" not in str(info.value)


def test_concurrency_default_depends_on_backend() -> None:
    assert Config().effective_concurrency == 8
    assert Config(backend="openai", base_url="http://x").effective_concurrency == 16
    assert Config(concurrency=5).effective_concurrency == 5


def _app(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "app.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )


def test_cli_help_documents_every_flag() -> None:
    result = _app("--help")
    assert result.returncode == 0
    for flag in (
        "--model",
        "--backend",
        "--base-url",
        "--engine-key",
        "--api-key",
        "--device",
        "--host",
        "--port",
        "--share",
        "--share-without-auth",
        "--auth",
        "--data-dir",
        "--concurrency",
        "--adapter",
        "--trust-remote-code",
        "--database-url",
    ):
        assert flag in result.stdout


@pytest.mark.parametrize("args", [["--port", "abc"], ["--share"], ["--backend", "openai"], ["--nope"]])
def test_cli_bad_value_is_one_line_exit_2(args: list[str]) -> None:
    result = _app(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("app.py: error:")
    assert "Traceback" not in result.stderr


def test_cli_missing_local_model_names_model_flag(tmp_path: Path) -> None:
    result = _app("--model", str(tmp_path / "nothing-here"), "--data-dir", str(tmp_path / "d"), "--port", "0")
    assert result.returncode != 0
    assert "--model PATH" in result.stderr
    assert "Traceback" not in result.stderr
