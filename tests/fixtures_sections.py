"""Invented UN documents laid out the way budget, omnibus and outcome documents are (for
``fixtures_un.make_un_pdf`` / ``make_un_docx`` and as plain text). Every sentence is invented.

- ``omnibus_spec``: "Special subjects" style: sections ``I``, ``II`` ... each with a title, its
  own preamble and paragraphs numbered from 1; one section holds a single unnumbered paragraph,
  another an unnumbered paragraph with lettered items (as A/RES/78/253 sections XX-XXIV).
  ``run_on=True``: the same sections numbering on (as A/RES/78/248), where a section is a heading;
  ``labels=False``: sections printed with their titles only.
- ``financing_spec``: a peacekeeping financing resolution whose headings stand between operative
  paragraphs ("Budget performance report for the period ...", as A/RES/78/298 and 78/293).
- ``pact_spec``: an outcome document with chapters and numbered actions inside the paragraph
  sequence ("Action 4. We will ...", as the Pact for the Future, A/RES/79/1): an action followed
  by a paragraph "We decide to:" with lettered items, and an action with its own lettered items.
"""

from __future__ import annotations

from fixtures_un import BODY_FONT, DocSpec, Item, make_un_docx, make_un_pdf

FORMATS = ("pdf", "docx", "txt")  # each spec is read in the three formats a user adds


def load_spec(spec: DocSpec, fmt: str, tmp_path, name: str = "doc"):
    """``spec`` written as a file of format ``fmt`` in ``tmp_path`` and loaded as a user's
    file is (``ingest.load.load_document``)."""
    from precedent.ingest.load import load_document

    path = tmp_path / f"{name}.{fmt}"
    if fmt == "pdf":
        make_un_pdf(path, spec)
    elif fmt == "docx":
        make_un_docx(path, spec)
    else:
        path.write_text(as_text(spec), encoding="utf-8")
    return load_document(path)


def _masthead(symbol: str, number: str, title: str, adopted: str, agenda: str = "Agenda item 134"):
    return [
        ("United Nations", symbol, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", adopted, "Helvetica", 9.0),
        ("Ninety-ninth session", "", "Helvetica", 9.0),
        (agenda, "", "Helvetica", 9.0),
        (f"Resolution adopted by the General Assembly on {adopted}", "", "Times-Bold", 11.0),
        ("[on the report of the Fifth Committee (A/99/662)]", "", BODY_FONT, 9.0),
        (f"{number}. {title}", "", "Times-Bold", 13.0),
    ]


# --- sections numbered from 1 (or numbering on) --------------------------------------------

OMNIBUS_SYMBOL = "A/RES/99/253"
SECTIONS = [
    # label, title, preamble, numbered paragraphs (text, lettered items), unnumbered paragraph
    ("I", "Invented enterprise planning project",
     ["Recalling its earlier resolutions on the invented enterprise planning project,",
      "Having considered the report of the Secretary-General on the progress of the project^1 and "
      "the related report of the Advisory Committee on Administrative and Budgetary Questions,^2"],
     [("Takes note of the report of the Secretary-General;", []),
      ("Endorses the conclusions and recommendations contained in the report of the Advisory "
       "Committee;", []),
      ("Requests the Secretary-General to report on the costs of the project in the context of his "
       "next progress report, including on the savings achieved in the regional offices;", [])],
     ""),
    ("II",
     "Invented financial performance report on the programme budget of the invented organization "
     "for the year ending on 31 December",
     ["Having considered the invented financial performance report^3 and the related report of the "
      "Advisory Committee,"],
     [("Takes note of the report of the Secretary-General;", []),
      ("Endorses the conclusions and recommendations contained in the report of the Advisory "
       "Committee;", []),
      ("Approves the return of 13,645,900 dollars as a credit against assessments to Member States "
       "for the coming year, resulting from:",
       ["Underexpenditure in the amount of 1,485,800 dollars under the expenditure sections;",
        "A higher collected income in the amount of 5,634,500 dollars;"]),
      ("Decides to keep the matter under review at its next session.", [])], ""),
    ("III", "Invented trade centre",
     [], [],
     "Approves resources in the amount of 1,723,500 dollars proposed for the coming year under "
     "section 13, Invented trade centre, of the proposed programme budget;"),
    ("IV", "Gross jointly financed budget of the invented security department",
     [], [],
     "Approves the gross jointly financed budget of the invented security department in the "
     "amount of 65,226,300 dollars, broken down as follows:"),
]
SECTION_IV_ITEMS = ["Field security operations: 49,110,800 dollars;",
                    "Security and safety services at the invented office: 16,115,500 dollars;"]
OMNIBUS_FOOTNOTES = {"1": "A/99/505.", "2": "A/99/7/Add.25.", "3": "A/99/89."}


def omnibus_items(run_on: bool = False, labels: bool = True,
                  sections: int = len(SECTIONS)) -> list[Item]:
    items = [Item("author", "The General Assembly,")]
    n = 0
    for label, title, preamble, paragraphs, unnumbered in SECTIONS[:sections]:
        items += ([Item("heading", label)] if labels else []) + [Item("heading", title)]
        items += [Item("pp", pp) for pp in preamble]
        if not run_on:
            n = 0
        for text, letters in paragraphs:
            n += 1
            items.append(Item("para", text, str(n)))
            items += [Item("sub", t, chr(ord("a") + k)) for k, t in enumerate(letters)]
        if unnumbered:
            items.append(Item("text", unnumbered))
        if label == "IV":
            items += [Item("sub", t, chr(ord("a") + k)) for k, t in enumerate(SECTION_IV_ITEMS)]
    return items


def omnibus_spec(run_on: bool = False, labels: bool = True,
                 sections: int = len(SECTIONS)) -> DocSpec:
    """``labels=False``: the sections printed with their titles only (no "I", "II")."""
    title = "Special subjects relating to the invented programme budget"
    return DocSpec(_masthead(OMNIBUS_SYMBOL, "99/253", title, "22 December 2098"), OMNIBUS_SYMBOL,
                   title, omnibus_items(run_on, labels, sections), dict(OMNIBUS_FOOTNOTES))


# --- headings between operative paragraphs -------------------------------------------------

FINANCING_SYMBOL = "A/RES/99/298"
# Printed nearly as wide as the text (as in A/RES/78/298): not "short", a heading by what follows.
PERFORMANCE = ("Budget performance report of the Mission for the period from 1 July 2097 to 30 "
               "June 2098")
ESTIMATES = ("Budget estimates of the Invented Mission for the period from 1 July 2099 to 30 June "
             "2100")
# Longer than a title line and than twenty words (as in A/RES/78/293): printed on two lines.
FINANCING = ("Financing of the appropriation for the Invented Mission for the financial periods "
             "from 1 July 2097 to 30 June 2098 and from 1 July 2099 to 30 June 2100")
FINANCING_PARAGRAPHS = {
    "1": "Requests the Secretary-General to entrust the Head of Mission with the task of "
         "formulating future budget proposals in full accordance with the relevant resolutions;",
    "2": "Also requests the Secretary-General to take all action necessary to ensure that the "
         "Mission is administered with a maximum of efficiency and economy;",
    "3": "Takes note of the report of the Secretary-General on the budget performance of the "
         "Mission for the period from 1 July 2097 to 30 June 2098;^1",
    "4": "Decides to appropriate to the special account for the Invented Mission the amount of "
         "1,283,314,000 dollars for the period from 1 July 2099 to 30 June 2100, inclusive of "
         "1,171,619,700 dollars for the maintenance of the Mission;",
    "5": "Decides to apportion among Member States the amount of 481,242,700 dollars for the "
         "period from 1 July to 15 November 2099;",
}


def _filling_the_measure(number: str, text: str) -> str:
    """``text`` lengthened by invented words until its last printed line nearly fills the
    measure: a heading after it then follows a full line (the text layer gives no type size)."""
    from fixtures_un import LEFT, RIGHT, _wrap
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def last_fill(t: str) -> float:
        lines = _wrap(f"{number}. {t}".split(), RIGHT - LEFT, RIGHT - LEFT,
                      lambda s: stringWidth(s, BODY_FONT, 10.0))
        return stringWidth(" ".join(lines[-1]), BODY_FONT, 10.0) / (RIGHT - LEFT)

    words = "in close consultation with the host Government concerned".split()
    body = text.rstrip(";")
    k = 0
    while last_fill(body + ";") < 0.85:
        body += " " + words[k % len(words)]
        k += 1
    return body + ";"


FINANCING_PARAGRAPHS["2"] = _filling_the_measure("2", FINANCING_PARAGRAPHS["2"])
FINANCING_PARAGRAPHS["3"] = (_filling_the_measure("3", FINANCING_PARAGRAPHS["3"].removesuffix("^1"))
                             + "^1")


def financing_spec() -> DocSpec:
    p = FINANCING_PARAGRAPHS
    items = [
        Item("author", "The General Assembly,"),
        Item("pp",
             "Having considered the reports of the Secretary-General on the financing of the "
             "Invented Mission and the related report of the Advisory Committee,"),
        Item("para", p["1"], "1"), Item("para", p["2"], "2"),
        Item("heading", PERFORMANCE),
        Item("para", p["3"], "3"),
        Item("heading", ESTIMATES),
        Item("para", p["4"], "4"),
        Item("heading", FINANCING),
        Item("para", p["5"], "5"),
    ]
    title = "Financing of the Invented Mission"
    return DocSpec(_masthead(FINANCING_SYMBOL, "99/298", title, "28 June 2099", "Agenda item 163"),
                   FINANCING_SYMBOL, title, items, {"1": "A/99/631."})


# --- numbered actions inside the paragraph sequence ----------------------------------------

PACT_SYMBOL = "A/RES/99/1"
CHAPTER_I = "I. Sustainable development and financing for development"
CHAPTER_II = "II. International peace and security"
PACT = [
    Item("heading", "Chapeau"),
    Item("para",
         "We, the Heads of State and Government of the invented assembly, have gathered to protect "
         "the needs and interests of present and future generations through the actions in this "
         "Pact.", "1"),
    Item("para",
         "We are at a time of profound change, and we believe that there is a path to a better "
         "future for all of humanity if we act together now.", "2"),
    Item("heading", CHAPTER_I),
    Item("para",
         "We recognize that the invented development agenda is off track and that urgent and "
         "sustained action is needed to deliver it for all people.", "3"),
    Item("action",
         "We will take bold and accelerated actions to implement the invented development agenda "
         "and leave no one behind.", "1"),
    Item("para",
         "We are concerned about the slow progress towards the invented goals. We therefore decide "
         "to:", "4"),
    Item("sub", "Ensure that the invented goals remain at the centre of our national planning;",
         "a"),
    Item("sub",
         "Mobilize the means of implementation that developing countries need, including through "
         "invented regional partnerships.", "b"),
    Item("action",
         "We will place the eradication of poverty at the centre of our efforts, and we will:",
         "2"),
    Item("sub", "Strengthen invented social protection systems for all;", "a"),
    Item("sub", "Invest in decent work and in the skills of young people.", "b"),
    Item("heading", CHAPTER_II),
    Item("para",
         "We recognize that peace and security, development and human rights are interlinked and "
         "mutually reinforcing.", "5"),
    Item("action",
         "We will redouble our efforts to build and sustain peaceful, inclusive and just societies "
         "and address the root causes of conflicts.", "3"),
    Item("para",
         "We reaffirm our commitment to the purposes and principles of the invented charter. We "
         "decide to:", "6"),
    Item("sub", "Comply with our obligations under international law;", "a"),
    Item("sub", "Settle our disputes by peaceful means.", "b"),
    Item("action", "We will protect all civilians in armed conflict.", "4"),
    Item("para",
         "We recognize the particular needs of countries in special situations and decide to "
         "support them.", "7"),
]


def pact_spec() -> DocSpec:
    title = "The Invented Pact"
    return DocSpec(_masthead(PACT_SYMBOL, "99/1", title, "22 September 2099", "Agenda item 123"),
                   PACT_SYMBOL,
                   title, [Item("author", "The General Assembly,"),
                           Item("text", "Adopts the following Pact:")]
                   + PACT, {})


def as_text(spec: DocSpec) -> str:
    """The document as a plain text file: one block per line, blank lines between."""
    lines = [row[0] for row in spec.masthead if row[0]] + [spec.symbol]
    for it in spec.items:
        lead = {"para": f"{it.number}. ", "action": f"Action {it.number}. ",
                "sub": f"({it.number}) "}.get(it.kind, "")
        lines.append(lead + it.text.replace("^", "\u2060^"))
    text = "\n\n".join(lines)
    for mark, note in spec.footnotes.items():
        text = text.replace(f"\u2060^{mark}",
                            mark.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")))
        text += f"\n\n{mark.translate(str.maketrans('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹'))} {note}"
    return text.replace("\u2060", "")
