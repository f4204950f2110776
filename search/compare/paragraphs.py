"""Is this agreed language? Compare a draft with the library, paragraph by paragraph.

    from precedent.search import Library
    from precedent.search.compare import compare_text, compare_file
    result = compare_text(lib, "We commit to ...\\n\\nWe recognize ...", exclude_docs=["my-draft"])
    for p in result.paragraphs:
        print(p.draft.number, p.coverage, [h.citation for h in p.matches], p.spans)

For each draft paragraph:

* ``matches``: the closest earlier paragraphs (hybrid search with the paragraph as the query,
  re-ranked by ``similarity`` = 0.5 x dense cosine + 0.5 x word-set overlap), best first. A
  candidate counts as a match only above the confidence threshold (``is_confident``): dense
  cosine >= ``MIN_DENSE`` or word overlap >= ``MIN_OVERLAP`` or at least one agreed span.
* ``spans``: every run of >= ``min_words`` draft words standing verbatim (after normalising case,
  quotes, dashes and whitespace) in an earlier paragraph, with the citations of every paragraph
  that holds the whole span; everything else is new. ``coverage``: the share of draft words in
  agreed spans.
* ``changes``: word operations from the best match to the draft (``search.diff``).

Each match is a ``Hit`` whose ``score`` is that similarity. ``ui.report_html.render_compare_html``
turns a ``CompareResult`` into a readable page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from precedent.index.keyword import tokenize
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import Paragraph

from .diff import WordOp, diff_counts, tokenize_words, word_diff
from .draft import AgreedSpan, DraftParagraph, find_spans, read_draft, split_paragraphs
from .query import MAX_QUERY_CHARS
from .results import Hit

log = logging.getLogger(__name__)

# Ranking: similarity = DENSE_WEIGHT * dense cosine + (1 - DENSE_WEIGHT) * word-set overlap.
# On heavily edited paragraphs (benchmarks/bench_compare.py, 195 cases) this puts the source
# first in 97.9% of cases against 95.4% for the hybrid search's own order; 0.3-0.5 do best.
DENSE_WEIGHT = 0.5
# Confidence threshold, calibrated with the bundled model on the shipped Declaration: every
# edited copy's source scores dense >= 0.42 and overlap >= 0.61 (so passes on overlap); off-topic
# paragraphs (deep-sea mining royalties, orbital debris, postal tariffs, ...) reach at most dense
# 0.47 and overlap 0.19. ``dense`` is the search's own (Hit.dense). A span of agreed language
# always makes its paragraph a match.
MIN_DENSE = 0.55
MIN_OVERLAP = 0.35
PRECEDENT_KINDS = ("preambular", "paragraph", "subparagraph")
_QUOTES = str.maketrans({c: " " for c in "\"“”„‟«»"})


class CompareError(PrecedentError, ValueError):
    """A comparison that cannot be made (empty draft, no precedent documents); says why."""


@dataclass(frozen=True)
class CompareOptions:
    k: int = 5
    min_words: int = 5
    only_docs: tuple[str, ...] = ()  # only these documents count as precedent
    exclude_docs: tuple[str, ...] = ()  # ... and never these (e.g. the draft's own document)
    before: str = ""  # ISO date: only documents dated before it (undated documents are left out)

    @classmethod
    def make(cls, k: int = 5, min_words: int = 5, only_docs=(), exclude_docs=(), before: str | None = "",
             **unknown) -> CompareOptions:
        if unknown:
            raise CompareError(f"unknown option(s): {', '.join(sorted(unknown))}")
        if int(k) < 1:
            raise CompareError("k must be at least 1")
        if int(min_words) < 1:
            raise CompareError("the minimum span length must be at least 1 word")
        before = (before or "").strip()
        if before and not _is_iso_date(before):
            raise CompareError(f"--before takes a date like 2018-12-19, not '{before}'")
        return cls(int(k), int(min_words), _as_tuple(only_docs), _as_tuple(exclude_docs), before)


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


@dataclass
class ParagraphComparison(AgreedShare):
    draft: DraftParagraph
    matches: list[Hit]  # above the confidence threshold, best first; score = similarity
    spans: list[AgreedSpan]
    words: int
    agreed_words: int
    changes: list[WordOp] = field(default_factory=list)  # best match -> draft

    @property
    def best(self) -> Hit | None:
        return self.matches[0] if self.matches else None

    def to_dict(self) -> dict:
        changes = None
        if self.best is not None:
            changes = {"id": self.best.record.id, "citation": self.best.citation, **diff_counts(self.changes),
                       "ops": [op.to_list() for op in self.changes]}
        return {"draft_number": self.draft.number, "draft_part": self.draft.part, "text": self.draft.text,
                "matches": [h.to_dict() for h in self.matches], "spans": [s.to_dict() for s in self.spans],
                "coverage": round(self.coverage, 4), "changes": changes}


@dataclass
class CompareResult(AgreedShare):
    paragraphs: list[ParagraphComparison]
    documents: list[str]  # doc ids that counted as precedent
    options: CompareOptions

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)

    @property
    def agreed_words(self) -> int:
        return sum(p.agreed_words for p in self.paragraphs)

    def to_dicts(self) -> list[dict]:
        return [p.to_dict() for p in self.paragraphs]

    def summary(self) -> dict:
        return {"paragraphs": len(self.paragraphs), "words": self.words, "agreed_words": self.agreed_words,
                "coverage": round(self.coverage, 4), "documents": list(self.documents),
                "with_match": sum(1 for p in self.paragraphs if p.matches)}


# --- scoring ---------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def word_overlap(a: str, b: str) -> float:
    """Dice overlap of the two texts' sets of stemmed content words (0..1)."""
    sa, sb = _content_words(a), _content_words(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def similarity(dense: float, overlap: float) -> float:
    return DENSE_WEIGHT * max(dense, 0.0) + (1 - DENSE_WEIGHT) * overlap


def is_confident(dense: float, overlap: float, agreed: bool = False) -> bool:
    return agreed or dense >= MIN_DENSE or overlap >= MIN_OVERLAP


def rank_candidates(text: str, hits: list[Hit], agreed_rows: set[str] = frozenset()) -> list[tuple[Hit, bool]]:
    """Candidates re-scored by ``similarity`` (Hit.score replaced), best first, each with
    whether it passes the confidence threshold."""
    scored = []
    for h in hits:
        ov = word_overlap(text, h.record.text)
        sim = similarity(h.dense, ov)
        scored.append((replace(h, score=sim), is_confident(h.dense, ov, h.record.id in agreed_rows)))
    scored.sort(key=lambda x: -x[0].score)
    return scored


# --- the library side ----------------------------------------------------------------------

def precedent_docs(lib, options: CompareOptions) -> list[str]:
    docs = {d["doc_id"]: d.get("date", "") for d in lib.documents()}
    for d in (*options.only_docs, *options.exclude_docs):
        if d not in docs:
            raise CompareError(f"unknown document '{d}' (documents: {', '.join(sorted(docs)) or 'none'})")
    chosen = [d for d in docs if (not options.only_docs or d in options.only_docs)
              and d not in options.exclude_docs]
    if options.before:
        undated = [d for d in chosen if not docs[d]]
        if undated:
            log.info("left out undated documents (before %s): %s", options.before, ", ".join(undated))
        chosen = [d for d in chosen if docs[d] and docs[d] < options.before]
    if not chosen:
        raise CompareError("no document counts as precedent with these options")
    return chosen


def _query(text: str) -> str:
    """The paragraph as a search query: quotes dropped so it is not read as exact phrases."""
    return " ".join(text.translate(_QUOTES).split())[:MAX_QUERY_CHARS] or text[:MAX_QUERY_CHARS]


def compare_paragraphs(lib, paragraphs: list[DraftParagraph], options: CompareOptions | None = None,
                       **kwargs) -> CompareResult:
    options = options or CompareOptions.make(**kwargs)
    paragraphs = [p for p in paragraphs if p.text.strip()]
    if not paragraphs:
        raise CompareError("the draft is empty: no paragraphs to compare")
    docs = precedent_docs(lib, options)
    allowed = set(docs)
    rows = {i for i, r in enumerate(lib.records) if r.doc_id in allowed and r.kind in PRECEDENT_KINDS}
    searchable = [p for p in paragraphs if tokenize_words(p.text).keys]
    pool = max(10, 2 * options.k)  # candidates to re-rank
    answers = lib.batch([_query(p.text) for p in searchable], k=pool, mode="hybrid", doc=docs)
    by_para = {id(p): a for p, a in zip(searchable, answers)}
    out = []
    for p in paragraphs:
        spans, n_words, agreed = find_spans(lib, p.text, rows, options.min_words)
        answer = by_para.get(id(p))
        hits = list(answer.hits) if answer is not None else []
        agreed_ids = {i for s in spans for i in s.ids}
        seen = {h.record.id for h in hits}
        hits += [Hit(lib.get(i), 0.0) for i in agreed_ids - seen]  # verbatim sources the search missed
        ranked = rank_candidates(p.text, hits, agreed_ids)
        matches = [h for h, ok in ranked if ok][:options.k]
        changes = word_diff(matches[0].record.text, p.text) if matches else []
        out.append(ParagraphComparison(p, matches, spans, n_words, agreed, changes))
    log.info("compared %d paragraphs against %d documents", len(out), len(docs))
    return CompareResult(out, docs, options)


def compare_text(lib, text: str, **options) -> CompareResult:
    """Compare pasted text (paragraphs separated by blank lines; numbers kept)."""
    if not isinstance(text, str) or not text.strip():
        raise CompareError("the draft is empty: paste or give some text to compare")
    return compare_paragraphs(lib, split_paragraphs(text), CompareOptions.make(**options))


def compare_file(lib, path: str | Path, **options) -> CompareResult:
    """Compare a draft file (TXT, MD, DOCX, PDF); raises ``ingest.IngestError`` on a bad file."""
    return compare_paragraphs(lib, read_draft(path), CompareOptions.make(**options))


def compare_records(lib, records: list[Paragraph], **options) -> CompareResult:
    """Compare paragraphs already parsed (e.g. a document in the library against the others)."""
    drafts = [DraftParagraph(r.number, r.text, r.part, r.kind) for r in records if r.kind != "footnote"]
    return compare_paragraphs(lib, drafts, CompareOptions.make(**options))
