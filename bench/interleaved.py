#!/usr/bin/env python3
"""Query latency of `search` and its peers timed interleaved, on the indexes a compare.py run left.

compare.py times each system's queries in a block of its own; on a noisy machine the load moves
between blocks (one run timed our queries at p50 4.5 ms in its block and 2.6 ms in a later block
on the same index). Here every query is run by each system in turn, round after round, so all of
them meet the same load:

    python3 bench/interleaved.py COMPARE_OUT [--rounds 8] [--systems ours,omega] [--json OUT]

COMPARE_OUT is a compare.py --out folder whose indexes are still there (bench/perf.sh runs this
before it removes them). Systems whose command line cannot be replayed as is (fts5 runs Python
code, rg scans the corpus) are left out, and so are queries that failed or found nothing for
some system in the compare run (`search` exits 1 on no hits). Prints p50 and p95 over the queries of each query's
median run, as compare.py does, and ours against each peer. Standard library only.
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

REPLAYABLE = ("ours", "omega", "recoll", "tantivy-cli")


def system_env(name, out):
    env = {k: v for k, v in os.environ.items()
           if k not in ("QUERY_STRING", "REQUEST_METHOD", "GATEWAY_INTERFACE")}
    if name == "omega":
        env["OMEGA_CONFIG_FILE"] = os.path.join(out, "work", "omega.conf")
    return env


def time_once(argv, env, cwd):
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - started) * 1000.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("compare_out")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--systems", default=None,
                    help="comma-separated (default: every replayable system of the run)")
    ap.add_argument("--json", help="also write the figures as JSON")
    args = ap.parse_args()

    with open(os.path.join(args.compare_out, "results.json"), encoding="utf-8") as fh:
        results = json.load(fh)
    wanted = args.systems.split(",") if args.systems else None
    systems = {}
    for entry in results["systems"]:
        name = entry["system"]
        if name not in REPLAYABLE or (wanted and name not in wanted):
            continue
        queries = [(q["query"], shlex.split(q["argv"])) for q in entry.get("queries", [])
                   if q.get("rc") == 0]
        if queries:
            systems[name] = queries
    if "ours" not in systems or len(systems) < 2:
        print("interleaved: nothing to compare (need ours and a replayable peer)", file=sys.stderr)
        return 1
    # The same queries for everyone, in the file's order.
    common = [q for q, _ in systems["ours"]
              if all(q in dict(v) for v in systems.values())]
    argv = {name: dict(queries) for name, queries in systems.items()}
    env = {name: system_env(name, args.compare_out) for name in systems}
    cwd = os.path.join(args.compare_out, "work")
    cwd = cwd if os.path.isdir(cwd) else None

    samples = {name: {q: [] for q in common} for name in systems}
    for q in common:  # warm-up, untimed
        for name in systems:
            time_once(argv[name][q], env[name], cwd)
    for _ in range(args.rounds):
        for q in common:
            for name in systems:
                samples[name][q].append(time_once(argv[name][q], env[name], cwd))

    figures = {}
    for name in systems:
        medians = sorted(statistics.median(v) for v in samples[name].values())
        p95 = medians[max(0, -(-len(medians) * 95 // 100) - 1)]
        figures[name] = {"p50_ms": statistics.median(medians), "p95_ms": p95}

    print(f"\n### Query latency, interleaved ({len(common)} queries x {args.rounds} rounds, "
          "each query run by every system in turn)\n")
    print("| system | query p50 ms | query p95 ms | ours / this (p50) |")
    print("|---|---:|---:|---:|")
    ours = figures["ours"]["p50_ms"]
    for name, f in figures.items():
        ratio = "—" if name == "ours" else f"{ours / f['p50_ms']:.2f}×"
        print(f"| {name} | {f['p50_ms']:.2f} | {f['p95_ms']:.2f} | {ratio} |")
    if "omega" in figures:
        omega = figures["omega"]["p50_ms"]
        verdict = "met" if ours <= omega else "NOT met"
        print(f"\n- {verdict} (interleaved) — query p50 ≤ Omega's: {ours:.2f} vs {omega:.2f} ms"
              f" = {ours / omega:.2f}×")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"rounds": args.rounds, "queries": common, "figures": figures,
                       "samples_ms": samples}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
