"""The dense side: FAISS inner-product search over normalised vectors, and one BLAS thread for
a query's products.

Exact search (``IndexFlatIP``) up to ``APPROX_THRESHOLD`` vectors; above it an IVF index whose
``nprobe`` keeps recall@10 against exact search at 0.95 or better (see benchmarks/bench_scale.py).
``one_blas_thread``: a query's products (one vector against a few thousand) are done on one
thread; the BLAS pool's second thread costs more than it saves (see its docstring).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


_BLAS = threading.Lock()
_blas_state: dict = {"depth": 0, "limiter": None, "controller": None}


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Inside it, the BLAS library numpy calls (OpenBLAS; those loaded when this is first used)
    runs on one thread. A query's products (one vector against each row, a few thousand rows)
    take tens of microseconds on one thread; split over a pool they wait for the pool's other
    thread, which on a busy machine (or just after the ONNX model ran, its threads still
    spinning) is a wait of milliseconds (issue 18: 7 ms a product on two cores). Re-entrant and
    shared by threads: the first to enter limits the pool, the last to leave restores it (the
    limit is the process's: another thread's products meanwhile run on one thread too).
    Without ``threadpoolctl`` it changes nothing."""
    with _BLAS:
        if _blas_state["depth"] == 0:
            _blas_state["limiter"] = _limit_blas()
        _blas_state["depth"] += 1
    try:
        yield
    finally:
        with _BLAS:
            _blas_state["depth"] -= 1
            if _blas_state["depth"] == 0 and _blas_state["limiter"] is not None:
                _blas_state["limiter"].restore_original_limits()
                _blas_state["limiter"] = None


def _limit_blas():
    """The BLAS pool limited to one thread (the limiter restores it), or None without
    ``threadpoolctl``. The controller (which lists the loaded libraries, about a millisecond) is
    made once."""
    if _blas_state["controller"] is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:
            _blas_state["controller"] = False
        else:
            _blas_state["controller"] = ThreadpoolController()
    controller = _blas_state["controller"]
    return controller.limit(limits=1, user_api="blas") if controller else None
