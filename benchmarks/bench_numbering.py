"""Does the numbering check (``index/numbering.py``) name a paragraph lost in reading a file?

Parses every real UN document in ``../shared/real-un`` (the three text layers, the twenty 2025
PDFs and the 66 of 2023) and the shipped draft, and counts the documents whose printed
numbering breaks, or with a heading that ends as a paragraph does (none is wanted: each would
be a false alarm, or a paragraph really lost).
Then, from each document, drops numbered paragraphs and lettered items at random (an item's own
items with it) and counts how often the check names the break: a paragraph that ended its run
(the last of its part, or its chapeau's last item) leaves no jump, and is counted apart.

    python benchmarks/bench_numbering.py [--per-document 5] [--seed 18]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from precedent.corpus import shipped_documents
from precedent.index.numbering import breaks_of
from precedent.ingest.load import load_document

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-un"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-document", type=int, default=5, help="paragraphs dropped, one at a time")
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    paths = [*sorted((REAL / "text").glob("*.txt")), *sorted((REAL / "pdf").glob("*.pdf")),
             *sorted((REAL / "pdf-78").glob("*.pdf")),
             *(Path(e["path"]) for e in shipped_documents())]
    if len(paths) < 2:
        sys.exit(f"no real documents at {REAL}")
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    broken, named, last, missed = [], 0, 0, []
    for path in paths:
        records = load_document(path).paragraphs
        if breaks_of(records):
            broken.append((path.name, [b.said for b in breaks_of(records)]))
        numbered = [r for r in records
                    if r.kind in ("paragraph", "subparagraph") and r.number[:1].isdigit()]
        for victim in rng.sample(numbered, min(args.per_document, len(numbered))):
            gone = {victim.id}
            for r in records:  # in document order: an item's items follow it
                if r.parent in gone:
                    gone.add(r.id)
            kept = [r for r in records if r.id not in gone]
            run = [r for r in records
                   if (r.part, r.kind, r.parent) == (victim.part, victim.kind, victim.parent)]
            if victim is max(run, key=lambda r: r.order):
                last += 1
            elif breaks_of(kept):
                named += 1
            else:
                missed.append(f"{path.name}: {victim.citation}")
    print(f"{len(paths)} documents read in {time.perf_counter() - t0:.1f} s")
    print(f"documents with a break (numbering, or a heading ending as a paragraph): "
          f"{len(broken)}")
    for name, said in broken:
        print(f"  {name}: {'; '.join(said)}")
    dropped = named + last + len(missed)
    print(f"paragraphs dropped, one at a time: {dropped}")
    print(f"  the break named: {named} of the {named + len(missed)} that did not end their run")
    print(f"  ended their run (no break to see): {last}")
    for m in missed:
        print(f"  not named: {m}")


if __name__ == "__main__":
    main()
