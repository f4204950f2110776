"""The tests' embedder: deterministic, instant, no model and no network.

Tests build it directly (``Library.open(embedder=HashEmbedder())``); the command line selects it
with the import-path form of ``--model`` that any custom embedder can use::

    precedent search "child detention" --model fake_embedder:HashEmbedder

(``tests/`` on ``sys.path``: pytest puts it there; subprocesses get it from ``cli_env()``).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np

from precedent.index.embedder import normalize

SPEC = "fake_embedder:HashEmbedder"  # --model / PRECEDENT_MODEL value that selects it
NAME = "fake-hash-embedder"  # the model name the index records
_WORD = re.compile(r"\w+")


class HashEmbedder:
    """Deterministic bag-of-words embedder for unit tests: no model, no network, instant.

    Each word (lower-cased, crude suffix stripping) maps to a fixed random direction; a text is
    the normalised sum. Texts sharing words are close, which is enough to test the machinery.
    """

    backend = "fake"
    fingerprint = None

    def __init__(self, dim: int = 64, name: str = NAME):
        self.dim = dim
        self.name = name
        self._cache: dict[str, np.ndarray] = {}

    def _word_vector(self, word: str) -> np.ndarray:
        v = self._cache.get(word)
        if v is None:
            seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
            v = self._cache[word] = np.random.default_rng(seed).standard_normal(self.dim).astype(
                np.float32)
        return v

    def encode(self, texts, *, batch_size: int = 32, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in _WORD.findall(text.lower()):
                out[i] += self._word_vector(re.sub(r"(ing|ed|s)$", "", w) or w)
        if progress is not None:
            progress(len(texts))
        return normalize(out)


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a ``precedent`` subprocess that can import this module."""
    env = dict(os.environ, **extra)
    here = str(Path(__file__).resolve().parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH", "")) if p)
    return env
