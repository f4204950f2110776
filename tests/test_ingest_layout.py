"""Unit tests of the line-level pieces: hyphenated words, page furniture, footnotes at the page
foot, reference marks, block starts in a PDF text layer, and DOCX run-level details."""

from __future__ import annotations

import io
import zipfile

import pytest

from precedent.ingest.docx_text import docx_paragraph_texts
from precedent.ingest.pdf_layout import (
    drop_page_furniture,
    mark_references,
    reflow_pages,
    split_footnotes,
)
from precedent.ingest.records import DocumentInfo
from precedent.ingest.structure import parse_pages
from precedent.ingest.text_patterns import Vocabulary, join_lines, strip_footnote_marks


@pytest.mark.parametrize(
    "lines, joined",
    [
        # UN documents are not hyphenated by the typesetter: a hyphen at a line end is the word's
        # own (A/RES/78/150 para. 2 "medium-" / "sized"), whatever the document says elsewhere.
        (["small and medium-", "sized enterprises"], "small and medium-sized enterprises"),
        (["in the twenty-", "first century"], "in the twenty-first century"),
        (["the educate-", "the-educator approach"], "the educate-the-educator approach"),
        (["hampers child-", "sensitive planning"], "hampers child-sensitive planning"),
        (["broad co-", "operation"], "broad co-operation"),
        (["sudden-", "and slow-onset disasters"], "sudden- and slow-onset disasters"),
        (["the COVID-", "19 pandemic"], "the COVID-19 pandemic"),
        (["the COVID-19-", "related measures"], "the COVID-19-related measures"),
        (["the Secretary-", "General"], "the Secretary-General"),
        (["a whole-of-", "government approach"], "a whole-of-government approach"),
        # Only a soft hyphen where the line broke is a break inside a word.
        (["seasonal migra\u00ad", "tion remains"], "seasonal migration remains"),
        (["an en -", "dash"], "an en - dash"),
        # A range broken after its closed en dash goes on without a space (A/80/L.4 annex para. 13
        # read "the Decade 2024– 2034"); a spaced dash keeps its spaces.
        (["for the Decade 2024–", "2034 through"], "for the Decade 2024–2034 through"),
        (["from 13 June–", "8 July 2022"], "from 13 June–8 July 2022"),
        (["its partners –", "including States"], "its partners – including States"),
    ],
)
def test_a_hyphen_at_a_line_end_is_kept(lines, joined):
    assert join_lines(lines,
                      Vocabulary(["co-operation is rare, cooperation cooperation "
                                  "cooperation"])) == joined


def test_join_lines_is_linear_in_the_block(monkeypatch):
    """Each line looks at the end of the text before it only: how far ``join_lines`` reads into
    the text so far does not grow with the block (a 1 MB paragraph of 12,500 lines took 174 s)."""
    from precedent.ingest import text_patterns

    seen: list[int] = []
    original = text_patterns._compound_goes_on

    def spy(left, right, vocab):
        seen.append(len(left))
        return original(left, right, vocab)

    monkeypatch.setattr(text_patterns, "_compound_goes_on", spy)
    lines = ["a line of a very long paragraph set apart -"] * 3000
    out = join_lines(lines)
    assert len(out) > 100_000 and len(seen) == 2999
    assert max(seen) <= text_patterns._TAIL


def test_furniture_dropped_but_repeated_body_lines_kept():
    pages = [
        ["United Nations A/RES/99/1", "1. We commit to act and", "18-21511 (E) 211218",
         "*1821511*"],
        ["A/RES/99/1", "Invented title of the resolution", "2/3", "and", "2. We resolve to act.",
         "Please recycle"],
        ["Invented title of the resolution", "A/RES/99/1", "and", "3. We request a report;", "3/3"],
    ]
    out = drop_page_furniture(pages, "A/RES/99/1")
    assert out[0] == ["United Nations A/RES/99/1", "1. We commit to act and"]
    assert out[1] == ["and", "2. We resolve to act."]
    assert out[2] == ["and", "3. We request a report;"]


def test_footnote_zone_takes_the_last_candidate_and_needs_a_glued_mark():
    lines = [
        "4. We commit to widen pathways for seasonal workers,4 including through",
        "agreements that reduce costs to below",
        "4 per cent of annual earnings.",
        "4 Resolution 73/195, annex.",
    ]
    body, notes, expected = split_footnotes(lines, 4, [])
    assert body == lines[:3]
    assert [(n.mark, n.lines) for n in notes] == [("4", ["Resolution 73/195, annex."])]
    assert expected == 5


def test_numbered_line_without_glued_mark_is_body():
    lines = ["5. We note that some", "5 States have acted."]
    assert split_footnotes(lines, 5, []) == (lines, [], 5)


def test_footnote_numbering_may_restart_and_wrap():
    lines = ["1. We recall the Invented Compact,1 and", "act.",
             "1 See the Official Records, with a very", "long reference."]
    body, notes, _ = split_footnotes(lines, 7, [])
    assert body == lines[:2]
    assert notes[0].lines == ["See the Official Records, with a very", "long reference."]


def test_only_the_footnote_marks_of_the_page_become_superscript():
    lines = ["the G20 and resolution 70/1 and Migration,1 and Goal 1, and Development,2"]
    assert mark_references(lines, ["1", "2"]) == [
        "the G20 and resolution 70/1 and Migration,¹ and Goal 1, and Development,²"
    ]


def test_marks_one_space_from_the_word_they_follow():
    # After a word's closing punctuation or a year, before a lower-case word (A/RES/76/266, para. 1
    # and 74).
    lines = ["Global Compact for Safe, Orderly and Regular Migration, 1 including as it relates to",
             "the 2030 Agenda for Sustainable Development, 2 and with the participation",
             "the Sendai Framework for Disaster Risk Reduction 2015–2030 3 and relevant "
             "instruments"]
    assert mark_references(lines, ["1", "2", "3"]) == [
        "Global Compact for Safe, Orderly and Regular Migration, ¹ including as it relates to",
        "the 2030 Agenda for Sustainable Development, ² and with the participation",
        "the Sendai Framework for Disaster Risk Reduction 2015–2030 ³ and relevant instruments"]
    # The text's own numbers stay, even when a footnote of that number is on the page.
    own = ["articles 1, 2 and 3 of the Convention, and Goal 4, 5 or more"]
    assert mark_references(own, ["2", "5"]) == own


def test_a_mark_at_a_line_end_after_a_word():
    # "... Business and Human Rights 21" / "and the IOM ..." (A/RES/73/195, annex, para. 22 (l))
    lines = ["the Guiding Principles on Business and Human Rights 21",
             "and the IOM International Recruitment"]
    assert mark_references(lines,
                           ["21"])[0] == "the Guiding Principles on Business and Human Rights ²¹"
    for own in (["as set out in paragraph 21", "and the annex"],
                ["the Human Rights 21", "Council decided"]):
        # after "paragraph", or before a capital: the text's own
        assert mark_references(own, ["21"]) == own


def test_plain_marks_stripped_only_for_known_footnotes():
    assert strip_footnote_marks("Migration,1 and G20", {"1"}) == ("Migration, and G20", ("1",))
    assert strip_footnote_marks("Migration,1 and G20", set()) == ("Migration,1 and G20", ())


def test_reflow_blocks_headings_preamble_and_star_footnote():
    page = "\n".join([
        "United Nations A/RES/99/2",
        "99/2. Invented title",
        "The General Assembly,",
        "Recalling its resolution 98/1 on the invented subject and all of its earlier resolutions "
        "on",
        "the subject,",
        "Reaffirming the invented framework agreed by Member States at the invented conference "
        "held in",
        "the capital,*",
        "1.Decides to convene a meeting on the invented subject at the earliest possible date in "
        "the",
        "year.",
        "Objective 5: Widen pathways",
        "2. We commit to act.",
        "* Invented footnote text.",
    ])
    assert reflow_pages([page]) == ["\n\n".join([
        "United Nations A/RES/99/2",
        "99/2. Invented title",
        "The General Assembly,",
        "Recalling its resolution 98/1 on the invented subject and all of its earlier resolutions "
        "on the subject,",
        "Reaffirming the invented framework agreed by Member States at the invented conference "
        "held in the capital,*",
        "1. Decides to convene a meeting on the invented subject at the earliest possible date in "
        "the year.",
        "Objective 5: Widen pathways",
        "2. We commit to act.",
        "* Invented footnote text.",
    ])]
    _, recs = parse_pages([page], DocumentInfo("d", ""), has_pages=True, wrapped=True)
    assert [(r.number, r.kind) for r in recs] == [("PP1", "preambular"), ("PP2", "preambular"),
                                                   ("1", "paragraph"), ("2", "paragraph"),
                                                  ("fn*", "footnote")]
    assert recs[1].text.endswith("held in the capital,")
    assert [f.mark for f in recs[1].footnotes] == ["*"]
    assert recs[3].objectives == (5,)


# --- DOCX run-level details -----------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, footnotes: str = "") -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml",
                    f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        if footnotes:
            zf.writestr("word/footnotes.xml",
                        f'<w:footnotes xmlns:w="{W}">{footnotes}</w:footnotes>')
    buf.seek(0)
    return buf


def test_docx_runs_deletions_custom_marks_and_typed_superscripts():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">1.</w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:t>We commit</w:t></w:r><w:del><w:r><w:delText> never</w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t xml:space="preserve"> to act on non</w:t></w:r></w:ins>'
        '<w:r><w:noBreakHyphen/><w:t>discrimination and '
        'migra</w:t><w:softHyphen/><w:t>tion,</w:t></w:r><w:r><w:rPr><w:vertAlign '
        'w:val="superscript"/></w:rPr><w:t>7</w:t></w:r><w:r><w:t xml:space="preserve"> as '
        'agreed</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" '
        'w:id="5"/><w:t>*</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    notes = ('<w:footnote w:type="separator" '
             'w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote '
             'w:id="5"><w:p><w:r><w:t>Invented note.</w:t></w:r></w:p></w:footnote>')
    lines = docx_paragraph_texts(_docx(body, notes))
    assert lines == ["1. We commit to act on non-discrimination and migration,⁷ as agreed*.",
                     "* Invented note.", "In a table"]


def test_reflow_ligatures_soft_hyphens_and_hanging_numbers():
    page = "\n".join([
        "1.",
        "We aﬃrm the eﬀorts of the Oﬃce in the ﬁeld of migration and reaﬃrm our commitment to the",
        "Framework.",
        "(a)",
        "Non\u2011discrimination in access to services and to justice for all migrants in transit "
        "and",
        "desti\u00ad",
        "nation;",
    ])
    assert reflow_pages([page]) == ["\n\n".join([
        "1. We affirm the efforts of the Office in the field of migration and reaffirm our "
        "commitment to the Framework.",
        "(a) Non-discrimination in access to services and to justice for all migrants in transit "
        "and destination;",
    ])]


def test_a_compound_hyphen_set_apart_at_a_line_end_is_rejoined():
    from precedent.ingest.text_patterns import join_lines

    # A/RES/80/5, annex, para. 24 as its PDF text layer gives it: "woven into a whole -" /
    # "of-government".
    assert join_lines(["woven into a whole -", "of-government, whole-of-society"]) == \
        "woven into a whole-of-government, whole-of-society"
    assert join_lines(["the list below -",
                       "Member States agreed"]) == "the list below - Member States agreed"


def test_four_digit_paragraph_numbers_parse_in_sequence():
    """Paragraphs from 1000 on are paragraphs (they merged into paragraph 999); a year opening a
    line ("2015. ...") is no paragraph number."""
    from parse_text import parse_text

    body = "\n\n".join(f"{n}. We note item {n} of the long list." for n in range(1, 1006))
    text = (f"A/RES/99/1\n\nThe General Assembly,\n\n{body}\n\n1006. Decides to act, as agreed "
            "in\n2015. The list ends.")
    doc = parse_text(text, DocumentInfo(doc_id="long", title="Long"))
    numbers = [r.number for r in doc.paragraphs if r.kind == "paragraph"]
    assert numbers == [str(n) for n in range(1, 1007)]
    by = {r.number: r.text for r in doc.paragraphs}
    assert by["999"] == "We note item 999 of the long list."
    assert by["1006"] == "Decides to act, as agreed in 2015. The list ends."


def test_lettered_items_of_a_preambular_paragraph_are_its_own():
    """"Reaffirming that the Plan was developed: (a) ...," are items of that preambular paragraph
    (``PP2 (a)``), cited as the UN cites them; the preamble's numbering goes on after them, and the
    next capitalised preambular paragraph is not taken for the rest of the last item, whether the
    chapeau ends on the page or on the next one."""
    from parse_text import parse_text

    for brk in (" ", "\f"):
        text = ("A/RES/99/2\n\nThe General Assembly,\n\nRecalling its resolution 64/293,\n\n"
                f"Reaffirming that the Global Plan of Action was{brk}developed:\n\n"
                "(a) To promote universal ratification of the Protocol,\n\n"
                "(b) To help Member States to reinforce their commitments,\n\n"
                "Noting with concern the rise in trafficking,\n\n"
                "1. Decides to convene a high-level meeting on:\n\n"
                "(a) Not an item of the preamble;\n\n"
                "2. Requests a report.")
        doc = parse_text(text, DocumentInfo(doc_id="pp", title="PP", symbol="A/RES/99/2"))
        got = [(r.citation.split(", ", 1)[1], r.kind, r.text) for r in doc.paragraphs]
        assert got == [
            ("PP1", "preambular", "Recalling its resolution 64/293,"),
            ("PP2", "preambular", "Reaffirming that the Global Plan of Action was developed:"),
            ("PP2 (a)", "subparagraph", "To promote universal ratification of the Protocol,"),
            ("PP2 (b)", "subparagraph", "To help Member States to reinforce their commitments,"),
            ("PP3", "preambular", "Noting with concern the rise in trafficking,"),
            ("para. 1", "paragraph", "Decides to convene a high-level meeting on:"),
            ("para. 1 (a)", "subparagraph", "Not an item of the preamble;"),
            ("para. 2", "paragraph", "Requests a report."),
        ], brk
        items = [r for r in doc.paragraphs if r.number.startswith("PP2 (")]
        assert {r.parent for r in items} == {doc.paragraphs[1].id}


def test_a_preamble_with_no_author_line_is_the_body_not_the_title():
    """A draft's preambular paragraphs straight before "1." with no "The General Assembly,"
    above them were taken for its title and lost (a comparison then said "100% agreed" of a
    draft whose one new paragraph was among them); the title stays a title."""
    from parse_text import parse_text

    text = ("Migration draft\n\nRecalling its resolution 78/10 of 21 November 2023,\n\n"
            "Deeply concerned that migrants shall be detained indefinitely,\n\n"
            "1. We recognize that all migrants are human rights holders.\n\n2. We decide.")
    doc = parse_text(text, DocumentInfo(doc_id="d", title=""))
    assert doc.info.title == "Migration draft"
    assert [(r.number, r.kind) for r in doc.paragraphs] == [
        ("PP1", "preambular"), ("PP2", "preambular"), ("1", "paragraph"), ("2", "paragraph")]
    # every word of the text reaches the title or a paragraph
    held = " ".join([doc.info.title, *(r.text for r in doc.paragraphs)]).split()
    assert held == [w for w in text.split() if w not in ("1.", "2.")]
    # whatever the opening word or spelling, and a semicolon too: one paragraph each
    other = ("Migration draft\n\nRecognising the role of cities in migration,\n\n"
             "Inspired by the purple elephants of the savannah,\n\n"
             "Noting with concern that zebras migrate across borders;\n\n1. We decide.")
    doc = parse_text(other, DocumentInfo(doc_id="d", title=""))
    assert doc.info.title == "Migration draft"
    assert [r.number for r in doc.paragraphs] == ["PP1", "PP2", "PP3", "1"]
    short = "Protection of migrants\n\nReaffirming resolution 73/195,\n\n1. We act."
    doc = parse_text(short, DocumentInfo(doc_id="d", title=""))
    assert doc.info.title == "Protection of migrants"
    assert [(r.number, r.text) for r in doc.paragraphs] == [
        ("PP1", "Reaffirming resolution 73/195,"), ("1", "We act.")]


def test_the_masthead_title_after_the_sponsors_line_whole_over_its_lines():
    from precedent.ingest.structure import masthead_title

    head = ["United Nations", "A/99/L.3", "General Assembly", "Distr.: Limited", "1 May 2099",
            "Ninety-ninth session", "Agenda item 7", "Organization of work",
            "Ruritania:* draft resolution", "Participation of observers during the ninety-ninth",
            "session of the General Assembly"]
    assert masthead_title(head) == ("Participation of observers during the ninety-ninth session "
                                    "of the General Assembly")
    head[8] = "Draft resolution submitted by the President of the General Assembly"
    assert masthead_title(head).startswith("Participation of observers")
    assert masthead_title(["99/3. Lanterns and", "harbours"]) == "Lanterns and harbours"
    assert masthead_title(["United Nations", "Agenda item 7", "Lanterns"]) == "Lanterns"


MASTHEAD_BODY = ("Eighty-fifth session\nAgenda item 12\n\n"
                 "Resolution adopted by the General Assembly on 12 March 2031\n\n"
                 "[without reference to a Main Committee (A/85/L.7)]\n\n"
                 "85/12. Harbour safety for migrants\n\nThe General Assembly,\n\n"
                 "Recalling its resolution 80/99 of 1 December 2025,\n\n"
                 "1. Decides that harbour pilots shall be trained;\n")


@pytest.mark.parametrize("masthead", [
    # a text file's masthead in two columns, one line each
    "United Nations                A/RES/85/12\nGeneral Assembly              Distr.: General\n"
    "                              20 March 2031\n\n",
    # the same lines one under the other, without a blank line
    "United Nations\nA/RES/85/12\nGeneral Assembly\nDistr.: General\n\n20 March 2031\n\n",
])
def test_a_masthead_whose_lines_run_together_still_gives_the_symbol(masthead):
    """An adopted resolution added as a .txt was listed as a draft without a symbol when its
    masthead lines ran together ("United Nations A/RES/85/12 General Assembly Distr.: General");
    the draft's symbol named in brackets is not the document's."""
    from parse_text import parse_text

    doc = parse_text(masthead + MASTHEAD_BODY, DocumentInfo(doc_id="lh", title=""))
    first = doc.paragraphs[0]
    assert (first.symbol, first.date, first.title) == (
        "A/RES/85/12", "2031-03-12", "Harbour safety for migrants")
    assert doc.info.draft_symbol == "A/85/L.7"


# A full line ending a preambular paragraph with its comma, then the next one's participle: the
# paragraphs of 14 resolutions of the 90 documents were joined this way (A/80/L.2 PP1 "Expressing
# ..." and "Deploring ...", A/RES/78/78 "Condemning ...", 78/33 "Calling upon ...", 78/127
# "Encouraging ..." and "Aiming ...", 78/212 "Seriously concerned ...").
FULL = "x" * 80


@pytest.mark.parametrize("opener", [
    "Deploring, in this regard, the decision", "Strongly condemning all acts",
    "Calling upon all nuclear-weapon States", "Encouraging Member States to support",
    "Aiming to further strengthen links", "Seriously concerned that the",
    "Condemning also all acts", "Commending the ongoing efforts", "Urging the implementation",
    "Honouring the memory of", "Taking into account its resolution 1803 (XVII)",
])
def test_a_preambular_participle_after_a_full_line_ending_with_a_comma_opens_a_paragraph(opener):
    page = "\n".join([
        "The General Assembly,",
        "Expressing grave concern regarding situations in which representatives are prevented",
        "from participating in person in the meetings of the General Assembly, in view of its",
        "full participation in the work of the invented Organization during its eightieth ses,",
        f"{opener} of the invented subject of the present paragraph,",
        "1. Decides to remain seized of the matter.",
    ])
    blocks = reflow_pages([page])[0].split("\n\n")
    assert blocks[2].startswith(opener)
    assert blocks[1].endswith("eightieth ses,")


def test_a_title_in_a_list_ending_with_a_comma_is_no_author_line():
    """A/RES/78/168 PP7 lists reports "... entitled Global Warming of 1.5°C," / "The Ocean and
    Cryosphere in a Changing Climate and Climate Change and Land,": that line read as an author's
    ("The Conference of the Parties,") became a paragraph of its own (PP8)."""
    page = "\n".join([
        "The General Assembly,",
        "Highlighting the synergies between the implementation of the invented agenda and the",
        "invented agreement, and noting the special reports of the invented panel entitled Global",
        "Warming of the Invented Century, the Invented Oceans Report, and the Cold Regions Report,",
        "The Ocean and Cryosphere in a Changing Climate and Climate Change and Land,",
        "Welcoming the convening of the twenty-seventh session of the invented conference,",
        "1. Decides to remain seized of the matter.",
    ])
    blocks = reflow_pages([page])[0].split("\n\n")
    assert blocks[1].startswith("Highlighting")
    assert blocks[1].endswith("Climate Change and Land,")
    assert blocks[2].startswith("Welcoming")
    # "The General Assembly," after a comma is still the author's line
    info, records = parse_pages(["\n\n".join(["Recalling its resolutions,", "The General Assembly,",
                                              "1. Decides to act."])],
                                DocumentInfo(doc_id="x", title=""))
    assert [r.text for r in records][-1] == "Decides to act."


def test_each_bullet_of_a_list_is_a_paragraph_of_its_own():
    """Two bullets of a user's note, one under the other, were one record holding both."""
    from parse_text import parse_text

    text = ("We commit to strengthen search and rescue cooperation.\n\n"
            "- First bullet: reduce deaths at sea by 50 per cent by 2030.\n"
            "- Second bullet: safe, orderly and regular migration for all.\n"
            "* Third bullet, wrapped over\ntwo lines.\n• Fourth bullet.\n")
    doc = parse_text(text, DocumentInfo(doc_id="memo", title="Memo"))
    assert [r.text for r in doc.paragraphs] == [
        "We commit to strengthen search and rescue cooperation.",
        "- First bullet: reduce deaths at sea by 50 per cent by 2030.",
        "- Second bullet: safe, orderly and regular migration for all.",
        "Third bullet, wrapped over two lines.", "• Fourth bullet."]  # "* ": markdown's mark


def test_a_heading_without_a_label_under_a_labelled_section_is_its_sub_heading():
    """A/RES/80/3's "Partnerships and support mechanisms", printed inside "II. Implementation
    ...", replaced it: paragraphs 17-22 were said to stand outside section II."""
    from parse_text import parse_text

    text = ("A/RES/99/3\n\nThe General Assembly,\n\n1. Adopts the declaration annexed.\n\n"
            "Annex\n\nA Declaration\n\nI. Context\n\n1. We meet.\n\nII. Implementation\n\n"
            "2. We act.\n\nPartnerships\n\n3. We partner.\n\nGovernance\n\n4. We govern.\n\n"
            "III. Conclusion\n\n5. We conclude.")
    doc = parse_text(text, DocumentInfo(doc_id="h", title="", symbol="A/RES/99/3"))
    sections = {r.number: r.section for r in doc.paragraphs if r.part == "annex"}
    assert sections == {"1": ("A Declaration", "I. Context"),
                        "2": ("A Declaration", "II. Implementation"),
                        "3": ("A Declaration", "II. Implementation", "Partnerships"),
                        "4": ("A Declaration", "II. Implementation", "Governance"),
                        "5": ("A Declaration", "III. Conclusion")}
