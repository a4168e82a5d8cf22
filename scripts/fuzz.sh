#!/usr/bin/env bash
# Fuzzes the cleaner and the query language with cargo-fuzz (libFuzzer), each
# target for a bounded time, and reports what each one found.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        default 300
#
# Environment:
#   FUZZ_TARGETS    space-separated subset of targets to run (default: all)
#   FUZZ_SANITIZER  address (default), none, ...: passed to `cargo fuzz --sanitizer`;
#                   if the address build fails the script falls back to none
#   SHARED_DIR      the shared data folder (default: ../shared beside the checkout)
#   FUZZ_FORK       1 (default): libFuzzer's -fork=1 with crashes, timeouts and
#                   OOMs ignored, so a target keeps fuzzing for its whole time
#                   after a crash and every distinct crash is saved; 0: one
#                   process that stops at the first crash
#
# Only stable Rust is assumed: cargo-fuzz's nightly flags (-Zsanitizer, ...)
# are enabled with RUSTC_BOOTSTRAP=1. The fuzz crate (fuzz/) is a workspace of
# its own with its own target dir (fuzz/target), so the root build and
# `cargo test` never compile it. Corpora (fuzz/corpus/), crash inputs
# (fuzz/artifacts/) and logs (fuzz/logs/) are git-ignored; seeds are copied
# into the corpora from fuzz/seeds/, fixtures/ and the shared data at run time.
#
# Exit status: 0 if no target crashed, 1 if any did, 2 if the setup failed.
set -euo pipefail

secs="${1:-300}"
case "$secs" in
    '' | *[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/fuzz"
shared="${SHARED_DIR:-$root/../shared}"
all_targets="clean clean_html clean_markdown clean_text query_parse query_search query_search_date"
targets="${FUZZ_TARGETS:-$all_targets}"
sanitizer="${FUZZ_SANITIZER:-address}"
fork_flags=()
if [ "${FUZZ_FORK:-1}" != 0 ]; then
    fork_flags=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
export RUSTC_BOOTSTRAP=1
# libFuzzer's inputs are what matters in a report, not colour codes.
export CARGO_TERM_COLOR=never

cd "$fuzz"

# ---- cargo-fuzz -------------------------------------------------------------
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)" >&2
    cargo install cargo-fuzz --locked >&2 || { echo "fuzz: cannot install cargo-fuzz" >&2; exit 2; }
fi

# ---- build ------------------------------------------------------------------
# Release with debug assertions and overflow checks: an overflow that release
# would wrap silently is reported as a crash.
build() { cargo fuzz build -O -a --sanitizer "$1"; }
echo "fuzz: building targets (sanitizer: $sanitizer)" >&2
start=$(date +%s)
if ! build "$sanitizer"; then
    if [ "$sanitizer" = none ]; then
        echo "fuzz: build failed" >&2
        exit 2
    fi
    echo "fuzz: WARNING: the $sanitizer build failed; building without a sanitizer" >&2
    sanitizer=none
    build none || { echo "fuzz: build failed" >&2; exit 2; }
fi
echo "fuzz: built in $(( $(date +%s) - start )) s (sanitizer: $sanitizer)" >&2

# ---- seed corpora -----------------------------------------------------------
# Copies files into a corpus folder, never overwriting what a run found.
seed() {
    local dir="$1"; shift
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        [ -f "$f" ] && cp -n -- "$f" "$dir/" 2>/dev/null || true
    done
}

# One corpus file per non-blank, non-comment line of stdin.
seed_lines() {
    local dir="$1" prefix="$2" line n=0
    mkdir -p "$dir"
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line%$'\r'}"
        case "$line" in '' | '#'*) continue ;; esac
        n=$((n + 1))
        [ -e "$dir/$prefix-$n" ] || printf '%s' "$line" > "$dir/$prefix-$n"
    done
}

html=() md=() txt=() shared_seeds=()
if [ -d "$shared/corpora/extract" ]; then
    # About 100 pages: the 34 smallest of each set, and their markdown and text scrapes.
    for set in aeb l3s readability; do
        dir="$shared/corpora/extract/$set"
        [ -d "$dir/html" ] || continue
        while IFS= read -r name; do
            base="${name%.html}"
            html+=("$dir/html/$name")
            md+=("$dir/md/$base.md")
            txt+=("$dir/txt/$base.txt")
        done < <(ls -S -r "$dir/html" | grep '\.html$' | head -n 34)
    done
else
    echo "fuzz: no shared data at $shared; seeding from fuzz/seeds and fixtures/ only" >&2
fi
if [ -d "$shared/seeds" ]; then shared_seeds=("$shared"/seeds/*); fi

own_html=("$fuzz"/seeds/clean/*.html "$root"/fixtures/html/*)
own_md=("$fuzz"/seeds/clean/*.md)
own_txt=("$fuzz"/seeds/clean/*.txt "$root"/fixtures/seeds/*)

corpora="$fuzz/corpus"
seed "$corpora/clean" "${html[@]}" "${md[@]}" "${txt[@]}" "${shared_seeds[@]}" \
    "${own_html[@]}" "${own_md[@]}" "${own_txt[@]}"
seed "$corpora/clean_html" "${html[@]}" "${own_html[@]}"
seed "$corpora/clean_markdown" "${md[@]}" "${own_md[@]}"
seed "$corpora/clean_text" "${txt[@]}" "${shared_seeds[@]}" "${own_txt[@]}"
for t in query_parse query_search query_search_date; do
    seed "$corpora/$t" "$fuzz"/seeds/query/*
    if [ -f "$shared/bench/queries-news.txt" ]; then
        seed_lines "$corpora/$t" news < "$shared/bench/queries-news.txt"
    fi
    if [ -f "$shared/corpora/time-ir/queries.tsv" ]; then
        cut -f2 "$shared/corpora/time-ir/queries.tsv" | seed_lines "$corpora/$t" time-ir
    fi
done

# ---- run --------------------------------------------------------------------
host=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="$fuzz/target/$host/release"

# What an artifact makes the target do: the panic's location and message, or
# the sanitizer's summary (replayed once, as -fork does not keep the log).
cause() {
    local out
    out=$("$bin_dir/$1" -runs=1 -timeout=60 -rss_limit_mb=2048 "$2" 2>&1 || true)
    local panic
    panic=$(echo "$out" | grep -m1 -A1 "panicked at" || true)
    if [ -n "$panic" ]; then
        echo "$panic" | tr '\n' ' ' | sed -e 's|^thread [^ ]* ([0-9]*) ||' -e 's|[^ ]*/registry/src/[^/]*/||' -e 's| *$||'
        return
    fi
    echo "$out" | grep -m1 -E "^SUMMARY:|ERROR: libFuzzer|ERROR: AddressSanitizer" ||
        echo "no crash on replay"
}

mkdir -p "$fuzz/logs" "$fuzz/target/tmp"
# query_search* make their small index here (git-ignored, emptied below).
export TMPDIR="$fuzz/target/tmp"

failed=0
summary=()
for t in $targets; do
    case "$t" in
        clean | clean_html | clean_markdown | clean_text)
            max_len=262144; timeout=30; dict="$fuzz/dicts/html.dict" ;;
        query_parse | query_search | query_search_date)
            max_len=4096; timeout=10; dict="$fuzz/dicts/query.dict" ;;
        *) echo "fuzz: unknown target $t (known: $all_targets)" >&2; exit 2 ;;
    esac
    artifacts="$fuzz/artifacts/$t"
    log="$fuzz/logs/$t.log"
    mkdir -p "$artifacts"
    marker="$fuzz/target/tmp/.start-$t"
    touch "$marker"
    sleep 1 # artifacts written in the same second as the marker still count as new
    echo "fuzz: running $t for $secs s (log: ${log#"$root"/})" >&2
    start=$(date +%s)
    status=0
    cargo fuzz run -O -a --sanitizer "$sanitizer" "$t" "$corpora/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -max_len="$max_len" \
        -timeout="$timeout" -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${fork_flags[@]}" > "$log" 2>&1 || status=$?
    elapsed=$(( $(date +%s) - start ))
    rm -rf "$fuzz/target/tmp"/search-fuzz-index* 2>/dev/null || true

    # One process prints its total as a final stat; -fork prints "#N: cov: ..."
    # lines that add up its jobs' runs.
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
    if [ -z "$runs" ]; then
        runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#' || true)
    fi
    corpus=$(find "$corpora/$t" -type f | wc -l)
    new=$(find "$artifacts" -type f -newer "$marker" \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    slow=$(find "$artifacts" -type f -newer "$marker" -name 'slow-unit-*' | wc -l)
    if [ "$status" -ne 0 ] || [ -n "$new" ]; then
        failed=1
        found="crashed: YES (exit $status)"
        if [ -n "$new" ]; then
            found="$found, $(wc -l <<< "$new") new artifact(s) in ${artifacts#"$root"/}/"
        fi
        found="$found; see ${log#"$root"/}"
    else
        found="crashed: no"
    fi
    if [ "$slow" -gt 0 ]; then
        found="$found; $slow slow unit(s) in ${artifacts#"$root"/}"
    fi
    line="$t: ${runs:-?} runs in ${elapsed} s, corpus ${corpus} inputs, sanitizer $sanitizer, $found"
    summary+=("$line")
    echo "fuzz: $line" >&2
    if [ -n "$new" ]; then
        # Distinct causes, most frequent first, with one input for each
        # (the first 50 artifacts are replayed).
        causes=$(head -n 50 <<< "$new" | while IFS= read -r a; do
            printf '%s\t%s\n' "$(cause "$t" "$a")" "${a#"$root"/}"
        done | sort -t$'\t' -k1,1 | awk -F'\t' '
            { n[$1]++; if (!($1 in first)) first[$1] = $2 }
            END { for (c in n) printf "%d\t%s\t%s\n", n[c], c, first[c] }' | sort -rn)
        while IFS=$'\t' read -r count why example; do
            summary+=("    ${count}x $why (e.g. $example)")
        done <<< "$causes"
    fi
done

echo
echo "fuzz results (${secs} s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz: at least one target crashed: minimize with" \
        "RUSTC_BOOTSTRAP=1 cargo fuzz tmin -O -a --sanitizer $sanitizer TARGET ARTIFACT (in fuzz/)"
    exit 1
fi
