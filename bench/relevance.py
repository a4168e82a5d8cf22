#!/usr/bin/env python3
"""Relevance benchmark: `search` against SQLite FTS5 on the TIME test collection.

Indexes the 423 TIME articles with the `search` binary into a temporary folder, runs the
83 queries through `search query --format json` exactly as a user would paste them (one
process per query, no rewriting), runs the same queries through SQLite FTS5 (the best peer
measured), and prints MAP, nDCG@10, P@10, P@20, R@20 and MRR for both systems against both
judgement files, with a paired randomization test on per-query average precision.

Usually started through `bench/relevance.sh`, which builds the binary when `SEARCH_BIN` is not
set. Python 3.11 standard library only. Exits 0 whenever the benchmark ran: the targets are
reported, not enforced.

Conventions (those of trec_eval, so numbers compare with BASELINES.md):
- every run is cut at LIMIT hits; MAP is computed over those, divided by the number of
  relevant documents in the qrels (judgements naming documents missing from docs/ count too);
- gains are binary; nDCG uses the log2(rank + 1) discount and the ideal list of min(R, k) hits;
- queries without any relevant document are skipped (none are, in either qrels file).
"""
import argparse
import collections
import json
import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "corpora" / "time-ir"
LIMIT = 100  # depth of every run; MAP is "MAP@100"
METRICS = ["MAP", "nDCG@10", "P@10", "P@20", "R@20", "MRR"]
QRELS_FILES = {"as-distributed": "qrels.tsv", "shift-corrected": "qrels.shift-corrected.tsv"}
TARGETS = {"MAP": 0.65, "P@20": 0.165}  # measured on qrels.tsv (as distributed)
SEARCH, FTS5 = "search", "fts5 (peer)"


# --------------------------------------------------------------------------------------------
# Collection
# --------------------------------------------------------------------------------------------

def load_docs(docs_dir):
    """docid -> path; the docid is the file stem (docs/0268.txt is 0268), as in the qrels."""
    return {p.stem: p for p in sorted(docs_dir.glob("*.txt"))}


def load_queries(path):
    """[(qid, text)] in file order; the text is kept byte for byte (caps, ` .`, quotes)."""
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, text = line.split("\t", 1)
            queries.append((qid, text))
    return queries


def load_qrels(path):
    """qid -> set of relevant docids (`qid<TAB>docid<TAB>rel`, rel > 0 is relevant)."""
    relevant = collections.defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, docid, rel = line.split("\t")
            if int(rel) > 0:
                relevant[qid].add(docid)
    return relevant


# --------------------------------------------------------------------------------------------
# Metrics: one ranking (list of docids, best first) against one set of relevant docids
# --------------------------------------------------------------------------------------------

def average_precision(ranking, relevant):
    hits, total = 0, 0.0
    for rank, docid in enumerate(ranking, 1):
        if docid in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def ndcg_at(ranking, relevant, k):
    dcg = sum(1 / math.log2(rank + 1)
              for rank, docid in enumerate(ranking[:k], 1) if docid in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal


def precision_at(ranking, relevant, k):
    # Divided by k even when fewer than k hits came back: a short list is not rewarded.
    return sum(docid in relevant for docid in ranking[:k]) / k


def recall_at(ranking, relevant, k):
    return sum(docid in relevant for docid in ranking[:k]) / len(relevant)


def reciprocal_rank(ranking, relevant):
    return next((1 / rank for rank, docid in enumerate(ranking, 1) if docid in relevant), 0.0)


def score_query(ranking, relevant):
    return {
        "MAP": average_precision(ranking, relevant),
        "nDCG@10": ndcg_at(ranking, relevant, 10),
        "P@10": precision_at(ranking, relevant, 10),
        "P@20": precision_at(ranking, relevant, 20),
        "R@20": recall_at(ranking, relevant, 20),
        "MRR": reciprocal_rank(ranking, relevant),
    }


def evaluate(run, qrels):
    """qid -> metrics, for the queries that have at least one relevant document."""
    return {qid: score_query(run.get(qid, []), qrels[qid]) for qid in sorted(qrels, key=int)
            if qrels[qid]}


def mean_metrics(per_query):
    return {m: sum(q[m] for q in per_query.values()) / len(per_query) for m in METRICS}


# --------------------------------------------------------------------------------------------
# Significance
# --------------------------------------------------------------------------------------------

def permutation_test(a, b, rounds, seed):
    """Two-sided paired randomization test on the mean of a - b.

    Under the null hypothesis the two systems are exchangeable per query, so each per-query
    difference keeps or flips its sign at random. p = (extreme + 1) / (rounds + 1), so an
    estimate is never exactly 0.
    """
    diffs = [x - y for x, y in zip(a, b)]
    observed = abs(sum(diffs))
    rng = random.Random(seed)
    extreme = 0
    for _ in range(rounds):
        flipped = abs(sum(d if rng.random() < 0.5 else -d for d in diffs))
        # A small tolerance so that float noise in equal sums still counts as "as extreme".
        if flipped >= observed - 1e-12:
            extreme += 1
    return (extreme + 1) / (rounds + 1)


# --------------------------------------------------------------------------------------------
# System 1: the `search` binary, used exactly as documented in README.md
# --------------------------------------------------------------------------------------------

def build_search_index(binary, docs_dir, index_dir):
    proc = subprocess.run([binary, "index", str(docs_dir), "--index", str(index_dir), "-q"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"`search index` exited {proc.returncode}:\n{proc.stderr.strip()}")
    return proc.stderr.strip()  # the summary line, e.g. `indexed 423 of 423 files ...`


def run_search(binary, index_dir, queries):
    """qid -> ranked docids, plus per-query exit code and hit count.

    Any non-zero exit (1 = no hits, 2 = e.g. a query syntax error) is an empty ranking and a
    warning: the benchmark measures what a user pasting the query would get.
    """
    run, info = {}, {}
    for qid, text in queries:
        cmd = [binary, "query", "--index", str(index_dir), "--limit", str(LIMIT),
               "--format", "json", "--", text]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        ranking, status = [], "ok"
        if proc.returncode == 0:
            try:
                ranking = [Path(hit["path"]).stem for hit in json.loads(proc.stdout)["hits"]]
            except (ValueError, KeyError, TypeError) as err:
                status = "failed"
                warn(f"query {qid}: unreadable JSON output ({err}); counted as no hits")
        elif proc.returncode == 1:
            status = "no hits"
            warn(f"query {qid}: exit 1 (no hits)")
        else:
            status = "failed"
            first = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
            warn(f"query {qid}: exit {proc.returncode}: {first}")
        run[qid] = ranking
        info[qid] = {"exit": proc.returncode, "status": status, "hits": len(ranking)}
    return run, info


# --------------------------------------------------------------------------------------------
# System 2: SQLite FTS5, as the peer measured it
# --------------------------------------------------------------------------------------------

FTS5_WORD = re.compile(r"[A-Za-z0-9]+")


def fts5_match_expr(text):
    """The query's words OR-ed, each as an FTS5 string.

    Splitting on anything but letters and digits is what the unicode61 tokenizer does to the
    documents (NAM'S -> nam, s; U.S -> u, s), and quoting keeps words like AND, OR, NOT as plain
    terms. Repeated words are kept: bm25() then counts them once per occurrence, as the peer's
    plain OR query would.
    """
    return " OR ".join(f'"{w}"' for w in FTS5_WORD.findall(text))


def run_fts5(docs, queries, db_path):
    """qid -> top LIMIT docids by bm25(). One column holding the whole file: the collection
    has no separate titles (PROVENANCE.md), so there is nothing to weight apart."""
    con = sqlite3.connect(db_path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(docid UNINDEXED, body, "
                "tokenize='porter unicode61')")
    with con:
        con.executemany("INSERT INTO docs(docid, body) VALUES (?, ?)",
                        ((docid, path.read_text(encoding="utf-8")) for docid, path in docs.items()))
    run = {}
    for qid, text in queries:
        # docid breaks bm25 ties so that the run is the same on every machine.
        rows = con.execute("SELECT docid FROM docs WHERE docs MATCH ? "
                           "ORDER BY bm25(docs), docid LIMIT ?",
                           (fts5_match_expr(text), LIMIT)).fetchall()
        run[qid] = [docid for (docid,) in rows]
    con.close()
    return run


# --------------------------------------------------------------------------------------------
# --check-metrics: the reference BM25 of BASELINES.md, to prove the metric code above
# --------------------------------------------------------------------------------------------

REFERENCE_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
# BASELINES.md, "Reproduced here", no analysis: (qrels, k1, b) -> metrics.
REFERENCE_FIGURES = {
    ("as-distributed", 1.2, 0.75): [0.5750, 0.6358, 0.2554, 0.1500, 0.7715, 0.6689],
    ("as-distributed", 0.9, 0.4): [0.5679, 0.6293, 0.2566, 0.1518, 0.7748, 0.6619],
    ("shift-corrected", 1.2, 0.75): [0.6572, 0.7151, 0.2819, 0.1681, 0.8859, 0.7376],
    ("shift-corrected", 0.9, 0.4): [0.6353, 0.6975, 0.2831, 0.1687, 0.8824, 0.7093],
}


def reference_bm25_run(docs, queries, k1, b):
    """Lucene idf, exact document lengths, lowercase tokens, no stemming, OR of the query
    tokens (repeats kept). Returns every matching document, not just LIMIT: BASELINES.md's
    MAP is over the full ranking (cut at 100 it is 0.5733, not 0.5750)."""
    tokens = {d: REFERENCE_TOKEN.findall(p.read_text(encoding="utf-8").lower())
              for d, p in docs.items()}
    tf = {d: collections.Counter(t) for d, t in tokens.items()}
    df = collections.Counter(w for t in tokens.values() for w in set(t))
    n, avgdl = len(tokens), sum(map(len, tokens.values())) / len(tokens)
    run = {}
    for qid, text in queries:
        terms = REFERENCE_TOKEN.findall(text.lower())
        scores = {}
        for d, counts in tf.items():
            norm = k1 * (1 - b + b * len(tokens[d]) / avgdl)
            s = sum(math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5)) * counts[w] / (counts[w] + norm)
                    for w in terms if counts[w])
            if s > 0:
                scores[d] = s
        run[qid] = sorted(scores, key=lambda d: (-scores[d], d))
    return run


def check_metrics(data):
    docs, queries = load_docs(data / "docs"), load_queries(data / "queries.tsv")
    ok = True
    print("| qrels | k1/b | " + " | ".join(METRICS) + " | matches BASELINES.md |")
    print("|---|---|" + "---|" * len(METRICS) + "---|")
    for (name, k1, b), expected in REFERENCE_FIGURES.items():
        got = mean_metrics(evaluate(reference_bm25_run(docs, queries, k1, b),
                                    load_qrels(data / QRELS_FILES[name])))
        same = all(f"{got[m]:.4f}" == f"{e:.4f}" for m, e in zip(METRICS, expected))
        ok &= same
        print(f"| {name} | {k1}/{b} | " + " | ".join(f"{got[m]:.4f}" for m in METRICS)
              + f" | {'yes' if same else 'NO, expected ' + ' '.join(map(str, expected))} |")
    print("metric check:", "all figures reproduced to 4 decimals" if ok else "MISMATCH")
    return 0 if ok else 1


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def warn(message):
    print(f"warning: {message}", file=sys.stderr)


def fail(message):
    """Stop: the benchmark could not run (exit 2, the project's error status)."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def markdown_table(results):
    lines = ["| system | qrels | " + " | ".join(METRICS) + " |",
             "|---|---|" + "---:|" * len(METRICS)]
    for name, res in results.items():
        for system in (SEARCH, FTS5):
            means = res["mean"][system]
            lines.append(f"| {system} | {QRELS_FILES[name]} | "
                         + " | ".join(f"{means[m]:.4f}" for m in METRICS) + " |")
    return "\n".join(lines)


def write_per_query_tsv(path, results, queries, search_info):
    text_of = dict(queries)
    with open(path, "w", encoding="utf-8") as out:
        out.write("qrels\tqid\tn_rel\tsearch_exit\tsearch_hits\tsearch_AP\tfts5_AP\tquery\n")
        for name, res in results.items():
            for qid, ours in res["per_query"][SEARCH].items():
                peer = res["per_query"][FTS5][qid]
                out.write(f"{QRELS_FILES[name]}\t{qid}\t{res['n_rel'][qid]}\t"
                          f"{search_info[qid]['exit']}\t{search_info[qid]['hits']}\t"
                          f"{ours['MAP']:.4f}\t{peer['MAP']:.4f}\t{text_of[qid]}\n")


def print_worst(results, name, queries, search_info, count):
    """The queries where `search` loses most AP to FTS5: where to look first."""
    res, text_of = results[name], dict(queries)
    ours, peer = res["per_query"][SEARCH], res["per_query"][FTS5]
    delta = {q: ours[q]["MAP"] - peer[q]["MAP"] for q in ours}
    worst = sorted(ours, key=lambda q: (delta[q], int(q)))[:count]
    print(f"\nWorst {len(worst)} queries vs FTS5 ({QRELS_FILES[name]}):\n")
    tied = sum(abs(d - delta[worst[-1]]) < 1e-12 for d in delta.values()) if worst else 0
    if tied > sum(abs(delta[q] - delta[worst[-1]]) < 1e-12 for q in worst):
        print(f"({tied} queries tie at ΔAP {delta[worst[-1]]:+.4f}; the first by qid are shown)\n")
    print("| qid | search AP | fts5 AP | search hits | query |\n|---:|---:|---:|---:|---|")
    for q in worst:
        print(f"| {q} | {ours[q]['MAP']:.4f} | {peer[q]['MAP']:.4f} | "
              f"{search_info[q]['hits']} | {text_of[q]} |")


def print_targets(results):
    if "as-distributed" not in results:
        return
    means = results["as-distributed"]["mean"][SEARCH]
    parts = [f"{m} {means[m]:.4f} >= {t} {'met' if means[m] >= t else 'NOT met'}"
             for m, t in TARGETS.items()]
    print("Targets (search, qrels.tsv): " + "; ".join(parts))


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def default_binary():
    """The release build: target/<triple>/release/search (.cargo/config.toml names a triple)."""
    built = sorted(REPO_ROOT.glob("target/*/release/search"), key=lambda p: p.stat().st_mtime)
    return str(built[-1] if built else REPO_ROOT / "target/release/search")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.environ.get("SEARCH_BIN") or default_binary(),
                   help="the search binary (default: $SEARCH_BIN, else the release build under "
                        "target/)")
    p.add_argument("--data", type=Path, default=Path(os.environ.get("TIME_IR", DEFAULT_DATA)),
                   help="the time-ir folder (default: $TIME_IR, else ../shared/corpora/time-ir)")
    p.add_argument("--qrels", action="append", choices=list(QRELS_FILES),
                   help="judgements to score against; repeat for several (default: both)")
    p.add_argument("--keep", action="store_true",
                   help="keep the index and the FTS5 database in the temporary folder")
    p.add_argument("--json", type=Path, metavar="OUT", help="also write everything as JSON")
    p.add_argument("--worst", type=int, default=0, metavar="N",
                   help="list the N queries where search loses most AP to FTS5")
    p.add_argument("--rounds", type=int, default=10_000, help="permutation test rounds")
    p.add_argument("--seed", type=int, default=1963, help="permutation test seed")
    p.add_argument("--check-metrics", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args()


def make_workdir():
    work = Path(tempfile.mkdtemp(prefix="search-relevance-")).resolve()
    if REPO_ROOT == work or REPO_ROOT in work.parents:  # TMPDIR pointing into the checkout
        shutil.rmtree(work)
        fail(f"temporary folder `{work}` is inside the checkout; set TMPDIR elsewhere")
    return work


def score(search_run, fts5_run, qrels, docs, n_queries, args):
    """Both runs against one qrels file: per-query and mean metrics, ΔMAP and its p-value."""
    per_query = {SEARCH: evaluate(search_run, qrels), FTS5: evaluate(fts5_run, qrels)}
    qids = list(per_query[SEARCH])
    ours_ap = [per_query[SEARCH][q]["MAP"] for q in qids]
    peer_ap = [per_query[FTS5][q]["MAP"] for q in qids]
    return {
        "evaluated": len(qids),
        "skipped": n_queries - len(qids),
        "missing_docs": sum(d not in docs for rel in qrels.values() for d in rel),
        "n_rel": {q: len(qrels[q]) for q in qids},
        "per_query": per_query,
        "mean": {s: mean_metrics(per_query[s]) for s in per_query},
        "delta_map": (sum(ours_ap) - sum(peer_ap)) / len(qids),
        "p_value": permutation_test(ours_ap, peer_ap, args.rounds, args.seed),
    }


def print_report(results, env, search_info, queries, args):
    print(f"\n## Relevance on TIME ({env['n_docs']} docs, {len(queries)} queries, top {LIMIT})\n")
    print(f"search: `{env['binary']}` ({env['version']}); {env['index_summary']}")
    print(f"fts5: SQLite {sqlite3.sqlite_version}, tokenize='porter unicode61', "
          "words OR-ed, bm25()")
    for name, res in results.items():
        print(f"{QRELS_FILES[name]}: {res['evaluated']} queries evaluated, {res['skipped']} "
              f"skipped (no relevant document); {res['missing_docs']} judgements name "
              "documents absent from docs/ (relevant, never retrievable)")
    statuses = collections.Counter(i["status"] for i in search_info.values())
    print(f"search queries with no hits (exit 1): {statuses['no hits']}; "
          f"failed (exit >= 2 or unreadable output): {statuses['failed']}\n")
    print(markdown_table(results) + "\n")
    for name, res in results.items():
        print(f"{QRELS_FILES[name]}: ΔMAP (search - fts5) = {res['delta_map']:+.4f}, "
              f"p = {res['p_value']:.4f} (paired randomization test on per-query AP, "
              f"{args.rounds:,} sign flips, seed {args.seed}, two-sided)")
    print_targets(results)
    if args.worst:
        print_worst(results, next(iter(results)), queries, search_info, args.worst)


def write_json(path, results, env, queries, runs, search_info, args):
    path.write_text(json.dumps({
        **env, "sqlite_version": sqlite3.sqlite_version, "limit": LIMIT,
        "rounds": args.rounds, "seed": args.seed, "targets_on_qrels.tsv": TARGETS,
        "queries": [{"qid": q, "text": t, "fts5_match": fts5_match_expr(t),
                     "search_exit": search_info[q]["exit"],
                     "search_status": search_info[q]["status"],
                     "search_run": runs[SEARCH][q], "fts5_run": runs[FTS5][q]}
                    for q, t in queries],
        "results": {QRELS_FILES[n]: r for n, r in results.items()},
    }, indent=1) + "\n", encoding="utf-8")


def benchmark(args, binary, data, work):
    started = time.monotonic()
    docs, queries = load_docs(data / "docs"), load_queries(data / "queries.tsv")
    env = {"binary": binary, "data": str(data), "n_docs": len(docs),
           "version": subprocess.run([binary, "--version"], capture_output=True,
                                     text=True).stdout.strip()}
    seconds = {}

    t = time.monotonic()
    env["index_summary"] = build_search_index(binary, data / "docs", work / "index")
    seconds["index"] = time.monotonic() - t
    t = time.monotonic()
    search_run, search_info = run_search(binary, work / "index", queries)
    seconds["search_queries"] = time.monotonic() - t
    t = time.monotonic()
    fts5_run = run_fts5(docs, queries, work / "fts5.sqlite")
    seconds["fts5"] = time.monotonic() - t

    results = {name: score(search_run, fts5_run, load_qrels(data / QRELS_FILES[name]), docs,
                           len(queries), args)
               for name in dict.fromkeys(args.qrels or QRELS_FILES)}
    print_report(results, env, search_info, queries, args)

    tsv = work / "per-query.tsv"
    write_per_query_tsv(tsv, results, queries, search_info)
    print(f"\nper-query AP: {tsv}")
    if args.keep:
        print(f"kept: {work} (index/, fts5.sqlite)")
    else:
        # The index is the bulky part; the small TSV stays so that the path above stays useful.
        shutil.rmtree(work / "index", ignore_errors=True)
        (work / "fts5.sqlite").unlink(missing_ok=True)
    seconds["total"] = time.monotonic() - started
    print(f"took {seconds['total']:.1f}s (index {seconds['index']:.1f}s, {len(queries)} search "
          f"queries {seconds['search_queries']:.1f}s, fts5 {seconds['fts5']:.1f}s)")
    if args.json:
        env["seconds"] = seconds
        write_json(args.json, results, env, queries, {SEARCH: search_run, FTS5: fts5_run},
                   search_info, args)
        print(f"json: {args.json}")
    return 0


def main():
    args = parse_args()
    data = args.data.resolve()
    for needed in ("docs", "queries.tsv", *QRELS_FILES.values()):
        if not (data / needed).exists():
            fail(f"`{data / needed}` not found\n"
                 "hint: pass --data DIR or set TIME_IR to the time-ir folder")
    if args.check_metrics:
        return check_metrics(data)
    binary = shutil.which(args.bin) or args.bin
    if not os.access(binary, os.X_OK):
        fail(f"no executable search binary at `{args.bin}`\n"
             "hint: run `bash bench/relevance.sh`, which builds it, or set SEARCH_BIN")
    work = make_workdir()
    try:
        return benchmark(args, binary, data, work)
    except BaseException:
        if not args.keep:  # nothing worth keeping from a run that did not finish
            shutil.rmtree(work, ignore_errors=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
