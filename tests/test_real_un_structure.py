"""Structure of all 86 real UN PDFs in ``../shared/real-un`` (``pdf/``: twenty of 2025, ``pdf-78/``:
sixty-six resolutions of 2023): no paragraph lost or merged (issue 16, items 5-9).

- Sections numbered from 1 are parts of their own, cited as the UN cites them
  (``A/RES/78/253, sect. II, para. 3``); where sections number on, a section is a heading.
- Headings between operative paragraphs are sections, never text (A/RES/78/298, 78/293, 78/301).
- No footnote record holds a numbered paragraph.
- Long lists stay inside their paragraph; no document is refused.
- In every part and section, numbered paragraphs run 1..N, each once; record ids are unique.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precedent.index.numbering import numbering_breaks
from precedent.ingest.load import load_document

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
pytestmark = pytest.mark.skipif(not REAL.is_dir(),
                                reason=f"real UN documents not present at {REAL}")
PDFS = sorted(str(p.relative_to(REAL)) for folder in ("pdf", "pdf-78")
              for p in (REAL / folder).glob("*.pdf")) \
    if REAL.is_dir() else []
_CACHE: dict[str, object] = {}

# Written reasons for the only unnumbered operative paragraphs in these documents: each is what
# the UN printed, a resolution's (or section's) single paragraph without a number.
UNNUMBERED = {
    "pdf/A_80_L.5.pdf": {"resolution": 1},  # "Adopts the Doha Political Declaration ..."
    "pdf/A_RES_80_5.pdf": {"resolution": 1},
    "pdf/A_80_L.8.pdf": {"resolution": 1},  # "Adopts the 2025 Political Declaration ..."
    "pdf/A_RES_80_9.pdf": {"resolution": 1},
    "pdf-78/A_RES_78_124.pdf": {"": 1},  # "Approves the report of the Credentials Committee."
    # Sections XX to XXV of "Special subjects relating to the proposed programme budget for 2024"
    # each hold one unnumbered paragraph ("Approves resources in the amount of ...").
    "pdf-78/A_RES_78_253.pdf": {f"sect. {s}": 1
                                for s in ("XX", "XXI", "XXII", "XXIII", "XXIV", "XXV")},
}
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
          "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI"]


def parsed(name: str):
    if name not in _CACHE:
        _CACHE[name] = load_document(REAL / name)
    return _CACHE[name]


def numbers_by_part(doc) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    for r in doc.paragraphs:
        if r.kind == "paragraph" and r.number.isdigit():
            parts.setdefault(r.part, []).append(int(r.number))
    return parts


def cite(doc, citation: str):
    return next(r for r in doc.paragraphs if r.citation == f"{doc.info.symbol}, {citation}")


@pytest.mark.parametrize("name", PDFS)
def test_every_part_numbers_its_paragraphs_once_and_nothing_is_refused(name):
    doc = parsed(name)  # never refused: load_document raises on a refused document
    for part, nums in numbers_by_part(doc).items():
        assert nums == list(range(1, len(nums) + 1)), (part, nums)
    assert numbering_breaks(doc.paragraphs) == []  # what the library would warn of (items too)
    ids = [r.id for r in doc.paragraphs]
    assert len(ids) == len(set(ids))
    unnumbered: dict[str, int] = {}
    for r in doc.paragraphs:
        if r.kind == "paragraph" and r.number.startswith("u"):
            unnumbered[r.part] = unnumbered.get(r.part, 0) + 1
    assert unnumbered == UNNUMBERED.get(name, {}), unnumbered
    for r in doc.paragraphs:
        if r.kind == "footnote":  # a footnote never holds a numbered paragraph
            assert not re.search(r"(?:^|[.;:] )\d{1,3}\. [A-Z]", r.text), (r.citation, r.text[:200])
        if r.kind == "subparagraph":
            assert r.parent in set(ids), r.citation
        # an item "(a) ..." under a preambular paragraph is that paragraph's (PP9 (a)), never a
        # preambular paragraph numbered on its own (A/RES/78/228, 78/29)
        assert not (r.kind == "preambular" and re.match(r"\(\w{1,4}\)", r.text)), r.citation


def test_omnibus_sections_each_numbered_from_1_are_cited_by_section():
    doc = parsed("pdf-78/A_RES_78_253.pdf")
    parts = list(dict.fromkeys(r.part for r in doc.paragraphs if r.kind != "footnote"))
    assert parts == [f"sect. {s}" for s in ROMANS]
    nums = numbers_by_part(doc)
    assert (nums["sect. I"] == [1, 2] and nums["sect. III"] == list(range(1, 12))
            and nums["sect. XXVI"] == [1, 2])
    three = cite(doc, "sect. II, para. 3")
    assert three.text.startswith("Notes the performance report for 2022")
    assert three.id == f"{doc.info.doc_id}:sectII:3"
    # The numeral printed on a line of its own above the title is kept with it.
    assert three.section == ("II. Financial performance report on the programme budget for 2022",)
    assert cite(doc,
                "sect. XI, PP1").section[0].startswith("XI. Revised estimates resulting from "
                                                       "resolutions and "
                                                            "decisions adopted by the Human Rights "
                                                            "Council")
    # A title of four lines after its numeral is the section's title, not the start of its preamble.
    assert cite(doc, "sect. XII, PP1").text == "Recalling its resolution 76/271,"
    assert cite(doc, "sect. XII, para. 1").section == (
        "XII. Revised estimates relating to the proposed programme budget for 2024 under section "
        "29A, Department of Management Strategy, Policy and Compliance, and section 29B, "
        "Department of Operational Support, related to addressing racism and promoting dignity for "
        "all in the United Nations Secretariat",)
    assert all(r.section and r.section[0].startswith(f"{r.part.removeprefix('sect. ')}. ")
               for r in doc.paragraphs if r.kind != "footnote")
    assert cite(doc,
                "sect. XX, unnumbered paragraph "
                "1").text.startswith("Approves resources in the amount")
    assert cite(doc,
                "sect. XXIV, unnumbered paragraph 1 "
                "(b)").text.startswith("Security and Safety Services")
    # A table a paragraph introduces ("as set out in the table below:") stays in that paragraph.
    six = cite(doc, "sect. VII, para. 6")
    assert ("Pension Administration" in six.text
            and six.text.endswith("General Service (Principal level)."))
    assert cite(doc,
                "sect. VII, para. 7").text.startswith("Approves the estimates of 139,789,700 "
                                                      "dollars")
    assert max(len(r.text) for r in doc.paragraphs) < 3_000  # nothing merged into one paragraph
    assert cite(doc, "footnote 5").part == ""  # footnotes are numbered through the document


def test_a_table_set_in_small_type_stays_in_the_paragraph_that_introduces_it():
    """A/RES/78/253, sect. XII, para. 15 "... as reflected in the table below:" and a staffing table
    in small type at the page foot, its borders drawn cell by cell: not a footnote separator, so the
    table is no continuation of footnote 42 on the page before."""
    doc = parsed("pdf-78/A_RES_78_253.pdf")
    fifteen = cite(doc, "sect. XII, para. 15")
    assert fifteen.text.startswith("Approves the conversion of eight temporary positions")
    assert "as reflected in the table below: D-2 D-1 P-5" in fifteen.text
    assert ("Department of Operational Support – – – 1 – – – – 1 Total 1 – 3 4 1 1 – 1 "
            "11") in fifteen.text
    assert cite(doc, "footnote 42").text == "A/78/7/Add.16."


def test_parts_of_one_report_each_numbered_from_1():
    doc = parsed("pdf-78/A_RES_78_247.pdf")
    assert numbers_by_part(doc) == {"sect. I": list(range(1, 11)), "sect. II": [1, 2]}
    one = cite(doc, "sect. II, para. 1")
    assert one.text == ("Notes with appreciation the work of the Independent Audit Advisory "
                        "Committee;")
    assert one.section == ("II. Activities of the Independent Audit Advisory Committee",)
    assert [r.number for r in doc.paragraphs if r.part == "sect. II"
            and r.kind == "preambular"] == ["PP1", "PP2"]


@pytest.mark.parametrize("name, headings", [
    ("pdf-78/A_RES_78_245.pdf", 5), ("pdf-78/A_RES_78_248.pdf", 4),
    ("pdf-78/A_RES_78_330.pdf", 7), ("pdf-78/A_RES_78_234.pdf", 8),
])
def test_sections_numbering_on_are_headings(name, headings):
    doc = parsed(name)
    assert list(numbers_by_part(doc)) == [""]
    sections = {r.section[0] for r in doc.paragraphs if r.kind == "paragraph" and r.section}
    assert len(sections) >= headings
    assert not any(r.text in ROMANS for r in doc.paragraphs)


def test_quoted_numbered_text_stays_in_the_paragraph_that_quotes_it():
    doc = parsed("pdf-78/A_RES_78_248.pdf")
    fourteen = cite(doc, "para. 14")
    assert fourteen.text.startswith("Decides to approve the following amendment to the statute")
    assert "Article 9, new paragraph 4: 4. In hearing an application" in fourteen.text
    assert cite(doc, "para. 4").text.startswith("Stresses the importance of ensuring access")


@pytest.mark.parametrize("name, number, heading, start", [
    ("pdf-78/A_RES_78_298.pdf", "15",
     "Budget performance report for the period from 1 July 2022 to 30 June 2023",
     "Takes note of the report of the Secretary-General on the budget performance of the Mission"),
    ("pdf-78/A_RES_78_298.pdf", "16",
     "Budget estimates for the period from 1 July 2024 to 30 June 2025",
     "Decides to appropriate to the special account"),
    ("pdf-78/A_RES_78_293.pdf", "11",
     "Budget performance report for the period from 1 July 2022 to 30 June 2023",
     "Takes note of the report of the Secretary-General on the budget performance of the support "
     "account"),
    ("pdf-78/A_RES_78_293.pdf", "13",
     "Financing of the support account for peacekeeping operations for the "
     "financial periods from 1 July 2022 to 30 June 2023 and from 1 July 2024 to 30 June 2025",
     "Decides that the requirements for the support account"),
    ("pdf-78/A_RES_78_301.pdf", "14",
     "Budget performance report for the period from 1 July 2022 to 30 June 2023",
     "Takes note of the report of the Secretary-General on the budget performance of the Mission"),
])
def test_headings_between_operative_paragraphs(name, number, heading, start):
    doc = parsed(name)
    para = cite(doc, f"para. {number}")
    assert para.text.startswith(start) and para.section == (heading,)
    assert not any(heading in r.text for r in doc.paragraphs)
    assert not re.search(r"\b\d{1,3}\. [A-Z]", para.text), para.text  # nothing merged into it


def test_a_long_list_inside_a_paragraph_is_kept_there():
    doc = parsed("pdf-78/A_RES_78_223.pdf")
    eleven = cite(doc, "para. 11")
    assert eleven.text.startswith("Approves the following provisional agenda for the Fifteenth "
                                  "Congress")
    for item in ("1. Opening of the Congress.", "2. Organizational matters.",
                 "7. Adoption of the report of the Congress."):
        assert item in eleven.text
    assert numbers_by_part(doc) == {"": list(range(1, 25))}


def test_round_tables_listed_by_a_paragraph_stay_in_it():
    doc = parsed("pdf-78/A_RES_78_318.pdf")
    four = cite(doc, "para. 4")
    assert ("Round table 1: Strengthening the three pillars" in four.text
            and "Round table 2: Assessing" in four.text)
    assert cite(doc, "para. 5").section == ()


@pytest.mark.parametrize("name, chapeau, items, after", [
    ("pdf-78/A_RES_78_228.pdf", "PP9", "abcdef", "PP10"),
    ("pdf-78/A_RES_78_29.pdf", "PP12", "abcde", "PP13"),
])
def test_lettered_items_under_a_preambular_paragraph(name, chapeau, items, after):
    doc = parsed(name)
    head = cite(doc, chapeau)
    assert head.text.endswith(":")
    subs = [r for r in doc.paragraphs if r.parent == head.id]
    assert [r.citation for r in subs] == [f"{doc.info.symbol}, {chapeau} ({x})" for x in items]
    assert all(r.kind == "subparagraph" and r.text[:1].isupper() for r in subs)
    nxt = doc.paragraphs[doc.paragraphs.index(subs[-1]) + 1]
    assert (nxt.kind, nxt.number) == ("preambular", after)


def test_a_draft_has_the_title_of_the_resolution_adopted_from_it():
    """The title is read after the sponsors' line ("X:* draft resolution", "Draft resolution
    submitted by ..."), whole over its lines, even when it says "session": A/80/L.2 was titled
    by its sponsors' line, A/80/L.8 and A/80/L.10 by the last line of their titles."""
    resolutions = [parsed(n).info for n in PDFS if "/A_RES_" in n and n.startswith("pdf/")]
    drafts = {parsed(n).info.symbol: parsed(n).info for n in PDFS if "_L." in n}
    pairs = [(r, drafts[r.draft_symbol]) for r in resolutions if r.draft_symbol in drafts]
    assert len(pairs) >= 8
    for res, draft in pairs:
        assert draft.title == res.title, (draft.symbol, draft.title, res.title)


# Operative verbs after the adverbs resolutions put first ("Also requests", "Further decides",
# "Strongly condemns"): each carries its category, as the verb alone does.
_LED = re.compile(r"^(?:Also|Further|Strongly|Once again|Again)(?: also| further)?,?\s+"
                  r"(requests|decides|encourages|urges|invites|calls|welcomes|recognizes|"
                  r"emphasizes|stresses|recalls|reaffirms|reiterates|condemns|notes|approves|"
                  r"endorses|expresses|acknowledges|underlines|takes)\b")


@pytest.mark.parametrize("name", PDFS)
def test_an_operative_verb_after_also_or_further_has_its_category(name):
    """Before, every "Also requests ...", "Further decides ...", "Strongly condemns ..." was
    'other' (the verbs were matched capitalised only): 390 paragraphs of these 86 documents and
    the text layers, whose category the page shows and the category filter and the ordering of
    commitment questions read."""
    led = [r for r in parsed(name).paragraphs
           if r.kind in ("paragraph", "preambular") and _LED.match(r.text)]
    wrong = [(r.citation, r.text[:60]) for r in led if r.category == "other"]
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["pdf/A_RES_80_5.pdf", "pdf/A_80_L.5.pdf"])
def test_items_after_we_commit_to_are_commitments(name):
    """The Doha Political Declaration's paragraphs open with a recognition, reaffirmation or
    concern and end "In this regard, we commit to:": their lettered items (61 in each text:
    "Promoting and protecting the human rights ... of all migrants", "Recognizing, reducing and
    redistributing women's disproportionate share of unpaid care ...") were shown and filtered
    as recognitions, reaffirmations and concerns."""
    doc = parsed(name)
    items = [r for r in doc.paragraphs if r.kind == "subparagraph"
             and r.parent and re.search(r"\bcommit to:$", _by_id(doc)[r.parent].text)]
    assert len(items) >= 100
    assert {r.category for r in items} == {"commitment"}
    assert cite(doc, "annex, para. 41 (b)").category == "commitment"
    assert cite(doc, "annex, para. 41").category == "recognition"  # it opens "We recognize"
    assert cite(doc, "annex, para. 29 (j)").category == "commitment"  # "Recognizing that ..."


def _by_id(doc):
    return {r.id: r for r in doc.paragraphs}


# Preambular paragraphs joined: in 14 of these documents a preambular paragraph ending with its
# comma at the end of a full line ran into the next one ("... demanding the immediate reversal of
# this decision," / "Deploring ..."; "Calling upon", "Strongly condemning", "Seriously
# concerned", "Encouraging", "Aiming", "Honouring", "Taking into account"), so its quote held two
# paragraphs, every later PP number was one short and the label was the first one's.
_JOINED_RE = re.compile(r"[,;] (?=[A-Z])")


@pytest.mark.parametrize("name", PDFS)
def test_no_paragraph_holds_the_next_preambular_paragraph(name):
    from precedent.ingest.headings import PP_OPENER_RE

    for r in parsed(name).paragraphs:
        for m in _JOINED_RE.finditer(r.text):
            assert not PP_OPENER_RE.match(r.text[m.end():]), (r.citation, r.text[m.start() - 60:
                                                                               m.end() + 40])


@pytest.mark.parametrize("name, citation, opens, ends", [
    ("pdf/A_80_L.2.pdf", "PP2", "Deploring, in this regard,", "reversal of this decision,"),
    ("pdf/A_80_L.2.pdf", "PP4", "Recalling also the Headquarters Agreement,", "Agreement,"),
    ("pdf-78/A_RES_78_29.pdf", "PP3", "Honouring the memory of", "victims of chemical weapons,"),
    ("pdf-78/A_RES_78_78.pdf", "PP25", "Condemning acts of violence and terror", "destruction,"),
    # a title in a list, "The Ocean and Cryosphere ... and Land,", is no author's line
    ("pdf-78/A_RES_78_168.pdf", "PP7", "Highlighting the synergies",
     "The Ocean and Cryosphere in a Changing Climate and Climate Change and Land,"),
])
def test_preambular_paragraphs_as_printed(name, citation, opens, ends):
    r = cite(parsed(name), citation)
    assert r.text.startswith(opens) and r.text.endswith(ends), r.text


def test_an_item_that_requests_is_a_request_under_a_chapeau_that_reaffirms():
    """A/RES/80/11 para. 1 "Reaffirms ... the need to strengthen its fulfilment ... by:" lists
    "(a) Requesting the Peacebuilding Commission to ...": the items were labelled
    reaffirmations (their chapeau's) and the request filter missed them. Items that only go on
    the chapeau's sentence still take its category (1 (c) "Taking note ...")."""
    for name in ("pdf/A_RES_80_11.pdf", "pdf/A_80_L.15.pdf"):
        doc = parsed(name)
        for n in ("1 (a)", "1 (b)", "1 (d)", "1 (e)", "1 (f)", "1 (g)", "1 (i)"):
            assert cite(doc, f"para. {n}").category == "request", (name, n)
        assert cite(doc, "para. 1 (c)").category == "reaffirmation"
