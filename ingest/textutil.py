"""Shared patterns and small pure text helpers of the ingest stage (no file access).

Used by ``structure`` (blocks and records) and ``pdf_layout`` (PDF text-layer lines).
"""

from __future__ import annotations

import re
from collections import Counter

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
DIGIT_TO_SUP = str.maketrans("0123456789", SUPERSCRIPTS)

# --- line-level patterns -------------------------------------------------------------------
PARA_RE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
SUBPARA_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s+(?=\S)")
FOOTNOTE_SUP_RE = re.compile(rf"^([{SUPERSCRIPTS}]+|\*{{1,3}})\s*(?=\S)")
FOOTNOTE_PLAIN_RE = re.compile(r"^(\d{1,3}|\*{1,3})\s+(?=\S)")  # "3 Resolution 76/266" (PDF feet)
ANNEX_RE = re.compile(r"^Annex(?:\s+([IVXL]+|\d+))?\s*$", re.IGNORECASE)
JOB_NUMBER_RE = re.compile(r"^\s*(?:GE\.)?\d{2}-\d{4,6}\s*(?:\(\s*[A-Z]\s*\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\d{6,9}\*\s*$")  # "*1821511*" under the job number
RECYCLE_RE = re.compile(r"^\s*Please recycle\b.*$", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|Page \d+(?: of \d+)?)\s*$")
SYMBOL_RE = re.compile(
    r"\b((?:A|E|S|A/RES|E/RES|S/RES|A/C\.\d|A/HRC|A/AC\.\d+|E/CN\.\d+|CRC/C|CMW/C|HRC)"
    r"(?:/[A-Za-z0-9.()\-]+)+)"
)
DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(\d{4})\b"
)
ADOPTED_RE = re.compile(r"\badopted\b.*?\bon\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
AUTHOR_RE = re.compile(
    r"^The\s+(?:[A-Z][\w ,'’-]{3,120},|General Assembly|Security Council|Economic and Social Council|"
    r"Human Rights Council)\s*$"
)
MEETING_RE = re.compile(r"^\d+(?:st|nd|rd|th) plenary meeting\b", re.IGNORECASE)  # closes a resolution
RES_TITLE_RE = re.compile(r"^\d{2,3}/\d{1,4}\.\s+(.+)$")  # "73/195. Global Compact ..."
ROUND_TABLE_RE = re.compile(r"^Round[- ]table\s+\d+\b", re.IGNORECASE)
OBJECTIVE_HEADING_RE = re.compile(r"^Objective\s+(\d{1,2})\s*[:.]")
OBJECTIVES_IN_PARENS_RE = re.compile(r"\(objectives?\s+([\d,\sand]+)\)", re.IGNORECASE)
OBJECTIVE_MENTION_RE = re.compile(r"\b[Oo]bjective\s+(\d{1,2})\s*:")
MASTHEAD_LINE_RE = re.compile(
    r"^(?:United Nations|General Assembly|Economic and Social Council|Security Council|"
    r"Distr\.?:.*|Original:.*|Limited|General|Item .*|Agenda item.*|Agenda items.*|"
    r"[A-Z][a-z]+(?:-[a-z]+)? session|.*\bsession\b.*|New York,.*|Geneva,.*|"
    r"Resolution adopted by .*|\[.*\]|Draft resolution.*|.*submitted by .*)$"
)
# Characters after which a PDF text layer glues a footnote number: "Migration,1", "resolution;2".
GLUE_BEFORE = r"[A-Za-z\)\]”’,.;:]"
# A digit after a document symbol's series or suffix ("A/80/L.2/Rev.1", "A/78/L.5/Add.2") is part
# of the symbol, never a footnote mark glued to it.
NOT_SYMBOL_DIGIT = "".join(rf"(?<!/{s}\.)" for s in ("L", "Rev", "Add", "Corr", "Amend", "CRP", "WP", "INF", "PV", "SR"))
MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(),
        start=1,
    )
}


def normalize_ws(text: str) -> str:
    return " ".join(text.split())


def clean_markdown(line: str) -> str:
    """Drop light markdown the user's text files carry: emphasis, links, heading marks."""
    # [73/195](#) -> 73/195; a link whose target holds brackets, parentheses or spaces is left
    # exactly as typed (rewriting it would change the paragraph's words).
    line = re.sub(r"\[([^\[\]]*)\]\([^()\s]*\)", r"\1", line)
    line = re.sub(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", line)
    line = re.sub(r"^#{1,6}\s+", "", line)
    return line


def strip_footnote_marks(text: str, known_marks: set[str] | None = None) -> tuple[str, tuple[str, ...]]:
    """Remove footnote reference marks glued to words; return (text, marks in order).

    Superscript digits are always marks. Plain digits glued after a letter or closing punctuation
    (as PDF text layers print them) count only when ``known_marks`` has a footnote of that number.
    """
    marks: list[str] = []

    def sup(m: re.Match) -> str:
        marks.append(m.group(0).translate(SUP_TO_DIGIT))
        return ""

    text = re.sub(rf"[{SUPERSCRIPTS}]+", sup, text)
    if known_marks:

        def plain(m: re.Match) -> str:
            if m.group(2) in known_marks:
                marks.append(m.group(2))
                return m.group(1)
            return m.group(0)

        text = re.sub(rf"({GLUE_BEFORE}){NOT_SYMBOL_DIGIT}(\d{{1,3}})(?=[\s,.;:)]|$)", plain, text)
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

# Compounds UN editors hyphenate: kept when a line break falls at their hyphen and the document
# gives no other evidence (``gender-`` / ``responsive``, ``non-`` / ``discrimination``).
_KEEP_PREFIXES = {"non", "self", "cross", "anti", "well", "ex", "all"}
_KEEP_SUFFIXES = {
    "based", "related", "sensitive", "responsive", "centred", "centered", "led", "driven",
    "making", "being", "term", "level", "specific", "wide", "oriented", "owned", "friendly",
    "free", "bound", "scale", "building", "sharing", "taking", "up", "generation", "affected",
}
_SUSPENDED = {"and", "or", "to", "nor"}  # "sudden- and slow-onset"
_COMPOUND_RE = re.compile(r"(?<![\w-])([A-Za-z]+(?:-[A-Za-z]+)+)(?![\w-])")
_WORD_RE = re.compile(r"[A-Za-z]+")


class Vocabulary:
    """Which hyphenated compounds and plain words a document uses inside its lines (not across
    line breaks): the evidence for rejoining a word hyphenated at a line end."""

    def __init__(self, texts: list[str] | None = None):
        self.compounds: Counter[str] = Counter()
        self.words: Counter[str] = Counter()
        for text in texts or ():
            self.add(text)

    def add(self, text: str) -> None:
        for line in text.splitlines():
            body = line.rstrip()
            if body.endswith("-"):  # the broken word itself is no evidence
                body = body.rsplit(None, 1)[0] if " " in body else ""
            self.compounds.update(c.lower() for c in _COMPOUND_RE.findall(body))
            self.words.update(w.lower() for w in re.findall(r"(?<![\w-])[A-Za-z]+(?![\w-])", body))


def join_hyphenated(left: str, right: str, vocab: Vocabulary | None) -> str:
    """Join ``left`` (ending with a hyphen) and ``right`` across a line break."""
    head = left[:-1]
    if right[:1].isdigit() or right[:1].isupper():
        return left + right  # "COVID-" "19", "Secretary-" "General", "non-" "State"
    m_tail = _WORD_RE.match(right)
    m_head = re.search(r"([A-Za-z]+(?:-[A-Za-z]+)*)$", head)
    if not m_tail or not m_head:
        return head + right
    tail, token = m_tail.group(0), m_head.group(1)
    if tail.lower() in _SUSPENDED and right[len(tail):len(tail) + 1] in (" ", ""):
        return left + " " + right  # suspended hyphen: "sudden- and slow-onset"
    compound = f"{token}-{tail}".lower()
    joined = f"{token}{tail}".lower()
    if vocab is not None:
        n_compound, n_joined = vocab.compounds[compound], vocab.words[joined]
        if n_compound > n_joined:
            return left + right
        if n_joined:
            return head + right
    if "-" in token or token.lower() in _KEEP_PREFIXES or tail.lower() in _KEEP_SUFFIXES:
        return left + right  # "whole-of-" "government", "child-" "sensitive"
    return head + right  # "migra-" "tion"


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


def join_lines(lines: list[str], vocab: Vocabulary | None = None) -> str:
    """Join the lines of one block with spaces, rejoining words hyphenated at a line end."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith((" -", "--")) and out[-2:-1].isalpha():
            out = join_hyphenated(out, line, vocab)
        elif re.search(r"[A-Za-z] -$", out) and _compound_goes_on(out[:-2], line, vocab):
            # Justified text set a compound's hyphen apart at the line end ("a whole -" /
            # "of-government"): the compound is "whole-of-government".
            out = out[:-2] + "-" + line
        else:
            out = out + " " + line
    return normalize_ws(out)
