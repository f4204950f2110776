"""What every answer must hold as shown (issue 18): one order, each paragraph once, scores
falling with the rank, relevance never rising, sub-paragraphs under their paragraph."""

from __future__ import annotations

RELEVANCE = ("weak", "fair", "strong")


def check_answer(answer, get=None) -> None:
    """Assert the shown order of ``answer`` is sound; ``get`` (record id -> record) checks that a
    sub-paragraph stands under its own paragraph."""
    entries = answer.ranked()
    # one order: the flat hits are the entries, each paragraph followed by its sub-paragraphs
    assert [h.record.id for e in entries for h in e.hits] == [h.record.id for h in answer.hits]
    assert [e.rank for e in entries] == list(range(1, len(entries) + 1))
    assert all(h.rank == e.rank for e in entries for h in e.hits)
    # each paragraph once
    ids = [h.record.id for h in answer.hits]
    assert len(ids) == len(set(ids)), ids
    # scores fall with the rank; within an entry no sub-paragraph scores above its entry
    scores = [e.score for e in entries]
    assert scores == sorted(scores, reverse=True), scores
    for e in entries:
        assert all(s.score <= e.score + 1e-9 for s in e.subs)
        assert e.hit.role != "chapeau" or e.subs  # a chapeau is shown only above its matches
    # relevance never rises below a lower one
    rels = [e.relevance for e in entries if e.relevance in RELEVANCE]
    assert [RELEVANCE.index(r) for r in rels] == sorted(
        (RELEVANCE.index(r) for r in rels), reverse=True
    ), rels
    for e in entries:
        for s in e.subs:
            assert s.record.kind == "subparagraph"
            if get is not None:
                head, seen = s.record, set()
                while head.parent and head.parent not in seen and get(head.parent) is not None:
                    seen.add(head.parent)
                    head = get(head.parent)
                assert head.id == e.hit.record.id
