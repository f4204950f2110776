"""What a search returns: ``Answer`` (the hits for one query, as ranked entries; ``Hit`` is in
``search.hit``, the entries in ``search.grouping``) and ``BatchResult`` (answers for many)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .documents import DocumentCard
from .filters import describe_filters
from .grouping import DocumentGroup, Entry, document_runs
from .hit import HIT_KEYS, Hit
from .ranking import answer_heading


def in_drafts(hits) -> str:
    """What the answers among ``hits`` that only drafts hold are, in words: "all in drafts, not
    agreed" / "some in drafts, not agreed" ("" when every answer is of an adopted text; "texts
    not adopted" when a report is among them). A draft's "We commit to ..." is proposed
    language, not a commitment of States."""
    answers = [h for h in hits if h.role == "answer"]
    drafts = [h for h in answers if h.document is not None and h.document.status != "adopted"]
    if not drafts:
        return ""
    # a report ("issued") is no draft: it is not negotiated language at all
    where = ("drafts" if all(h.document.status == "draft" for h in drafts)
             else "texts not adopted")
    return f"{'all' if len(drafts) == len(answers) else 'some'} in {where}, not agreed"


def capfirst(text: str) -> str:
    """``text`` with its first letter a capital, the rest as written: a phrase written for the
    middle of a sentence ("paragraph 13 of ...") beginning one."""
    return text[:1].upper() + text[1:]


@dataclass
class Answer:
    query: str
    hits: list[Hit]
    intent: str = "search"  # "commitment" when the question asks what was committed/agreed
    phrases: tuple[str, ...] = ()
    low_confidence: bool = False
    message: str = ""
    filters: dict = field(default_factory=dict)
    # 0-1, calibrated: below 0.5 is low confidence (``search.ranking``)
    confidence: float | None = None
    # paragraphs shown beside a break in their document's printed numbering: what to check
    # before quoting them (``search.documents.numbering_caution``; also in ``message``)
    caution: str = ""

    # ``hits`` as shown, set by the search (see grouping)
    entries: list[Entry] = field(default_factory=list)
    # exact phrase: oldest first
    documents: list[tuple[DocumentCard, int]] = field(default_factory=list)
    # exact phrase: how many paragraphs shown hold it as written, the others only in another form
    # (its nouns in the other number), which come after them
    as_written: int | None = None

    @property
    def confidence_said(self) -> str:
        """The confidence as the page and the command line say it, ``on-topic confidence
        0.98``: how sure the answer is that the library speaks to the question at all (each
        paragraph's relevance says how well it answers; "confidence 1.00" above paragraphs all
        "fair" read as a promise they did not make); ``""`` for a citation looked up, or no call
        made."""
        if self.confidence is None or self.intent == "citation":
            return ""
        return f"on-topic confidence {self.confidence:.2f}"

    @property
    def order(self) -> str:
        """What the order of the entries is, in words (the page and the command line say it)."""
        if self.intent == "citation":
            return "as cited"
        if self.intent == "commitment":
            answers = [h.record for h in self.hits if h.role == "answer"]
            if answers:
                what = f"{answer_heading(answers).lower()} on the topic"
                entries = self.ranked()
                drafts = in_drafts(self.hits)
                drafts = f", {drafts}" if drafts else ""
                if entries and any(h.role == "answer" for h in entries[0].hits):
                    return f"best first, {what} ahead{drafts}"
                # a finding closer to the question leads: "ahead" would not be true
                return f"best first, {what} after closer context{drafts}"
        if self.as_written and any(h.role == "form" for h in self.hits):
            # an item holding another form stands in its paragraph's entry, marked as such; the
            # scores fall within each group, not across them ("best first" was said above a
            # second entry scoring higher than the first)
            return ("the phrase as written first, then its other forms, each best first")
        return "best first"

    def count(self) -> str:
        """``7 paragraphs``; ``10 matches in 7 paragraphs`` when sub-paragraphs matched under
        them."""
        entries = len(self.ranked())
        matches = sum(1 for h in self.hits if h.role != "chapeau")
        para = f"{entries} paragraph{'s' if entries != 1 else ''}"
        return (para if matches == entries
                else f"{matches} match{'es' if matches != 1 else ''} in {para}")

    def ranked(self) -> list[Entry]:
        """The entries in their one order (an answer made by hand: one entry per hit)."""
        if self.entries or not self.hits:
            return self.entries
        return [Entry(h, (), i, h.score, h.relevance) for i, h in enumerate(self.hits, start=1)]

    def groups(self) -> list[DocumentGroup]:
        """The entries in their order, in runs of one document
        (``search.grouping.document_runs``)."""
        cards = {h.record.doc_id: h.document for h in self.hits if h.document is not None}
        return document_runs(self.ranked(), cards)

    def said(self) -> dict:
        """What the answer says beside its hits, which every export carries with them (a JSON
        line, each CSV row): the low-confidence flag, the message, what the order is."""
        return {"low_confidence": self.low_confidence, "message": self.message,
                "order": self.order}

    def to_dict(self, full: bool = False) -> dict:
        # the filters go with the hits: read alone, a filtered answer is not the library's
        d = {"query": self.query, "filters": self.filters,
             "hits": [h.to_dict(full) for h in self.hits]}
        if full:
            d.update({"intent": self.intent, "phrases": list(self.phrases),
                      "low_confidence": self.low_confidence, "confidence": self.confidence,
                      "order": self.order, "message": self.message, "caution": self.caution,
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
        """One flat row per (query, hit): for CSV and data frames; each with the answer's message
        ("No paragraph 999 of A/RES/78/70 in the library", a numbering caution): an export read
        alone says what the answer says, and which filters it passed ("category: commitment").
        A query with no hit has one row, its message."""
        out = []
        for a in self:
            said = {**a.said(), "filters": describe_filters(a.filters)}
            for h in a.hits:
                out.append({"query": a.query, **h.to_dict(), **said})
            if not a.hits:
                out.append({"query": a.query, **said})
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
        fields = ["query", *HIT_KEYS, "low_confidence", "message", "order", "filters"]
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
