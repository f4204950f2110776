"""Citations typed as questions: the paragraph named comes back first, whatever its words."""

from __future__ import annotations

import pytest

from precedent.ingest.records import Paragraph
from precedent.search.citation import CitationIndex, number_key, parse_citation
from precedent.search.documents import DocumentCard

CARDS = {
    "gcm": DocumentCard("gcm", "A/RES/73/195",
                        "Global Compact for Safe, Orderly and Regular Migration",
                        "Global Compact", "2018-12-19", "adopted"),
    "pd22": DocumentCard("pd22", "A/RES/76/266", "Progress Declaration",
                         "Progress Declaration 2022", "2022-06-07", "adopted"),
    "pd26": DocumentCard("pd26", "", "Progress Declaration", "Progress Declaration 2026",
                         "2026-04-30", "draft"),
    "mod": DocumentCard("mod", "A/RES/73/326", "Format of the forums", "IMRF modalities resolution",
                        "2019-07-19", "adopted"),
}


@pytest.mark.parametrize("query, number, docs, part", [
    ("para 52", "52", (), ""),
    ("paragraph 48", "48", (), ""),
    ("GCM 29 (b)", "29(b)", ("gcm",), ""),
    ("Compact 29b", "29(b)", ("gcm",), ""),
    ("A/RES/73/195 para. 29", "29", ("gcm",), ""),
    ("A/RES/73/195, annex, para. 21 (i)", "21(i)", ("gcm",), "annex"),
    ("Global Compact para 43 (b) (i)", "43(b)(i)", ("gcm",), ""),
    ("resolution 73/326 paragraph 21", "21", ("mod",), ""),
    ("73/326 para 18(a)", "18(a)", ("mod",), ""),
    ("para 73 of the Progress Declaration", "73", ("pd22",), ""),  # the adopted text unless told
    ("2026 draft progress declaration, paragraph 49", "49", ("pd26",), ""),
    ("Progress Declaration 2026 PP1", "PP1", ("pd26",), ""),
    ("preambular paragraph 3 of the Global Compact", "PP3", ("gcm",), ""),
    ("A/RES/73/195 PP9 (a)", "PP9(a)", ("gcm",), ""),
    ("A/RES/73/195, sect. II, para. 3", "3", ("gcm",), "sect. II"),
    ("resolution 73/326 section iv paragraph 2", "2", ("mod",), "sect. IV"),
    ("Global Compact annex, section 2, para 5", "5", ("gcm",), "annex, sect. 2"),
    ("Global Compact preambular paragraph 9(b)", "PP9(b)", ("gcm",), ""),
])
def test_citations_are_read_generally(query, number, docs, part):
    c = parse_citation(query, CARDS)
    assert c is not None and (c.number, c.docs, c.part) == (number, docs, part)


def test_objective_citation():
    c = parse_citation("objective 7 of the Global Compact", CARDS)
    assert c.objective == 7 and c.docs == ("gcm",) and c.number == ""
    assert parse_citation("objective 13", CARDS).objective == 13


@pytest.mark.parametrize("query", ["What did States commit to on child detention?", "remittances",
                                   "the 2030 Agenda for Sustainable Development",
                                   "Global Compact"])
def test_questions_are_not_citations(query):
    assert parse_citation(query, CARDS) is None


def test_number_key():
    assert number_key("29 (b)") == number_key("29(b)") == number_key("29b") == "29(b)"
    assert number_key("pp 3") == "PP3"


def _rec(id_, number, kind="paragraph", parent="", section=()):
    return Paragraph(id=f"gcm:annex:{id_}", doc_id="gcm", symbol="A/RES/73/195", title="",
                     date="2018-12-19",
                     part="annex", number=number, kind=kind, text="x", citation="", section=section,
                     parent=f"gcm:annex:{parent}" if parent else "")


def test_objective_resolves_to_its_paragraph_and_actions():
    sec = ("Objectives", "Objective 13: Use immigration detention only as a measure of last resort")
    recs = [_rec("28", "28"), _rec("29", "29", section=sec),
            _rec("29(a)", "29 (a)", "subparagraph", "29", sec),
            _rec("29(b)", "29 (b)", "subparagraph", "29", sec)]
    index = CitationIndex(recs)
    rows = index.resolve(parse_citation("objective 13", CARDS), CARDS)
    assert [recs[r].number for r in rows] == ["29", "29 (a)", "29 (b)"]
    assert index.objective_titles[13].startswith("Use immigration detention")
    rows = index.resolve(parse_citation("GCM 29 (b)", CARDS), CARDS)
    assert [recs[r].number for r in rows] == ["29 (b)"]


def test_para_52_returns_paragraph_52_first(fake_lib):
    answer = fake_lib.search("para 52")
    assert answer.hits[0].record.number == "52" and not answer.low_confidence
    assert "paragraph 52" in answer.message


def test_a_paragraph_the_library_lacks_says_so(fake_lib):
    answer = fake_lib.search("para 999")
    assert answer.low_confidence and "No paragraph 999" in answer.message
    # the paragraph asked for is certainly missing: no confidence, however close the rest reads,
    # and none of the rest is called a fair or strong match under that (it was "fair")
    assert answer.confidence == 0.0 and answer.hits
    assert {h.relevance for h in answer.hits} == {"weak"}


@pytest.mark.parametrize("query, symbol", [
    ("A/RES/77/1 para 2", "A/RES/77/1"), ("A/78/L.7 para 2", "A/78/L.7"),
    ("resolution 78/71, paragraph 5", "resolution 78/71"), ("A/RES/77/1 objective 3", "A/RES/77/1"),
])
def test_a_document_the_library_lacks_says_so(fake_lib, query, symbol):
    """"A/RES/77/1 para 2" in a library without A/RES/77/1 was answered "The text of paragraph
    2 ... as cited" with paragraph 2 of every other document, each marked cited, confidence 1."""
    answer = fake_lib.search(query)
    assert answer.low_confidence and answer.confidence == 0.0
    assert answer.intent != "citation" and all(h.role != "cited" for h in answer.hits)
    assert f"{symbol} is not in this library" in answer.message, answer.message
    assert {h.relevance for h in answer.hits} == {"weak"}


@pytest.mark.parametrize("query, what", [("GCM objective 24", "objective 24"),
                                         ("objective 99", "objective 99 in the library")])
def test_an_objective_no_document_has_says_so(fake_lib, query, what):
    """"GCM objective 24" (the Compact has 23) got an ordinary answer, with no notice."""
    answer = fake_lib.search(query)
    assert answer.low_confidence and answer.confidence == 0.0
    assert answer.message.startswith("No objective") and what in answer.message, answer.message
    assert all(h.role != "cited" for h in answer.hits)


def test_baselines_do_not_read_citations(fake_lib):
    answer = fake_lib.batch(["para 52"], baseline=True)[0]
    assert answer.intent != "citation"


def test_a_section_named_is_that_section_never_another():
    """"sect. II, para. 3" of a resolution whose sections each number from 1 is sect. II's
    paragraph 3 (it was the largest section's, sect. XV's, shown as 'the text of paragraph 3');
    a section the document lacks gives nothing, not another section's paragraph."""
    def rec(part, number="3"):
        return Paragraph(id=f"gcm:{part}:{number}", doc_id="gcm", symbol="A/RES/73/195",
                         title="", date="", part=part, number=number, kind="paragraph",
                         text="x", citation="")

    recs = [rec("sect. II"), rec("sect. III"), *(rec("sect. XV", str(n)) for n in range(1, 9))]
    index = CitationIndex(recs)
    for query, part in (("A/RES/73/195, sect. II, para. 3", "sect. II"),
                        ("A/RES/73/195, section III, paragraph 3", "sect. III")):
        c = parse_citation(query, CARDS)
        assert [recs[r].part for r in index.resolve(c, CARDS)] == [part]
        assert c.describe().startswith(f"paragraph 3 ({part}) of")
    assert index.resolve(parse_citation("A/RES/73/195, sect. XL, para. 3", CARDS), CARDS) == []
    assert index.resolve(parse_citation("A/RES/73/195, annex, para. 3", CARDS), CARDS) == []
    # no part named: no section stands for the document (the largest did): each section's
    # paragraph 3, in the document's order
    assert [recs[r].part for r in index.resolve(parse_citation("A/RES/73/195 para 3", CARDS),
                                                 CARDS)] == ["sect. II", "sect. III", "sect. XV"]


def _res_and_annex():
    """A resolution of two paragraphs with a declaration of three in its annex."""
    def rec(part, number, section=()):
        return Paragraph(id=f"gcm:{part}:{number}", doc_id="gcm", symbol="A/RES/73/195",
                         title="", date="", part=part, number=number, kind="paragraph",
                         text=f"{part} {number}", citation=f"{part}, para. {number}",
                         section=section)

    return [rec("resolution", "1"), rec("resolution", "2"),
            *(rec("annex", str(n)) for n in (1, 2, 3))]


def test_a_number_in_the_resolution_and_its_annex_shows_both_and_says_so():
    """"A/RES/80/3, para. 1" showed the annex's paragraph 1 alone as "the text of paragraph 1",
    though the resolution has a paragraph 1 of its own: both are shown, the annex's first, and
    the answer says the number stands in both. "OP1" / "operative paragraph 1" is the
    resolution's own."""
    from precedent.search.citation import citation_note

    recs = _res_and_annex()
    index = CitationIndex(recs)
    c = parse_citation("A/RES/73/195, para. 1", CARDS)
    rows = index.resolve(c, CARDS)
    assert [(recs[r].part, recs[r].number) for r in rows] == [("annex", "1"), ("resolution", "1")]
    assert citation_note(c, recs, rows, CARDS) == \
        "It stands in its annex and in its resolution: both follow."
    for query in ("A/RES/73/195 OP1", "A/RES/73/195 operative paragraph 1", "A/RES/73/195 op. 1"):
        c = parse_citation(query, CARDS)
        rows = index.resolve(c, CARDS)
        assert [(recs[r].part, recs[r].number) for r in rows] == [("resolution", "1")], query
        assert citation_note(c, recs, rows, CARDS) == ""
    # a number only the annex has: the annex's, with nothing to say (no "OP3": see below)
    c = parse_citation("A/RES/73/195 para 3", CARDS)
    rows = index.resolve(c, CARDS)
    assert [(recs[r].part, recs[r].number) for r in rows] == [("annex", "3")]
    assert citation_note(c, recs, rows, CARDS) == ""


def test_sections_numbered_from_one_say_that_every_one_follows():
    from precedent.search.citation import citation_note

    def rec(part):
        return Paragraph(id=f"gcm:{part}:3", doc_id="gcm", symbol="A/RES/73/195", title="",
                         date="", part=part, number="3", kind="paragraph", text="x", citation="")

    recs = [rec("sect. II"), rec("sect. III")]
    c = parse_citation("A/RES/73/195 para 3", CARDS)
    note = citation_note(c, recs, CitationIndex(recs).resolve(c, CARDS), CARDS)
    assert note.startswith("It stands in 2 sections, each numbered from 1: every one follows")


def test_a_section_that_is_only_a_heading_and_an_arabic_section_number_are_found():
    """"A/RES/78/234 section III para 29" was "No paragraph 29 (sect. III) ... in the library":
    its sections are headings, the numbering running on across them. "section 2" names the
    section printed "II"."""
    def rec(number, part="", section=()):
        return Paragraph(id=f"gcm:{part}:{number}", doc_id="gcm", symbol="A/RES/73/195",
                         title="", date="", part=part, number=number, kind="paragraph",
                         text="x", citation="", section=section)

    headed = [rec("28", section=("II. Treaty bodies",)), rec("29", section=("III. Office",))]
    index = CitationIndex(headed)
    assert index.resolve(parse_citation("A/RES/73/195 section III para 29", CARDS), CARDS) == [1]
    assert index.resolve(parse_citation("A/RES/73/195 section II para 29", CARDS), CARDS) == []
    numbered = [rec("3", "sect. II"), rec("3", "sect. III")]
    index = CitationIndex(numbered)
    assert index.resolve(parse_citation("A/RES/73/195 section 2 para 3", CARDS), CARDS) == [0]


def test_an_operative_paragraph_is_the_resolution_s_or_none():
    """"A/RES/73/195 op. 3" showed the annex's paragraph 3 as "the text of paragraph 3" (the
    resolution has two); "A/RES/76/266 operative paragraph 1" showed the annex's, though the
    resolution's one operative paragraph ("Endorses ...") is printed without a number."""
    from precedent.search.citation import citation_note

    recs = _res_and_annex()
    index = CitationIndex(recs)
    c = parse_citation("A/RES/73/195 op. 3", CARDS)
    assert index.resolve(c, CARDS) == [] and c.describe().startswith("operative paragraph 3")
    one = [Paragraph(id="gcm:resolution:u1", doc_id="gcm", symbol="A/RES/73/195", title="",
                     date="", part="resolution", number="u1", kind="paragraph",
                     text="Endorses the Declaration", citation=""), *recs[2:]]
    index = CitationIndex(one)
    c = parse_citation("A/RES/73/195 operative paragraph 1", CARDS)
    rows = index.resolve(c, CARDS)
    assert [one[r].number for r in rows] == ["u1"]
    assert citation_note(c, one, rows, CARDS).startswith("It is printed without a number")


def test_paragraph_1_of_a_resolution_whose_operative_paragraph_is_unnumbered_says_so():
    from precedent.search.citation import citation_note

    recs = [Paragraph(id="gcm:resolution:u1", doc_id="gcm", symbol="A/RES/73/195", title="",
                      date="", part="resolution", number="u1", kind="paragraph",
                      text="Endorses the Declaration", citation=""), *_res_and_annex()[2:]]
    c = parse_citation("A/RES/73/195 para. 1", CARDS)
    rows = CitationIndex(recs).resolve(c, CARDS)
    assert [recs[r].part for r in rows] == ["annex"]
    assert '"OP1" shows it' in citation_note(c, recs, rows, CARDS)


def test_a_section_cited_without_a_number_is_its_paragraphs_in_order():
    """"A/RES/78/253, section XXIV" was searched as words: other sections' paragraphs came
    first at confidence 1.00, under "No paragraph of the library holds “XXIV”". A section named
    with its document and no number is the section's text, in the document's order; a heading
    section too; a section the document lacks names nothing. "A/RES/78/253 II.3" is sect. II's
    paragraph 3."""
    def rec(part, number, order, kind="paragraph", parent="", section=()):
        return Paragraph(id=f"gcm:{part}:{number}", doc_id="gcm", symbol="A/RES/73/195",
                         title="", date="", part=part, number=number, kind=kind, text="x",
                         citation="", parent=parent, section=section, order=order)

    recs = [rec("sect. II", "PP1", 0, "preambular"), rec("sect. II", "1", 1),
            rec("sect. II", "2", 2), rec("sect. XXIV", "u1", 3),
            rec("sect. XXIV", "u1(a)", 4, "subparagraph", parent="gcm:sect. XXIV:u1"),
            rec("sect. XXIV", "fn1", 5, "footnote")]
    index = CitationIndex(recs)
    for query in ("A/RES/73/195, section XXIV", "A/RES/73/195 sect. XXIV (a)",
                  "section xxiv of resolution 73/195"):
        c = parse_citation(query, CARDS)
        assert c is not None and c.whole_section, query
        assert index.resolve(c, CARDS) == [3, 4], query
    c = parse_citation("A/RES/73/195, section 2", CARDS)
    assert index.resolve(c, CARDS) == [0, 1, 2]
    assert c.describe() == "section 2 of Global Compact (A/RES/73/195, 2018)"
    assert index.resolve(parse_citation("A/RES/73/195, sect. XXX", CARDS), CARDS) == []
    # without a document it is no citation; with a document the library lacks it is absent
    assert parse_citation("section XXIV", CARDS) is None
    assert parse_citation("A/RES/77/1 section II", CARDS).absent
    # a roman label and a number right after the document
    for query in ("A/RES/73/195 II.2", "73/195 II 2"):
        c = parse_citation(query, CARDS)
        assert (c.number, c.part) == ("2", "sect. II") and index.resolve(c, CARDS) == [2]
    headed = [rec("", "28", 0, section=("II. Treaty bodies",)),
              rec("", "29", 1, section=("III. Office",)),
              rec("", "30", 2, section=("III. Office",))]
    assert CitationIndex(headed).resolve(parse_citation("A/RES/73/195 section III", CARDS),
                                         CARDS) == [1, 2]


SECTIONED = """United Nations A/RES/99/2
General Assembly Distr.: General
1 January 2030

Resolution adopted by the General Assembly on 1 January 2030

99/2. Questions relating to the invented budget

The General Assembly,

I

Invented office of audit

1. Takes note of the report of the invented office of audit;

2. Requests the office to report on audit every year;

II

Invented committee of oversight

1. Welcomes the work of the invented committee of oversight;

2. Decides to keep the committee under review;
"""


def test_a_section_cited_without_a_number_is_answered_with_it(fake_lib, tmp_path, monkeypatch):
    from precedent.search.query import unheld_words

    path = tmp_path / "A_RES_99_2.txt"
    path.write_text(SECTIONED)
    fake_lib.add(path)
    answer = fake_lib.search("A/RES/99/2, section II", k=8)
    assert [h.citation.split(", ", 1)[1] for h in answer.hits] == ["sect. II, para. 1",
                                                                   "sect. II, para. 2"]
    assert answer.message.startswith("The text of section II of") and not answer.low_confidence
    # a long section: its first paragraphs, and the answer says how many it has
    with monkeypatch.context() as patch:
        patch.setattr("precedent.search.api.SECTION_ROWS", 1)
        cut = fake_lib.search("A/RES/99/2, section II", k=8)
    assert [h.citation.split(", ", 1)[1] for h in cut.hits] == ["sect. II, para. 1"]
    assert "Its first 1 of 2 paragraphs are shown" in cut.message
    missing = fake_lib.search("A/RES/99/2, section IX", k=8)
    assert missing.message.startswith("No section IX of") and missing.low_confidence
    assert "holds" not in missing.message
    # a section the document lacks, beside words of a subject ("under section 34, Safety and
    # security", a budget section): the subject is searched, nothing said of section 34
    worded = fake_lib.search("A/RES/99/2 under section 34, committee of oversight", k=8)
    assert not worded.message.startswith("No section") and worded.hits
    assert "oversight" in worded.hits[0].record.text
    # a roman label is no word the library lacks
    assert unheld_words("What does section XXIV of the budget say?",
                        lambda s: 0) == ("section", "budget")


# An audit typed 5,478 citations of 619 records of the 90 documents: these forms showed another
# paragraph as the one cited, or said a paragraph that is there is not.
DRAFTS = {**CARDS,
          "l8": DocumentCard("l8", "A/80/L.8", "2025 Political Declaration",
                             "2025 Political Declaration", "2025-10-01", "draft"),
          "awaza": DocumentCard("awaza", "A/RES/80/3", "Awaza Political Declaration",
                                "Awaza Political Declaration 2025", "2025-12-02", "adopted"),
          "r59": DocumentCard("r59", "A/RES/78/59", "Disarmament", "A/RES/78/59", "2023-12-04",
                              "adopted")}


@pytest.mark.parametrize("query, number, docs", [
    # "preambular para 3" was read as operative paragraph 3
    ("A/RES/73/195, preambular para 3", "PP3", ("gcm",)),
    ("A/RES/73/195 pream. para. 3", "PP3", ("gcm",)),
    ("A/RES/73/195 preamble para 3", "PP3", ("gcm",)),
    # the product's own citation of a paragraph printed without a number was refused
    ("A/RES/76/266, resolution, unnumbered paragraph 1", "u1", ("pd22",)),
    # a paragraph inserted in the room is not the paragraph of its number
    ("A/RES/73/195, para. 29 bis", "29bis", ("gcm",)),
    # a draft by its number alone, without its dot, a symbol typed with spaces, a title's word
    ("OP 5 of L.8", "5", ("l8",)),
    ("A/80/L8 para 5", "5", ("l8",)),
    ("A / RES / 78 / 59 para 2", "2", ("r59",)),
    ("Awaza para 5", "5", ("awaza",)),
    # ordinals; a paragraph word after a comma; "annex 29(b)" after the document
    ("the third preambular paragraph of A/RES/73/195", "PP3", ("gcm",)),
    ("first operative paragraph of A/RES/73/326", "1", ("mod",)),
    ("A/RES/73/195,annex,para.29(b)", "29(b)", ("gcm",)),
    ("A/RES/73/195 annex 29(b)", "29(b)", ("gcm",)),
    # a doubled letter ("(cc)" after "(z)"), an unnumbered paragraph's item
    ("A/RES/73/195, para 2cc", "2(cc)", ("gcm",)),
    ("A/RES/76/266, unnumbered paragraph 1 (b)", "u1(b)", ("pd22",)),
    # an item named in words
    ("A/RES/73/195, paragraph 29, subparagraph (b)", "29(b)", ("gcm",)),
    ("Global Compact para 29 letter b", "29(b)", ("gcm",)),
    # a footnote, as the product cites it (40 of 40 were searched as words)
    ("A/RES/73/195, annex, footnote 3", "fn3", ("gcm",)),
])
def test_citations_negotiators_type(query, number, docs):
    c = parse_citation(query, DRAFTS)
    assert c is not None and (c.number, c.docs) == (number, docs)


def test_a_sections_roman_label_in_lower_case_and_an_ordinal_operative_paragraph():
    c = parse_citation("a/res/73/326 xii.13", CARDS)
    assert (c.number, c.part, c.docs) == ("13", "sect. XII", ("mod",))
    # the number in brackets after the label (the audit: 0 of 70 read, searched as words)
    c = parse_citation("A/RES/73/326 XII(13)", CARDS)
    assert (c.number, c.part, c.docs) == ("13", "sect. XII", ("mod",))
    assert parse_citation("first operative paragraph of A/RES/73/326", CARDS).operative


def test_what_a_citation_answer_says_of_ranges_and_words_naming_no_document():
    from precedent.search.citation import unnamed_note

    assert parse_citation("A/RES/73/195, paras. 5-7", CARDS).several
    assert parse_citation("A/RES/73/195 paragraphs 29 (b) and (c)", CARDS).several
    assert not parse_citation("A/RES/73/195 para. 29 (b)", CARDS).several
    assert parse_citation("A/RES/73/195, para. 29 bis", CARDS).describe() == (
        "paragraph 29 bis of Global Compact (A/RES/73/195, 2018)")
    c = parse_citation("Tokelau para 15", CARDS)
    records = [Paragraph(f"{d}:15", d, "", "", "", "", "15", "paragraph", "t", "")
               for d in ("gcm", "pd22")]
    assert unnamed_note(c, "Tokelau para 15", records, [0, 1], CARDS) == (
        "No document is named: paragraph 15 of each of the 2 documents that have one follows. "
        "“Tokelau” is in no title of the library's documents: name a document by its symbol or "
        "short title.")
    assert unnamed_note(c, "para 15", records, [0]) == ""
    # a word of several titles is said to be one (the audit: "Tokelau para 5" said "names no
    # document" where "Question of Tokelau" is the title of A/RES/78/97, now read as naming it)
    cards = {**CARDS, "tk": DocumentCard("tk", "A/RES/78/97", "Question of Tokelau",
                                         "Question of Tokelau", "2023-12-05", "adopted"),
             "ms": DocumentCard("ms", "A/RES/78/93", "Question of Montserrat",
                                "Question of Montserrat", "2023-12-05", "adopted")}
    assert parse_citation("Tokelau para 5", cards).docs == ("tk",)
    # a common word of one title names nothing alone ("Persons with albinism")
    cards["alb"] = DocumentCard("alb", "A/RES/78/171", "Persons with albinism",
                                "Persons with albinism", "2023-12-19", "adopted")
    assert parse_citation("paragraph 5 with the commitment", cards).docs == ()
    # nor is it said to be in the titles of several documents (it is in one)
    assert "“with”" not in unnamed_note(parse_citation("para 5 with the keepers", cards),
                                        "para 5 with the keepers", records, [0, 1], cards)
    assert parse_citation("albinism para 3", cards).docs == ("alb",)
    question = parse_citation("Question para 15", cards)
    assert question.docs == () and unnamed_note(question, "Question para 15", records, [0, 1],
                                                cards).endswith(
        "“Question” is in the titles of several documents: name one by its symbol.")
