"""What a search returns: ``Hit`` (a record + its score) and ``Answer`` (hits for one query)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from precedent.ingest.doc_meta import year_of
from precedent.ingest.records import Paragraph

from .documents import DocumentCard
from .provenance import Provenance

HIT_KEYS = ("rank", "id", "doc_id", "symbol", "status", "year", "part", "number", "kind", "category", "citation",
            "role", "score", "relevance", "text", "draft_twins")


@dataclass(frozen=True)
class Hit:
    record: Paragraph
    score: float
    dense: float = 0.0
    keyword: float = 0.0
    highlights: tuple[tuple[int, int], ...] = ()
    sentence: tuple[int, int] | None = None
    # "answer" (commitment/request/decision on topic), "context", "match", "cited", or "chapeau" (a
    # paragraph shown above the sub-paragraphs of it that matched, not itself among the matches)
    role: str = "match"
    document: DocumentCard | None = None  # what the hit's document is: status, year, short name
    provenance: Provenance | None = None  # where its language was first agreed, where repeated
    relevance: str = ""  # strong | fair | weak | cited (``search.ranking``); "" when not rated
    rank: int = 0  # the rank of the entry it is shown in (a sub-paragraph shares its paragraph's)
    # the same paragraph in the draft the resolution was adopted from (``search.twins``), shown
    # by its citation under the adopted text instead of twice
    twins: tuple[Paragraph, ...] = ()

    @property
    def citation(self) -> str:
        return self.record.citation

    def to_dict(self, full: bool = False) -> dict:
        r = self.record
        doc = self.document
        d = {"rank": self.rank, "id": r.id, "doc_id": r.doc_id, "symbol": r.symbol, "status": doc.status if doc else "",
             "year": doc.year if doc else year_of(r.date), "part": r.part, "number": r.number,
             "kind": r.kind, "category": r.category, "citation": r.citation, "role": self.role,
             "score": round(float(self.score), 4), "relevance": self.relevance, "text": r.text,
             "draft_twins": "; ".join(t.citation for t in self.twins)}
        if full:
            d.update({"title": r.title, "date": r.date, "section": list(r.section),
                      "objectives": list(r.objectives), "parent": r.parent,
                      "highlights": [list(s) for s in self.highlights],
                      "sentence": list(self.sentence) if self.sentence else None,
                      "footnotes": [{"mark": f.mark, "text": f.text} for f in r.footnotes],
                      "document": self.document.to_dict() if self.document else None,
                      "twins": [{"id": t.id, "doc_id": t.doc_id, "citation": t.citation} for t in self.twins],
                      "provenance": self.provenance.to_dict() if self.provenance else None})
        return d


@dataclass(frozen=True)
class Entry:
    """One paragraph of an answer, with the sub-paragraphs of it that matched under it (a Compact
    commitment and its actions), best first. ``hit`` may be a paragraph that did not match itself,
    shown as the chapeau of its sub-paragraphs (``hit.role == "chapeau"``). ``rank`` counts the
    entries from 1; ``score`` is the entry's best match's and falls with the rank; ``relevance``
    (strong, fair, weak) never rises with it."""

    hit: Hit
    subs: tuple[Hit, ...] = ()
    rank: int = 0
    score: float = 0.0
    relevance: str = ""
    more: tuple[Paragraph, ...] = ()  # further sub-paragraphs of it that matched, named but not shown

    @property
    def more_note(self) -> str:
        """``Also matching under para. 36: (b), (c)``; "" when none."""
        if not self.more:
            return ""
        head = self.hit.record.number
        marks = [m.number[len(head):].strip() if m.number.startswith(head) else m.number for m in self.more]
        return f"Also matching under para. {head}: {', '.join(marks)}"

    @property
    def hits(self) -> tuple[Hit, ...]:
        return (self.hit, *self.subs)

    @property
    def document(self) -> DocumentCard | None:
        return self.hit.document


@dataclass(frozen=True)
class DocumentGroup:
    name: str  # how citations name the document
    document: DocumentCard | None
    entries: tuple[Entry, ...]

    @property
    def hits(self) -> list[Hit]:
        """The group's hits, each paragraph followed by its sub-paragraphs."""
        return [h for e in self.entries for h in (e.hit, *e.subs)]

    @property
    def heading(self) -> str:
        """``Global Compact (A/RES/73/195, 2018)``; the citation name when nothing more is known."""
        return self.document.label if self.document else self.name


@dataclass
class Answer:
    query: str
    hits: list[Hit]
    intent: str = "search"  # "commitment" when the question asks what was committed/agreed
    phrases: tuple[str, ...] = ()
    low_confidence: bool = False
    message: str = ""
    filters: dict = field(default_factory=dict)
    confidence: float | None = None  # 0-1, calibrated: below 0.5 is low confidence (``search.ranking``)

    entries: list[Entry] = field(default_factory=list)  # ``hits`` as shown, set by the search (see grouping)
    documents: list[tuple[DocumentCard, int]] = field(default_factory=list)  # exact phrase: oldest first

    @property
    def order(self) -> str:
        """What the order of the entries is, in words (the page and the command line say it)."""
        if self.intent == "citation":
            return "as cited"
        if self.intent == "commitment":
            return "best first, commitments on the topic ahead"
        return "best first"

    def count(self) -> str:
        """``7 paragraphs``; ``10 matches in 7 paragraphs`` when sub-paragraphs matched under them."""
        entries = len(self.ranked())
        matches = sum(1 for h in self.hits if h.role != "chapeau")
        para = f"{entries} paragraph{'s' if entries != 1 else ''}"
        return para if matches == entries else f"{matches} match{'es' if matches != 1 else ''} in {para}"

    def ranked(self) -> list[Entry]:
        """The entries in their one order (an answer made by hand: one entry per hit)."""
        if self.entries or not self.hits:
            return self.entries
        return [Entry(h, (), i, h.score, h.relevance) for i, h in enumerate(self.hits, start=1)]

    def groups(self) -> list[DocumentGroup]:
        """The entries in their order, in runs of one document (``search.grouping.document_runs``)."""
        from .grouping import document_runs

        cards = {h.record.doc_id: h.document for h in self.hits if h.document is not None}
        return document_runs(self.ranked(), cards)

    def to_dict(self, full: bool = False) -> dict:
        d = {"query": self.query, "hits": [h.to_dict(full) for h in self.hits]}
        if full:
            d.update({"intent": self.intent, "phrases": list(self.phrases),
                      "low_confidence": self.low_confidence, "confidence": self.confidence,
                      "order": self.order, "message": self.message,
                      "entries": [{"rank": e.rank, "id": e.hit.record.id, "role": e.hit.role,
                                   "score": round(float(e.score), 4), "relevance": e.relevance,
                                   "document": e.document.to_dict() if e.document else None,
                                   "subparagraphs": [s.record.id for s in e.subs],
                                   "more_subparagraphs": [m.id for m in e.more]}
                                  for e in self.ranked()]})
        return d


class BatchResult(list):
    """Answers for many queries; a single query is a batch of one."""

    def to_dicts(self, full: bool = False) -> list[dict]:
        return [a.to_dict(full) for a in self]

    def rows(self) -> list[dict]:
        """One flat row per (query, hit): for CSV and data frames."""
        out = []
        for a in self:
            for h in a.hits:
                row = {"query": a.query}
                row.update(h.to_dict())
                row["low_confidence"] = a.low_confidence
                out.append(row)
        return out

    def to_dataframe(self):
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - optional
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from e
        return pd.DataFrame(self.rows())

    def to_csv(self) -> str:
        """One row per hit. A text cell that a spreadsheet would run as a formula (starting with
        ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP
        advises; numbers are written as numbers."""
        buf = io.StringIO()
        fields = ["query", *HIT_KEYS, "low_confidence"]
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows({k: csv_safe(v) for k, v in row.items()} for row in self.rows())
        return buf.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """``value`` as a spreadsheet shows it and never runs it: see ``BatchResult.to_csv``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
