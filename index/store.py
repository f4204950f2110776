"""The index on disk: a directory of plain files, swapped in atomically.

``<home>/CURRENT`` names the live index directory ``<home>/indexes/<name>/``, which holds
``manifest.json`` (format version, model, dimension, normalisation, counts, sources),
``records.jsonl`` (line i = FAISS row i), ``vectors.npy``, ``paragraphs.faiss``,
``sentences.npy`` (sentence row -> record row, start, end), ``sentence_vectors.npy``,
``sentences.faiss`` and ``keyword/`` (bm25s). No pickle anywhere. A new index is written in a
fresh directory (every file fsynced), then ``CURRENT`` is replaced in one ``os.replace``: a
reader sees the old index or the new one, never half of one. A process killed mid-write leaves
only a ``*.tmp`` directory (or an unreferenced one) that the next write removes. A reader that
read ``CURRENT`` just before two swaps may find its directory pruned: ``load_index`` then reads
``CURRENT`` again and loads the newer index.
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

from precedent.ingest.digest import file_sha256
from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import slugify
from precedent.ingest.records import Paragraph

from .dense import build_faiss, load_faiss, save_faiss
from .keyword import KeywordIndex
from .source_paths import sources_from_disk, sources_to_disk

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: sentence and clause-window units


class IndexLoadError(PrecedentError):
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
    name: str = ""  # the index directory's name under <home>/indexes, once saved or loaded

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
    others = sorted((d for d in (home / "indexes").glob("*") if not d.name.endswith(".tmp") and d != current),
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
        _write_json(tmp / "manifest.json", dict(manifest, sources=sources_to_disk(manifest.get("sources", {}), home)))
        _fsync_tree(tmp)
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
    data.name = name
    prune_old_indexes(home, keep={name, old.name if old else ""})
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
        (keyword.count == n and keyword.stored_count in (n, None), "keyword index size disagrees"),
        (not len(sentence_rows) or int(sentence_rows[:, 0].max()) < n, "sentence rows point past the records"),
    ]
    for ok, message in checks:
        if not ok:
            raise IndexLoadError(f"index in {directory} is inconsistent: {message}")
    return IndexData(manifest, records, vectors, sentence_rows, sentence_vectors, keyword, dense, sentence_dense,
                     name=directory.name)


# -- source files kept by the library -------------------------------------------------------

def is_kept(sources_dir: Path, path: str | Path) -> bool:
    """Whether ``path`` lies under the library's ``sources`` folder (so the library owns it)."""
    try:
        return Path(path).resolve().is_relative_to(sources_dir.resolve())
    except OSError:
        return False


def store_source(sources_dir: Path, path: Path, doc_id: str, sha: str) -> Path:
    """Where the library keeps a document's file: in place when already under ``sources_dir``
    (a download), else a copy in ``sources_dir/<doc_id>/`` named with its hash, so a new version
    never overwrites the file the live index was built from. The copy is written under a
    ``.part-`` name and renamed once whole. Call with the write lock held."""
    if is_kept(sources_dir, path):
        return path.resolve()
    folder = sources_dir / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{slugify(path.stem)}-{sha[:12]}{path.suffix.lower()}"
    if dest.is_file():
        return dest
    part = folder / f".part-{uuid.uuid4().hex[:8]}"
    try:
        with open(part, "wb") as out:
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
