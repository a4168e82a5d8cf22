#!/usr/bin/env bash
# Builds a release binary and prints where cargo put it.
#
#   bash bench/build.sh                                  # the search binary
#   bash bench/build.sh extract-alone --manifest-path bench/extractors/Cargo.toml
#
# The path is read from cargo's own build messages, not assumed: .cargo/config.toml names
# a target triple, so the binary lands in target/<triple>/release/, and CARGO_TARGET_DIR or
# `--target` move it again. Build output goes to stderr; stdout is the path alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name="${1:-search}"
shift || true
path="$(cargo build --release --locked --message-format=json-render-diagnostics "$@" |
    python3 -c '
import json, sys
name = sys.argv[1]
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message.get("executable") \
            and message["target"]["name"] == name:
        print(message["executable"])
' "$name" | tail -n 1)"
[[ -n "$path" && -x "$path" ]] || { echo "bench/build.sh: cargo built no executable named $name" >&2; exit 1; }
echo "$path"
