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
from precedent.ingest.pdf_geometry import geometry_page_texts, read_with_geometry
from precedent.ingest.pdf_glyphs import FontCache, GlyphRecorder
from precedent.ingest.structure import masthead_facts
from precedent.ingest.text_patterns import strip_footnote_marks

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


@pytest.fixture(scope="module", params=["line", "rect"])
def drawn(request, tmp_path_factory):
    path = make_drawn_rule_pdf(tmp_path_factory.mktemp("geometry") / f"drawn-{request.param}.pdf",
                               request.param)
    return load_document(path)


def test_footnotes_under_a_drawn_rule_are_footnote_records_with_their_whole_text(drawn):
    notes = {r.number.removeprefix("fn"): r.text for r in drawn.paragraphs if r.kind == "footnote"}
    assert notes == FOOTNOTES  # footnote 2 runs on from page 1 to page 2


def test_no_footnote_words_or_marks_in_paragraphs(drawn):
    body = {r.number: r for r in drawn.paragraphs if r.kind != "footnote"}
    assert {n: r.text for n, r in body.items()} == PARAGRAPHS
    assert {n: [f.mark for f in r.footnotes] for n, r in body.items()} == MARKS


def test_marks_set_as_a_browser_sets_them_are_marks(tmp_path):
    """A PDF printed from a browser sets a superscript at 0.83 of its text's size (Word at about
    0.65, the UN at 0.6): above the 0.82 a mark was allowed, its digits were read glued to the
    word ("Representatives,1", "observatories,4": a changed figure quoted) and its footnote not
    attached (an audit: 19 of 19 marked paragraphs in 7 PDFs printed from Chromium)."""
    parsed = load_document(make_drawn_rule_pdf(tmp_path / "browser.pdf", mark_size=8.3))
    body = {r.number: r for r in parsed.paragraphs if r.kind != "footnote"}
    assert {n: r.text for n, r in body.items()} == PARAGRAPHS
    assert {n: [f.mark for f in r.footnotes] for n, r in body.items()} == MARKS


def test_a_paragraph_across_the_page_break_is_one_paragraph(drawn):
    two = [r for r in drawn.paragraphs if r.number == "2"]
    assert len(two) == 1 and two[0].text.endswith("privacy of those families and to report on "
                                                  "progress at the next session of the Forum;")


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


# --- the recorder: rules, rise, rotation ---------------------------------------------------------


def test_recorder_keeps_painted_horizontal_rules_only():
    rec = GlyphRecorder(None, FontCache())
    rec.before(b"m", [72, 150], IDENTITY, IDENTITY)
    rec.before(b"l", [182, 150], IDENTITY, IDENTITY)
    rec.before(b"S", [], IDENTITY, IDENTITY)  # a stroked line: a rule
    rec.before(b"re", [72, 100, 110, 0.5], IDENTITY, IDENTITY)
    rec.before(b"f", [], IDENTITY, IDENTITY)  # a thin filled rectangle: a rule
    rec.before(b"re", [0, 0, 595, 0.5], IDENTITY, IDENTITY)
    rec.before(b"n", [], IDENTITY, IDENTITY)  # a clipping path: not painted
    rec.before(b"re", [72, 300, 110, 40], IDENTITY, IDENTITY)
    rec.before(b"f", [], IDENTITY, IDENTITY)  # a box, not a rule
    rec.before(b"m", [72, 200], IDENTITY, IDENTITY)
    rec.before(b"l", [72, 260], IDENTITY, IDENTITY)
    rec.before(b"S", [], IDENTITY, IDENTITY)  # a vertical line
    assert rec.rules == [(72.0, 182.0, 150.0), (72.0, 182.0, 100.0)]


def _pdf(tmp_path, draw) -> list:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for page in draw:
        page(c)
        c.showPage()
    c.save()
    return PdfReader(path).pages


def test_recorder_takes_the_text_rise_of_the_shown_run(tmp_path):
    def page(c):
        t = c.beginText(72, 500)
        t.setFont("Times-Roman", 10)
        t.textOut("Migrants")
        t.setFont("Times-Roman", 6)
        t.setRise(4)
        t.textOut("1")
        t.setRise(0)
        t.setFont("Times-Roman", 10)
        t.textOut(" and others")
        c.drawText(t)

    pages = _pdf(tmp_path, [page])
    rec = GlyphRecorder(pages[0]["/Resources"].get_object(), FontCache())
    pages[0].extract_text(visitor_operand_before=rec.before, visitor_operand_after=rec.after)
    assert [(c[0], c[5]) for c in rec.chunks] == [("Migrants", 0.0), ("1", 4.0),
                                                  (" and others", 0.0)]
    assert geometry_page_texts(pages) == ["Migrants¹ and others"]


def test_word_boundaries_come_from_the_glyph_gaps(tmp_path):
    """Strings drawn one by one at their own positions (as Word's justified text is): a gap of a
    few tenths of a space inside a word is no space ("prom" + "ote"), a word space between strings
    without a space glyph is one, never two words fused; a letter-spaced line (Tc) keeps its
    words by its own spacing."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", "Times-Roman", 10)

    def pieces(c, y, parts):
        x = 72.0
        for text, gap in parts:  # gap before the piece, in space widths
            x += gap * space
            c.setFont("Times-Roman", 10)
            c.drawString(x, y, text)
            x += stringWidth(text, "Times-Roman", 10)

    def page(c):
        pieces(c, 700, [("continues to prom", 0), ("ote equitable", 0.4), ("partnerships", 1.0)])
        pieces(c, 680, [("Unite", 0), ("d", 0.45), ("Nations", 0.8), ("and", 1.2), ("States", 2.5)])
        t = c.beginText(72, 660)
        t.setFont("Times-Roman", 10)
        t.setCharSpace(1.5)  # letters 0.6 of a space apart; the words a space more
        t.textOut("spaced out words")
        c.drawText(t)

    lines = geometry_page_texts(_pdf(tmp_path, [page]))[0].splitlines()
    assert lines[0] == "continues to promote equitable partnerships"
    assert lines[1] == "United Nations and States"
    assert " ".join(lines[2].split()) == "spaced out words"


def test_rotated_page_keeps_the_plain_text(tmp_path):
    def rotated(c):
        c.saveState()
        c.translate(300, 100)
        c.rotate(90)
        c.setFont("Times-Roman", 10)
        c.drawString(0, 0, "Sideways text")
        c.restoreState()

    def upright(c):
        c.setFont("Times-Roman", 10)
        c.drawString(72, 400, "Upright text")

    pages = _pdf(tmp_path, [rotated, upright])
    texts, used = read_with_geometry(pages)
    assert used == [False, True] and texts[1] == "Upright text"
    assert "Sideways" in texts[0]  # pypdf's own text of the page


def test_foot_margin_drops_the_job_number_but_never_a_footnote_line_beside_it(tmp_path):
    def page(c):
        c.setFont("Times-Roman", 10)
        c.drawString(72, 400, "We commit to cooperate on data.")
        c.setFont("Times-Roman", 8)
        c.drawString(72, 52, "4 See A/80/83.")
        c.drawString(72, 40, "25-16107 2/5")

    text = geometry_page_texts(_pdf(tmp_path, [page, page]))[1]
    assert "See A/80/83." in text and "25-16107" not in text


def test_a_table_drawn_cell_by_cell_is_no_footnote_separator(tmp_path):
    """A staffing table set in small type under "as reflected in the table below:" (A/RES/78/253,
    sect. XII, para. 15): its borders are drawn one short segment per cell, each as short as a
    footnote separator, with only small type under them. They join into one rule across the
    table, with more rules under it: the table's rows stay on the page's body, no footnote."""
    cells = [(123, 258), (258.5, 282), (282.5, 306), (306.5, 330), (330.5, 355)]

    def page(c):
        c.setFont("Times-Roman", 10)
        c.drawString(108, 400,
                     "15. Approves the conversion of eight temporary positions to posts and the")
        c.drawString(72, 388, "establishment of three posts, as reflected in the table below:")
        c.setLineWidth(0.5)
        for y in (370, 352, 320):
            for x0, x1 in cells:
                c.line(x0, y, x1, y)
        c.setFont("Times-Roman", 8)
        c.drawString(125, 360, "D-2 D-1 P-5 P-4 Total")
        c.drawString(125, 340, "Department of Operational Support 1 2 3")
        c.drawString(125, 328, "Total 1 2 3")
        c.drawString(72, 300, "Abbreviations: GS (OL), General Service (Other level).")

    text = geometry_page_texts(_pdf(tmp_path, [page]))[0]
    assert "__" not in text and "Department of Operational Support 1 2 3" in text


def test_a_page_without_text_keeps_the_plain_text(tmp_path):
    assert geometry_page_texts(_pdf(tmp_path, [lambda c: c.rect(72, 72, 100, 100)])) == [""]


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
