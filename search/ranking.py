"""Commitment-aware ordering and the low-confidence call (small pure functions)."""

from __future__ import annotations

import numpy as np

from precedent.index.keyword import tokenize
from precedent.ingest.records import Paragraph

ON_TOPIC_RATIO = 0.8  # a hit within 80% of the best fused score counts as on the topic
ON_TOPIC_DEPTH = 10  # ... and only among the first ten
ANSWER_TIERS = 2  # tiers 0 and 1 answer a commitment question; tier 2 gives context

LOW_DENSE = 0.30  # cosine of the best hit below this ...
LOW_COVERAGE = 0.5  # ... and fewer than half the query's words in it: low confidence


def answer_tier(record: Paragraph) -> int:
    """0 for a paragraph that opens with a commitment; 1 for one that commits in a later clause
    ("We emphasize ..., and reaffirm our commitment to ...") or requests or decides, and for an
    action listed under a commitment (a sub-paragraph: it is shown under its paragraph); 2 for a
    finding (recognition, concern, ...)."""
    if record.category == "commitment":
        return 1 if record.kind == "subparagraph" else 0
    if {record.category, *record.categories} & {"commitment", "request", "decision"}:
        return 1
    return 2


def commitment_order(order: np.ndarray, fused: np.ndarray, records: list[Paragraph]) -> np.ndarray:
    """Commitments on the topic first, then requests/decisions on it, then the rest as context.

    ``order`` ranks positions by fused score; ``records[i]`` is the record at position i.
    """
    if len(order) == 0:
        return order
    top = float(fused[order[0]])
    head = [int(i) for i in order[:ON_TOPIC_DEPTH] if fused[i] >= ON_TOPIC_RATIO * top]
    tiers: list[list[int]] = [[] for _ in range(ANSWER_TIERS + 1)]
    for i in head:
        tiers[answer_tier(records[i])].append(i)
    chosen = set(head)
    rest = [int(i) for i in order if int(i) not in chosen]
    return np.asarray([i for t in tiers for i in t] + rest, dtype=np.int64)


def keyword_coverage(query: str, text: str) -> float:
    q = set(tokenize(query))
    if not q:
        return 0.0
    return len(q & set(tokenize(text))) / len(q)


def is_low_confidence(pq, hits, mode: str) -> bool:
    if not hits:
        return True
    top = hits[0]
    coverage = keyword_coverage(pq.base_text, top.record.text)
    if mode == "keyword":
        return coverage < LOW_COVERAGE
    return top.dense < LOW_DENSE and coverage < LOW_COVERAGE
