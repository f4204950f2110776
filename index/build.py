"""Building an index from parsed documents, re-embedding only what changed (content hash)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import numpy as np

from precedent.ingest.records import Paragraph, ParsedDocument, text_hash

from .embedder import Embedder
from .keyword import KeywordIndex
from .store import IndexData
from .text_match import clause_spans, sentence_spans

log = logging.getLogger(__name__)

EMBED_KINDS = ("preambular", "paragraph", "subparagraph", "footnote")


def sentence_units(records: list[Paragraph]) -> tuple[np.ndarray, list[str]]:
    """Parts of records embedded on their own: sentences, and windows of clauses (see
    ``clause_spans``), as (rows of (record row, start, end), their texts). A record that is a
    single unit is covered by its paragraph vector already."""
    rows, texts = [], []
    for i, r in enumerate(records):
        spans = []
        for found in (sentence_spans(r.text), clause_spans(r.text)):
            if len(found) >= 2:
                spans += [sp for sp in found if sp not in spans]
        for s, e in sorted(spans):
            rows.append((i, s, e))
            texts.append(r.text[s:e])
    arr = np.asarray(rows, dtype=np.int32).reshape(-1, 3)
    return arr, texts


def same_model(manifest: dict, embedder: Embedder) -> bool:
    """Whether an index's vectors came from ``embedder``'s model: the same name and, when both
    are known, the same hash of the model's files. The backend (ONNX Runtime or torch) does not
    matter: both give the same vectors."""
    if manifest.get("model") != embedder.name:
        return False
    built, now = manifest.get("model_fingerprint"), getattr(embedder, "fingerprint", None)
    return built is None or now is None or built == now


def _vector_cache(previous: IndexData | None, embedder: Embedder) -> dict[str, np.ndarray]:
    """Text hash -> vector, from the previous index when it was built by the same model."""
    if previous is None or not same_model(previous.manifest, embedder):
        if previous is not None and previous.model == embedder.name:
            log.warning("the files of model '%s' changed since the index was built; every text is embedded again",
                        embedder.name)
        return {}
    cache = {r.content_hash: previous.vectors[i] for i, r in enumerate(previous.records)}
    for j, (row, s, e) in enumerate(previous.sentence_rows):
        cache.setdefault(text_hash(previous.records[row].text[s:e]), previous.sentence_vectors[j])
    return cache


def embed_with_cache(texts: list[str], embedder: Embedder, cache: dict[str, np.ndarray],
                     progress: Callable[[int], None] | None = None) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``; only texts whose hash is not cached are sent to the model.
    Returns (vectors, number embedded)."""
    hashes = [text_hash(t) for t in texts]
    missing = list(dict.fromkeys(h for h in hashes if h not in cache))
    if missing:
        by_hash = dict(zip(hashes, texts))
        new = embedder.encode([by_hash[h] for h in missing], progress=progress)
        cache.update(zip(missing, new))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cache[h]
    return out, len(missing)


def build_index_data(documents: Iterable[ParsedDocument], sources: dict[str, dict], embedder: Embedder,
                     previous: IndexData | None = None,
                     progress: Callable[[int], None] | None = None,
                     on_total: Callable[[int], None] | None = None) -> tuple[IndexData, int]:
    """All records of ``documents`` with vectors (cached where possible), BM25 and FAISS indexes.
    Returns the index data and how many texts were sent to the model."""
    records = [r for d in documents for r in d.paragraphs if r.kind in EMBED_KINDS]
    sentence_rows, sentence_texts = sentence_units(records)
    cache = _vector_cache(previous, embedder)
    texts = [r.text for r in records]
    if on_total is not None:
        todo = {text_hash(t) for t in texts + sentence_texts} - set(cache)
        on_total(len(todo))
    # One call for paragraphs and their parts: the model batches texts of similar length together.
    all_vectors, embedded = embed_with_cache(texts + sentence_texts, embedder, cache, progress)
    vectors, sentence_vectors = all_vectors[:len(texts)], all_vectors[len(texts):]
    keyword = KeywordIndex.build([keyword_text(r) for r in records])
    manifest = {
        "model": embedder.name,
        "backend": getattr(embedder, "backend", "unknown"),  # onnx | torch | fake
        "model_fingerprint": getattr(embedder, "fingerprint", None),  # sha256 of the model's files
        "dimension": int(embedder.dim),
        "sources": sources,
    }
    data = IndexData(manifest, records, vectors, sentence_rows, sentence_vectors, keyword)
    log.info("index: %d records, %d sentences, %d texts embedded", len(records), len(sentence_rows), embedded)
    return data, embedded


def keyword_text(record: Paragraph) -> str:
    """What BM25 sees: the paragraph text (its number and citation are matched separately)."""
    return record.text
