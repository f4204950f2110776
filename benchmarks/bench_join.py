"""Joining wrapped lines is linear (issue #19, item 3): time ``join_lines`` on one long paragraph
wrapped at 80 columns, and ``load_document`` on a long text of numbered paragraphs.

    python benchmarks/bench_join.py [--mb 1.0] [--paragraphs 7896] [--old PATH/TO/text_patterns.py]

``--old`` times the ``join_lines`` of another ``text_patterns.py`` on the same lines (e.g. one taken
with ``git show 678e473:ingest/textutil.py``): the quadratic one took 174 s on a 1 MB paragraph.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
import textwrap
import time
from pathlib import Path

from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import load_document
from precedent.ingest.text_patterns import join_lines

SENTENCE = ("Member States commit to strengthening cooperation on safe, orderly and regular "
            "migration, including through whole-of-government and whole-of-society approaches and "
            "data sharing. ")


def wrapped_paragraph(mb: float) -> list[str]:
    text = SENTENCE * int(mb * 2**20 / len(SENTENCE))
    return textwrap.wrap(text, 80, break_on_hyphens=False)


def numbered_text(n: int) -> str:
    body = (SENTENCE * 4)[:600].rstrip() + "."  # a 4.9 MB text for 7,896 paragraphs
    paras = [f"{k}. " + textwrap.fill(body, 80) for k in range(1, n + 1)]
    return "The General Assembly,\n\n" + "\n\n".join(paras) + "\n"


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--paragraphs", type=int, default=7896)
    ap.add_argument("--old", help="a text_patterns.py whose join_lines to time as well")
    args = ap.parse_args()

    lines = wrapped_paragraph(args.mb)
    seconds, out = timed(lambda: join_lines(lines))
    print(f"join_lines: {len(lines):,} lines, {len(out) / 2**20:.2f} MB paragraph: {seconds:.2f} s")
    if args.old:
        spec = importlib.util.spec_from_file_location("old_textutil", args.old)
        old = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(old)
        seconds, _ = timed(lambda: old.join_lines(lines))
        print(f"join_lines of {args.old}: {seconds:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wrapped.txt"
        path.write_text("\n".join(lines) + "\n")
        seconds, err = timed(lambda: _refusal(path))
        print(f"load_document, the {args.mb:g} MB wrapped paragraph: {seconds:.2f} s ({err})")
        path = Path(tmp) / "numbered.txt"
        path.write_text(numbered_text(args.paragraphs))
        seconds, doc = timed(lambda: load_document(path))
        numbers = [r.number for r in doc.paragraphs if r.kind == "paragraph"]
        whole = numbers == [str(k) for k in range(1, args.paragraphs + 1)]
        print(f"load_document, {args.paragraphs:,} numbered paragraphs "
              f"({path.stat().st_size / 2**20:.1f} MB): {seconds:.2f} s, {len(numbers):,} "
              f"paragraphs, numbered 1..{args.paragraphs} in order: {whole}")


def _refusal(path: Path) -> str:
    try:
        load_document(path)
    except PrecedentError as e:
        return f"refused: {str(e).split(': ', 1)[-1][:70]}"
    return "parsed"


if __name__ == "__main__":
    main()
