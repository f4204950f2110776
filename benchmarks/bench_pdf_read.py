"""Reading a real UN PDF: pypdf's plain ``extract_text()`` of every page, side by side with
Precedent's ``read_pdf`` and with the whole ``load_document`` (read + parse), best of N runs.

    python benchmarks/bench_pdf_read.py [PDF] [--runs 5]

Default PDF: ../shared/real-un/pdf/A_RES_80_5.pdf (18 pages).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from precedent.ingest.load import load_document
from precedent.ingest.readers import read_pdf

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "pdf" / "A_RES_80_5.pdf"


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.pdf)
    data = path.read_bytes()

    def plain():
        from pypdf import PdfReader

        return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]

    base = best(plain, args.runs)
    read = best(lambda: read_pdf(path, data), args.runs)
    full = best(lambda: load_document(path), args.runs)
    print(f"{path.name}: pypdf extract_text {base:.3f} s | read_pdf {read:.3f} s ({read / base:.2f}x) | "
          f"load_document (read + parse) {full:.3f} s ({full / base:.2f}x)")


if __name__ == "__main__":
    main()
