"""The index on disk: a directory of segments and a manifest naming them, swapped in atomically.

``<home>/CURRENT`` names the live index directory ``<home>/indexes/<name>/``, which holds
``manifest.json`` (format version, model, dimension, normalisation, counts, sources, and the
segments in order, each with the documents removed from it since) and one folder per segment
(``index.segments``: records, vectors, sentence and clause-window units, BM25 postings; plain
files, no pickle). A change writes a fresh directory ``<name>.tmp``: the segments it keeps are
hard links to the current directory's files (nothing is copied), only its new segments are
written (every new file fsynced); the directory is then renamed and ``CURRENT`` replaced in one
``os.replace``: a reader sees the old index or the new one, never half of one. A process killed
mid-write leaves only a ``*.tmp`` directory (or an unreferenced one) that the next write removes.
A reader that read ``CURRENT`` just before two swaps may find its directory pruned:
``load_index`` then reads ``CURRENT`` again and loads the newer index. An index directory of
format 2 (one segment's files at its top, bm25s's files in ``keyword/``) is still read; the
library rewrites it as segments (no text embedded again).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from precedent.ingest.digest import file_sha256
from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import slugify
from precedent.ingest.records import Paragraph

from .keyword import KeywordIndex, KeywordSegment
from .segments import DenseIndex, Rows, Segment, link_segment, load_segment, new_segment_name
from .source_paths import sources_from_disk, sources_to_disk

log = logging.getLogger(__name__)

FORMAT_VERSION = 3  # 2: sentence and clause-window units; 3: segments
READABLE_FORMATS = (2, 3)


class IndexLoadError(PrecedentError):
    """The index directory is missing or damaged; the message says what is wrong."""


Part = tuple[Segment, frozenset]  # a segment and the documents removed from it since it was written


class IndexData:
    """One version of the index in memory: its segments (with the documents removed from each)
    and, over all their live rows side by side, ``records`` (row i), ``vectors``,
    ``sentence_rows`` (unit -> record row, start, end), ``sentence_vectors``, ``keyword`` (BM25
    with the whole library's statistics), ``dense`` and ``sentence_dense`` (inner-product search).

    ``IndexData(manifest, records, vectors, sentence_rows, sentence_vectors, keyword)`` makes an
    index of one new segment; ``IndexData.of_parts`` one of given segments, appending in place to
    the arrays of ``previous`` when its segments come first unchanged (an add)."""

    def __init__(self, manifest: dict, records: list[Paragraph], vectors: np.ndarray,
                 sentence_rows: np.ndarray, sentence_vectors: np.ndarray,
                 keyword: KeywordIndex | KeywordSegment | None = None,
                 dense=None, sentence_dense=None, name: str = ""):
        kw = None
        if isinstance(keyword, KeywordSegment):
            kw = keyword
        elif (isinstance(keyword, KeywordIndex) and len(keyword.parts) == 1
                and keyword.parts[0][2] is None and keyword.count == len(records)):
            kw = keyword.parts[0][0]
        seg = Segment(records, vectors, sentence_rows, sentence_vectors, kw)
        self._assemble(manifest, [(seg, frozenset())], None, name)

    @classmethod
    def of_parts(cls, manifest: dict, parts: Sequence[Part], previous: IndexData | None = None,
                 name: str = "", same_rows: IndexData | None = None) -> IndexData:
        """The index of ``parts``. ``same_rows``: an index whose live rows are those of ``parts``,
        in the same order (segments merged): its arrays are taken as they are."""
        data = cls.__new__(cls)
        if same_rows is not None:
            data._regroup(manifest, list(parts), same_rows, name)
        else:
            data._assemble(manifest, list(parts), previous, name)
        return data

    def _regroup(self, manifest: dict, parts: list[Part], rows: IndexData, name: str) -> None:
        self.manifest, self.parts, self.name = manifest, parts, name
        for key in ("records", "by_id", "_grow", "vectors", "sentence_rows", "sentence_vectors"):
            setattr(self, key, getattr(rows, key))
        lives = [seg.live(deleted) for seg, deleted in parts]
        offsets, rec_at, unit_at = [], 0, 0
        for (seg, _), live in zip(parts, lives):
            n = len(seg) if live is None else int(live.sum())
            m = len(seg.unit_rows) if live is None else int(live[seg.unit_rows[:, 0]].sum())
            offsets.append((rec_at, rec_at + n, unit_at, unit_at + m))
            rec_at, unit_at = rec_at + n, unit_at + m
        if rec_at != len(self.records) or unit_at != len(self.sentence_rows):
            raise ValueError("regrouped segments do not hold the same rows")
        self._offsets = offsets
        self._search_parts(lives)

    def _assemble(self, manifest: dict, parts: list[Part], previous: IndexData | None,
                  name: str) -> None:
        self.manifest = manifest
        self.parts = parts
        self.name = name
        lives = [seg.live(deleted) for seg, deleted in parts]
        dim = int(manifest.get("dimension") or (parts[0][0].vectors.shape[1] if parts else 0))
        # The rows of ``previous`` are reused when its segments are the first ones here, unchanged.
        keep = 0
        if previous is not None and len(previous.parts) <= len(parts) and all(
                a[0] is b[0] and a[1] == b[1] for a, b in zip(previous.parts, parts)):
            keep = len(previous.parts)
        base_rec = len(previous.records) if keep else 0
        base_units = len(previous.sentence_rows) if keep else 0
        new_records: list[Paragraph] = []
        new_vectors, new_rows, new_unit_vectors = [], [], []
        # per part: record start, end, unit start, end
        offsets: list[tuple[int, int, int, int]] = []
        if keep:
            offsets = list(previous._offsets)
        rec_at, unit_at = base_rec, base_units
        for (seg, _), live in zip(parts[keep:], lives[keep:]):
            kept, kept_vectors, rows, vecs = seg.live_rows(live)
            new_records += kept
            new_vectors.append(kept_vectors)
            n = len(kept)
            rows = rows.astype(np.int64) + np.array([rec_at, 0, 0], dtype=np.int64)
            new_rows.append(rows.astype(np.int32))
            new_unit_vectors.append(vecs)
            offsets.append((rec_at, rec_at + n, unit_at, unit_at + len(rows)))
            rec_at += n
            unit_at += len(rows)
        self._offsets = offsets
        self.records = (previous.records + new_records) if keep else new_records
        if keep:
            self.by_id = dict(previous.by_id)
            self.by_id.update((r.id, base_rec + i) for i, r in enumerate(new_records))
        else:
            self.by_id = {r.id: i for i, r in enumerate(self.records)}
        grow = previous._grow if keep else {}
        self._grow = {}
        for key, arrays, tail, dtype, length in (
                ("vectors", new_vectors, (dim,), np.float32, base_rec),
                ("sentence_rows", new_rows, (3,), np.int32, base_units),
                ("sentence_vectors", new_unit_vectors, (dim,), np.float32, base_units)):
            owner, view = Rows.extend(grow.get(key), length, arrays, tail, dtype)
            self._grow[key] = owner
            setattr(self, key, view)
        self._search_parts(lives)

    def _search_parts(self, lives: list[np.ndarray | None]) -> None:
        parts = self.parts
        self.keyword = KeywordIndex([(seg.keyword, live) for (seg, _), live in zip(parts, lives)])
        approx, unit_approx = [], []
        for (seg, _), live, (r0, r1, u0, u1) in zip(parts, lives, self._offsets):
            if seg.dense is not None:
                approx.append((seg.dense, r0, r1, None if live is None else
                               np.where(live, np.cumsum(live) - 1 + r0, -1)))
            if seg.unit_dense is not None:
                ulive = None if live is None else live[seg.unit_rows[:, 0]]
                unit_approx.append((seg.unit_dense, u0, u1, None if ulive is None else
                                    np.where(ulive, np.cumsum(ulive) - 1 + u0, -1)))
        self.dense = DenseIndex(self.vectors, approx)
        self.sentence_dense = DenseIndex(self.sentence_vectors, unit_approx)

    @property
    def model(self) -> str:
        return self.manifest["model"]

    @property
    def sources(self) -> dict[str, dict]:
        return self.manifest.get("sources", {})

    @property
    def segments(self) -> list[Segment]:
        return [seg for seg, _ in self.parts]


def home_dir(home: str | os.PathLike | None = None) -> Path:
    if home:
        return Path(home).expanduser()
    env = os.environ.get("PRECEDENT_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("precedent", appauthor=False))


_CURRENT_SEEN: dict[str, tuple[tuple[int, int, int], str | None]] = {}  # path -> (stat key, name)


def current_name(home: Path) -> str | None:
    """The live index directory's name (what ``CURRENT`` says), or None. ``CURRENT`` is replaced
    by a rename on every change, so while its inode, size and mtime stay the same its name is the
    one read before: a search asks the disk for one ``stat``, not a read."""
    path = home / "CURRENT"
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    key = (st.st_ino, st.st_size, st.st_mtime_ns)
    seen = _CURRENT_SEEN.get(str(path))
    if seen is not None and seen[0] == key:
        return seen[1]
    try:
        name = path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    _CURRENT_SEEN[str(path)] = (key, name)
    return name


def current_index_dir(home: Path) -> Path | None:
    name = current_name(home)
    return home / "indexes" / name if name else None


def read_manifest(home: Path) -> dict | None:
    """The current manifest alone, else the newest readable one of an older index directory, else
    None: to recover the list of sources when the rest of the index is damaged."""
    current = current_index_dir(home)
    others = sorted((d for d in (home / "indexes").glob("*")
                     if not d.name.endswith(".tmp") and d != current),
                    reverse=True) if (home / "indexes").is_dir() else []
    for directory in ([current] if current else []) + others:
        try:
            return _read_manifest(directory / "manifest.json", home)
        except (OSError, ValueError, TypeError, AttributeError):
            continue
    return None


def _read_manifest(path: Path, home: Path) -> dict:
    """A manifest with its source paths absolute (they are relative to ``home`` on disk)."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(manifest, dict):
        raise ValueError("not a JSON object")
    manifest["sources"] = sources_from_disk(manifest.get("sources") or {}, home)
    return manifest


# what a write that ran out of room says: ENOSPC, or numpy's "404352 requested and 138208 written"
_SHORT_WRITE = re.compile(r"\d+ requested and \d+ written")


def write_failure(e: OSError, home: Path) -> str:
    """What a failed write of the library says: that the disk is full, where it is (a full disk
    was reported as each file's fault: "A_RES_80_3.pdf: 404352 requested and 138208 written",
    and a remove died with a traceback), else the error as it is."""
    full = e.errno == errno.ENOSPC or bool(_SHORT_WRITE.search(str(e)))
    if not full:
        return str(e)
    try:
        free = f"{shutil.disk_usage(home).free / 1e6:,.1f} MB free"
    except OSError:
        free = "free space unknown"
    return (f"the disk holding the library ({home}) is full ({free}); nothing was changed: "
            f"free some space and try again ({e})")


def save_index(data: IndexData, home: Path) -> Path:
    """Write ``data`` as a new index directory and make it current (atomically): its segments
    already on disk are hard-linked from there, only new ones are written."""
    (home / "indexes").mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = home / "indexes" / (name + ".tmp")
    tmp.mkdir()
    current = current_index_dir(home)
    written: list[Path] = []
    try:
        entries = []
        for seg, deleted in data.parts:
            linked = bool(seg.name) and link_segment(
                seg, [current / seg.name if current else None, seg.path], tmp / seg.name)
            if not linked:
                seg.name = seg.name or new_segment_name()
                seg.write(tmp / seg.name)
                written.append(tmp / seg.name)
            entries.append({"name": seg.name, "count": len(seg.records),
                            "sentence_count": int(len(seg.unit_rows)),
                            "docs": seg.doc_ids, "deleted": sorted(deleted & set(seg.doc_ids))})
        manifest = dict(data.manifest, format_version=FORMAT_VERSION, count=len(data.records),
                        sentence_count=int(len(data.sentence_rows)), normalized=True,
                        dimension=int(data.vectors.shape[1]), segments=entries,
                        created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        _write_json(tmp / "manifest.json",
                    dict(manifest, sources=sources_to_disk(manifest.get("sources", {}), home)))
        for folder in written:
            _fsync_tree(folder)
        for entry in entries:  # the links' directory entries
            _fsync_dir(tmp / entry["name"])
        _fsync_dir(tmp)
        final = home / "indexes" / name
        os.rename(tmp, final)
        pointer_tmp = home / f"CURRENT.{uuid.uuid4().hex[:8]}.tmp"
        pointer_tmp.write_text(name + "\n", encoding="utf-8")
        _fsync_file(pointer_tmp)
        os.replace(pointer_tmp, home / "CURRENT")
        _fsync_dir(home)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for seg, _ in data.parts:
        seg.path = final / seg.name
    data.manifest = manifest
    data.name = name
    prune_old_indexes(home, keep={name, current.name if current else ""})
    return final


def prune_old_indexes(home: Path, keep: set[str]) -> None:
    """Remove index directories that are neither current nor the one just replaced (a reader
    may still hold it open), and leftovers of interrupted writes. Call with the write lock held."""
    for d in (home / "indexes").iterdir():
        if d.name not in keep:
            log.debug("removing old or unfinished index directory %s", d.name)
            shutil.rmtree(d, ignore_errors=True)
    for pointer_tmp in home.glob("CURRENT.*.tmp"):
        pointer_tmp.unlink(missing_ok=True)


def load_index(home: Path, attempts: int = 5) -> IndexData:
    """Load the current index, checking that every part agrees; raise ``IndexLoadError`` if not.

    If loading fails because ``CURRENT`` moved on meanwhile (a writer swapped in newer indexes
    and pruned the one being read), the new current index is loaded instead."""
    for attempt in range(attempts):
        name = current_name(home)
        if name is None:
            raise IndexLoadError(f"no index in {home}")
        try:
            return _load_dir(home / "indexes" / name, home)
        except IndexLoadError as e:
            if attempt + 1 < attempts and current_name(home) != name:
                log.info("index %s was replaced while loading (%s); loading the new one", name, e)
                continue
            raise
    raise AssertionError("unreachable")


def _load_dir(directory: Path, home: Path) -> IndexData:
    try:
        manifest = _read_manifest(directory / "manifest.json", home)
    except (OSError, ValueError, TypeError, AttributeError) as e:
        raise IndexLoadError(f"index manifest unreadable in {directory}: {e}") from None
    version = manifest.get("format_version")
    if version not in READABLE_FORMATS:
        raise IndexLoadError(f"index format {version} is not {FORMAT_VERSION}")
    try:
        if version == 2:
            parts = [(_read_format_2(directory), frozenset())]
        else:
            parts = []
            for entry in manifest["segments"]:
                seg = load_segment(directory / entry["name"])
                if len(seg.records) != entry["count"]:
                    raise ValueError(f"segment {entry['name']} holds {len(seg.records)} records, "
                                     f"not {entry['count']}")
                parts.append((seg, frozenset(entry.get("deleted") or ())))
        dim = manifest.get("dimension")
        bad = [seg.name or "" for seg, _ in parts if seg.vectors.shape[1:] != (dim,)]
        if bad:
            raise ValueError(f"vectors of {', '.join(bad)} are not of dimension {dim}")
        data = IndexData.of_parts(manifest, parts, name=directory.name)
    except ValueError as e:  # the files read, but do not agree with each other
        raise IndexLoadError(f"index in {directory} is inconsistent: {e}") from None
    except Exception as e:
        raise IndexLoadError(
            f"index files damaged in {directory}: {type(e).__name__}: {e}") from None
    n = len(data.records)
    if manifest.get("count") != n:
        raise IndexLoadError(f"index in {directory} is inconsistent: "
                             f"manifest count {manifest.get('count')} != {n} records")
    if len(data.by_id) != n:
        raise IndexLoadError(f"index in {directory} is inconsistent: record ids repeat")
    return data


def _read_format_2(directory: Path) -> Segment:
    """The one segment of an index directory of format 2 (its BM25 postings made again from the
    texts; bm25s's own files are not read)."""
    with open(directory / "records.jsonl", encoding="utf-8") as f:
        records = [Paragraph.from_dict(json.loads(line)) for line in f if line.strip()]
    seg = Segment(records, np.load(directory / "vectors.npy", allow_pickle=False),
                  np.load(directory / "sentences.npy", allow_pickle=False),
                  np.load(directory / "sentence_vectors.npy", allow_pickle=False))
    seg.check()
    return seg


# -- source files kept by the library -------------------------------------------------------

def is_kept(sources_dir: Path, path: str | Path) -> bool:
    """Whether ``path`` lies under the library's ``sources`` folder (so the library owns it)."""
    try:
        return Path(path).resolve().is_relative_to(sources_dir.resolve())
    except OSError:
        return False


def store_source(sources_dir: Path, path: Path, doc_id: str, sha: str, *, data: bytes | None = None,
                 name: str = "") -> Path:
    """Where the library keeps a document's file: in place when already under ``sources_dir``
    (a download), else a copy in ``sources_dir/<doc_id>/`` named (after ``name``, default the
    file's) with its hash, so a new version never overwrites the file the live index was built
    from. The copy is written under a ``.part-`` name and renamed once whole. With ``data`` (the
    bytes already read and hashed as ``sha``), those are written and the file is not read again;
    without, the file is hashed as it is copied and must still hash to ``sha``. Call with the
    write lock held."""
    if is_kept(sources_dir, path):
        return path.resolve()
    named = path.with_name(name) if name else path
    folder = sources_dir / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{slugify(named.stem)}-{sha[:12]}{named.suffix.lower()}"
    if dest.is_file():
        return dest
    part = folder / f".part-{uuid.uuid4().hex[:8]}"
    try:
        with open(part, "wb") as out:
            if data is not None:
                out.write(data)
                copied = sha
            else:
                copied = file_sha256(path, copy_to=out)
            out.flush()
            os.fsync(out.fileno())
        if copied != sha:
            raise OSError(f"{path} changed while it was being added; add it again")
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return dest


def clean_sources(sources_dir: Path, before: dict[str, dict], after: dict[str, dict]) -> None:
    """After a change (write lock held): delete the files the library kept for documents that
    ``after`` no longer uses (removed, replaced), older copies in the folder of a document still
    present, and what an interrupted add left (a ``.part-`` copy, or a whole copy in the folder of
    a document the index never took: the add was killed before its index was made current).
    Files outside ``sources_dir`` and top-level downloads never added are left alone."""
    def files(sources: dict[str, dict]) -> set[Path]:
        return {Path(p).resolve() for src in sources.values()
                for p in (src.get("path"), (src.get("meta") or {}).get("original_path"))
                if p and is_kept(sources_dir, p)}

    kept = files(after)
    stale = files(before) - kept
    for folder in sources_dir.iterdir() if sources_dir.is_dir() else ():
        if folder.is_dir() and not folder.is_symlink():
            stale |= {f.resolve() for f in folder.iterdir()
                      if f.is_file() and not f.is_symlink() and f.resolve() not in kept}
    # Never the file of a document ``after`` holds, wherever its entry says it is: its name
    # carries its content hash (``store_source``).
    held = {src["sha256"][:12] for src in after.values() if src.get("sha256")}
    stale = {f for f in stale if f.stem.rpartition("-")[2] not in held}
    for f in stale:
        log.debug("removing the unused source file %s", f)
        try:
            f.unlink(missing_ok=True)
            if f.parent != sources_dir.resolve() and not any(f.parent.iterdir()):
                f.parent.rmdir()
        except OSError as e:
            log.warning("could not remove the unused source file %s: %s", f, e)


def _write_json(path: Path, obj) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_tree(directory: Path) -> None:
    """Flush every file under ``directory``, then the directories, before it is renamed into use."""
    for path in sorted(directory.rglob("*"), reverse=True):
        if path.is_file():
            _fsync_file(path)
        elif path.is_dir():
            _fsync_dir(path)
    _fsync_dir(directory)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
