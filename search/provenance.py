"""Where a paragraph's language was first agreed and where it was repeated.

Two paragraphs of different documents share language when a verbatim run of at least
``MIN_RUN_WORDS`` words (folded case and quotes, same punctuation between words) stands in both.
For a paragraph, its provenance lists every document holding such a run, oldest first: the first
adopted text among them is where the language was first agreed; the others repeated it.

    prov = ProvenanceIndex(records, cards).of(row)
    prov.sentence()  # "first agreed in A/RES/73/195, annex, para. 29 (2018); repeated in ..."
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from precedent.ingest.records import Paragraph

from .compare.diff import ShingleIndex
from .documents import DocumentCard

log = logging.getLogger(__name__)

MIN_RUN_WORDS = 8
KINDS = ("preambular", "paragraph", "subparagraph")


@dataclass(frozen=True)
class Echo:
    """The language in one document: the paragraph holding it, and how many words are shared."""

    record: Paragraph
    document: DocumentCard
    words: int

    def describe(self) -> str:
        when = ", ".join(b for b in ("draft" if self.document.status == "draft" else "", self.document.year) if b)
        return f"{self.record.citation} ({when})" if when else self.record.citation

    def to_dict(self) -> dict:
        return {"id": self.record.id, "citation": self.record.citation, "doc_id": self.record.doc_id,
                "year": self.document.year, "status": self.document.status, "words": self.words}


@dataclass(frozen=True)
class Provenance:
    """``first``: where the language was first agreed (the oldest adopted text holding it, else the
    oldest text); ``repeated``: every other document holding it, oldest first."""

    first: Echo
    repeated: tuple[Echo, ...]

    @property
    def documents(self) -> int:
        return 1 + len(self.repeated)

    def sentence(self) -> str:
        text = f"first agreed in {self.first.describe()}" if self.first.document.status == "adopted" \
            else f"first in {self.first.describe()}"
        if self.repeated:
            text += "; repeated in " + ", ".join(e.describe() for e in self.repeated)
        return text

    def to_dict(self) -> dict:
        return {"first": self.first.to_dict(), "repeated": [e.to_dict() for e in self.repeated],
                "text": self.sentence()}


class ProvenanceIndex:
    """Word 8-grams of every citable paragraph, built once per loaded index on first use."""

    def __init__(self, records: list[Paragraph], cards: dict[str, DocumentCard], min_words: int = MIN_RUN_WORDS):
        self.records = records
        self.cards = cards
        self.min_words = min_words
        self.rows = [i for i, r in enumerate(records) if r.kind in KINDS]
        self.position = {row: i for i, row in enumerate(self.rows)}  # record row -> shingle index row
        self.several_documents = len({records[i].doc_id for i in self.rows}) > 1
        self._index: ShingleIndex | None = None
        self._memo: dict[int, Provenance | None] = {}  # a property of the index: computed once a row

    @property
    def index(self) -> ShingleIndex:
        if self._index is None:
            self._index = ShingleIndex([self.records[i].text for i in self.rows], self.min_words)
            log.debug("provenance index: %d paragraphs", len(self.rows))
        return self._index

    def of(self, row: int) -> Provenance | None:
        """The provenance of record ``row``; None when no other document shares an 8-word run
        with it (or the library holds one document)."""
        if row not in self._memo:
            self._memo[row] = self._compute(row)
        return self._memo[row]

    def _compute(self, row: int) -> Provenance | None:
        own = self.position.get(row)
        if own is None or not self.several_documents:
            return None
        rec = self.records[row]
        tokens = self.index.tokens[own]
        best: dict[str, Echo] = {}
        for run in self.index.agreed_runs(tokens, self.min_words):
            other = self.records[self.rows[run.row]]
            if other.doc_id == rec.doc_id:
                continue
            words = tokens.count_words(run.start, run.end)
            if other.doc_id not in best or words > best[other.doc_id].words:
                best[other.doc_id] = Echo(other, self.cards[other.doc_id], words)
        if not best:
            return None
        echoes = sorted([Echo(rec, self.cards[rec.doc_id], tokens.count_words()), *best.values()],
                        key=lambda e: (e.document.sort_key, e.record.order))
        adopted = [e for e in echoes if e.document.status == "adopted"]
        first = adopted[0] if adopted else echoes[0]
        return Provenance(first, tuple(e for e in echoes if e is not first))
