"""A sentence-transformers model on ONNX Runtime: the same vectors, without importing torch.

A model made of a Hugging Face transformer, a pooling layer (cls, max, mean or mean/sqrt(len))
and optionally a normalisation is exported once with ``torch.onnx.export`` (fp32, the same
weights) into a cache folder ``<cache>/<model>-<hash of its name>/`` holding ``model.onnx``,
the model's ``tokenizer.json`` (with its lower-casing, if any) and ``meta.json``: the model
name, the hash of its weight and configuration files, the pooling, the maximum sequence length
and the size and hash of every file of the export. Encoding then needs only ``onnxruntime``,
``tokenizers`` and numpy: tokenize (truncate to the model's maximum length, pad to the longest
text of a batch), run the transformer, pool the token vectors with the attention mask,
L2-normalise.

The cache (``onnx_cache``) is trusted only while ``meta.json`` names the same model, the model's
files hash to the recorded value and every file of the export is the one recorded; otherwise it
is exported again. A model that cannot be exported (another architecture of modules, an export
error) is recorded as such, so the caller uses torch without trying again each time (and says so).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from .onnx_cache import (  # noqa: F401  (callers take the cache's functions from here too)
    EXPORT_VERSION,
    cache_folder,
    cached_state,
    clean_stale_exports,
    hash_file,
    install_export,
    read_meta,
    record_unsupported,
    scratch_folder,
)

log = logging.getLogger(__name__)

POOLING_MODES = ("cls", "max", "mean", "mean_sqrt_len_tokens")  # in sentence-transformers' order
_HASHED_SUFFIXES = (".json", ".txt", ".safetensors", ".bin", ".model")
_SKIPPED_DIRS = {"onnx", "openvino", ".git", "__pycache__"}


class OnnxUnavailable(Exception):
    """This model cannot run on ONNX Runtime; the message says why (torch is used instead)."""


# -- where the model and its ONNX file are --------------------------------------------------

def model_dir(name: str, path: str | None = None) -> Path | None:
    """The local folder of a sentence-transformers model: ``path`` or ``name`` when it is a
    folder, else the Hugging Face cache's copy of a hub name (no download), else None."""
    for candidate in (path, name):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # not in the cache, not a hub name, or huggingface_hub missing
        return None


_FINGERPRINTS: dict[tuple, str] = {}


def weights_fingerprint(directory: Path) -> str:
    """sha256 over the model's weight, vocabulary and configuration files (names and bytes).
    Remembered while the files' sizes and times stay the same (opening a library and loading
    its model both ask)."""
    files = sorted(p for p in directory.rglob("*")
                   if p.is_file() and p.suffix in _HASHED_SUFFIXES
                   and not (_SKIPPED_DIRS & set(p.relative_to(directory).parts[:-1])))
    key = tuple((str(p), st.st_size, st.st_mtime_ns, st.st_ino) for p in files for st in [p.stat()])
    known = _FINGERPRINTS.get(key)
    if known is None:
        known = _FINGERPRINTS[key] = _hash_files(directory, files)
    return known


def _hash_files(directory: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(directory).as_posix().encode() + b"\0")
        hash_file(p, h)
    return h.hexdigest()


# -- export (needs torch; done once) --------------------------------------------------------

def export_plan(st_model) -> dict:
    """What the export needs to know of a loaded ``SentenceTransformer``; raises
    ``OnnxUnavailable`` when its modules are not transformer + pooling (+ normalise)."""
    modules = list(st_model)
    kinds = [type(m).__name__ for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxUnavailable(f"modules {kinds} "
                              "(only Transformer, Pooling[, Normalize] are exported)")
    transformer, pooling = modules[0], modules[1]
    modes = pooling.pooling_mode
    modes = [modes] if isinstance(modes, str) else list(modes)
    if not modes or any(m not in POOLING_MODES for m in modes):
        raise OnnxUnavailable(f"pooling {modes} (supported: {', '.join(POOLING_MODES)})")
    tokenizer = getattr(transformer, "tokenizer", None)
    if tokenizer is None or not getattr(tokenizer, "is_fast", False):
        raise OnnxUnavailable("no fast (tokenizers) tokenizer")
    if getattr(transformer, "transformer_task", None) not in (None, "feature-extraction"):
        raise OnnxUnavailable(f"transformer task {transformer.transformer_task}")
    inputs = [n for n in ("input_ids", "attention_mask", "token_type_ids")
              if n in tokenizer.model_input_names]
    if "input_ids" not in inputs or "attention_mask" not in inputs:
        raise OnnxUnavailable(f"tokenizer inputs {tokenizer.model_input_names}")
    return {"pooling": [m for m in POOLING_MODES if m in modes], "normalize": len(modules) == 3,
            "max_seq_length": int(st_model.max_seq_length), "inputs": inputs,
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
            "dimension": int(pooling.pooling_output_dimension)}


def export(st_model, name: str, fingerprint: str, folder: Path) -> dict:
    """Export ``st_model``'s transformer to ``folder/model.onnx`` with its tokenizer and meta,
    written in a temporary folder renamed into place. On failure the folder records
    ``unsupported`` (so torch is used without trying again) and ``OnnxUnavailable`` is raised."""
    started = time.perf_counter()
    try:
        plan = export_plan(st_model)
        say(f"preparing the embedding model '{name}' for ONNX Runtime (once, a few seconds)")
        tmp = scratch_folder(folder)
        try:
            _torch_export(st_model[0].auto_model, plan["inputs"], tmp / "model.onnx")
            st_model[0].tokenizer.backend_tokenizer.save(str(tmp / "tokenizer.json"))
            meta = install_export(tmp, folder, dict(
                plan, model=name, fingerprint=fingerprint, export_version=EXPORT_VERSION,
                exporter="torch.onnx",
                created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OnnxUnavailable as e:
        record_unsupported(folder, name, fingerprint, str(e))
        raise
    except Exception as e:
        reason = f"export failed: {type(e).__name__}: {str(e)[:200]}"
        record_unsupported(folder, name, fingerprint, reason)
        raise OnnxUnavailable(reason) from None
    log.info("exported %s to ONNX in %.1f s", name, time.perf_counter() - started)
    return meta


def _torch_export(auto_model, inputs: list[str], out: Path) -> None:
    import warnings

    import torch

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, *args):
            return self.model(**dict(zip(inputs, args)), return_dict=True).last_hidden_state

    auto_model.eval()
    sample = tuple(torch.ones((2, 8), dtype=torch.long) if n != "token_type_ids"
                   else torch.zeros((2, 8), dtype=torch.long) for n in inputs)
    axes = {n: {0: "batch", 1: "sequence"} for n in [*inputs, "token_embeddings"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about shape-dependent Python branches
        torch.onnx.export(TokenEmbeddings(auto_model), sample, str(out), input_names=inputs,
                          output_names=["token_embeddings"], dynamic_axes=axes, opset_version=17,
                          do_constant_folding=True, dynamo=False)


def say(message: str) -> None:
    """A one-line progress message on stderr (exporting takes a few seconds, once)."""
    print(f"precedent: {message}", file=sys.stderr, flush=True)


# -- encoding (no torch) --------------------------------------------------------------------

class OnnxEmbedder:
    """Encodes with ONNX Runtime from a cache folder made by ``export``: L2-normalised float32."""

    backend = "onnx"

    def __init__(self, name: str, folder: Path, meta: dict):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = name
        self.fingerprint = meta["fingerprint"]
        self.dim = int(meta["dimension"])
        self.folder = folder
        self._meta = meta
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=int(meta["max_seq_length"]))
        self._tokenizer.enable_padding(pad_id=int(meta["pad_id"]), pad_token=meta["pad_token"])
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(folder / "model.onnx"), options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        arrays = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                  "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                  "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        tokens = self._session.run(None, {n: arrays[n] for n in self._inputs})[0]
        return pool(tokens, arrays["attention_mask"], self._meta["pooling"])

    def encode(self, texts, *, batch_size: int = 32, progress=None) -> np.ndarray:
        """Vectors of ``texts`` in their order; batches of similar length (little padding)."""
        texts = [str(t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            out[idx] = self._encode_batch([texts[i] for i in idx])
            if progress is not None:
                progress(len(idx))
        return _normalize(out)


def pool(tokens: np.ndarray, mask: np.ndarray, modes: list[str]) -> np.ndarray:
    """Sentence vectors from token vectors (batch, seq, dim) as sentence-transformers pools them
    (right padding): each mode's vector, concatenated in ``POOLING_MODES`` order."""
    m = mask[..., None].astype(np.float32)
    parts = []
    for mode in modes:
        if mode == "cls":
            parts.append(tokens[:, 0])
        elif mode == "max":
            parts.append(np.where(m > 0, tokens, -np.inf).max(axis=1))
        else:
            count = np.clip(m.sum(axis=1), 1e-9, None)
            total = (tokens * m).sum(axis=1)
            parts.append(total / (count if mode == "mean" else np.sqrt(count)))
    return np.concatenate(parts, axis=1).astype(np.float32)


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)
