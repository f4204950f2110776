"""DOCX body text as plain lines, the way Word prints it.

One line per paragraph (tables and content controls read in order), with
- Word's automatic list numbers rendered as typed text (``1.``, ``(a)``; ``docx_styles``);
- footnote reference marks as superscript digits (``Migration,¹``) and, after the paragraph that
  cites them, each footnote as its own line ``¹ Resolution 70/1.``: the footnote block layout the
  structure parser reads;
- the paragraphs of a text box anchored in a paragraph on lines of their own after it;
- soft hyphens dropped, non-breaking hyphens and tabs kept as ``-`` and a space, a Symbol-font
  character as the character it shows.
Headers, footers, deleted or moved-away (tracked) text and hidden text are not printed body text
and are left out: tracked changes are read as accepted, and said so (``DocxBody.notes``), as
are endnotes (not read) and symbols of picture fonts (printed as a replacement character).

Every part is read as a stream of its paragraphs (styles, list definitions, footnotes), each
dropped once read (``xml_stream``): memory stays flat whatever a part holds, and the bounds given
(paragraphs per part, tags per paragraph, characters of text) stop an element bomb early.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from .docx_styles import MC, Numbering, on, qn, val
from .text_patterns import DIGIT_TO_SUP, SUPERSCRIPTS
from .wording import counted
from .xml_stream import PartLimits, PartTooLarge, stream_elements

log = logging.getLogger(__name__)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TYPES = {"numbering", "styles", "footnotes"}


def docx_paragraph_texts(stream: BinaryIO, limits: PartLimits | None = None) -> list[str]:
    """The body of a DOCX file as lines of text (see the module docstring)."""
    return docx_body(stream, limits).lines


@dataclass(frozen=True)
class DocxBody:
    lines: list[str]
    # changes tracked in the body and its footnotes, read as accepted: counts by kind
    # ("insertion", "deletion", "move"), and runs of hidden text left out
    tracked: dict[str, int]
    hidden: int
    endnotes: int = 0  # endnote marks: endnotes are not read
    unreadable: int = 0  # symbols of a picture font, printed as a replacement character

    def notes(self) -> tuple[str, ...]:
        """What a reader of the records should know of how the file was read, in words."""
        out = []
        if self.tracked:
            kinds = ", ".join(counted(n, kind) for kind, n in self.tracked.items())
            out.append(f"Read with its tracked changes accepted ({kinds}): the text as Word "
                       "prints it once they are accepted, not as it stood before them.")
        if self.hidden:
            out.append(f"Hidden text left out ({counted(self.hidden, 'run')}).")
        if self.endnotes:
            out.append(f"{counted(self.endnotes, 'endnote')} not read, nor their marks: only "
                       "footnotes are.")
        if self.unreadable:
            out.append(f"{counted(self.unreadable, 'symbol')} of a picture font (Wingdings ...) "
                       f"printed as {UNREADABLE}.")
        return tuple(out)


def docx_body(stream: BinaryIO, limits: PartLimits | None = None) -> DocxBody:
    """The body of a DOCX file as lines of text, and what was read as accepted or left out.
    Every part is read as a stream (``xml_stream``): memory stays flat whatever a part holds,
    and ``limits`` bound the work (``PartTooLarge`` past one)."""
    limits = limits or PartLimits()
    zf = zipfile.ZipFile(stream)
    parts = _related_parts(zf, limits)
    numbering = Numbering()
    for st in stream_elements(zf, parts.get("styles", "word/styles.xml"), qn("styles"),
                              [qn("style")], limits, "styles"):
        numbering.add_style(st)
    for el in stream_elements(zf, parts.get("numbering", "word/numbering.xml"), qn("numbering"),
                              [qn("abstractNum"), qn("num")], limits, "list definitions"):
        numbering.add_definition(el)
    reader = _BodyReader(numbering, limits.text_chars)
    for fn in stream_elements(zf, parts.get("footnotes", "word/footnotes.xml"), qn("footnotes"),
                              [qn("footnote")], limits, "footnotes"):
        if fn.get(qn("type")) in (None, "normal"):  # separators are not notes
            reader.add_note(fn.get(qn("id")), fn.iter(qn("p")))
    for p in stream_elements(zf, "word/document.xml", qn("document"), [qn("p")], limits,
                             "paragraphs"):
        if _in_body(p):
            reader.paragraph(p)
    return DocxBody(reader.finish(), dict(reader.tracked), reader.hidden, reader.endnotes,
                    reader.unreadable)


def _in_body(p) -> bool:
    """A paragraph of the body (at its top, in a table cell, in a content control), not of the
    fallback copy of alternate content."""
    inside = [a.tag for a in p.iterancestors()]
    return qn("body") in inside and f"{{{MC}}}Fallback" not in inside


def _related_parts(zf: zipfile.ZipFile, limits: PartLimits) -> dict[str, str]:
    """Part names of the document's styles, numbering and footnotes, from its relationships."""
    found: dict[str, str] = {}
    for rel in stream_elements(zf, "word/_rels/document.xml.rels", f"{{{REL_NS}}}Relationships",
                               [f"{{{REL_NS}}}Relationship"], limits, "relationships"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if kind in _REL_TYPES and rel.get("TargetMode") != "External" and target:
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join("word", target)))
            found[kind] = name
    return found


# --- runs ----------------------------------------------------------------------------------


class _BodyReader:
    """Lines of the body, each footnote after the paragraph citing it; ``max_chars`` bounds the
    text kept (notes and lines), refused with ``PartTooLarge`` past it."""

    def __init__(self, numbering: Numbering, max_chars: int | None = None):
        self.numbering = numbering
        self.notes: dict[str, str] = {}
        self.lines: list[str] = []
        self.note_count = 0
        self.max_chars = max_chars
        self.chars = 0
        # text of paragraphs whose mark was deleted, with their footnote marks: the next one's
        self._carried: list[tuple[str, list[tuple[str, str]]]] = []
        self.tracked: Counter[str] = Counter()  # changes tracked, by kind
        self.hidden = 0  # runs of hidden text
        self.endnotes = 0  # endnote marks (endnotes are not read)
        self.unreadable = 0  # symbols of a picture font

    def _count(self, text: str) -> None:
        self.chars += len(text) + 2  # and the blank line between paragraphs
        if self.max_chars is not None and self.chars > self.max_chars:
            raise PartTooLarge(f"text is longer than {self.max_chars:,} characters (about 2,500 "
                               "pages): split the document")

    def add_note(self, note_id: str | None, paragraphs) -> None:
        """A footnote's text, kept until the paragraph citing it is read."""
        body = " ".join(" ".join(self._text(q, None) for q in paragraphs).split())
        self._count(body)
        self.notes[note_id] = body

    def paragraph(self, p) -> None:
        cited: list[tuple[str, str]] = []
        body = self._text(p, cited)
        if _mark_removed(p):
            # its paragraph mark deleted or moved away, changes tracked: Word prints what is
            # left of its text at the start of the next paragraph, and counts no list number
            # for it (a paragraph deleted whole leaves nothing, and the list numbers on)
            self._carried.append((body, cited))
            return
        if self._carried:
            body = "".join(b for b, _ in self._carried) + body
            cited = [c for _, cs in self._carried for c in cs] + cited
            self._carried = []
        self._line(self.numbering.label(p) + body, cited)
        for q in text_boxes(p):  # a text box anchored here: its paragraphs after this one
            self.paragraph(q)

    def finish(self) -> list[str]:
        """The lines, with text whose paragraph mark was deleted at the very end kept."""
        if self._carried:
            body = "".join(b for b, _ in self._carried)
            cited = [c for _, cs in self._carried for c in cs]
            self._carried = []
            if body.strip():
                self._line(body, cited)
        return self.lines

    def _line(self, text: str, cited: list[tuple[str, str]]) -> None:
        self._count(text)
        self.lines.append(text)
        for mark, note_id in cited:
            body = self.notes.get(note_id, "")
            if mark and mark[0] not in SUPERSCRIPTS and body.startswith(mark):
                body = body[len(mark):].lstrip()  # a symbol mark is typed again in the note itself
            self._count(body)
            self.lines.append(f"{mark} {body}")

    def _tally(self, p) -> None:
        """Count the changes tracked in a paragraph (as Word lists them: adjacent revisions of
        one kind are one change, a deletion across an italic word one deletion; a paragraph mark
        inserted or deleted alone, a paragraph split or joined, is one), and its runs of hidden
        text. A text box's paragraphs are counted when read."""
        kinds, last = [], None
        for el in p.iter(*_REVISION_KINDS, qn("r")):
            if _under(el, p, _BOX_OR_REVISION) or el.getparent().tag == qn("rPr"):
                continue
            kind = _REVISION_KINDS.get(el.tag)
            if kind is None and el.find(qn("t")) is None:
                continue  # a run with no text (a tab, a mark) parts nothing
            if kind is not None and kind != last:
                kinds.append(kind)
            last = kind
        mark = _mark_change(p)
        if mark and not kinds:
            kinds.append(mark)
        self.tracked.update(kinds)
        self.hidden += sum(1 for r in p.iter(qn("r"))
                           if r.find(qn("t")) is not None and not _under(r, p, _IN_BOX)
                           and _hidden(r, self.numbering.hidden_style))

    def _text(self, p, cited: list[tuple[str, str]] | None) -> str:
        self._tally(p)
        out: list[str] = []
        custom_mark_for: str | None = None
        for el in _run_content(p, self.numbering.hidden_style):
            tag = etree.QName(el).localname
            if tag == "t":
                text = el.text or ""
                if custom_mark_for is not None and cited is not None:
                    cited.append((text.strip(), custom_mark_for))
                    custom_mark_for = None
                elif _is_superscript(el) and text.strip().isdigit():
                    core = text.strip()  # the run's own spaces stay: "10" "³ " "persons"
                    text = text.replace(core, core.translate(DIGIT_TO_SUP), 1)
                out.append(text.replace("\u00ad", ""))
            elif tag in ("tab", "ptab", "br", "cr"):
                out.append(" ")
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag == "sym":
                out.append(symbol_text(el))
                self.unreadable += out[-1] == UNREADABLE
            elif tag == "endnoteReference":
                self.endnotes += 1  # endnotes are not read: said in the notes
            elif tag == "footnoteReference" and cited is not None:
                note_id = el.get(qn("id"))
                if el.get(qn("customMarkFollows")) in ("1", "true", "on"):
                    custom_mark_for = note_id
                    continue
                self.note_count += 1
                mark = str(self.note_count).translate(DIGIT_TO_SUP)
                out.append(mark)
                cited.append((mark, note_id))
        return "".join(out)


_CONTENT_TAGS = {qn(t) for t in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym",
                                  "footnoteReference", "endnoteReference")}
_TEXT_BOX = qn("txbxContent")
_IN_BOX = {_TEXT_BOX}


# not printed: the fallback copy of alternate content, text deleted or moved away with changes
# tracked (the text a move left stands again where it went, under ``moveTo``)
_NOT_PRINTED = {f"{{{MC}}}Fallback", qn("del"), qn("moveFrom")}
_REVISION_KINDS = {qn("ins"): "insertion", qn("del"): "deletion", qn("moveFrom"): "move"}
_NOT_IN_PARAGRAPH = _NOT_PRINTED | {_TEXT_BOX}  # a text box's paragraphs are read apart
_BOX_OR_REVISION = {_TEXT_BOX, *_REVISION_KINDS}


def _under(el, p, tags) -> bool:
    """Does ``el`` stand under an element tagged in ``tags`` inside paragraph ``p``?"""
    for a in el.iterancestors():
        if a is p:
            return False
        if a.tag in tags:
            return True
    return False


def _run_content(p, hidden_style=None):
    """Text-bearing elements of a paragraph in order, as Word prints the document with its
    tracked changes accepted: without the fallback copies of alternate content, deleted text,
    text moved away, hidden text (a run formatted ``vanish``, or in a character style that is),
    or the text of a text box anchored in it (``text_boxes``: paragraphs of their own)."""
    for el in p.iter(*_CONTENT_TAGS):
        if _under(el, p, _NOT_IN_PARAGRAPH):
            continue
        run = el.getparent()
        if run is not None and run.tag == qn("r") and _hidden(run, hidden_style):
            continue
        yield el


def text_boxes(p) -> list:
    """The paragraphs of the text boxes anchored in paragraph ``p`` (not those of a box inside a
    box, nor the fallback copy of a box), in order: Word prints them apart from ``p``'s text."""
    out = []
    for box in p.iter(_TEXT_BOX):
        if _under(box, p, {_TEXT_BOX, f"{{{MC}}}Fallback"}):
            continue
        out.extend(q for q in box.iter(qn("p")) if not _under(q, box, _IN_BOX))
    return out


def _mark_change(p) -> str | None:
    """The change tracked on the paragraph's mark (``<w:pPr><w:rPr><w:del .../>``): "insertion"
    (a paragraph split), "deletion" (joined to the next), "move", or None."""
    ppr = p.find(qn("pPr"))
    rpr = ppr.find(qn("rPr")) if ppr is not None else None
    if rpr is None:
        return None
    return next((kind for tag, kind in _REVISION_KINDS.items() if rpr.find(tag) is not None),
                None)


def _mark_removed(p) -> bool:
    """Is the paragraph's mark deleted or moved away with changes tracked?"""
    return _mark_change(p) in ("deletion", "move")


def _hidden(run, hidden_style=None) -> bool:
    """A run formatted as hidden text: ``<w:vanish/>`` on it (not ``w:val="0"``), or a
    character style that hides text (``hidden_style(style id)``)."""
    rpr = run.find(qn("rPr"))
    vanish = rpr.find(qn("vanish")) if rpr is not None else None
    if vanish is not None:
        return on(vanish)
    style = val(rpr, "rStyle") if rpr is not None else None
    return bool(style and hidden_style and hidden_style(style))


# Word's "Symbol" font (``<w:sym w:font="Symbol" w:char="F0B3"/>``): its codes as Unicode;
# codes 0x20-0x7E not listed here are ASCII
_SYMBOL_FONT = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥",
    0x7E: "∼", 0xA2: "′", 0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→",
    0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂",
    0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xC6: "∅", 0xC7: "∩",
    0xC8: "∪", 0xCE: "∈", 0xCF: "∉", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨",
    0xDB: "⇔", 0xDE: "⇒", 0xE0: "◊", 0xE5: "∑", 0xF2: "∫",
    **{ord(a): g for a, g in zip("ABGDEZHQIKLMNXOPRSTUFCYW", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")},
    **{ord(a): g for a, g in zip("abgdezhqiklmnxoprstufcyw", "αβγδεζηθικλμνξοπρστυφχψω")},
}
UNREADABLE = "\ufffd"  # a symbol of a picture font (Wingdings ...): printed as a replacement


def symbol_text(el) -> str:
    """The character a ``w:sym`` prints: its code in the Symbol font, in a text font (codes
    ``F0xx`` stand for the font's own ``xx``), or ``UNREADABLE`` for a picture font."""
    try:
        code = int(el.get(qn("char"), ""), 16)
    except ValueError:
        return UNREADABLE
    font = (el.get(qn("font")) or "").lower()
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if font == "symbol":
        return _SYMBOL_FONT.get(low, chr(low) if 0x20 <= low < 0x7F else UNREADABLE)
    if font.startswith(("wingdings", "webdings", "zapf", "marlett")):
        return UNREADABLE
    if low != code:
        return bytes([low]).decode("cp1252", errors="replace")
    return chr(code)


def _is_superscript(t) -> bool:
    run = t.getparent()
    rpr = run.find(qn("rPr")) if run is not None else None
    return val(rpr, "vertAlign") == "superscript" if rpr is not None else False
