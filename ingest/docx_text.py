"""DOCX body text as plain lines, the way Word prints it.

One line per paragraph (tables and content controls read in order), with
- Word's automatic list numbers rendered as typed text (``1.``, ``(a)``): decimal / letter /
  roman counters per list and level, lower levels restarting under a higher one, ``startOverride``
  restarting a list, numbering set on the paragraph or inherited from its style;
- footnote reference marks as superscript digits (``Migration,¹``) and, after the paragraph that
  cites them, each footnote as its own line ``¹ Resolution 70/1.``: the footnote block layout the
  structure parser reads;
- soft hyphens dropped, non-breaking hyphens and tabs kept as ``-`` and a space.
Headers, footers, deleted or moved-away (tracked) text and hidden text are not printed body text
and are left out: tracked changes are read as accepted.

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

from .text_patterns import DIGIT_TO_SUP, SUPERSCRIPTS
from .wording import counted
from .xml_stream import PartLimits, PartTooLarge, stream_elements

log = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TYPES = {"numbering", "styles", "footnotes"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(_w(tag)) if el is not None else None
    return child.get(_w("val"), default) if child is not None else default



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

    def notes(self) -> tuple[str, ...]:
        """What a reader of the records should know of how the file was read, in words."""
        out = []
        if self.tracked:
            kinds = ", ".join(counted(n, kind) for kind, n in self.tracked.items())
            out.append(f"Read with its tracked changes accepted ({kinds}): the text as Word "
                       "prints it once they are accepted, not as it stood before them.")
        if self.hidden:
            out.append(f"Hidden text left out ({counted(self.hidden, 'run')}).")
        return tuple(out)


def docx_body(stream: BinaryIO, limits: PartLimits | None = None) -> DocxBody:
    """The body of a DOCX file as lines of text, and what was read as accepted or left out.
    Every part is read as a stream (``xml_stream``): memory stays flat whatever a part holds,
    and ``limits`` bound the work (``PartTooLarge`` past one)."""
    limits = limits or PartLimits()
    zf = zipfile.ZipFile(stream)
    parts = _related_parts(zf, limits)
    numbering = _Numbering()
    for st in stream_elements(zf, parts.get("styles", "word/styles.xml"), _w("styles"),
                              [_w("style")], limits, "styles"):
        numbering.add_style(st)
    for el in stream_elements(zf, parts.get("numbering", "word/numbering.xml"), _w("numbering"),
                              [_w("abstractNum"), _w("num")], limits, "list definitions"):
        numbering.add_definition(el)
    reader = _BodyReader(numbering, limits.text_chars)
    for fn in stream_elements(zf, parts.get("footnotes", "word/footnotes.xml"), _w("footnotes"),
                              [_w("footnote")], limits, "footnotes"):
        if fn.get(_w("type")) in (None, "normal"):  # separators are not notes
            reader.add_note(fn.get(_w("id")), fn.iter(_w("p")))
    for p in stream_elements(zf, "word/document.xml", _w("document"), [_w("p")], limits,
                             "paragraphs"):
        if _in_body(p):
            reader.paragraph(p)
    return DocxBody(reader.finish(), dict(reader.tracked), reader.hidden)


def _in_body(p) -> bool:
    """A paragraph of the body (at its top, in a table cell, in a content control), not of the
    fallback copy of alternate content."""
    inside = [a.tag for a in p.iterancestors()]
    return _w("body") in inside and f"{{{MC}}}Fallback" not in inside


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


# --- numbering -----------------------------------------------------------------------------


def _to_letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _to_roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                          (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _to_letters(n)
    if fmt == "upperLetter":
        return _to_letters(n).upper()
    if fmt == "lowerRoman":
        return _to_roman(n)
    if fmt == "upperRoman":
        return _to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Counters for Word's automatic numbering: one list per abstract definition, except that a
    ``w:num`` with a ``startOverride`` is a list of its own (that is how Word restarts at 1)."""

    def __init__(self):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.style_based: dict[str, str] = {}
        self.counters: dict[object, dict[int, int]] = {}

    def add_style(self, st) -> None:
        """A ``w:style`` of styles.xml: the numbering it sets and the style it is based on."""
        sid = st.get(_w("styleId"))
        ppr = st.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            self.style_numpr[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))
        based = _val(st, "basedOn")
        if based:
            self.style_based[sid] = based

    def add_definition(self, el) -> None:
        """A ``w:abstractNum`` (the levels of a list) or a ``w:num`` (a list using one) of
        numbering.xml."""
        if el.tag == _w("abstractNum"):
            levels = {}
            for lvl in el.findall(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = {
                    "start": int(_val(lvl, "start", "1") or 1),
                    "fmt": _val(lvl, "numFmt", "decimal"),
                    "text": _val(lvl, "lvlText", ""),
                    "suff": _val(lvl, "suff", "tab"),
                }
            self.abstract[el.get(_w("abstractNumId"))] = levels
            return
        overrides = {}
        for ov in el.findall(_w("lvlOverride")):
            start = _val(ov, "startOverride")
            if start is not None:
                overrides[int(ov.get(_w("ilvl"), "0"))] = int(start)
        self.nums[el.get(_w("numId"))] = (_val(el, "abstractNumId"), overrides)

    def _numpr(self, p) -> tuple[str | None, int]:
        ppr = p.find(_w("pPr"))
        num_id, ilvl = None, None
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl")
        style = _val(ppr, "pStyle") if ppr is not None else None
        seen = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_lvl = self.style_numpr.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = self.style_based.get(style)
        return num_id, int(ilvl or 0)

    def label(self, p) -> str:
        """The printed list number of paragraph ``p`` ("" when it is not numbered)."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        key = ("num", num_id) if overrides else ("abstract", abstract_id)
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # (a), (b) restart under each new paragraph
        text = levels[ilvl]["text"]
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                lvl = levels.get(k, {"start": 1, "fmt": "decimal"})
                value = counters.get(k, overrides.get(k, lvl["start"]))
                text = text.replace(f"%{k + 1}", format_number(value, lvl["fmt"]))
        if not text.strip() or levels[ilvl]["fmt"] in ("bullet", "none"):
            return ""
        return text + ("" if levels[ilvl]["suff"] == "nothing" else " ")


# --- runs ----------------------------------------------------------------------------------


class _BodyReader:
    """Lines of the body, each footnote after the paragraph citing it; ``max_chars`` bounds the
    text kept (notes and lines), refused with ``PartTooLarge`` past it."""

    def __init__(self, numbering: _Numbering, max_chars: int | None = None):
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
        """Count the changes tracked in a paragraph, and its runs of hidden text."""
        text_changes = [el for el in p.iter(*_REVISION_KINDS) if el.getparent().tag != _w("rPr")]
        for el in text_changes:
            self.tracked[_REVISION_KINDS[el.tag]] += 1
        # a paragraph mark deleted alone joins two paragraphs: a deletion of its own
        if _mark_removed(p) and not any(el.tag != _w("ins") for el in text_changes):
            self.tracked["deletion"] += 1
        self.hidden += sum(1 for r in p.iter(_w("r")) if _hidden(r) and r.find(_w("t")) is not None)

    def _text(self, p, cited: list[tuple[str, str]] | None) -> str:
        self._tally(p)
        out: list[str] = []
        custom_mark_for: str | None = None
        for el in _run_content(p):
            tag = etree.QName(el).localname
            if tag == "t":
                text = el.text or ""
                if custom_mark_for is not None and cited is not None:
                    cited.append((text.strip(), custom_mark_for))
                    custom_mark_for = None
                elif _is_superscript(el) and text.strip().isdigit():
                    text = text.strip().translate(DIGIT_TO_SUP)
                out.append(text.replace("\u00ad", ""))
            elif tag in ("tab", "br", "cr"):
                out.append(" ")
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag == "footnoteReference" and cited is not None:
                note_id = el.get(_w("id"))
                if el.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    custom_mark_for = note_id
                    continue
                self.note_count += 1
                mark = str(self.note_count).translate(DIGIT_TO_SUP)
                out.append(mark)
                cited.append((mark, note_id))
        return "".join(out)


_CONTENT_TAGS = {_w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "footnoteReference")}


# not printed: the fallback copy of alternate content, text deleted or moved away with changes
# tracked (the text a move left stands again where it went, under ``moveTo``)
_NOT_PRINTED = {f"{{{MC}}}Fallback", _w("del"), _w("moveFrom")}
_REVISION_KINDS = {_w("ins"): "insertion", _w("del"): "deletion", _w("moveFrom"): "move"}


def _run_content(p):
    """Text-bearing elements of a paragraph in order, as Word prints the document with its
    tracked changes accepted: without the fallback copies of alternate content, deleted text,
    text moved away, or hidden text (a run formatted ``vanish``)."""
    for el in p.iter():
        if el.tag not in _CONTENT_TAGS:
            continue
        if any(a.tag in _NOT_PRINTED for a in el.iterancestors()):
            continue
        run = el.getparent()
        if run is not None and run.tag == _w("r") and _hidden(run):
            continue
        yield el


def _mark_removed(p) -> bool:
    """Is the paragraph's mark deleted or moved away with changes tracked
    (``<w:pPr><w:rPr><w:del .../>``)?"""
    ppr = p.find(_w("pPr"))
    rpr = ppr.find(_w("rPr")) if ppr is not None else None
    return rpr is not None and any(rpr.find(_w(t)) is not None for t in ("del", "moveFrom"))


def _hidden(run) -> bool:
    """A run formatted as hidden text (``<w:vanish/>``, not ``w:val="0"``/``"false"``)."""
    rpr = run.find(_w("rPr"))
    vanish = rpr.find(_w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off")


def _is_superscript(t) -> bool:
    run = t.getparent()
    rpr = run.find(_w("rPr")) if run is not None else None
    return _val(rpr, "vertAlign") == "superscript" if rpr is not None else False
