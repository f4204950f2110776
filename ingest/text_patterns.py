"""Shared patterns and small pure text helpers of the ingest stage (no file access).

Used by ``structure`` (blocks and records) and ``pdf_layout`` (PDF text-layer lines).
"""

from __future__ import annotations

import re
from collections import Counter

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
# a PDF's ligatures as letters, and its non-breaking hyphen as a hyphen (the records' text)
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st",
                          "ﬆ": "st", "\u2011": "-"})
DIGIT_TO_SUP = str.maketrans("0123456789", SUPERSCRIPTS)

# --- line-level patterns -------------------------------------------------------------------
# "1. " .. "9999. " (a 4-digit number only in sequence)
PARA_RE = re.compile(r"^(\d{1,3}|[1-9]\d{3})\.\s+(?=\S)")
SUBPARA_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s+(?=\S)")
# a paragraph inserted in negotiation after para. 3: "3 bis.", "3bis", "3 ter." (working drafts)
INSERTED_WORDS = r"bis|ter|quater|quinquies"
INSERTED_PARA_RE = re.compile(rf"^(?:OP\s?)?(\d{{1,3}})\s?({INSERTED_WORDS})\.?\s+(?=\S)",
                              re.IGNORECASE)
FOOTNOTE_SUP_RE = re.compile(rf"^([{SUPERSCRIPTS}]+|\*{{1,3}})\s*(?=\S)")
FOOTNOTE_PLAIN_RE = re.compile(r"^(\d{1,3}|\*{1,3})\s+(?=\S)")  # "3 Resolution 76/266" (PDF feet)
ANNEX_RE = re.compile(r"^Annex(?:\s+([IVXL]+|\d+))?\s*$", re.IGNORECASE)
JOB_NUMBER_RE = re.compile(
    r"^\s*(?:GE\.)?\d{2}-\d{4,6}\s*(?:\(\s*[A-Z]\s*\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\d{6,9}\*\s*$")  # "*1821511*" under the job number
RECYCLE_RE = re.compile(r"^\s*Please recycle\b.*$", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}"
                            r"|Page \d+(?: of \d+)?)\s*$")
SYMBOL_RE = re.compile(
    r"\b((?:A|E|S|A/RES|E/RES|S/RES|A/C\.\d|A/HRC|A/AC\.\d+|E/CN\.\d+|CRC/C|CMW/C|HRC)"
    r"(?:/[A-Za-z0-9.()\-]+)+)"
)
DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(\d{4})\b"
)
# "Resolution adopted by the General Assembly on 7 June 2022"; "Adopted by the Security Council at
# its 7531st meeting, on 9 October 2015" (a Council's resolution has no other date of adoption)
ADOPTED_RE = re.compile(r"\b[Aa]dopted\b.*?\bon\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
_COUNCILS = r"General Assembly|Security Council|Economic and Social Council|Human Rights Council"
AUTHOR_RE = re.compile(rf"^The\s+(?:[A-Z][\w ,'’-]{{3,120}},|{_COUNCILS})\s*$")
_NAMED_AUTHOR_RE = re.compile(rf"^The\s+(?:{_COUNCILS}),?\s*$")


def opens_as_author(prev: str, line: str) -> bool:
    """Does ``line`` stand alone as the author's line ("The General Assembly,", "The Conference
    of the Parties,") after the line ``prev``? A capitalised name ending with a comma after a line
    that ends with one is a list's next title ("... entitled Global Warming of 1.5°C," / "The
    Ocean and Cryosphere in a Changing Climate and Climate Change and Land,"), never an author:
    no author's line follows a comma."""
    if not AUTHOR_RE.match(line):
        return False
    return bool(_NAMED_AUTHOR_RE.match(line)) or not prev.rstrip(SUPERSCRIPTS + "* ").endswith(",")
# closes a resolution: the Assembly's and the Economic and Social Council's "60th plenary
# meeting", the Human Rights Council's "42nd meeting" (a line of its own, its date may follow)
MEETING_RE = re.compile(r"^\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting\b"
                        r"|^\d+(?:st|nd|rd|th) meeting(?:\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?\s*$",
                        re.IGNORECASE)
# ... and the Human Rights Council's note of the vote after it: "[Adopted without a vote.]",
# "[Adopted by a recorded vote of 29 to 14, with 4 abstentions. The voting was as follows: ...]"
# (the note may run over several blocks, to its closing bracket)
ADOPTION_NOTE_RE = re.compile(r"^\[\s*Adopted\b", re.IGNORECASE)
# "73/195. Global Compact ...", the Economic and Social Council's "2023/5. Promoting care ..."
RES_TITLE_RE = re.compile(r"^(?:\d{2,3}|(?:19|20)\d\d)/\d{1,4}\.\s+(.+)$")
# a decision's one paragraph: "At its 50th plenary meeting, on 19 December 2023, the General
# Assembly, on the recommendation of the Second Committee, decided to ..." (it opens the body)
DECISION_OPENER_RE = re.compile(
    r"^At its \d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting\b", re.IGNORECASE)
# a report's "Summary" heading, its summary's paragraphs after it, before paragraph 1
SUMMARY_RE = re.compile(r"^Summary$", re.IGNORECASE)
ROUND_TABLE_RE = re.compile(r"^Round[- ]table\s+\d+\b", re.IGNORECASE)
# a section's heading by its label and a capitalised title: "II. Follow-up and review",
# "B. Lighthouse keepers" (a hand-wrapped paragraph's line, or a pasted one, never opens so)
LABELLED_HEADING_RE = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.\s+[A-Z]")
OBJECTIVE_HEADING_RE = re.compile(r"^Objective\s+(\d{1,2})\s*[:.]")
# "Goal 10. Reduce inequality within and among countries" (A/RES/70/1): a heading over its targets
GOAL_HEADING_RE = re.compile(r"^Goal\s+(\d{1,2})\.\s+(?=[A-Z])")
OBJECTIVES_IN_PARENS_RE = re.compile(r"\(objectives?\s+([\d,\sand]+)\)", re.IGNORECASE)
OBJECTIVE_MENTION_RE = re.compile(r"\b[Oo]bjective\s+(\d{1,2})\s*:")
MASTHEAD_LINE_RE = re.compile(
    r"^(?:United Nations|General Assembly|Economic and Social Council|Security Council|"
    r"Distr\.?:.*|Original:.*|Limited|General|Item .*|Agenda item.*|Agenda items.*|"
    r"[A-Z][a-z]+(?:-[a-z]+)? session|.*\bsession\b.*|New York,.*|Geneva,.*|"
    r"Resolution adopted by .*|Adopted by the .* meeting\b.*|\[.*\]|Draft resolution.*"
    r"|.*submitted by .*)$"
)
# Characters after which a PDF text layer glues a footnote number: "Migration,1", "resolution;2".
GLUE_BEFORE = r"[A-Za-z\)\]”’,.;:]"
# A digit after a document symbol's series or suffix ("A/80/L.2/Rev.1", "A/78/L.5/Add.2") is part
# of the symbol, never a footnote mark glued to it.
NOT_SYMBOL_DIGIT = "".join(rf"(?<!/{s}\.)" for s in ("L", "Rev", "Add", "Corr", "Amend", "CRP",
                                                     "WP", "INF", "PV", "SR"))
# A number printed one space after a word is a quantity, never a mark, before a unit ("15 per
# cent").
NOT_QUANTITY = (r"(?!\s(?:per\s?cent|percent|%|per\b|million|billion|trillion|thousand|hundred"
                r"|years?\b|months?\b|weeks?\b|days?\b|hours?\b|times\b))")
_YEAR_END_RE = re.compile(r"(?<!\d)(?:19|20)\d\d$")
_DESIGNATION_END_RE = re.compile(r"(?<![A-Za-z])[A-Z]{1,5}\.$")
MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November "
        "December".split(),
        start=1,
    )
}


def normalize_ws(text: str) -> str:
    return " ".join(text.split())


_SYMBOL_YEAR_RE = re.compile(r"\s*\((?:19|20)\d\d\)")


def masthead_symbol(line: str) -> str:
    """The document symbol ``line`` prints alone or nearly ("A/RES/76/266", "United Nations
    A/RES/76/266"), else "". A Security Council resolution's symbol holds its year: "S/RES/2240
    (2015)" (the words beside it counted without the year)."""
    s = normalize_ws(line)
    m = SYMBOL_RE.search(s)
    if not m:
        return ""
    symbol = symbol_of(m)
    others = len(s.split()) - len(symbol.split())
    return symbol if others <= 2 else ""


def symbol_of(m: re.Match) -> str:
    """The symbol a ``SYMBOL_RE`` match found, with a Security Council resolution's year."""
    symbol = m.group(1)
    year = _SYMBOL_YEAR_RE.match(m.string, m.end())
    if year and symbol.upper().startswith("S/"):
        symbol = f"{symbol} {year.group(0).strip()}"
    return symbol


def is_symbol_line(line: str) -> bool:
    """A line printing a document symbol and nothing else ("S/RES/2240 (2015)" included)."""
    s = normalize_ws(line)
    return bool(s) and masthead_symbol(s) == s


# The line naming a draft's sponsors: "Australia:* draft resolution", "State of Palestine: draft
# decision", "Mexico: revised draft resolution", "Draft resolution submitted by the President of
# the General Assembly".
SPONSOR_LINE_RE = re.compile(r"^(?:.{2,}?:\s*\*?\s*(?:revised\s+)?draft (?:resolution|decision)\b.*"
                             r"|(?:revised\s+)?draft (?:resolution|decision)\b.*)$", re.IGNORECASE)


def masthead_furniture(line: str) -> bool:
    """A line of a masthead that is no title: "General Assembly", "Distr.: Limited", "Agenda
    item 15", a date, a symbol, the sponsors' line."""
    return bool(MASTHEAD_LINE_RE.match(line) or DATE_RE.fullmatch(line) or is_symbol_line(line)
                or SPONSOR_LINE_RE.match(line))


# A list item's bullet before its own label ("- (a) Shall be convened", "* 1. Decides"): the
# sub-paragraphs became their chapeau's text, or footnotes "*" (an audit of users' files).
_BULLETED_ITEM = re.compile(r"^(\s*)[-*+]\s+(?=(?:\([a-z]{1,4}\)|[a-z]{1,4}\)|\d{1,3}\.)\s)")
_QUOTED = re.compile(r"^\s*(?:>\s?)+")  # a block quote's marks: "> 1. We, the Heads of State"
# a character escaped as Markdown writers escape it ("1\. Decides", "\(a) Shall"; pandoc's
# conversion of a Word file): the paragraphs were read without their numbers, backslashes kept
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
_NOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:\s*")  # a footnote's text: "[^1]: Resolution 70/1."
# its mark in the text: "Development,[^1]", "Development,<sup>1</sup>"
_NOTE_REF = re.compile(r"\[\^(\d{1,3})\]|<sup>\s*(\d{1,3})\s*</sup>")
_RULE_LINE = re.compile(r"^\s*(?:_{3,}|-{3,}|\*{3,}|={3,})\s*$")  # a rule, no words


def clean_markdown(line: str) -> str:
    """Drop light markdown the user's text files carry: emphasis, links, heading marks, block
    quotes, a bullet before an item's label, escapes, rules; footnotes as Markdown writes them
    are read as a text file's raised marks ("[^1]" -> "¹")."""
    if _RULE_LINE.match(line):
        return ""
    # [73/195](#) -> 73/195; a link whose target holds brackets, parentheses or spaces is left
    # exactly as typed (rewriting it would change the paragraph's words).
    line = _QUOTED.sub("", line)
    line = _BULLETED_ITEM.sub(r"\1", line)
    line = _NOTE_DEF.sub(lambda m: m.group(1).translate(DIGIT_TO_SUP) + " ", line)
    line = _NOTE_REF.sub(lambda m: (m.group(1) or m.group(2)).translate(DIGIT_TO_SUP), line)
    line = re.sub(r"\[([^\[\]]*)\]\([^()\s]*\)", r"\1", line)
    line = re.sub(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w_\\])_(?=\S)(.+?)(?<=[^\s\\])_(?![\w_])", r"\1", line)
    line = re.sub(r"^#{1,6}\s+", "", line)
    return _ESCAPED.sub(r"\1", line)


# A footnote typed in a text file under a rule: "1 Resolution 70/1." (its mark glued in the text
# above: "Development,1 and"). Read as a paragraph, it became an unnumbered paragraph of the annex.
_TYPED_NOTE = re.compile(r"^(\s*)(\d{1,3})\s+(?=\S)")


def _typed_mark_above(mark: str, text: str) -> bool:
    """Is ``mark`` glued to a word in ``text`` ("Development,1", "Rights.2"), not inside a number
    or a symbol ("A/RES/70/1", "6.1")?"""
    rx = re.compile(rf"{GLUE_BEFORE}{NOT_SYMBOL_DIGIT}{mark}(?=[\s,.;:)]|$)")
    return any(not in_number(text, m.end() - len(mark), m.end()) for m in rx.finditer(text))


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def raise_typed_footnotes(lines: list[str], expected: int = 1) -> tuple[list[str], int]:
    """A text file's footnotes as a person types them, under a rule ("_____" or "---"), each
    opening with its number ("1 Resolution 70/1."): their numbers are raised ("¹ Resolution
    70/1."), as a footnote's mark is printed, so that the notes are read as footnotes and the
    marks glued in the text above as marks. Notes start only under a rule, with the next number
    (or 1) whose mark stands glued to a word above; they run on, note after note, to a blank line
    that the next number does not follow. Other lines are returned as they are, with the number
    the next note would have (``expected`` for the first: the pages of one file go on)."""
    out = list(lines)
    start = i = 0
    while i < len(out):
        j = _next_filled(out, i + 1)
        m = _TYPED_NOTE.match(out[j]) if _RULE_LINE.match(out[i]) and j < len(out) else None
        if not (m and int(m.group(2)) in (expected, 1)
                and _typed_mark_above(m.group(2), "\n".join(out[start:i]))):
            i += 1
            continue
        expected = int(m.group(2))
        k = j
        while k < len(out):
            m = _TYPED_NOTE.match(out[k])
            if m and int(m.group(2)) == expected:
                out[k] = f"{m.group(1)}{m.group(2).translate(DIGIT_TO_SUP)} {out[k][m.end():]}"
                expected += 1
            elif not out[k].strip():
                n = _next_filled(out, k)
                m = _TYPED_NOTE.match(out[n]) if n < len(out) else None
                if not (m and int(m.group(2)) == expected):
                    break
            k += 1
        start = i = k
    return out, expected


def line_groups(lines: list[str], starts_new) -> list[list[str]]:
    """Lines -> groups of stripped, non-blank lines: a blank line ends a group, and a line for
    which ``starts_new(group_so_far, line)`` is true opens a new one. Groups may be empty."""
    groups: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if not line:
            groups.append([])
            continue
        if groups[-1] and starts_new(groups[-1], line):
            groups.append([])
        groups[-1].append(line)
    return groups


def in_number(text: str, start: int, end: int) -> bool:
    """Is the digit run ``text[start:end]``, glued to the ``.`` or ``,`` before it, part of a
    number or a designation rather than a footnote mark? ``6.3 per cent``, ``0.7``, ``1,500``,
    ``GC(69)/RES/9 A.2``, ``1/CMA.4``, ``E.02.II.A.7`` are; ``Rights.2`` is not, nor a mark after
    a year that ends a sentence (``October 2013.19 It builds``, ``2015,3 and``)."""
    if start < 2 or text[start - 1] not in ".,":
        return False
    before = text[:start - 1]
    if before[-1:].isdigit():
        if not _YEAR_END_RE.search(before):
            return True  # a decimal or a thousands group
        if text[start - 1] == ",":
            return end - start == 3  # "2015,300": a number; "2015,3 and": a mark after the year
        after = text[end:end + 2]
        return not (after == "" or after[:1] in ")”’" or after[:1].isspace()
                    and not after[1:2].islower())
    return bool(_DESIGNATION_END_RE.search(text[:start]))


def strip_footnote_marks(text: str, known_marks: set[str] | None = None,
                         plain: bool = True) -> tuple[str, tuple[str, ...]]:
    """Remove footnote reference marks from ``text``; return (text, marks in order).

    With ``known_marks``, only the marks of footnotes that exist are removed: superscript digits,
    and plain digits glued after a letter or closing punctuation (as PDF text layers print them),
    never a digit inside a number (``in_number``) nor a quantity (``15 per cent``). A superscript
    without its footnote stays in the text as printed (``km²``, or a mark whose footnote is
    missing). Without ``known_marks`` every superscript is taken for a mark (a heading's, a
    title's). ``plain=False``: only superscripts are marks (the text was read with its geometry).
    """
    marks: list[str] = []

    def sup(m: re.Match) -> str:
        mark = m.group(0).translate(SUP_TO_DIGIT)
        if known_marks is not None and mark not in known_marks:
            return m.group(0)  # a raised figure without a footnote stays in the text
        marks.append(mark)
        return ""

    text = re.sub(rf"[{SUPERSCRIPTS}]+", sup, text)
    if known_marks and plain:

        def plain(m: re.Match) -> str:
            if m.group(2) in known_marks and not in_number(m.string, m.start(2), m.end(2)):
                marks.append(m.group(2))
                return m.group(1)
            return m.group(0)

        text = re.sub(rf"({GLUE_BEFORE}){NOT_SYMBOL_DIGIT}(\d{{1,3}})(?=[\s,.;:)]|$){NOT_QUANTITY}",
                      plain, text)
    return normalize_ws(text), tuple(marks)


def parse_date(text: str) -> str:
    m = DATE_RE.search(text)
    if not m:
        return ""
    return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def parse_objectives(text: str) -> tuple[int, ...]:
    m = OBJECTIVES_IN_PARENS_RE.search(text)
    if m:
        return tuple(int(n) for n in re.findall(r"\d+", m.group(1)))
    return tuple(dict.fromkeys(int(n) for n in OBJECTIVE_MENTION_RE.findall(text)))


# --- words hyphenated across a line break ---------------------------------------------------

# UN documents are not hyphenated by the typesetter: a hyphen at a line end is the word's own
# ("medium-" / "sized", "twenty-" / "first", "educate-" / "the-educator"), and the lines join
# without a space. Only a soft hyphen (U+00AD) where the line broke is a break inside a word.
SOFT_HYPHEN = "\u00ad"
_SUSPENDED_RE = re.compile(r"(?:and|or|to|nor)(?:\s|$)")  # "sudden-" / "and slow-onset"
_COMPOUND_RE = re.compile(r"(?<![\w-])([A-Za-z]+(?:-[A-Za-z]+)+)(?![\w-])")
_APART_HYPHEN_RE = re.compile(r"[A-Za-z] -$")
_TAIL = 64  # characters of the text so far that decide how the next line joins it


class Vocabulary:
    """Which hyphenated compounds a document uses inside its lines (not across line breaks): the
    evidence that a hyphen set apart at a line end ("a whole -" / "of") belongs to a compound."""

    def __init__(self, texts: list[str] | None = None):
        self.compounds: Counter[str] = Counter()
        for text in texts or ():
            self.add(text)

    def add(self, text: str) -> None:
        for line in text.splitlines():
            body = line.rstrip()
            if body.endswith("-"):  # the word at the line end is no evidence
                body = body.rsplit(None, 1)[0] if " " in body else ""
            if "-" in body:
                self.compounds.update(c.lower() for c in _COMPOUND_RE.findall(body))


def hyphen_joint(right: str) -> str:
    """What stands between a line ending with a word's hyphen and the next line ``right``:
    nothing (the compound goes on: ``medium-sized``), or a space after a suspended hyphen
    (``sudden- and slow-onset``)."""
    return " " if _SUSPENDED_RE.match(right) else ""


def _compound_goes_on(left: str, right: str, vocab: Vocabulary | None) -> bool:
    """After a hyphen set apart at a line end, does ``right`` go on a compound? Yes when its first
    word is itself hyphenated and lower case ("of-government") or the document uses the joined
    compound elsewhere; a plain word ("an en -" / "dash") leaves the hyphen a dash."""
    m_head, m_tail = re.search(r"([A-Za-z]+)$", left), re.match(r"([a-z][\w-]*)", right)
    if not (m_head and m_tail):
        return False
    if "-" in m_tail.group(1):
        return True
    return vocab is not None and f"{m_head.group(1)}-{m_tail.group(1)}".lower() in vocab.compounds


def _drop_end(parts: list[str], n: int) -> None:
    """Remove the last ``n`` characters of ``"".join(parts)``, in place."""
    while n and parts:
        cut = min(n, len(parts[-1]))
        parts[-1] = parts[-1][:len(parts[-1]) - cut]
        n -= cut
        if not parts[-1]:
            parts.pop()


def join_lines(lines: list[str], vocab: Vocabulary | None = None) -> str:
    """Join the lines of one block with spaces; a line ending with a word's hyphen or a range's
    closed en dash joins the next without one (the hyphen kept), a soft hyphen where the line
    broke joins it without either.
    Linear in the block's length: each line looks only at the end of the text before it."""
    parts: list[str] = []
    tail = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not parts:
            joint = ""
        elif tail.endswith(SOFT_HYPHEN):
            _drop_end(parts, 1)
            joint = ""
        elif tail.endswith("-") and not tail.endswith((" -", "--")) and tail[-2:-1].isalnum():
            joint = hyphen_joint(line)
        elif re.search(r"[\w)]–$", tail) and line[:1].isalnum():
            joint = ""  # a range broken after its closed en dash: "2021–" / "2030" is "2021–2030"
        elif _APART_HYPHEN_RE.search(tail) and _compound_goes_on(tail[:-2], line, vocab):
            # Justified text set a compound's hyphen apart at the line end ("a whole -" /
            # "of-government"): the compound is "whole-of-government".
            _drop_end(parts, 2)
            parts.append("-")
            joint = ""
        else:
            joint = " "
        parts.append(joint)
        parts.append(line)
        tail = (tail + joint + line)[-_TAIL:]
    return normalize_ws("".join(parts))
