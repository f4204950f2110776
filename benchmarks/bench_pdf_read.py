"""Reading a real UN PDF: pypdf's plain ``extract_text()`` of every page, side by side with
Precedent's ``read_pdf`` and with the whole ``load_document`` (read + parse), best of N runs.

The geometry read (``pdf_geometry.geometry_page_texts``: one ``extract_text`` per page with the
text and operator visitors, then the page texts rebuilt) is timed against the plain
``extract_text()`` of the same parsed pages, the two alternating run by run so that a busy
machine slows both alike; its budget is 1.5x.

    python benchmarks/bench_pdf_read.py [PDF] [--runs 5]

Default PDF: ../shared/real-un/pdf/A_RES_80_5.pdf (18 pages).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from precedent.ingest.load import load_document
from precedent.ingest.pdf_geometry import geometry_page_texts
from precedent.ingest.readers import read_pdf

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "pdf" / "A_RES_80_5.pdf"


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def side_by_side(data: bytes, runs: int) -> tuple[float, float]:
    """Best times of plain ``extract_text()`` and of the geometry read over the same pages,
    alternating (each run parses the PDF afresh, so pypdf's caches favour neither)."""
    from pypdf import PdfReader

    plain, geometry = [], []
    for _ in range(runs):
        pages = PdfReader(io.BytesIO(data)).pages
        t0 = time.perf_counter()
        for p in pages:
            p.extract_text()
        plain.append(time.perf_counter() - t0)
        pages = PdfReader(io.BytesIO(data)).pages
        t0 = time.perf_counter()
        geometry_page_texts(pages)
        geometry.append(time.perf_counter() - t0)
    return min(plain), min(geometry)


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

    text_only, with_geometry = side_by_side(data, args.runs)
    print(f"{path.name}: extract_text {text_only:.3f} s | with geometry {with_geometry:.3f} s "
          f"({with_geometry / text_only:.2f}x; budget 1.50x)")
    base = best(plain, args.runs)
    read = best(lambda: read_pdf(path, data), args.runs)
    full = best(lambda: load_document(path), args.runs)
    print(f"{path.name}: pypdf extract_text {base:.3f} s | read_pdf {read:.3f} s ({read / base:.2f}x) | "
          f"load_document (read + parse) {full:.3f} s ({full / base:.2f}x)")


if __name__ == "__main__":
    main()
