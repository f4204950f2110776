"""Reading PDFs with their geometry (``ingest.pdf_geometry``): footnote marks as small raised runs,
footnote separators drawn as rules, page furniture in the margins; and the draft symbol's suffix."""

from __future__ import annotations

import pytest
from fixtures_geometry import (
    DRAFT,
    FOOTNOTES,
    MARKS,
    PARAGRAPHS,
    SYMBOL,
    TITLE,
    make_drawn_rule_pdf,
)

from precedent.ingest.load import load_document
from precedent.ingest.pdf_geometry import PageRecorder, geometry_page_texts
from precedent.ingest.structure import masthead_facts
from precedent.ingest.textutil import strip_footnote_marks

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


@pytest.fixture(scope="module", params=["line", "rect"])
def drawn(request, tmp_path_factory):
    path = make_drawn_rule_pdf(tmp_path_factory.mktemp("geometry") / f"drawn-{request.param}.pdf", request.param)
    return load_document(path)


def test_footnotes_under_a_drawn_rule_are_footnote_records_with_their_whole_text(drawn):
    notes = {r.number.removeprefix("fn"): r.text for r in drawn.paragraphs if r.kind == "footnote"}
    assert notes == FOOTNOTES  # footnote 2 runs on from page 1 to page 2


def test_no_footnote_words_or_marks_in_paragraphs(drawn):
    body = {r.number: r for r in drawn.paragraphs if r.kind != "footnote"}
    assert {n: r.text for n, r in body.items()} == PARAGRAPHS
    assert {n: [f.mark for f in r.footnotes] for n, r in body.items()} == MARKS


def test_a_paragraph_across_the_page_break_is_one_paragraph(drawn):
    two = [r for r in drawn.paragraphs if r.number == "2"]
    assert len(two) == 1 and two[0].text.endswith("privacy of those families and to report on progress "
                                                  "at the next session of the Forum;")


def test_masthead_read_and_margins_dropped(drawn):
    assert (drawn.info.symbol, drawn.info.draft_symbol, drawn.info.title) == (SYMBOL, DRAFT, TITLE)
    for r in drawn.paragraphs:
        assert "18-21511" not in r.text and "2/2" not in r.text and TITLE not in r.text


def test_page_texts_carry_superscript_marks_and_a_separator(tmp_path):
    from pypdf import PdfReader

    pages = geometry_page_texts(PdfReader(make_drawn_rule_pdf(tmp_path / "d.pdf")).pages)
    assert "Coastal Migrants¹ and" in pages[0] and "coastal mobility,²" in pages[0]
    assert "under the item³" in pages[1]
    for page in pages:
        assert "__________" in page
    assert "18-21511" not in pages[0] and "*1821511*" not in pages[0]  # foot margin on page 1
    assert SYMBOL not in pages[1] and "2/2" not in pages[1]  # running head and page mark


# --- the recorder: rules, rise ------------------------------------------------------------------


def test_recorder_keeps_painted_horizontal_rules_only():
    rec = PageRecorder()
    rec.operand(b"m", [72, 150], IDENTITY, IDENTITY)
    rec.operand(b"l", [182, 150], IDENTITY, IDENTITY)
    rec.operand(b"S", [], IDENTITY, IDENTITY)  # a stroked line: a rule
    rec.operand(b"re", [72, 100, 110, 0.5], IDENTITY, IDENTITY)
    rec.operand(b"f", [], IDENTITY, IDENTITY)  # a thin filled rectangle: a rule
    rec.operand(b"re", [0, 0, 595, 0.5], IDENTITY, IDENTITY)
    rec.operand(b"n", [], IDENTITY, IDENTITY)  # a clipping path: not painted
    rec.operand(b"re", [72, 300, 110, 40], IDENTITY, IDENTITY)
    rec.operand(b"f", [], IDENTITY, IDENTITY)  # a box, not a rule
    rec.operand(b"m", [72, 200], IDENTITY, IDENTITY)
    rec.operand(b"l", [72, 260], IDENTITY, IDENTITY)
    rec.operand(b"S", [], IDENTITY, IDENTITY)  # a vertical line
    assert rec.rules == [(72.0, 182.0, 150.0), (72.0, 182.0, 100.0)]


def test_recorder_takes_text_rise_of_the_shown_run():
    rec = PageRecorder()
    rec.operand(b"Ts", [4], IDENTITY, IDENTITY)
    rec.operand(b"Tj", [b"1"], IDENTITY, IDENTITY)
    rec.operand(b"Ts", [0], IDENTITY, IDENTITY)
    rec.text("1", IDENTITY, [1, 0, 0, 1, 100, 500], None, 6)
    rec.text(" and", IDENTITY, [1, 0, 0, 1, 104, 500], None, 10)
    assert [(r[0], r[4]) for r in rec.runs] == [("1", 4.0), (" and", 0.0)]


# --- fallback ----------------------------------------------------------------------------------


class _FakeBox:
    left = bottom = 0
    width, height = 595, 842


class _FakePage:
    """A page whose visitors report the given runs ``(text, tm)``; returns ``plain`` as its text."""

    mediabox = _FakeBox()

    def __init__(self, runs, plain):
        self.runs, self.plain = runs, plain

    def extract_text(self, visitor_text=None, visitor_operand_before=None):
        for text, tm in self.runs:
            visitor_text(text, IDENTITY, tm, None, 10)
        return self.plain


def test_rotated_page_keeps_the_plain_text():
    rotated = _FakePage([("Sideways 1 text\n", [0, 1, -1, 0, 300, 100])], "PLAIN")
    upright = _FakePage([("Upright text\n", [1, 0, 0, 1, 72, 400])], "PLAIN2")
    assert geometry_page_texts([rotated, upright]) == ["PLAIN", "Upright text"]


def test_foot_margin_drops_the_job_number_but_never_a_footnote_line_beside_it():
    page = _FakePage([("We commit to cooperate on data.\n", [1, 0, 0, 1, 72, 400]),
                      ("4 See A/80/83.\n", [0.8, 0, 0, 0.8, 72, 52]),
                      ("25-16107 2/5\n", [0.8, 0, 0, 0.8, 72, 40])], "PLAIN")
    text = geometry_page_texts([page, page])[1]
    assert "See A/80/83." in text and "25-16107" not in text


def test_a_page_without_text_keeps_the_plain_text():
    assert geometry_page_texts([_FakePage([], "")]) == [""]


# --- the draft symbol ---------------------------------------------------------------------------


@pytest.mark.parametrize("line, draft", [
    ("[without reference to a Main Committee (A/80/L.2/Rev.1)]", "A/80/L.2/Rev.1"),
    ("[without reference to a Main Committee (A/78/L.5/Add.2)]", "A/78/L.5/Add.2"),
    ("[on the report of the Third Committee (A/80/123)]", None),  # a report, not a draft
])
def test_draft_symbol_with_its_suffix(line, draft):
    assert masthead_facts(line).get("draft_symbol") == draft


def test_a_symbol_suffix_digit_is_not_a_footnote_mark():
    text, marks = strip_footnote_marks("adopted from A/80/L.2/Rev.1 and Nations,1 as", {"1"})
    assert text == "adopted from A/80/L.2/Rev.1 and Nations, as" and marks == ("1",)
