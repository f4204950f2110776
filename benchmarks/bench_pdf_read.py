"""Reading real UN PDFs: pypdf's plain ``extract_text()`` of every page, side by side with
Precedent's geometry read, ``read_pdf`` and the whole ``load_document`` (read + parse), best of N
runs.

The geometry read (``pdf_geometry.geometry_page_texts``: one ``extract_text`` per page with the
text and operator visitors, then the page texts rebuilt) is timed against the plain
``extract_text()`` of the same parsed pages, the two alternating run by run so that a busy
machine slows both alike; its budget is 1.5x.

    python benchmarks/bench_pdf_read.py [PDF or folder ...] [--runs 5] [--detail]

Default: A/RES/80/5 (18 pages) in detail, then every PDF of ../shared/real-un/pdf and pdf-78
(86 files): the geometry read against ``extract_text`` per file and in total.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from precedent.ingest.load import load_document
from precedent.ingest.pdf_geometry import geometry_page_texts
from precedent.ingest.readers import read_pdf

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
DEFAULT = REAL / "pdf" / "A_RES_80_5.pdf"


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


def detail(path: Path, runs: int) -> None:
    """The geometry read, ``read_pdf`` and ``load_document`` against ``extract_text`` on one
    file."""
    data = path.read_bytes()

    def plain():
        from pypdf import PdfReader

        return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]

    text_only, with_geometry = side_by_side(data, runs)
    print(f"{path.name}: extract_text {text_only:.3f} s | with geometry {with_geometry:.3f} s "
          f"({with_geometry / text_only:.2f}x; budget 1.50x)")
    base = best(plain, runs)
    read = best(lambda: read_pdf(path, data), runs)
    full = best(lambda: load_document(path), runs)
    print(f"{path.name}: pypdf extract_text {base:.3f} s | read_pdf {read:.3f} s "
          f"({read / base:.2f}x) | load_document (read + parse) {full:.3f} s ({full / base:.2f}x)")


def over_files(paths: list[Path], runs: int) -> None:
    """The geometry read against ``extract_text``, file by file (best of ``runs`` each), and the
    ratio of the totals."""
    total_plain = total_geometry = 0.0
    ratios = []
    for path in paths:
        plain, geometry = side_by_side(path.read_bytes(), runs)
        total_plain += plain
        total_geometry += geometry
        ratios.append((geometry / plain, path.name))
        print(f"  {path.name:24} extract_text {plain:.3f} s | with geometry {geometry:.3f} s "
              f"({geometry / plain:.2f}x)")
    ratios.sort()
    print(f"{len(paths)} PDFs: extract_text {total_plain:.2f} s | with geometry "
          f"{total_geometry:.2f} s ({total_geometry / total_plain:.2f}x of the totals; budget "
          f"1.50x); per file: median {ratios[len(ratios) // 2][0]:.2f}x, highest "
          f"{ratios[-1][0]:.2f}x ({ratios[-1][1]})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", help="PDF files or folders (default: the real UN PDFs)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--detail", action="store_true",
                    help="also read_pdf and load_document, per file")
    args = ap.parse_args()
    given = [Path(p) for p in args.pdfs]
    paths = [q for p in given for q in (sorted(p.glob("*.pdf")) if p.is_dir() else [p])]
    if not given:
        detail(DEFAULT, args.runs)
        paths = (sorted(REAL.joinpath("pdf").glob("*.pdf"))
                 + sorted(REAL.joinpath("pdf-78").glob("*.pdf")))
    elif args.detail:
        for path in paths:
            detail(path, args.runs)
    over_files(paths, args.runs)


if __name__ == "__main__":
    main()
