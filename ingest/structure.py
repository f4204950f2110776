"""Pure parsing of UN document structure: page texts in, paragraph records out.

No file access here. Readers (``ingest.readers``) turn a file into a list of page texts; this
module finds the masthead, preamble, numbered paragraphs (resolution, then annexes whose
numbering restarts at 1), lettered sub-paragraphs with their chapeau, headings, footnotes,
paragraphs continued across page breaks, and drops running heads, page numbers and job numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .classify import categorize
from .records import DocumentInfo, Footnote, Paragraph, make_citation, make_id

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")

# --- line-level patterns -------------------------------------------------------------------
PARA_RE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
SUBPARA_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s+(?=\S)")
FOOTNOTE_SUP_RE = re.compile(rf"^([{SUPERSCRIPTS}]+|\*{{1,3}})\s*(?=\S)")
FOOTNOTE_PLAIN_RE = re.compile(r"^(\d{1,3})\s+(?=\S)")  # "3 Resolution 76/266" (PDF footers)
ANNEX_RE = re.compile(r"^Annex(?:\s+([IVXL]+|\d+))?\s*$", re.IGNORECASE)
JOB_NUMBER_RE = re.compile(r"^\s*\d{2}-\d{4,6}\s*(?:\(\s*[A-Z]\s*\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?\s*$")
PAGE_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3}|Page \d+(?: of \d+)?)\s*$")
SYMBOL_RE = re.compile(
    r"\b((?:A|E|S|A/RES|E/RES|S/RES|A/C\.\d|A/HRC|A/AC\.\d+|E/CN\.\d+|CRC/C|CMW/C|HRC)"
    r"(?:/[A-Za-z0-9.()\-]+)+)"
)
DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(\d{4})\b"
)
AUTHOR_RE = re.compile(r"^The\s+[A-Z][\w ,'’-]{3,120},\s*$")
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
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [73/195](#) -> 73/195
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
        marks.append(m.group(0).translate(_SUP_TO_DIGIT))
        return ""

    text = re.sub(rf"[{SUPERSCRIPTS}]+", sup, text)
    if known_marks:

        def plain(m: re.Match) -> str:
            if m.group(2) in known_marks:
                marks.append(m.group(2))
                return m.group(1)
            return m.group(0)

        text = re.sub(r"([A-Za-z\)\]”’,.;:])(\d{1,3})(?=[\s,.;:)]|$)", plain, text)
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


# --- page furniture ------------------------------------------------------------------------


def drop_page_furniture(pages: list[list[str]], symbol_hint: str = "") -> list[list[str]]:
    """Remove job numbers, bare page numbers and running heads (lines that repeat at the top or
    bottom of several pages, or that are just the document symbol) from each page's lines."""
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        content = [ln.strip() for ln in lines if ln.strip()]
        for ln in set(content[:3] + content[-3:]):
            edge_counts[normalize_ws(ln)] += 1
    repeated = {ln for ln, n in edge_counts.items() if n >= 2 and len(pages) >= 2}
    out = []
    for page_no, lines in enumerate(pages):
        kept = []
        content_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(content_idx[:3] + content_idx[-3:])
        for i, ln in enumerate(lines):
            s = normalize_ws(ln)
            if s and (JOB_NUMBER_RE.match(s) or (i in edges and PAGE_NUMBER_RE.match(s))):
                continue
            if s and page_no > 0 and i in edges and (s in repeated or (symbol_hint and s == symbol_hint)):
                continue
            if s and page_no > 0 and i in edges and _is_running_head(s, symbol_hint):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _is_running_head(line: str, symbol: str) -> bool:
    """``A/RES/73/195`` or ``A/RES/73/195 Global Compact ...`` or ``Global Compact ... A/RES/73/195``."""
    if not symbol:
        return False
    return line.startswith(symbol + " ") or line.endswith(" " + symbol) or line == symbol


# --- blocks --------------------------------------------------------------------------------


@dataclass
class Block:
    text: str
    page: int | None
    kind: str = "text"  # text | para | subpara | footnote


def _block_kind(text: str) -> str:
    if PARA_RE.match(text):
        return "para"
    if SUBPARA_RE.match(text):
        return "subpara"
    if FOOTNOTE_SUP_RE.match(text):
        return "footnote"
    return "text"


def split_blocks(pages: list[list[str]], page_numbers: bool) -> list[Block]:
    """Lines -> blocks. A block ends at a blank line, and a new one starts at any line that opens
    a numbered paragraph, a lettered sub-paragraph or a footnote. Lines of one block are joined,
    rejoining words hyphenated across a line break."""
    blocks: list[Block] = []
    for page_idx, lines in enumerate(pages):
        page = page_idx + 1 if page_numbers else None
        current: list[str] = []

        def flush() -> None:
            if current:
                text = join_lines(current)
                if text:
                    blocks.append(Block(text, page, _block_kind(text)))
                current.clear()

        for raw in lines:
            line = raw.strip()
            if not line:
                flush()
                continue
            if current and _block_kind(line) != "text":
                flush()
            current.append(line)
        flush()
    return blocks


def join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].islower():
            out = out[:-1] + line  # "migra-" + "tion" -> "migration"
        else:
            out = out + " " + line
    return normalize_ws(out)


# --- the parser ----------------------------------------------------------------------------


@dataclass
class _State:
    part: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    objectives: tuple[int, ...] = ()
    pp_count: int = 0
    last_para: str = ""  # number of the last operative paragraph in this part
    chapeau_open: bool = False
    sub_letter_count: int = 0
    in_annex_title: bool = False

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)


@dataclass
class _Draft:
    """A record being built; text may still grow with a continuation after a page break."""

    part: str
    number: str
    kind: str
    text: str
    section: tuple[str, ...]
    objectives: tuple[int, ...]
    page: int | None
    parent: str = ""


def _is_heading(text: str) -> bool:
    if len(text) > 160 or text[:1].islower():
        return False
    if ROUND_TABLE_RE.match(text) or OBJECTIVE_HEADING_RE.match(text):
        return True
    stripped = text.rstrip(SUPERSCRIPTS + "*0123456789")
    if stripped.endswith((".", ";", ",", ":")) and not re.match(r"^[IVXA-H]+\.\s", text):
        return False
    return len(stripped.split()) <= 14


def _heading_level(text: str) -> int:
    if ROUND_TABLE_RE.match(text) or OBJECTIVE_HEADING_RE.match(text) or re.match(r"^[A-H]\.\s", text):
        return 2
    if re.match(r"^\d+\.\s", text):
        return 3
    return 1


def _ends_open(text: str) -> bool:
    """A paragraph whose text does not end a sentence continues on the next page."""
    t = text.rstrip(SUPERSCRIPTS + "*” ’\"')")
    return not t.endswith((".", ";", ":", "!", "?"))


def parse_masthead(blocks: list[Block]) -> tuple[dict, int]:
    """Read symbol, date and title from the blocks before the body; return (info, body start)."""
    info = {"symbol": "", "date": "", "title": ""}
    start = 0
    for i, b in enumerate(blocks):
        if b.kind in ("para", "subpara") or ANNEX_RE.match(b.text) or AUTHOR_RE.match(b.text):
            start = i
            break
    else:
        start = 0
    head = blocks[:start]
    for b in head:
        if not info["symbol"]:
            m = SYMBOL_RE.search(b.text)
            if m and (b.text.strip() == m.group(1) or len(b.text.split()) <= 3):
                info["symbol"] = m.group(1)
        if not info["date"] and DATE_RE.search(b.text) and len(b.text.split()) <= 6:
            info["date"] = parse_date(b.text)
    # The title: "73/195. Global Compact ..." or the last non-masthead line before the body.
    for b in reversed(head):
        t = b.text.strip()
        m = re.match(r"^\d{2,3}/\d{1,4}\.\s+(.+)$", t)
        if m:
            info["title"] = m.group(1)
            break
        if b.kind == "footnote" or MASTHEAD_LINE_RE.match(t) or DATE_RE.fullmatch(t) or SYMBOL_RE.fullmatch(t):
            continue
        info["title"] = strip_footnote_marks(clean_markdown(t))[0].rstrip("*").strip()
        break
    return info, start


def parse_pages(
    page_texts: list[str],
    doc: DocumentInfo,
    *,
    markdown: bool = False,
    has_pages: bool = False,
) -> tuple[DocumentInfo, list[Paragraph]]:
    """Parse a document given as page texts. Returns the document info (completed from the
    masthead where the caller left fields empty) and its records in reading order."""
    pages = [[clean_markdown(ln) if markdown else ln for ln in t.splitlines()] for t in page_texts]
    pre_blocks = split_blocks(pages, has_pages)
    masthead, _ = parse_masthead(pre_blocks)
    symbol = doc.symbol or masthead["symbol"]
    if has_pages and len(pages) > 1:
        pages = drop_page_furniture(pages, symbol)
    blocks = split_blocks(pages, has_pages)
    masthead, body_start = parse_masthead(blocks)
    doc = replace(
        doc,
        symbol=doc.symbol or masthead["symbol"],
        date=doc.date or masthead["date"],
        title=doc.title or masthead["title"] or doc.doc_id,
    )

    state = _State(part="resolution" if _has_resolution_body(blocks, body_start) else "")
    drafts: list[_Draft] = []
    footnotes: dict[str, _Draft] = {}
    footnote_order: list[str] = []
    open_draft: _Draft | None = None  # the paragraph a page-broken continuation joins
    in_preamble = False

    for b in blocks[body_start:]:
        text = b.text
        if AUTHOR_RE.match(text) and not drafts:
            in_preamble = True
            continue
        m_annex = ANNEX_RE.match(text)
        if m_annex:
            label = m_annex.group(1)
            state.part = f"annex {label.upper()}" if label else "annex"
            state.headings, state.objectives = [], ()
            state.last_para, state.chapeau_open, state.in_annex_title = "", False, True
            open_draft, in_preamble = None, False
            continue
        if b.kind == "footnote":
            mark = FOOTNOTE_SUP_RE.match(text).group(1).translate(_SUP_TO_DIGIT)
            body = text[FOOTNOTE_SUP_RE.match(text).end():]
            fn = _Draft(state.part, mark, "footnote", body, state.section, parse_objectives(body), b.page)
            footnotes[mark] = fn
            footnote_order.append(mark)
            drafts.append(fn)
            continue
        if b.kind == "para":
            m = PARA_RE.match(text)
            in_preamble, state.in_annex_title = False, False
            number = m.group(1)
            d = _Draft(state.part, number, "paragraph", text[m.end():], state.section, state.objectives, b.page)
            drafts.append(d)
            state.last_para, state.chapeau_open, state.sub_letter_count = number, _ends_chapeau(d.text), 0
            open_draft = d
            continue
        if b.kind == "subpara" and state.last_para and state.chapeau_open:
            m = SUBPARA_RE.match(text)
            letter = m.group(1)
            parent = next(d for d in reversed(drafts) if d.kind == "paragraph" and d.number == state.last_para and d.part == state.part)
            d = _Draft(
                state.part, f"{state.last_para} ({letter})", "subparagraph", text[m.end():],
                state.section, state.objectives, b.page, parent=make_id(doc.doc_id, state.part, state.last_para),
            )
            drafts.append(d)
            open_draft = d
            continue
        # Unnumbered text: a continuation, the annex title, a heading, or a preambular paragraph.
        if open_draft is not None and (text[:1].islower() or (_ends_open(open_draft.text) and not _is_heading(text))):
            open_draft.text = normalize_ws(open_draft.text + " " + text)
            if open_draft.kind == "paragraph":
                state.chapeau_open = _ends_chapeau(open_draft.text)
            continue
        if state.in_annex_title:
            state.in_annex_title = False
            continue  # the annex's own title repeats the document title
        if in_preamble and not _is_heading(text) or (in_preamble and text.rstrip().endswith(",")):
            state.pp_count += 1
            d = _Draft(state.part, f"PP{state.pp_count}", "preambular", text, state.section, (), b.page)
            drafts.append(d)
            open_draft = d
            continue
        if _is_heading(text):
            heading, _ = strip_footnote_marks(text)
            level = _heading_level(heading)
            state.headings = [(lv, h) for lv, h in state.headings if lv < level] + [(level, heading)]
            objectives = parse_objectives(heading)
            if level == 1:
                state.objectives = objectives
            elif objectives:
                state.objectives = objectives
            open_draft = None
            continue
        # Anything else: unnumbered body text (e.g. a document without numbering).
        d = _Draft(state.part, str(len([x for x in drafts if x.kind == 'paragraph' and x.part == state.part]) + 1), "paragraph", text, state.section, state.objectives, b.page)
        drafts.append(d)
        open_draft = d

    return doc, _finish(doc, drafts, footnotes, footnote_order)


def _has_resolution_body(blocks: list[Block], start: int) -> bool:
    """True when numbered paragraphs precede an ``Annex`` line (a resolution with an annex)."""
    seen_para = False
    for b in blocks[start:]:
        if b.kind == "para":
            seen_para = True
        if ANNEX_RE.match(b.text):
            return seen_para
    return False


def _ends_chapeau(text: str) -> bool:
    return text.rstrip().endswith(":")


def _finish(doc: DocumentInfo, drafts: list[_Draft], footnotes: dict[str, _Draft], footnote_order: list[str]) -> list[Paragraph]:
    known = set(footnotes)
    records: list[Paragraph] = []
    for order, d in enumerate(drafts):
        if d.kind == "footnote":
            text, _ = strip_footnote_marks(d.text)
            number = f"fn{d.number}"
            refs: tuple[Footnote, ...] = ()
        else:
            text, marks = strip_footnote_marks(d.text, known)
            number = d.number
            refs = tuple(Footnote(m, normalize_ws(footnotes[m].text)) for m in marks if m in footnotes)
            if "*" in footnotes and re.search(r"\w\*(?=\W|$)", text):
                text = re.sub(r"(?<=\w)\*(?=\W|$)", "", text)
                refs += (Footnote("*", normalize_ws(footnotes["*"].text)),)
        category, categories = categorize(text) if d.kind != "footnote" else ("other", ())
        records.append(
            Paragraph(
                id=make_id(doc.doc_id, d.part, number),
                doc_id=doc.doc_id,
                symbol=doc.symbol,
                title=doc.title,
                date=doc.date,
                part=d.part,
                number=number,
                kind=d.kind,
                text=text,
                citation=make_citation(doc, d.part, number, d.kind),
                section=d.section,
                category=category,
                categories=categories,
                objectives=d.objectives,
                footnotes=refs,
                parent=d.parent,
                page=d.page,
                order=order,
            )
        )
    return records
