"""Draft to adopted, for real: pair every operative paragraph of each adopted resolution in
``../shared/real-un/pdf/`` with its paragraph in the draft it was adopted from.

    python benchmarks/bench_versions.py            # the nine pairs; per pair and in all
    python benchmarks/bench_versions.py --large 3000   # time and memory on two 3,000-paragraph
    texts

The draft of each resolution is read from its masthead (``[... (A/80/L.4)]``), not from a list
here. "Operative" counts numbered paragraphs and sub-paragraphs (resolution and annexes). A pair
is counted right when the draft paragraph is the adopted one's version: same number or (when
an amendment renumbered) at least 0.8 word similarity; every other pairing is printed for a
reader to check.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

from precedent.ingest import load_document
from precedent.ingest.records import DocumentInfo
from precedent.search.compare import align_versions

PDF_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "pdf"
OPERATIVE = ("paragraph", "subparagraph")


def parse(path: Path):
    return load_document(path, DocumentInfo(doc_id=path.stem.lower(), title=""))


def large_pair(n: int, seed: int = 19):
    """Two versions of an ``n``-paragraph text built from the real PDFs' paragraphs (numbered, so no
    two are the same): the later one with ~5% of paragraphs reworded, ~1% dropped, ~1% inserted."""
    rng = random.Random(seed)
    pool = [r for p in sorted(PDF_DIR.glob("*.pdf")) for r in parse(p).paragraphs
            if r.kind in OPERATIVE]
    old = []
    for i in range(n):
        r = pool[i % len(pool)]
        old.append(replace(r, id=f"old:{i}", doc_id="old", number=str(i + 1), part="",
                           kind="paragraph", text=f"{r.text} (item {i + 1})", order=i))
    new = []
    for i, r in enumerate(old):
        x = rng.random()
        if x < 0.01:
            continue
        if x < 0.02:
            new.append(replace(pool[rng.randrange(len(pool))], id=f"new:ins{i}", doc_id="new",
                               part="", kind="paragraph"))
        words = r.text.split()
        if x > 0.95:
            words[rng.randrange(len(words))] = "revised"
        new.append(replace(r, id=f"new:{i}", doc_id="new", text=" ".join(words)))
    return old, new


def run_large(n: int) -> int:
    old, new = large_pair(n)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pairs = align_versions(old, new)
    seconds = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    same = sum(1 for p in pairs if p.old is not None and p.new is not None
               and p.old.id[4:] == p.new.id[4:])
    print(f"two texts of {len(old)} and {len(new)} paragraphs: {seconds:.2f} s, peak RSS "
          f"{rss1:.0f} MB (+{rss1 - rss0:.0f} MB over {rss0:.0f} MB before aligning); {same} "
          "paired with their own version")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--large", type=int, default=0, metavar="N",
                    help="time two N-paragraph texts instead")
    args = ap.parse_args()
    if not PDF_DIR.is_dir():
        print(f"no {PDF_DIR}: the real UN PDFs are not beside this checkout", file=sys.stderr)
        return 1
    if args.large:
        return run_large(args.large)
    docs = {p.stem: parse(p) for p in sorted(PDF_DIR.glob("*.pdf"))}
    by_symbol = {d.info.symbol: d for d in docs.values() if d.info.symbol}
    total = right = paired = 0
    seconds = 0.0
    for _stem, adopted in sorted(docs.items()):
        draft = by_symbol.get(adopted.info.draft_symbol)
        if not adopted.info.draft_symbol or draft is None:
            continue
        t0 = time.perf_counter()
        pairs = align_versions(list(draft.paragraphs), list(adopted.paragraphs))
        seconds += time.perf_counter() - t0
        ops = [p for p in pairs if p.new is not None and p.new.kind in OPERATIVE]
        ok = [p for p in ops if p.old is not None
              and (p.old.number == p.new.number or p.similarity >= 0.8)]
        total += len(ops)
        right += len(ok)
        paired += sum(1 for p in ops if p.old is not None)
        print(f"{adopted.info.symbol:<12} <- {draft.info.symbol:<10} {len(ops):>4} operative, "
              f"{sum(1 for p in ops if p.old is not None):>4} paired, {len(ok):>4} right")
        for p in ops:
            if p not in ok:
                print(f"    check: {p.new.citation} <- {p.old.citation if p.old else 'none'} "
                      f"({p.similarity:.2f}) {p.new.text[:70]}")
    if not total:
        print("no adopted resolution with its draft found", file=sys.stderr)
        return 1
    print(f"in all: {right} of {total} operative paragraphs paired with their draft paragraph "
          f"({right / total:.1%}); {paired} paired; alignment took {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
