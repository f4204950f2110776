"""Is this agreed language? Compare a draft with the library, paragraph by paragraph.

    from precedent.search import Library
    from precedent.search.compare import compare_text, compare_file
    result = compare_text(lib, "We commit to ...\\n\\nWe recognize ...", exclude_docs=["my-draft"])
    for p in result.paragraphs:
        print(p.draft.number, p.coverage, [h.citation for h in p.matches], p.spans)

For each draft paragraph:

* ``matches``: the closest earlier paragraphs (hybrid search with the paragraph as the query,
  re-ranked by ``scoring.similarity`` = 0.5 x dense cosine + 0.5 x word-set overlap), best first. A
  candidate counts as a match only above the confidence threshold (``is_confident``): dense
  cosine >= ``MIN_DENSE`` or word overlap >= ``MIN_OVERLAP`` or at least one agreed span.
* ``spans``: every phrase of substance of >= ``min_words`` draft words standing verbatim (after
  normalising case, quotes, dashes and whitespace) in an earlier paragraph, with the citations of
  every paragraph that holds the whole span (``draft.find_spans``: stock runs and names alone
  are not agreed language); everything else is new. ``coverage``: the share of draft words in
  agreed spans.

What counts as precedent: adopted texts only, by default (agreed language is language in adopted
texts); drafts too with ``include_drafts`` (the report says so and names them). The document
being compared never counts: the records' own documents (``compare_records``), a library
document with the draft file's content or symbol (``compare_file``), or a document not adopted
whose paragraphs are the draft's paragraphs (any draft). ``CompareResult.documents`` names the
documents that counted, ``left_out`` those left out and why.
* ``changes``: word operations from the best match to the draft (``search.compare.diff``).

Each match is a ``Hit`` whose ``score`` is that similarity. ``ui.render.render_comparison``
turns a ``CompareResult`` into a readable page.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from precedent.index.numbering import numbering_note
from precedent.index.text_match import find_phrase
from precedent.ingest.digest import file_sha256
from precedent.ingest.doc_meta import symbol_key
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import Paragraph
from precedent.ingest.text_patterns import masthead_symbol
from precedent.ingest.wording import counted

from ..results import Hit
from ..verbatim import strip_marks, tokenize_words
from .diff import WordOp, diff_counts, meaning_changes, word_diff, words_key
from .draft import (
    AgreedSpan,
    DraftParagraph,
    Formula,
    PlainMark,
    Stitch,
    find_spans,
    plain_marks,
    read_draft_document,
    set_apart_headings,
    split_paragraphs,
    whole_short_span,
)
from .pasted import clean_pasted, footnote_key
from .scoring import PRECEDENT_KINDS, as_query, rank_candidates

log = logging.getLogger(__name__)
_WORDS = re.compile(r"\w[\w'\u2019-]*")


class CompareError(PrecedentError, ValueError):
    """A comparison that cannot be made (empty draft, no precedent documents); says why."""


class DraftTooLong(CompareError):
    """A draft with more paragraphs than ``CompareOptions.max_paragraphs``."""

    def __init__(self, paragraphs: int, limit: int):
        super().__init__(f"the draft has {paragraphs} paragraphs; this compares up to {limit}")
        self.paragraphs = paragraphs
        self.limit = limit


@dataclass(frozen=True)
class CompareOptions:
    k: int = 5
    min_words: int = 5
    only_docs: tuple[str, ...] = ()  # only these documents count as precedent
    exclude_docs: tuple[str, ...] = ()  # ... and never these (e.g. the draft's own document)
    before: str = ""  # ISO date: only documents dated before it (undated documents are left out)
    max_paragraphs: int = 0  # refuse longer drafts (DraftTooLong); 0: no limit
    include_drafts: bool = False  # drafts (and other texts not adopted) count as precedent too

    @staticmethod
    def is_date(text: str) -> bool:
        """Whether ``text`` is a date ``before`` accepts (YYYY, YYYY-MM-DD)."""
        return _is_iso_date(text)

    @classmethod
    def make(cls, k: int = 5, min_words: int = 5, only_docs=(), exclude_docs=(),
             before: str | None = "",
             max_paragraphs: int = 0, include_drafts: bool = False, **unknown) -> CompareOptions:
        if unknown:
            raise CompareError(f"unknown option(s): {', '.join(sorted(unknown))}")
        if int(k) < 1:
            raise CompareError("k must be at least 1")
        if int(min_words) < 1:
            raise CompareError("the minimum span length must be at least 1 word")
        before = (before or "").strip()
        if before and not _is_iso_date(before):
            raise CompareError(f"--before takes a date like 2018-12-19, not '{before}'")
        return cls(int(k), int(min_words), _as_tuple(only_docs), _as_tuple(exclude_docs), before,
                   max(0, int(max_paragraphs or 0)), bool(include_drafts))


def _as_tuple(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def _is_iso_date(s: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(s if len(s) == 10 else f"{s}-01-01" if len(s) == 4 else s)
        return True
    except ValueError:
        return False


def percent(part: int, whole: int) -> int:
    """``part / whole`` in whole percent, never rounded up to 100 nor down to 0 when not exact:
    the agreed share as the page, the report and the command line all show it."""
    if not whole or not part:
        return 0
    if part >= whole:
        return 100
    return min(99, max(1, round(100 * part / whole)))


def share_phrase(pct: int, whole: bool = True, drafts: bool = False,
                 apart: str = "not agreed as a whole") -> str:
    """"87% agreed language"; for text not agreed as a whole, the share of its words in agreed
    spans, said to be that ("100% of words in agreed spans, not agreed as a whole"): a
    paragraph joining agreed spans where no paragraph joins them showed "99%" beside "82 of 82
    words", a figure no count gave."""
    spans = "agreed or draft" if drafts else "agreed"
    if whole:
        return f"{pct}% {spans} language"
    return f"{pct}% of words in {spans} spans, {apart}"


class AgreedShare:
    """``coverage`` and ``percent`` from ``words`` and ``agreed_words`` (a paragraph, a draft)."""

    words: int
    agreed_words: int

    @property
    def coverage(self) -> float:
        return self.agreed_words / self.words if self.words else 0.0

    @property
    def percent(self) -> int:
        """The agreed share in whole percent (see ``percent``)."""
        return percent(self.agreed_words, self.words)


# a paragraph's changes of meaning are said from four fifths agreed language: below, the closest
# paragraph is another text more than an earlier version of this one (a masthead line half of
# which is a title another paragraph quotes was "deleted 2028")
MEANING_COVERAGE = 0.8


@dataclass
class ParagraphComparison(AgreedShare):
    draft: DraftParagraph
    matches: list[Hit]  # above the confidence threshold, best first; score = similarity
    spans: list[AgreedSpan]
    words: int
    agreed_words: int
    changes: list[WordOp] = field(default_factory=list)  # best match -> draft
    # agreed spans joined where their paragraph does not join them: the draft is not agreed
    # language as a whole, however many of its words are
    stitches: list[Stitch] = field(default_factory=list)
    held_whole: bool = True  # one counted paragraph holds all its spans, in this order
    # stock phrases a counted paragraph holds: neither agreed language counted nor new words
    formulas: list[Formula] = field(default_factory=list)
    # footnote marks pasted as plain digits, read as marks (``draft.plain_marks``)
    marks: tuple[PlainMark, ...] = ()
    # where the closest paragraph's language was first agreed, when an older text holds it or a
    # part of it (``history_of``); "" otherwise
    history: str = ""

    @property
    def best(self) -> Hit | None:
        return self.matches[0] if self.matches else None

    @property
    def pieced(self) -> bool:
        """Every word stands in agreed spans, but no one paragraph holds them all, in the draft's
        order: the paragraph is made of pieces of agreed language, not agreed as a whole (an
        audit's "Reaffirming" for "Recalling" at the head of A/RES/78/168 PP12, the verb and
        the words after it each verbatim elsewhere, was "100% agreed language")."""
        return bool(self.words) and self.agreed_words >= self.words and not self.held_whole

    @property
    def pieced_note(self) -> str:
        """What the command line and the page say of a paragraph made of pieces (``pieced``)."""
        if not self.pieced:
            return ""
        return (f"it is made of {len(self.spans)} agreed spans, and no one paragraph holds them "
                "together in this order")

    @property
    def meaning_changes(self) -> list[str]:
        """Against the closest paragraph, the changed words that can turn what it says
        (``diff.meaning_changes``: a negation, a quantifier, a modal verb, a figure), for a
        paragraph mostly agreed language (``MEANING_COVERAGE``), whose share could hide them
        ("99% agreed language" with "not" inserted)."""
        if self.best is None:
            return []
        # four fifths agreed, or four fifths of the draft's words kept from the closest
        # paragraph: a date changed in a short paragraph ("Decides to proclaim 6 September as
        # ...") leaves runs too short to be agreed spans either side of it, and fell under the
        # share (an audit: 79%, nothing said)
        counts = diff_counts(self.changes)
        kept = counts["kept"] / max(1, counts["kept"] + counts["inserted"])
        # the agreed share speaks of the closest paragraph only where its spans stand in it: a
        # piece of a paragraph pasted across a page break, agreed in A/RES/80/7 para. 2, had
        # another text closest by similarity, and "deleted “2030”" was said against that one
        cited = {c for span in self.spans for c in span.citations}
        agreed_here = self.coverage >= MEANING_COVERAGE and (
            not cited or self.best.citation in cited)
        if not agreed_here and kept < MEANING_COVERAGE:
            return []
        return meaning_changes(self.changes)

    @property
    def meaning_note(self) -> str:
        """What the command line and the page say of ``meaning_changes``."""
        found = self.meaning_changes
        if not found:
            return ""
        return (f"against {self.best.citation}, {', '.join(found)}: "
                f"{'a word' if len(found) == 1 else 'words'} that can turn what it says")

    @property
    def whole(self) -> bool:
        """Whether the paragraph may be agreed as a whole: not joined where its paragraph does not
        join it (``stitches``), nor made of pieces (``pieced``)."""
        return not (self.stitches or self.pieced)

    def share(self, drafts: bool = False) -> str:
        """The agreed share as the command line and the page head the paragraph with it
        (``share_phrase``)."""
        return share_phrase(self.percent, self.whole, drafts)

    def to_dict(self) -> dict:
        changes = None
        if self.best is not None:
            changes = {"id": self.best.record.id, "citation": self.best.citation,
                       **diff_counts(self.changes), "ops": [op.to_list() for op in self.changes]}
        return {"draft_number": self.draft.number, "draft_part": self.draft.part,
                "text": self.draft.text,
                "matches": [h.to_dict() for h in self.matches],
                "spans": [s.to_dict() for s in self.spans],
                "coverage": round(self.coverage, 4), "changes": changes,
                "stitches": [t.to_dict() for t in self.stitches], "pieced": self.pieced,
                "whole": self.whole,
                "formulas": [f.to_dict() for f in self.formulas],
                "marks": [m.to_dict() for m in self.marks],
                "meaning_changes": self.meaning_changes, "history": self.history}


@dataclass
class CompareResult(AgreedShare):
    paragraphs: list[ParagraphComparison]
    documents: list[str]  # doc ids that counted as precedent
    options: CompareOptions
    left_out: dict[str, str] = field(default_factory=dict)  # doc id -> why it did not count
    # the documents that counted but are not adopted
    drafts: list[str] = field(default_factory=list)
    # a draft file's breaks in its printed numbering (``index.numbering``): the share is of
    # what was read; "" for pasted text, whose paragraphs may be any the user chose, and for a
    # working draft
    numbering: str = ""
    # how a draft file was read (tracked changes accepted, hidden text left out)
    read_notes: tuple[str, ...] = ()
    # what was left out of pasted text (page furniture, footnotes: ``pasted.clean_pasted``)
    paste_notes: tuple[str, ...] = ()
    # the counted texts adopted from this very draft ("A/80/L.6 was adopted as A/RES/80/4 ..."):
    # the agreed language found there is the draft's own, as adopted (``adopted_from``)
    adopted_as: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)

    @property
    def agreed_words(self) -> int:
        return sum(p.agreed_words for p in self.paragraphs)

    @property
    def not_whole(self) -> int:
        """Paragraphs whose words stand in agreed spans but that are not agreed as a whole."""
        return sum(1 for p in self.paragraphs if not p.whole)

    @property
    def meaning_changed(self) -> list[ParagraphComparison]:
        """The paragraphs whose changed words can turn what their closest paragraph says
        (``ParagraphComparison.meaning_changes``)."""
        return [p for p in self.paragraphs if p.meaning_changes]

    @property
    def file_notes(self) -> list[str]:
        """What the command line and the page say under the whole draft's share: the paragraphs
        whose changed words can turn the meaning, and how a draft file was read (tracked changes
        accepted, hidden text left out, breaks in its numbering)."""
        changed = self.meaning_changed
        said = [(f"A negation, quantifier, modal verb or figure changed in "
                 f"{counted(len(changed), 'paragraph')} "
                 f"({', '.join('Draft ' + p.draft.label for p in changed)}): the share of "
                 "agreed words does not show it.")] if changed else []
        said += list(self.adopted_as)
        said += [f"The draft file: {n[:1].lower()}{n[1:]}" for n in self.read_notes]
        said += [f"The pasted text: {n}." for n in self.paste_notes]
        if self.numbering:
            said.append(f"The share is of the paragraphs read from the file. {self.numbering}")
        return said

    def share(self) -> str:
        """The whole draft's agreed share, as the command line and the page say it."""
        return share_phrase(self.percent, not self.not_whole, bool(self.drafts),
                            f"{counted(self.not_whole, 'paragraph')} not agreed as a whole")

    def to_dicts(self) -> list[dict]:
        return [p.to_dict() for p in self.paragraphs]

    def json_lines(self) -> list[dict]:
        """What ``precedent compare`` prints and the page's "JSON lines" download holds: one line
        per paragraph, then ``{"summary": ...}`` (the page's file lacked the summary: the whole
        draft's share and what was left out of a paste)."""
        return [*self.to_dicts(), {"summary": self.summary()}]

    def summary(self) -> dict:
        return {"paragraphs": len(self.paragraphs), "words": self.words,
                "agreed_words": self.agreed_words,
                "coverage": round(self.coverage, 4), "documents": list(self.documents),
                "drafts_counted": list(self.drafts), "left_out": dict(self.left_out),
                "with_match": sum(1 for p in self.paragraphs if p.matches),
                "numbering": self.numbering, "read_notes": list(self.read_notes),
                "paste_notes": list(self.paste_notes), "adopted_as": list(self.adopted_as),
                "meaning_changed": [p.draft.label for p in self.meaning_changed]}


# --- the library side ----------------------------------------------------------------------

OWN = "the document being compared"
# a text not adopted holding the draft's paragraphs word for word, taken for the draft itself (a
# copy of an adopted resolution is word for word its draft too: "A/80/L.7 ... the document being
# compared" was said of a copy of A/RES/80/7)
SAME_TEXT = "the draft's own text, word for word (taken for the draft itself)"
NOT_ADOPTED = "not adopted (a draft counts only on request)"
EXCLUDED = "left out on request"


def precedent_docs(lib, options: CompareOptions, own: set[str] = frozenset(),
                   same: set[str] = frozenset()) -> tuple[list[str], dict[str, str]]:
    """The documents that count as precedent, and those left out with why (``own``: the
    document being compared, which never counts; ``same``: documents taken for it by their
    words, ``same_documents``)."""
    infos = {d["doc_id"]: d for d in lib.documents()}
    docs = {d: info.get("date", "") for d, info in infos.items()}
    for d in (*options.only_docs, *options.exclude_docs):
        if d not in docs:
            raise CompareError(f"unknown document '{d}' (documents: "
                               f"{', '.join(sorted(docs)) or 'none'})")
    left_out: dict[str, str] = {}
    chosen = []
    for d in docs:
        if d in options.exclude_docs:
            left_out[d] = EXCLUDED  # named with the others left out: the report says so
            continue
        if options.only_docs and d not in options.only_docs:
            continue
        if d in own:
            left_out[d] = OWN
        elif d in same:
            left_out[d] = SAME_TEXT
        elif infos[d].get("status", "adopted") != "adopted" and not options.include_drafts:
            left_out[d] = NOT_ADOPTED
        elif options.before and not (docs[d] and docs[d] < options.before):
            left_out[d] = f"not dated before {options.before}"
        else:
            chosen.append(d)
    if not chosen:
        raise CompareError(_none_counts(infos, left_out, options))
    return chosen, left_out


def _none_counts(infos: dict[str, dict], left_out: dict[str, str], options: CompareOptions) -> str:
    """Why no document counts as precedent, and what to do about it."""
    def name(d: str) -> str:
        info = infos[d]
        return info.get("label") or info.get("symbol") or info.get("short_title") or d

    adopted = [d for d, info in infos.items() if info.get("status", "adopted") == "adopted"
               and left_out.get(d) not in (OWN, SAME_TEXT)]
    if not adopted and not options.include_drafts:
        held = ", ".join(f"{name(d)} ({infos[d].get('status', '')})" for d in infos) or "nothing"
        return (f"no adopted text in the library to count as agreed language: it holds {held}. Add "
                "adopted resolutions (precedent add FILE, or precedent fetch --catalogue), or "
                "count drafts as precedent (--include-drafts; on the page, 'Count drafts too')")
    why = [f"{name(d)}: {reason}" for d, reason in left_out.items()]
    why += [f"{name(d)}: left out on request" for d in infos if d not in left_out
            and options.only_docs and d not in options.only_docs]
    return "no document counts as precedent with these options (" + "; ".join(why) + ")"


def same_documents(lib, paragraphs: list[DraftParagraph]) -> set[str]:
    """Library documents not adopted that are the draft itself: four in five of their paragraphs
    stand word for word in the draft (footnote marks, quotes and spacing aside, a paragraph
    pasted with more after it counting), and they make up four fifths of the draft's words. (An
    adopted text with the draft's words is agreed language, and is said to be.) A whole draft
    pasted from its PDF, masthead and footnotes with it, was taken for itself 1 time in 10, and
    with drafts counted it was its own precedent."""
    def key(text: str) -> str:
        return words_key(strip_marks(text)).lower()

    draft = " ".join(key(p.text) for p in paragraphs if p.text.strip())
    if not draft:
        return set()
    words = len(draft.split())
    held: dict[str, list[int]] = {}
    adopted = {d["doc_id"] for d in lib.documents() if d.get("status", "adopted") == "adopted"}
    for r in lib.records:
        if r.kind in PRECEDENT_KINDS and r.doc_id not in adopted:
            counts = held.setdefault(r.doc_id, [0, 0, 0])
            counts[0] += 1
            if key(r.text) in draft:
                counts[1] += 1
                counts[2] += len(r.text.split())
    return {d for d, (n, same, same_words) in held.items() if n and same >= 0.8 * n
            and same_words >= 0.8 * words}


def compare_paragraphs(lib, paragraphs: list[DraftParagraph], options: CompareOptions | None = None,
                       own: set[str] = frozenset(), symbols: set[str] = frozenset(),
                       **kwargs) -> CompareResult:
    """Compare draft paragraphs already split (``compare_text``/``compare_file`` read them).
    ``own``: documents known to be the draft itself (besides those ``same_documents`` finds);
    ``symbols``: the symbol the draft prints, if any (``adopted_from``)."""
    options = options or CompareOptions.make(**kwargs)
    paragraphs = [p for p in paragraphs if p.text.strip()]
    if not paragraphs:
        raise CompareError("the draft is empty: no paragraphs to compare")
    if options.max_paragraphs and len(paragraphs) > options.max_paragraphs:
        raise DraftTooLong(len(paragraphs), options.max_paragraphs)
    # (taken for the draft by its words, said so: it may be a copy of another text)
    docs, left_out = precedent_docs(lib, options, set(own),
                                    same_documents(lib, paragraphs) - set(own))
    allowed = set(docs)
    rows = {i for i, r in enumerate(lib.records) if r.doc_id in allowed
            and r.kind in PRECEDENT_KINDS}
    # footnote marks pasted from a PDF as plain digits, set as the marks they are
    read_marks: dict[int, tuple[PlainMark, ...]] = {}
    for n, p in enumerate(paragraphs):
        text, marks = plain_marks(lib, p.text, rows, options.min_words)
        if marks:
            paragraphs[n] = replace(p, text=text)
            read_marks[id(paragraphs[n])] = marks
    searchable = [p for p in paragraphs if tokenize_words(p.text).keys]
    pool = max(10, 2 * options.k)  # candidates to re-rank
    answers = lib.batch([as_query(p.text) for p in searchable], k=pool, mode="hybrid", doc=docs)
    by_para = {id(p): a for p, a in zip(searchable, answers)}
    out = []
    for p in paragraphs:
        spans, n_words, agreed, stitches, formulas = find_spans(lib, p.text, rows,
                                                                options.min_words)
        if not spans and (short := whole_short_span(lib, p.text, rows, options.min_words)):
            spans, agreed, formulas = [short], short.words, []
        answer = by_para.get(id(p))
        hits = list(answer.hits) if answer is not None else []
        agreed_ids = {i for s in spans for i in s.ids}
        seen = {h.record.id for h in hits}
        # verbatim sources the search missed
        hits += [Hit(lib.get(i), 0.0) for i in agreed_ids - seen]
        ranked = rank_candidates(p.text, hits, agreed_ids)
        # each match ranked by its place here (the search's rank read 1, 2, 5, 3, 4 in JSON)
        matches = [replace(h, rank=n) for n, h in
                   enumerate([h for h, ok in ranked if ok][:options.k], start=1)]
        changes = word_diff(matches[0].record.text, p.text) if matches else []
        # one counted paragraph holds every span, in the draft's order (a draft's, with drafts
        # counted: its words split between the adopted texts' spans and its own)
        whole = len(spans) < 2 or any(
            find_phrase(lib.get(i).text, strip_marks(p.text[spans[0].start:spans[-1].end]))
            for i in agreed_ids)
        if whole and len(spans) > 1:
            stitches = []  # one counted paragraph joins them all: another's joins do not matter
        out.append(ParagraphComparison(p, matches, spans, n_words, agreed, changes, stitches,
                                       whole, formulas, read_marks.get(id(p), ()),
                                       history_of(lib, matches[0].record, own)
                                       if matches else ""))
    log.info("compared %d paragraphs against %d documents", len(out), len(docs))
    infos = {d["doc_id"]: d for d in lib.documents()}
    own_symbols = {*symbols, *(infos[d].get("symbol") or "" for d in (*own, *(
        d for d, why in left_out.items() if why == SAME_TEXT)) if d in infos)}
    return CompareResult(out, docs, options, left_out,
                         [d for d in docs if infos[d].get("status", "adopted") != "adopted"],
                         adopted_as=adopted_from(infos, docs, own_symbols))


def adopted_from(infos: dict[str, dict], counted: list[str], symbols: set[str]) -> tuple[str, ...]:
    """A note for each counted text adopted from the draft compared (its masthead names one of
    ``symbols``, the draft's own): "A/80/L.6 was adopted as A/RES/80/4 (2025-10-29): ...". Its
    words are agreed language, and the share says so, but they are the draft's own words as
    adopted, not a precedent it drew on; a delegate read "100% agreed language" of a draft
    whose only source was its own resolution."""
    keys = {symbol_key(s): s for s in symbols if s}
    notes = []
    for d in counted:
        named = infos[d].get("draft_symbol") or ""
        if named and symbol_key(named) in keys:
            info = infos[d]
            when = f" ({info['date']})" if info.get("date") else ""
            notes.append(f"{keys[symbol_key(named)]} was adopted as "
                         f"{info.get('symbol') or d}{when}: the agreed language found there is "
                         "this draft's own text as adopted, not an earlier precedent "
                         f"(--exclude-doc {d} compares the draft with what came before it).")
    return tuple(notes)


def history_of(lib, record: Paragraph, own: set[str] = frozenset()) -> str:
    """``A/RES/76/266, annex, para. 3: first agreed in A/RES/73/195, annex, para. 15 (in part,
    2018); repeated in ...``: the closest paragraph's provenance (``search.provenance``, as a
    search shows it, less the documents ``own``: the draft compared) when an older text holds
    its language or a part of it. A span cites the paragraphs holding all of it; a delegate
    read the 2022 citation of a paragraph whose guiding principles were agreed in 2018 and 2019
    as 2022 language."""
    prov = lib.provenance(record.id)
    if prov is not None and own:  # the draft compared is no text the language stands in
        prov = prov.without({e.record.id for e in prov.echoes() if e.record.doc_id in own},
                            record.id)
    if prov is None or prov.first is None or (prov.first.record.id == record.id
                                              and not prov.older_parts):
        return ""
    return f"{record.citation}: {prov.sentence()}"


def _options(options: CompareOptions | None, kwargs: dict) -> CompareOptions:
    if options is not None and kwargs:
        raise CompareError("give either options or keyword options, not both")
    return options or CompareOptions.make(**kwargs)


# the masthead of a first page pasted from a PDF: within its first lines, beside "Distr."
MASTHEAD_LINES = 12


def pasted_symbol(text: str) -> str:
    """The symbol a pasted text's masthead prints ("United Nations A/80/L.8" above "General
    Assembly Distr.: Limited"), '' when its first lines hold no masthead: a symbol alone in a
    paragraph is no masthead."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:MASTHEAD_LINES]
    if not any(re.search(r"\bDistr\.?\s*:", ln) for ln in lines):
        return ""
    return next((sym for ln in lines if (sym := masthead_symbol(ln))), "")


# the line after a resolution's masthead and title: "The General Assembly," (a draft's may
# lack the comma); within the first lines of a page pasted
_AUTHOR_LINE = re.compile(r"^\s*The General Assembly,?\s*$")
MASTHEAD_SEARCH_LINES = 40


def without_masthead(text: str) -> tuple[str, str]:
    """A pasted first page's text after its masthead and title, and the masthead and title (one
    line) when "The General Assembly" stands alone on a line among its first
    ``MASTHEAD_SEARCH_LINES``; else the text as it is and "". Pasted from a PDF viewer, the
    masthead ran on into the resolution's first paragraph, compared as "unnumbered paragraph 1:
    32% agreed language"."""
    lines = text.splitlines()
    at = next((i for i, ln in enumerate(lines[:MASTHEAD_SEARCH_LINES])
               if _AUTHOR_LINE.match(ln)), None)
    if at is None:
        return text, ""
    return "\n".join(lines[at + 1:]), " ".join(" ".join(lines[:at + 1]).split())


def own_documents(lib, symbol: str, sha: str = "") -> set[str]:
    """The library's copies of the draft compared, which never count as its precedent: those
    printed with the symbol its masthead prints, and (a file) those of its very content."""
    return {d["doc_id"] for d in lib.documents() if sha and d.get("sha256") == sha
            or symbol and d.get("symbol") and symbol_key(d["symbol"]) == symbol_key(symbol)}


def numbered_twice(paragraphs: list[DraftParagraph]) -> str:
    """The labels a draft prints on more than one paragraph ("para. 20" twice, a number kept
    after a paragraph was inserted in the room), as a note; "" when none is. Each paragraph is
    compared as it stands, both under the one label: said, it is no paragraph lost."""
    # (unnumbered paragraphs are "u1", "u2" ..., or numbered by position where none is printed:
    # never twice)
    seen = Counter(p.label for p in paragraphs if p.number and not p.number.startswith("u"))
    twice = [label for label, n in seen.items() if n > 1]
    if not twice:
        return ""
    return ("it numbers more than one paragraph " + ", ".join(f"“{t}”" for t in twice)
            + ": each is compared as it stands, under that label")


def compare_text(lib, text: str, options: CompareOptions | None = None, *, hold=None,
                 **kwargs) -> CompareResult:
    """Compare pasted text (paragraphs separated by blank lines; numbers kept). ``options`` or
    the keyword options of ``CompareOptions.make``; ``hold``: a context manager held while the
    library is used (the page's lock), not while the draft is read."""
    options = _options(options, kwargs)
    if not isinstance(text, str) or not text.strip():
        raise CompareError("the draft is empty: paste or give some text to compare")
    with hold or nullcontext():
        # a copy from a PDF brings page furniture and footnotes, and words broken at line ends
        cleaned = clean_pasted(text, library_words(lib).__contains__, library_footnotes(lib))
        if not cleaned.text.strip():
            raise CompareError("the draft is empty: the pasted text is page furniture only")
        # a first page pasted with its masthead names the draft: the library's copy of it is the
        # document compared, and a text adopted from it is said to be (``adopted_from``); the
        # masthead and title, up to "The General Assembly", are no paragraph of it
        symbol = pasted_symbol(text)
        body, masthead = without_masthead(cleaned.text) if symbol else (cleaned.text, "")
        # headings are set apart only among numbered paragraphs, which stay: never all of it
        paragraphs, headings = set_apart_headings(split_paragraphs(body))
        result = compare_paragraphs(lib, paragraphs, options, own_documents(lib, symbol),
                                    {symbol} if symbol else set())
    said = ("left out as headings: " + "; ".join(f"\u201c{h}\u201d" for h in headings),
            ) if headings else ()
    if masthead:
        said = (f"left out as the masthead and title: \u201c{masthead}\u201d", *said)
    twice = numbered_twice(paragraphs)
    return replace(result, paste_notes=cleaned.notes + said + ((twice,) if twice else ()))


def library_words(lib) -> frozenset[str]:
    """Every word of the library's paragraphs, in lower case, hyphenated ones whole
    ("cross-border"): the words a break at a line end is joined into."""
    view = lib.view
    return view.memo("words", lambda: frozenset(
        w.strip("-'’") for r in view.records for w in _WORDS.findall(r.text.lower())))


def library_footnotes(lib):
    """``(text, mark) -> where``: where a footnote of the library's paragraphs with that text
    (``pasted.footnote_key``) stands ("A/RES/78/70, PP14, footnote 3"), one of that mark where
    one is; None when no paragraph has it."""
    view = lib.view

    def build() -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for r in view.records:
            for f in r.footnotes:
                out.setdefault(footnote_key(f.text), []).append(
                    (f.mark, f"{r.citation}, footnote {f.mark}"))
        return out

    table = view.memo("footnotes", build)

    def where(text: str, mark: str) -> str | None:
        held = table.get(text)
        if not held:
            return None
        return next((w for m, w in held if m == mark), held[0][1])

    return where


def compare_file(lib, path: str | Path, options: CompareOptions | None = None, *, hold=None,
                 **kwargs) -> CompareResult:
    """Compare a draft file (TXT, MD, DOCX, PDF); raises ``ingest.IngestError`` on a bad file.
    ``options`` and ``hold`` as for ``compare_text``."""
    options = _options(options, kwargs)
    words, footnotes = library_words(lib).__contains__, library_footnotes(lib)
    draft = read_draft_document(path, lambda text: clean_pasted(text, words, footnotes))
    paragraphs, symbol = draft.paragraphs, draft.symbol
    sha = file_sha256(path)
    with hold or nullcontext():
        result = compare_paragraphs(lib, paragraphs, options, own_documents(lib, symbol, sha),
                                    {symbol} if symbol else set())
    # a working draft's labels skip the numbers of paragraphs struck in negotiation: only a
    # published layout's numbering says that a paragraph was lost in reading it
    # (a file of paragraphs without a masthead is an excerpt: it may start at any paragraph)
    twice = "" if draft.published else numbered_twice(paragraphs)  # (published: ``numbering``)
    return replace(result, numbering=numbering_note(paragraphs, excerpt=not symbol)
                   if draft.published else "",
                   read_notes=draft.notes + ((twice[:1].upper() + twice[1:] + ".",) if twice
                                             else ()))


def compare_records(lib, records: list[Paragraph], options: CompareOptions | None = None,
                    **kwargs) -> CompareResult:
    """Compare paragraphs already parsed (e.g. a document in the library against the others)."""
    drafts = [DraftParagraph(r.number, r.text, r.part, r.kind) for r in records
              if r.kind != "footnote"]
    return compare_paragraphs(lib, drafts, _options(options, kwargs), {r.doc_id for r in records})
