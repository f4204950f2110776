"""What a search returns: ``Hit`` (a record + its score) and ``Answer`` (hits for one query)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from precedent.ingest.records import Paragraph

HIT_KEYS = ("id", "doc_id", "symbol", "part", "number", "kind", "category", "citation", "score", "text")


@dataclass(frozen=True)
class Hit:
    record: Paragraph
    score: float
    dense: float = 0.0
    keyword: float = 0.0
    highlights: tuple[tuple[int, int], ...] = ()
    sentence: tuple[int, int] | None = None
    role: str = "match"  # "answer" (commitment/request/decision on topic), "context", or "match"

    @property
    def citation(self) -> str:
        return self.record.citation

    def to_dict(self, full: bool = False) -> dict:
        r = self.record
        d = {"id": r.id, "doc_id": r.doc_id, "symbol": r.symbol, "part": r.part, "number": r.number,
             "kind": r.kind, "category": r.category, "citation": r.citation,
             "score": round(float(self.score), 4), "text": r.text}
        if full:
            d.update({"title": r.title, "date": r.date, "section": list(r.section),
                      "objectives": list(r.objectives), "role": self.role,
                      "highlights": [list(s) for s in self.highlights],
                      "sentence": list(self.sentence) if self.sentence else None,
                      "footnotes": [{"mark": f.mark, "text": f.text} for f in r.footnotes]})
        return d


@dataclass
class Answer:
    query: str
    hits: list[Hit]
    intent: str = "search"  # "commitment" when the question asks what was committed/agreed
    phrases: tuple[str, ...] = ()
    low_confidence: bool = False
    message: str = ""
    filters: dict = field(default_factory=dict)

    def groups(self) -> list[tuple[str, list[Hit]]]:
        """Hits grouped by document (documents in order of their best hit)."""
        out: dict[str, list[Hit]] = {}
        for h in self.hits:
            name = h.record.citation.split(",")[0]
            out.setdefault(name, []).append(h)
        return list(out.items())

    def to_dict(self, full: bool = False) -> dict:
        d = {"query": self.query, "hits": [h.to_dict(full) for h in self.hits]}
        if full:
            d.update({"intent": self.intent, "phrases": list(self.phrases),
                      "low_confidence": self.low_confidence, "message": self.message})
        return d


class BatchResult(list):
    """Answers for many queries; a single query is a batch of one."""

    def to_dicts(self, full: bool = False) -> list[dict]:
        return [a.to_dict(full) for a in self]

    def rows(self) -> list[dict]:
        """One flat row per (query, hit): for CSV and data frames."""
        out = []
        for a in self:
            for rank, h in enumerate(a.hits, start=1):
                row = {"query": a.query, "rank": rank}
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
        buf = io.StringIO()
        fields = ["query", "rank", *HIT_KEYS, "low_confidence"]
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(self.rows())
        return buf.getvalue()
