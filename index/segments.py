"""Index segments: what one change of the library added, written once and never changed after.

A segment holds records (paragraphs), their vectors, their sentence and clause-window units with
their vectors, and the BM25 postings of its records (``keyword.KeywordSegment``), as plain files
in a folder ``seg-<time>-<random>/``: ``records.jsonl`` (line i = row i), ``vectors.npy``,
``sentences.npy`` (unit -> record row in the segment, start, end), ``sentence_vectors.npy``,
``kw_*`` (postings) and, only for a segment of more than ``dense.APPROX_THRESHOLD`` rows,
``paragraphs.faiss`` / ``sentences.faiss`` (an approximate index of its vectors). No pickle.

An index directory names its segments in its manifest, each with the documents of it that were
removed since (their rows are skipped when loaded; ``merge`` drops them for good). A new index
directory takes the segments it keeps from the current one by hard links (no byte is copied)
and writes only the new ones (``store.save_index``). The segments loaded in a process are kept
by name while in use, so loading a newer index directory reads only its new segments.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import uuid
import weakref
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from precedent.ingest.digest import file_sha256
from precedent.ingest.records import Paragraph

from .dense import APPROX_THRESHOLD, build_faiss, load_faiss, save_faiss
from .keyword import KeywordSegment

log = logging.getLogger(__name__)

SEGMENT_FILES = ("records.jsonl", "vectors.npy", "sentences.npy", "sentence_vectors.npy",
                 *KeywordSegment.FILES)
APPROX_FILES = ("paragraphs.faiss", "sentences.faiss")
# the SHA-256 of each file above, written with them and checked on every read: one bit flipped in
# records.jsonl ("2016" read "2017") was quoted as a resolution's verbatim text, nothing said (an
# audit). A segment written before has none, and is read as before.
CHECKSUMS = "checksums.json"


def check_files(directory: Path) -> None:
    """Raise ``ValueError`` naming the first file of the segment in ``directory`` whose bytes
    are not those written (its checksum differs, or it is gone); nothing without checksums."""
    path = directory / CHECKSUMS
    if not path.is_file():
        return
    sums = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(sums, dict):
        raise ValueError(f"{CHECKSUMS} of segment {directory.name} is not a table")
    for name, sha in sums.items():
        f = directory / name
        if not f.is_file() or file_sha256(f) != sha:
            raise ValueError(f"file {name} of segment {directory.name} is not as written "
                             "(its checksum differs)")


def new_segment_name() -> str:
    return "seg-" + time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


class Segment:
    """Rows added together; immutable once made (``name`` is set when it is first written)."""

    def __init__(self, records: list[Paragraph], vectors: np.ndarray, unit_rows: np.ndarray,
                 unit_vectors: np.ndarray, keyword: KeywordSegment | None = None, *, name: str = "",
                 dense=None, unit_dense=None, build_approx: bool = True):
        self.records = list(records)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.unit_rows = np.asarray(unit_rows, dtype=np.int32).reshape(-1, 3)
        self.unit_vectors = np.ascontiguousarray(unit_vectors, dtype=np.float32).reshape(
            -1, self.vectors.shape[1] if self.vectors.ndim == 2 else 0)
        self.keyword = keyword if keyword is not None else KeywordSegment.build(
            [r.text for r in self.records])
        self.name = name
        self.path: Path | None = None  # where it was last written or read
        if build_approx:
            dense = dense if dense is not None else (
                build_faiss(self.vectors, approx=True)
                if len(self.vectors) > APPROX_THRESHOLD else None)
            unit_dense = unit_dense if unit_dense is not None else (
                build_faiss(self.unit_vectors, approx=True)
                if len(self.unit_vectors) > APPROX_THRESHOLD else None)
        self.dense, self.unit_dense = dense, unit_dense
        # what other modules derive from it once (e.g. the hashes of its texts)
        self.memo: dict = {}
        starts = np.searchsorted(self.unit_rows[:, 0], np.arange(len(self.records)), side="left")
        ends = np.searchsorted(self.unit_rows[:, 0], np.arange(len(self.records)), side="right")
        self.unit_range = (np.stack([starts, ends], axis=1) if len(self.records)
                           else np.zeros((0, 2), np.int64))

    def __len__(self) -> int:
        return len(self.records)

    @property
    def doc_ids(self) -> list[str]:
        """The documents with rows here, in order."""
        ids = self.memo.get("doc_ids")
        if ids is None:
            ids = self.memo["doc_ids"] = list(dict.fromkeys(r.doc_id for r in self.records))
        return ids

    def live(self, deleted: frozenset[str]) -> np.ndarray | None:
        """Boolean mask of the rows not of a ``deleted`` document (None: all are live)."""
        if not deleted or not deleted & set(self.doc_ids):
            return None
        return np.fromiter((r.doc_id not in deleted for r in self.records), dtype=bool,
                           count=len(self.records))

    def live_rows(self, live: np.ndarray | None) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
        """The rows ``live`` keeps (all of them for None): records, their vectors, the units'
        rows (renumbered to the kept records, from 0) and the units' vectors."""
        if live is None:
            return self.records, self.vectors, self.unit_rows, self.unit_vectors
        new_row = np.cumsum(live) - 1
        ulive = live[self.unit_rows[:, 0]] if len(self.unit_rows) else np.zeros(0, bool)
        rows = self.unit_rows[ulive].copy()
        rows[:, 0] = new_row[rows[:, 0]]
        records = [r for r, keep in zip(self.records, live, strict=True) if keep]
        return records, self.vectors[live], rows, self.unit_vectors[ulive]

    def check(self) -> None:
        n, m = len(self.records), len(self.unit_rows)
        problems = [
            (self.vectors.ndim != 2 or len(self.vectors) != n,
             f"vectors {self.vectors.shape} for {n} records"),
            (len(self.unit_vectors) != m, f"{len(self.unit_vectors)} unit vectors for {m} units"),
            (self.keyword.count != n, f"keyword rows {self.keyword.count} != {n} records"),
            (bool(m) and (int(self.unit_rows[:, 0].min()) < 0
                          or int(self.unit_rows[:, 0].max()) >= n),
             "units point past the records"),
            (bool(m) and bool(np.any(np.diff(self.unit_rows[:, 0]) < 0)), "units out of order"),
            (self.dense is not None and self.dense.ntotal != n, "approximate index size disagrees"),
            (self.unit_dense is not None and self.unit_dense.ntotal != m,
             "approximate unit index size disagrees"),
        ]
        for bad, message in problems:
            if bad:
                raise ValueError(message)

    # -- files ----------------------------------------------------------------------------
    def write(self, directory: Path) -> None:
        """Write the segment's files into the new folder ``directory`` (not fsynced here)."""
        directory.mkdir()
        with open(directory / "records.jsonl", "w", encoding="utf-8") as f:
            for r in self.records:
                f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        np.save(directory / "vectors.npy", self.vectors, allow_pickle=False)
        np.save(directory / "sentences.npy", self.unit_rows, allow_pickle=False)
        np.save(directory / "sentence_vectors.npy", self.unit_vectors, allow_pickle=False)
        self.keyword.save(directory)
        if self.dense is not None:
            save_faiss(self.dense, directory / "paragraphs.faiss")
        if self.unit_dense is not None:
            save_faiss(self.unit_dense, directory / "sentences.faiss")
        sums = {name: file_sha256(directory / name) for name in self.data_files()}
        (directory / CHECKSUMS).write_text(json.dumps(sums, indent=1) + "\n", encoding="utf-8")

    def data_files(self) -> list[str]:
        built = (self.dense, self.unit_dense)
        return list(SEGMENT_FILES) + [
            f for f, idx in zip(APPROX_FILES, built, strict=True) if idx is not None]

    def files(self) -> list[str]:
        """Every file of the segment on disk, its checksums among them."""
        return [*self.data_files(), CHECKSUMS]

    @classmethod
    def read(cls, directory: Path) -> Segment:
        check_files(directory)
        with open(directory / "records.jsonl", encoding="utf-8") as f:
            records = [Paragraph.from_dict(json.loads(line)) for line in f if line.strip()]
        vectors = np.load(directory / "vectors.npy", allow_pickle=False)
        unit_rows = np.load(directory / "sentences.npy", allow_pickle=False)
        unit_vectors = np.load(directory / "sentence_vectors.npy", allow_pickle=False)
        keyword = KeywordSegment.load(directory)
        dense = (load_faiss(directory / "paragraphs.faiss")
                 if (directory / "paragraphs.faiss").exists() else None)
        unit_dense = (load_faiss(directory / "sentences.faiss")
                      if (directory / "sentences.faiss").exists() else None)
        seg = cls(records, vectors, unit_rows, unit_vectors, keyword, name=directory.name,
                  dense=dense, unit_dense=unit_dense, build_approx=False)
        seg.check()
        seg.path = directory
        return seg


# (name, file stats) -> Segment
_LOADED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_LOADED_LOCK = threading.Lock()


def _stat_key(directory: Path) -> tuple:
    stats = []
    for f in sorted(os.listdir(directory)):
        st = os.stat(directory / f)
        stats.append((f, st.st_ino, st.st_size, st.st_mtime_ns))
    return (directory.name, tuple(stats))


def load_segment(directory: Path) -> Segment:
    """The segment in ``directory``; one already loaded by this process from the same files
    (hard links of them) is taken as it is."""
    key = _stat_key(directory)
    with _LOADED_LOCK:
        seg = _LOADED.get(key)
    if seg is not None:
        return seg
    seg = Segment.read(directory)
    with _LOADED_LOCK:
        _LOADED[key] = seg
    return seg


def link_segment(seg: Segment, sources: Sequence[Path | None], dest: Path) -> bool:
    """Make ``dest`` a folder of hard links to the files of ``seg`` as written in the first of
    ``sources`` that holds them all; False when none does (or links are not possible)."""
    names = seg.files()
    for src in sources:
        if src is None or not all((src / n).is_file() for n in names):
            continue
        try:
            dest.mkdir()
            for n in names:
                os.link(src / n, dest / n)
            return True
        except OSError as e:
            log.debug("cannot link segment %s from %s: %s", seg.name, src, e)
            shutil.rmtree(dest, ignore_errors=True)
    return False


def merge_segments(parts: Sequence[tuple[Segment, frozenset[str]]]) -> Segment:
    """One segment holding the live rows of ``parts`` in order (removed documents dropped)."""
    records, vectors, unit_rows, unit_vectors, kw_parts = [], [], [], [], []
    offset = 0
    for seg, deleted in parts:
        live = seg.live(deleted)
        kept, vecs, rows, unit_vecs = seg.live_rows(live)
        records += kept
        vectors.append(vecs)
        unit_rows.append(rows + np.array([offset, 0, 0], dtype=np.int32))
        unit_vectors.append(unit_vecs)
        n = len(kept)
        kw_parts.append((seg.keyword, live))
        offset += n
    dim = parts[0][0].vectors.shape[1]
    return Segment(records, np.concatenate(vectors) if vectors else np.zeros((0, dim), np.float32),
                   np.concatenate(unit_rows) if unit_rows else np.zeros((0, 3), np.int32),
                   np.concatenate(unit_vectors) if unit_vectors else np.zeros((0, dim), np.float32),
                   KeywordSegment.merge(kw_parts))


# -- rows of every segment side by side ---------------------------------------------------------

class Rows:
    """A numpy buffer with room to spare. A view of its first n rows never changes, so the index
    made by an add appends its rows in place (amortised O(rows added)) while searches keep using
    the view of the index before it; a second index extending the same view copies instead."""

    def __init__(self, array: np.ndarray):
        self.buf = array
        self.used = len(array)
        self.lock = threading.Lock()

    def view(self) -> np.ndarray:
        return self.buf[:self.used]

    @staticmethod
    def extend(owner: Rows | None, length: int, new: Sequence[np.ndarray], shape_tail: tuple,
               dtype) -> tuple[Rows, np.ndarray]:
        """``owner``'s first ``length`` rows followed by ``new``: (its buffer, the view)."""
        added = sum(len(a) for a in new)
        total = length + added
        if owner is not None:
            with owner.lock:
                if owner.used == length and len(owner.buf) >= total:
                    at = length
                    for a in new:
                        owner.buf[at:at + len(a)] = a
                        at += len(a)
                    owner.used = total
                    return owner, owner.buf[:total]
        buf = np.empty((max(total + total // 2, 16),) + shape_tail, dtype=dtype)
        if owner is not None and length:
            buf[:length] = owner.buf[:length]
        at = length
        for a in new:
            buf[at:at + len(a)] = a
            at += len(a)
        fresh = Rows(buf)
        fresh.used = total
        return fresh, buf[:total]


class DenseIndex:
    """Inner-product search over normalised ``vectors`` (row i = row i of the index): exact (one
    matrix product) except over the rows of segments big enough to carry their own approximate
    index, searched through it. ``parts``: (approximate index, first global row, local row ->
    global row or None when the segment's rows are all live)."""

    def __init__(self, vectors: np.ndarray,
                 approx: Sequence[tuple[object, int, int, np.ndarray | None]] = ()):
        self.vectors = vectors
        self.ntotal = len(vectors)
        self.approx = list(approx)  # (index, start, end, to_global)
        exact, at = [], 0
        for _, start, end, _ in sorted(self.approx, key=lambda p: p[1]):
            if start > at:
                exact.append((at, start))
            at = end
        if at < self.ntotal:
            exact.append((at, self.ntotal))
        self.exact = exact

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        nq = len(queries)
        scores_parts, rows_parts = [], []
        for start, end in self.exact:
            sims = queries @ self.vectors[start:end].T  # (nq, rows)
            kk = min(k, end - start)
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk] if kk < end - start else \
                np.tile(np.arange(end - start), (nq, 1))
            scores_parts.append(np.take_along_axis(sims, top, axis=1))
            rows_parts.append(top + start)
        for index, start, _, to_global in self.approx:
            dead = 0 if to_global is None else int((to_global < 0).sum())
            d, i = index.search(queries, max(1, min(k + dead, index.ntotal)))
            g = np.where(i >= 0,
                         (i + start) if to_global is None else to_global[np.maximum(i, 0)], -1)
            d = np.where(g >= 0, d, -np.inf)
            scores_parts.append(d)
            rows_parts.append(g)
        if not scores_parts:
            return np.full((nq, k), -np.inf, np.float32), np.full((nq, k), -1, np.int64)
        scores = np.concatenate(scores_parts, axis=1)
        rows = np.concatenate(rows_parts, axis=1).astype(np.int64)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        scores, rows = (np.take_along_axis(scores, order, axis=1),
                        np.take_along_axis(rows, order, axis=1))
        if scores.shape[1] < k:
            pad = k - scores.shape[1]
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
            rows = np.pad(rows, ((0, 0), (0, pad)), constant_values=-1)
        rows[~np.isfinite(scores)] = -1
        return scores.astype(np.float32), rows
