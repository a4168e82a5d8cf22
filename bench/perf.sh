#!/usr/bin/env bash
# Performance benchmark: our `search` CLI beside SQLite FTS5, Xapian Omega and
# ripgrep (optionally Recoll and tantivy-cli) on the issue's 46,004-file news
# corpus, plus a scaling series of ours alone (25 %, 50 %, 100 %, 4x copy), then
# the peers' query latency again, interleaved with ours (bench/interleaved.py).
#
#   bash bench/perf.sh [--quick] [--peers rg,fts5,omega] [--with-recoll]
#                      [--with-tantivy-cli] [--repeat N] [--link-copies] [--keep]
#
#   --quick             smoke run on every 10th file (~4.6k files, ~22 MB), 2 repeats
#   --peers LIST        peers beside ours (default rg,fts5,omega; 'none' for ours only)
#   --with-recoll       also Recoll (apt: recollcmd)
#   --with-tantivy-cli  also tantivy-cli (cargo install, ~15 min the first time)
#   --repeat N          timed runs per query (default 5; --quick: 2)
#   --link-copies       build the 4x copy from hard links instead of real copies
#   --keep              keep the corpus copies and indexes (GBs) after the run
#
# Environment: SEARCH_BIN=path skips `cargo build --release`; SHARED=path to the
# shared folder (default: ../shared beside the checkout); TMPDIR for the work folder.
# Needs: python3 >= 3.9, /usr/bin/time, and apt-get (as root or with sudo) for
# peers that are missing.  Everything is written to a fresh `mktemp -d` folder
# outside the checkout; its path is printed at the start and the end.
set -euo pipefail

QUICK=0
PEERS="rg,fts5,omega"
WITH_RECOLL=0
WITH_TANTIVY=0
REPEAT=""
LINK_COPIES=0
KEEP=0
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --peers) PEERS="${2:?--peers needs a list}"; shift ;;
    --peers=*) PEERS="${1#*=}" ;;
    --with-recoll) WITH_RECOLL=1 ;;
    --with-tantivy-cli) WITH_TANTIVY=1 ;;
    --repeat) REPEAT="${2:?--repeat needs a number}"; shift ;;
    --repeat=*) REPEAT="${1#*=}" ;;
    --link-copies) LINK_COPIES=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "perf.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ -n "$REPEAT" ] || { if [ "$QUICK" = 1 ]; then REPEAT=2; else REPEAT=5; fi; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/bench"
SHARED="${SHARED:-$REPO/../shared}"
COMPARE="$SHARED/bench/compare.py"
QUERIES="${QUERIES:-$SHARED/bench/queries-news.txt}"
CORPORA="$SHARED/corpora"
for f in "$COMPARE" "$QUERIES" "$CORPORA/news-bench.tar.xz" "$CORPORA/extract/trafilatura-dev.tar.xz"; do
  [ -e "$f" ] || { echo "perf.sh: $f not found (set SHARED=path/to/shared)" >&2; exit 1; }
done
START=$SECONDS
log() { printf '\n== %s  [%ds]\n' "$*" "$((SECONDS - START))" >&2; }

# ---------------------------------------------------------------- systems
systems=()
IFS=',' read -r -a _peers <<< "$PEERS"
for p in "${_peers[@]}"; do
  p="${p// /}"
  case "$p" in
    ""|none) ;;
    rg|fts5|omega|recoll|tantivy-cli) systems+=("$p") ;;
    *) echo "perf.sh: unknown peer '$p' (rg, fts5, omega, recoll, tantivy-cli)" >&2; exit 2 ;;
  esac
done
has() { local x; for x in "${systems[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }
[ "$WITH_RECOLL" = 1 ] && ! has recoll && systems+=(recoll)
[ "$WITH_TANTIVY" = 1 ] && ! has tantivy-cli && systems+=(tantivy-cli)

# ---------------------------------------------------------------- 1. build
if [ -n "${SEARCH_BIN:-}" ]; then
  BIN_SRC="$SEARCH_BIN"
  log "using SEARCH_BIN=$BIN_SRC (no build)"
else
  log "cargo build --release"
  BIN_SRC="$(bash "$REPO/bench/build.sh" search)"
fi
[ -x "$BIN_SRC" ] || { echo "perf.sh: $BIN_SRC is not an executable" >&2; exit 1; }

# ---------------------------------------------------------------- 2. tools (what is needed and missing)
log "checking tools"
command -v python3 >/dev/null || { echo "perf.sh: python3 not found" >&2; exit 1; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' || { echo "perf.sh: python3 >= 3.9 needed" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
[ -x /usr/bin/time ] || need+=(time)
if has rg; then command -v rg >/dev/null 2>&1 || need+=(ripgrep); fi
if has omega; then
  { command -v omindex >/dev/null 2>&1 && [ -x /usr/lib/cgi-bin/omega/omega ]; } || need+=(xapian-omega)
fi
if has recoll; then
  { command -v recollindex >/dev/null 2>&1 && command -v recollq >/dev/null 2>&1; } || need+=(recollcmd)
fi
if has omega || has recoll; then command -v xapian-delve >/dev/null 2>&1 || need+=(xapian-tools); fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "perf.sh: apt-get install ${need[*]}" >&2
  if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" \
      || echo "perf.sh: apt-get failed; missing peers will be reported as skipped" >&2
  else
    echo "perf.sh: no apt-get; install ${need[*]} yourself (missing peers are skipped)" >&2
  fi
fi
[ -x /usr/bin/time ] || { echo "perf.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
if has tantivy-cli; then
  if ! command -v tantivy >/dev/null 2>&1 && ! [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tantivy" ]; then
    v="${TANTIVY_CLI_VERSION:-0.24.0}"
    echo "perf.sh: cargo install tantivy-cli --version $v (about 15 minutes)" >&2
    cargo install tantivy-cli --version "$v" || echo "perf.sh: tantivy-cli install failed; skipped" >&2
  fi
fi

# ---------------------------------------------------------------- 3. corpus
WORK="$(mktemp -d "${TMPDIR:-/tmp}/search-perf.XXXXXX")"
trap 'rc=$?; [ "$rc" = 0 ] || echo "perf.sh: failed (exit $rc); work folder kept: $WORK" >&2' EXIT
echo "perf.sh: work folder $WORK" >&2
mkdir -p "$WORK/bin"
cp "$BIN_SRC" "$WORK/bin/search"          # a stable copy: a rebuild mid-run changes nothing
BIN="$WORK/bin/search"
"$BIN" --version >&2

log "assembling the corpus"
FULL="$WORK/corpus/news-1x"
mkdir -p "$WORK/unpack" "$FULL/html"
tar -xJf "$CORPORA/news-bench.tar.xz" -C "$WORK/unpack"
mv "$WORK/unpack/news-bench/docs" "$FULL/news"        # 44,744 articles; the .jsonl metadata stays out
for s in aeb l3s readability; do
  cp -r "$CORPORA/extract/$s/html" "$FULL/html/$s"   # 112 + 400 + 72 raw HTML pages
done
tar -xJf "$CORPORA/extract/trafilatura-dev.tar.xz" -C "$WORK/unpack" trafilatura/html
mv "$WORK/unpack/trafilatura/html" "$FULL/html/trafilatura"   # 676 raw HTML pages
rm -rf "$WORK/unpack"
chmod -R u+w "$WORK/corpus"
read -r NF NB < <(python3 "$HERE/perf_corpus.py" stats "$FULL")
echo "corpus: $NF files, $(python3 -c "print(f'{$NB/1e6:.1f}')") MB ($NB bytes) in $FULL  (issue: 46,004 files, 223.7 MB)" >&2

if [ "$QUICK" = 1 ]; then
  BASE="$WORK/corpus/quick-base"
  python3 "$HERE/perf_corpus.py" subset "$FULL" "$BASE" --every 10
  read -r NF NB < <(python3 "$HERE/perf_corpus.py" stats "$BASE")
  echo "--quick: every 10th file: $NF files, $(python3 -c "print(f'{$NB/1e6:.1f}')") MB" >&2
else
  BASE="$FULL"
fi
python3 "$HERE/perf_corpus.py" subset "$BASE" "$WORK/corpus/p25" --every 4
python3 "$HERE/perf_corpus.py" subset "$BASE" "$WORK/corpus/p50" --every 2
if [ "$LINK_COPIES" = 1 ]; then
  python3 "$HERE/perf_corpus.py" replicate "$BASE" "$WORK/corpus/x4" --times 4 --link
else
  python3 "$HERE/perf_corpus.py" replicate "$BASE" "$WORK/corpus/x4" --times 4
fi
for d in p25 p50 x4; do
  read -r n b < <(python3 "$HERE/perf_corpus.py" stats "$WORK/corpus/$d")
  echo "  $d: $n files, $(python3 -c "print(f'{$b/1e6:.1f}')") MB" >&2
done

# ---------------------------------------------------------------- 4./5. compare.py runs
OURS_INDEX="'$BIN' index {docs} --index {index} -q"
OURS_QUERY="'$BIN' query {query} --index {index} --limit {limit} --format json"
run_compare() {   # OUT DOCS SYSTEMS [extra compare.py args...]
  local out="$1" docs="$2" sys="$3"; shift 3
  mkdir -p "$out"
  python3 "$COMPARE" --docs "$docs" --queries "$QUERIES" --out "$out" --systems "$sys" \
    --ours-index "$OURS_INDEX" --ours-query "$OURS_QUERY" --repeat "$REPEAT" --limit 10 "$@" \
    > "$out/compare.stdout.md" 2> >(tee "$out/compare.stderr" >&2)
}
# Ours runs first, right after compare.py warms the page cache with the corpus.
# omindex drops every file it reads from the cache (fincore: 0.0 of 223.7 MB
# cached after it), so whatever ran after Omega read the corpus from disk:
# `search index` took 12.2-12.8 s there against 9.8-10.0 s warm, same binary.
main_systems="ours$(IFS=,; echo "${systems[*]:+,${systems[*]}}")"
log "peers + ours on 100 %: compare.py --systems $main_systems"
run_compare "$WORK/compare" "$BASE" "$main_systems"
# The series runs back to back, ours alone (the 100 % point is measured again
# rather than taken from the peer run, so all four share the same conditions).
for pct in 25 50 100 400; do
  case "$pct" in 25) d="$WORK/corpus/p25" ;; 50) d="$WORK/corpus/p50" ;;
                 100) d="$BASE" ;; 400) d="$WORK/corpus/x4" ;; esac
  log "scaling: ours alone on $pct %"
  run_compare "$WORK/scale-$pct" "$d" ours --no-batch --no-count
done

# ---------------------------------------------------------------- 6. report
log "report"
title="Performance benchmark"
[ "$QUICK" = 1 ] && title="Performance benchmark (--quick: every 10th file, NOT the issue's corpus)"
python3 "$HERE/perf_table.py" --compare "$WORK/compare" \
  --scale "25=$WORK/scale-25" --scale "50=$WORK/scale-50" \
  --scale "100=$WORK/scale-100" --scale "400=$WORK/scale-400" \
  --bin "$BIN" --md "$WORK/perf.md" --json "$WORK/perf.json" --title "$title"

# compare.py times each system's queries in a block of its own; the load moves
# between blocks. The same queries again, every system in turn (indexes still here).
log "query latency, interleaved with the peers"
python3 "$HERE/interleaved.py" "$WORK/compare" --rounds "$((REPEAT + 3))" \
  --json "$WORK/interleaved.json" | tee "$WORK/interleaved.md" || true

if [ "$KEEP" = 0 ]; then
  rm -rf "$WORK/corpus" "$WORK"/compare/indexes "$WORK"/scale-*/indexes \
         "$WORK"/compare/work "$WORK"/scale-*/work
fi
echo
echo "Total run time: $((SECONDS - START)) s. Raw outputs (results.json/.md, logs, perf.md, perf.json): $WORK"
