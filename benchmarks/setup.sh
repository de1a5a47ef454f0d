#!/usr/bin/env bash
# Set up the benchmark's interpreters; safe to run again (it only does what is missing).
#
#   .venv-bench     CPython 3.11: the peers of benchmarks/requirements-peers.txt (pinned) and
#                   dehusk itself (pip install -e .), so dehusk is measured the same way.
#   .venv-bench312  CPython 3.12: rs-trafilatura only (its wheels are for CPython 3.12 only);
#                   when no 3.12 can be found it prints "skipped rs-trafilatura: <why>" and
#                   writes the reason to bench-out/rs312-skipped.txt for the report.
#
# A venv is rebuilt when its requirements (or pyproject.toml) change: a stamp file inside it
# holds their checksum. Override the interpreters with BENCH_PYTHON311 / BENCH_PYTHON312.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
mkdir -p bench-out

# find_python X.Y: print a command that runs CPython X.Y, or nothing.
find_python() {
  local want=$1 cand
  local -a cands=("python$want")
  if command -v pyenv >/dev/null 2>&1; then
    local root
    root=$(pyenv root)
    for cand in "$root"/versions/"$want"*/bin/python"$want"; do cands+=("$cand"); done
  fi
  cands+=("/usr/bin/python$want" "/usr/local/bin/python$want")
  for cand in "${cands[@]}"; do
    if "$cand" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" \
        >/dev/null 2>&1; then
      command -v "$cand" 2>/dev/null || echo "$cand"
      return 0
    fi
  done
  return 0
}

# ensure_venv DIR PYTHON STAMP_INPUT... : (re)create DIR with PYTHON unless its stamp matches.
# Prints "fresh" when the venv has to be (re)populated, "ok" otherwise.
ensure_venv() {
  local dir=$1 py=$2
  shift 2
  local sum
  sum=$(cat "$@" | sha256sum | cut -c1-16)
  if [ -x "$dir/bin/python" ] && [ -f "$dir/.bench-stamp" ] \
      && [ "$(cat "$dir/.bench-stamp")" = "$sum" ] && "$dir/bin/python" -c "pass" 2>/dev/null; then
    echo ok
    return 0
  fi
  rm -rf "$dir"
  "$py" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --upgrade pip >&2
  echo "$sum" > "$dir/.bench-stamp.pending"
  echo fresh
}

PY311=${BENCH_PYTHON311:-$(find_python 3.11)}
if [ -z "$PY311" ]; then
  echo "benchmarks/setup.sh: no CPython 3.11 found (set BENCH_PYTHON311)" >&2
  exit 1
fi
state=$(ensure_venv .venv-bench "$PY311" benchmarks/requirements-peers.txt pyproject.toml)
if [ "$state" = fresh ]; then
  echo "setting up .venv-bench (peers + dehusk) with $PY311"
  .venv-bench/bin/python -m pip install --quiet -r benchmarks/requirements-peers.txt
  .venv-bench/bin/python -m pip install --quiet -e "$REPO[batch]"
  mv .venv-bench/.bench-stamp.pending .venv-bench/.bench-stamp
else
  echo ".venv-bench is up to date"
fi

PY312=${BENCH_PYTHON312:-$(find_python 3.12)}
if [ -z "$PY312" ]; then
  reason="no CPython 3.12 interpreter found (rs-trafilatura ships CPython 3.12 wheels only)"
  echo "skipped rs-trafilatura: $reason"
  echo "$reason" > bench-out/rs312-skipped.txt
  exit 0
fi
if ! state=$(ensure_venv .venv-bench312 "$PY312" benchmarks/requirements-rs312.txt); then
  reason="could not create a venv with $PY312"
  echo "skipped rs-trafilatura: $reason"
  echo "$reason" > bench-out/rs312-skipped.txt
  exit 0
fi
if [ "$state" = fresh ]; then
  echo "setting up .venv-bench312 (rs-trafilatura) with $PY312"
  if .venv-bench312/bin/python -m pip install --quiet -r benchmarks/requirements-rs312.txt; then
    mv .venv-bench312/.bench-stamp.pending .venv-bench312/.bench-stamp
  else
    reason="pip could not install benchmarks/requirements-rs312.txt with $PY312"
    echo "skipped rs-trafilatura: $reason"
    echo "$reason" > bench-out/rs312-skipped.txt
    exit 0
  fi
else
  echo ".venv-bench312 is up to date"
fi
rm -f bench-out/rs312-skipped.txt
