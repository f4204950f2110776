"""The dense side: FAISS inner-product search over normalised vectors.

Exact search (``IndexFlatIP``) up to ``APPROX_THRESHOLD`` vectors; above it an IVF index whose
``nprobe`` keeps recall@10 against exact search at 0.95 or better (see benchmarks/bench_scale.py).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

APPROX_THRESHOLD = 50_000


def build_faiss(vectors: np.ndarray, *, approx: bool | None = None):
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, d = vectors.shape
    if approx is None:
        approx = n > APPROX_THRESHOLD
    if not approx:
        index = faiss.IndexFlatIP(d)
        index.add(vectors)
        return index
    nlist = max(64, int(4 * math.sqrt(n)))
    quantizer = faiss.IndexFlatIP(d)
    index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(0)
    sample = vectors[rng.choice(n, size=min(n, nlist * 40), replace=False)]
    index.train(sample)
    index.add(vectors)
    index.nprobe = max(32, nlist // 16)
    return index


def search_faiss(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, rows) of the k nearest rows for each query; rows are -1 past the end."""
    k = max(1, min(k, index.ntotal))
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)


def save_faiss(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_faiss(path: Path):
    import faiss

    index = faiss.read_index(str(path))
    if hasattr(index, "nprobe") and getattr(index, "nlist", 0):
        index.nprobe = max(32, index.nlist // 16)
    return index
