#!/usr/bin/env bash
# Extraction benchmark: `search extract` against the real corpora in ../shared/corpora,
# beside three off-the-shelf crates used alone (bench/extractors, `extract-alone`).
#
#   bash bench/extract.sh                      # from the repository root
#   SEARCH_BIN=/path/to/search bash bench/extract.sh
#
# Environment:
#   SEARCH_BIN     the `search` binary to measure (default: built by bench/build.sh)
#   ALONE_BIN      a prebuilt extract-alone (default: built from bench/extractors into target/bench-extractors)
#   CORPORA        the corpora folder (default: ../shared/corpora beside the checkout)
#   BENCH_ENGINES  crates to run alone, space-separated (default: "dom_smoothie trafilatura html2text"; "" for none)
#   BENCH_WORST    list the N worst pages of `search` on each set that misses a target (default 0)
#   BENCH_OUT      keep every run's JSON lines and stderr in this folder (default: a temp folder, removed)
#   BENCH_STRICT   1: exit 1 when a target is missed
#
# Prints one markdown table (rows = sets, columns = search's scores and speed, each crate's
# body F1 and speed, search F1 minus the best crate's), then the targets and whether each is met.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CORPORA="${CORPORA:-$ROOT/../shared/corpora}"
if [[ ! -f "$CORPORA/score_extract.py" || ! -d "$CORPORA/extract" ]]; then
    echo "bench/extract.sh: no corpora at $CORPORA (set CORPORA to the folder with score_extract.py)" >&2
    exit 2
fi
CORPORA="$(cd "$CORPORA" && pwd)"
EXTRACT="$CORPORA/extract"
ENGINES="${BENCH_ENGINES-dom_smoothie trafilatura html2text}"

started=$(date +%s.%N)

# --- binaries -----------------------------------------------------------------------------
if [[ -z "${SEARCH_BIN:-}" ]]; then
    echo "building search (cargo build --release)..." >&2
    SEARCH_BIN="$(bash bench/build.sh search)"
fi
[[ -x "$SEARCH_BIN" ]] || { echo "bench/extract.sh: SEARCH_BIN $SEARCH_BIN is not executable" >&2; exit 2; }

if [[ -n "$ENGINES" && -z "${ALONE_BIN:-}" ]]; then
    echo "building bench/extractors (extract-alone)..." >&2
    ALONE_BIN="$(CARGO_TARGET_DIR="$ROOT/target/bench-extractors" \
        bash bench/build.sh extract-alone --manifest-path "$ROOT/bench/extractors/Cargo.toml")"
fi

# --- work folder: the trafilatura set is unpacked here, never into the checkout --------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/search-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
OUT="${BENCH_OUT:-$WORK/out}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
tar -xJf "$EXTRACT/trafilatura-dev.tar.xz" -C "$WORK"

# set label | input folder | truth folder
SETS=(
    "aeb|$EXTRACT/aeb/html|$EXTRACT/aeb/truth"
    "l3s|$EXTRACT/l3s/html|$EXTRACT/l3s/truth"
    "readability|$EXTRACT/readability/html|$EXTRACT/readability/truth"
    "trafilatura|$WORK/trafilatura/html|$WORK/trafilatura/truth"
    "aeb txt|$EXTRACT/aeb/txt|$EXTRACT/aeb/truth"
    "l3s txt|$EXTRACT/l3s/txt|$EXTRACT/l3s/truth"
    "aeb md|$EXTRACT/aeb/md|$EXTRACT/aeb/truth"
    "l3s md|$EXTRACT/l3s/md|$EXTRACT/l3s/truth"
)

RUNS="$OUT/runs.tsv"
: >"$RUNS"

# run LABEL EXTRACTOR INPUT TRUTH CMD...: time one extractor over one folder, one thread,
# output to a file (so the scorer's time is not counted).
run() {
    local label=$1 extractor=$2 input=$3 truth=$4
    shift 4
    local slug="${label// /-}.$extractor"
    local pages t0 t1 status=0
    pages=$(find "$input" -type f | wc -l)
    t0=$(date +%s.%N)
    "$@" >"$OUT/$slug.jsonl" 2>"$OUT/$slug.stderr" || status=$?
    t1=$(date +%s.%N)
    # label, extractor, input, truth, pages, start, end, output, stderr, exit status
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$extractor" "$input" "$truth" \
        "$pages" "$t0" "$t1" "$OUT/$slug.jsonl" "$OUT/$slug.stderr" "$status" >>"$RUNS"
    echo "  $label / $extractor: $pages pages, exit $status" >&2
}

for entry in "${SETS[@]}"; do
    IFS='|' read -r label input truth <<<"$entry"
    if [[ ! -d "$input" ]]; then
        echo "bench/extract.sh: missing $input" >&2
        exit 2
    fi
    run "$label" search "$input" "$truth" "$SEARCH_BIN" extract "$input" --format jsonl
    for engine in $ENGINES; do
        run "$label" "$engine" "$input" "$truth" "$ALONE_BIN" --engine "$engine" "$input"
    done
done

strict=()
[[ "${BENCH_STRICT:-0}" == 1 ]] && strict=(--strict)
python3 "$ROOT/bench/extract_table.py" \
    --runs "$RUNS" \
    --scorer "$CORPORA/score_extract.py" \
    --engines "$ENGINES" \
    --worst "${BENCH_WORST:-0}" \
    --started "$started" \
    "${strict[@]}"
