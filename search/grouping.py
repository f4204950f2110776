"""An answer as it is read: ranked entries, one per paragraph (pure over a view). The grouped
answer is declared here: ``Entry`` (a paragraph and its matching sub-paragraphs), how the ranked
hits are planned into entries, and ``DocumentGroup`` (a run of entries of one document).

Every entry is one numbered paragraph of one document, with the sub-paragraphs of it that matched
(the Compact's actions "29 (a)", "29 (b)") under it, best first. An entry stands at the rank of
its best match, the paragraph's own or a sub-paragraph's, and shows that score; when only actions
matched, their paragraph is brought in as their chapeau, once. No paragraph appears twice in an
answer, and the entries' scores fall with their rank. The page, the command line, JSON and CSV
show the entries in this one order (``Answer.hits`` is it, flattened: each paragraph, then its
sub-paragraphs), and the evaluation scores exactly that order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from precedent.ingest.records import Paragraph

from .documents import DocumentCard
from .hit import Hit


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
    # further sub-paragraphs of it that matched, named but not shown
    more: tuple[Paragraph, ...] = ()

    @property
    def more_note(self) -> str:
        """``Also matching under para. 36: (b), (c)``; "" when none."""
        if not self.more:
            return ""
        head = self.hit.record.number
        marks = [m.number[len(head):].strip() if m.number.startswith(head) else m.number
                 for m in self.more]
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


@dataclass
class Slot:
    """One planned entry: the paragraph, where its own match stands among the ranked candidates
    (None: brought in as the chapeau of its sub-paragraphs), the sub-paragraph matches under it
    (candidate positions, best first) and the entry's score (its best match's)."""

    head: Paragraph
    head_at: int | None
    score: float
    subs: list[int] = field(default_factory=list)
    # further sub-paragraph matches, not shown (``max_subs``)
    more: list[int] = field(default_factory=list)


def plan_entries(ranked: Sequence[Paragraph], scores: Sequence[float],
                 get: Callable[[str], Paragraph | None],
                 k: int, chapeaux: bool = True, max_subs: int | None = None) -> list[Slot]:
    """``ranked`` records (best first, with their ``scores``) -> the first ``k`` matches, as
    entries in rank order (a chapeau brought in above its sub-paragraphs is no match: it is the
    sentence they complete, shown with them, and not counted).

    Walking down the ranking: a paragraph starts its entry, or joins the entry its sub-paragraph
    opened; a sub-paragraph joins its paragraph's entry, or opens one under its chapeau.
    ``chapeaux=False``: a sub-paragraph whose paragraph
    is not among ``ranked`` stands alone (a citation names exactly what it shows).
    ``max_subs``: sub-paragraphs shown under one paragraph at most; the further ones that rank
    before the ``k``-th match are named (``Slot.more``), not shown nor counted."""
    slots: dict[str, Slot] = {}
    present = {r.id for r in ranked} if not chapeaux else set()
    lines = 0
    for at, rec in enumerate(ranked):
        if lines >= k:
            break
        head = top_paragraph(rec, get)
        if not chapeaux and head.id not in present:
            head = rec
        slot = slots.get(head.id)
        if head.id == rec.id:
            if slot is None:
                slots[head.id] = Slot(rec, at, float(scores[at]))
                lines += 1
            elif slot.head_at is None:
                # the chapeau ranked too, below its best action: shown once, above it
                slot.head_at = at
                lines += 1
            continue
        if slot is None:
            slots[head.id] = Slot(head, None, float(scores[at]), [at])
            lines += 1
        elif max_subs is None or len(slot.subs) < max_subs:
            slot.subs.append(at)
            lines += 1
        else:
            slot.more.append(at)
    return list(slots.values())


def document_runs(entries: Sequence[Entry], cards: dict[str, DocumentCard]) -> list[DocumentGroup]:
    """The entries in their order, cut into runs of one document (a heading per run)."""
    groups: list[tuple[str, list[Entry]]] = []
    for e in entries:
        doc_id = e.hit.record.doc_id
        if not groups or groups[-1][0] != doc_id:
            groups.append((doc_id, []))
        groups[-1][1].append(e)
    return [DocumentGroup(es[0].hit.record.citation.split(",")[0],
                          cards.get(d) or es[0].hit.document, tuple(es))
            for d, es in groups]
