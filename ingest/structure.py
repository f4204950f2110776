"""Pure parsing of UN document structure: page texts in, paragraph records out.

No file access here. Readers (``ingest.readers``) turn a file into a list of page texts; this
module finds the masthead, preamble, numbered paragraphs (resolution, then annexes whose
numbering restarts at 1), lettered sub-paragraphs with their chapeau, headings, footnotes,
paragraphs continued across page breaks, and drops running heads, page numbers and job numbers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from .assemble import assemble
from .body import BodyParser
from .furniture import looks_like_text_layer, split_text_layer
from .headings import PP_OPENER_RE, opens_paragraph, titles_next_paragraph
from .pdf_layout import drop_page_furniture, reflow_pages
from .records import DocumentInfo, Paragraph
from .sections import ACTION_RE, TARGET_RE, restarting_sections, section_head
from .text_patterns import (
    ADOPTED_RE,
    ANNEX_RE,
    AUTHOR_RE,
    DATE_RE,
    DECISION_OPENER_RE,
    FOOTNOTE_SUP_RE,
    GOAL_HEADING_RE,
    INSERTED_PARA_RE,
    LABELLED_HEADING_RE,
    MASTHEAD_LINE_RE,
    OBJECTIVE_HEADING_RE,
    PARA_RE,
    RES_TITLE_RE,
    ROUND_TABLE_RE,
    SPONSOR_LINE_RE,
    SUBPARA_RE,
    SUMMARY_RE,
    SUPERSCRIPTS,
    SYMBOL_RE,
    Vocabulary,
    clean_markdown,
    is_symbol_line,
    join_lines,
    line_groups,
    masthead_furniture,
    masthead_symbol,
    normalize_ws,
    opens_as_author,
    parse_date,
    raise_typed_footnotes,
    strip_footnote_marks,
    symbol_of,
)

log = logging.getLogger(__name__)

# --- blocks --------------------------------------------------------------------------------


@dataclass
class Block:
    text: str
    page: int | None
    kind: str = "text"  # text | para | inserted | action | target | subpara | footnote


def _block_kind(text: str) -> str:
    if PARA_RE.match(text):
        return "para"
    if INSERTED_PARA_RE.match(text):
        return "inserted"
    if ACTION_RE.match(text):
        return "action"
    if TARGET_RE.match(text):
        return "target"
    if SUBPARA_RE.match(text):
        return "subpara"
    if FOOTNOTE_SUP_RE.match(text):
        return "footnote"
    return "text"


# A text whose lines are this long, this often, was not wrapped by hand: its every line is a
# paragraph (a draft copied out of a word processor into a .txt file or a text box). Lines wrapped
# by hand stop at 80 characters or so; UN paragraphs run to hundreds.
LONG_LINE = 100
LONG_LINE_SHARE = 0.25


def one_paragraph_a_line(pages: list[list[str]]) -> bool:
    """Is a text (not a PDF's text layer) written a paragraph a line, with no blank line between:
    at least ``LONG_LINE_SHARE`` of its lines longer than ``LONG_LINE`` characters?"""
    lines = [ln for p in pages for ln in p if ln.strip()]
    return bool(lines) and sum(len(ln) > LONG_LINE for ln in lines) >= LONG_LINE_SHARE * len(lines)


def split_blocks(pages: list[list[str]], page_numbers: bool,
                 vocab: Vocabulary | None = None) -> list[Block]:
    """Lines -> blocks. A block ends at a blank line, and a new one starts at any line that opens
    a numbered paragraph, a lettered sub-paragraph or a footnote. Lines of one block are joined,
    rejoining words hyphenated across a line break (``vocab`` decides whether the hyphen stays)."""
    blocks: list[Block] = []
    for page_idx, lines in enumerate(pages):
        page = page_idx + 1 if page_numbers else None
        for group in line_groups(lines, _starts_block):
            text = join_lines(group, vocab) if group else ""
            if not text:
                continue
            if (blocks and _LABEL_ALONE_RE.match(blocks[-1].text)
                    and _block_kind(text) == "text"):
                # "1." or "(a)" on a line of its own, its text after a blank line: one paragraph
                text = f"{blocks.pop().text} {text}"
            titled = _ANNEX_TITLED_RE.match(text)
            if titled and titles_next_paragraph(titled.group(2)):
                # "Annex Awaza Political Declaration" on one line: the annex's label, then its
                # title; read as one heading, the annex's paragraphs 1, 2 ... went on the
                # resolution's last paragraph as a list
                blocks.append(Block(titled.group(1), page))
                text = titled.group(2)
            blocks.append(Block(text, page, _block_kind(text)))
    return blocks


_ANNEX_TITLED_RE = re.compile(r"^((?i:annex)(?:\s+(?:[IVXL]+|\d+))?)\s*[:.–—-]?\s+([A-Z].*)$")
# a paragraph's number or an item's letter standing alone ("12.", "(a)"), its text to follow
_LABEL_ALONE_RE = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivx]{1,5})\))$")


# an item of a bulleted list ("- First item", "* item", "• item"): a block of its own, as a
# numbered paragraph is (two bullets of a note were one record)
_BULLET_RE = re.compile(r"^\s*[-*•]\s+\S")


def _starts_block(group: list[str], line: str) -> bool:
    """Does ``line`` open a block after the lines ``group`` (no blank line between)? At a
    numbered paragraph, a lettered item, a bullet or a footnote; at and after an "Annex" line;
    after "The General Assembly," and a report's "Summary", which stand alone; and at a
    preambular paragraph's opening verb after a line ending with a comma ("... of 19 December
    2018," / "Noting the report ..."): a text written a paragraph a line in short paragraphs,
    the words of a hand-wrapped one never."""
    return (_block_kind(line) != "text" or bool(AUTHOR_RE.match(group[-1]))
            or bool(_BULLET_RE.match(line))
            or opens_as_author(group[-1], line) or _summary_line(group[-1]) or _summary_line(line)
            # an "Annex" line stands alone: the words of neither the paragraph before nor the
            # annex's title
            or _annex_line(line) or _annex_line(group[-1])
            or (group[-1].endswith(",") and bool(PP_OPENER_RE.match(line)))
            # a heading after a sentence's end, and the paragraph under it, in a hand-wrapped
            # text with no blank line around it: "... at all times." / "II. Follow-up" / "2. ..."
            # were one paragraph, the heading's words quoted in it
            or (_heading_line(line) and _ends_sentence(group[-1]))
            or (len(group) == 1 and _heading_line(group[0]) and opens_paragraph(line)))


def _heading_line(line: str) -> bool:
    """A line that is a labelled section heading ("II. Follow-up and review", "B. ...",
    "Objective 2: ...", "Round table 1: ...", "Goal 10. ..."; never a hand-wrapped paragraph's
    line): its label, a title of at most 20 words, no sentence end."""
    title = line.rstrip(SUPERSCRIPTS + "*0123456789 ")
    return (bool(LABELLED_HEADING_RE.match(line) or OBJECTIVE_HEADING_RE.match(line)
                 or ROUND_TABLE_RE.match(line) or GOAL_HEADING_RE.match(line))
            and not title.endswith((".", ";", ",", ":")) and len(title.split()) <= 20
            and not opens_paragraph(re.sub(r"^\S+\s+", "", title)))


def _ends_sentence(line: str) -> bool:
    return line.rstrip(SUPERSCRIPTS + "*”’\"') ").endswith((".", ";", ":"))


def _annex_line(line: str) -> bool:
    """A line that is an annex's label and nothing else ("Annex", "Annex II")."""
    return bool(ANNEX_RE.match(line.strip()))  # (the pattern runs to the line's end)


# --- the parser ----------------------------------------------------------------------------


def parse_masthead(blocks: list[Block]) -> tuple[dict, int]:
    """Read symbol, date and title from the blocks before the body; return (info, body start)."""
    info = {"symbol": "", "date": "", "title": "", "distribution": "", "draft_symbol": ""}
    start = 0
    for i, b in enumerate(blocks):
        if (b.kind in ("para", "subpara") or ANNEX_RE.match(b.text) or AUTHOR_RE.match(b.text)
                or DECISION_OPENER_RE.match(b.text)):
            start = _report_body_start(blocks, i) if b.kind == "para" else i
            # a draft's preamble with no "The General Assembly," before it ("Recalling ...,",
            # "Inspired by ...;" then "1. ..."): its paragraphs, not the title
            while b.kind == "para" and start > 0 and _preambular_block(blocks[start - 1]):
                start -= 1
            break
    else:
        start = 0
    head = blocks[:start]
    info.update(masthead_facts(" ".join(b.text for b in head if b.kind != "footnote")))
    for b in head:
        if b.kind == "footnote":
            continue
        adopted = ADOPTED_RE.search(b.text)
        if adopted:  # a resolution is dated by its adoption, not by its issue
            info["date"] = parse_date(adopted.group(1))
        if not info["symbol"]:
            info["symbol"] = masthead_symbol(b.text)
        if (not info["date"] and DATE_RE.search(b.text) and len(b.text.split()) <= 6
            and not _meeting_line(b.text)):
            info["date"] = parse_date(b.text)
        elif not info["date"] and (issued := _ISSUED_RE.search(b.text)):
            # "General Assembly Distr.: Limited 4 July 2022": a text layer's masthead lines
            # joined in one block, the date of issue after the distribution
            info["date"] = parse_date(issued.group(1))
    if not info["symbol"]:
        info["symbol"] = next((sym for b in head if b.kind != "footnote"
                               if (sym := _distribution_block_symbol(b.text))), "")
    info["title"] = masthead_title([b.text.strip() for b in head if b.kind != "footnote"])
    return info, start


# the most words of a masthead's line ("Seventy-eighth session", "Agenda item 80 (a)"), and how
# a longer block of a masthead's lines joined opens
MASTHEAD_LINE_WORDS = 6
_MASTHEAD_OPENING = re.compile(r"United Nations|General Assembly|Economic and Social Council|"
                               r"Security Council|Distr\b|Original\b|Resolution adopted by|"
                               r"Adopted by the|Draft resolution|\[")
# a footnote mark typed as plain digits after a paragraph's closing comma or semicolon
_TYPED_MARK_END = re.compile(r"([,;])\s?\d{1,3}$")


def _preambular_block(block: Block) -> bool:
    """A block that reads as a preambular paragraph: three words or more ("Reaffirming
    resolution 73/195,"), opening with a capital ("Recalling", "Recognising", "Inspired by")
    and ending with a comma or a semicolon, which no title or masthead line does (mentioning a
    session, it is one when longer than a masthead's line); a footnote's
    mark after it, as a PDF's copy types it (",2", ", 1"), aside (such a paragraph was read as
    the title, and every paragraph before it as the masthead, lost with nothing said)."""
    text = _TYPED_MARK_END.sub(r"\1", block.text.rstrip(SUPERSCRIPTS + "* "))
    return (block.kind == "text" and text.endswith((",", ";")) and text[:1].isupper()
            and len(text.split()) >= 3 and not AUTHOR_RE.match(text)
            # a masthead's line is short, or opens as a masthead does (its lines joined in one
            # block); a paragraph may say "session" ("Having considered the report ... on the
            # work of its session held in 2023,")
            and not (MASTHEAD_LINE_RE.match(text) and (len(text.split()) <= MASTHEAD_LINE_WORDS
                                                       or _MASTHEAD_OPENING.match(text))))


def _distribution_block_symbol(text: str) -> str:
    """The symbol of a masthead whose lines a text file joins in one block ("United Nations
    A/RES/85/12 General Assembly Distr.: General 20 March 2031"): the first symbol of a block that
    gives the distribution, outside brackets (the draft a resolution names: "(A/85/L.7)")."""
    if not _DISTR_RE.search(text):
        return ""
    for m in SYMBOL_RE.finditer(text):
        before = text[:m.start()]
        if before.count("(") <= before.count(")") and before.count("[") <= before.count("]"):
            return symbol_of(m)
    return ""


def _summary_line(line: str) -> bool:
    """A report's "Summary" heading, which stands alone as "The General Assembly," does."""
    return bool(SUMMARY_RE.match(line.strip()))


def _report_body_start(blocks: list[Block], first: int) -> int:
    """Where the body of a document opening with numbered paragraph ``blocks[first]`` (no
    "The General Assembly," before it: a report, a note) starts: at its "Summary" (the summary's
    paragraphs are the report's words, which the masthead would drop), else at the section
    headings standing just before paragraph 1 ("I. Introduction", "A. Background")."""
    for i in range(first):
        if blocks[i].kind == "text" and _summary_line(blocks[i].text):
            return i
    return _headings_before(blocks, first)


def _headings_before(blocks: list[Block], first: int) -> int:
    """The first of the section headings standing just before ``blocks[first]``."""
    start = first
    while start > 0 and blocks[start - 1].kind == "text" and section_head(blocks[start - 1].text):
        start -= 1
    return start


_CONTENTS_RE = re.compile(r"^Contents\b")


def table_of_contents(blocks: list[Block], start: int) -> range:
    """The blocks of a report's table of contents, after its summary ("Contents", "Page",
    "I. Introduction . . . . 3" ...), up to the headings before paragraph 1: none of the
    report's words (empty when the body does not open with a summary)."""
    if not (start < len(blocks) and _summary_line(blocks[start].text)):
        return range(0)
    first = next((i for i in range(start, len(blocks)) if blocks[i].kind == "para"), len(blocks))
    contents = next((i for i in range(start, first) if blocks[i].kind == "text"
                     and _CONTENTS_RE.match(blocks[i].text.strip())), None)
    return range(0) if contents is None else range(contents, _headings_before(blocks, first))


_ISSUED_RE = re.compile(r"\bDistr\.?\s*:\s*(?:General|Limited|Restricted)\s+("
                        + DATE_RE.pattern[2:] + ")")
# a draft's title after its resolution's number to come: "50/... Protection of ..."
_NUMBER_TO_COME_RE = re.compile(r"^(?:\d{2,3}|(?:19|20)\d\d)/(?:\.\.\.|…)\s+")


def masthead_title(lines: list[str]) -> str:
    """The title among the masthead's blocks (footnotes left out): after the resolution's number
    ("73/195. Global Compact ..."), else after the line naming a draft's sponsors, with the lines
    it runs on to ("2025 Political Declaration on the Implementation of the United Nations" /
    "Global Plan of Action ..."); a report's before "Report of the Secretary-General"
    ("Implementation of ...: report of the Secretary-General"); else the last line that is not
    masthead furniture. A title
    that says "session" ("Participation by the State of Palestine during the eightieth
    session") is still the title when it follows the sponsors' line."""
    def clean(t: str) -> str:
        return strip_footnote_marks(clean_markdown(t))[0].rstrip("*").strip()

    for i in range(len(lines) - 1, -1, -1):
        m = RES_TITLE_RE.match(lines[i])
        if m or SPONSOR_LINE_RE.match(lines[i]):
            rest = [t for t in lines[i + 1:]
                    if not (DATE_RE.fullmatch(t) or is_symbol_line(t))]
            parts = ([m.group(1)] if m else []) + rest
            if parts:
                return _NUMBER_TO_COME_RE.sub("", normalize_ws(" ".join(clean(t) for t in parts)))
    kept = [t for t in lines if not masthead_furniture(t)]
    if len(kept) >= 2 and _BY_SECRETARY_GENERAL_RE.match(kept[-1].strip()):
        # "Implementation of the Global Compact ... Migration" / "Report of the
        # Secretary-General": the report's title, with the lines it wraps on to
        title = [kept[-2]]
        for t in reversed(kept[:-2]):
            if not _RUNS_ON_RE.search(t):
                break
            title.insert(0, t)
        by = kept[-1].strip()
        return f"{normalize_ws(' '.join(clean(t) for t in title))}: {by[0].lower()}{by[1:]}"
    return clean(kept[-1]) if kept else ""


# a report's or a note's author, after its title ("Report of the Secretary-General")
_BY_SECRETARY_GENERAL_RE = re.compile(r"^(?:Report|Note) (?:of|by) the Secretary-General$")
# a title line that runs on to the next: it ends with a word that cannot end a title
_RUNS_ON_RE = re.compile(r"(?:\b(?:and|or|of|for|the|on|in|to|with|a|an|at|by|from|its|their)"
                         r"|[,–-])\s*$", re.IGNORECASE)


_DISTR_RE = re.compile(r"\bDistr\.?\s*:\s*(General|Limited|Restricted)\b", re.IGNORECASE)
_ADOPTED_ON_RE = re.compile(r"\b(?:Resolution|Decision) adopted by the [A-Z][\w ]{3,60}?\s+on\s+("
                            + DATE_RE.pattern[2:] + ")")
_DRAFT_REF_RE = re.compile(r"\[[^\[\]]{0,200}?\((" + SYMBOL_RE.pattern[2:] + r")\)[^\[\]]{0,40}\]")


def masthead_facts(text: str) -> dict:
    """Distribution, adoption date and the draft named in brackets, from the masthead's text:
    ``Distr.: Limited``; ``Resolution adopted by the General Assembly on 19 December 2018``;
    ``[without reference to a Main Committee (A/73/L.66)]``."""
    facts: dict = {}
    text = normalize_ws(text)
    if m := _DISTR_RE.search(text):
        facts["distribution"] = m.group(1).capitalize()
    if m := _ADOPTED_ON_RE.search(text):
        facts["date"] = parse_date(m.group(1))
    for m in _DRAFT_REF_RE.finditer(text):
        symbol = m.group(1).rstrip(".")
        if re.search(r"/L\.\d", symbol):
            facts["draft_symbol"] = symbol
            break
    return facts


def _meeting_line(text: str) -> bool:
    return bool(re.match(r"^\d+(?:st|nd|rd|th) plenary meeting\b", text.strip()))


def _typed_footnotes_raised(pages: list[list[str]]) -> list[list[str]]:
    """Each page's footnotes typed under a rule, raised (``raise_typed_footnotes``), their
    numbering going on from page to page."""
    expected, out = 1, []
    for lines in pages:
        lines, expected = raise_typed_footnotes(lines, expected)
        out.append(lines)
    return out


def parse_pages(
    page_texts: list[str],
    doc: DocumentInfo,
    *,
    markdown: bool = False,
    has_pages: bool = False,
    wrapped: bool = False,
    raised_marks: bool = False,
) -> tuple[DocumentInfo, list[Paragraph]]:
    """Parse a document given as page texts. Returns the document info (completed from the
    masthead where the caller left fields empty) and its records in reading order.

    ``wrapped``: the pages are a PDF text layer, one printed line per line (see ``pdf_layout``);
    otherwise blocks are separated by blank lines or start at a paragraph number.
    ``raised_marks``: footnote marks are the superscripts (a PDF read with its geometry), never a
    plain digit.
    """
    if not wrapped and len(page_texts) == 1 and looks_like_text_layer(page_texts[0]):
        page_texts = split_text_layer(page_texts[0], doc.symbol)  # a PDF text layer saved as text
        wrapped = has_pages = True
    if wrapped:
        page_texts = reflow_pages(page_texts, doc.symbol, raised_marks)
    pages = [t.splitlines() for t in page_texts]
    if markdown and not wrapped:
        pages = _typed_footnotes_raised(pages)
    pages = [[clean_markdown(ln) if markdown else ln for ln in p] for p in pages]
    if not wrapped and one_paragraph_a_line(pages):
        pages = [[x for ln in p for x in (ln, "")] for p in pages]  # each line a block
    vocab = Vocabulary(["\n".join(p) for p in pages])
    if has_pages and len(pages) > 1 and not wrapped:
        masthead, _ = parse_masthead(split_blocks(pages, has_pages, vocab))
        pages = drop_page_furniture(pages, doc.symbol or masthead["symbol"])
    blocks = split_blocks(pages, has_pages, vocab)
    masthead, body_start = parse_masthead(blocks)
    doc = replace(
        doc,
        symbol=doc.symbol or masthead["symbol"],
        date=doc.date or masthead["date"],
        title=doc.title or masthead["title"] or doc.doc_id,
        distribution=doc.distribution or masthead["distribution"],
        draft_symbol=doc.draft_symbol or masthead["draft_symbol"],
    )
    log.debug("%s: %d blocks, body from block %d", doc.doc_id, len(blocks), body_start)

    contents = table_of_contents(blocks, body_start)
    body_blocks = [b for i, b in enumerate(blocks) if i >= body_start and i not in contents]
    sections = restarting_sections([(b.text, b.kind) for b in body_blocks])
    body = BodyParser(doc.doc_id, "resolution" if _has_resolution_body(blocks, body_start) else "",
                      sections)
    if body_start < len(blocks) and _preambular_block(blocks[body_start]):
        # a draft opening with its preamble, no "The General Assembly," above it: each block
        # ending with a comma is a preambular paragraph of its own, whatever its opening word
        body.state.in_preamble = True
    for b in blocks[:body_start]:  # a masthead footnote ("agenda*") read before the body (DOCX)
        if b.kind == "footnote":
            body.add_footnote(b.text, b.page)
    for b, (next_kind, next_lower) in zip(body_blocks, _following(body_blocks)):
        body.feed(b.text, b.kind, b.page, next_kind, next_lower)
    body.finish()
    return doc, assemble(doc, body.drafts, body.footnotes, body.heading_refs,
                         plain_marks=not raised_marks)


def _following(blocks: list[Block]) -> list[tuple[str, bool]]:
    """For each block, the kind of the next block that is not a footnote ("" at the end) and
    whether that block opens in lower case: a heading at a page foot is followed by the next
    page's paragraph, not by the footnotes; a block followed by lower-case text is inside a
    sentence, never a heading."""
    out: list[tuple[str, bool]] = []
    following = ("", False)
    for b in reversed(blocks):
        out.append(following)
        if b.kind != "footnote":
            following = (b.kind, b.text[:1].islower())
    return out[::-1]


def _has_resolution_body(blocks: list[Block], start: int) -> bool:
    """True when numbered paragraphs precede an ``Annex`` line (a resolution with an annex)."""
    seen_para = False
    for b in blocks[start:]:
        if b.kind == "para" or AUTHOR_RE.match(b.text):
            seen_para = True
        if ANNEX_RE.match(b.text):
            return seen_para
    return False
