"""Hits grouped by document, with sub-paragraphs under their paragraph (pure over a view).

A commitment question answered by the Global Compact, the 2022 Progress Declaration and a 2026
draft reads oldest first: where the language started, then where it was reaffirmed. The
Compact's actions ("29 (a)", "29 (b)") stand under their commitment paragraph (29) instead of
as separate entries; when only actions ranked, their paragraph is brought in as their chapeau.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from precedent.ingest.records import Paragraph

from .documents import DocumentCard
from .results import DocumentGroup, Entry, Hit


def top_paragraph(record: Paragraph, get: Callable[[str], Paragraph | None]) -> Paragraph:
    """The numbered paragraph a (possibly third-level) sub-paragraph stands under."""
    seen = set()
    while record.parent and record.parent not in seen:
        seen.add(record.parent)
        parent = get(record.parent)
        if parent is None:
            break
        record = parent
    return record


def group_hits(hits: list[Hit], cards: dict[str, DocumentCard], get: Callable[[str], Paragraph | None],
               oldest_first: bool) -> list[DocumentGroup]:
    """``hits`` (best first) -> one group per document; in each, entries in the order of their
    best hit, each paragraph with the sub-paragraph hits under it."""
    by_doc: dict[str, list[Hit]] = {}
    for h in hits:
        by_doc.setdefault(h.record.doc_id, []).append(h)
    doc_ids = list(by_doc)
    if oldest_first:
        doc_ids.sort(key=lambda d: cards[d].sort_key if d in cards else ("9999", 0, d))
    groups = []
    for doc_id in doc_ids:
        doc_hits = by_doc[doc_id]
        own = {h.record.id: h for h in doc_hits}
        heads: dict[str, tuple[Hit, list[Hit]]] = {}
        for h in doc_hits:
            head = top_paragraph(h.record, get)
            if head.id == h.record.id:
                heads.setdefault(head.id, (h, []))
                continue
            if head.id not in heads:
                chapeau = own.get(head.id) or replace(h, record=head, highlights=(), sentence=None, role="chapeau",
                                                      provenance=None)
                heads[head.id] = (chapeau, [])
            heads[head.id][1].append(h)
        card = cards.get(doc_id)
        name = doc_hits[0].record.citation.split(",")[0]
        groups.append(DocumentGroup(name, card, tuple(Entry(hit, tuple(subs)) for hit, subs in heads.values())))
    return groups
