"""The library: which documents are indexed, and every change to them, made safely.

Sources are the shipped corpus (``corpus/``) and files the user adds, copied into
``<home>/sources/``. Every change writes a new index directory and swaps it in atomically
(``index.store``); writers are serialised by an exclusive lock on ``<home>/.lock``.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ingest import DocumentInfo, ParsedDocument, load_document
from ingest.load import slugify

from .build import build_index_data, file_sha256
from .embedder import Embedder, load_embedder, resolve_model_name
from .store import IndexData, IndexLoadError, home_dir, load_index, save_index

log = logging.getLogger(__name__)


class LibraryError(Exception):
    """A library operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class ChangeResult:
    doc_id: str
    status: str  # added | unchanged | replaced | removed | built | rebuilt | loaded
    paragraphs: int
    embedded: int
    message: str


@contextmanager
def write_lock(home: Path):
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def parser_fingerprint() -> str:
    """A hash of the ingest code: when parsing changes, documents are parsed again (and only
    paragraphs whose text changed are re-embedded)."""
    import hashlib

    import ingest

    h = hashlib.sha256()
    for path in sorted(Path(ingest.__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def shipped_sources() -> dict[str, dict]:
    from corpus import shipped_documents

    out = {}
    for e in shipped_documents():
        out[e["doc_id"]] = {
            "path": e["path"], "sha256": file_sha256(e["path"]), "shipped": True,
            "title": e.get("title", ""), "symbol": e.get("symbol", ""), "date": e.get("date", ""),
            "short_title": e.get("short_title", ""), "kind": e.get("kind", ""), "source": e.get("source", ""),
        }
    return out


def info_from_source(doc_id: str, src: dict) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, title=src.get("title", ""), symbol=src.get("symbol", ""),
                        date=src.get("date", ""), short_title=src.get("short_title", ""),
                        kind=src.get("kind", ""), source=src.get("source", ""))


def parse_source(doc_id: str, src: dict) -> ParsedDocument:
    return load_document(src["path"], info_from_source(doc_id, src))


def _group(data: IndexData) -> dict[str, ParsedDocument]:
    groups: dict[str, list] = {}
    for r in data.records:
        groups.setdefault(r.doc_id, []).append(r)
    return {d: ParsedDocument(info_from_source(d, data.sources.get(d, {})), tuple(rs)) for d, rs in groups.items()}


class LibraryIndex:
    """Loads, builds and changes the index in ``home``; the embedder is loaded only when needed."""

    def __init__(self, home: str | Path | None = None, *, model: str | None = None,
                 embedder: Embedder | None = None):
        self.home = home_dir(home)
        self._embedder = embedder
        self.model_name = embedder.name if embedder else resolve_model_name(model)
        self.data: IndexData | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model_name)
        return self._embedder

    # -- open / build --------------------------------------------------------------------
    def open(self, progress_factory: Callable[[int], Callable[[int], None]] | None = None) -> ChangeResult:
        """Load the index, bringing it up to date with its sources (building it on first use)."""
        try:
            data = load_index(self.home)
        except IndexLoadError as e:
            if (self.home / "CURRENT").exists():
                log.warning("%s; rebuilding from the sources (they are untouched)", e)
                return self._rebuild(None, progress_factory, f"index was unreadable ({e}); rebuilt")
            return self._rebuild(None, progress_factory, "built the index")
        self.data = data
        if data.model != self.model_name:
            return self._rebuild(data, progress_factory,
                                 f"index was built by model '{data.model}'; rebuilt all with '{self.model_name}'")
        if data.manifest.get("parser") != parser_fingerprint():
            return self._rebuild(data, progress_factory, "the parser changed; documents parsed again")
        stale = self._stale_sources(data)
        if stale:
            return self._rebuild(data, progress_factory, f"sources changed ({', '.join(stale)}); updated")
        return ChangeResult("", "loaded", len(data.records), 0, f"loaded {len(data.records)} records")

    def _stale_sources(self, data: IndexData) -> list[str]:
        stale = []
        removed = set(data.manifest.get("removed_shipped", []))
        for doc_id, src in shipped_sources().items():
            if doc_id in removed:
                continue
            have = data.sources.get(doc_id)
            if have is None or have.get("sha256") != src["sha256"] or have.get("path") != src["path"]:
                stale.append(doc_id)
        return stale

    def _rebuild(self, previous: IndexData | None, progress_factory, message: str) -> ChangeResult:
        with write_lock(self.home):
            sources = {}
            removed = set(previous.manifest.get("removed_shipped", [])) if previous else set()
            for doc_id, src in shipped_sources().items():
                if doc_id not in removed:
                    sources[doc_id] = src
            if previous is not None:
                for doc_id, src in previous.sources.items():
                    if not src.get("shipped") and Path(src["path"]).exists():
                        sources[doc_id] = src
            elif (self.home / "sources").exists():
                log.warning("rebuilding without a readable manifest: files in %s/sources are not re-added; "
                            "add them again with 'precedent add'", self.home)
            docs = [parse_source(d, s) for d, s in sources.items()]
            for d in docs:
                sources[d.info.doc_id]["paragraphs"] = len(d.paragraphs)
            data, embedded = self._build(docs, sources, previous, progress_factory, removed)
        return ChangeResult("", "built" if previous is None else "rebuilt", len(data.records), embedded, message)

    def _build(self, docs, sources, previous, progress_factory, removed_shipped) -> tuple[IndexData, int]:
        progress, on_total = None, None
        if progress_factory is not None:
            holder: dict = {}

            def on_total(n: int) -> None:
                holder["cb"] = progress_factory(n)

            def progress(k: int) -> None:
                if "cb" in holder:
                    holder["cb"](k)

        data, embedded = build_index_data(docs, sources, self.embedder, previous, progress, on_total)
        data.manifest["removed_shipped"] = sorted(removed_shipped)
        data.manifest["parser"] = parser_fingerprint()
        save_index(data, self.home)
        self.data = data
        return data, embedded

    # -- changes -------------------------------------------------------------------------
    def add(self, path: str | Path, *, symbol: str = "", title: str = "", date: str = "",
            source: str = "", meta: dict | None = None, doc_id: str = "") -> ChangeResult:
        """Parse and index one file; only its own paragraphs are embedded."""
        path = Path(path)
        if self.data is None:
            self.open()
        sha = file_sha256(path) if path.is_file() else ""
        for d, src in self.data.sources.items():
            if sha and src.get("sha256") == sha:
                return ChangeResult(d, "unchanged", src.get("paragraphs", 0), 0,
                                    f"{path.name} is already in the library as '{d}'; nothing to do")
        info = DocumentInfo(doc_id=doc_id or "", title=title, symbol=symbol, date=date, source=source)
        parsed = load_document(path, replace(info, doc_id=info.doc_id or slugify(symbol or path.stem)))
        doc_id = parsed.info.doc_id
        with write_lock(self.home):
            current = load_index(self.home) if (self.home / "CURRENT").exists() else self.data
            dest_dir = self.home / "sources" / doc_id
            dest_dir.mkdir(parents=True, exist_ok=True)
            dest = dest_dir / (slugify(path.stem) + path.suffix.lower())
            if path.resolve() != dest.resolve():
                shutil.copyfile(path, dest)
            src = {"path": str(dest), "sha256": sha, "shipped": False, "title": parsed.info.title,
                   "symbol": parsed.info.symbol, "date": parsed.info.date, "short_title": parsed.info.short_title,
                   "kind": parsed.info.kind, "source": source or str(path.name), "meta": meta or {},
                   "paragraphs": len(parsed.paragraphs)}
            docs = {d: p for d, p in _group(current).items() if d != doc_id}
            status = "replaced" if doc_id in current.sources else "added"
            sources = {d: s for d, s in current.sources.items() if d != doc_id}
            sources[doc_id] = src
            docs[doc_id] = parsed
            _, embedded = self._build(list(docs.values()), sources, current, None,
                                      set(current.manifest.get("removed_shipped", [])))
        return ChangeResult(doc_id, status, len(parsed.paragraphs), embedded,
                            f"{status} '{doc_id}': {len(parsed.paragraphs)} records, {embedded} texts embedded")

    def remove(self, doc_id: str) -> ChangeResult:
        if self.data is None:
            self.open()
        with write_lock(self.home):
            current = load_index(self.home)
            if doc_id not in current.sources:
                known = ", ".join(sorted(current.sources)) or "none"
                raise LibraryError(f"no document '{doc_id}' in the library (documents: {known})")
            src = current.sources[doc_id]
            removed = set(current.manifest.get("removed_shipped", []))
            if src.get("shipped"):
                removed.add(doc_id)
            docs = [p for d, p in _group(current).items() if d != doc_id]
            sources = {d: s for d, s in current.sources.items() if d != doc_id}
            data, _ = self._build(docs, sources, current, None, removed)
            if not src.get("shipped"):
                shutil.rmtree(self.home / "sources" / doc_id, ignore_errors=True)
        n = sum(1 for r in current.records if r.doc_id == doc_id)
        return ChangeResult(doc_id, "removed", n, 0, f"removed '{doc_id}' ({n} records); nothing re-embedded")

    def documents(self) -> list[dict]:
        if self.data is None:
            self.open()
        counts: dict[str, int] = {}
        for r in self.data.records:
            if r.kind != "footnote":
                counts[r.doc_id] = counts.get(r.doc_id, 0) + 1
        out = []
        for d, s in self.data.sources.items():
            out.append({"doc_id": d, "symbol": s.get("symbol", ""), "title": s.get("title", ""),
                        "short_title": s.get("short_title", ""), "date": s.get("date", ""),
                        "paragraphs": counts.get(d, 0), "source": s.get("source", ""),
                        "shipped": bool(s.get("shipped")), "model": self.data.model,
                        "sha256": s.get("sha256", ""), "meta": s.get("meta", {})})
        return out
