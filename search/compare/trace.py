"""Trace one paragraph through the versions of a text in the library.

    from precedent.search.compare import trace
    steps = trace(lib, "Progress Declaration 2026, annex, para. 52")
    for s in steps.steps:                      # oldest document first
        print(s.doc_id, s.date, s.record and s.record.citation, s.changes)

For every document, the paragraph's closest counterpart (same scoring as the draft comparison,
``scoring``), when it is the same paragraph in another version: it shares at least
``VERSION_OVERLAP`` of its words and a phrase of substance (``VERSION_RUN``), or language of
substance (``search.provenance``). Closeness in
meaning alone, which the comparison also accepts, is no version: in a library of many
resolutions it took an ammunition paragraph for a version of a trafficking commitment (word
overlap 0.05). Steps are ordered in time (``DocumentCard.sort_key``: by
date, an adopted text after the draft it names, undated last). Each step's word changes are from
its own predecessor, which the step names (``previous``): for an adopted text, the draft it was
adopted from when that draft has a counterpart; else the earlier step closest to it in words.
Spacing around punctuation (``2015– 2030``) is no change.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field

from precedent.index.text_match import fold
from precedent.ingest.doc_meta import documents_named
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import Paragraph

from .diff import WordOp, diff_counts
from .draft import find_spans
from .scoring import PRECEDENT_KINDS, as_query, rank_candidates, word_overlap
from .versions import version_diff

log = logging.getLogger(__name__)

# A paragraph of another document is a version of the traced one when they share language of
# substance (verbatim runs, ``search.provenance``), or ``VERSION_OVERLAP`` of their content
# words (Dice) and a phrase of substance of at least ``VERSION_RUN`` words (as
# ``compare`` marks agreed language: stock runs such as "of the report of the Secretary-General"
# or "Recalling its resolutions" weigh too little). On shared words alone, a library of many
# resolutions gave the 2026 draft's paragraph 7 some 25 "versions" (the IAEA report's "Takes
# note with appreciation ...", a peacekeeping budget's performance report), each diffed from the
# one before.
VERSION_RUN = 8  # "convened under the auspices of the General Assembly" (7) is no version
VERSION_OVERLAP = 0.4


class TraceError(PrecedentError, ValueError):
    """A citation or id that names no paragraph in the library; the message says why."""


def _citation_key(text: str) -> str:
    t = fold(text)
    t = re.sub(r"\bparagraph\b|\bpara\b", "para", t)
    # "resolution 78/253, section II, paragraph 3", as the UN writes
    t = re.sub(r"\bsection\b", "sect", t)
    t = re.sub(r"\bpp\s*(\d)", r"pp\1", t)
    return " ".join(re.sub(r"[,.;:]", " ", t).split())


def resolve(lib, ref: str) -> Paragraph:
    """A record id (``doc:annex:52``) or a citation
    (``Progress Declaration 2026, annex, para. 52``)."""
    ref = (ref or "").strip()
    if not ref:
        raise TraceError("give a citation like 'Progress Declaration 2026, annex, para. 52' or a "
                         "paragraph id")
    try:
        return lib.get(ref)
    except KeyError:
        pass
    key = _citation_key(ref)
    exact = [r for r in lib.records if _citation_key(r.citation) == key]
    if len(exact) == 1:
        return exact[0]
    tail = [r for r in lib.records if _citation_key(r.citation).endswith(" " + key)]
    if len(tail) == 1:
        return tail[0]
    if len(exact) + len(tail) > 1:
        names = ", ".join(r.citation for r in (exact or tail)[:5])
        raise TraceError(f"'{ref}' names several paragraphs ({names}); give the full citation or "
                         "the id")
    cited = _as_search_reads_it(lib, ref)
    if cited is not None:
        return cited
    from ..citation import symbol_named

    docs, typed, _ = symbol_named(ref, lib.view.documents)
    if not docs and typed:  # "A/RES/80/99": a document, not a paragraph, missing
        symbol = re.sub(r"^(?:resolution|res\.?)\s*", "A/RES/", typed, flags=re.IGNORECASE)
        fetch = (f"; 'precedent fetch {symbol}' adds it" if re.match(r"^A/", symbol) else "")
        raise TraceError(f"{symbol} is not in this library ('precedent list' shows what it "
                         f"holds{fetch})")
    close = difflib.get_close_matches(ref, [r.citation for r in lib.records], n=3, cutoff=0.6)
    hint = f" (did you mean: {'; '.join(close)}?)" if close else ""
    raise TraceError(f"no paragraph '{ref}' in the library{hint}")


def _as_search_reads_it(lib, ref: str) -> Paragraph | None:
    """The one paragraph a citation names as ``search`` reads it ("resolution 78/253, section
    II, paragraph 3", "GCM 29 (b)"), None when it names none; ``TraceError`` when it names
    several (in a resolution and its annex, or in several sections)."""
    from ..citation import CitationIndex, parse_citation

    view = lib.view
    cited = parse_citation(ref, view.documents)
    if cited is None or not cited.docs or cited.absent or cited.objective is not None:
        return None
    rows = view.memo("citations", lambda: CitationIndex(view.records)).resolve(cited,
                                                                             view.documents)
    found = [view.records[r] for r in rows]
    ids = {r.id for r in found}
    # the paragraphs it names, without the sub-paragraphs shown under them: "A/RES/80/3, para.
    # 2" names the resolution's para. 2 and its annex's; "A/RES/78/253, para. 1" twenty sections'
    named = [r for r in found if r.parent not in ids and r.doc_id in cited.docs]
    if len(named) > 1:
        names = ", ".join(r.citation for r in named[:5])
        more = f" and {len(named) - 5} more" if len(named) > 5 else ""
        raise TraceError(f"'{ref}' names several paragraphs ({names}{more}); give the full "
                         "citation or the id")
    return named[0] if named else found[0] if found else None


@dataclass
class TraceStep:
    doc_id: str
    date: str
    title: str
    record: Paragraph | None  # None: no counterpart above the confidence threshold
    score: float = 0.0
    is_origin: bool = False  # the paragraph being traced
    changes: list[WordOp] = field(default_factory=list)  # from ``previous``
    previous: Paragraph | None = None  # the version the changes are from (its own predecessor)

    def to_dict(self) -> dict:
        r = self.record
        changes = None
        if r is not None and self.changes:
            changes = {**diff_counts(self.changes), "ops": [op.to_list() for op in self.changes],
                       "from": self.previous.citation if self.previous else None}
        return {"doc_id": self.doc_id, "date": self.date, "title": self.title,
                "id": r.id if r else None, "citation": r.citation if r else None,
                "number": r.number if r else None, "score": round(self.score, 4) if r else None,
                "origin": self.is_origin, "text": r.text if r else None, "changes": changes}


@dataclass
class TraceResult:
    origin: Paragraph
    steps: list[TraceStep]

    def to_dicts(self) -> list[dict]:
        return [s.to_dict() for s in self.steps]


def trace(lib, ref: str) -> TraceResult:
    origin = resolve(lib, ref)
    docs = lib.documents()
    order = {d["doc_id"]: i for i, d in enumerate(docs)}
    others = [d["doc_id"] for d in docs if d["doc_id"] != origin.doc_id]
    best: dict[str, tuple] = {}
    if others:
        pool = 10
        queries = [as_query(origin.text)] * len(others)
        answers = [lib.search(q, k=pool, mode="hybrid", doc=[d], kind=list(PRECEDENT_KINDS))
                   for q, d in zip(queries, others)]
        view = lib.view
        row = view.data.by_id.get(origin.id)
        shared = view.provenance.shared(row) if row is not None else {}
        words = fold(origin.text).split()
        for d, answer in zip(others, answers):
            for h, ok in rank_candidates(origin.text, list(answer.hits)):
                row_h = view.data.by_id.get(h.record.id)
                # a paragraph too short for a phrase of substance ("Trade, trade facilitation
                # and regional integration;") stands in another document in the same words:
                # "no counterpart" there was untrue
                same = fold(h.record.text).split() == words
                if ok and (same or row_h in shared or (
                        word_overlap(origin.text, h.record.text) >= VERSION_OVERLAP
                        and find_spans(lib, origin.text, {row_h}, VERSION_RUN)[2] > 0)):
                    best[d] = (h.record, h.score)
                    break
    cards = lib.view.documents
    steps = []
    for d in sorted((x["doc_id"] for x in docs),
                    key=lambda x: (*(cards[x].sort_key if x in cards else ("9999", 0, x)),
                                   order[x])):
        info = next(x for x in docs if x["doc_id"] == d)
        title = (info.get("name") or info.get("short_title") or info.get("symbol")
                 or info.get("title") or d)
        if d == origin.doc_id:
            steps.append(TraceStep(d, info.get("date", ""), title, origin, 1.0, True))
        elif d in best:
            steps.append(TraceStep(d, info.get("date", ""), title, *best[d]))
        else:
            steps.append(TraceStep(d, info.get("date", ""), title, None))
    _changes_from_predecessors(steps, docs)
    log.info("traced %s through %d documents", origin.id, len(steps))
    return TraceResult(origin, steps)


def _changes_from_predecessors(steps: list[TraceStep], docs: list[dict]) -> None:
    """Each step with a counterpart gets its changes from its own predecessor (module doc)."""
    info = {d["doc_id"]: d for d in docs}
    symbols = {d["doc_id"]: d.get("symbol") or "" for d in docs}
    found = {s.doc_id: s for s in steps if s.record is not None}
    earlier: list[TraceStep] = []
    for s in steps:
        if s.record is None:
            continue
        d = info.get(s.doc_id, {})
        # the draft it was adopted from (a draft added from two files: either copy that is a step)
        drafts = (documents_named(d["draft_symbol"], symbols) if d.get("status") == "adopted"
                  and d.get("draft_symbol") else [])
        prev = next((found[x] for x in drafts if x in found), None)
        # else the earlier version closest to it in words (the latest of equals): the 2026
        # draft's para. 10 comes from A/RES/76/266's para. 72, not from the last text before it
        # that shares some of its words. Earlier in time: of two texts of one day neither is
        # the other's source (two drafts issued on 6 October 2025 were shown one "from" the
        # other, by their titles' order)
        before = [e for e in earlier if not s.date or (e.date and e.date < s.date)]
        if prev is None and before:
            prev = max(reversed(before),
                       key=lambda e: word_overlap(e.record.text, s.record.text))
        if prev is not None:
            s.previous = prev.record
            s.changes = version_diff(prev.record.text, s.record.text)
        earlier.append(s)
