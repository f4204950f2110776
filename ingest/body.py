"""The body of a UN document, block by block: parts, paragraphs, sub-paragraphs, headings (pure).

``BodyParser.feed`` takes the blocks after the masthead one at a time and decides what each is:
an ``Annex`` line (a new part whose numbering restarts), a footnote, a numbered paragraph (or an
item of a numbered list inside the paragraph before it), a lettered sub-paragraph (or a third-level
``(i)``, ``(ii)`` item under a lettered one), the rest of a paragraph broken by a page, a heading,
a preambular paragraph, or unnumbered body text. The result is a list of drafts in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import make_id
from .textutil import (
    ANNEX_RE,
    AUTHOR_RE,
    DATE_RE,
    FOOTNOTE_SUP_RE,
    MEETING_RE,
    OBJECTIVE_HEADING_RE,
    PARA_RE,
    ROUND_TABLE_RE,
    SUBPARA_RE,
    SUPERSCRIPTS,
    normalize_ws,
    parse_objectives,
    strip_footnote_marks,
)
from .textutil import SUP_TO_DIGIT as _SUP_TO_DIGIT

ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")


@dataclass
class Draft:
    """A record being built; text may still grow with a continuation after a page break."""

    part: str
    number: str
    kind: str
    text: str
    section: tuple[str, ...]
    objectives: tuple[int, ...]
    page: int | None
    parent: str = ""


@dataclass
class _State:
    part: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    objectives: tuple[int, ...] = ()
    pp_count: int = 0
    last_para: Draft | None = None  # the last numbered paragraph of this part
    letter: Draft | None = None  # the last lettered sub-paragraph under it
    roman: str = ""  # the last third-level item under that letter
    list_count: int = 0  # items of a numbered list inside ``last_para``
    in_annex_title: bool = False
    in_preamble: bool = False
    pending_heading: str = ""  # a heading met inside an objective's actions: a sub-heading or a new section

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)


def is_heading(text: str) -> bool:
    """A short title-like line: no sentence end (except ``II.``-style numbered headings)."""
    if len(text) > 200 or text[:1].islower():
        return False
    if ROUND_TABLE_RE.match(text) or OBJECTIVE_HEADING_RE.match(text):
        return True
    stripped = text.rstrip(SUPERSCRIPTS + "*0123456789")
    lettered = re.match(r"^[IVXA-H]+\.\s", text)  # "II. Implementation of ...", "A. Objective"
    if stripped.endswith((".", ";", ",", ":")) and not lettered:
        return False
    return len(stripped.split()) <= (30 if lettered else 20)


def heading_level(text: str) -> int:
    if ROUND_TABLE_RE.match(text) or OBJECTIVE_HEADING_RE.match(text) or re.match(r"^[A-H]\.\s", text):
        return 2
    if re.match(r"^\d+\.\s", text):
        return 3
    return 1


def _ends_open(text: str) -> bool:
    """A paragraph whose text does not end a sentence continues on the next page."""
    t = text.rstrip(SUPERSCRIPTS + "*” ’\"')")
    return not t.endswith((".", ";", ":", "!", "?"))


def _ends_chapeau(text: str) -> bool:
    return text.rstrip(SUPERSCRIPTS + "* ").endswith(":")


def continues(draft: Draft, text: str) -> bool:
    """Is unnumbered block ``text`` the rest of ``draft`` (split by a page break or footnotes)?
    A preambular paragraph ends with a comma: a capitalised block after it starts the next one.
    A clause ending with a colon after a numbered paragraph ("To realize this commitment, we will
    draw from the following actions:") is that paragraph's chapeau."""
    if text[:1].islower():
        return True
    if draft.kind == "preambular" and draft.text.rstrip(SUPERSCRIPTS + "*").endswith(","):
        return False
    if draft.kind == "paragraph" and not draft.number.startswith("u") and _ends_chapeau(text):
        return not is_heading(text)
    return _ends_open(draft.text) and not is_heading(text)


class BodyParser:
    """Turns the body's blocks into drafts (see the module docstring)."""

    def __init__(self, doc_id: str, part: str):
        self.doc_id = doc_id
        self.state = _State(part=part)
        self.drafts: list[Draft] = []
        self.footnotes: dict[str, Draft] = {}
        self.heading_refs: dict[str, tuple[str, ...]] = {}  # footnote mark -> section of its heading
        self.open: Draft | None = None  # the record a page-broken continuation joins

    # --- dispatch ----------------------------------------------------------------------------

    def feed(self, text: str, kind: str, page: int | None) -> None:
        """Take one block (``kind`` as ``structure.split_blocks`` found it)."""
        if self.state.pending_heading:
            self.settle_heading(kind)
        if AUTHOR_RE.match(text) and not any(d.kind != "footnote" for d in self.drafts):
            self.state.in_preamble = True
        elif ANNEX_RE.match(text):
            self.start_annex(ANNEX_RE.match(text).group(1))
        elif kind == "footnote":
            self.add_footnote(text, page)
        elif kind == "para":
            self.add_numbered(text, page)
        elif kind == "subpara" and self.state.last_para and self._in_chapeau():
            self.add_subparagraph(text, page)
        elif MEETING_RE.match(text) or DATE_RE.fullmatch(text.strip()):
            self.open = None  # "60th plenary meeting" and its date close the resolution
        else:
            self.add_unnumbered(text, page)

    def _in_chapeau(self) -> bool:
        s = self.state
        return _ends_chapeau(s.last_para.text) or s.letter is not None

    # --- steps -------------------------------------------------------------------------------

    def start_annex(self, label: str | None) -> None:
        s = self.state
        s.part = f"annex {label.upper()}" if label else "annex"
        s.headings, s.objectives = [], ()
        s.last_para, s.letter, s.roman, s.list_count = None, None, "", 0
        s.in_annex_title, s.in_preamble = True, False
        self.open = None

    def add_footnote(self, text: str, page: int | None) -> None:
        m = FOOTNOTE_SUP_RE.match(text)
        mark, body = m.group(1).translate(_SUP_TO_DIGIT), text[m.end():]
        fn = Draft(self.state.part, mark, "footnote", body, self.state.section, parse_objectives(body), page)
        self.footnotes[mark] = fn
        self.drafts.append(fn)

    def add_numbered(self, text: str, page: int | None) -> None:
        """A numbered paragraph, or an item of a numbered list inside the last one: numbering
        that restarts at 1 within a part, and goes on 2, 3 ... until a heading or other text."""
        s = self.state
        number = int(PARA_RE.match(text).group(1))
        if number >= 1000 and not (s.last_para is not None and s.last_para.number == str(number - 1)):
            self.add_unnumbered(text, page)  # "2015. ..." at a line start: a year, not paragraph 2015
            return
        if s.last_para is not None and (number == s.list_count + 1 and (s.list_count or number == 1)):
            s.list_count = number
            for n in re.findall(r"(?<!\S)(\d{1,3})\.\s", text[PARA_RE.match(text).end():]):
                if int(n) == s.list_count + 1:  # items the layout ran together on one block
                    s.list_count += 1
            s.last_para.text = normalize_ws(s.last_para.text + " " + text)
            self.open = s.last_para
            return
        s.in_preamble, s.in_annex_title = False, False
        d = Draft(s.part, str(number), "paragraph", text[PARA_RE.match(text).end():], s.section, s.objectives, page)
        self.drafts.append(d)
        s.last_para, s.letter, s.roman, s.list_count = d, None, "", 0
        self.open = d

    def add_subparagraph(self, text: str, page: int | None) -> None:
        """``(a)`` under the last paragraph; ``(i)`` under a lettered one whose text ends with a
        colon, going on ``(ii)``, ``(iii)`` ...; ``(i)`` after ``(h)`` is the letter i."""
        s = self.state
        m = SUBPARA_RE.match(text)
        label, body = m.group(1), text[m.end():]
        if self._is_roman_item(label):
            s.roman = label
            number = f"{s.letter.number} ({label})"
            parent = make_id(self.doc_id, s.part, s.letter.number)
        else:
            s.roman = ""
            number = f"{s.last_para.number} ({label})"
            parent = make_id(self.doc_id, s.part, s.last_para.number)
        d = Draft(s.part, number, "subparagraph", body, s.section, s.objectives, page, parent=parent)
        if not s.roman:
            s.letter = d
        self.drafts.append(d)
        self.open = d

    def _is_roman_item(self, label: str) -> bool:
        s = self.state
        if s.letter is None or label not in ROMANS:
            return False
        next_letter = chr(ord(s.letter.number[-2]) + 1) if s.letter.number.endswith(")") else ""
        if s.roman:
            nxt = ROMANS[ROMANS.index(s.roman) + 1] if s.roman in ROMANS[:-1] else ""
            return label == nxt or label != next_letter
        return label == "i" and _ends_chapeau(s.letter.text)

    def add_unnumbered(self, text: str, page: int | None) -> None:
        """The rest of a paragraph, the annex title, a preambular paragraph, a heading, or
        unnumbered body text (numbered ``u1``, ``u2`` ... so it never collides with a printed number)."""
        s = self.state
        if self.open is not None and continues(self.open, text):
            self.open.text = normalize_ws(self.open.text + " " + text)
            return
        if s.in_annex_title:
            s.in_annex_title = False
            return  # the annex's own title repeats the document title
        s.list_count = 0  # any other block ends a numbered list inside a paragraph
        if s.in_preamble and (not is_heading(text) or text.rstrip().endswith(",")):
            self.add_preambular(text, page)
        elif is_heading(text):
            self.add_heading(text)
        else:
            unnumbered = sum(1 for x in self.drafts if x.kind == "paragraph" and x.part == s.part
                             and x.number.startswith("u"))
            d = Draft(s.part, f"u{unnumbered + 1}", "paragraph", text, s.section, s.objectives, page)
            self.drafts.append(d)
            self.open = d

    def add_preambular(self, text: str, page: int | None) -> None:
        """A preambular paragraph ends with a comma; a preamble block ending a sentence is the
        resolution's one unnumbered operative paragraph ("Endorses the Progress Declaration ...")."""
        s = self.state
        if text.rstrip(SUPERSCRIPTS + "* ").endswith(".") and s.part == "resolution":
            s.in_preamble = False
            d = Draft(s.part, "u1", "paragraph", text, s.section, s.objectives, page)
        else:
            s.pp_count += 1
            d = Draft(s.part, f"PP{s.pp_count}", "preambular", text, s.section, (), page)
        self.drafts.append(d)
        self.open = d

    def add_heading(self, text: str) -> None:
        s = self.state
        if heading_level(text) == 1 and s.objectives and s.letter is not None:
            # Inside an objective's actions ("Natural disasters, ..." before 18 (h)), or the next
            # section ("Implementation")? The next block says: see ``settle_heading``.
            s.pending_heading = text
            self.open = None
            return
        self._set_heading(text, heading_level(text))

    def settle_heading(self, kind: str) -> None:
        """A heading met inside an objective's list of actions is a sub-heading of the
        objective when the actions go on after it; anything else makes it a new section."""
        s = self.state
        text, s.pending_heading = s.pending_heading, ""
        goes_on = kind == "subpara" and s.last_para is not None and self._in_chapeau()
        self._set_heading(text, 3 if goes_on else 1)

    def _set_heading(self, text: str, level: int) -> None:
        s = self.state
        heading, marks = strip_footnote_marks(text)
        s.headings = [(lv, h) for lv, h in s.headings if lv < level] + [(level, heading)]
        for mark in marks:
            self.heading_refs.setdefault(mark, s.section)
        objectives = parse_objectives(heading)
        if level == 1 or objectives:
            s.objectives = objectives
        self.open = None
