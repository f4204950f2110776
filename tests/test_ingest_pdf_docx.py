"""A UN-style resolution as PDF and as DOCX (typed and automatic numbering) parses into the
paragraphs it prints: numbers as printed, text verbatim, no furniture or footnote inside."""

from __future__ import annotations

import io
import zipfile

import pytest
from fixtures_un import (
    ANNEX_TITLE,
    FOOTNOTES,
    JOB_NUMBER,
    OBJECTIVE_5,
    SYMBOL,
    TITLE,
    expected_records,
    make_un_docx,
    make_un_pdf,
)
from pypdf import PdfReader

from precedent.ingest import Footnote, load_document
from precedent.ingest.docx_styles import format_number
from precedent.ingest.docx_text import docx_paragraph_texts
from precedent.ingest.text_patterns import SUPERSCRIPTS

VARIANTS = ("pdf", "docx-typed", "docx-auto")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("un")
    return {
        "pdf": make_un_pdf(d / "a-res-99-123.pdf"),
        "docx-typed": make_un_docx(d / "typed.docx"),
        "docx-auto": make_un_docx(d / "auto.docx", auto_numbering=True),
    }


@pytest.fixture(scope="module")
def parsed(files):
    return {name: load_document(path) for name, path in files.items()}


def records(parsed, variant):
    return {(r.part, r.number): r for r in parsed[variant].paragraphs}


# --- the fixtures exercise what they claim ------------------------------------------------


def test_pdf_text_layer_has_the_hard_cases(files):
    pages = [p.extract_text() for p in PdfReader(files["pdf"]).pages]
    lines = [ln.strip() for p in pages for ln in p.splitlines()]
    assert len(pages) == 3
    assert any(ln.endswith("seasonal migra\u00ad") for ln in lines)  # broken at a soft hyphen
    assert any(ln.endswith("circular migra\u00ad") for ln in lines)
    assert any(ln.endswith("hampers child-") for ln in lines)  # a compound broken at its hyphen
    assert any(ln.startswith("2030 Agenda") for ln in lines)  # a wrapped line starting with digits
    assert any(ln.startswith("4 per cent") for ln in lines)  # ... with the next footnote's number
    assert "Development,1 and" in pages[0]  # reference mark glued to a word
    assert "1 Resolution 70/1." in lines and JOB_NUMBER in lines and "*1821511*" in lines
    assert pages[1].count(SYMBOL) == 1 and "2/3" in pages[1]  # running head, page number
    assert lines[lines.index(TITLE) - 1] == SYMBOL or lines[lines.index(TITLE) + 1] == SYMBOL
    # annex paragraph 2 runs from page 2 onto page 3
    assert ("neighbouring" in pages[1]
            and pages[2].splitlines()[3].startswith("States, municipalities"))


def _document_xml(path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_docx_variants_number_as_claimed(files):
    auto, typed = _document_xml(files["docx-auto"]), _document_xml(files["docx-typed"])
    assert "<w:numPr>" in auto and 'w:val="ListNumber"' in auto
    assert "<w:numPr>" not in typed and 'w:val="ListNumber"' not in typed
    assert "1.\t" not in auto and ">(a)" not in auto
    for xml in (auto, typed):
        assert xml.count("<w:footnoteReference") == len(FOOTNOTES)
    with zipfile.ZipFile(files["docx-auto"]) as zf:
        assert "w:startOverride" in zf.read("word/numbering.xml").decode("utf-8")
        assert "word/footnotes.xml" in zf.namelist()


# --- the same guarantees on every variant ---------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_masthead(parsed, variant):
    info = parsed[variant].info
    assert info.symbol == SYMBOL
    assert info.date == "2018-12-19"  # adoption date, not the issue date
    assert info.title == TITLE
    assert info.doc_id == "a-res-99-123"


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_paragraph_as_printed(parsed, variant):
    got = [
        {"part": r.part, "number": r.number, "kind": r.kind, "text": r.text,
         "parent": r.parent.rsplit(":", 1)[-1] if r.parent else ""}
        for r in parsed[variant].paragraphs if r.kind != "footnote"
    ]
    assert got == expected_records()


VERBATIM = {
    ("resolution",
     "PP3"): "Noting with concern that the movement of workers between neighbouring regions and "
             "seasonal migration in general remain poorly measured in many regions, and that the "
             "absence of reliable data hampers child-sensitive planning by local authorities,",
    ("resolution",
     "3"): "Requests the Secretary-General to submit to the General Assembly at its one hundred "
           "and first session a report on the implementation of the present resolution, including "
           "on the contribution of the Framework to the 2030 Agenda for Sustainable Development, "
           "and to include in that report the views of Member States and of the relevant entities "
           "of the United Nations system.",
    ("annex",
     "2"): "We recognize that migrant communities contribute to the economic and cultural life of "
           "the places where they settle, that their members are entitled to the full enjoyment of "
           "their human rights regardless of their migration status, and that the welfare of these "
           "communities depends on predictable cooperation among neighbouring States, "
           "municipalities, employers, schools and the communities themselves, which we intend to "
           "strengthen through the present Framework over the coming decade, with regular reviews "
           "of progress.",
    ("annex",
     "3 (b)"): "Support the regular collection of reliable data on seasonal, temporary and "
               "circular migration, disaggregated by age, sex and migration status, while "
               "protecting the right to privacy;",
    ("annex",
     "5"): "We encourage employers and trade unions to reduce the recruitment costs borne by "
           "migrant workers to below 4 per cent of their annual earnings, and to share good "
           "practices with the authorities of countries of origin and destination.",
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("key", sorted(VERBATIM))
def test_verbatim_text(parsed, variant, key):
    assert records(parsed, variant)[key].text == VERBATIM[key]


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_furniture_or_footnote_inside_a_paragraph(parsed, variant):
    body = [r for r in parsed[variant].paragraphs if r.kind != "footnote"]
    for r in body:
        for junk in (SYMBOL, JOB_NUMBER, "1821511", "2/3", "3/3", TITLE, "Annex", "Introduction",
                     "Objective 5"):
            assert junk not in r.text, (r.citation, junk)
        assert not r.text.startswith(ANNEX_TITLE), r.citation
        assert not set(r.text) & set(SUPERSCRIPTS), r.citation
        for note in FOOTNOTES.values():
            assert note not in r.text, r.citation
        assert not r.text.endswith(("1", "2", "3", "4")), r.citation


@pytest.mark.parametrize("variant", VARIANTS)
def test_footnotes_are_their_own_records_and_referenced(parsed, variant):
    recs = records(parsed, variant)
    notes = [r for r in parsed[variant].paragraphs if r.kind == "footnote"]
    assert [(r.part, r.number, r.text) for r in notes] == [
        ("resolution", "fn1", FOOTNOTES[1]), ("resolution", "fn2", FOOTNOTES[2]),
        ("annex", "fn3", FOOTNOTES[3]), ("annex", "fn4", FOOTNOTES[4]),
    ]
    assert recs[("resolution", "PP2")].footnotes == (Footnote("1", FOOTNOTES[1]),)
    assert recs[("resolution", "1")].footnotes == (Footnote("2", FOOTNOTES[2]),)
    assert recs[("annex", "1")].footnotes == (Footnote("3", FOOTNOTES[3]),)
    assert recs[("annex", "4")].footnotes == (Footnote("4", FOOTNOTES[4]),)
    assert recs[("annex", "5")].footnotes == ()  # "4 per cent" is not a footnote mark
    assert recs[("annex", "fn4")].citation == f"{SYMBOL}, annex, footnote 4"


@pytest.mark.parametrize("variant", VARIANTS)
def test_hyphenated_words_rejoined(parsed, variant):
    recs = records(parsed, variant)
    assert "seasonal migration in general" in recs[("resolution", "PP3")].text
    assert "hampers child-sensitive planning" in recs[("resolution", "PP3")].text
    assert "circular migration, disaggregated" in recs[("annex", "3 (b)")].text
    assert "Secretary-General" in recs[("resolution", "3")].text


@pytest.mark.parametrize("variant", VARIANTS)
def test_subparagraphs_are_their_own_records(parsed, variant):
    recs = records(parsed, variant)
    chapeau = recs[("annex", "3")]
    assert chapeau.text == "To realize this commitment, we will draw from the following actions:"
    for letter in "abc":
        sub = recs[("annex", f"3 ({letter})")]
        assert sub.kind == "subparagraph"
        assert sub.parent == chapeau.id
        assert sub.id == f"a-res-99-123:annex:3({letter})"
    assert recs[("annex", "3 (b)")].citation == "A/RES/99/123, annex, para. 3 (b)"


@pytest.mark.parametrize("variant", VARIANTS)
def test_annex_numbering_restarts(parsed, variant):
    paras = [r for r in parsed[variant].paragraphs if r.kind == "paragraph"]
    assert [(r.part, r.number) for r in paras] == [("resolution", n)
                                                   for n in "123"] + [("annex", n) for n in "12345"]
    assert len({r.id for r in parsed[variant].paragraphs}) == len(parsed[variant].paragraphs)
    assert records(parsed,
                   variant)[("resolution", "3")].citation == "A/RES/99/123, resolution, para. 3"


@pytest.mark.parametrize("variant", VARIANTS)
def test_objective_heading(parsed, variant):
    recs = records(parsed, variant)
    for n in ("4", "5"):
        assert recs[("annex", n)].objectives == (5,)
        assert recs[("annex", n)].section == (ANNEX_TITLE, "Commitments", OBJECTIVE_5)
    for n in ("1", "2", "3", "3 (a)"):
        assert recs[("annex", n)].objectives == ()
        assert recs[("annex", n)].section == (ANNEX_TITLE, "Introduction")


def test_pdf_pages(parsed):
    recs = records(parsed, "pdf")
    assert recs[("resolution", "PP1")].page == 1
    assert recs[("annex", "1")].page == 2
    assert recs[("annex", "2")].page == 2  # starts on page 2, ends on page 3
    assert recs[("annex", "3 (c)")].page == 3
    assert records(parsed, "docx-auto")[("annex", "2")].page is None


# --- DOCX numbering details -----------------------------------------------------------------


def test_number_formats():
    assert [format_number(n, "lowerLetter") for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert format_number(3, "upperRoman") == "III" and format_number(7, "decimal") == "7"
    assert format_number(1, "bullet") == ""


def test_docx_lists_sharing_a_definition_continue_and_startoverride_restarts(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from fixtures_un import W_NS, _add_numbering, _set_numpr

    document = docx.Document()
    cont, restart = _add_numbering(document)
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="93"><w:abstractNumId '
                               'w:val="90"/></w:num>'))
    plan = [(cont, 0, "First."), (cont, 1, "sub one;"), (cont, 1, "sub two."), (cont, 0, "Second."),
            (93, 0, "Third, continuing the same list."), (restart, 0, "One again."),
            (restart, 1, "sub.")]
    for num_id, ilvl, text in plan:
        p = document.add_paragraph(text)
        _set_numpr(p, num_id, ilvl)
    buf = io.BytesIO()
    document.save(buf)
    lines = docx_paragraph_texts(io.BytesIO(buf.getvalue()))
    assert [ln for ln in lines if ln] == [
        "1. First.", "(a) sub one;", "(b) sub two.", "2. Second.",
        "3. Third, continuing the same list.", "1. One again.", "(a) sub.",
    ]


# --- the shipped Declaration printed as a UN PDF and as DOCX parses as the text file does ----


def _key(r):
    return (r.part, r.number, r.kind, r.text, r.section, r.objectives, r.footnotes, r.category,
            r.parent)


@pytest.fixture(scope="module")
def declaration_txt_records():
    from precedent.corpus import shipped_documents

    return [_key(r) for r in load_document(shipped_documents()[0]["path"]).paragraphs]


@pytest.mark.parametrize("variant", VARIANTS)
def test_declaration_as_pdf_or_docx_matches_the_text_file(tmp_path, declaration_txt_records,
                                                          variant):
    from fixtures_un import declaration_spec

    spec = declaration_spec()
    if variant == "pdf":
        path = make_un_pdf(tmp_path / "declaration.pdf", spec)
        pages = [p.extract_text() for p in PdfReader(path).pages]
        assert len(pages) >= 8 and sum(p.count("26-07011 (E) 300426") for p in pages) == 1
    else:
        path = make_un_docx(tmp_path / "declaration.docx", spec,
                            auto_numbering=variant == "docx-auto")
    parsed = load_document(path)
    assert parsed.info.symbol == "" and parsed.info.date == "2026-04-30"
    got = [_key(r) for r in parsed.paragraphs]
    # Same records; only where footnote records sit in reading order depends on the layout.
    assert [k for k in got if k[2] != "footnote"] == [k for k in declaration_txt_records
                                                      if k[2] != "footnote"]
    assert sorted(got) == sorted(declaration_txt_records)
