"""Sections that restart the paragraph numbering, and numbered actions (pure; no file access).

Omnibus resolutions are divided into sections, each numbered from paragraph 1: roman numerals
with a title ("II" / "Financial performance report on the programme budget for 2022", A/RES/78/253
sections I-XXIV) or parts of one report (A/RES/78/247: the Office of Internal Oversight Services,
then the Independent Audit Advisory Committee). The UN cites them ``resolution 78/253, section II,
paragraph 3``; Precedent cites ``A/RES/78/253, sect. II, para. 3``. Where the sections number on
(A/RES/78/245, 78/248, 78/330, 78/234) the section is only a heading.

Which it is, the document itself says: ``restarting_sections`` looks at the section heads of one
part (the resolution, an annex) and the number of the first paragraph after each. When two or
more heads are followed by paragraph 1 (and at least half of those with paragraphs are), every
head of that kind (roman or lettered) in that part opens a numbered section. Nothing depends on
a list of symbols.

Outcome documents may number commitments as actions inside the paragraph sequence
("Action 4. We will ..."; the Pact for the Future): each is a citable unit,
``A/RES/79/1, Action 4``, and the paragraph numbering around it goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import opens_operative, participle_led
from .headings import ends_chapeau, titles_next_paragraph
from .text_patterns import ANNEX_RE, PARA_RE

ACTION_RE = re.compile(r"^Action\s+(\d{1,3})\.\s+(?=\S)")
# A target of the Sustainable Development Goals (A/RES/70/1): "10.7 Facilitate orderly, safe,
# regular and responsible migration ...", "10.c By 2030, reduce ..."; cited "target 10.7"
TARGET_RE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])\s+(?=[A-Z“(])")
_ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
# "II", "II.", "II. Title"; "B", "B.", "B. Title". A title after the label needs the full stop:
# "I Enterprise" is not a head ("I" may be a word).
SECTION_HEAD_RE = re.compile(rf"^(?P<label>{_ROMAN}|[A-Z])(?:\.(?:\s+(?P<title>\S.*))?)?$")


@dataclass
class _Head:
    index: int
    label: str
    title: str
    style: str  # "roman" | "letter"
    first: int | None = None  # the number of the first numbered paragraph after it


@dataclass(frozen=True)
class SectionStart:
    """Where a numbered section starts: ``label`` as cited ("II"; "2" for a section printed with
    a title only), ``title`` when known, ``head``: the block is the section's head (a label or a
    title; else the section starts at the block itself, its first paragraph), ``titled_next``:
    the block after a bare label is the title."""

    label: str
    title: str = ""
    head: bool = True
    titled_next: bool = False


def section_head(text: str) -> tuple[str, str, str] | None:
    """``(label, title, style)`` of a section head block ("II", "II. Title", "B"), else None."""
    m = SECTION_HEAD_RE.match(text.strip())
    if not m or len(text) > 300:
        return None
    label = m.group("label")
    style = "letter" if len(label) == 1 and label not in "IVXL" else "roman"
    return label, (m.group("title") or "").strip(), style


def restarting_sections(blocks: list[tuple[str, str]]) -> dict[int, SectionStart]:
    """``{block index: SectionStart}`` of the numbered sections of a document.

    ``blocks`` are the body's ``(text, kind)`` pairs (kind ``para`` for a numbered paragraph).
    An ``Annex`` line starts a new part: each part is judged on its own. Heads with a label
    (roman or lettered) are judged as described in the module docstring; in a part without them,
    a title followed by paragraph 1 again after numbered paragraphs restarts the numbering too
    (sections cited by their place: ``sect. 1``, ``sect. 2`` ...).
    """
    found: dict[int, SectionStart] = {}
    group: list[tuple[int, str, str]] = []
    for i, (text, kind) in enumerate(blocks):
        if ANNEX_RE.match(text):
            found.update(_part_sections(group))
            group = []
        else:
            group.append((i, text, kind))
    found.update(_part_sections(group))
    return found


def _part_sections(group: list[tuple[int, str, str]]) -> dict[int, SectionStart]:
    heads: list[_Head] = []
    for i, text, kind in group:
        head = section_head(text)
        if head is not None:
            heads.append(_Head(i, *head))
        elif kind == "para" and heads and heads[-1].first is None:
            heads[-1].first = int(PARA_RE.match(text).group(1))
    labelled = _numbered_sections(heads)
    return labelled if labelled or heads else _titled_sections(group)


def _numbered_sections(heads: list[_Head]) -> dict[int, SectionStart]:
    out: dict[int, SectionStart] = {}
    for style in ("roman", "letter"):
        same = [h for h in heads if h.style == style]
        firsts = [h.first for h in same if h.first is not None]
        restarts = firsts.count(1)
        if restarts >= 2 and 2 * restarts >= len(firsts):
            out.update({h.index: SectionStart(h.label, h.title, titled_next=not h.title)
                        for h in same})
    return out


def _titled_sections(group: list[tuple[int, str, str]]) -> dict[int, SectionStart]:
    """Sections printed with a title only: a title, then paragraph 1 again, and the numbering
    before it never resumed. (A list under its own heading inside a paragraph, the 23 objectives
    of the Global Compact's paragraph 16, is followed by paragraph 17.) A restart with no title
    at all is a section too when it is no list: its paragraph 1 opens as an operative paragraph
    does ("Welcomes ...", not "The first element of the report"), the numbering before never
    resumed, and the paragraph before does not end with a colon (which introduces a list: "...
    the following agenda:" / "1. ..."); the preambular paragraphs just before it are its own.
    Without this, every paragraph of the second run would be read into the last paragraph of
    the first, as an item of its list."""
    numbers = [(i, int(PARA_RE.match(text).group(1))) for i, text, kind in group if kind == "para"]
    restarts: list[tuple[int, str]] = []
    last_number, title_at, first_title, first_para = 0, None, None, None
    before = ""  # the text of the block before
    preamble = None  # the first of the preambular paragraphs standing since the last paragraph
    for i, text, kind in group:
        if kind == "para":
            number = int(PARA_RE.match(text).group(1))
            resumed = _resumes(numbers, i, last_number)
            if number == 1 and last_number and not resumed:
                if title_at is not None:
                    restarts.append(title_at)
                elif not ends_chapeau(before) and opens_operative(PARA_RE.sub("", text, 1)):
                    # the preambular paragraphs just before are the new section's own
                    restarts.append((preamble if preamble is not None else i, ""))
            if first_para is None:
                first_para = i
            last_number, title_at, preamble = number, None, None
        elif kind in ("subpara", "action"):
            title_at, preamble = None, None
        elif kind == "text" and title_at is None and titles_next_paragraph(text):
            title_at = (i, text)
            if first_para is None and first_title is None:
                first_title = title_at
        elif kind == "text" and last_number and participle_led(text):
            preamble = i if preamble is None else preamble
        else:
            preamble = None
        before = text
    if not restarts:
        return {}
    first = (SectionStart("1", first_title[1]) if first_title else SectionStart("1", head=False))
    out = {first_title[0] if first_title else first_para: first}
    for n, (i, text) in enumerate(restarts, start=2):
        out[i] = SectionStart(str(n), text, head=bool(text))
    return out


def _resumes(numbers: list[tuple[int, int]], start: int, before: int) -> bool:
    """After a run numbered from 1 at block ``start``, does the numbering go back to ``before + 1``
    (the run was a list), rather than on with the run (a section)?"""
    run = 0
    for j, n in numbers:
        if j < start:
            continue
        if n == run + 1:
            run = n
        elif n == before + 1:
            return True
        elif n > run:  # the run goes on (items the layout ran together into one block skip numbers)
            run = n
        else:
            return False
    return False


def section_part(base: str, label: str) -> str:
    """The part a numbered section's records carry: ``sect. II``, ``annex, sect. II``."""
    return f"{base}, sect. {label}" if base else f"sect. {label}"
