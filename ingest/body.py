"""The body of a UN document, block by block: parts, paragraphs, sub-paragraphs, headings (pure).

``BodyParser.feed`` takes the blocks after the masthead one at a time and decides what each is:
an ``Annex`` line (a new part whose numbering restarts), the head of a numbered section (a new
part inside it, see ``sections``), a footnote, a numbered paragraph (or an item of a numbered list
inside the paragraph before it, or a numbered text quoted by it), an action ("Action 4. We will
..."), a lettered sub-paragraph (or a third-level ``(i)``, ``(ii)`` item under a lettered one), the
rest of a paragraph broken by a page, a heading, a preambular paragraph, or unnumbered body text.
The result is a list of drafts in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import opens_operative
from .headings import (
    OPERATIVE_OPENER_RE,
    PP_OPENER_RE,
    ends_chapeau,
    ends_open,
    heading_level,
    is_heading,
    opens_paragraph,
    titles_next_paragraph,
)
from .sections import ACTION_RE, TARGET_RE, SectionStart, section_head, section_part
from .text_patterns import (
    ADOPTION_NOTE_RE,
    ANNEX_RE,
    AUTHOR_RE,
    DATE_RE,
    FOOTNOTE_SUP_RE,
    INSERTED_PARA_RE,
    MEETING_RE,
    PARA_RE,
    SUBPARA_RE,
    SUPERSCRIPTS,
    normalize_ws,
    parse_objectives,
    strip_footnote_marks,
)
from .text_patterns import SUP_TO_DIGIT as _SUP_TO_DIGIT

ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
          "xv")


@dataclass
class Draft:
    """A record being built; text may still grow with a continuation after a page break.
    ``parent``: the draft a sub-paragraph stands under (its id is made when records are)."""

    part: str
    number: str
    kind: str
    text: str
    section: tuple[str, ...]
    objectives: tuple[int, ...]
    page: int | None
    parent: Draft | None = None
    items: list[int] = field(default_factory=list)  # where the items of a list inside it start


@dataclass
class _State:
    part: str = ""
    base: str = ""  # the part without its numbered section: "", "resolution", "annex I"
    headings: list[tuple[int, str]] = field(default_factory=list)
    objectives: tuple[int, ...] = ()
    pp_count: int = 0
    last_para: Draft | None = None  # the last numbered paragraph of this part
    last_number: int = 0  # and its number
    holder: Draft | None = None  # what lettered sub-paragraphs go under: a paragraph or an action
    letter: Draft | None = None  # the last lettered sub-paragraph under it
    roman: str = ""  # the last third-level item under that letter
    list_count: int = 0  # items of a numbered list inside ``last_para``
    quoting: Draft | None = None  # a paragraph whose chapeau introduced a table or quoted text
    in_annex_title: bool = False
    in_section_title: bool = False  # the block after a bare section label ("II") is its title
    # that label, printed on a line of its own: the title is written "II. Title"
    section_label: str = ""
    in_preamble: bool = False
    # a heading met inside an objective's actions: a sub-heading or a new section
    pending_heading: str = ""

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)


def continues(draft: Draft, text: str, next_lower: bool = False) -> bool:
    """Is unnumbered block ``text`` the rest of ``draft`` (split by a page break or footnotes)?
    A preambular paragraph ends with a comma: a capitalised block after it starts the next one.
    A clause ending with a colon after a numbered paragraph ("To realize this commitment, we will
    draw from the following actions:") is that paragraph's chapeau. A short capitalised block
    with no sentence end reads as a heading, but not between a paragraph left open and lower-case
    text (``next_lower``): there it is the paragraph's middle ("... Secretary-General a" at a page
    top, "communities." after it)."""
    if text[:1].islower():
        return True
    if in_preamble(draft) and (draft.text.rstrip(SUPERSCRIPTS + "*").endswith(",")
                               or PP_OPENER_RE.match(text)):
        return False  # the next preambular paragraph, even after one missing its comma
    if draft.kind == "paragraph" and not draft.number.startswith("u") and ends_chapeau(text):
        return not is_heading(text)
    return ends_open(draft.text) and (next_lower or not is_heading(text))


# a chapeau adopting a document that follows it in the resolution's body
_ADOPTS_DOCUMENT_RE = re.compile(r"\b(?:Adopts|Endorses) the following\b[^:]{0,300}:$")


def in_preamble(draft: Draft) -> bool:
    """A preambular paragraph, or a lettered item under one ("Reaffirming that the Plan was
    developed: (a) To promote ...,")."""
    while draft.kind == "subparagraph" and draft.parent is not None:
        draft = draft.parent
    return draft.kind == "preambular"


class BodyParser:
    """Turns the body's blocks into drafts (see the module docstring).

    ``sections``: ``{block index: SectionStart}`` of the numbered sections
    (``sections.restarting_sections``); blocks are counted from the first one fed."""

    def __init__(self, doc_id: str, part: str, sections: dict[int, SectionStart] | None = None):
        self.doc_id = doc_id
        self.state = _State(part=part, base=part)
        self.sections = sections or {}
        self.fed = 0
        self.drafts: list[Draft] = []
        self.footnotes: dict[str, Draft] = {}
        # footnote mark -> section of its heading
        self.heading_refs: dict[str, tuple[str, ...]] = {}
        self.open: Draft | None = None  # the record a page-broken continuation joins
        # the last block, when it was read as a heading: (text, page, headings and objectives
        # before it); a heading nothing follows is the document's last words (``finish``)
        self._trailing: tuple | None = None
        self._in_note = False  # inside a note of the vote, before its closing bracket

    # --- dispatch ----------------------------------------------------------------------------

    def feed(self, text: str, kind: str, page: int | None, next_kind: str = "",
             next_lower: bool = False) -> None:
        """Take one block (``kind`` as ``structure.split_blocks`` found it; ``next_kind``: the
        kind of the block after it, "" at the end; ``next_lower``: that block opens in lower
        case)."""
        index, self.fed = self.fed, self.fed + 1
        if kind != "footnote" and (self._in_note or ADOPTION_NOTE_RE.match(text)):
            # "[Adopted without a vote.]", "[Adopted by a recorded vote of ... In favour: ...]"
            # after the meeting's line: the record of the vote, none of the resolution's words
            self._in_note = not text.rstrip().endswith("]")
            self.open = self.state.quoting = None
            return
        # "60th plenary meeting" and its date close the resolution, after its last words
        closing = bool(MEETING_RE.match(text) or DATE_RE.fullmatch(text.strip()))
        if kind != "footnote" and not closing:
            self._trailing = None
        if self.state.pending_heading:
            self.settle_heading(kind)
        if kind not in ("text", "footnote"):
            self.state.quoting = None
        start = self.sections.get(index)
        if start is not None:
            self.start_section(start.label, start.title, start.titled_next)
            if start.head:
                return
        if AUTHOR_RE.match(text) and not any(d.kind != "footnote" for d in self.drafts):
            self.state.in_preamble = True
        elif ANNEX_RE.match(text):
            self.start_annex(ANNEX_RE.match(text).group(1))
        elif kind == "footnote":
            self.add_footnote(text, page)
        elif kind == "para":
            self.add_numbered(text, page)
        elif kind == "inserted":
            self.add_inserted(text, page)
        elif kind == "action":
            self.add_action(text, page)
        elif kind == "target":
            self.add_target(text, page)
        elif kind == "subpara" and self._takes_subparagraph(SUBPARA_RE.match(text).group(1)):
            self.add_subparagraph(text, page)
        elif closing:
            self.open = self.state.quoting = None
        else:
            self.add_unnumbered(text, page, next_kind, next_lower)

    def _takes_subparagraph(self, label: str) -> bool:
        """Lettered items go under a paragraph whose text ends with a colon (or that has items
        already), and under an action; ``(a)`` after a preambular paragraph ending with a colon
        starts that paragraph's items (``PP9 (a)``), not a preambular paragraph of its own."""
        s = self.state
        o = self.open
        if label == "a" and o is not None and o.kind == "preambular" and ends_chapeau(o.text):
            s.holder, s.letter, s.roman = o, None, ""
            return True
        if s.holder is None:
            return False
        return (ends_chapeau(s.holder.text) or s.letter is not None
                or (s.holder.number.startswith("Action ") and label == "a"))

    # --- parts -------------------------------------------------------------------------------

    def start_annex(self, label: str | None) -> None:
        """An ``Annex`` line: a new part; the block after it may be the annex's own title."""
        s = self.state
        s.part = s.base = f"annex {label.upper()}" if label else "annex"
        self._reset_part()
        s.in_annex_title = True
        self.open = None

    def start_section(self, label: str, title: str = "", titled_next: bool = False) -> None:
        """A numbered section: a part of its own, numbered from 1, with its own preamble.
        ``titled_next``: its title is the next block (after a bare label "II"). Its heading is
        its printed label and title, ``II. Title`` (a section known by its title only, cited by
        its place, ``sect. 2``, has no label printed: its title alone)."""
        s = self.state
        s.part = section_part(s.base, label)
        self._reset_part(keep_title=True)
        s.pp_count = 0
        s.in_preamble = True
        printed = "" if label.isdigit() else label
        if title:
            self._set_heading(f"{printed}. {title}" if printed else title, 1)
        elif printed:
            self._set_heading(printed, 1)
        s.in_section_title, s.section_label = titled_next, printed if titled_next else ""
        self.open = None

    def _reset_part(self, keep_title: bool = False) -> None:
        """A new part starts with no heading; ``keep_title``: a numbered section inside an annex
        keeps the annex's own title (level 0)."""
        s = self.state
        s.headings = [(lv, h) for lv, h in s.headings if lv == 0] if keep_title else []
        s.objectives = ()
        s.last_para, s.last_number, s.holder = None, 0, None
        s.letter, s.roman, s.list_count = None, "", 0
        s.quoting = None
        s.in_annex_title = s.in_section_title = s.in_preamble = False
        s.section_label = ""

    # --- steps -------------------------------------------------------------------------------

    def add_footnote(self, text: str, page: int | None) -> None:
        """A footnote; its number runs through the document, so it stands in the part, not in
        a numbered section."""
        m = FOOTNOTE_SUP_RE.match(text)
        mark, body = m.group(1).translate(_SUP_TO_DIGIT), text[m.end():]
        fn = Draft(self.state.base, mark, "footnote", body, self.state.section,
                   parse_objectives(body), page)
        self.footnotes[mark] = fn
        self.drafts.append(fn)

    def add_numbered(self, text: str, page: int | None) -> None:
        """A numbered paragraph; or an item of a numbered list inside the last one (numbering
        that restarts at 1 within a part, and goes on 2, 3 ... until a heading or other text);
        or a numbered text quoted by a paragraph ending with a colon ("... the following
        amendment to the statute: Article 9, new paragraph 4:" / "4. In hearing ...")."""
        s = self.state
        m = PARA_RE.match(text)
        number = int(m.group(1))
        if number >= 1000 and not (s.last_para is not None and s.last_number == number - 1):
            # "2015. ..." at a line start: a year, not paragraph 2015
            self.add_unnumbered(text, page)
            return
        # a number that goes on both a list inside the last paragraph and the paragraphs'
        # numbering ("2. ... the following:" / "1." / "2." / "3. Invites ...") is the next
        # paragraph when it opens as an operative paragraph does: the list has ended
        resumed = (s.list_count and number == s.last_number + 1
                   and opens_operative(text[m.end():]))
        if s.last_para is not None and not resumed and (number == s.list_count + 1
                                                        and (s.list_count or number == 1)):
            s.list_count = number
            self._append_item(s.last_para, text)
            for n in re.findall(r"(?<!\S)(\d{1,3})\.\s", text[m.end():]):
                if int(n) == s.list_count + 1:  # items the layout ran together on one block
                    s.list_count += 1
            self.open = s.last_para
            return
        quoted_by = self.open if self.open is not None and self.open.kind == "paragraph" else None
        if (s.last_para is not None and number != s.last_number + 1 and quoted_by
            and ends_chapeau(quoted_by.text)):
            self._append_item(quoted_by, text)
            return
        s.in_preamble, s.in_annex_title, s.in_section_title = False, False, False
        d = Draft(s.part, str(number), "paragraph", text[m.end():], s.section, s.objectives, page)
        self.drafts.append(d)
        s.last_para, s.last_number, s.holder = d, number, d
        s.letter, s.roman, s.list_count = None, "", 0
        self.open = d

    def add_inserted(self, text: str, page: int | None) -> None:
        """``3 bis. ...``: a paragraph a working draft inserted after para. 3 in negotiation, a
        paragraph of its own ("para. 3 bis"; it was read into para. 3 or as an unnumbered one);
        the printed numbering goes on from 3. Lettered items after it are its own."""
        s = self.state
        m = INSERTED_PARA_RE.match(text)
        s.in_preamble, s.in_annex_title, s.in_section_title = False, False, False
        d = Draft(s.part, f"{int(m.group(1))} {m.group(2).lower()}", "paragraph",
                  text[m.end():], s.section, s.objectives, page)
        self.drafts.append(d)
        s.last_para, s.holder = d, d
        s.letter, s.roman, s.list_count = None, "", 0
        self.open = d

    @staticmethod
    def _append_item(draft: Draft, text: str) -> None:
        draft.items.append(len(draft.text) + 1)
        draft.text = normalize_ws(draft.text + " " + text)

    def add_action(self, text: str, page: int | None) -> None:
        """``Action 4. We will ...``: a citable unit inside the paragraph sequence; lettered
        sub-paragraphs after it are its own."""
        m = ACTION_RE.match(text)
        self._add_unit(f"Action {int(m.group(1))}", text[m.end():], page)

    def add_target(self, text: str, page: int | None) -> None:
        """``10.7 Facilitate orderly, safe, regular and responsible migration ...``: a target of
        the Sustainable Development Goals, under its goal's heading, cited ``target 10.7``."""
        m = TARGET_RE.match(text)
        self._add_unit(f"target {m.group(1)}.{m.group(2)}", text[m.end():], page)

    def _add_unit(self, number: str, text: str, page: int | None) -> None:
        """A citable unit named by its own label (an action, a target), not by a paragraph
        number; lettered sub-paragraphs after it are its own."""
        s = self.state
        s.in_preamble, s.in_annex_title, s.in_section_title = False, False, False
        d = Draft(s.part, number, "paragraph", text, s.section, s.objectives, page)
        self.drafts.append(d)
        s.holder, s.letter, s.roman, s.list_count = d, None, "", 0
        self.open = d

    def add_subparagraph(self, text: str, page: int | None) -> None:
        """``(a)`` under the paragraph (or action); ``(i)`` under a lettered one whose text ends
        with a colon, going on ``(ii)``, ``(iii)`` ...; ``(i)`` after ``(h)`` is the letter i."""
        s = self.state
        m = SUBPARA_RE.match(text)
        label, body = m.group(1), text[m.end():]
        if self._is_roman_item(label):
            s.roman = label
            parent = s.letter
        else:
            s.roman = ""
            parent = s.holder
        d = Draft(s.part, f"{parent.number} ({label})", "subparagraph", body, s.section,
                  s.objectives, page, parent=parent)
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
        return label == "i" and ends_chapeau(s.letter.text)

    def add_unnumbered(self, text: str, page: int | None, next_kind: str = "",
                       next_lower: bool = False) -> None:
        """The rest of a paragraph, a table or text a chapeau introduces, the annex title, a
        section title, a preambular paragraph, a heading, or unnumbered body text (numbered
        ``u1``, ``u2`` ... so it never collides with a printed number)."""
        s = self.state
        head = section_head(text)
        if head is not None and head[2] == "roman":
            s.quoting = None
        elif s.quoting is None and self._introduced(text, next_kind):
            s.quoting = self.open  # "... as set out in the table below:" and the table's rows
        if s.quoting is not None:
            s.quoting.text = normalize_ws(s.quoting.text + " " + text)
            return
        if self.open is not None and continues(self.open, text, next_lower):
            self.open.text = normalize_ws(self.open.text + " " + text)
            return
        if s.in_annex_title:
            s.in_annex_title = False
            if titles_next_paragraph(text) or is_heading(text):
                self._set_heading(text, 0)  # the annex's own title heads every record of the annex
                return
        s.list_count = 0  # any other block ends a numbered list inside a paragraph
        if head is not None and not head[1] and not s.in_section_title:
            # A bare section label ("II") printed on a line of its own where the numbering goes
            # on: a heading, titled by the block after it.
            self._set_heading(head[0], heading_level(f"{head[0]}. "))
            s.in_section_title, s.section_label = True, head[0]
            return
        if s.in_section_title:
            s.in_section_title, label, s.section_label = False, s.section_label, ""
            if not text.rstrip().endswith(",") and not opens_paragraph(text):
                level = (s.headings[-1][0] if label and s.headings and s.headings[-1][1] == label
                         else 1)
                self._set_heading(f"{label}. {text}" if label else text, level)
                return
        heading = is_heading(text) or (next_kind in ("para", "action")
                                       and titles_next_paragraph(text))
        preambular = text.rstrip(SUPERSCRIPTS + "* ").endswith(",") and PP_OPENER_RE.match(text)
        if (s.in_preamble and (not heading or text.rstrip().endswith(","))) or preambular:
            self.add_preambular(text, page)
        elif heading:
            before = (text, page, list(s.headings), s.objectives)
            self.add_heading(text)
            self._trailing = before
        else:
            self._add_operative(text, page)

    def finish(self) -> None:
        """After the last block: a heading nothing follows ("We commit to protect migrant
        children", its full stop missing, the last line of a draft) is no heading but the
        document's last words, kept as an unnumbered paragraph under the headings before it."""
        if self._trailing is None:
            return
        text, page, headings, objectives = self._trailing
        s = self.state
        s.headings, s.objectives, s.pending_heading = headings, objectives, ""
        self._trailing = None
        self._add_operative(text, page)

    def _introduced(self, text: str, next_kind: str) -> bool:
        """Is ``text`` what the open paragraph's chapeau introduces (a table, a quoted article)?
        Not a title printed before the next numbered paragraph, nor the title of a document the
        chapeau adopts ("Adopts the following outcome document ...:" / "New York Declaration for
        Refugees and Migrants" / "We, the Heads of State ..."): that document's paragraphs are
        the resolution's own."""
        d, s = self.open, self.state
        return (
            d is not None and d.kind == "paragraph" and ends_chapeau(d.text) and s.letter is None
            and s.list_count == 0
            and not (next_kind in ("para", "action") and titles_next_paragraph(text))
            and not (_ADOPTS_DOCUMENT_RE.search(d.text) and is_heading(text))
        )

    def _add_operative(self, text: str, page: int | None) -> None:
        """An unnumbered operative paragraph; one ending with a colon takes lettered items."""
        s = self.state
        unnumbered = sum(1 for x in self.drafts if x.kind == "paragraph" and x.part == s.part
                         and x.number.startswith("u"))
        d = Draft(s.part, f"u{unnumbered + 1}", "paragraph", text, s.section, s.objectives, page)
        self.drafts.append(d)
        self.open = d
        if ends_chapeau(text):
            s.holder, s.letter, s.roman = d, None, ""

    def add_preambular(self, text: str, page: int | None) -> None:
        """A preambular paragraph ends with a comma; a preamble block ending a sentence is the
        resolution's (or a numbered section's) one unnumbered operative paragraph ("Endorses
        the Progress Declaration ..."; "Approves the gross budget ... for 2024;"; "Adopts the
        following Pact:")."""
        s = self.state
        ends = text.rstrip(SUPERSCRIPTS + "* ")
        # a section's, or "Adopts ...:"
        operative = s.part != s.base or OPERATIVE_OPENER_RE.match(text)
        if (ends.endswith(".") and s.part == "resolution") or (operative
                                                               and ends.endswith((".", ";", ":"))):
            s.in_preamble = False
            self._add_operative(text, page)
            return
        s.pp_count += 1
        d = Draft(s.part, f"PP{s.pp_count}", "preambular", text, s.section, (), page)
        self.drafts.append(d)
        self.open = d
        if s.holder is not None and s.holder.kind == "preambular":
            s.holder, s.letter, s.roman = None, None, ""  # the last one's items end here

    def add_heading(self, text: str) -> None:
        s = self.state
        if heading_level(text) == 1 and s.objectives and s.letter is not None:
            # Inside an objective's actions ("Natural disasters, ..." before 18 (h)), or the next
            # section ("Implementation")? The next block says: see ``settle_heading``.
            s.pending_heading = text
            self.open = None
            return
        level = heading_level(text)
        if level == 1 and section_head(text) is None:
            # a heading with no label under a labelled one ("II. Implementation ...", then
            # "Partnerships and support mechanisms") is a sub-heading of it, not a new section
            labelled = [lv for lv, h in s.headings if lv >= 1 and section_head(h) is not None]
            if labelled:
                level = max(labelled) + 1
        self._set_heading(text, level)

    def settle_heading(self, kind: str) -> None:
        """A heading met inside an objective's list of actions is a sub-heading of the
        objective when the actions go on after it; anything else makes it a new section."""
        s = self.state
        text, s.pending_heading = s.pending_heading, ""
        goes_on = kind == "subpara" and s.holder is not None and (ends_chapeau(s.holder.text)
                                                                  or s.letter is not None)
        self._set_heading(text, 3 if goes_on else 1)

    def _set_heading(self, text: str, level: int) -> None:
        s = self.state
        heading, marks = strip_footnote_marks(text)
        s.headings = [(lv, h) for lv, h in s.headings if lv < level] + [(level, heading)]
        for mark in marks:
            self.heading_refs.setdefault(mark, s.section)
        objectives = parse_objectives(heading)
        if level <= 1 or objectives:
            s.objectives = objectives
        self.open = None
