"""Small pure functions that turn per-record scores into one ranking."""

from __future__ import annotations

import numpy as np


def minmax(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] by the maximum (0 stays 0: no keyword match means no keyword evidence)."""
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


def weighted_fusion(dense: np.ndarray, keyword: np.ndarray, dense_weight: float = 0.6,
                    keyword_scale: float | None = None) -> np.ndarray:
    """Convex combination of the dense cosine and the BM25 score, the latter divided by
    ``keyword_scale`` (the score of an ideal match, capped at 1) or else by its maximum."""
    if keyword_scale:
        kw = np.minimum(keyword / keyword_scale, 1.0)
    else:
        kw = minmax(keyword)
    return dense_weight * dense + (1.0 - dense_weight) * kw


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each entry (highest score = rank 1; ties share an order by index)."""
    order = np.argsort(-scores, kind="stable")
    r = np.empty(len(scores), dtype=np.int64)
    r[order] = np.arange(1, len(scores) + 1)
    return r


def rrf_fusion(dense: np.ndarray, keyword: np.ndarray, k: int = 60) -> np.ndarray:
    """Reciprocal-rank fusion; records with no keyword match get no keyword contribution."""
    kw = 1.0 / (k + ranks(keyword))
    kw[keyword <= 0] = 0.0
    return 1.0 / (k + ranks(dense)) + kw


FUSIONS = {"weighted": weighted_fusion, "rrf": rrf_fusion}
