"""A draft's paragraph and its adopted twin: the same paragraph, twice in the library.

A resolution's masthead names the draft it was adopted from (``A/RES/80/5`` from ``A/80/L.5``);
when the library holds both, their paragraphs of the same place (part, number, kind) whose words
are near-identical are twins. An answer shows the adopted paragraph and names its draft twin
under it ("same text in the draft A/80/L.5, annex, para. 38") instead of showing the text twice.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from precedent.ingest.doc_meta import symbol_key
from precedent.ingest.records import Paragraph

from .compare.diff import same_words, word_key
from .documents import DocumentCard

MIN_SIMILARITY = 0.9  # difflib ratio over the words: a word or two changed in a short paragraph


def near_identical(a: str, b: str) -> bool:
    """Whether two paragraph texts are the same text, spacing and case aside, or nearly (a word or
    two changed in a long paragraph)."""
    if same_words(a, b):
        return True
    wa, wb = [word_key(w) for w in a.split()], [word_key(w) for w in b.split()]
    if not wa or not wb or 2 * min(len(wa), len(wb)) < MIN_SIMILARITY * (len(wa) + len(wb)):
        return False
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= MIN_SIMILARITY


def twin_note(record: Paragraph, twins: tuple[Paragraph, ...]) -> str:
    """``Same text in the draft A/80/L.5, annex, para. 38`` ("Nearly the same text ..." when a word
    or two differ); "" without twins."""
    if not twins:
        return ""
    same = all(same_words(record.text, t.text) for t in twins)
    cites = "; ".join(t.citation for t in twins)
    return f"{'Same' if same else 'Nearly the same'} text in the draft {cites}"


class TwinIndex:
    """Record row of a draft paragraph <-> record row of its adopted twin, for every draft the
    library holds beside the resolution adopted from it."""

    def __init__(self, records: list[Paragraph], cards: dict[str, DocumentCard]):
        self.adopted_of: dict[int, int] = {}  # draft row -> adopted row
        self.draft_of: dict[int, int] = {}  # adopted row -> draft row
        by_symbol = {symbol_key(c.symbol): c.doc_id for c in cards.values() if c.symbol}
        pairs = {}
        for card in cards.values():
            draft = by_symbol.get(symbol_key(card.draft_symbol)) if card.draft_symbol else None
            if (card.status == "adopted" and draft and draft != card.doc_id
                    and cards[draft].status == "draft"):
                pairs[card.doc_id] = draft
        if not pairs:
            return
        drafts = set(pairs.values())
        places: dict[tuple, int] = {}
        for row, r in enumerate(records):
            if r.doc_id in drafts:
                places[(r.doc_id, r.part, r.number, r.kind)] = row
        for row, r in enumerate(records):
            draft = pairs.get(r.doc_id)
            if draft is None or r.kind == "footnote":
                continue
            other = places.get((draft, r.part, r.number, r.kind))
            if other is not None and near_identical(r.text, records[other].text):
                self.adopted_of[other] = row
                self.draft_of[row] = other

    def __len__(self) -> int:
        return len(self.draft_of)
