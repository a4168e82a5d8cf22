#!/usr/bin/env bash
# Relevance benchmark on the TIME collection: `search` vs SQLite FTS5 (see bench/relevance.py).
#
#   bash bench/relevance.sh                          # builds the release binary first (bench/build.sh)
#   SEARCH_BIN=/path/to/search bash bench/relevance.sh --worst 15 --json out.json
#
# Arguments are passed on to relevance.py (--help lists them). Needs python3 (3.11, stdlib only)
# and the collection at ../shared/corpora/time-ir beside the checkout (or TIME_IR=DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Build only when no binary was named: a prebuilt one is what the caller wants measured.
build=1
[[ -n "${SEARCH_BIN:-}" ]] && build=0
for arg in "$@"; do
  case "$arg" in
    --bin | --bin=* | --check-metrics | -h | --help) build=0 ;;
  esac
done

if ((build)); then
  echo "== cargo build --release" >&2
  SEARCH_BIN="$(bash bench/build.sh search)"
  export SEARCH_BIN
fi

exec python3 bench/relevance.py "$@"
