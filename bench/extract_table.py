#!/usr/bin/env python3
"""Score the runs of bench/extract.sh and print the benchmark table and targets.

usage: extract_table.py --runs RUNS.tsv --scorer score_extract.py [--engines "a b"]
                        [--worst N] [--started EPOCH] [--strict]

RUNS.tsv has one line per run: set label, extractor, input and truth folders, pages, start and end
(epoch seconds), JSON-lines output, stderr file, exit status. Each output is scored by
the corpora's own score_extract.py (--json); nothing is re-implemented here except the
listing of metadata misses under --worst. Python 3.11, standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

SET_ORDER = ["aeb", "l3s", "readability", "trafilatura", "aeb txt", "l3s txt", "aeb md", "l3s md"]

# (description, set, check(scores) -> value or None, threshold); value None = not measured.
TARGETS = [
    ("aeb body F1 >= 0.96", "aeb", "body_f1", 0.96),
    ("trafilatura segment F1 >= 0.93", "trafilatura", "body_f1", 0.93),
    ("l3s title accuracy >= 0.90", "l3s", "title_accuracy", 0.90),
    ("readability title accuracy >= 0.90", "readability", "title_accuracy", 0.90),
    ("trafilatura title accuracy >= 0.90", "trafilatura", "title_accuracy", 0.90),
    ("trafilatura date accuracy >= 0.85", "trafilatura", "date_accuracy", 0.85),
    ("trafilatura authors accuracy >= 0.70", "trafilatura", "authors_accuracy", 0.70),
    ("aeb txt body F1 >= 0.85", "aeb txt", "body_f1", 0.85),
    ("l3s txt body F1 >= 0.85", "l3s txt", "body_f1", 0.85),
]


def score(scorer, truth, pred, worst):
    """Runs score_extract.py --json; returns (summary dict, [(score, name)])."""
    cmd = [sys.executable, str(scorer), "--truth", truth, "--pred", pred, "--json"]
    if worst:
        cmd += ["--show-worst", str(worst)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        sys.exit(f"extract_table.py: scorer failed on {pred}:\n{proc.stderr.strip()}")
    summary, worst_pages = None, []
    for line in proc.stdout.splitlines():
        line = line.strip()
        m = re.match(r"worst\s+(-?[0-9.]+)\s+(.+)$", line)
        if m:
            worst_pages.append((float(m.group(1)), m.group(2)))
        elif line.startswith("{"):
            summary = json.loads(line)
    if summary is None:
        sys.exit(f"extract_table.py: no JSON summary from the scorer on {pred}:\n{proc.stdout}")
    return summary, worst_pages


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def fmt(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def fmt_delta(value):
    return "—" if value is None else f"{value:+.3f}"


def fmt_rate(pages, seconds):
    if not seconds or seconds <= 0:
        return "—"
    rate = pages / seconds
    return f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}"


def load_jsonl(path):
    records = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            name = Path(str(rec.get("path", ""))).name
            for suffix in (".html", ".htm", ".md", ".txt"):
                if name.endswith(suffix):
                    name = name[: -len(suffix)]
            records[name] = rec
    return records


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def fold(text):
    """As score_extract.py folds titles and names."""
    return re.sub(r"\s+", " ", str(text or "").translate(QUOTES)).strip().casefold()


def as_list(value):
    """As score_extract.py reads an authors field."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in re.split(r"\s*(?:;|\||,| and )\s*", value) if part]
    return [str(v) for v in value if v]


def clip(value, limit=100):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def metadata_misses(truth_dir, pred_path, field, limit):
    """Pages whose `field` the scorer would count wrong (a close reading, for the listing only)."""
    pred = load_jsonl(pred_path)
    misses = []
    for tpath in sorted(Path(truth_dir).glob("*.json")):
        truth = json.loads(tpath.read_text(encoding="utf-8"))
        want = truth.get(field)
        if not want:
            continue
        got = pred.get(tpath.stem, {}).get(field)
        if field == "date":
            bad = str(got or "")[:10] != str(want)[:10]
        elif field == "authors":
            bad = {fold(a) for a in as_list(got)} != {fold(a) for a in as_list(want)}
        else:
            bad = fold(got) != fold(want)
        if bad:
            misses.append((tpath.stem, got, want))
    return misses[:limit], len(misses)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", required=True, type=Path)
    ap.add_argument("--scorer", required=True, type=Path)
    ap.add_argument("--engines", default="dom_smoothie trafilatura html2text")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--started", type=float)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()

    engines = args.engines.split()
    results = {}  # (set, extractor) -> dict
    for line in args.runs.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label, extractor, input_dir, truth, pages, t0, t1, out, err, status = line.split("\t")
        summary, worst = score(args.scorer, truth, out, args.worst if extractor == "search" else 0)
        stderr = Path(err).read_text(encoding="utf-8", errors="replace").splitlines()
        results[(label, extractor)] = {
            "input": input_dir,
            "truth": truth,
            "out": out,
            "pages": int(pages),
            "seconds": float(t1) - float(t0),
            "summary": summary,
            "worst": worst,
            "warnings": sum(1 for l in stderr if l.startswith("warning")),
            "panics": sum(1 for l in stderr if "panicked" in l),
            "status": int(status),
        }
    sets = [s for s in SET_ORDER if (s, "search") in results]
    sets += sorted({s for s, e in results if e == "search" and s not in sets})

    head = ["set", "pages", "P", "R", "F1", "title", "date", "authors", "pages/s"]
    for e in engines:
        head += [f"{e} F1", f"{e} pages/s"]
    if engines:
        head += ["search F1 − best crate F1"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")

    best_gap = {}
    for s in sets:
        r = results[(s, "search")]
        sm = r["summary"]
        row = [
            s,
            str(r["pages"]),
            fmt(sm.get("body_precision")),
            fmt(sm.get("body_recall")),
            f"**{fmt(sm.get('body_f1'))}**",
            fmt(sm.get("title_accuracy")),
            fmt(sm.get("date_accuracy")),
            fmt(sm.get("authors_accuracy")),
            fmt_rate(r["pages"], r["seconds"]),
        ]
        crate_f1 = {}
        for e in engines:
            c = results.get((s, e))
            if c is None:
                row += ["—", "—"]
                continue
            f1 = c["summary"].get("body_f1")
            crate_f1[e] = f1
            row += [fmt(f1), fmt_rate(c["pages"], c["seconds"])]
        if engines:
            scored = {e: v for e, v in crate_f1.items() if v is not None}
            if scored and sm.get("body_f1") is not None:
                best = max(scored, key=scored.get)
                gap = sm["body_f1"] - scored[best]
                best_gap[s] = (gap, best, scored[best])
                row.append(f"{fmt_delta(gap)} ({best})")
            else:
                row.append("—")
        print("| " + " | ".join(row) + " |")

    print()
    print(
        "P / R / F1: body precision / recall / F1 from score_extract.py (word 4-gram shingles, "
        "averaged over pages; on trafilatura, must-include / must-exclude snippets). title / date / "
        "authors: accuracy over the pages whose truth has them (— = no such truth). pages/s: pages / "
        "wall seconds of one single-threaded process over the whole folder, output to a file, "
        "scoring not included. The crates run alone with their defaults through bench/extractors "
        "(`extract-alone`): dom_smoothie 0.19 TextMode::Formatted (the page's canonical URL, else "
        "http://localhost/), trafilatura 0.6 Options::default() (fallback off), html2text 0.17 whole "
        "page (plain, undecorated, 10,000 columns). On the txt/md rows the crates are handed the text "
        "file as an HTML page with one <p> per non-blank line, so they score close to the whole text."
    )
    meta_bits = []
    for s in sets:
        if s.endswith((" txt", " md")):  # the crates get a wrapped text file: no <title> to read
            continue
        fields = [k for k in ("title_accuracy", "date_accuracy", "authors_accuracy")
                  if results[(s, "search")]["summary"].get(k) is not None]
        if not fields:
            continue
        names = " / ".join(k.split("_")[0] for k in fields)
        per = []
        for e in engines:
            c = results.get((s, e))
            if c is None or e == "html2text":  # html2text finds no metadata
                continue
            per.append(f"{e} " + " / ".join(fmt(c["summary"].get(k), 2) for k in fields))
        if per:
            meta_bits.append(f"{s} ({names}): " + ", ".join(per))
    if meta_bits:
        print("The crates' own metadata, same scoring: " + "; ".join(meta_bits) + ".")
    blank = []
    for s in sets:
        d = Path(results[(s, "search")]["input"])
        n = sum(1 for f in d.rglob("*") if f.is_file() and not f.read_bytes().strip())
        if n:
            blank.append(f"{s} {n}")
    if blank:
        print("Input files with no text at all (scored empty for everyone): " + ", ".join(blank) + ".")
    notes = []
    for (s, e), r in sorted(results.items(), key=lambda kv: (SET_ORDER.index(kv[0][0]) if kv[0][0] in SET_ORDER else 99, kv[0][1])):
        missing = r["summary"]["pages"] - r["summary"]["predicted"]
        bits = []
        if r["warnings"]:
            bits.append(plural(r["warnings"], "warning") + (f" ({plural(r['panics'], 'panic')})" if r["panics"] else ""))
        if missing:
            bits.append(f"{plural(missing, 'page')} without a record")
        if r["status"]:
            bits.append(f"exit status {r['status']}")
        if bits:
            notes.append(f"{e} on {s}: " + ", ".join(bits))
    if notes:
        print("Pages with a warning (an error or panic is scored as an empty page): " + "; ".join(notes) + ".")

    print()
    print("Targets:")
    failed = 0
    per_set_missed = {}

    def verdict(desc, value, threshold, set_name, detail=""):
        nonlocal failed
        if value is None:
            mark = "not measured"
            failed += 1
            per_set_missed.setdefault(set_name, []).append(desc)
        elif value >= threshold:
            mark = "met"
        else:
            mark = "MISSED"
            failed += 1
            per_set_missed.setdefault(set_name, []).append(desc)
        print(f"- {desc}: {fmt(value)}{detail} — {mark}")

    for desc, s, key, threshold in TARGETS:
        r = results.get((s, "search"))
        verdict(desc, r["summary"].get(key) if r else None, threshold, s)
    if engines:
        behind = [s for s in sets if s not in best_gap or best_gap[s][0] <= 0]
        ok = not behind
        detail = ", ".join(f"{s} {fmt_delta(best_gap[s][0])} vs {best_gap[s][1]}" for s in behind if s in best_gap)
        mark = "met" if ok else "MISSED"
        if not ok:
            failed += 1
            for s in behind:
                per_set_missed.setdefault(s, []).append("body F1 above the best crate")
        print(f"- body F1 above the best single crate on every set: {len(sets) - len(behind)}/{len(sets)} sets"
              + (f" (behind or level: {detail})" if detail else "") + f" — {mark}")

    if args.worst:
        metadata_fields = {"title_accuracy": "title", "date_accuracy": "date", "authors_accuracy": "authors"}
        for s in sets:
            missed = per_set_missed.get(s)
            if not missed:
                continue
            r = results[(s, "search")]
            print()
            print(f"Worst pages of search on {s} (misses: {'; '.join(missed)}):")
            if r["worst"]:
                print("  body score per page (score_extract.py --show-worst), worst first:")
            for value, name in r["worst"]:
                print(f"    {value:.3f} {name}")
            for desc, ts, key, _ in TARGETS:
                if ts == s and key in metadata_fields and desc in missed:
                    field = metadata_fields[key]
                    shown, total = metadata_misses(r["truth"], r["out"], field, args.worst)
                    print(f"  {field} wrong on {total} pages; first {len(shown)}:")
                    for name, got, want in shown:
                        print(f"    {name}: got {clip(got)} want {clip(want)}")

    print()
    total = f" in {time.time() - args.started:.0f} s" if args.started else ""
    try:
        load = Path("/proc/loadavg").read_text().split()[0]
        total += f" (load average {load} on {os.cpu_count()} cores at the end: speeds are noisy on a busy machine)"
    except OSError:
        pass
    print(f"{len(TARGETS) + (1 if engines else 0) - failed} of {len(TARGETS) + (1 if engines else 0)} targets met; benchmark ran{total}.")
    if args.strict and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
