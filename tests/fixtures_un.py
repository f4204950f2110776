"""Generators of invented UN-style test documents: a General Assembly resolution with an annex,
as a PDF (reportlab) and as DOCX (python-docx, typed numbers or Word automatic numbering, with
real Word footnotes), and bad inputs (corrupt, encrypted, scanned, HTML, latin-1).

Every sentence here is invented for the tests; only the layout imitates UN documents.
Text markers used in ``CONTENT``: ``^N`` is a reference to footnote N, ``\\u00ad`` a soft
hyphen (a place where the PDF may break a word at a line end, printing the soft hyphen there).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

SYMBOL = "A/RES/99/123"
RES_NUMBER = "99/123"
TITLE = "Cooperation on the welfare of migrant communities"
ANNEX_TITLE = "Framework for the Welfare of Migrant Communities"
ISSUED = "21 December 2018"
ADOPTED = "19 December 2018"
JOB_NUMBER = "18-21511 (E) 211218"
OBJECTIVE_5 = "Objective 5: Widen access to regular pathways for seasonal workers"
SH = "\u00ad"

MASTHEAD = [
    "United Nations",
    SYMBOL,
    "General Assembly",
    "Distr.: General",
    ISSUED,
    "Ninety-ninth session",
    "Agenda item 17",
    f"Resolution adopted by the General Assembly on {ADOPTED}",
    "[without reference to a Main Committee (A/99/L.42)]",
]

FOOTNOTES = {
    1: "Resolution 70/1.",
    2: "A/99/315.",
    3: "See Official Records of the General Assembly, Ninety-eighth Session, Supplement No. 9 "
       "(A/98/9), chap. IV, sect. B, in which the Invented Committee on Coastal Mobility "
       "summarized its deliberations.",
    4: "Resolution 73/195, annex, objective 5.",
}


@dataclass(frozen=True)
class Item:
    # pp | para | action | sub | text (unnumbered) | annex | annex_title | heading | author
    kind: str
    text: str
    number: str = ""  # as printed: "3", "a"
    part: str = ""  # "resolution" | "annex"
    break_after_line: int = 0  # PDF: start a new page after this many lines of the item


CONTENT: list[Item] = [
    Item("author", "The General Assembly,"),
    Item("pp", "Recalling its resolution 98/45 of 12 December 2017 on the welfare of migrant "
         "communities and all its previous resolutions on the subject,", "PP1", "resolution"),
    Item("pp",
         "Reaffirming the 2030 Agenda for Sustainable Development,^1 and stressing the importance "
         "of its full and timely implementation for migrants and the communities that receive "
         "them,",
         "PP2", "resolution"),
    Item("pp", "Noting with concern that the movement of workers between neighbouring regions and "
         "seasonal migra" + SH
         + "tion in general remain poorly measured in many regions, and that the "
         "absence of reliable data hampers child-sensitive planning by local authorities,",
         "PP3", "resolution"),
    Item("para", "Welcomes the report of the Secretary-General on cooperation on the welfare of "
         "migrant communities;^2", "1", "resolution"),
    Item("para", "Adopts the Framework for the Welfare of Migrant Communities, as contained in the "
         "annex to the present resolution;", "2", "resolution"),
    Item("para",
         "Requests the Secretary-General to submit to the General Assembly at its one hundred "
         "and first session a report on the implementation of the present resolution, including on "
         "the contribution of the Framework to the 2030 Agenda for Sustainable Development, and to "
         "include in that report the views of Member States and of the relevant entities of the "
         "United Nations system.", "3", "resolution"),
    Item("annex", "Annex"),
    Item("annex_title", ANNEX_TITLE),
    Item("heading", "Introduction"),
    Item("para", "We, the participating States, meeting in the spirit of the Invented Compact on "
         "Coastal Mobility,^3 affirm our shared resolve to improve the welfare of migrant "
         "communities in countries of origin, transit and destination, and to support the local "
         "authorities that receive them.", "1", "annex"),
    Item("para",
         "We recognize that migrant communities contribute to the economic and cultural life "
         "of the places where they settle, that their members are entitled to the full enjoyment "
         "of their human rights regardless of their migration status, and that the welfare of "
         "these communities depends on predictable cooperation among neighbouring States, "
         "municipalities, employers, schools and the communities themselves, which we intend to "
         "strengthen through the present Framework over the coming decade, with regular reviews of "
         "progress.",
         "2", "annex", break_after_line=3),
    Item("para", "To realize this commitment, we will draw from the following actions:", "3",
         "annex"),
    Item("sub",
         "Establish municipal welcome desks that provide information on housing, health care "
         "and schooling in the languages that newly arrived families speak;", "a", "annex"),
    Item("sub",
         "Support the regular collection of reliable data on seasonal, temporary and circular "
         "migra" + SH + "tion, "
         "disaggregated by age, sex and migration status, while protecting the right to privacy;",
         "b", "annex"),
    Item("sub", "Promote procedures that are gender-responsive and child-sensitive in all services "
         "that receive migrant families, with particular attention to unaccompanied children.",
         "c", "annex"),
    Item("heading", "Commitments"),
    Item("heading", OBJECTIVE_5),
    Item("para", "We commit to widen access to regular pathways for seasonal workers,^4 including "
         "through bilateral labour agreements that guarantee decent work, fair recruitment and the "
         "portability of earned benefits.", "4", "annex"),
    Item("para", "We encourage employers and trade unions to reduce the recruitment costs borne by "
         "migrant workers to below 4 per cent of their annual earnings, and to share good "
         "practices with the authorities of countries of origin and destination.", "5", "annex"),
]


def clean(text: str) -> str:
    """The verbatim text a record must carry: footnote markers and soft hyphens removed."""
    return " ".join(re.sub(r"\^(\d+|\*)", "", text).replace(SH, "").split())


def expected_records() -> list[dict]:
    """(part, number, kind, text, parent number) of every record the parser must produce."""
    out = []
    chapeau = ""
    for it in CONTENT:
        if it.kind == "pp":
            out.append({"part": "resolution", "number": it.number, "kind": "preambular",
                        "text": clean(it.text), "parent": ""})
        elif it.kind == "para":
            chapeau = it.number
            out.append({"part": it.part, "number": it.number, "kind": "paragraph",
                        "text": clean(it.text), "parent": ""})
        elif it.kind == "sub":
            out.append({"part": it.part, "number": f"{chapeau} ({it.number})",
                        "kind": "subparagraph", "text": clean(it.text), "parent": chapeau})
    return out


def _pieces(text: str) -> list[tuple[str, str]]:
    """Split text into ("text", s) and ("ref", N) pieces at ``^N`` markers."""
    out: list[tuple[str, str]] = []
    for i, part in enumerate(re.split(r"\^(\d+|\*)", text)):
        if i % 2:
            out.append(("ref", part))
        elif part:
            out.append(("text", part))
    return out


# --- PDF -----------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
BODY_FONT, BODY_SIZE, LEADING = "Times-Roman", 10.0, 12.0
NOTE_SIZE, NOTE_LEADING = 8.0, 9.6
BOTTOM = 72.0


def _wrap(words: list[str], width: float, first_width: float, measure) -> list[list[str]]:
    """Greedy line filling; a word that does not fit may be broken at a soft hyphen (printed as the
    soft hyphen, as a discretionary hyphen of Word's is) or after a hard hyphen (a compound)."""
    lines: list[list[str]] = [[]]
    queue = list(words)
    while queue:
        word = queue.pop(0)
        limit = first_width if len(lines) == 1 else width
        candidate = " ".join(lines[-1] + [word])
        if measure(candidate) <= limit or not lines[-1]:
            lines[-1].append(word)
            continue
        split = None
        for i in range(len(word) - 1, 0, -1):
            if word[i] == SH or (word[i - 1] == "-" and word[i].isalpha()):
                head = word[:i] + (SH if word[i] == SH else "")
                if measure(" ".join(lines[-1] + [head])) <= limit:
                    split = (head, word[i + 1:] if word[i] == SH else word[i:])
                    break
        if split:
            lines[-1].append(split[0])
            queue.insert(0, split[1])
        else:
            queue.insert(0, word)
        lines.append([])
    return lines


@dataclass
class DocSpec:
    """What to print (PDF or DOCX): masthead rows (left text, right text, font, size) on page 1, the
    running head (symbol and title, alternating sides, on later pages), the job number and bar code
    at the foot of page 1, the items, and footnote texts by mark."""

    masthead: list[tuple[str, str, str, float]]
    symbol: str
    running_title: str
    items: list[Item]
    footnotes: dict[str, str]
    job_number: str = JOB_NUMBER
    barcode: str = "*1821511*"


def un_resolution_spec() -> DocSpec:
    rows = [
        (MASTHEAD[0], MASTHEAD[1], "Helvetica", 10.0),
        (MASTHEAD[2], MASTHEAD[3], "Helvetica-Bold", 16.0),
        ("", MASTHEAD[4], "Helvetica", 9.0),
        (MASTHEAD[5], "", "Helvetica", 9.0),
        (MASTHEAD[6], "", "Helvetica", 9.0),
        (MASTHEAD[7], "", "Times-Bold", 11.0),
        (MASTHEAD[8], "", BODY_FONT, 9.0),
        (f"{RES_NUMBER}. {TITLE}", "", "Times-Bold", 13.0),
    ]
    return DocSpec(rows, SYMBOL, TITLE, CONTENT, {str(k): v for k, v in FOOTNOTES.items()})


def make_un_pdf(path: Path | str, spec: DocSpec | None = None) -> Path:
    """Write a PDF laid out like a UN General Assembly resolution (by default the invented one):
    masthead, job number and bar code on page 1; running heads (symbol and title, alternating
    sides) and ``n/N`` page numbers on later pages; footnotes at the page foot in small type with
    raised reference marks; paragraphs running over page breaks; words hyphenated at line ends."""
    spec = spec or un_resolution_spec()
    path = Path(path)
    pages = _render_pdf(io.BytesIO(), spec, total=0)
    _render_pdf(str(path), spec, total=pages)
    return path


_REF_RE = re.compile(r"\^(\d+|\*)")


def _render_pdf(target, spec: DocSpec, total: int) -> int:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(target, pagesize=(PAGE_W, PAGE_H))

    def measure(s: str) -> float:
        s = s[:-1] + "-" if s.endswith(SH) else s  # a soft hyphen where the line breaks prints
        return stringWidth(_REF_RE.sub("", s).replace(SH, ""), BODY_FONT, BODY_SIZE)

    def note_lines(mark: str) -> list[list[str]]:
        return _wrap(spec.footnotes[mark].split(), RIGHT - LEFT - 12, RIGHT - LEFT - 12,
                     lambda s: stringWidth(s, BODY_FONT, NOTE_SIZE))

    page = [1]
    notes_here: list[str] = []
    y = [0.0]

    def running_head() -> None:
        c.setFont(BODY_FONT, 8)
        left, right = ((spec.symbol, spec.running_title) if page[0] % 2 == 0
                       else (spec.running_title, spec.symbol))
        c.drawString(LEFT, PAGE_H - 40, left)
        c.drawRightString(RIGHT, PAGE_H - 40, right)
        if page[0] % 2 == 0:
            c.drawString(LEFT, 40, f"{page[0]}/{total}")
        else:
            c.drawRightString(RIGHT, 40, f"{page[0]}/{total}")

    def note_height(marks: list[str]) -> float:
        return sum(NOTE_LEADING * len(note_lines(m)) for m in marks)

    def finish_page(last: bool = False) -> None:
        if notes_here:
            yy = BOTTOM + note_height(notes_here)
            c.line(LEFT, yy + 4, LEFT + 100, yy + 4)
            for mark in notes_here:
                for k, line in enumerate(note_lines(mark)):
                    yy -= NOTE_LEADING
                    t = c.beginText(LEFT + (0 if k == 0 else 12), yy)
                    if k == 0:
                        t.setFont(BODY_FONT, 6)
                        t.setRise(3)
                        t.textOut(mark)
                        t.setRise(0)
                        t.textOut(" ")
                    t.setFont(BODY_FONT, NOTE_SIZE)
                    t.textOut(" ".join(line))
                    c.drawText(t)
        if page[0] == 1:
            c.setFont(BODY_FONT, 8)
            c.drawString(LEFT, 40, spec.job_number)
            c.drawString(LEFT, 30, spec.barcode)
        c.showPage()
        if last:
            return
        page[0] += 1
        notes_here.clear()
        y[0] = PAGE_H - 70
        running_head()

    def draw_line(x: float, words: list[str], font: str = BODY_FONT,
                  size: float = BODY_SIZE) -> None:
        refs = _REF_RE.findall(" ".join(words))
        if y[0] - LEADING < BOTTOM + note_height(notes_here + refs) + 8:
            finish_page()
        y[0] -= LEADING
        notes_here.extend(refs)
        t = c.beginText(x, y[0])
        text = " ".join(words)
        # printed where the line breaks
        text = text.replace(SH, "") + (SH if text.endswith(SH) else "")
        for kind, s in _pieces(text):
            if kind == "ref":
                t.setFont(font, 6)
                t.setRise(4)
                t.textOut(s)
                t.setRise(0)
            else:
                t.setFont(font, size)
                t.textOut(s)
        c.drawText(t)

    y[0] = PAGE_H - 36
    for left, right, font, size in spec.masthead:
        y[0] -= size + 6
        c.setFont(font, size)
        if left:
            notes_here.extend(_REF_RE.findall(left))
            t = c.beginText(LEFT, y[0])
            for kind, s in _pieces(left):
                t.setFont(font, 6 if kind == "ref" else size)
                t.setRise(4 if kind == "ref" else 0)
                t.textOut(s)
            c.drawText(t)
        if right:
            c.drawRightString(RIGHT, y[0], right)
    y[0] -= 14

    width = RIGHT - LEFT
    for it in spec.items:
        y[0] -= 6
        if it.kind == "annex":
            finish_page()
            draw_line(LEFT, ["Annex"], "Times-Bold", 12)
            continue
        if it.kind in ("annex_title", "heading", "author"):
            font = BODY_FONT if it.kind == "author" else "Times-Bold"
            x = LEFT + (36 if it.kind == "author" else 0)
            for words in _wrap(it.text.split(), RIGHT - x, RIGHT - x, lambda t,
                               f=font: stringWidth(t, f, BODY_SIZE)):
                draw_line(x, words, font)  # a title wider than the measure wraps
            continue
        indent = {"pp": 36.0, "text": 36.0, "para": 36.0, "action": 36.0, "sub": 72.0}[it.kind]
        lead = {"pp": "", "text": "", "para": f"{it.number}. ", "action": f"Action {it.number}. ",
                "sub": f"({it.number}) "}[it.kind]
        x0 = LEFT if it.kind in ("para", "action") else LEFT + indent
        lines = _wrap((lead + it.text).split(), width - (indent if it.kind == "sub" else 0),
                      width - (x0 - LEFT), measure)
        for k, words in enumerate(lines):
            draw_line(x0 if k == 0 else LEFT + (indent if it.kind == "sub" else 0), words)
            if it.break_after_line and k + 1 == it.break_after_line:
                finish_page()
    finish_page(last=True)
    c.save()
    return page[0]


# --- DOCX ----------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _note_id(mark: str) -> str:
    return "100" if mark == "*" else mark


def _footnotes_xml(footnotes: dict[str, str]) -> bytes:
    def body(mark: str, text: str) -> str:
        ref = (f'<w:r><w:t>{mark}</w:t></w:r>' if mark == "*" else
               '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>')
        return (f'<w:footnote w:id="{_note_id(mark)}"><w:p><w:pPr><w:pStyle '
                f'w:val="FootnoteText"/></w:pPr>{ref}<w:r><w:t xml:space="preserve"> '
                f'{escape(text)}</w:t></w:r></w:p></w:footnote>')

    notes = "".join(body(mark, text) for mark, text in footnotes.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" '
        'w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    ).encode()


def _add_footnotes_part(document, footnotes: dict[str, str]) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _footnotes_xml(footnotes),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _add_text(paragraph, text: str) -> None:
    """Runs for ``text``; ``^N`` becomes a Word footnote reference (Word shows it superscript),
    a soft hyphen becomes ``w:softHyphen``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, s in _pieces(text):
        if kind == "ref":
            run = paragraph.add_run()
            rpr = run._r.get_or_add_rPr()
            va = OxmlElement("w:vertAlign")
            va.set(qn("w:val"), "superscript")
            rpr.append(va)
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), _note_id(s))
            if s == "*":  # a symbol mark: Word prints the run text that follows the reference
                ref.set(qn("w:customMarkFollows"), "1")
            run._r.append(ref)
            if s == "*":
                t = OxmlElement("w:t")
                t.text = "*"
                run._r.append(t)
            continue
        for k, chunk in enumerate(s.split(SH)):
            if k:
                paragraph.add_run()._r.append(OxmlElement("w:softHyphen"))
            if chunk:
                paragraph.add_run(chunk)


def _add_numbering(document) -> tuple[int, int]:
    """A two-level list definition (``1.`` then ``(a)``) and two lists using it, the second
    restarting at 1 (``startOverride``), as Word writes them. Returns their numIds."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:multiLevelType '
        'w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt '
        'w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText '
        'w:val="(%2)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(abstract)  # abstractNums precede nums in the schema
    for num_id, restart in ((91, False), (92, True)):
        override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if restart else "")
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId '
            f'w:val="90"/>{override}</w:num>'
        ))
    return 91, 92


def _set_numpr(paragraph, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def make_un_docx(path: Path | str, spec: DocSpec | None = None, *,
                 auto_numbering: bool = False) -> Path:
    """Write a resolution (by default the invented one) as DOCX: masthead (its first row a table,
    as UN templates have), preamble, numbered paragraphs, annex, sub-paragraphs, Word footnotes,
    a running head in the page header.

    ``auto_numbering``: paragraph numbers come from Word list numbering (``numPr``): resolution
    paragraphs through the built-in ``List Number`` style, annex paragraphs and their lettered
    sub-paragraphs through a two-level list restarted for the annex. Otherwise typed."""
    import docx

    spec = spec or un_resolution_spec()
    path = Path(path)
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = f"{spec.symbol}\t{spec.running_title}"
    first, *rest = spec.masthead
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = first[0]
    table.cell(0, 1).text = first[1]
    for left, right, _, _ in rest:
        for text in (left, right):
            if text:
                _add_text(document.add_paragraph(), text)
    _add_footnotes_part(document, spec.footnotes)
    res_num, annex_num = _add_numbering(document) if auto_numbering else (0, 0)
    in_annex = False
    for it in spec.items:
        if it.kind == "annex":
            in_annex = True
            document.add_paragraph("Annex",
                                   style="Heading 1").paragraph_format.page_break_before = True
        elif it.kind in ("annex_title", "heading"):
            _add_text(document.add_paragraph(style="Heading 2"), it.text)
        elif it.kind in ("author", "pp", "text"):
            _add_text(document.add_paragraph(), it.text)
        elif it.kind == "action":
            p = document.add_paragraph()
            p.add_run(f"Action {it.number}. ")
            _add_text(p, it.text)
        elif it.kind in ("para", "sub"):
            if not auto_numbering:
                p = document.add_paragraph()
                lead = f"{it.number}.\t" if it.kind == "para" else f"({it.number})\t"
                p.add_run(lead)
            elif it.kind == "para" and not in_annex:
                p = document.add_paragraph(style="List Number")
            else:
                p = document.add_paragraph()
                _set_numpr(p, annex_num if in_annex else res_num, 0 if it.kind == "para" else 1)
            _add_text(p, it.text)
    document.save(str(path))
    return path


# --- the shipped Declaration, laid out as a UN PDF / DOCX --------------------------------------

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def declaration_spec() -> DocSpec:
    """The shipped Declaration's own text (the only real UN text used here) as a ``DocSpec``:
    its markdown removed, its superscript footnote marks turned into ``^N`` references and its
    footnote blocks into footnotes, so it can be printed as a UN-style PDF or DOCX."""
    from precedent.corpus import shipped_documents

    raw = Path(shipped_documents()[0]["path"]).read_text(encoding="utf-8")

    def text_of(line: str) -> str:
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\w)\*$", r"\1^*", line)  # "agenda*": a footnote mark
        line = re.sub(r"\*(\w[^*]*?)\*", r"\1", line)  # *Adopts*, *Treaty Series*
        return re.sub(f"[{_SUPERSCRIPTS}]+", lambda m: "^"
                      + m.group(0).translate(str.maketrans(_SUPERSCRIPTS, "0123456789")), line)

    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    author = lines.index("The International Migration Review Forum,")
    masthead = [(text_of(ln), "", "Helvetica-Bold" if ln == "General Assembly" else "Helvetica",
                 10.0)
                for ln in lines[:author]]
    items: list[Item] = []
    notes: dict[str, str] = {}
    part = "resolution"
    after_annex = False
    for ln in lines[author:]:
        m_note = re.match(rf"^([{_SUPERSCRIPTS}]+|\*) (.*)$", ln)
        m_para = re.match(r"^(\d+)\. (.*)$", ln)
        if m_note:
            mark = m_note.group(1).translate(str.maketrans(_SUPERSCRIPTS, "0123456789"))
            notes[mark] = text_of(m_note.group(2))
        elif ln == "The International Migration Review Forum,":
            items.append(Item("author", ln))
        elif ln.startswith("Having met"):
            items.append(Item("pp", text_of(ln), "PP1", part))
        elif m_para:
            items.append(Item("para", text_of(m_para.group(2)), m_para.group(1), part))
        elif ln == "Annex":
            part, after_annex = "annex", True
            items.append(Item("annex", ln))
        elif after_annex:
            after_annex = False
            items.append(Item("annex_title", ln))
        elif ln[:1].islower():  # the rest of a paragraph split by footnotes or a page break
            last = items[-1]
            items[-1] = Item(last.kind, last.text + " " + text_of(ln), last.number, last.part)
        else:
            items.append(Item("heading", text_of(ln)))
    title = "Progress Declaration of the International Migration Review Forum"
    return DocSpec(masthead, "", title, items, notes, job_number="26-07011 (E) 300426",
                   barcode="*2607011*")


# --- bad inputs ----------------------------------------------------------------------------


def make_encrypted_pdf(path: Path | str, user_password: str = "secret", text: str = "") -> Path:
    """An AES-encrypted PDF; with ``user_password=""`` it opens without a password (encrypted
    only against editing, as many published PDFs are)."""
    from pypdf import PdfReader, PdfWriter

    path = Path(path)
    plain = io.BytesIO()
    _one_line_pdf(plain, text or "1. We commit to protect the welfare of migrant communities.")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(plain.getvalue())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_scanned_pdf(path: Path | str) -> Path:
    """A PDF with no text layer: one drawn rectangle, as a scan looks to a text extractor."""
    from reportlab.pdfgen import canvas

    path = Path(path)
    c = canvas.Canvas(str(path))
    c.rect(72, 400, 300, 200, fill=1)
    c.showPage()
    c.save()
    return path


def _one_line_pdf(fh, text: str) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(fh)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()


def make_corrupt_pdf(path: Path | str) -> Path:
    """A PDF header followed by garbage and a truncated body."""
    buf = io.BytesIO()
    _one_line_pdf(buf, "1. We commit to cooperate.")
    data = buf.getvalue()
    path = Path(path)
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4 + data[len(data) // 3: len(data) // 2])
    return path


def make_html_pdf(path: Path | str) -> Path:
    path = Path(path)
    path.write_text("<!DOCTYPE html>\n<html><head><title>Access denied</title></head>"
                    "<body><p>Please sign in.</p></body></html>\n", encoding="utf-8")
    return path


def make_latin1_txt(path: Path | str) -> Path:
    path = Path(path)
    path.write_bytes("1. Nous réaffirmons notre engagement à coopérer.\n".encode("latin-1"))
    return path
