"""Pseudo-relevance feedback on the dense side (Rocchio): the question's vector moved towards the
paragraphs the first ranking puts on top, and the dense side scored again with it.

A question in everyday words ("can the hospital report me to immigration if I don't have
papers?") shares few words with the documents, so its keyword side is weak and its own vector
misses paragraphs that the first hit, written in the documents' terms, is close to. Pure
functions over vectors already in memory (no model call): ``top_distinct`` picks the feedback
paragraphs, ``feedback_query`` moves the question's vector, ``Feedback`` holds the settings and
when they apply.

Fitted on the tuning half of the issue-18 set (``benchmarks/fit_feedback.py``; EVAL.md): the first
hit alone (``depth`` 1), ``beta`` 0.5, only when the best keyword score is below a quarter of an
ideal match and not for a commitment question (tuning half 0.830 -> 0.836, lay 0.569 -> 0.604).
Moving every question, or towards more hits, did worse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Two paragraphs this close in meaning (a draft and its adopted twin, a repeated paragraph) count
# once among the feedback paragraphs.
SAME_TEXT_COSINE = 0.97


@dataclass(frozen=True)
class Feedback:
    """The question's vector is moved towards the mean of the first ``depth`` distinct paragraphs
    by ``beta``, only when the best keyword score's share of an ideal match is below
    ``max_keyword`` (None: always) and, with ``commitments=False``, not for a commitment question
    (its order is the commitment-aware one of the first ranking)."""

    depth: int = 1
    beta: float = 0.5
    max_keyword: float | None = 0.25
    commitments: bool = False

    def applies(self, keyword_share: float, commitment: bool = False) -> bool:
        if commitment and not self.commitments:
            return False
        return self.max_keyword is None or keyword_share < self.max_keyword


FEEDBACK = Feedback()


def top_distinct(scores: np.ndarray, rows: np.ndarray, vector: Callable[[int], np.ndarray],
                 depth: int) -> list[int]:
    """The first ``depth`` candidate rows by ``scores``, a row whose paragraph vector
    (``vector(row)``) is nearly the same as one taken already skipped."""
    order = np.argsort(-scores, kind="stable")[:4 * depth]
    picked: list[int] = []
    seen: list[np.ndarray] = []
    for i in order:
        v = vector(int(rows[i]))
        if any(float(v @ p) >= SAME_TEXT_COSINE for p in seen):
            continue
        picked.append(int(rows[i]))
        seen.append(v)
        if len(picked) == depth:
            break
    return picked


def feedback_query(qv: np.ndarray, vectors: Sequence[np.ndarray], beta: float) -> np.ndarray:
    """``normalize(qv + beta * mean(vectors))`` (``qv`` itself without vectors or with beta 0)."""
    if not len(vectors) or beta <= 0:
        return qv
    moved = qv + beta * np.mean(vectors, axis=0)
    norm = float(np.linalg.norm(moved))
    return (moved / norm).astype(qv.dtype) if norm > 0 else qv
