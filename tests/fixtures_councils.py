"""Invented resolutions of the other Councils, laid out as they print theirs (for
``fixtures_un.make_un_pdf`` / ``make_un_docx`` and ``fixtures_sections.as_text``). Every sentence
is invented; only the layout imitates the documents.

- ``security_council_spec``: a Security Council resolution: its symbol holds the year
  ("S/RES/9999 (2099)"), it has no title but its number ("Resolution 9999 (2099)"), it is dated
  by "Adopted by the Security Council at its 9876th meeting, on ..." and ends without a meeting
  line; a preambular "Acting under Chapter VII of the Charter ...".
- ``human_rights_council_spec``: a Human Rights Council resolution: "Resolution adopted by the
  Human Rights Council on ...", "99/13. Title", and after its last paragraph "42nd meeting", its
  date and the note of a recorded vote, over several blocks ("[Adopted by a recorded vote of ...
  In favour: ... Against: ... Abstaining: ...]").
- ``economic_and_social_council_spec``: "2099/5. Title" (the Council numbers its resolutions by
  year) and "15th plenary meeting".
"""

from __future__ import annotations

from fixtures_un import BODY_FONT, DocSpec, Item

SC_SYMBOL = "S/RES/9999 (2099)"
SC_ADOPTED = "9 October 2099"
SC_PREAMBLE = [
    "Recalling its resolution 9998 (2099) and its earlier resolutions on the invented coastal "
    "State,",
    "Reaffirming its strong commitment to the sovereignty, independence and territorial "
    "integrity of the invented coastal State,",
    "Acting under Chapter VII of the Charter of the United Nations,",
]
SC_PARAGRAPHS = [
    "Condemns all acts of migrant smuggling and trafficking in persons into, through and from "
    "the territory of the invented coastal State, which endanger the lives of thousands of "
    "people;",
    "Urges Member States acting nationally or through regional organizations to assist the "
    "invented coastal State, upon its request, in building the capacity needed to secure its "
    "borders and to prevent, investigate and prosecute acts of smuggling of migrants;",
    "Decides to remain seized of the matter.",
]


def security_council_spec() -> DocSpec:
    masthead = [
        ("United Nations", SC_SYMBOL, "Helvetica", 10.0),
        ("Security Council", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", SC_ADOPTED, "Helvetica", 9.0),
        ("Resolution 9999 (2099)", "", "Times-Bold", 13.0),
        ("Adopted by the Security Council at its 9876th meeting, on", "", BODY_FONT, 9.0),
        (SC_ADOPTED, "", BODY_FONT, 9.0),
    ]
    items = [Item("author", "The Security Council,")]
    items += [Item("pp", t, f"PP{i}") for i, t in enumerate(SC_PREAMBLE, start=1)]
    items += [Item("para", t, str(i)) for i, t in enumerate(SC_PARAGRAPHS, start=1)]
    return DocSpec(masthead, SC_SYMBOL, "", items, {})


HRC_SYMBOL = "A/HRC/RES/99/13"
HRC_TITLE = "Protection of the human rights of invented migrants in vulnerable situations"
HRC_ADOPTED = "7 July 2099"
HRC_PREAMBLE = [
    "Guided by the purposes and principles of the Charter of the United Nations,",
    "Reaffirming that all invented migrants are entitled to the full enjoyment of their human "
    "rights, regardless of their migration status,",
]
HRC_PARAGRAPHS = [
    "Calls upon States to promote, protect and respect the human rights of all invented "
    "migrants, regardless of their migration status;",
    "Requests the Office of the United Nations High Commissioner for Human Rights to prepare a "
    "report on the human rights of invented migrants in vulnerable situations;",
    "Decides to continue its consideration of this issue under the same agenda item.",
]
HRC_CLOSING = [
    "42nd meeting",
    HRC_ADOPTED,
    "[Adopted by a recorded vote of 29 to 14, with 4 abstentions. The voting was as follows:",
    "In favour:",
    "Argentina, Armenia, Benin, Bolivia (Plurinational State of), Brazil, Cameroon, Chile, "
    "Costa Rica, Ecuador, Gabon, Honduras, Indonesia, Kazakhstan, Malawi, Mexico",
    "Against:",
    "China, Cuba, Eritrea, Pakistan",
    "Abstaining:",
    "India, Nepal, Qatar, Sudan]",
]


def human_rights_council_spec() -> DocSpec:
    masthead = [
        ("United Nations", HRC_SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", "14 July 2099", "Helvetica", 9.0),
        ("Human Rights Council", "", "Helvetica-Bold", 12.0),
        ("Ninety-ninth session", "", "Helvetica", 9.0),
        ("Agenda item 3", "", "Helvetica", 9.0),
        (f"Resolution adopted by the Human Rights Council on {HRC_ADOPTED}", "", "Times-Bold",
         11.0),
        (f"99/13. {HRC_TITLE}", "", "Times-Bold", 13.0),
    ]
    items = [Item("author", "The Human Rights Council,")]
    items += [Item("pp", t, f"PP{i}") for i, t in enumerate(HRC_PREAMBLE, start=1)]
    items += [Item("para", t, str(i)) for i, t in enumerate(HRC_PARAGRAPHS, start=1)]
    items += [Item("text", t) for t in HRC_CLOSING]
    return DocSpec(masthead, HRC_SYMBOL, HRC_TITLE, items, {})


ECOSOC_SYMBOL = "E/RES/2099/5"
ECOSOC_TITLE = "Promoting invented care and support systems for social development"
ECOSOC_ADOPTED = "6 June 2099"
ECOSOC_PARAGRAPHS = [
    "Encourages Member States to invest in invented care and support systems, including for "
    "migrant care workers;",
    "Requests the Secretary-General to report on the implementation of the present resolution.",
]


def economic_and_social_council_spec() -> DocSpec:
    masthead = [
        ("United Nations", ECOSOC_SYMBOL, "Helvetica", 10.0),
        ("Economic and Social Council", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", "12 June 2099", "Helvetica", 9.0),
        ("2099 session", "", "Helvetica", 9.0),
        ("Agenda item 12 (b)", "", "Helvetica", 9.0),
        (f"Resolution adopted by the Economic and Social Council on {ECOSOC_ADOPTED}", "",
         "Times-Bold", 11.0),
        ("[on the recommendation of the Commission for Social Development (E/2099/26)]", "",
         BODY_FONT, 9.0),
        (f"2099/5. {ECOSOC_TITLE}", "", "Times-Bold", 13.0),
    ]
    items = [Item("author", "The Economic and Social Council,"),
             Item("pp", "Recalling the invented declaration on social development,", "PP1")]
    items += [Item("para", t, str(i)) for i, t in enumerate(ECOSOC_PARAGRAPHS, start=1)]
    items += [Item("text", "15th plenary meeting"), Item("text", ECOSOC_ADOPTED)]
    return DocSpec(masthead, ECOSOC_SYMBOL, ECOSOC_TITLE, items, {})


HRC_DRAFT_SYMBOL = "A/HRC/99/L.12"
HRC_DRAFT_ISSUED = "4 July 2099"


def human_rights_council_draft_spec() -> DocSpec:
    """The draft of ``human_rights_council_spec``: "Distr.: Limited", its sponsors' line and its
    title after the number to come ("99/... Protection ...")."""
    masthead = [
        ("United Nations", HRC_DRAFT_SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: Limited", "Helvetica-Bold", 16.0),
        ("", HRC_DRAFT_ISSUED, "Helvetica", 9.0),
        ("Human Rights Council", "", "Helvetica-Bold", 12.0),
        ("Ninety-ninth session", "", "Helvetica", 9.0),
        ("Agenda item 3", "", "Helvetica", 9.0),
        ("Albania, Argentina, Mexico: draft resolution", "", "Times-Bold", 11.0),
        (f"99/... {HRC_TITLE}", "", "Times-Bold", 13.0),
    ]
    items = [Item("author", "The Human Rights Council,")]
    items += [Item("pp", t, f"PP{i}") for i, t in enumerate(HRC_PREAMBLE, start=1)]
    items += [Item("para", t, str(i)) for i, t in enumerate(HRC_PARAGRAPHS, start=1)]
    return DocSpec(masthead, HRC_DRAFT_SYMBOL, HRC_TITLE, items, {})


REPORT_SYMBOL = "A/99/642"
REPORT_TITLE = ("Implementation of the Invented Compact for Safe and Orderly Coastal Mobility: "
                "report of the Secretary-General")
REPORT_ISSUED = "27 December 2099"
REPORT_SUMMARY = [
    "The present report is submitted pursuant to General Assembly resolution 98/195, in which "
    "the Assembly requested the Secretary-General to report biennially on the implementation of "
    "the invented compact in the two years since its last report.",
    "The report closes with recommendations to Member States.",
]
REPORT_SECTIONS = [
    # heading, [(number, text, lettered items)]
    ("I. Introduction",
     [("1", "In December 2098, Member States adopted the invented compact, the first agreement "
            "covering all dimensions of coastal mobility.", []),
      ("2", "The present report draws on 12 voluntary national reviews and on contributions from "
            "the invented network.", [])]),
    ("II. Progress in implementing the invented compact",
     [("3", "Since the adoption of the invented compact, more than 70 per cent of countries have "
            "taken steps to improve the governance of coastal mobility.", [])]),
    ("III. Recommendations",
     [("4", "I call upon Member States to:", ["End the practice of child detention;",
                                                "Expand regular pathways."])]),
]


def report_spec() -> DocSpec:
    """A report of the Secretary-General: no "The General Assembly,", a title over two lines
    and "Report of the Secretary-General", a "Summary" and its paragraphs (page 1 alone), its
    table of contents (page 2), then sections "I. Introduction" ... with paragraphs numbered
    on."""
    masthead = [
        ("United Nations", REPORT_SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", REPORT_ISSUED, "Helvetica", 9.0),
        ("Ninety-ninth session", "", "Helvetica", 9.0),
        ("Agenda item 16", "", "Helvetica", 9.0),
        ("Globalization and interdependence", "", "Helvetica", 9.0),
        # wrapped after a word no title ends with (the line before, the agenda item's title,
        # ends as a title does)
        ("Implementation of the Invented Compact for Safe and", "", "Times-Bold", 13.0),
        ("Orderly Coastal Mobility", "", "Times-Bold", 13.0),
        ("Report of the Secretary-General", "", "Times-Bold", 11.0),
    ]
    items = [Item("heading", "Summary"), Item("text", REPORT_SUMMARY[0]),
             Item("text", REPORT_SUMMARY[1], break_after_line=1),
             Item("heading", "Contents"), Item("text", "Page")]
    leaders = " ." * 12
    for k, (heading, _) in enumerate(REPORT_SECTIONS):
        last = k == len(REPORT_SECTIONS) - 1
        items.append(Item("text", f"{heading}{leaders} {k + 3}", break_after_line=int(last)))
    for heading, paragraphs in REPORT_SECTIONS:
        items.append(Item("heading", heading))
        for number, text, subs in paragraphs:
            items.append(Item("para", text, number))
            items += [Item("sub", t, "abcdefgh"[k]) for k, t in enumerate(subs)]
    return DocSpec(masthead, REPORT_SYMBOL, "Invented compact report", items, {})


DECISION_SYMBOL = "A/DEC/99/555"
DECISION_TITLE = "Invented coastal mobility and development"
DECISION_ADOPTED = "19 December 2099"
DECISION_TEXT = ("At its 50th plenary meeting, on 19 December 2099, the General Assembly, on the "
                 "recommendation of the Second Committee, decided to include in the provisional "
                 "agenda of its one hundred and first session the item entitled \u201cInvented "
                 "coastal mobility and development\u201d.")


def decision_spec() -> DocSpec:
    """A decision of the General Assembly: its number and title ("99/555. Title"), then one
    unnumbered paragraph, "At its 50th plenary meeting, on ..., the General Assembly, ...,
    decided to ...", with no "The General Assembly," before it."""
    masthead = [
        ("United Nations", DECISION_SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", "22 December 2099", "Helvetica", 9.0),
        ("Ninety-ninth session", "", "Helvetica", 9.0),
        ("Agenda item 16", "", "Helvetica", 9.0),
        (f"Decision adopted by the General Assembly on {DECISION_ADOPTED}", "", "Times-Bold", 11.0),
        ("[on the report of the Second Committee (A/99/459)]", "", BODY_FONT, 9.0),
        (f"99/555. {DECISION_TITLE}", "", "Times-Bold", 13.0),
    ]
    return DocSpec(masthead, DECISION_SYMBOL, DECISION_TITLE, [Item("text", DECISION_TEXT)], {})


OUTCOME_SYMBOL = "A/RES/99/1"
OUTCOME_TITLE = "Invented Declaration for Coastal Communities"
OUTCOME_ADOPTS = ("Adopts the following outcome document of the high-level plenary meeting on "
                  "addressing large movements of coastal communities:")
OUTCOME_OPENING = ("We, the Heads of State and Government and High Representatives, meeting at "
                   "United Nations Headquarters in New York on 19 September 2099, have decided "
                   "as follows:")
OUTCOME_PARAGRAPHS = [
    ("I. Introduction", "1", "Since earliest times, coastal communities have been on the move."),
    ("I. Introduction", "2", "We are witnessing an unprecedented level of coastal mobility."),
    ("II. Commitments", "3", "We commit to protect the human rights of all coastal migrants."),
]


def outcome_document_spec() -> DocSpec:
    """A resolution adopting an outcome document in its own body, as A/RES/71/1 (the New York
    Declaration) does: "The General Assembly" / "Adopts the following outcome document ...:" /
    the document's title / "We, the Heads of State ... have decided as follows:" / "I.
    Introduction" / "1. ..."."""
    masthead = [
        ("United Nations", OUTCOME_SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", "3 October 2099", "Helvetica", 9.0),
        ("Resolution adopted by the General Assembly on 19 September 2099", "", "Times-Bold",
         11.0),
        (f"99/1. {OUTCOME_TITLE}", "", "Times-Bold", 13.0),
    ]
    items = [Item("author", "The General Assembly"), Item("pp", OUTCOME_ADOPTS, "u1"),
             Item("heading", OUTCOME_TITLE), Item("text", OUTCOME_OPENING)]
    heading = None
    for head, number, text in OUTCOME_PARAGRAPHS:
        if head != heading:
            items.append(Item("heading", head))
            heading = head
        items.append(Item("para", text, number))
    return DocSpec(masthead, OUTCOME_SYMBOL, OUTCOME_TITLE, items, {})
