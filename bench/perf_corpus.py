#!/usr/bin/env python3
"""Corpus helpers for bench/perf.sh (standard library only).

  perf_corpus.py stats DIR                 -> "FILES BYTES" (regular files, hidden entries skipped)
  perf_corpus.py subset SRC DST --every N  hard-links every N-th file of SRC (sorted walk) into DST
  perf_corpus.py replicate SRC DST --times K [--link]
                                           K copies of SRC as DST/copy1..copyK (real copies unless --link)

The walk is the one compare.py uses (sorted, hidden files and folders skipped),
so the counts printed here are the counts compare.py reports.
"""
import argparse
import os
import shutil
import sys


def walk(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith("."):
                continue
            p = os.path.join(dirpath, f)
            if os.path.isfile(p) and not os.path.islink(p):
                yield p


def stats(root):
    n = b = 0
    for p in walk(root):
        n += 1
        b += os.path.getsize(p)
    return n, b


def link_or_copy(src, dst, link):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if link:
        try:
            os.link(src, dst)
            return
        except OSError:
            pass
    shutil.copyfile(src, dst)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stats")
    s.add_argument("dir")
    s = sub.add_parser("subset")
    s.add_argument("src")
    s.add_argument("dst")
    s.add_argument("--every", type=int, required=True)
    s = sub.add_parser("replicate")
    s.add_argument("src")
    s.add_argument("dst")
    s.add_argument("--times", type=int, default=4)
    s.add_argument("--link", action="store_true", help="hard links instead of copies")
    a = ap.parse_args()

    if a.cmd == "stats":
        n, b = stats(a.dir)
        print(n, b)
    elif a.cmd == "subset":
        # every N-th file of the sorted walk: keeps the mix of sources and formats
        src = os.path.abspath(a.src)
        for i, p in enumerate(walk(src)):
            if i % a.every == 0:
                link_or_copy(p, os.path.join(a.dst, os.path.relpath(p, src)), link=True)
    elif a.cmd == "replicate":
        src = os.path.abspath(a.src)
        files = list(walk(src))
        for k in range(1, a.times + 1):
            for p in files:
                link_or_copy(p, os.path.join(a.dst, f"copy{k}", os.path.relpath(p, src)),
                             link=a.link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
