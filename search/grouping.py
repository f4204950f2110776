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
               oldest_first: bool, runs: bool = False) -> list[DocumentGroup]:
    """``hits`` (best first) -> groups of entries, each paragraph with the sub-paragraph hits
    under it (the paragraph stands where its best hit ranked). ``runs``: the hits' own order,
    a new group wherever the document changes (best first throughout); otherwise one group per
    document, documents oldest first (``oldest_first``) or in the order of their best hit."""
    ordered = _entries_in_order(hits, get) if runs else _entries_by_paragraph(hits, get)
    chunks: list[tuple[str, list[Entry]]] = []
    if runs:
        for doc_id, entry in ordered:
            if not chunks or chunks[-1][0] != doc_id:
                chunks.append((doc_id, []))
            chunks[-1][1].append(entry)
    else:
        by_doc: dict[str, list[Entry]] = {}
        for doc_id, entry in ordered:
            by_doc.setdefault(doc_id, []).append(entry)
        doc_ids = list(by_doc)
        if oldest_first:
            doc_ids.sort(key=lambda d: cards[d].sort_key if d in cards else ("9999", 0, d))
        chunks = [(d, by_doc[d]) for d in doc_ids]
    groups = []
    for doc_id, doc_entries in chunks:
        name = doc_entries[0].hit.record.citation.split(",")[0]
        groups.append(DocumentGroup(name, cards.get(doc_id), tuple(doc_entries)))
    return groups


def _chapeau(hit: Hit, head: Paragraph) -> Hit:
    return replace(hit, record=head, highlights=(), sentence=None, role="chapeau", provenance=None)


def _entries_by_paragraph(hits: list[Hit], get) -> list[tuple[str, Entry]]:
    """Every sub-paragraph hit under its paragraph, the paragraph where its best hit ranked."""
    entries: dict[str, tuple[Hit, list[Hit]]] = {}  # head id -> (paragraph hit or chapeau, subs)
    own = {h.record.id: h for h in hits}
    for h in hits:
        head = top_paragraph(h.record, get)
        if head.id == h.record.id:
            entries.setdefault(head.id, (h, []))
            continue
        if head.id not in entries:
            entries[head.id] = (own.get(head.id) or _chapeau(h, head), [])
        entries[head.id][1].append(h)
    return [(hit.record.doc_id, Entry(hit, tuple(subs))) for hit, subs in entries.values()]


def _entries_in_order(hits: list[Hit], get) -> list[tuple[str, Entry]]:
    """The hits' own order, never changed: a sub-paragraph joins the entry just before it when
    that entry is its paragraph's; otherwise its paragraph is shown above it as its chapeau (not
    itself a hit: where the paragraph ranked on its own, it stands again)."""
    entries: list[tuple[str, Hit, list[Hit]]] = []  # (head id, hit, subs)
    for h in hits:
        head = top_paragraph(h.record, get)
        if head.id == h.record.id:
            entries.append((head.id, h, []))
        elif entries and entries[-1][0] == head.id:
            entries[-1][2].append(h)
        else:
            entries.append((head.id, _chapeau(h, head), [h]))
    return [(hit.record.doc_id, Entry(hit, tuple(subs))) for _, hit, subs in entries]


def in_group_order(groups: list[DocumentGroup]) -> list[Hit]:
    """The hits in the order the groups show them (a chapeau brought in for its sub-paragraphs
    is shown, not a hit): one order for the page, the command line, JSON and CSV."""
    return [h for g in groups for h in g.hits if h.role != "chapeau"]
