"""Building index segments from parsed documents, re-embedding only what changed (content hash).

``embedding_texts`` is the one place that says what text stands for a record in the dense index;
``sentence_units`` which parts of a record are embedded on their own (sentences and windows of
clauses, each in its own pass of the model) and, beside them, the record read in its context
(``in_context``: its document's title, a sub-paragraph's chapeau, then the start of its text;
issue 18).
``VECTORS_VERSION`` names what a build makes of a record; an index of another version is rebuilt
(reusing every vector whose text is the same). Pooling the units' vectors from the paragraph's own
pass instead halves the encoding time but loses more than 0.005 nDCG@10 on the labelled sets
(tuning half 0.809 -> 0.801, commitment 0.756 -> 0.724; pooling only the clause windows: 0.804
and held-out 0.781 -> 0.774): ``benchmarks/bench_pooled.py``, ``benchmarks/EVAL.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from precedent.ingest.records import Paragraph, ParsedDocument, text_hash

from .embedder import Embedder
from .keyword import KeywordSegment
from .segments import Segment
from .store import IndexData
from .text_match import clause_spans, sentence_spans

log = logging.getLogger(__name__)

EMBED_KINDS = ("preambular", "paragraph", "subparagraph", "footnote")
# What a build makes of a record; bump when it changes, so an index of another version is rebuilt
# and its vectors are never mixed with new ones (1: paragraph + sentences and clause windows;
# 2: + the record in its context).
VECTORS_VERSION = 2
CHAPEAU_WORDS = 15  # words of a sub-paragraph's chapeau read before it in its context unit
LEAD_WORDS = 25  # words of the record itself in its context unit (its sentences have their own)


def embedding_texts(records: Sequence[Paragraph]) -> list[str]:
    """The text whose vector stands for each record in the dense index: its paragraph text.
    (The one function to change to embed something else per record; the cache of vectors keys
    on what it returns.)"""
    return [r.text for r in records]


def keyword_text(record: Paragraph) -> str:
    """What BM25 sees: the paragraph text (its number and citation are matched separately)."""
    return record.text


def _first_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def in_context(record: Paragraph, chapeau: Paragraph | None = None) -> str:
    """The record as a reader meets it in its document, embedded as one of its units: the
    document's title, then (for a sub-paragraph) the first ``CHAPEAU_WORDS`` words of its chapeau
    paragraph, then the first ``LEAD_WORDS`` words of its own text ("..." marks a cut). "" when it
    has neither title nor chapeau. A sub-paragraph such as "(c) Use alternatives to detention"
    alone does not say which text it belongs to or what its chapeau commits to; its context unit
    does. Kept beside the paragraph's own vector, not in place of it, and short (a text past the
    model's 256 tokens is cut; a shorter one costs less to embed): benchmarks/EVAL.md, "Each
    paragraph embedded with its context"."""
    context = []
    title = (record.title or record.symbol).strip().rstrip(".")
    if title:
        context.append(title + ".")
    if chapeau is not None and record.kind == "subparagraph" and chapeau.text.strip():
        context.append(_first_words(chapeau.text, CHAPEAU_WORDS))
    return " ".join([*context, _first_words(record.text, LEAD_WORDS)]) if context else ""


def context_texts(records: Sequence[Paragraph]) -> list[str]:
    """``in_context`` of each record, its chapeau found among ``records`` (a document is always
    indexed whole, so a sub-paragraph's parent is there)."""
    by_id = {r.id: r for r in records}
    return [in_context(r, by_id.get(r.parent) if r.parent else None) for r in records]


def unit_texts(records: Sequence[Paragraph], rows: np.ndarray) -> list[str]:
    """The text of each unit row (record row, start, end): its span of the record's text, or, for
    the empty span (row, 0, 0), the record in its context."""
    contexts: list[str] | None = None
    texts = []
    for row, s, e in np.asarray(rows).tolist():
        if s == e:
            contexts = context_texts(records) if contexts is None else contexts
            texts.append(contexts[row])
        else:
            texts.append(records[row].text[s:e])
    return texts


def sentence_units(records: Sequence[Paragraph],
                   contexts: Sequence[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Parts of records embedded on their own, as (rows of (record row, start, end), their
    texts): the record in its context (``in_context``; the empty span (row, 0, 0), first), then
    sentences and windows of clauses (see ``clause_spans``) of a record that has two or more (a
    record that is a single sentence is covered by its paragraph vector already). ``contexts``:
    the records' ``context_texts``, when made already."""
    contexts = context_texts(records) if contexts is None else contexts
    rows, texts = [], []
    for i, r in enumerate(records):
        if contexts[i]:
            rows.append((i, 0, 0))
            texts.append(contexts[i])
        spans = []
        for found in (sentence_spans(r.text), clause_spans(r.text)):
            if len(found) >= 2:
                spans += [sp for sp in found if sp not in spans and sp[0] < sp[1]]
        for s, e in sorted(spans):
            rows.append((i, s, e))
            texts.append(r.text[s:e])
    arr = np.asarray(rows, dtype=np.int32).reshape(-1, 3)
    return arr, texts


def record_keys(records: Sequence[Paragraph], texts: Sequence[str] | None = None,
                contexts: Sequence[str] | None = None) -> list[str]:
    """What a record's vectors (its own and its units') depend on, hashed: the text embedded for
    it, the text its units are cut from and the record in its context."""
    texts = embedding_texts(records) if texts is None else texts
    return [text_hash(t) if t == r.text and not c else text_hash("\0".join((t, r.text, c)))
            for t, r, c in zip(texts, records,
                               context_texts(records) if contexts is None else contexts)]


def same_model(manifest: dict, embedder: Embedder) -> bool:
    """Whether an index's vectors came from ``embedder``'s model: the same name and, when both
    are known, the same hash of the model's files. The backend (ONNX Runtime or torch) does not
    matter: both give the same vectors."""
    if manifest.get("model") != embedder.name:
        return False
    built, now = manifest.get("model_fingerprint"), getattr(embedder, "fingerprint", None)
    return built is None or now is None or built == now


def same_vectors(manifest: dict) -> bool:
    """Whether an index's records were made as this build makes them (``VECTORS_VERSION``; an
    index written before it was named is version 1)."""
    return manifest.get("vectors", 1) == VECTORS_VERSION


class VectorCache:
    """Vectors the model made already, found by hash: whole records (their vector and their
    units' vectors: the same text gives the same units) from every segment given, and single
    texts (units or records) from the segments given with ``texts=True``."""

    def __init__(self):
        self._records: dict[str, tuple[Segment, int]] = {}
        self._texts: dict[str, np.ndarray] = {}

    def add(self, seg: Segment, live: np.ndarray | None = None, *, texts: bool = False,
            records: bool = True) -> None:
        if records:  # only from a segment of this VECTORS_VERSION: its units are this build's
            keys = seg.memo.get("record_keys")
            if keys is None:
                keys = seg.memo["record_keys"] = record_keys(seg.records)
            for i, k in enumerate(keys):
                if live is None or live[i]:
                    self._records.setdefault(k, (seg, i))
        if texts:
            for i, t in enumerate(embedding_texts(seg.records)):
                if live is None or live[i]:
                    self._texts.setdefault(text_hash(t), seg.vectors[i])
            for j, (row, t) in enumerate(zip(seg.unit_rows[:, 0],
                                             unit_texts(seg.records, seg.unit_rows))):
                if live is None or live[row]:
                    self._texts.setdefault(text_hash(t), seg.unit_vectors[j])

    def add_index(self, data: IndexData, *, texts: bool = False) -> None:
        """Every live row of ``data``; whole records only when it was built by this
        ``VECTORS_VERSION`` (else its single texts alone, when ``texts``)."""
        records = same_vectors(data.manifest)
        for seg, deleted in data.parts:
            self.add(seg, seg.live(deleted), texts=texts, records=records)

    def record(self, key: str, units: int) -> tuple[np.ndarray, np.ndarray] | None:
        found = self._records.get(key)
        if found is None:
            return None
        seg, i = found
        s, e = seg.unit_range[i]
        if e - s != units:
            return None
        return seg.vectors[i], seg.unit_vectors[s:e]

    def text(self, h: str) -> np.ndarray | None:
        return self._texts.get(h)

    def __len__(self) -> int:
        return len(self._records) + len(self._texts)


def cache_from(previous: IndexData | None, embedder: Embedder, *,
               texts: bool = True) -> VectorCache:
    """The vectors of ``previous`` when it was built by the same model (else an empty cache)."""
    cache = VectorCache()
    if previous is None or not same_model(previous.manifest, embedder):
        if previous is not None and previous.model == embedder.name:
            log.warning("the files of model '%s' changed since the index was built; "
                        "every text is embedded again",
                        embedder.name)
        return cache
    cache.add_index(previous, texts=texts)
    return cache


def _segment_texts(records: Sequence[Paragraph]):
    """What a segment of ``records`` embeds: (record texts, record keys, unit rows, unit texts,
    units per record), the records' contexts made once for the keys and the units."""
    contexts = context_texts(records)
    texts = embedding_texts(records)
    unit_rows, unit_texts = sentence_units(records, contexts)
    per_record = (np.bincount(unit_rows[:, 0], minlength=len(records)) if len(unit_rows)
                  else np.zeros(len(records), int))
    return texts, record_keys(records, texts, contexts), unit_rows, unit_texts, per_record


def units_to_embed(records: Sequence[Paragraph], cache: VectorCache | None = None) -> int:
    """How many texts ``build_segment`` would send to the model for ``records``."""
    texts, keys, unit_rows, unit_texts, per_record = _segment_texts(records)
    todo: set[str] = set()
    at = 0
    for i, k in enumerate(keys):
        n = int(per_record[i])
        if cache is None or cache.record(k, n) is None:
            for t in [texts[i], *unit_texts[at:at + n]]:
                h = text_hash(t)
                if cache is None or cache.text(h) is None:
                    todo.add(h)
        at += n
    return len(todo)


def build_segment(records: Sequence[Paragraph], embedder: Embedder,
                  cache: VectorCache | None = None,
                  progress: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None,
                  by_doc: dict[str, int] | None = None) -> tuple[Segment, int]:
    """A new segment of ``records`` (in order) with their vectors: a record whose text the cache
    knows takes its vectors from there, any other text is embedded (each distinct text once, in
    one call: the model batches texts of similar length together). Returns (segment, number of
    texts sent to the model). ``by_doc``, when given, receives that number per doc id: each text
    counts for the document of the first record that needed it, so the counts add up to the
    total."""
    records = list(records)
    texts, keys, unit_rows, unit_texts, per_record = _segment_texts(records)
    dim = int(embedder.dim)
    vectors = np.zeros((len(records), dim), dtype=np.float32)
    unit_vectors = np.zeros((len(unit_rows), dim), dtype=np.float32)
    todo: dict[str, str] = {}
    wanted: list[tuple[np.ndarray, int, str]] = []  # (target array, row, text hash)
    at = 0
    for i, k in enumerate(keys):
        n = int(per_record[i])
        hit = cache.record(k, n) if cache is not None else None
        if hit is not None:
            vectors[i], unit_vectors[at:at + n] = hit
        else:
            for target, row, t in [(vectors, i, texts[i]),
                                   *((unit_vectors, j, unit_texts[j]) for j in range(at, at + n))]:
                h = text_hash(t)
                v = cache.text(h) if cache is not None else None
                if v is not None:
                    target[row] = v
                else:
                    if h not in todo:
                        todo[h] = t
                        if by_doc is not None:
                            by_doc[records[i].doc_id] = by_doc.get(records[i].doc_id, 0) + 1
                    wanted.append((target, row, h))
        at += n
    if on_total is not None:
        on_total(len(todo))
    if todo:
        new = dict(zip(todo, embedder.encode(list(todo.values()), progress=progress)))
        for target, row, h in wanted:
            target[row] = new[h]
    keyword = KeywordSegment.build([keyword_text(r) for r in records])
    seg = Segment(records, vectors, unit_rows, unit_vectors, keyword)
    seg.memo["record_keys"] = keys
    log.info("segment: %d records, %d units, %d texts embedded",
             len(records), len(unit_rows), len(todo))
    return seg, len(todo)


def index_manifest(embedder: Embedder, sources: dict[str, dict]) -> dict:
    return {
        "model": embedder.name,
        "backend": getattr(embedder, "backend", "unknown"),  # onnx | torch | fake
        "model_fingerprint": getattr(embedder, "fingerprint", None),  # sha256 of the model's files
        "dimension": int(embedder.dim),
        "vectors": VECTORS_VERSION,
        "sources": sources,
    }


def indexed_records(documents: Iterable[ParsedDocument]) -> list[Paragraph]:
    return [r for d in documents for r in d.paragraphs if r.kind in EMBED_KINDS]


def build_index_data(documents: Iterable[ParsedDocument], sources: dict[str, dict],
                     embedder: Embedder,
                     previous: IndexData | None = None,
                     progress: Callable[[int], None] | None = None,
                     on_total: Callable[[int], None] | None = None) -> tuple[IndexData, int]:
    """All records of ``documents`` as one segment, with vectors (cached from ``previous`` where
    possible). Returns the index data and how many texts were sent to the model."""
    seg, embedded = build_segment(indexed_records(documents), embedder,
                                  cache_from(previous, embedder),
                                  progress, on_total)
    return IndexData.of_parts(index_manifest(embedder, sources), [(seg, frozenset())]), embedded
