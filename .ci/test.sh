#!/usr/bin/env bash
# The test command (README): sets everything up, starts a private PostgreSQL on
# 127.0.0.1, then runs lint, type checks and the whole test suite, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh --dev
eval "$(bash .ci/postgres.sh start)"   # exports CONSOLE_TEST_POSTGRES_URL
trap 'bash .ci/postgres.sh stop >/dev/null 2>&1 || true' EXIT
echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy console app.py bench tests
echo "==> pytest"
# In parallel, one worker per core (at most 4: each holds a browser and tiny models), whole
# files to a worker so a module's fixtures are built once; "$@" can override (-n 0: serial).
.venv/bin/python -m pytest -n auto --maxprocesses 4 --dist loadfile "$@"
