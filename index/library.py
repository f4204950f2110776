"""The library: which documents are indexed, and every change to them, made safely.

Sources are the shipped corpus (``corpus/``) and files the user adds, copied into
``<home>/sources/<doc_id>/`` under a name carrying their content hash (a file already under
``<home>/sources/``, e.g. a download by ``precedent fetch``, is kept where it is; see
``index.store.store_source``); the manifest keeps their paths relative to the data directory,
so it may be moved or copied (``index.source_paths``). Every change first records the added
documents in ``<home>/ledger.json`` (what a rebuild after a damaged manifest keeps:
``index.recover``), then writes a new index directory and swaps it in atomically
(``index.store``); writers are serialised by an exclusive lock on ``<home>/.lock`` and always
start from the index current under that lock, so two processes changing the library at once
lose nothing. A process killed mid-change leaves the previous index live; its leftovers are
removed by the next change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock

from precedent.ingest import DocumentInfo, IngestError, ParsedDocument, load_document
from precedent.ingest.digest import file_sha256
from precedent.ingest.doc_meta import check_date, symbol_key
from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import slugify
from precedent.ingest.wording import counted

from .build import build_index_data
from .embedder import Embedder, is_import_path, load_embedder, resolve_model_name
from .recover import added_sources, describe, kept_on_disk, ledger_path, read_ledger, write_ledger
from .store import (
    IndexData,
    IndexLoadError,
    clean_sources,
    current_name,
    home_dir,
    load_index,
    read_manifest,
    save_index,
    store_source,
)

log = logging.getLogger(__name__)


class LibraryError(PrecedentError):
    """A library operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class ChangeResult:
    doc_id: str
    status: str  # added | unchanged | replaced | removed | built | rebuilt | loaded
    paragraphs: int
    embedded: int
    message: str


def write_lock(home: Path) -> FileLock:
    """The exclusive lock every change of ``home`` holds (``<home>/.lock``, on any platform);
    use as ``with write_lock(home): ...``."""
    home.mkdir(parents=True, exist_ok=True)
    return FileLock(home / ".lock")


def parser_fingerprint() -> str:
    """A hash of the ingest code: when parsing changes, documents are parsed again (and only
    paragraphs whose text changed are re-embedded)."""
    import hashlib

    import precedent.ingest as ingest

    h = hashlib.sha256()
    for path in sorted(Path(ingest.__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def shipped_sources() -> dict[str, dict]:
    from precedent.corpus import shipped_documents

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
                        kind=src.get("kind", ""), source=src.get("source", ""),
                        distribution=src.get("distribution", ""), draft_symbol=src.get("draft_symbol", ""))


def parse_source(doc_id: str, src: dict) -> ParsedDocument:
    return load_document(src["path"], info_from_source(doc_id, src))


def paragraph_count(doc: ParsedDocument) -> int:
    """Paragraphs as ``documents()`` counts them: footnotes are not paragraphs."""
    return sum(1 for r in doc.paragraphs if r.kind != "footnote")


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
        if embedder is None and is_import_path(resolve_model_name(model)):
            embedder = load_embedder(model)  # a custom embedder names itself: its factory runs now
        self._embedder = embedder
        # The name the index records, known without loading a model (as it will call itself).
        self.model_name = embedder.name if embedder else resolve_model_name(model)
        self.data: IndexData | None = None
        self._ignored: str | None = None  # an index refresh() declined (other model); warned once

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model_name, cache_dir=self.home / "models")
        return self._embedder

    @property
    def sources_dir(self) -> Path:
        return self.home / "sources"

    # -- open / build --------------------------------------------------------------------
    def open(self, progress_factory: Callable[[int], Callable[[int], None]] | None = None) -> ChangeResult:
        """Load the index, bringing it up to date with its sources (building it on first use)."""
        try:
            data = load_index(self.home)
            # A data directory made before the ledger (index.recover) gets one, under the lock.
            if self._update_reason(data) is None and (ledger_path(self.home).is_file()
                                                      or not os.access(self.home, os.W_OK)):
                return self._loaded(data)
        except IndexLoadError:
            pass
        with write_lock(self.home):  # look again under the lock: another process may have done it
            try:
                data = load_index(self.home)
            except IndexLoadError as e:
                if (self.home / "CURRENT").exists():
                    log.warning("%s; rebuilding from the sources (they are untouched)", e)
                    return self._rebuild(None, progress_factory, f"index was unreadable ({e}); rebuilt")
                return self._rebuild(None, progress_factory, "built the index")
            reason = self._update_reason(data)
            if reason is None:
                if not ledger_path(self.home).is_file():
                    write_ledger(self.home, data.sources, data.manifest.get("removed_shipped", []))
                return self._loaded(data)
            return self._rebuild(data, progress_factory, reason)

    def _loaded(self, data: IndexData) -> ChangeResult:
        self.data = data
        return ChangeResult("", "loaded", len(data.records), 0, f"loaded {counted(len(data.records), 'record')}")

    def _update_reason(self, data: IndexData) -> str | None:
        if data.model != self.model_name:
            return f"index was built by model '{data.model}'; rebuilt all with '{self.model_name}'"
        if data.manifest.get("parser") != parser_fingerprint():
            return "the parser changed; documents parsed again"
        stale = self._stale_sources(data)
        return f"sources changed ({', '.join(stale)}); updated" if stale else None

    def _stale_sources(self, data: IndexData) -> list[str]:
        stale = []
        removed = set(data.manifest.get("removed_shipped", []))
        for doc_id, src in shipped_sources().items():
            have = data.sources.get(doc_id)
            if doc_id in removed or (have is not None and not have.get("shipped")):
                continue  # removed by the user, or replaced by the user's own version
            if have is None or have.get("sha256") != src["sha256"] or have.get("path") != src["path"]:
                stale.append(doc_id)
        return stale

    def _rebuild(self, previous: IndexData | None, progress_factory, message: str) -> ChangeResult:
        """Build from the sources (caller holds the write lock); vectors of ``previous`` are reused.
        Every added document whose file is on disk is kept; the message says which were kept and
        which were lost (their file is gone, or no longer parses)."""
        if previous is not None:
            manifest = previous.manifest
            removed = set(manifest.get("removed_shipped", []))
            added, lost = kept_on_disk(self.sources_dir, manifest.get("sources", {}))
            recovered: list[str] = []
        else:  # damaged or missing index: the ledger beside the sources, else the files, is the truth
            manifest = read_manifest(self.home) or {}
            ledger = read_ledger(self.home)
            removed = set(ledger["removed_shipped"] if ledger is not None else manifest.get("removed_shipped", []))
            added, recovered, lost = added_sources(self.home, manifest.get("sources", {}), ledger)
        sources = {d: s for d, s in shipped_sources().items() if d not in removed}
        for doc_id, why in lost.items():
            log.warning("'%s' is left out: %s", doc_id, why)
        sources.update(added)
        docs = []
        for d, s in list(sources.items()):
            try:
                docs.append(parse_source(d, s))
            except IngestError as e:
                log.warning("'%s' cannot be parsed any more (%s); it is left out", d, e)
                lost[d] = f"cannot be parsed: {e.reason}"
                del sources[d]
        for d in docs:
            src = sources[d.info.doc_id]
            src["paragraphs"] = paragraph_count(d)
            for key in ("title", "symbol", "date", "short_title", "kind"):  # a recovered file's masthead
                src[key] = src.get(key) or getattr(d.info, key, "") or ""
        kept = [d for d, s in sources.items() if not s.get("shipped")]
        told = bool(kept or lost or (previous is None and (manifest or recovered)))
        if told:
            message += describe(kept, [d for d in recovered if d in sources], lost)
        data, embedded = self._build(docs, sources, previous, progress_factory, removed)
        if told:  # a re-parse or a recovery: which of the user's documents it kept is said on stderr
            log.warning("%s", message)
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
        write_ledger(self.home, sources, removed_shipped)  # first: it never misses a change the index has
        save_index(data, self.home)
        self.data = data
        return data, embedded

    def _current(self) -> IndexData:
        """The index current now (the loaded one if nothing changed it): call under the lock."""
        if self.data is not None and self.data.name and self.data.name == current_name(self.home):
            return self.data
        return load_index(self.home)

    # -- other processes -----------------------------------------------------------------
    def refresh(self) -> bool:
        """Adopt the index another process made current since this one was loaded. Cheap when
        nothing changed (one small file read). Returns True when ``self.data`` was replaced. An
        index built by another model is not adopted (queries are embedded by this one)."""
        name = current_name(self.home)
        if self.data is None or name is None or name == self.data.name or name == self._ignored:
            return False
        try:
            data = load_index(self.home)
        except IndexLoadError as e:
            log.warning("the library changed on disk but cannot be loaded (%s); keeping the loaded index", e)
            return False
        if data.model != self.model_name:
            self._ignored = data.name
            log.warning("the library on disk was rebuilt with model '%s'; this process uses '%s' and keeps "
                        "its loaded index (restart it to use the new one)", data.model, self.model_name)
            return False
        log.info("the library changed on disk (%s); reloaded", data.name)
        self.data = data
        return True

    # -- changes -------------------------------------------------------------------------
    def add(self, path: str | Path, *, symbol: str = "", title: str = "", date: str = "",
            source: str = "", meta: dict | None = None, doc_id: str = "") -> ChangeResult:
        """Parse and index one file; only its own paragraphs are embedded. A file whose content
        is already in the library changes nothing. A file under ``<home>/sources/`` is kept in
        place; any other is copied there."""
        path = Path(path)
        if date:
            try:
                check_date(date)
            except ValueError as e:
                raise LibraryError(f"{path.name}: {e}") from None
        if self.data is None:
            self.open()
        self.refresh()
        sha = file_sha256(path) if path.is_file() else ""
        same = self._same_content(self.data, sha, path)
        if same is not None:
            return same
        info = DocumentInfo(doc_id=slugify(doc_id or symbol or path.stem), title=title, symbol=symbol,
                            date=date, source=source)
        parsed = load_document(path, info)  # parsing may take a while: outside the lock
        # A doc id from the file name names a new version of the document added from a file of
        # that name, never another document whose name happens to give the same id.
        chosen = bool(doc_id or symbol or parsed.info.symbol)
        origin = source or path.name
        parsed = self._with_free_id(self.data, parsed, path, origin, chosen)
        doc_id = parsed.info.doc_id
        with write_lock(self.home):
            current = self._current()
            same = self._same_content(current, sha, path)
            if same is not None:
                self.data = current
                return same
            parsed = self._with_free_id(current, parsed, path, origin, chosen)  # another process added one
            doc_id = parsed.info.doc_id
            removed = set(current.manifest.get("removed_shipped", []))
            shipped = {d: s for d, s in shipped_sources().items() if s["sha256"] == sha and d in removed}
            if shipped:  # the user brings back a shipped document removed earlier
                doc_id, src = next(iter(shipped.items()))
                parsed = parse_source(doc_id, src)
                removed.discard(doc_id)
            else:
                src = {"path": str(store_source(self.sources_dir, path, doc_id, sha)), "sha256": sha, "shipped": False,
                       "title": parsed.info.title, "symbol": parsed.info.symbol, "date": parsed.info.date,
                       "short_title": parsed.info.short_title, "kind": parsed.info.kind,
                       "distribution": parsed.info.distribution, "draft_symbol": parsed.info.draft_symbol,
                       "source": source or str(path.name), "meta": meta or {}}
            src["paragraphs"] = paragraph_count(parsed)
            status = "replaced" if doc_id in current.sources else "added"
            docs = {d: p for d, p in _group(current).items() if d != doc_id}
            docs[doc_id] = parsed
            sources = {d: s for d, s in current.sources.items() if d != doc_id}
            sources[doc_id] = src
            data, embedded = self._build(list(docs.values()), sources, current, None, removed)
            clean_sources(self.sources_dir, current.sources, data.sources)
        n = src["paragraphs"]
        what = "restored the shipped document" if shipped else status
        gone = ""
        if status == "replaced" and not shipped:
            gone = f"; its previous version (from {current.sources[doc_id].get('source') or 'an earlier file'}) is gone"
        return ChangeResult(doc_id, status, n, embedded,
                            f"{what} '{doc_id}': {counted(n, 'paragraph')}, {counted(embedded, 'text')} embedded{gone}")

    @staticmethod
    def _with_free_id(data: IndexData | None, parsed: ParsedDocument, path: Path, origin: str,
                      chosen: bool) -> ParsedDocument:
        """``parsed`` under an id no other document uses: its own id when it is free, chosen by
        the user or the masthead symbol, or held by a document added from a file of the same
        name (a new version); else ``<id>-2``, ``<id>-3``... (parsed again under that id)."""
        base = parsed.info.doc_id
        if data is None or chosen:
            return parsed
        n, doc_id = 1, base
        while doc_id in data.sources and data.sources[doc_id].get("source") != origin:
            n += 1
            doc_id = f"{base}-{n}"
        if doc_id == base:
            return parsed
        log.info("doc id '%s' is taken by another document; '%s' gets '%s'", base, origin, doc_id)
        return load_document(path, replace(parsed.info, doc_id=doc_id))

    def _same_content(self, data: IndexData | None, sha: str, path: Path) -> ChangeResult | None:
        found = [(d, s) for d, s in (data.sources.items() if data and sha else ()) if s.get("sha256") == sha]
        return ChangeResult(found[0][0], "unchanged", found[0][1].get("paragraphs", 0), 0,
                            f"{path.name} is already in the library as '{found[0][0]}'; nothing to do") if found else None

    def resolve(self, name: str, data: IndexData | None = None) -> str:
        """The doc id named by ``name``: a doc id, or a document symbol (spacing and case aside)."""
        data = data or self.data
        if name in data.sources:
            return name
        found = [d for d, s in data.sources.items() if s.get("symbol") and symbol_key(s["symbol"]) == symbol_key(name)]
        if len(found) == 1:
            return found[0]
        known = ", ".join(sorted(data.sources)) or "none"
        if found:
            raise LibraryError(f"'{name}' is the symbol of several documents ({', '.join(found)}); give a doc id")
        raise LibraryError(f"no document '{name}' in the library (doc ids: {known})")

    def remove(self, doc_id: str) -> ChangeResult:
        """Remove a document (by doc id or symbol); nothing is embedded. A removed shipped
        document stays removed until its file is added again."""
        if self.data is None:
            self.open()
        with write_lock(self.home):
            current = self._current()
            doc_id = self.resolve(doc_id, current)
            if len(current.sources) == 1:
                raise LibraryError(f"'{doc_id}' is the only document in the library; add another before removing it")
            src = current.sources[doc_id]
            removed = set(current.manifest.get("removed_shipped", []))
            if src.get("shipped"):
                removed.add(doc_id)
            docs = [p for d, p in _group(current).items() if d != doc_id]
            sources = {d: s for d, s in current.sources.items() if d != doc_id}
            data, _ = self._build(docs, sources, current, None, removed)
            clean_sources(self.sources_dir, current.sources, data.sources)
        n = sum(1 for r in current.records if r.doc_id == doc_id and r.kind != "footnote")
        return ChangeResult(doc_id, "removed", n, 0, f"removed '{doc_id}' ({counted(n, 'paragraph')}); nothing re-embedded")

    def removed_documents(self) -> list[str]:
        """Shipped documents the user removed (``precedent add`` of their file brings them back)."""
        return list(self.data.manifest.get("removed_shipped", [])) if self.data else []

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
                        "sha256": s.get("sha256", ""), "meta": s.get("meta", {}), "path": s.get("path", "")})
        return out
