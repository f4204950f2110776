"""Paragraphs never lost or merged by a document's structure (issue 16, items 5-9; issue 19,
item 12), on invented documents laid out as UN budget, omnibus and outcome documents are, as PDF,
DOCX and text: headings between operative paragraphs, sections numbered from 1 (cited
``sect. II, para. 3``) or numbering on, numbered actions (``Action 4``), a body line opening with
a number that is not a footnote, long lists, and ids unique whatever the input."""

from __future__ import annotations

import re

import pytest
from fixtures_sections import (
    CHAPTER_I,
    CHAPTER_II,
    ESTIMATES,
    FINANCING,
    FINANCING_PARAGRAPHS,
    FORMATS,
    PERFORMANCE,
    SECTION_IV_ITEMS,
    SECTIONS,
    financing_spec,
    load_spec,
    omnibus_spec,
    pact_spec,
)
from fixtures_un import clean, make_un_pdf
from parse_text import parse_text

from precedent.ingest import assemble, readers
from precedent.ingest.load import load_document
from precedent.ingest.pdf_layout import starts_block
from precedent.ingest.readers import IngestError
from precedent.ingest.records import DocumentInfo
from precedent.ingest.sections import restarting_sections
from precedent.ingest.structure import parse_pages

load = load_spec


def by_citation(doc) -> dict:
    return {r.citation.split(", ", 1)[1]: r for r in doc.paragraphs}


def numbers_by_part(doc) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    for r in doc.paragraphs:
        if r.kind == "paragraph" and r.number.isdigit():
            parts.setdefault(r.part, []).append(int(r.number))
    return parts


def assert_ids_unique(doc):
    ids = [r.id for r in doc.paragraphs]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


# --- item 6: a heading between operative paragraphs is a section, never text ---------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_headings_between_operative_paragraphs_are_sections(fmt, tmp_path):
    doc = load(financing_spec(), fmt, tmp_path)
    by = by_citation(doc)
    paragraphs = [r for r in doc.paragraphs if r.kind == "paragraph"]
    assert [r.number for r in paragraphs] == ["1", "2", "3", "4", "5"]
    for n, text in FINANCING_PARAGRAPHS.items():
        assert by[f"para. {n}"].text == clean(text)
    assert by["para. 2"].section == ()
    assert by["para. 3"].section == (PERFORMANCE,)
    assert by["para. 4"].section == (ESTIMATES,)
    assert by["para. 5"].section == (FINANCING,)
    for heading in (PERFORMANCE, ESTIMATES, FINANCING):
        assert not any(heading in r.text for r in doc.paragraphs)


def test_a_full_width_title_line_before_a_numbered_paragraph_opens_a_block():
    """The text layer gives no type size: a title printed at the full measure after a sentence's
    end is known by what follows it, a numbered paragraph (at most two more title lines on)."""
    prev = "that the Mission is administered with a maximum of efficiency and economy;"
    title = "Budget performance report for the period from 1 July 2022 to 30 June 2023"
    assert starts_block(prev, title, full=len(title), following=["15. Takes note of the report"])
    assert starts_block(prev, title, full=len(title),
                        following=["periods from 1 July 2022", "15. Takes"])
    # The same words going on to a sentence are the rest of a paragraph, not a heading.
    assert not starts_block(prev, title, full=len(title),
                            following=["and the report;", "15. Takes"])
    assert not starts_block(prev, title, full=len(title), following=[])


def test_a_title_at_the_top_of_a_page_after_a_finished_paragraph(tmp_path):
    pages = [
        "A/RES/99/293\nGeneral Assembly\nDistr.: General\n3 July 2099\n99/293. Financing of the "
        "support account\nThe General Assembly,\n"
        "1. Decides to maintain, for the financial period from 1 July 2099 to 30 June 2100, the "
        "funding\nmechanism for the support account used in the current period, as approved in its "
        "resolution;",
        "Budget performance report for the period from 1 July 2097 to 30 June 2098 of the account\n"
        "2. Takes note of the report of the Secretary-General on the budget performance of the "
        "support\naccount for the period from 1 July 2097 to 30 June 2098;",
    ]
    _, recs = parse_pages(pages, DocumentInfo(doc_id="d", title=""), has_pages=True, wrapped=True)
    two = next(r for r in recs if r.number == "2")
    assert (two.text.startswith("Takes note")
            and two.section[0].startswith("Budget performance report"))
    assert "Budget" not in next(r for r in recs if r.number == "1").text


# --- item 7: sections that restart the numbering -------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_sections_numbered_from_one_are_cited_as_the_un_cites_them(fmt, tmp_path):
    doc = load(omnibus_spec(), fmt, tmp_path)
    by = by_citation(doc)
    assert_ids_unique(doc)
    for label, title, preamble, paragraphs, unnumbered in SECTIONS:
        part = f"sect. {label}"
        recs = [r for r in doc.paragraphs if r.part == part and r.kind == "paragraph"]
        numbered = [r.number for r in recs if r.number.isdigit()]
        assert numbered == [str(n) for n in range(1, len(paragraphs) + 1)], (part, numbered)
        for k, (text, letters) in enumerate(paragraphs, start=1):
            rec = by[f"{part}, para. {k}"]
            # The label printed on a line of its own above the title is kept with it.
            assert rec.text == clean(text) and rec.section == (f"{label}. {title}",)
            assert rec.id == f"{doc.info.doc_id}:sect{label}:{k}"
            for j, letter in enumerate(letters):
                sub = by[f"{part}, para. {k} ({chr(ord('a') + j)})"]
                assert sub.text == clean(letter) and sub.parent == rec.id
        pps = [r.text for r in doc.paragraphs if r.part == part and r.kind == "preambular"]
        assert pps == [clean(t) for t in preamble]
        if unnumbered:
            assert by[f"{part}, unnumbered paragraph 1"].text == clean(unnumbered)
    chapeau = by["sect. IV, unnumbered paragraph 1"]
    items = [by[f"sect. IV, unnumbered paragraph 1 ({x})"] for x in "ab"]
    assert [r.text for r in items] == SECTION_IV_ITEMS and all(r.parent == chapeau.id
                                                               for r in items)
    # Footnotes are numbered through the document: cited without a section.
    assert [r.citation for r in doc.paragraphs if r.kind == "footnote"] == [
        f"{doc.info.symbol}, footnote {n}" for n in (1, 2, 3)]
    assert [f.mark for f in by["sect. I, PP2"].footnotes] == ["1", "2"]
    assert not any(r.text.strip() in {"I", "II", "III", "IV"} for r in doc.paragraphs)


@pytest.mark.parametrize("fmt", ("pdf", "txt"))
def test_sections_numbering_on_are_headings_only(fmt, tmp_path):
    doc = load(omnibus_spec(run_on=True), fmt, tmp_path)
    assert_ids_unique(doc)
    assert {r.part for r in doc.paragraphs} == {""}
    numbers = [r.number for r in doc.paragraphs if r.kind == "paragraph" and r.number.isdigit()]
    assert numbers == [str(n) for n in range(1, 8)]
    by = by_citation(doc)
    assert by["para. 4"].section == (f"II. {SECTIONS[1][1]}",
                                     ) and by["para. 4"].text == clean(SECTIONS[1][3][0][0])
    # A section's own preamble stays preambular where the numbering runs on.
    assert by["PP3"].text == clean(SECTIONS[1][2][0])


def test_restart_is_read_from_the_document_not_from_a_list():
    def blocks(firsts):
        out = [("The General Assembly,", "text")]
        for label, first in zip(("I", "II", "III"), firsts):
            out += [(label, "text"), ("A title", "text")]
            out += [(f"{n}. Decides.", "para") for n in range(first, first + 2)]
        return out

    def labels(found):
        return [(i, f.label, f.head) for i, f in sorted(found.items())]

    assert labels(restarting_sections(blocks([1, 1, 1]))) == [(1, "I", True), (5, "II", True),
                                                              (9, "III", True)]
    assert restarting_sections(blocks([1, 3, 5])) == {}  # numbering runs on
    # A numbered list inside a paragraph ("16. ... objectives: 1. ... 2. ...") is no section.
    listing = [("16. We agree on these objectives:", "para"), ("1. Collect data;", "para"),
               ("2. Share it.", "para"), ("Objectives and commitments", "text"),
               ("17. We commit.", "para")]
    assert restarting_sections(listing) == {}
    # Nor a list under a heading of its own, after which the paragraphs go on (the Compact's 16,
    # 17).
    listed = [("16. We build upon it.", "para"), ("Objectives for safe migration", "text"),
              ("1. Collect data", "para"),
              ("2. Share data", "para"), ("Objectives and commitments", "text"),
              ("17. We commit.", "para")]
    assert restarting_sections(listed) == {}
    # Each annex is judged on its own; lettered heads (a table's "A. Title") are not roman ones.
    mixed = blocks([1, 1, 1]) + [("A. Pension Administration", "text"), ("7. Approves.", "para"),
                                 ("Annex", "text"), ("I", "text"), ("1. We.", "para"),
                                 ("II", "text"), ("2. We.", "para")]
    assert labels(restarting_sections(mixed)) == [(1, "I", True), (5, "II", True), (9, "III", True)]
    # Titles only: a title, then paragraph 1 again; the first section starts at its title, or at
    # its first paragraph when it has none.
    titled = [("The General Assembly,", "text"), ("Activities of the invented office", "text"),
              ("1. Reaffirms.", "para"), ("2. Requests.", "para"),
              ("Activities of the invented committee", "text"),
              ("Recalling its resolutions,", "text"), ("1. Notes.", "para")]
    assert labels(restarting_sections(titled)) == [(1, "1", True), (4, "2", True)]
    assert labels(restarting_sections([titled[0]] + titled[2:])) == [(1, "1", False),
                                                                     (3, "2", True)]


@pytest.mark.parametrize("fmt", ("pdf", "txt"))
def test_sections_printed_with_a_title_only_are_numbered_by_their_place(fmt, tmp_path):
    spec = omnibus_spec(labels=False, sections=2)
    doc = load(spec, fmt, tmp_path)
    assert_ids_unique(doc)
    assert numbers_by_part(doc) == {"sect. 1": [1, 2, 3], "sect. 2": [1, 2, 3, 4]}
    one = by_citation(doc)["sect. 2, para. 1"]
    assert (one.text == "Takes note of the report of the Secretary-General;"
            and one.section == (SECTIONS[1][1],))
    assert by_citation(doc)["sect. 2, PP1"].text == clean(SECTIONS[1][2][0])


def test_section_parts_in_search_filters_and_evaluation_labels(tmp_path):
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.search.evaluate import label_key, record_labels
    from precedent.search.filters import part_matches

    path = make_un_pdf(tmp_path / "omnibus.pdf", omnibus_spec())
    lib = Library.open(tmp_path / "home", embedder=HashEmbedder())
    lib.add(path)
    answer = lib.search("Secretary-General report", k=50, part="sect. II")
    assert answer.hits and {h.record.part for h in answer.hits} == {"sect. II"}
    assert "sect. II" in lib.facets()["part"]
    assert part_matches("annex, sect. II", "annex") and part_matches("annex, sect. II", "sect. ii")
    assert part_matches("resolution, sect. IV", "resolution") and not part_matches("sect. IV",
                                                                                   "sect. i")
    rec = next(h.record for h in answer.hits if h.record.number == "3")
    labels = record_labels(rec)
    assert (label_key("A/RES/99/253:sectII:3") in labels
            and label_key("A/RES/99/253|sect. II:3") in labels)
    # A citation as Precedent prints it, or as the UN writes it, names the paragraph to trace.
    from precedent.search.compare.trace import resolve

    assert resolve(lib, "A/RES/99/253, sect. II, para. 3").id == rec.id
    assert resolve(lib, "A/RES/99/253, section II, paragraph 3").id == rec.id
    assert resolve(lib, rec.id).citation == "A/RES/99/253, sect. II, para. 3"


# --- item 8: numbered actions ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_actions_are_citable_and_the_paragraphs_around_them_stay_whole(fmt, tmp_path):
    spec = pact_spec()
    doc = load(spec, fmt, tmp_path)
    by = by_citation(doc)
    assert_ids_unique(doc)
    numbered = [r.number for r in doc.paragraphs if r.kind == "paragraph" and r.number.isdigit()]
    assert numbered == [str(n) for n in range(1, 8)]
    actions = [r for r in doc.paragraphs if r.number.startswith("Action") and r.kind == "paragraph"]
    assert [r.citation for r in actions] == [f"A/RES/99/1, Action {n}" for n in range(1, 5)]
    assert by["Action 4"].id == f"{doc.info.doc_id}:body:Action4"
    chapter = {"1": CHAPTER_I, "2": CHAPTER_I, "3": CHAPTER_II, "4": CHAPTER_II}
    # Every printed unit once, under its own number, with its own text and chapter.
    expected = {"para. " + it.number if it.kind == "para" else f"Action {it.number}": it
                for it in spec.items if it.kind in ("para", "action")}
    for cite, it in expected.items():
        assert by[cite].text == clean(it.text), cite
    for n, ch in chapter.items():
        assert by[f"Action {n}"].section == (ch,)
    # Lettered items under a paragraph "We decide to:" after an action stay that paragraph's;
    # lettered items right after an action are the action's.
    assert by["para. 4 (a)"].parent == by["para. 4"].id
    assert [by[f"Action 2 ({x})"].parent for x in "ab"] == [by["Action 2"].id] * 2
    assert by["Action 2 (a)"].citation == "A/RES/99/1, Action 2 (a)"
    assert by["Action 1"].category == "commitment"
    assert by["unnumbered paragraph 1"].text == "Adopts the following Pact:"
    texts = [r.text for r in doc.paragraphs]
    for it in spec.items:
        if it.kind in ("para", "action", "sub"):
            assert sum(clean(it.text) in t for t in texts) == 1, it.text  # never lost, never merged


# --- item 5: a body line opening with a number is not a footnote -----------------------------

PAGE_1 = """A/RES/99/5
General Assembly
Distr.: General
3 July 2099
99/5. Financing of the Invented Mission
The General Assembly,
Having considered the report of the Secretary-General on the financing of the Mission,¹
1. Decides to appropriate to the special account the amount of 1,000 dollars for the
Mission for the period from 1 July 2098 to 30 June 2099;
__________________
 1  A/99/631."""
PAGE_2 = """2. Further decides to apportion among Member States the amount of 300 dollars for the \
period from
1 July 2099 to 30 June 2100;
3. Decides that there shall be set off against the apportionment among Member States their
respective share in the Tax Equalization Fund of 10,468,400 dollars;
4. Decides to keep under review the item entitled "Financing of the Invented Mission".
95th plenary meeting
28 June 2099"""


def test_a_body_line_opening_with_a_number_is_never_a_footnote():
    _, recs = parse_pages([PAGE_1, PAGE_2], DocumentInfo(doc_id="d", title=""), has_pages=True,
                          wrapped=True)
    notes = [r for r in recs if r.kind == "footnote"]
    assert [(r.number, r.text) for r in notes] == [("fn1", "A/99/631.")]
    assert [r.number for r in recs if r.kind == "paragraph"] == ["1", "2", "3", "4"]
    two = next(r for r in recs if r.number == "2")
    assert two.text.endswith("for the period from 1 July 2099 to 30 June 2100;")


def test_a_footnote_at_the_foot_without_a_printed_rule_is_still_read():
    page = PAGE_2.replace("28 June 2099",
                          "28 June 2099\n2 A/99/744/Add.10.").replace("10,468,400 dollars;",
                                                                                     "10,468,400 "
                                                                                     "dollars;2")
    _, recs = parse_pages([PAGE_1, page], DocumentInfo(doc_id="d", title=""), has_pages=True,
                          wrapped=True)
    assert [(r.number, r.text) for r in recs if r.kind == "footnote"] == [("fn1", "A/99/631."),
                                                                          ("fn2",
                                                                           "A/99/744/Add.10.")]


# --- item 9: long lists are kept, never refused ----------------------------------------------

def agenda_text(items: int) -> str:
    agenda = "\n\n".join(f"{n}. Consideration of the invented question number {n} on the agenda of "
                         f"the Congress, including its regional preparatory meetings."
                         for n in range(1, items + 1))
    return ("A/RES/99/223\n\nThe General Assembly,\n\nRecalling its earlier resolutions,\n\n"
            "10. Decides to hold the Congress in the year two thousand and ninety-nine;\n\n"
            "11. Approves the following provisional agenda for the Congress:\n\n" + agenda +
            "\n\n12. Requests the Secretary-General to report on the preparations.")


def test_a_long_list_inside_a_paragraph_is_kept_whole_and_split_where_its_items_are(monkeypatch):
    monkeypatch.setattr(assemble, "RECORD_CHARS", 4_000)
    doc = parse_text(agenda_text(300), DocumentInfo(doc_id="d", title=""))
    eleven = [r for r in doc.paragraphs if r.number.split(" ")[0] == "11"]
    assert len(eleven) > 5 and all(len(r.text) <= 4_000 for r in eleven)
    assert eleven[0].text.startswith("Approves the following provisional agenda for the Congress: "
                                     "1. Consideration")
    for k, r in enumerate(eleven[1:], start=2):
        assert r.number == f"11 (cont. {k})" and r.parent == eleven[0].id
        # cut where an item starts
        assert re.match(r"^\d{1,3}\. Consideration", r.text), r.text[:40]
    whole = " ".join(r.text for r in eleven)
    assert all(f"{n}. Consideration of the invented question number {n} " in whole
               for n in range(1, 301))
    assert [r.number for r in doc.paragraphs if r.number.isdigit()] == ["10", "11", "12"]
    assert_ids_unique(doc)


def test_a_real_sized_agenda_stays_one_paragraph():
    doc = parse_text(agenda_text(40), DocumentInfo(doc_id="d", title=""))
    eleven = [r for r in doc.paragraphs if r.number.startswith("11")]
    assert [r.number for r in eleven] == ["11"] and "40. Consideration" in eleven[0].text


# --- issue 19 item 12: ids are unique, always; the page count is bounded ---------------------

def make_pages_pdf(path, pages: int):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for n in range(pages):
        c.setFont("Times-Roman", 10)
        c.drawString(72, 760,
                     f"1. Decides to consider the invented question {n} at its next session;")
        c.showPage()
    c.save()
    return path


def test_ids_are_unique_on_a_pdf_whose_every_page_starts_with_paragraph_1(tmp_path):
    doc = load_document(make_pages_pdf(tmp_path / "pages.pdf", 120))
    assert_ids_unique(doc)
    texts = [r.text for r in doc.paragraphs]
    assert all(sum(f"invented question {n} at" in t for t in texts) == 1 for n in range(120))


def test_a_pdf_over_the_page_limit_is_refused_before_its_pages_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 50)
    read = []
    monkeypatch.setattr("precedent.ingest.pdf_geometry.geometry_page_texts",
                        lambda pages: read.append(1))
    with pytest.raises(IngestError) as e:
        load_document(make_pages_pdf(tmp_path / "pages.pdf", 51))
    assert "PDF has 51 pages; the limit is 50" in e.value.reason and not read


# --- section labels and titles, annex titles: headings kept whole, nothing dropped ----------------

_MASTHEAD = ("A/RES/99/253\nGeneral Assembly\nDistr.: General\n3 January 2100\n"
             "99/253. Special subjects relating to the invented programme budget\nThe General "
             "Assembly,\n")


def _records(body: str):
    _, recs = parse_pages([_MASTHEAD + body], DocumentInfo(doc_id="d", title=""), has_pages=True,
                          wrapped=True)
    return {r.citation.split(", ", 1)[1]: r for r in recs}


def test_a_section_title_of_four_lines_after_its_numeral_is_its_heading():
    """A/RES/78/253, section XII: the numeral on a line of its own, a title wrapped on four lines
    (no sentence end, a comma inside), then the section's preamble: the title is the heading, the
    preamble starts at "Recalling"."""
    title = ["Revised estimates relating to the invented programme budget for the year 2100 under",
             "section 29A, Department of Invented Strategy, Policy and Compliance, and section "
             "29B,",
             "Department of Invented Support, related to addressing racism and promoting dignity",
             "for all in the invented Secretariat of the invented organization of the world"]
    section = "\n".join(["{label}"] + title + [
        "Recalling its resolution 98/271 on the invented subject and its earlier resolutions on "
        "it,",
        "1. Takes note of the report of the Secretary-General on the invented subject of the "
        "section;",
        "2. Requests the Secretary-General to report thereon at its next session of the Assembly;"])
    recs = _records(section.format(label="I") + "\n" + section.format(label="II"))
    heading = "II. " + " ".join(title)
    assert recs["sect. II, PP1"].text.startswith("Recalling its resolution 98/271")
    assert recs["sect. II, para. 1"].section == (heading,
                                                 ) and recs["sect. II, PP1"].section == (heading,)


def test_a_numeral_alone_is_kept_with_the_title_where_the_numbering_goes_on():
    body = ("I\nInvented calendar of meetings\n1. Approves the invented calendar of meetings for "
            "the year;\nII\nInvented conference resources\n2. Requests the Secretary-General to "
            "report on the resources;")
    recs = _records(body)
    assert recs["para. 1"].section == ("I. Invented calendar of meetings",)
    assert recs["para. 2"].section == ("II. Invented conference resources",)


def test_an_annex_title_heads_the_annex_and_an_annex_without_one_loses_nothing():
    body = ("1. Adopts the invented declaration contained in the annex to the present resolution.\n"
            "Annex\nInvented Political Declaration of the Coastal Summit\n"
            "We, the Heads of State and Government, meeting at the invented summit, declare:\n"
            "1. We commit to cooperate on the welfare of migrant communities along the coast.")
    recs = _records(body)
    assert recs["annex, para. 1"].section == ("Invented Political Declaration of the Coastal "
                                              "Summit",)
    assert recs["annex, unnumbered paragraph 1"].text.startswith("We, the Heads of State")
    assert recs["resolution, para. 1"].section == ()
    # No title after "Annex": the annex's first words are text, kept.
    recs = _records(body.replace("Invented Political Declaration of the Coastal Summit\n", ""))
    assert recs["annex, unnumbered paragraph 1"].text.startswith("We, the Heads of State")
    assert recs["annex, para. 1"].section == ()


_MASTHEAD = ("United Nations A/RES/98/7\nGeneral Assembly Distr.: General\n18 December 2023\n"
             "98/7. Generated resolution\nThe General Assembly,\n")
_BODY = "a a a a a a a a a a a a a a a a"  # a paragraph's words, a line's worth and more


def _sectioned(titles: list[str]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Parse a text layer of sections, each a title (label and words, wrapped as given) over one
    numbered paragraph; the paragraphs as (part, number, text, section)."""
    body = "".join(f"{title}\n{n}. Decides {_BODY}.\n" for n, title in enumerate(titles, start=1))
    _, recs = parse_pages([_MASTHEAD + body], DocumentInfo(doc_id="d", title=""),
                          has_pages=True, wrapped=True)
    return [(r.part, r.number, r.text, r.section) for r in recs if r.kind == "paragraph"]


def test_a_section_title_after_its_label_on_one_line_is_a_heading_even_at_full_width():
    """Found by generating sectioned resolutions: "II. Financing among protection", as long as
    the paragraph lines, ran into "2. Decides ..." (a label's dot was read as a sentence end, so
    the line was no heading), and paragraph 2 was lost into it; a title of three lines after its
    label lost paragraph 1 the same way."""
    got = _sectioned(["I. Financing", "II. Financing among protection and states a a"])
    assert got == [("", str(n), f"Decides {_BODY}.", (title,)) for n, title in
                   ((1, "I. Financing"), (2, "II. Financing among protection and states a a"))]
    three = ("I. Financing states communities\nimplementation a a a migrant migrants\n"
             "migrants states")
    got = _sectioned([three, "II. Review"])
    assert [(r[1], r[3]) for r in got] == [
        ("1", ("I. Financing states communities implementation a a a migrant migrants migrants "
               "states",)),
        ("2", ("II. Review",))]


def test_the_author_line_stands_alone_however_short_the_lines():
    """A page whose every line is short (a one-page text of short paragraphs): "The General
    Assembly," ran into "I. Financing" below it, and the section's title became the document's."""
    pages = [_MASTHEAD + "I. Financing\n1. Decides a.\nII. Review\n2. Decides a.\n"]
    doc, recs = parse_pages(pages, DocumentInfo(doc_id="d", title=""), has_pages=True,
                            wrapped=True)
    assert doc.title == "Generated resolution"
    assert [r.section for r in recs if r.kind == "paragraph"] == [("I. Financing",),
                                                                   ("II. Review",)]


_ONE_A_LINE = """The General Assembly,
Recalling its resolution 73/195 of 19 December 2018, by which it endorsed the Global Compact for \
Safe, Orderly and Regular Migration,
Noting with concern the number of deaths at sea,
I
Review of implementation
1. Decides to convene the second International Migration Review Forum in 2026, in accordance \
with the modalities set out in resolution 73/326;
2. Requests the Secretary-General to report on implementation, including on:
(a) Data and evidence;
(b) Alternatives to detention.
II. Follow-up
3. Encourages Member States to develop national implementation plans, with the participation of \
all relevant stakeholders.
"""


def test_a_text_written_a_paragraph_a_line_keeps_every_paragraph(tmp_path):
    """A draft copied out of a word processor into a .txt file: a paragraph a line, no blank line
    between. Its lines were joined as if wrapped by hand: the preamble ran into "The General
    Assembly," and was dropped with the masthead, the section titles were lost and "II.
    Follow-up" ran into item (b)."""
    path = tmp_path / "draft.txt"
    path.write_text(_ONE_A_LINE, encoding="utf-8")
    doc = load_document(path)
    assert [(r.kind, r.number, r.text[:24], r.section) for r in doc.paragraphs] == [
        ("preambular", "PP1", "Recalling its resolution", ()),
        ("preambular", "PP2", "Noting with concern the ", ()),
        ("paragraph", "1", "Decides to convene the s", ("I. Review of implementation",)),
        ("paragraph", "2", "Requests the Secretary-G", ("I. Review of implementation",)),
        ("subparagraph", "2 (a)", "Data and evidence;", ("I. Review of implementation",)),
        ("subparagraph", "2 (b)", "Alternatives to detentio", ("I. Review of implementation",)),
        ("paragraph", "3", "Encourages Member States", ("II. Follow-up",))]
    # the same text wrapped by hand at 72 characters, blank lines between: the same records
    import textwrap
    blocks = [textwrap.fill(ln, 72) for ln in _ONE_A_LINE.splitlines()]
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert [(r.number, r.text, r.section) for r in load_document(wrapped).paragraphs] == [
        (r.number, r.text, r.section) for r in doc.paragraphs]


@pytest.mark.parametrize("closing", ["", "\n\n50th (resumed) plenary meeting\n\n22 December 2023"])
def test_the_last_words_of_a_text_are_never_taken_for_a_heading_and_lost(closing):
    """A draft's last paragraph, its full stop missing ("We commit to protect migrant
    children"), read as a heading: nothing followed for it to head, and it was lost. A heading
    nothing follows (the meeting's line and date aside) is the text's last paragraph."""
    text = ("The General Assembly,\n\n1. Decides to convene the Forum in 2026;\n\nFollow-up\n\n"
            "2. Encourages Member States to develop national plans.\n\n"
            "We commit to protect migrant children" + closing + "\n")
    _, recs = parse_pages([text], DocumentInfo(doc_id="d", title="T"), markdown=True)
    assert [(r.number, r.text, r.section) for r in recs] == [
        ("1", "Decides to convene the Forum in 2026;", ()),
        ("2", "Encourages Member States to develop national plans.", ("Follow-up",)),
        ("u1", "We commit to protect migrant children", ("Follow-up",))]


def test_a_short_text_written_a_paragraph_a_line_keeps_its_preamble():
    """Short paragraphs a line each (no line long enough to tell the text was not wrapped by
    hand): "The General Assembly," and the preamble were joined into one block, taken for the
    masthead and dropped. The author's line stands alone, and a preambular verb after a line
    ending with a comma opens a paragraph (words of a hand-wrapped paragraph never do)."""
    text = ("A/RES/99/1\nThe General Assembly,\nRecalling its resolution 73/195,\n"
            "Noting the report,\n1. Decides to convene the Forum;\n2. Requests a report.\n")
    _, recs = parse_pages([text], DocumentInfo(doc_id="d", title="T"), markdown=True)
    assert [(r.number, r.text) for r in recs] == [
        ("PP1", "Recalling its resolution 73/195,"), ("PP2", "Noting the report,"),
        ("1", "Decides to convene the Forum;"), ("2", "Requests a report.")]


def test_a_restart_with_no_title_is_a_section_unless_it_is_a_list():
    def labels(found):
        return [(i, f.label, f.head) for i, f in sorted(found.items())]

    runs = [("The General Assembly,", "text"), ("1. Decides.", "para"), ("2. Requests.", "para"),
            ("1. Invites.", "para"), ("2. Encourages.", "para")]
    assert labels(restarting_sections(runs)) == [(1, "1", False), (3, "2", False)]
    # a list the paragraph before introduces, to the end of the part: no section
    colon = runs[:2] + [("2. Approves the following agenda:", "para")] + runs[3:]
    assert restarting_sections(colon) == {}
    # a paragraph 1 that reads as a list's item, not as a paragraph: no section; one that reads
    # as a paragraph is one, alone too
    assert restarting_sections(runs[:3] + [("1. The first element.", "para"),
                                           ("2. The second element.", "para")]) == {}
    assert labels(restarting_sections(runs[:4])) == [(1, "1", False), (3, "2", False)]
    # the numbering resumes after the run (a list inside paragraph 3): no section
    three = runs[:3] + [("3. Notes.", "para")] + runs[3:] + [("4. Decides.", "para")]
    assert restarting_sections(three) == {}
