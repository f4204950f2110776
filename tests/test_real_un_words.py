"""Every word as the UN published it, on the 86 real PDFs of ``../shared/real-un`` (issue #16).

The differential test reads each PDF with PDFium (``pypdfium2``, a test dependency; the product
reads with pypdf) and compares every word Precedent prints with PDFium's text
(``word_oracle``): nothing split, joined, altered or lost, every footnote mark kept out of a
text recorded on it. PDFium's own slips are told apart by PDFium's geometry (a space it sets
between glyphs closer than a word space is its split, "Unite d"), page furniture and masthead by
their place. Every count of every class is 0 on every document: no allowance.

The tests after it pin each defect class on the documents where it was found.
"""

from __future__ import annotations

import pytest
from word_oracle import MARK_CLASSES, REAL, STRUCTURE_CLASSES, WORD_CLASSES, compare, real_pdfs

from precedent.ingest.load import load_document

pytestmark = pytest.mark.skipif(not REAL.is_dir(),
                                reason=f"real UN documents not present at {REAL}")

PDFS = [p.name for p in real_pdfs()]
_DOCS: dict[str, object] = {}


def parsed(name: str):
    if name not in _DOCS:
        folder = ("text" if name.endswith(".txt") else "pdf-78" if name.startswith("A_RES_78")
                  else "pdf")
        _DOCS[name] = load_document(REAL / folder / name)
    return _DOCS[name]


def by_citation(name: str) -> dict[str, object]:
    return {r.citation: r for r in parsed(name).paragraphs}


@pytest.mark.slow
@pytest.mark.parametrize("name", PDFS)
def test_every_word_as_pdfium_reads_it(name):
    pytest.importorskip("pypdfium2",
                        reason="the differential test needs the test extra (pypdfium2)")
    folder = "pdf-78" if name.startswith("A_RES_78") else "pdf"
    result = compare(REAL / folder / name, parsed(name))
    over = {kind: (result.counts[kind], result.examples[kind][:6])
            for kind in WORD_CLASSES + MARK_CLASSES + STRUCTURE_CLASSES if result.counts[kind]}
    assert not over, over


# --- 1. words split apart: boundaries from the glyphs ---------------------------------------------


@pytest.mark.parametrize("name, citation, words", [
    ("A_RES_78_145.pdf", "A/RES/78/145, para. 14", ["continues to promote equitable"]),
    ("A_RES_78_145.pdf", "A/RES/78/145, para. 7", ["highlighting the importance of"]),
    ("A_RES_78_46.pdf", "A/RES/78/46, para. 13", ["improved funding arrangements,"]),
    ("A_80_L.4.pdf", "A/80/L.4, annex, para. 21", ["role of United Nations"]),
])
def test_no_space_inside_a_word(name, citation, words):
    text = by_citation(name)[citation].text
    for w in words:
        assert w in text, (w, text)
    assert not any(piece in text
                   for piece in ("prom ote", "importan ce", "wome n", "arrangeme nts", "Unite d"))


# --- 2. a hyphen at a line end is the word's own
# ---------------------------------------------------


@pytest.mark.parametrize("name, citation, compound", [
    ("A_RES_78_150.pdf", "A/RES/78/150, para. 2", "small and medium-sized enterprises"),
    ("A_RES_78_160.pdf", "A/RES/78/160, PP31", "sixty-first"),
    ("A_RES_80_5.pdf", "A/RES/80/5, annex, para. 24", "whole-of-government"),
    ("A_RES_76_266.txt", "A/RES/76/266, annex, para. 30", "information-sharing"),
    ("A_RES_73_195.txt", "A/RES/73/195, annex, para. 15 (j)",
     "broad multi-stakeholder partnerships"),
    ("A_RES_73_195.txt", "A/RES/73/195, annex, para. 21 (d)", "circular and fast-track programmes"),
    ("A_RES_73_195.txt", "A/RES/73/195, annex, para. 22 (k)", "lower-skilled occupations"),
    ("A_RES_73_326.txt", "A/RES/73/326, PP4", "approach and whole-of-society approach"),
    ("A_RES_76_266.txt", "A/RES/76/266, annex, para. 46", "awareness-raising"),
])
def test_compound_hyphen_at_a_line_end_is_kept(name, citation, compound):
    assert compound in by_citation(name)[citation].text


# --- 3. a digit inside a number is never a footnote mark
# -------------------------------------------


def test_figures_keep_every_digit_in_a_text_layer():
    recs = by_citation("A_RES_76_266.txt")
    for n in ("42", "67"):
        para = recs[f"A/RES/76/266, annex, para. {n}"]
        assert "6.3 per cent" in para.text and "6. per cent" not in para.text
        assert para.footnotes == ()  # not footnote 3 ("A/76/642.") of paragraph 1
    assert "15 per cent were under" in recs["A/RES/76/266, annex, para. 9"].text


@pytest.mark.parametrize("name, citation, figure", [
    ("A_RES_80_5.pdf", "A/RES/80/5, annex, para. 42 (g)", "0.7 per cent"),
    ("A_RES_80_7.pdf", "A/RES/80/7, para. 2", "GC(69)/RES/9 A.2,"),
    ("A_RES_78_151.pdf", "A/RES/78/151, para. 10", "target 12.1 of Goal 12"),
    ("A_RES_78_151.pdf", "A/RES/78/151, PP16", "1/CMA.4"),
    ("A_RES_78_130.pdf", "A/RES/78/130, PP20", "resolution 72.7 of"),
])
def test_figures_keep_every_digit_in_a_pdf(name, citation, figure):
    assert figure in by_citation(name)[citation].text


# --- 4. every mark kept out of a text is recorded, with its footnote
# -------------------------------


@pytest.mark.parametrize("name", ["A_RES_78_11.pdf", "A_RES_78_155.pdf", "A_RES_80_5.pdf",
                                  "A_RES_76_266.txt"])
def test_marks_taken_out_are_recorded_and_footnotes_are_plain_text(name):
    doc = parsed(name)
    notes = {r.number.removeprefix("fn"): r for r in doc.paragraphs if r.kind == "footnote"}
    for r in doc.paragraphs:
        assert "\u2063" not in r.text, r.citation  # the marker of a mark set apart never leaks
        for f in r.footnotes:
            assert f.mark in notes and notes[f.mark].text == f.text, (r.citation, f.mark)
    # A/RES/78/11 para. 3 cites footnote 2 again ("12 August 1949,²"), printed on page 1.
    para = by_citation("A_RES_78_11.pdf")["A/RES/78/11, para. 3"]
    assert [f.mark for f in para.footnotes] == ["2"] and "12 August 1949, continue" in para.text


def test_a_raised_figure_without_a_footnote_stays_in_the_text():
    from precedent.ingest.text_patterns import strip_footnote_marks

    assert strip_footnote_marks("an area of 5 km² and Rights;³", {"3"},
                                plain=False) == ("an area of 5 km² and Rights;", ("3",))
    assert strip_footnote_marks("remained at 6.3 per cent", {"3"}) == ("remained at 6.3 per cent",
                                                                       ())
    assert strip_footnote_marks("the Goals,15 per cent", {"15"}) == ("the Goals,15 per cent", ())
    assert strip_footnote_marks("adopted in October 2013.19 It builds", {"19"}) == (
        "adopted in October 2013. It builds", ("19",))
