"""The draft side of a comparison: its paragraphs, and the spans of them that are agreed language.

A draft is pasted text split by blank lines, or a file parsed by ingest.

Pasted text: paragraphs are separated by blank lines (text without blank lines: a line that
follows a finished sentence, or that opens with a paragraph number, starts a new paragraph).
``12. We commit ...`` keeps ``12`` as its number and ``(b) ...`` after paragraph 12 becomes
``12 (b)``; a negotiator's working labels are read too ("PP3", "OP1.", "2 bis."); unnumbered
paragraphs are numbered by their position (1, 2, ...), or, among numbered ones, "unnumbered
paragraph 1, 2, ..." (never a number another paragraph prints). The marker is
taken off the text; the words are never changed (only whitespace runs become one space).

``find_spans``: every run of >= ``min_words`` draft words standing verbatim (case, quotes,
dashes and whitespace normalised) in a library paragraph, found through a word n-gram index
of the library built once per index view (``search.verbatim.ShingleIndex``); each span is checked
again with ``index.text_match.find_phrase`` against every paragraph it cites, so a citation is never
wrong. Adjacent spans that one paragraph holds as a whole become one span. A span is agreed language
only when it is a phrase of substance: at least ``min_words`` words whose trigrams, weighed by
their rarity in the library (``weight``: stock runs such as "the right to privacy and" and
names weigh little), weigh at least ``MIN_SPAN_WEIGHT``; shorter spans are not marked and not
counted; stock spans are not counted and are marked as what they are (``Formula``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from precedent.index.text_match import find_phrase
from precedent.ingest.classify import participle_led
from precedent.ingest.records import Paragraph, paragraph_ref
from precedent.ingest.text_patterns import (
    AUTHOR_RE,
    INSERTED_WORDS,
    LABELLED_HEADING_RE,
    OBJECTIVE_HEADING_RE,
    PARA_RE,
    ROUND_TABLE_RE,
    SPONSOR_LINE_RE,
    SUBPARA_RE,
    SUPERSCRIPTS,
    SYMBOL_RE,
    is_symbol_line,
    line_groups,
    masthead_furniture,
)

from ..trigram_weight import TrigramWeights, covered
from ..verbatim import (
    Run,
    ShingleIndex,
    Tokens,
    partition_runs,
    strip_marks,
    tokenize_words,
    trim_to_words,
)
from .diff import words_key
from .scoring import PRECEDENT_KINDS

log = logging.getLogger(__name__)

# A span's trigram weight (``weight``) for it to be agreed language, with the default minimum of
# five words (scaled with the minimum asked for): three trigrams that at most one other paragraph
# holds, or more of commoner ones. Five-word stock runs weigh 1.9-2.9 on the 24-document library
# ("the right to privacy and" 1.9, "in countries of origin, transit and destination" 2.8).
MIN_SPAN_WEIGHT = 3.0
_SENTENCE_DONE = re.compile(r"[.;:!?][\"'”’)\]]*$")


@dataclass(frozen=True)
class DraftParagraph:
    number: str  # as printed ("12", "12 (b)", "PP3"), else the position ("1", "2", ...)
    text: str
    part: str = ""  # "annex", "resolution", ... for a parsed file; "" for pasted text
    kind: str = "paragraph"

    @property
    def label(self) -> str:
        """Its name wherever it is shown, as a citation names it (``ingest.records.paragraph_ref``):
        ``annex, para. 12``, ``resolution, PP2``, ``Action 4``, or ``para. 3`` for pasted text."""
        return paragraph_ref(self.part, self.number, self.kind)


# A negotiator's working labels: "PP3", "OP1.", "OP 2 bis", "2 bis.", "5ter." (a paragraph
# added between 2 and 3 in the room is "2 bis"): the number, not words of the paragraph.
_INSERTED = INSERTED_WORDS  # "2 bis": inserted after 2 in the room
WORKING_LABEL_RE = re.compile(
    rf"^(?:(PP|OP)\s?(\d{{1,3}})(?:\s?({_INSERTED}))?\.?"
    rf"|(\d{{1,3}})\s?({_INSERTED})\.?)\s+(?=\S)", re.IGNORECASE)


# a label on a line of its own ("PP1", "OP2.", "12.", "(a)"): the number of the paragraph after it
_LABEL_ONLY_RE = re.compile(
    rf"^(?=\S)(?:(?:PP|OP)\s?\d{{1,3}}(?:\s?(?:{_INSERTED}))?\.?"
    rf"|\d{{1,3}}\s?(?:{_INSERTED})\.?|\d{{1,3}}\.)?"
    r"(?:\s*\((?:[a-z]{1,2}|[ivx]{1,5})\))?$", re.IGNORECASE)


def working_label(block: str) -> tuple[str, str, int] | None:
    """(number, kind, where the text starts) of a block opening with a working label
    (``WORKING_LABEL_RE``): "PP3" is a preambular paragraph's, "OP3" and "3 bis" an operative
    one's."""
    m = WORKING_LABEL_RE.match(block)
    if not m:
        return None
    pp_or_op, number, extra, bare, bare_extra = m.groups()
    extra = (extra or bare_extra or "").lower()
    number = f"{number or bare}{' ' + extra if extra else ''}"
    if pp_or_op and pp_or_op.upper() == "PP":
        return f"PP{number}", "preambular", m.end()
    return number, "paragraph", m.end()


# (a footnote mark copied as digits after it, "Compact,2", "thereto, 5", does not open a heading)
_CLAUSE_DONE = re.compile(rf"[.;:,!?][\"”’)]*(?:\s?(?:\d{{1,3}}|[{SUPERSCRIPTS}]+))?\s*$")


def _blocks(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_blank = any(not ln.strip() for ln in lines[1:-1]) or "\n\n" in text.strip()
    # numbered paragraphs copied with no blank line between them, each number alone on its line
    # (a text layer: "4." then its sentences): the numbers part them, never a sentence's end
    # ("... at all times." / "However, migrants ..." was two paragraphs)
    labelled = any(_LABEL_ONLY_RE.match(s) for s in map(str.strip, lines) if s)
    by_sentence = not has_blank and not labelled

    def numbered(block: list[str], line: str) -> bool:
        # a year that wraps to the start of a line ("... launched in" / "2007. These platforms")
        # goes on the paragraph: it was read as the number of a paragraph "2007"
        m = PARA_RE.match(line)
        return bool(m) and (len(m.group(1)) < 4 or bool(_CLAUSE_DONE.search(block[-1])))

    def starts_new(block: list[str], line: str) -> bool:
        return bool(numbered(block, line) or SUBPARA_RE.match(line)
                    or WORKING_LABEL_RE.match(line) or _LABEL_ONLY_RE.match(line)
                    or OBJECTIVE_HEADING_RE.match(line) or ROUND_TABLE_RE.match(line)
                    or (by_sentence and _SENTENCE_DONE.search(block[-1]))
                    # preambular paragraphs copied one after the other: a clause ends, and the
                    # next line opens with a participle ("Recalling ...", "Deeply concerned")
                    or (not has_blank and block[-1].endswith(",") and participle_led(line)))

    return [" ".join(" ".join(b).split()) for b in line_groups(lines, starts_new) if b]


def _labelled(block: str) -> bool:
    """Does ``block`` open with a paragraph's label of any kind?"""
    return bool(PARA_RE.match(block) or SUBPARA_RE.match(block) or WORKING_LABEL_RE.match(block)
                or _LABEL_ONLY_RE.match(block))


def _without_masthead(blocks: list[str]) -> list[str]:
    """The draft's paragraphs without what stands above them: everything up to "The General
    Assembly," (the symbol, the session, the agenda item, the sponsors, the title), else the
    leading masthead lines ("General Assembly", "Agenda item 15", "A/80/L.8",
    "Mexico and Morocco: draft resolution"): none is a paragraph of the draft."""
    for i, block in enumerate(blocks[:12]):
        if AUTHOR_RE.match(block) and not any(_labelled(b) for b in blocks[:i]):
            return blocks[i + 1:]
    start = 0
    while start < len(blocks) and _masthead_line(blocks[start]):
        start += 1
    return blocks[start:]


def _masthead_line(block: str) -> bool:
    """A line of a masthead (``masthead_furniture``: "General Assembly", "Distr.: Limited 10
    October 2024", "Agenda item 15", the sponsors' line), or a short line holding a symbol
    ("United Nations A/C.3/79/L.12"). A sponsors' line or a symbol alone at any length; other
    lines only short and ending no sentence ("... at its next session." is a paragraph)."""
    if SPONSOR_LINE_RE.match(block) or is_symbol_line(block):
        return True
    if len(block.split()) > 10 or block.rstrip().endswith((".", ",", ";")):
        return False
    return masthead_furniture(block.strip()) or bool(SYMBOL_RE.search(block))


MAX_HEADING_WORDS = 15


_ANNEX_TITLED = re.compile(r"^Annex(?:\s+[IVXL]+)?\s+\S")


def set_apart_headings(paragraphs: list[DraftParagraph]
                       ) -> tuple[list[DraftParagraph], list[str]]:
    """The paragraphs of pasted numbered text without its headings ("Annex", "Preamble",
    "Objective 2: Minimize the adverse drivers ...", "60th plenary meeting"), and the headings:
    an unnumbered line of at most ``MAX_HEADING_WORDS`` words ending no sentence or clause,
    among numbered paragraphs (an objective's, a round table's or a labelled section's title,
    "II. ...", at most three times as long). Compared as paragraphs they were "0% agreed
    language", their words new. Text with no numbered paragraph keeps every line (a title
    pasted alone is compared)."""
    if not any(p.number and not p.number.startswith("u") and p.number[0].isdigit()
               for p in paragraphs):
        return paragraphs, []
    kept, headings = [], []
    for p in paragraphs:
        text = p.text.strip()
        titled = (OBJECTIVE_HEADING_RE.match(text) or ROUND_TABLE_RE.match(text)
                  # a labelled section's title as long as an objective's ("II. Implementation
                  # of the Awaza Programme ... 2024–2034", 16 words, was compared at "0%")
                  or LABELLED_HEADING_RE.match(text)
                  # an annex's label run on into its title, as a page pasted joins them
                  # ("Annex 2025 Political Declaration on the Implementation of ...", 20 words)
                  or _ANNEX_TITLED.match(text))
        if (p.number.startswith("u") and not _CLAUSE_DONE.search(text)
                and len(text.split()) <= (3 if titled else 1) * MAX_HEADING_WORDS):
            headings.append(text)
        else:
            kept.append(p)
    return kept, headings


def split_paragraphs(text: str) -> list[DraftParagraph]:
    """Pasted draft text -> paragraphs (see the module docstring)."""
    out: list[DraftParagraph] = []
    last_number = ""
    blocks: list[str] = []
    pending = ""  # a label alone on its line: the number of the paragraph after it
    for block in _without_masthead(_blocks(text)):
        # "1." then "(a) Requests ...": item (a) of paragraph 1; "PP1" then "PP2 Recalling ...":
        # the first label numbers nothing (a label with no words is no paragraph)
        if pending and (not _labelled(block) or (SUBPARA_RE.match(block)
                                                 and not SUBPARA_RE.match(pending))):
            block = f"{pending} {block}"
        pending = ""
        if _LABEL_ONLY_RE.match(block):
            pending = block
            continue
        blocks.append(block)
    # unnumbered paragraphs among numbered ones are "unnumbered paragraph 1, 2, ...": numbered
    # by position they took the numbers printed on others ("para. 2" twice)
    numbered = any(PARA_RE.match(b) or working_label(b) for b in blocks)
    unnumbered = 0
    for position, block in enumerate(blocks, start=1):
        label = working_label(block)
        m = PARA_RE.match(block)
        if m or label:
            number, kind, at = (m.group(1), "paragraph", m.end()) if m else label
            last_number = number
            sub = SUBPARA_RE.match(block[at:])
            if sub:  # "OP2 (a) Requests ...", "1. (a) Requests": item (a) of paragraph 2, 1
                out.append(DraftParagraph(f"{number} ({sub.group(1)})", block[at + sub.end():],
                                          kind="subparagraph"))
                continue
            out.append(DraftParagraph(number, block[at:], kind=kind))
            continue
        m = SUBPARA_RE.match(block)
        if m:
            number = f"{last_number} ({m.group(1)})" if last_number else f"({m.group(1)})"
            out.append(DraftParagraph(number, block[m.end():], kind="subparagraph"))
            continue
        unnumbered += 1
        out.append(DraftParagraph(f"u{unnumbered}" if numbered else str(position), block))
    return out


def read_draft(path: str | Path) -> list[DraftParagraph]:
    """A draft file -> paragraphs. DOCX and PDF (and text files with numbered paragraphs) go
    through the ingest parser (masthead, annexes, sub-paragraphs, footnotes kept apart); a plain
    text file without numbered paragraphs is split like pasted text. Raises ``IngestError``."""
    return read_draft_document(path).paragraphs


@dataclass(frozen=True)
class DraftFile:
    """A draft file as read: its paragraphs, the symbol its masthead prints ('' when none),
    whether the parser of published texts read it (False: split like pasted text), and what
    its reader should know of how it was read (tracked changes accepted, hidden text)."""

    paragraphs: list[DraftParagraph]
    symbol: str = ""
    published: bool = False
    notes: tuple[str, ...] = ()


def read_draft_document(path: str | Path, clean=None) -> DraftFile:
    """``read_draft``, with what else the file says (``DraftFile``). ``clean``: for a text
    file, ``text -> pasted.Cleaned`` (a copy from a PDF: its page furniture and footnotes left
    out, said in the notes; such a file is read as pasted text)."""
    from precedent.ingest import DocumentInfo, IngestError, load_document
    from precedent.ingest.load import doc_id_for
    from precedent.ingest.readers import format_for, read_source

    path = Path(path)
    fmt = format_for(path)
    if not path.suffix or (fmt is not None and fmt.plain):
        source = read_source(path)
        text = "\n".join(source.pages)
        cleaned = clean(text) if clean is not None else None
        lines = [ln.strip() for ln in text.splitlines()]
        # a text without numbered paragraphs, or a working draft ("PP1", "OP2", "2 bis"),
        # which the parser of published texts does not read; or a copy from a PDF's pages
        if (not any(PARA_RE.match(ln) for ln in lines)
                or any(WORKING_LABEL_RE.match(ln) for ln in lines)
                or (cleaned is not None and cleaned.changed)):
            paragraphs, headings = set_apart_headings(
                split_paragraphs(cleaned.text if cleaned is not None else text))
            if not paragraphs:
                raise IngestError(path, "no paragraphs found")
            return DraftFile(paragraphs, notes=source.notes + (cleaned.notes if cleaned else ())
                             + headings_note(headings))
    parsed = load_document(path, DocumentInfo(doc_id=doc_id_for(path), title=path.stem))
    headings = list(dict.fromkeys(h for r in parsed.paragraphs for h in r.section))
    return DraftFile([DraftParagraph(r.number, r.text, r.part, r.kind) for r in parsed.paragraphs
                      if r.kind != "footnote"], parsed.info.symbol, True,
                     tuple(parsed.warnings) + headings_note(headings))


MAX_HEADINGS_SAID = 12


def headings_note(headings: list[str]) -> tuple[str, ...]:
    """What a draft file's headings are: read as headings, not compared as paragraphs (a
    heading's words changed in the file were not said anywhere)."""
    if not headings:
        return ()
    shown = "; ".join(f"\u201c{h}\u201d" for h in headings[:MAX_HEADINGS_SAID])
    more = (f"; and {len(headings) - MAX_HEADINGS_SAID} more"
            if len(headings) > MAX_HEADINGS_SAID else "")
    return (f"Read as headings, not compared as paragraphs: {shown}{more}",)


# --- agreed language: verbatim spans of the draft ---------------------------------------------

@dataclass(frozen=True)
class AgreedSpan:
    start: int  # character offsets into the draft paragraph's text
    end: int
    text: str
    citations: tuple[str, ...]
    ids: tuple[str, ...]
    words: int
    # every paragraph holding it is a draft's (drafts counted on request): language of a draft,
    # not agreed language
    drafts_only: bool = False

    @property
    def label(self) -> str:
        """What the span is, in the word the command line and the page print before it."""
        return "draft" if self.drafts_only else "agreed"

    @property
    def earliest(self) -> str:
        """The citation of the earliest source (citations are oldest first)."""
        return self.citations[0] if self.citations else ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "earliest": self.earliest,
                "citations": list(self.citations), "ids": list(self.ids),
                "drafts_only": self.drafts_only}


# the fewest counted paragraphs holding a phrase of little weight that make it a stock phrase
STOCK_HOLDERS = 3
# what a stock phrase is, as the command line and the page say it
FORMULA_NOTE = "a stock phrase many texts hold: not counted as agreed language, nor new"
# a run of little weight that fewer texts hold ("We recognize the work of the" before an edit, a
# name, a figure): as the command line and the page say it (it was printed "new")
COMMON_NOTE = ("in an adopted text word for word, but too little of substance to count as agreed "
               "language; not new")


@dataclass(frozen=True)
class Formula:
    """A stock phrase of the draft that a counted paragraph holds verbatim ("Takes note of the
    report of the Secretary-General"): many texts hold it, so it is not counted as agreed
    language; nor is it new (it was printed "new:")."""

    start: int  # character offsets into the draft paragraph's text
    end: int
    text: str
    citation: str  # the oldest counted paragraph holding it
    holders: int = 1  # counted paragraphs holding it

    @property
    def stock(self) -> bool:
        """Held by ``STOCK_HOLDERS`` counted paragraphs or more: a stock phrase; else a run of
        little weight one or two hold (``COMMON_NOTE``)."""
        return self.holders >= STOCK_HOLDERS

    @property
    def label(self) -> str:
        return "stock" if self.stock else "common"

    @property
    def note(self) -> str:
        return FORMULA_NOTE if self.stock else COMMON_NOTE

    @property
    def cited(self) -> str:
        """Where it stands: "A/RES/78/157, para. 1 and 11 more"."""
        more = self.holders - 1
        return f"{self.citation} and {more} more" if more else self.citation

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "citation": self.citation, "holders": self.holders, "stock": self.stock}


@dataclass(frozen=True)
class Stitch:
    """Two agreed spans the draft sets side by side that the paragraph holding both does not:
    "... that should" + "be conditional ..." where A/RES/80/9 reads "that should not be
    conditional". Each span is agreed language; the sentence they make is not."""

    at: int  # character offset into the draft paragraph: where the second span starts
    citation: str
    id: str
    between: str  # what the paragraph has between the two spans ("not"); "" when it holds them
    # in the other order
    # the draft's words at the join that the paragraph does not have there: "some" where it
    # reads "all" (the span they stand in is another paragraph's, "some persons living with a
    # rare disease"); "" when the draft only leaves ``between`` out
    instead: str = ""

    def sentence(self) -> str:
        if self.instead:
            has = f"\u201c{self.between}\u201d" if self.between else "nothing"
            return (f"{self.citation} has {has} where the draft has \u201c{self.instead}\u201d, "
                    "between agreed language before and after this point")
        if self.between:
            return (f"{self.citation} has \u201c{self.between}\u201d between the agreed spans "
                    "before and after this point, which the draft leaves out")
        return (f"{self.citation} holds the agreed spans on either side of this point in the "
                "other order")

    def to_dict(self) -> dict:
        return {"at": self.at, "citation": self.citation, "id": self.id, "between": self.between,
                "instead": self.instead}


def _oldest_first(lib, record: Paragraph) -> tuple:
    """Sort key: the record's document date (undated last), then its place in the document."""
    try:
        return (*lib.document(record.doc_id).sort_key, record.order)
    except KeyError:
        return ("9999", 0, record.doc_id, record.order)


def shingle_index(view, n: int) -> ShingleIndex:
    """The n-gram index of a library view's records (``Library.view``), built once per view and
    n (a changed library has a new view, so never a stale index)."""
    return view.memo(("compare.shingles", n),
                     lambda: ShingleIndex([r.text for r in view.records], n))


def trigram_weights(view) -> TrigramWeights:
    """Trigram rarity over a library view's citable records, built once per view."""
    def build():
        return TrigramWeights([tokenize_words(r.text) for r in view.records
                               if r.kind in PRECEDENT_KINDS])
    return view.memo("compare.trigram_weights", build)


def _merge_adjacent(text: str, tokens: Tokens, parts, records,
                    adopted: Callable[[int], bool]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Consecutive spans (nothing but punctuation and spaces between them) merged when a
    paragraph citing both holds the whole stretch verbatim; it cites those paragraphs. Never
    when only drafts would be cited where an adopted text was (agreed language is not made a
    draft's by a draft holding it and the words after it)."""
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for start, end, rows in parts:
        if out and out[-1][1] == start:
            prev_start, _, prev_rows = out[-1]
            both = [r for r in prev_rows if r in rows]
            whole = strip_marks(text[tokens.starts[prev_start]:tokens.ends[end - 1]])
            holding = tuple(r for r in both if find_phrase(records[r].text, whole))
            if holding and (any(map(adopted, holding))
                            or not any(map(adopted, (*prev_rows, *rows)))):
                out[-1] = (prev_start, end, holding)
                continue
        out.append((start, end, rows))
    return out


def find_spans(lib, text: str, rows: set[int], min_words: int
               ) -> tuple[list[AgreedSpan], int, int, list[Stitch], list[Formula]]:
    """Agreed spans of one draft paragraph, its word count, its agreed word count (words:
    whitespace-separated, holding a letter or digit; a word two spans share, as "sub-item" split
    between two, counts once), the places where it joins two spans of one paragraph that the
    paragraph does not hold together (``Stitch``), and its stock phrases (``Formula``)."""
    view = lib.view  # one view throughout: the index's rows are its records
    index = shingle_index(view, min(5, min_words))
    tokens = tokenize_words(text)
    weights = trigram_weights(view).weigh(text, tokens)
    spans: list[AgreedSpan] = []
    kept: list[tuple[int, int]] = []  # the spans' token ranges
    agreed_words: set[int] = set()
    formulas: list[Formula] = []
    def substance(start: int, end: int) -> bool:
        """A phrase of substance: ``min_words`` words or more, not a stock phrase."""
        return (tokens.count_words(start, end) >= min_words
                and covered(weights, [(start, end)]) >= MIN_SPAN_WEIGHT * min_words / 5)

    def adopted(row: int) -> bool:
        return _status(view, view.records[row].doc_id) == "adopted"

    parts, pieces = _agreed_first(tokens, index.agreed_runs(tokens, min_words, rows), min_words,
                                  substance, adopted)
    for start, end, span_rows in _merge_adjacent(text, tokens, parts, view.records, adopted):
        n_words = tokens.count_words(start, end)
        c0, c1 = tokens.starts[start], tokens.ends[end - 1]
        while text[c0:c1].count("(") > text[c0:c1].count(")") and text[c1:c1 + 1] == ")":
            c1 += 1  # "resolution 973 (X)": a span ends with the bracket it opened
        span_text = text[c0:c1]
        if (start, end) not in pieces and n_words < min_words:
            continue  # a tail of a longer run cited elsewhere: not agreed language
        # the paragraphs holding it, checked, oldest first
        ok = sorted((view.records[r] for r in span_rows
                     if find_phrase(view.records[r].text, strip_marks(span_text))),
                    key=lambda r: _oldest_first(lib, r))
        if (start, end) not in pieces and not substance(start, end):
            # a stock phrase ("Takes note of the report of the Secretary-General"), or a run of
            # little weight fewer texts hold (names, figures, "We recognize the work of the"
            # before an edit): not counted as agreed language, nor new words
            if ok:
                formulas.append(Formula(c0, c1, span_text, ok[0].citation, len(ok)))
            continue
        if len(ok) < len(span_rows):  # never cite a paragraph that does not hold the span
            log.warning("dropped %d unverified citation(s) for %r", len(span_rows) - len(ok),
                        span_text[:60])
        if ok:
            drafts_only = all(_status(view, r.doc_id) != "adopted" for r in ok)
            spans.append(AgreedSpan(c0, c1, span_text, tuple(r.citation for r in ok),
                                    tuple(r.id for r in ok), n_words, drafts_only))
            kept.append((start, end))
            agreed_words.update(tokens.words[start:end])
    stitches = _stitches(lib, text, spans, kept)
    return spans, tokens.count_words(), len(agreed_words), stitches, formulas


SHORT_WORDS = 5  # the default minimum of a span's words


def whole_short_span(lib, text: str, rows: set[int], min_words: int) -> AgreedSpan | None:
    """A paragraph shorter than twice ``min_words`` words that is the whole text of counted
    paragraphs ("(b) Complementing other funding sources;", A/RES/73/195 para. 43 (b) (ii);
    "Recalling also the Headquarters Agreement,", A/RES/80/1 PP5): one agreed span, citing them,
    oldest first. Too short for a phrase of substance, or made of a name that weighs little, it
    was "0% agreed", its words "new"; a whole paragraph agreed is agreed language, however short.
    (Called where no span of substance was found.)"""
    tokens = tokenize_words(text)
    n_words = tokens.count_words()
    if not n_words or n_words >= 2 * min_words or min_words > SHORT_WORDS:
        return None  # a longer minimum asked for is kept: no span under it
    view = lib.view

    def build() -> dict[str, list[int]]:
        held: dict[str, list[int]] = {}
        for row, r in enumerate(view.records):
            if r.kind in PRECEDENT_KINDS and len(r.text.split()) < 2 * min_words:
                held.setdefault(words_key(r.text), []).append(row)
        return held

    short = view.memo(("compare.short_paragraphs", min_words), build)
    found = sorted((view.records[r] for r in short.get(words_key(strip_marks(text)), ())
                    if r in rows), key=lambda r: _oldest_first(lib, r))
    if not found:
        return None
    c0 = len(text) - len(text.lstrip())
    c1 = len(text.rstrip())
    drafts_only = all(_status(view, r.doc_id) != "adopted" for r in found)
    return AgreedSpan(c0, c1, text[c0:c1], tuple(r.citation for r in found),
                      tuple(r.id for r in found), n_words, drafts_only)


# A footnote mark as a PDF's text gives it when copied: plain digits after the closing
# punctuation of a clause ("Development”, 11 and"), glued to a word ("the Child4") or to a year
# ("of 3 April 202310 and": 2023 and mark 10), or standing between words ("Human Rights 2
# and"). Only a candidate: ``plain_marks`` keeps it as a mark where an agreed paragraph holding
# the words around it has that footnote.
_CLAUSE_END = "”’\"),.;:"  # what a mark follows when it closes a clause
_YEAR = r"(?<![\d.,/])(?:19|20)\d\d"  # a year standing alone: not inside a longer figure
_PLAIN_MARK = re.compile(rf"(?:(?<=[{re.escape(_CLAUSE_END)}])[ \t]?|(?<=[a-z])|(?<=[a-z] )"
                         rf"|(?<={_YEAR}))(?P<mark>\d{{1,3}})(?=[\s,.;:]|$)")
_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
_NO_MARKS = str.maketrans("", "", SUPERSCRIPTS)


@dataclass(frozen=True)
class PlainMark:
    """A footnote mark pasted as plain digits, read as the mark it is (``plain_marks``)."""

    mark: str
    after: str  # the words it follows in the draft
    citation: str  # an agreed paragraph holding the words around it, which has that footnote

    def sentence(self) -> str:
        return (f"“{self.mark}” after “{self.after}” read as a footnote mark ({self.citation}, "
                f"holding these words, has a footnote {self.mark})")

    def to_dict(self) -> dict:
        return {"mark": self.mark, "after": self.after, "citation": self.citation}


def plain_marks(lib, text: str, rows: set[int], min_words: int
                ) -> tuple[str, tuple[PlainMark, ...]]:
    """``text`` with the footnote marks a copy from a PDF leaves as plain digits set as the
    superscripts they are printed as, and what was read so. A paragraph pasted from the PDF of
    A/RES/78/181 ("... for Sustainable Development”, 11 and the Addis Ababa ...") was 64%
    agreed language with "”, 11" new. Digits are a mark only where, set as a mark, an agreed
    span runs over them (or, after punctuation, up to them at the paragraph's end), and a
    paragraph holding that span has a footnote of that number: a figure ("in 2019, 15
    countries") is not taken for one, nor are digits an agreed span of the paragraph as pasted
    already holds as words ("of 22 March"). Where they stand the paragraph does not say (its marks
    are not kept), so of the paragraphs holding the span the one with the most of the pasted
    marks among its footnotes is named."""
    found = list(_PLAIN_MARK.finditer(text))
    if found:
        # digits an agreed span already holds as words are words ("of 22 March 2012,1 31/14":
        # the day set as a mark too broke the span the mark "1" stands in)
        as_words = find_spans(lib, text, rows, min_words)[0]
        found = [m for m in found
                 if not any(s.start <= m.start() and m.end() <= s.end for s in as_words)]
    if not found:
        return text, ()
    view = lib.view
    pasted = {m.group("mark") for m in found}

    def marked(which) -> tuple[str, list[int]]:
        out, at, pos = [], [], 0
        for m in which:
            out.append(text[pos:m.start()].rstrip(" \t") if m.start() > pos and
                       text[m.start() - 1] in " \t" else text[pos:m.start()])
            at.append(sum(len(x) for x in out))
            out.append(m.group("mark").translate(_SUPERSCRIPT))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), at

    candidate, places = marked(found)
    spans = find_spans(lib, candidate, rows, min_words)[0]
    kept: list[tuple[re.Match, PlainMark]] = []
    for m, at in zip(found, places):
        after = candidate[at + len(m.group("mark")):]
        punctuated = text[:m.start()].rstrip(" \t")[-1:] in _CLAUSE_END
        for span in spans:
            # the span runs over the mark; or up to it, with punctuation between, at the end of
            # the paragraph ("... for Development,12")
            over = span.start <= at < span.end
            last = (punctuated and span.start <= at
                    and not any(ch.isalnum() for ch in candidate[span.end:at])
                    and not any(ch.isalnum() for ch in after))
            if not (over or last):
                continue
            holders = [r for r in (view.records[view.data.by_id[i]] for i in span.ids
                                   if i in view.data.by_id)
                       if any(f.mark == m.group("mark") for f in r.footnotes)]
            if holders:
                holder = max(holders, key=lambda r: len(pasted & {f.mark for f in r.footnotes}))
                words = candidate[:at].translate(_NO_MARKS).split()
                kept.append((m, PlainMark(m.group("mark"), " ".join(words[-2:]),
                                          holder.citation)))
                break
    if not kept:
        return text, ()
    cleaned = marked([m for m, _ in kept])[0] if len(kept) < len(found) else candidate
    return cleaned, tuple(pm for _, pm in kept)


def _agreed_first(tokens: Tokens, runs: list[Run], min_words: int,
                  substance: Callable[[int, int], bool], adopted: Callable[[int], bool]
                  ) -> tuple[list[tuple[int, int, tuple[int, ...]]], set[tuple[int, int]]]:
    """``partition_runs`` of ``runs``, adopted texts' first: with drafts counted on request, a
    draft's longer run took the span, and 70 words that A/RES/76/266 holds were "drafts only:
    not agreed language". Agreed spans are cut from the adopted texts' runs that are language of
    substance (``substance(start, end)``; citing the drafts that hold them whole too); drafts'
    runs fill the rest. Also returned: the pieces of a draft's run that reaches into agreed
    spans ("Head of State," in a run of A/80/L.2 whose other words A/RES/80/1 holds; "We"): the
    draft's language all the same, whatever their length or substance. ``adopted(row)``: whether
    an indexed text is an adopted one."""
    agreed = [r for r in runs if adopted(r.row)]
    if len(agreed) == len(runs):
        return partition_runs(runs, min_words, tokens.count_words), set()
    drafts = [r for r in runs if not adopted(r.row)]
    parts = []
    for start, end, rows in partition_runs(agreed, min_words, tokens.count_words):
        if not substance(start, end):
            continue  # a stock phrase: a draft's run may hold it with its neighbours
        holding = tuple(dict.fromkeys(r.row for r in drafts if r.start <= start and r.end >= end))
        parts.append((start, end, rows + tuple(h for h in holding if h not in rows)))
    gaps, at = [], 0
    for start, end, _ in parts:
        gaps.append((at, start))
        at = max(at, end)
    gaps.append((at, len(tokens.keys)))
    clipped, cut = [], []
    for run in drafts:
        for g0, g1 in gaps:
            s0, s1 = max(run.start, g0), min(run.end, g1)
            if s1 > s0:  # the run's words in the gap, from the same place of its text
                s0, s1 = trim_to_words(tokens, tokens, s0, s1, s0)  # whole words
                if s1 > s0:
                    piece = Run(run.row, s0, s1, run.at + s0 - run.start)
                    clipped.append(piece)
                    if (s0, s1) != (run.start, run.end):
                        cut.append(piece)
    filled = partition_runs(clipped, 1, tokens.count_words)
    pieces = {(a, b) for a, b, _ in filled if any(r.start <= a and r.end >= b for r in cut)}
    return sorted(parts + filled), pieces


def _status(view, doc_id: str) -> str:
    card = view.documents.get(doc_id)
    return card.status if card is not None else ""


def _stitches(lib, text: str, spans: list[AgreedSpan],
              kept: list[tuple[int, int]]) -> list[Stitch]:
    """Where two consecutive spans (nothing but spaces and punctuation between them in the draft)
    cite one paragraph that holds each but not the two together: the words it has between them,
    which the draft leaves out (``Stitch``)."""
    out: list[Stitch] = []
    for (a, (_, a_end)), (b, (b_start, _)) in zip(zip(spans, kept), zip(spans[1:], kept[1:])):
        if a_end != b_start:
            continue
        for rid in (i for i in a.ids if i in b.ids):
            record = lib.get(rid)
            joined = strip_marks(text[a.start:b.end])
            if find_phrase(record.text, joined):
                continue
            first = find_phrase(record.text, strip_marks(a.text))
            second = find_phrase(record.text, strip_marks(b.text))
            after = [s for s in second if first and s[0] >= first[0][1]]
            between = " ".join(record.text[first[0][1]:after[0][0]].split()) if after else ""
            if after and not any(ch.isalnum() for ch in between):
                continue  # only punctuation between them there ("Head of State, which"): no
                # word of it is left out
            out.append(Stitch(b.start, record.citation, record.id, between.strip(" ,;")))
            break
        else:
            seam = _seam(lib, a, b)
            if seam is not None:
                out.append(seam)
    return out


SEAM_WORDS = 3  # the most words a seam replaces, on either side
SEAM_HOLD = 3  # the fewest words the rest of the span must keep to show where it came from


def _seam(lib, a: AgreedSpan, b: AgreedSpan) -> Stitch | None:
    """Where a paragraph holding one of two consecutive spans reads on into the other with a few
    words of its own instead of the draft's: A/RES/78/173 para. 9 holds "... fulfilling the rights
    of" and then "all persons living with a rare disease"; the draft has "some persons ...",
    which PP7 holds. Each span is agreed language; the draft changed the paragraph where they
    meet (``Stitch`` with ``instead``). None when no paragraph of either span does."""
    a_words, b_words = a.text.split(), b.text.split()
    for rid in a.ids:  # a paragraph holding the first span, reading on
        text = lib.get(rid).text
        ends = [e for _, e in find_phrase(text, strip_marks(a.text))]
        for k in range(1, min(SEAM_WORDS, len(b_words) - SEAM_HOLD) + 1):
            rest = find_phrase(text, strip_marks(" ".join(b_words[k:])))
            found = _gap(text, ends, [s for s, _ in rest], forward=True)
            if found is not None:
                return _seam_stitch(lib, b, rid, found, " ".join(b_words[:k]))
    for rid in b.ids:  # a paragraph holding the second span, reading back
        text = lib.get(rid).text
        starts = [s for s, _ in find_phrase(text, strip_marks(b.text))]
        for k in range(1, min(SEAM_WORDS, len(a_words) - SEAM_HOLD) + 1):
            rest = find_phrase(text, strip_marks(" ".join(a_words[:-k])))
            found = _gap(text, [e for _, e in rest], starts, forward=False)
            if found is not None:
                return _seam_stitch(lib, b, rid, found, " ".join(a_words[-k:]))
    return None


def _gap(text: str, ends: list[int], starts: list[int], forward: bool) -> str | None:
    """The text between an end in ``ends`` and the nearest start in ``starts`` after it (the
    first such pair reading forward, the last reading back) when it holds at most
    ``SEAM_WORDS`` words; else None."""
    pairs = [(e, s) for e in ends for s in starts if s >= e]
    for e, s in (sorted(pairs) if forward else sorted(pairs, key=lambda p: (-p[1], -p[0]))):
        between = text[e:s]
        if len(between.split()) <= SEAM_WORDS:
            return between
    return None


def _seam_stitch(lib, b: AgreedSpan, rid: str, between: str, instead: str) -> Stitch | None:
    between, instead = " ".join(between.split()).strip(" ,;"), instead.strip(" ,;")
    if normalize_words(between) == normalize_words(instead):
        return None  # the same words, punctuation apart
    return Stitch(b.start, lib.get(rid).citation, rid, between, instead)


def normalize_words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", text.casefold()) if w]
