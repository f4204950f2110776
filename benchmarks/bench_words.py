"""Words as the UN printed them: Precedent's records of every real PDF against PDFium's text.

Runs the differential word oracle of the tests (``tests/word_oracle.py``; needs the test extra,
``pypdfium2``) over the real UN PDFs in ``../shared/real-un/pdf`` and ``pdf-78`` and prints, per
document with any difference and in total: words split, joined, hyphen dropped, altered, lost,
then the structure and footnote-mark counts; ``--examples`` prints up to a dozen of each.

    python benchmarks/bench_words.py [PDF ...] [--examples] [--json OUT]

Run it before and after a change to the reader to get the before/after table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from word_oracle import EXCUSED, compare, real_pdfs, table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--examples", action="store_true")
    ap.add_argument("--json", help="write the counts per document to this file")
    args = ap.parse_args()
    paths = [Path(p) for p in args.pdfs] or real_pdfs()
    if not paths:
        sys.exit("no PDFs: ../shared/real-un is not beside the repository")
    t0 = time.perf_counter()
    results = [compare(p) for p in paths]
    print(table(results))
    print()
    excused = table(results, EXCUSED).splitlines()
    print("\n".join(["not counted as differences:", excused[0], excused[-1]]))
    print(f"({time.perf_counter() - t0:.0f} s)")
    if args.examples:
        for r in results:
            for kind, examples in r.examples.items():
                for e in examples:
                    print(f"{r.name}\t{kind}\t{e}")
    if args.json:
        Path(args.json).write_text(json.dumps({r.name: dict(r.counts) for r in results}, indent=1))


if __name__ == "__main__":
    main()
