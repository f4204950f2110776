"""Page furniture and the PDF text layer's line layout (pure; no file access).

A PDF text layer (``pypdf`` ``extract_text``) gives one line per printed line: paragraphs are
wrapped, words are hyphenated at line ends, footnotes sit at the page foot as plain ``N text``
lines, reference marks are plain digits glued to words (``Migration,1``), and every page carries
running heads, page numbers and (on page 1) a job number. ``reflow_pages`` turns such pages into
the block layout the structure parser reads: one block per paragraph, heading or footnote,
separated by blank lines, footnotes written with superscript marks (``¹ Resolution 70/1.``) and
reference marks made superscript where, and only where, that footnote exists on the page.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from .furniture import find_symbol, strip_page_furniture
from .headings import PP_OPENER_RE, opens_paragraph
from .sections import ACTION_RE, TARGET_RE, section_head
from .text_patterns import (
    ANNEX_RE,
    AUTHOR_RE,
    BARCODE_RE,
    DATE_RE,
    DECISION_OPENER_RE,
    DIGIT_TO_SUP,
    FOOTNOTE_PLAIN_RE,
    GLUE_BEFORE,
    GOAL_HEADING_RE,
    JOB_NUMBER_RE,
    LIGATURES,
    MASTHEAD_LINE_RE,
    MEETING_RE,
    NOT_QUANTITY,
    NOT_SYMBOL_DIGIT,
    OBJECTIVE_HEADING_RE,
    PAGE_NUMBER_RE,
    PARA_RE,
    RECYCLE_RE,
    RES_TITLE_RE,
    ROUND_TABLE_RE,
    SOFT_HYPHEN,
    SUBPARA_RE,
    SUMMARY_RE,
    SUPERSCRIPTS,
    Vocabulary,
    in_number,
    is_symbol_line,
    join_lines,
    normalize_ws,
    opens_as_author,
)

log = logging.getLogger(__name__)

_SECTION_LABEL_RE = re.compile(r"^(?:[IVXLC]+|[A-H])\.\s+(?=[A-Z])")
SHORT_LINE = 0.72  # a line shorter than this share of the full measure ends its paragraph
CUT_SHORT = 0.9  # ... unless its next word would have taken it past this share
_ENDS_SENTENCE_RE = re.compile(r"(?:[.;:!?][\"'’”)]*|[;:,]\s*(?:and|or))$")


# --- page furniture ------------------------------------------------------------------------


def drop_page_furniture(pages: list[list[str]], symbol_hint: str = "",
                        title_hint: str = "") -> list[list[str]]:
    """Remove job numbers, bar codes, bare page numbers and running heads (lines that repeat at
    the top or bottom of several pages, or that are the document symbol or title) from each page."""
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        content = [ln.strip() for ln in lines if ln.strip()]
        for ln in set(content[:3] + content[-3:]):
            edge_counts[normalize_ws(ln)] += 1
    repeated = {ln for ln, n in edge_counts.items() if n >= 2 and len(pages) >= 2
                and _could_be_furniture(ln)}
    out = []
    for page_no, lines in enumerate(pages):
        kept = []
        content_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(content_idx[:3] + content_idx[-3:])
        for i, ln in enumerate(lines):
            s = normalize_ws(ln)
            at_edge = i in edges
            if s and (JOB_NUMBER_RE.match(s) or BARCODE_RE.match(s)):
                continue
            if s and at_edge and (PAGE_NUMBER_RE.match(s) or RECYCLE_RE.match(s)):
                continue
            if s and page_no > 0 and at_edge and (
                s in repeated or _is_running_head(s, symbol_hint)
                or (title_hint and s == title_hint)
            ):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _could_be_furniture(line: str) -> bool:
    """Running heads are symbols and titles: never lowercase-initial, never a numbered paragraph,
    sub-paragraph or footnote, never ending a sentence or clause. Body text repeated at the edges
    of two pages ("and", "the present resolution;") is kept."""
    return not (
        line[:1].islower()
        or PARA_RE.match(line)
        or SUBPARA_RE.match(line)
        or FOOTNOTE_PLAIN_RE.match(line) and not PAGE_NUMBER_RE.match(line)
        or line[:1] in SUPERSCRIPTS
        or line.rstrip(SUPERSCRIPTS).endswith((".", ",", ";", ":"))
    )


def _is_running_head(line: str, symbol: str) -> bool:
    """``A/RES/73/195`` or ``A/RES/73/195 Global Compact ...`` or
    ``Global Compact ... A/RES/73/195``."""
    if not symbol:
        return False
    return line == symbol or line.startswith(symbol + " ") or line.endswith(" " + symbol)


# --- footnotes at the page foot ------------------------------------------------------------


@dataclass
class _Note:
    mark: str
    lines: list[str] = field(default_factory=list)


def _glued(mark: str, lines: list[str], raised_marks: bool = False) -> bool:
    """Is footnote ``mark`` printed as a reference mark glued to a word in ``lines``? (Read with
    geometry, only a raised mark is one.)"""
    if mark.startswith("*"):
        rx = re.compile(r"[\w,.;:)\]”’]" + re.escape(mark) + r"(?!\*)")
    elif raised_marks:
        rx = re.compile(f"(?<![{SUPERSCRIPTS}])" + mark.translate(DIGIT_TO_SUP)
                        + f"(?![{SUPERSCRIPTS}])")
    else:
        rx = re.compile(rf"(?:(?:{GLUE_BEFORE}|{APART}){NOT_SYMBOL_DIGIT}{mark}(?=[\s,.;:)]|$)"
                        rf"|{mark.translate(DIGIT_TO_SUP)})")
    return any(m and not _inside_number(m) for ln in lines for m in rx.finditer(ln))


def _inside_number(m: re.Match) -> bool:
    """A plain digit match that stands inside a number or a designation (``6.3``, ``A.2``)."""
    digits = re.search(r"\d+", m.group(0))
    return digits is not None and m.group(0)[:1] not in SUPERSCRIPTS and in_number(
        m.string, m.start() + digits.start(), m.start() + digits.end())


def split_footnotes(lines: list[str], expected: int, before: list[str],
                    raised_marks: bool = False) -> tuple[list[str], list[_Note], int]:
    """Split a page's lines into body and footnotes at its foot.

    Where the separator is printed (a line of underscores; a drawn rule becomes one in
    ``pdf_geometry``), everything under it is footnotes. Without it, a footnote needs its mark in
    the body and a place below the body: it starts with a line ``N text`` (no period after N,
    unlike a paragraph number) where N is the next footnote number and the mark N stands glued to
    a word above it on this page (or at the end of the previous page, in ``before``); N is 1 again
    (numbering restarting) only with its mark on this page; and nothing from there to the page
    foot is body text (a numbered paragraph or sub-paragraph, an action, a meeting line): a line
    "1 July 2024 to 30 June 2025;" in the body is never footnote 1. Every line after the first
    footnote belongs to a footnote. Returns (body, notes, next expected number).
    """
    rule = _last_rule(lines)
    if rule is not None:
        return _split_at_rule(lines, rule, expected)
    foot = _foot_start(lines)
    # The last candidate wins: a body line may start with the same number ("4 per cent").
    candidates = [i for i in range(foot, len(lines))
                  if _starts_note(lines[i], expected, lines[:i], before, raised_marks)]
    zone_start = candidates[-1] if candidates else None
    if zone_start is None:
        return lines, [], expected
    notes: list[_Note] = []
    for i in range(zone_start, len(lines)):
        line = lines[i]
        m = FOOTNOTE_PLAIN_RE.match(line)
        if m and _starts_note(line, expected, lines[:zone_start], before, raised_marks):
            notes.append(_Note(m.group(1), [line[m.end():]]))
            if m.group(1).isdigit():
                expected = int(m.group(1)) + 1
        else:
            notes[-1].lines.append(line)
    return lines[:zone_start], notes, expected


def _foot_start(lines: list[str]) -> int:
    """The first line after the page's last line of body text: footnotes can only start there."""
    body = [i for i, ln in enumerate(lines) if PARA_RE.match(ln) or SUBPARA_RE.match(ln)
            or ACTION_RE.match(ln) or TARGET_RE.match(ln)
            or MEETING_RE.match(ln) or ANNEX_RE.match(ln) or AUTHOR_RE.match(ln)]
    return body[-1] + 1 if body else 0


SEPARATOR_RE = re.compile(r"^\s*_{5,}\s*$")


def _last_rule(lines: list[str]) -> int | None:
    """Index of the footnote separator (a line of underscores) on the page, if printed as text."""
    found = [i for i, ln in enumerate(lines) if SEPARATOR_RE.match(ln)]
    return found[-1] if found else None


def _split_at_rule(lines: list[str], rule: int, expected: int) -> tuple[list[str], list[_Note],
                                                                        int]:
    """Everything under the separator is footnotes: a note starts at ``N text`` where N is the
    next number (or 1, or a star mark); other lines go on the note above. Lines before the first
    note continue the last footnote of the previous page (returned as a note with mark ``""``)."""
    notes: list[_Note] = []
    for line in lines[rule + 1:]:
        m = FOOTNOTE_PLAIN_RE.match(line)
        mark = m.group(1) if m else ""
        starts = bool(m) and (mark.startswith("*") or int(mark) == expected
                              or (int(mark) == 1 and not notes))
        if starts:
            notes.append(_Note(mark, [line[m.end():]]))
            if mark.isdigit():
                expected = int(mark) + 1
        elif notes:
            notes[-1].lines.append(line)
        elif line.strip():
            notes.append(_Note("", [line]))
    return lines[:rule], notes, expected


def _starts_note(line: str, expected: int, above: list[str], before: list[str],
                 raised_marks: bool = False) -> bool:
    m = FOOTNOTE_PLAIN_RE.match(line)
    if not m:
        return False
    mark = m.group(1)
    if mark.isdigit() and int(mark) not in (expected, 1):
        return False
    if mark == "1" and expected != 1:
        # numbering restarts only where its first mark is printed
        return _glued(mark, above, raised_marks)
    return _glued(mark, above, raised_marks) or _glued(mark, before, raised_marks)


def mark_references(lines: list[str], marks: list[str]) -> list[str]:
    """Make the first glued occurrence of each footnote mark (in order) superscript."""
    lines = list(lines)
    pos = (0, 0)
    for mark in marks:
        if mark.startswith("*") or any(mark.translate(DIGIT_TO_SUP) in ln for ln in lines):
            continue  # a star, or a mark the PDF's geometry already showed raised
        # Glued ("Rights;2"), printed apart ("Migrants 1  and"), after a year ("20172"), or one
        # space after a word's closing punctuation or a year and before a lower-case word or the
        # line end ("Regular Migration, 1 including", "2015–2030 11 and"; never "articles 1, 2 and":
        # a digit before the comma).
        # Never a digit inside a number or designation ("6.3 per cent", "GC(69)/RES/9 A.2"), nor
        # a quantity ("Goals, 15 per cent").
        rx = re.compile(rf"(?:(?:(?<={GLUE_BEFORE})|{APART}"
                        rf"|(?<=\b(?:19|20)\d\d)){NOT_SYMBOL_DIGIT}{mark}(?=[\s,.;:)”’]|$)"
                        rf"|(?:(?<=[A-Za-z)”’][,.;:] )|(?<=\b(?:19|20)\d\d )){mark}(?= [a-z]"
                        rf"| ?$)){NOT_QUANTITY}")
        for li in range(pos[0], len(lines)):
            start = pos[1] if li == pos[0] else 0
            m = next((m for m in rx.finditer(lines[li], start)
                      if not in_number(lines[li], m.start(), m.end())),
                     None) or _line_end_mark(lines, li, mark, start)
            if m:
                sup = mark.translate(DIGIT_TO_SUP)
                lines[li] = lines[li][: m.start()] + sup + lines[li][m.end():]
                pos = (li, m.start() + len(sup))
                break
    return lines


# Words after which a number is the text's own ("paragraph 21", "all 23", "resolution 70"), never a
# mark.
_NUMBER_CONTEXT = frozenset(
    "paragraph paragraphs para paras resolution resolutions decision decisions article articles "
    "objective objectives annex chapter chapters section sections rule rules goal goals target "
    "targets principle principles part parts page pages item items no vol volume of and or to from "
    "all the some than about per by in on at with under between nearly over least only first "
    "last".split())


def _line_end_mark(lines: list[str], li: int, mark: str, start: int) -> re.Match | None:
    """A mark printed one space after a word at the end of a line whose next line goes on in
    lower case ("Guiding Principles on Business and Human Rights 21" / "and the IOM ...")."""
    m = re.compile(rf"\b([A-Za-z]+) ({mark})$").search(lines[li], start) if mark.isdigit() else None
    following = lines[li + 1] if li + 1 < len(lines) else ""
    if m is None or m.group(1).lower() in _NUMBER_CONTEXT or not following[:1].islower():
        return None
    return re.compile(rf"{mark}$").search(lines[li], m.start(2))


# --- wrapped lines -> blocks ---------------------------------------------------------------


def _plain(line: str) -> str:
    line = re.sub(APART + r"\d{1,3}$", "", line.rstrip())
    return line.rstrip().rstrip(SUPERSCRIPTS + "*").rstrip()


def _is_heading_line(line: str, full: int) -> bool:
    t = _plain(line)
    return (
        len(t) < SHORT_LINE * full
        and t[:1].isupper()
        and not t.endswith((".", ";", ",", ":"))
        and len(t.split()) <= 14
    )


def _cut_short(prev: str, line: str, full: int) -> bool:
    """Was ``prev`` ended early because the first word of ``line`` did not fit after it (a long
    name, symbol or address: "... the / Secretary-General")? Such a line is no paragraph end."""
    first = line.split(maxsplit=1)[0] if line.strip() else ""
    return len(prev) + 1 + len(first) > CUT_SHORT * full


def starts_block(prev: str | None, line: str, full: int, prev_alone: bool = False,
                 following: list[str] | None = None, in_target: bool = False) -> bool:
    """Does ``line`` open a new block, given the line before it (``None`` at the start)?
    ``prev_alone``: the block so far may be a heading (one or two title-like lines);
    ``following``: the next few lines (a title printed at full width is known by what follows
    it); ``in_target``: the block so far is an SDG target, which ends without a full stop."""
    if prev is None:
        return True
    p = _plain(prev)
    if re.search(r"[A-Za-z0-9][-\u00ad]$", p):
        return False  # a compound (or a word at a soft hyphen) broken at the line end goes on
    ends = bool(_ENDS_SENTENCE_RE.search(p))
    short = len(p) < SHORT_LINE * full and (ends or not _cut_short(p, line, full))
    if ANNEX_RE.match(line) or opens_as_author(p, line) or MEETING_RE.match(line):
        return True
    if AUTHOR_RE.match(p):
        return True  # "The General Assembly," stands alone, however short the page's lines
    if line.startswith(APART) or line[:1] in SUPERSCRIPTS:
        return False  # a reference mark printed at the start of the next line
    if line[:1].islower() and re.search(r"(?:,|\b(?:and|or|of|the|to|for|in|on|with))$", p):
        return False  # a wrapped heading or clause goes on
    if TARGET_RE.match(line) or GOAL_HEADING_RE.match(line):
        return True  # an SDG target or goal never goes on a line of the text before (targets
        # end without a full stop, so the line before them does not end a sentence)
    numbered = _numbered(line)
    if numbered and prev_alone:
        return True  # a full-width heading line, then a numbered paragraph
    if numbered:
        return short or ends or p.endswith(",")
    if ROUND_TABLE_RE.match(line) or OBJECTIVE_HEADING_RE.match(line):
        return short or ends
    if short:
        return True
    if p.endswith(",") and PP_OPENER_RE.match(line):
        return True
    if prev_alone and opens_paragraph(line):
        return True  # a section's title, then its first paragraph ("Approves the gross budget ...")
    if ends and _SECTION_LABEL_RE.match(line) and _title_like(_plain(line)):
        return True  # "II. Programme budget", after a paragraph's end, however wide the lines
    if (ends or in_target) and _title_like(_plain(line)) and _heads_numbered(following or []):
        # "Budget estimates for the period from 1 July 2024 to 30 June 2025", then "16."
        return True
    return ends and _is_heading_line(line, full)


def _numbered(line: str) -> bool:
    return bool(PARA_RE.match(line) or SUBPARA_RE.match(line) or ACTION_RE.match(line)
                or TARGET_RE.match(line))


def _heads_numbered(following: list[str]) -> bool:
    """Do the lines after a title-like line go on (at most two more lines, no sentence end) to a
    numbered paragraph? Then that line opens a heading."""
    for line in following[:3]:
        if PARA_RE.match(line) or ACTION_RE.match(line):
            return True
        if re.search(r"[.;:!?,]$", _plain(line)):
            return False
    return False


def _heading_so_far(block: list[str], after_label: bool = False) -> bool:
    """A block of one or two lines with no sentence punctuation: it may be a heading.
    ``after_label``: the block follows a section label printed on a line of its own ("XII"): it
    is that section's title, which may run to five lines ("Revised estimates relating to the
    proposed programme budget for 2024 under section 29A, ..." in A/RES/78/253); so may a title
    printed after its label on one line ("II. Budget estimates ...")."""
    if len(block) <= 2 and (OBJECTIVE_HEADING_RE.match(block[0]) or ROUND_TABLE_RE.match(block[0])):
        return not _plain(block[-1]).endswith((".", ";", ":"))
    # a section's label printed before its title ("II. Budget estimates ...") is no sentence end,
    # and such a title may run to five lines as one after a label alone does
    labelled = bool(_SECTION_LABEL_RE.match(block[0]))
    lines = 5 if after_label or labelled else 2
    text = _SECTION_LABEL_RE.sub("", " ".join(block), count=1)
    return len(block) <= lines and _title_like(block[0]) and not re.search(r"[.;:]", text)


def _bare_label(block: list[str] | None) -> bool:
    """A block that is only a section label ("II", "XII", "B")."""
    head = section_head(block[0]) if block and len(block) == 1 else None
    return head is not None and not head[1]


def _title_like(text: str) -> bool:
    return (text[:1].isupper() and not text.endswith((".", ";", ",", ":"))
            and len(text.split()) <= 20)


def _full_measure(lines: list[str]) -> int:
    lengths = sorted(len(ln) for ln in lines if ln)
    if not lengths:
        return 1
    return max(1, lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))])


def _masthead_end(lines: list[str]) -> int:
    """Where page 1's masthead ends: at "The General Assembly,", paragraph 1, an annex, a
    report's "Summary" (its paragraphs are reflowed as the body's) or a decision's opening, "At
    its 50th plenary meeting, ..."."""
    for i, ln in enumerate(lines[:30]):
        if (AUTHOR_RE.match(ln) or PARA_RE.match(ln) or ANNEX_RE.match(ln)
                or SUMMARY_RE.match(ln.strip()) or DECISION_OPENER_RE.match(ln)):
            return i
    return 0


def _masthead_blocks(lines: list[str]) -> list[list[str]]:
    """Masthead lines are blocks of their own; a wrapped title line takes its continuation."""
    blocks: list[list[str]] = []
    in_title = False
    for ln in lines:
        if RES_TITLE_RE.match(ln):
            blocks.append([ln])
            in_title = True
        elif blocks and (in_title or (ln[:1].islower() and not _is_masthead_field(blocks[-1][-1]))):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def _is_masthead_field(line: str) -> bool:
    return bool(MASTHEAD_LINE_RE.match(line) or DATE_RE.fullmatch(line)
                or is_symbol_line(line))


_LONE_NUMBER_RE = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivx]{1,5})\))$")


APART = "\u2063"  # stands before a reference mark printed apart: "Migrants 1  and"


def _normalise_line(line: str, raised_marks: bool = False) -> str:
    line = line.rstrip()
    if not raised_marks:  # a text layer prints marks as plain digits, some set apart
        line = re.sub(r"(?<=[^\s\d]) (\d{1,3}) {2,}(?=\S)", APART + r"\1 ", line)
        # "Future. 16" at the line end
        line = re.sub(r"(?<=[,.;:!?”’)]) (\d{1,3})$", APART + r"\1", line)
        # "22  and take" under "Persons"
        line = re.sub(r"^\s*(\d{1,3}) {2,}(?=[a-z])", APART + r"\1 ", line)
    line = normalize_ws(line.translate(LIGATURES))
    soft = line.endswith(SOFT_HYPHEN)  # a soft hyphen where the line broke: the word goes on
    line = line.replace(SOFT_HYPHEN, "") + (SOFT_HYPHEN if soft else "")
    line = re.sub(r"^(\d{1,3})\.(?=[A-Z“\"‘(])", r"\1. ", line)  # "1.Welcomes" -> "1. Welcomes"
    line = re.sub(r"^(\(\s*(?:[a-z]{1,2}|[ivx]{1,5})\s*\))(?=[A-Za-z“\"])", r"\1 ", line)
    return line


def _page_lines(text: str, raised_marks: bool = False) -> list[str]:
    """A page's normalised lines; a paragraph number or letter printed on a line of its own (a
    hanging number the text layer put apart) is joined to the line after it."""
    lines = [_normalise_line(ln, raised_marks) for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:
        if out and _LONE_NUMBER_RE.match(out[-1]) and ln:
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def reflow_pages(page_texts: list[str], symbol_hint: str = "",
                 raised_marks: bool = False) -> list[str]:
    """PDF page texts (one line per printed line) -> page texts in block layout.

    ``raised_marks``: the pages were read with their geometry, every footnote mark written as a
    superscript; a plain digit is then always the text's own, never a mark."""
    raw = [_page_lines(t, raised_marks) for t in page_texts]
    symbol = symbol_hint or (find_symbol(raw[0]) if raw else "")
    title = next((m.group(1) for ln in (raw[0][:30] if raw else [])
                  if (m := RES_TITLE_RE.match(ln))), "")
    pages = [[ln for ln in p if ln] for p in strip_page_furniture(raw, symbol, title)]
    if not raised_marks:
        pages = [_attach_lone_marks(p) for p in pages]
    vocab = Vocabulary(["\n".join(p) for p in pages])
    bodies, notes = _split_pages(pages, raised_marks)

    head_end = _masthead_end(bodies[0]) if bodies else 0
    full = _full_measure([ln for i, p in enumerate(bodies)
                          for ln in (p[head_end:] if i == 0 else p)])
    out: list[list[list[str]]] = [[] for _ in bodies]
    if head_end:
        out[0].extend(_masthead_blocks(bodies[0][:head_end]))
    current: list[str] | None = None
    before: list[str] | None = None  # the block before ``current``
    prev: str | None = None
    flat = [(page_no, line) for page_no, body in enumerate(bodies)
            for line in body[head_end if page_no == 0 else 0:]]
    for k, (page_no, line) in enumerate(flat):
        following = [ln for _, ln in flat[k + 1:k + 4]]
        if (current is None
            or starts_block(prev, line, full, _heading_so_far(current, _bare_label(before)),
                            following, bool(TARGET_RE.match(current[0])))):
            before, current = current, [line]
            out[page_no].append(current)
        else:
            current.append(line)
        prev = line
    for page_no in range(len(bodies)):
        out[page_no].extend([f"{_sup(n.mark)} {join_lines(n.lines, vocab)}"]
                            for n in notes[page_no])
    log.debug("reflowed %d pages (full measure %d chars)", len(pages), full)
    return ["\n\n".join(join_lines(b, vocab) for b in page) for page in out]


def _split_pages(pages: list[list[str]], raised_marks: bool = False) -> tuple[list[list[str]],
                                                                              list[list[_Note]]]:
    """Each page's body lines (reference marks made superscript) and footnotes; a footnote
    continued from the page before is joined to it."""
    bodies: list[list[str]] = []
    notes: list[list[_Note]] = []
    expected = 1
    for lines in pages:
        before = bodies[-1][-8:] if bodies else []
        body, page_notes, expected = split_footnotes(lines, expected, before, raised_marks)
        if page_notes and not page_notes[0].mark:
            carried = page_notes.pop(0)
            earlier = next((n for n in reversed(notes) if n), None)
            if earlier:
                earlier[-1].lines.extend(carried.lines)
            else:
                body = body + carried.lines
        if not raised_marks:
            body = mark_references(body, [n.mark for n in page_notes])
        bodies.append([ln.replace(APART, " ") for ln in body])
        for note in page_notes:  # a mark set apart inside a footnote is the footnote's own text
            note.lines = [ln.replace(APART, " ") for ln in note.lines]
        notes.append(page_notes)
    return bodies, notes


def _attach_lone_marks(lines: list[str]) -> list[str]:
    """A reference mark the text layer printed on a line of its own joins the line above."""
    out: list[str] = []
    for ln in lines:
        if out and re.fullmatch(r"\d{1,3}", ln) and not out[-1].endswith("-"):
            out[-1] = out[-1] + APART + ln
        else:
            out.append(ln)
    return out


def _sup(mark: str) -> str:
    return mark if mark.startswith("*") else mark.translate(DIGIT_TO_SUP)
