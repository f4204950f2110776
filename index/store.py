"""The index on disk: a directory of plain files, swapped in atomically.

``<home>/CURRENT`` names the live index directory ``<home>/indexes/<name>/``, which holds
``manifest.json`` (format version, model, dimension, normalisation, counts, sources),
``records.jsonl`` (line i = FAISS row i), ``vectors.npy``, ``paragraphs.faiss``,
``sentences.npy`` (sentence row -> record row, start, end), ``sentence_vectors.npy``,
``sentences.faiss`` and ``keyword/`` (bm25s). No pickle anywhere. A new index is written in a
fresh directory, then ``CURRENT`` is replaced in one ``os.replace``: a reader sees the old index
or the new one, never half of one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.records import Paragraph

from .dense import build_faiss, load_faiss, save_faiss
from .keyword import KeywordIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: sentence and clause-window units


class IndexLoadError(Exception):
    """The index directory is missing or damaged; the message says what is wrong."""


@dataclass
class IndexData:
    manifest: dict
    records: list[Paragraph]
    vectors: np.ndarray  # (n, d) float32, normalised
    sentence_rows: np.ndarray  # (m, 3) int32: record row, start, end
    sentence_vectors: np.ndarray  # (m, d)
    keyword: KeywordIndex
    dense: object = None  # faiss index over vectors
    sentence_dense: object = None
    by_id: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.dense is None:
            self.dense = build_faiss(self.vectors)
        if self.sentence_dense is None:
            self.sentence_dense = build_faiss(self.sentence_vectors)
        self.by_id = {r.id: i for i, r in enumerate(self.records)}

    @property
    def model(self) -> str:
        return self.manifest["model"]

    @property
    def sources(self) -> dict[str, dict]:
        return self.manifest.get("sources", {})


def home_dir(home: str | os.PathLike | None = None) -> Path:
    if home:
        return Path(home).expanduser()
    env = os.environ.get("PRECEDENT_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("precedent", appauthor=False))


def current_index_dir(home: Path) -> Path | None:
    pointer = home / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return home / "indexes" / name if name else None


def save_index(data: IndexData, home: Path) -> Path:
    """Write ``data`` as a new index directory and make it current (atomically)."""
    (home / "indexes").mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = home / "indexes" / (name + ".tmp")
    tmp.mkdir()
    try:
        with open(tmp / "records.jsonl", "w", encoding="utf-8") as f:
            for r in data.records:
                f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        np.save(tmp / "vectors.npy", data.vectors, allow_pickle=False)
        np.save(tmp / "sentences.npy", data.sentence_rows, allow_pickle=False)
        np.save(tmp / "sentence_vectors.npy", data.sentence_vectors, allow_pickle=False)
        save_faiss(data.dense, tmp / "paragraphs.faiss")
        save_faiss(data.sentence_dense, tmp / "sentences.faiss")
        (tmp / "keyword").mkdir()
        data.keyword.save(tmp / "keyword")
        manifest = dict(data.manifest, format_version=FORMAT_VERSION, count=len(data.records),
                        sentence_count=int(len(data.sentence_rows)), normalized=True,
                        dimension=int(data.vectors.shape[1]), created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        _write_json(tmp / "manifest.json", manifest)
        _fsync_dir(tmp)
        final = home / "indexes" / name
        os.rename(tmp, final)
        pointer_tmp = home / f"CURRENT.{uuid.uuid4().hex[:8]}.tmp"
        pointer_tmp.write_text(name + "\n", encoding="utf-8")
        _fsync_file(pointer_tmp)
        old = current_index_dir(home)
        os.replace(pointer_tmp, home / "CURRENT")
        _fsync_dir(home)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    data.manifest = manifest
    prune_old_indexes(home, keep={name, old.name if old else ""})
    return final


def prune_old_indexes(home: Path, keep: set[str]) -> None:
    """Remove index directories that are neither current nor the one just replaced (a reader
    may still hold it open), and leftovers of interrupted writes."""
    for d in (home / "indexes").iterdir():
        if d.name not in keep:
            shutil.rmtree(d, ignore_errors=True)


def load_index(home: Path) -> IndexData:
    """Load the current index, checking that every part agrees; raise ``IndexLoadError`` if not."""
    directory = current_index_dir(home)
    if directory is None:
        raise IndexLoadError(f"no index in {home}")
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexLoadError(f"index manifest unreadable in {directory}: {e}") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexLoadError(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    try:
        with open(directory / "records.jsonl", encoding="utf-8") as f:
            records = [Paragraph.from_dict(json.loads(line)) for line in f if line.strip()]
        vectors = np.load(directory / "vectors.npy", allow_pickle=False)
        sentence_rows = np.load(directory / "sentences.npy", allow_pickle=False)
        sentence_vectors = np.load(directory / "sentence_vectors.npy", allow_pickle=False)
        dense = load_faiss(directory / "paragraphs.faiss")
        sentence_dense = load_faiss(directory / "sentences.faiss")
        keyword = KeywordIndex.load(directory / "keyword", len(records))
    except Exception as e:
        raise IndexLoadError(f"index files damaged in {directory}: {type(e).__name__}: {e}") from None
    n, dim = len(records), manifest.get("dimension")
    checks = [
        (manifest.get("count") == n, f"manifest count {manifest.get('count')} != {n} records"),
        (vectors.shape == (n, dim), f"vectors {vectors.shape} != ({n}, {dim})"),
        (dense.ntotal == n, f"FAISS rows {dense.ntotal} != {n} records"),
        (sentence_dense.ntotal == len(sentence_rows) == len(sentence_vectors), "sentence parts disagree"),
        (keyword.count == n and _bm25_docs(keyword) in (n, None), "keyword index size disagrees"),
        (not len(sentence_rows) or int(sentence_rows[:, 0].max()) < n, "sentence rows point past the records"),
    ]
    for ok, message in checks:
        if not ok:
            raise IndexLoadError(f"index in {directory} is inconsistent: {message}")
    return IndexData(manifest, records, vectors, sentence_rows, sentence_vectors, keyword, dense, sentence_dense)


def _bm25_docs(keyword: KeywordIndex) -> int | None:
    scores = getattr(keyword._bm25, "scores", None)
    if isinstance(scores, dict) and "num_docs" in scores:
        return int(scores["num_docs"])
    return None


def _write_json(path: Path, obj) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
