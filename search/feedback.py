"""Pseudo-relevance feedback: the first ranking's top paragraphs used to search again.

Pure functions over what is already in memory (no model call):

- ``feedback_query`` (Rocchio, the dense side): the question's vector moved towards the first
  ``depth`` distinct paragraphs' vectors, ``normalize(q + beta * mean)``;
- ``expansion_terms`` (RM3-like, the keyword side): the words those paragraphs use most
  distinctively and the question does not, to add to its keyword search with a small weight.

``Feedback`` holds the settings and when it applies (``Feedback.applies``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Two paragraphs this close in meaning (a draft and its adopted twin, a repeated paragraph) count
# once among the feedback paragraphs.
SAME_TEXT_COSINE = 0.97


@dataclass(frozen=True)
class Feedback:
    """How the question is moved: its vector towards the mean of the first ``depth`` distinct
    paragraphs by ``beta`` (0: not at all), each paragraph by its whole vector or by its part
    closest to the question (``parts``); ``terms`` of their distinctive words added to the keyword
    search at ``term_weight`` each. Only when the best keyword score's share of an ideal match is
    below ``max_keyword`` (None: always) and, with ``commitments=False``, not for a commitment
    question."""

    depth: int = 3
    beta: float = 0.5
    max_keyword: float | None = None
    parts: bool = False
    terms: int = 0
    term_weight: float = 0.3
    commitments: bool = True

    def applies(self, keyword_share: float, commitment: bool = False) -> bool:
        if commitment and not self.commitments:
            return False
        return self.max_keyword is None or keyword_share < self.max_keyword


def top_distinct(scores: np.ndarray, rows: np.ndarray, vector: Callable[[int], np.ndarray],
                 depth: int) -> list[int]:
    """The first ``depth`` candidate rows by ``scores``, a row whose paragraph vector is nearly
    the same as one taken already skipped."""
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
    """``normalize(qv + beta * mean(vectors))`` (``qv`` itself without vectors)."""
    if not len(vectors) or beta <= 0:
        return qv
    moved = qv + beta * np.mean(vectors, axis=0)
    norm = float(np.linalg.norm(moved))
    return (moved / norm).astype(qv.dtype) if norm > 0 else qv


def expansion_terms(question: Sequence[str], texts: Sequence[Sequence[str]],
                    idf: Callable[[str], float], n: int) -> list[str]:
    """The ``n`` words (stems) the feedback paragraphs (``texts``, each its stems) use most
    distinctively, the question's own words left out: each word scored by its share of each
    paragraph's words summed over the paragraphs, times its rarity (``idf``)."""
    if n <= 0 or not texts:
        return []
    own = set(question)
    weight: Counter = Counter()
    for stems in texts:
        if not stems:
            continue
        for t, c in Counter(stems).items():
            if t not in own:
                weight[t] += c / len(stems)
    ranked = sorted(weight, key=lambda t: (-weight[t] * idf(t), t))
    return ranked[:n]
