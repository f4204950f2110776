"""One search hit: a record, its score, and what the page and exports show with it."""

from __future__ import annotations

from dataclasses import dataclass

from precedent.ingest.doc_meta import year_of
from precedent.ingest.records import Paragraph

from .documents import DocumentCard
from .provenance import Provenance

HIT_KEYS = ("rank", "id", "doc_id", "symbol", "status", "year", "part", "number", "kind",
            "category", "citation", "role", "score", "relevance", "text", "draft_twins",
            "history")


def category_words(record: Paragraph) -> str:
    """A record's categories as the command line says them: "recognition, also request" for
    "Notes the report ..., and requests the Secretary-General to ..." (the page shows the same as
    badges)."""
    also = [c for c in record.categories if c != record.category]
    return ", also ".join([record.category, ", ".join(also)]) if also else record.category


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
        d = {"rank": self.rank, "id": r.id, "doc_id": r.doc_id, "symbol": r.symbol,
             "status": doc.status if doc else "",
             "year": doc.year if doc else year_of(r.date), "part": r.part, "number": r.number,
             "kind": r.kind, "category": r.category, "citation": r.citation, "role": self.role,
             "score": round(float(self.score), 4), "relevance": self.relevance, "text": r.text,
             "draft_twins": "; ".join(t.citation for t in self.twins),
             # where its language was first agreed, as the page and --plain say it: a CSV read
             # alone said nothing of it (an audit)
             "history": self.provenance.sentence() if self.provenance else ""}
        if full:
            d.update({"title": r.title, "date": r.date, "categories": list(r.categories),
                      "section": list(r.section),
                      "objectives": list(r.objectives), "parent": r.parent,
                      "highlights": [list(s) for s in self.highlights],
                      "sentence": list(self.sentence) if self.sentence else None,
                      "footnotes": [{"mark": f.mark, "text": f.text} for f in r.footnotes],
                      "document": self.document.to_dict() if self.document else None,
                      "twins": [{"id": t.id, "doc_id": t.doc_id, "citation": t.citation}
                                for t in self.twins],
                      "provenance": self.provenance.to_dict() if self.provenance else None})
        return d
