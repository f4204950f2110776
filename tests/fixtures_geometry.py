"""A UN-layout PDF whose text layer alone hides what a reader sees (reportlab; invented text).

The footnote separator is a DRAWN rule (a stroked line or a thin filled rectangle, no
underscores); footnote marks are small raised runs, one with a space before it
(``Migrants 1 and``), one alone at a line end after a space, one drawn as its own raised text
object (which the text layer prints on a line of its own); a paragraph and a footnote run on
from page 1 to page 2; running heads, page marks, a job number and a bar code sit in the margins.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SYMBOL = "A/RES/99/7"
DRAFT = "A/99/L.7/Rev.1"
TITLE = "Invented cooperation on coastal migrants"
W, H = 595.0, 842.0
LEFT = 72.0


@dataclass(frozen=True)
class M:
    """A footnote mark: ``lone`` draws it as its own text object raised 5 pt (a Tm move, not Ts)."""

    mark: str
    lone: bool = False


PAGE_1 = [
    (108, ["Recalling the Invented Compact on Coastal Migrants ", M("1"), " and the work of"]),
    (72, ["the regional commissions on the welfare of migrant communities,"]),
    (72, ["1. Welcomes the report of the Secretary-General on coastal mobility, ", M("2")]),
    (72, ["and the recommendations contained therein;"]),
    (72, ["2. Encourages Member States to share data on seasonal migration with the local"]),
    (72, ["authorities that receive migrant families, to protect the privacy of those families"]),
]
PAGE_2 = [
    (72, ["and to report on progress at the next session of the Forum;"]),
    (72, ["3. Decides to consider the question at its one hundredth session under the item",
          M("3", lone=True)]),
    (72, ["entitled “Coastal mobility and development”."]),
]
NOTES_1 = [
    [M("1"),
     " Invented Compact on Coastal Migrants, annex, adopted at the first invented conference on"],
    ["coastal mobility held in the year two thousand and seventeen."],
    [M("2"),
     " A/99/315, chap. II, sect. A, in which the Secretary-General described the regional data"],
]
NOTES_2 = [
    ["collection systems of the participating States in some detail."],
    [M("3"), " Resolution 98/45, annex."],
]
FOOTNOTES = {
    "1": "Invented Compact on Coastal Migrants, annex, adopted at the first invented conference on "
         "coastal mobility held in the year two thousand and seventeen.",
    "2": "A/99/315, chap. II, sect. A, in which the Secretary-General described the regional data "
         "collection systems of the participating States in some detail.",
    "3": "Resolution 98/45, annex.",
}
PARAGRAPHS = {
    "PP1": "Recalling the Invented Compact on Coastal Migrants and the work of the regional "
           "commissions on the welfare of migrant communities,",
    "1": "Welcomes the report of the Secretary-General on coastal mobility, and the "
         "recommendations contained therein;",
    "2": "Encourages Member States to share data on seasonal migration with the local authorities "
         "that receive migrant families, to protect the privacy of those families and to report on "
         "progress at the next session of the Forum;",
    "3": "Decides to consider the question at its one hundredth session under the item entitled "
         "“Coastal mobility and development”.",
}
MARKS = {"PP1": ["1"], "1": ["2"], "2": [], "3": ["3"]}


def make_drawn_rule_pdf(path: Path | str, rule: str = "line", mark_size: float = 6) -> Path:
    """Write the two-page resolution; ``rule``: ``line`` (m/l/S) or ``rect`` (a thin filled re);
    ``mark_size``: the body's footnote marks' size (its text is 10 pt; a browser sets them at
    0.83 of it)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=(W, H))

    def text_line(x: float, y: float, pieces: list, size: float, mark_size: float,
                  rise: float) -> None:
        t = c.beginText(x, y)
        end = x
        for piece in pieces:
            if isinstance(piece, M) and piece.lone:
                c.drawText(t)
                lone = c.beginText(end, y + 5)
                lone.setFont("Times-Roman", mark_size)
                lone.textOut(piece.mark)
                c.drawText(lone)
                return
            if isinstance(piece, M):
                t.setFont("Times-Roman", mark_size)
                t.setRise(rise)
                t.textOut(piece.mark)
                t.setRise(0)
                end += stringWidth(piece.mark, "Times-Roman", mark_size)
            else:
                t.setFont("Times-Roman", size)
                t.textOut(piece)
                end += stringWidth(piece, "Times-Roman", size)
        c.drawText(t)

    def separator(y: float) -> None:
        if rule == "line":
            c.setLineWidth(0.5)
            c.line(LEFT, y, LEFT + 110, y)
        else:
            c.rect(LEFT, y, 110, 0.5, stroke=0, fill=1)

    def notes(lines: list[list], top: float) -> None:
        separator(top)
        y = top - 10
        for pieces in lines:
            text_line(LEFT + (0 if isinstance(pieces[0], M) else 8), y, pieces, 8, 5.5, 3)
            y -= 9.6

    # page 1: masthead, body, footnotes, job number and bar code
    c.setFont("Helvetica", 10)
    c.drawString(LEFT, 800, "United Nations")
    c.drawRightString(W - LEFT, 800, SYMBOL)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(LEFT, 775, "General Assembly")
    c.setFont("Helvetica", 9)
    c.drawRightString(W - LEFT, 775, "Distr.: General")
    c.drawRightString(W - LEFT, 763, "21 December 2018")
    c.drawString(LEFT, 745, "Ninety-ninth session")
    c.drawString(LEFT, 733, "Agenda item 12")
    c.setFont("Times-Bold", 11)
    c.drawString(LEFT, 712, "Resolution adopted by the General Assembly on 19 December 2018")
    c.setFont("Times-Roman", 9)
    c.drawString(LEFT, 698, f"[without reference to a Main Committee ({DRAFT})]")
    c.setFont("Times-Bold", 13)
    c.drawString(LEFT, 676, f"99/7. {TITLE}")
    c.setFont("Times-Roman", 10)
    c.drawString(108, 650, "The General Assembly,")
    y = 632.0
    for x, pieces in PAGE_1:
        text_line(x, y, pieces, 10, mark_size, 4)
        y -= 12 if pieces[-1] != "and the recommendations contained therein;" else 18
    notes(NOTES_1, 150)
    c.setFont("Times-Roman", 8)
    c.drawString(LEFT, 40, "18-21511 (E) 211218")
    c.drawString(LEFT, 30, "*1821511*")
    c.showPage()

    # page 2: running head, the paragraph run on, footnotes (one continued), page mark
    c.setFont("Times-Roman", 8)
    c.drawString(LEFT, 802, SYMBOL)
    c.drawRightString(W - LEFT, 802, TITLE)
    y = 770.0
    for x, pieces in PAGE_2:
        text_line(x, y, pieces, 10, mark_size, 4)
        y -= (18 if pieces[-1] == "and to report on progress at the next session of the Forum;"
              else 12)
    notes(NOTES_2, 140)
    c.setFont("Times-Roman", 8)
    c.drawString(LEFT, 40, "2/2")
    c.drawRightString(W - LEFT, 40, "18-21511")
    c.showPage()
    c.save()
    return path
