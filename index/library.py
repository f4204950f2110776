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

A change costs what it changes, not the library: an add embeds and writes one new segment
(``index.segments``) and links the others; a removal records the removed document in the
manifest (its rows are skipped, then dropped when its segment is rewritten). When segments are
many, the smallest neighbours are merged (``compact``: rows move, nothing is embedded). A bulk
add (``add_many``) parses the next files in another process while the model embeds the current
ones, and commits every ``CHUNK_PARAGRAPHS`` paragraphs: killed midway, it keeps what it
committed.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from precedent.ingest import DocumentInfo, IngestError, ParsedDocument, load_document
from precedent.ingest.digest import bytes_sha256
from precedent.ingest.doc_meta import check_date, documents_named
from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import slugify
from precedent.ingest.readers import read_file
from precedent.ingest.wording import counted

from . import source_docs
from .build import (
    VECTORS_VERSION,
    VectorCache,
    build_segment,
    cache_from,
    index_manifest,
    indexed_records,
    same_model,
    same_vectors,
)
from .embedder import Embedder, is_import_path, load_embedder, model_fingerprint, resolve_model_name
from .lock import write_lock
from .numbering import numbering_note
from .recover import added_sources, describe, kept_on_disk, ledger_path, read_ledger, write_ledger
from .segments import Segment, merge_segments
from .store import (
    FORMAT_VERSION,
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

# a bulk add commits (writes a segment, swaps the index) every this many paragraphs
CHUNK_PARAGRAPHS = 1000
MAX_SEGMENTS = 8  # more, and the smallest neighbours are merged
# a segment whose removed rows are more than this share of it is rewritten without them
DEAD_SHARE = 0.25
MODEL_KEYS = ("model", "backend", "model_fingerprint", "dimension", "vectors")


class LibraryError(PrecedentError):
    """A library operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class ChangeResult:
    doc_id: str
    status: str  # added | unchanged | replaced | removed | built | rebuilt | loaded
    paragraphs: int
    embedded: int
    message: str
    # breaks in the printed numbering of what was added (``index.numbering``), or ""
    numbering: str = ""
    # how the file was read (``ParsedDocument.warnings``: tracked changes accepted ...)
    read_notes: tuple[str, ...] = ()


def keep_read_notes(src: dict, parsed) -> None:
    """Keep with the document's source entry how its file was read (``ParsedDocument.warnings``:
    tracked changes accepted, endnotes not read), for ``documents()`` to say after the add."""
    if parsed.warnings:
        src["read_notes"] = list(parsed.warnings)
    else:
        src.pop("read_notes", None)


class ChangeInterrupted(KeyboardInterrupt):
    """Ctrl-C once a change was made (its index current), before its caller had its result:
    ``done``, for the caller to say before it stops."""

    def __init__(self, done: ChangeResult):
        super().__init__()
        self.done = done


_EMBEDDED = "\0embedded\0"  # where a commit's message says how many texts it embedded


def _progress_pair(progress_factory):
    """(progress, on_total) callbacks for ``build_segment`` from a factory that makes a progress
    callback once the total is known."""
    if progress_factory is None:
        return None, None
    holder: dict = {}

    def on_total(n: int) -> None:
        holder["cb"] = progress_factory(n)

    def progress(k: int) -> None:
        if "cb" in holder:
            holder["cb"](k)

    return progress, on_total


@dataclass
class Pending:
    """A parsed file waiting to be committed, with what the user gave for it."""
    path: Path
    parsed: ParsedDocument
    sha: str
    # its doc id was chosen (by the user or the masthead symbol), not made from its name
    chosen: bool
    origin: str  # the source it was added from (the file name, or what the caller says)
    source: str = ""
    meta: dict = field(default_factory=dict)
    data: bytes | None = None  # the bytes parsed and hashed, written as the library's copy
    name: str = ""  # the name the file goes by when not its own (an upload's), for its copy
    restores: str = ""  # the removed shipped document it was parsed as (its content is that file's)
    given: tuple[str, ...] = ()  # the masthead facts the user gave ("title", "symbol", "date")


def compact(data: IndexData) -> IndexData:
    """``data`` with fewer segments when it has many, and without the removed rows of segments
    mostly removed: merged neighbours hold the same rows in the same order, so nothing but the
    segments changes (nothing is embedded, the arrays in memory are kept)."""
    parts = list(data.parts)
    changed = False
    for i, (seg, deleted) in enumerate(parts):
        live = seg.live(deleted)
        if live is not None and (len(live) - int(live.sum())) > DEAD_SHARE * len(live):
            parts[i] = (merge_segments([(seg, deleted)]), frozenset())
            changed = True
    while len(parts) > MAX_SEGMENTS:
        sizes = [len(seg) if seg.live(d) is None else int(seg.live(d).sum()) for seg, d in parts]
        i = int(np.argmin([sizes[j] + sizes[j + 1] for j in range(len(parts) - 1)]))
        log.info("merging segments of %d and %d rows", sizes[i], sizes[i + 1])
        parts[i:i + 2] = [(merge_segments(parts[i:i + 2]), frozenset())]
        changed = True
    return IndexData.of_parts(data.manifest, parts, same_rows=data) if changed else data


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
        self.data: IndexData | None = None  # replaced only by ``_swap``
        self._ignored: str | None = None  # an index refresh() declined (other model); warned once
        # why the loaded index is not the library on disk (``refresh``), said with every answer
        self.stale = ""
        self._swap_lock = threading.RLock()
        self._listeners: list[Callable[[IndexData], None]] = []
        self._wrap_embedder: Callable[[Embedder], Embedder] | None = None
        # each document's paragraph count and numbering note (``index.numbering``), for the
        # index they were read from
        self._per_document: tuple[IndexData | None, dict[str, tuple[int, str]]] = (None, {})

    def on_swap(self, listener: Callable[[IndexData], None]) -> None:
        """Call ``listener(data)`` each time another index is swapped in (under the swap lock)."""
        self._listeners.append(listener)

    def share(self, lock, wrap_embedder: Callable[[Embedder], Embedder] | None = None) -> None:
        """Changes made while searches go on in other threads: each index is swapped in under
        ``lock`` (the lock the searches hold), and a change embeds with ``wrap_embedder(embedder)``
        (e.g. one that takes turns with the searches for the model)."""
        self._swap_lock = lock
        self._wrap_embedder = wrap_embedder

    def _swap(self, data: IndexData) -> None:
        """Make ``data`` this object's index (the one place ``self.data`` is replaced)."""
        with self._swap_lock:
            self.data = data
            self.stale = ""  # the library on disk is the one loaded again
            for listener in self._listeners:
                listener(data)

    def _change_embedder(self) -> Embedder:
        """The model a change embeds with (``share``)."""
        embedder = self.embedder
        return self._wrap_embedder(embedder) if self._wrap_embedder else embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model_name, cache_dir=self.home / "models")
        return self._embedder

    def model_fingerprint(self) -> str | None:
        """The hash of this library's model's files, without loading the model when it is not."""
        if self._embedder is not None:
            return getattr(self._embedder, "fingerprint", None)
        return model_fingerprint(self.model_name)

    @property
    def sources_dir(self) -> Path:
        return self.home / "sources"

    # -- open / build --------------------------------------------------------------------
    def open(
        self, progress_factory: Callable[[int], Callable[[int], None]] | None = None,
    ) -> ChangeResult:
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
                    # what cannot be rebuilt (a source file gone) the rebuild's message says
                    log.warning("%s; rebuilding from the sources", e)
                    return self._rebuild(None, progress_factory,
                                         f"index was unreadable ({e}); rebuilt")
                return self._rebuild(None, progress_factory, "built the index")
            reason = self._update_reason(data)
            if reason is None:
                if not ledger_path(self.home).is_file():
                    write_ledger(self.home, data.sources, data.manifest.get("removed_shipped", []))
                return self._loaded(data)
            if reason == "format":  # written by an older version: the same rows, as segments
                write_ledger(self.home, data.sources, data.manifest.get("removed_shipped", []))
                save_index(data, self.home)
                log.info("index rewritten as segments (format %d)", FORMAT_VERSION)
                return self._loaded(data)
            return self._rebuild(data, progress_factory, reason)

    def load(self) -> IndexData:
        """Take the index current on disk as it is, without bringing it up to date (``open``
        does): for an index written directly with ``store.save_index``."""
        self._swap(load_index(self.home))
        return self.data

    def _loaded(self, data: IndexData) -> ChangeResult:
        self._swap(data)
        return ChangeResult("", "loaded", len(data.records), 0,
                            f"loaded {counted(len(data.records), 'record')}")

    def _update_reason(self, data: IndexData) -> str | None:
        if data.model != self.model_name:
            return f"index was built by model '{data.model}'; rebuilt all with '{self.model_name}'"
        if data.manifest.get("parser") != source_docs.parser_fingerprint():
            return "the parser changed; documents parsed again"
        if not same_vectors(data.manifest):
            return "the index was made by an older version; vectors added"
        stale = self._stale_sources(data)
        if stale:
            return f"sources changed ({', '.join(stale)}); updated"
        return "format" if data.manifest.get("format_version") != FORMAT_VERSION else None

    def _stale_sources(self, data: IndexData) -> list[str]:
        """The shipped documents whose text or catalogue facts differ from what the index holds.
        Where the package lies is no change: two installs sharing one data directory (a user's
        default) took turns re-parsing every added document, 44 s a turn over 90 documents."""
        stale = []
        removed = set(data.manifest.get("removed_shipped", []))
        for doc_id, src in source_docs.shipped_sources().items():
            have = data.sources.get(doc_id)
            if doc_id in removed or (have is not None and not have.get("shipped")):
                continue  # removed by the user, or replaced by the user's own version
            if have is None or any(value and have.get(key) != value
                                   for key, value in src.items() if key != "path"):
                stale.append(doc_id)
        return stale

    def _rebuild(self, previous: IndexData | None, progress_factory, message: str) -> ChangeResult:
        """Build from the sources (caller holds the write lock); vectors of ``previous`` are reused.
        Every added document whose file is on disk is kept; the message says which were kept and
        which were lost (their file is gone, or no longer parses). The shipped documents come from
        the prebuilt index (``index.shipped``) when it fits this model and parser."""
        if previous is not None:
            manifest = previous.manifest
            removed = set(manifest.get("removed_shipped", []))
            added, lost = kept_on_disk(self.sources_dir, manifest.get("sources", {}))
            recovered: list[str] = []
        else:  # damaged or missing index: the ledger beside the sources, else the files,
            # is the truth
            manifest = read_manifest(self.home) or {}
            ledger = read_ledger(self.home)
            removed = set(ledger["removed_shipped"] if ledger is not None
                          else manifest.get("removed_shipped", []))
            added, recovered, lost = added_sources(self.home, manifest.get("sources", {}), ledger)
        sources = {d: s for d, s in source_docs.shipped_sources().items() if d not in removed}
        for doc_id, why in lost.items():
            log.warning("'%s' is left out: %s", doc_id, why)
        sources.update(added)
        from .shipped import shipped_segment  # not imported with the library: ``python -m`` runs it

        prebuilt = shipped_segment(sources, self.model_name, self.model_fingerprint())
        segments: list[Segment] = []
        if prebuilt is not None:
            seg, meta = prebuilt
            segments.append(seg)
            for doc_id, info in meta["documents"].items():
                sources[doc_id]["paragraphs"] = info["paragraphs"]
        docs = []
        for d, s in list(sources.items()):
            if segments and d in meta["documents"]:
                continue
            try:
                docs.append(source_docs.parse_source(d, s))
            except IngestError as e:
                log.warning("'%s' cannot be parsed any more (%s); it is left out", d, e)
                lost[d] = f"cannot be parsed: {e.reason}"
                del sources[d]
        for d in docs:
            src = sources[d.info.doc_id]
            src["paragraphs"] = source_docs.paragraph_count(d)
            keep_read_notes(src, d)
            source_docs.update_from_masthead(src, d.info)
        kept = [d for d, s in sources.items() if not s.get("shipped")]
        told = bool(kept or lost or (previous is None and (manifest or recovered)))
        if told:
            message += describe(kept, [d for d in recovered if d in sources], lost)
        embedded = 0
        if docs or not segments:
            progress, on_total = _progress_pair(progress_factory)
            seg, embedded = build_segment(indexed_records(docs), self.embedder,
                                          cache_from(previous, self.embedder),
                                          progress, on_total)
            segments.append(seg)
            model = index_manifest(self.embedder, sources)
        else:  # the prebuilt segment alone: no model needed to build the index
            model = {"model": meta["model"], "backend": "onnx",
                     "model_fingerprint": meta["model_fingerprint"],
                     "dimension": meta["dimension"], "sources": sources,
                     "vectors": VECTORS_VERSION}  # it fits this build's code (its fingerprint)
        data = self._write([(seg, frozenset()) for seg in segments], model, sources, removed, None)
        # a re-parse or a recovery: which of the user's documents it kept is said on stderr
        if told:
            log.warning("%s", message)
        return ChangeResult("", "built" if previous is None else "rebuilt", len(data.records),
                            embedded, message)

    def _write(self, parts, model: dict, sources: dict[str, dict], removed_shipped,
               previous: IndexData | None) -> IndexData:
        """Make ``parts`` the current index (caller holds the write lock): the ledger first, then
        the index directory; segments merged when many."""
        manifest = {k: model.get(k) for k in MODEL_KEYS}
        manifest.update(sources=sources, removed_shipped=sorted(removed_shipped),
                        parser=source_docs.parser_fingerprint())
        data = compact(IndexData.of_parts(manifest, parts, previous=previous))
        # first: it never misses a change the index has; put back when the change fails (a
        # remove that failed on a full disk left the ledger without the document, and a later
        # rebuild from it dropped the document unsaid: an audit)
        write_ledger(self.home, sources, removed_shipped)
        try:
            save_index(data, self.home)
        except BaseException:
            if previous is not None:
                try:
                    write_ledger(self.home, previous.sources,
                                 previous.manifest.get("removed_shipped") or ())
                except OSError as e:
                    log.warning("the ledger could not be put back after a failed change: %s", e)
            raise
        self._swap(data)
        return data

    def _current(self) -> IndexData:
        """The index current now (the loaded one if nothing changed it): call under the lock."""
        if self.data is not None and self.data.name and self.data.name == current_name(self.home):
            return self.data
        return load_index(self.home)

    # -- other processes -----------------------------------------------------------------
    def refresh(self) -> bool:
        """Adopt the index another process made current since this one was loaded. Cheap when
        nothing changed (one small file read); the segments already loaded are not read again.
        Returns True when ``self.data`` was replaced. An index built by another model is not
        adopted (queries are embedded by this one)."""
        name = current_name(self.home)
        if self.data is None or name is None or name == self.data.name or name == self._ignored:
            return False
        try:
            data = load_index(self.home)
        except IndexLoadError as e:
            log.warning("the library changed on disk but cannot be loaded (%s); "
                        "keeping the loaded index", e)
            # said with every answer, not in the log alone: a document removed meanwhile was
            # quoted as if still there (an audit)
            self.stale = ("The library changed on disk, but its new index cannot be read: these "
                          "answers are from the library as it was (restart, or run precedent "
                          "list to rebuild it).")
            return False
        if data.model != self.model_name:
            self._ignored = data.name
            self.stale = ("The library on disk was rebuilt with another model: these answers "
                          "are from the library as it was (restart to use it).")
            log.warning("the library on disk was rebuilt with model '%s'; "
                        "this process uses '%s' and keeps "
                        "its loaded index (restart it to use the new one)",
                        data.model, self.model_name)
            return False
        log.info("the library changed on disk (%s); reloaded", data.name)
        self._swap(data)
        return True

    # -- changes -------------------------------------------------------------------------
    def add(self, path: str | Path, *, symbol: str = "", title: str = "", date: str = "",
            source: str = "", meta: dict | None = None, doc_id: str = "",
            name: str = "") -> ChangeResult:
        """Add one file: the library's write path, in one call. Its contract:

        - read once, hashed once: the file's bytes are read once (``ingest.readers.read_file``)
          and their SHA-256 taken once; a file whose content the library holds changes nothing
          and is not parsed ("unchanged");
        - parsed once: those bytes are parsed once, outside the write lock; a doc id taken from
          the masthead's symbol, or a free one when another document holds its id (``-2``,
          ``-3``...), renames the records (``ParsedDocument.renamed``), never parses again; a
          removed shipped document's content is parsed as that document, once;
        - copied once: under the write lock, those same bytes are written to
          ``<home>/sources/<doc_id>/`` (a ``.part-`` file, synced, renamed once whole); a file
          already under ``<home>/sources/`` (a download) is kept in place, not copied;
        - only its paragraphs are embedded (with the embedder ``share`` sets, if any);
        - the index swaps itself in: the ledger, then the new index directory, then ``CURRENT``
          (atomic), all under the write lock; then this object's ``data`` is replaced under its
          swap lock and the listeners (``on_swap``) are told. Killed at any moment, the previous
          index stays live. Nothing outside this class assigns ``data``.

        ``name``: the name the file goes by when its path's is not it (an upload's safe name):
        its suffix chooses the reader, its stem the doc id and the copy's name."""
        path = Path(path)
        named = path.with_name(name) if name else path
        if date:
            try:
                check_date(date)
            except ValueError as e:
                raise LibraryError(f"{named.name}: {e}") from None
        if self.data is None:
            self.open()
        self.refresh()
        data = read_file(path, named)
        sha = bytes_sha256(data)
        same = self._same_content(self.data.sources, sha, named)
        if same is not None:
            return same
        restore = self._removed_shipped(self.data, sha)
        if restore:  # the user brings back a shipped document removed earlier: parsed as it
            restores, src = restore
            parsed = load_document(src["path"], source_docs.info_from_source(restores, src),
                                   data=data)
        else:
            restores = ""
            info = DocumentInfo(doc_id=slugify(doc_id or symbol or named.stem), title=title,
                                symbol=symbol,
                                date=date, source=source)
            # parsing may take a while: outside the lock
            parsed = load_document(named, info, data=data)
        pending = self._pending(path, parsed, sha, bool(doc_id or symbol or parsed.info.symbol),
                                source, meta,
                                name=name)
        given = tuple(k for k, v in (("title", title), ("symbol", symbol), ("date", date)) if v)
        return self.commit([replace(pending, data=data, restores=restores, given=given)])[0]

    @staticmethod
    def _removed_shipped(data: IndexData, sha: str) -> tuple[str, dict] | None:
        """The shipped document of content ``sha`` that the user removed, if any."""
        removed = set(data.manifest.get("removed_shipped", []))
        if not removed:
            return None
        found = [(d, s) for d, s in source_docs.shipped_sources().items()
                 if s["sha256"] == sha and d in removed]
        return found[0] if found else None

    def _pending(self, path: Path, parsed: ParsedDocument, sha: str, chosen: bool, source: str = "",
                 meta: dict | None = None, name: str = "") -> Pending:
        # A doc id from the file name names a new version of the document added from a file of
        # that name, never another document whose name happens to give the same id.
        origin = source or name or path.name
        parsed = self._with_free_id(self.data.sources if self.data else None, parsed, path, origin,
                                    chosen)
        return Pending(path, parsed, sha, chosen, origin, source, meta or {}, name=name)

    def commit(self, batch: Sequence[Pending], progress: Callable[[int], None] | None = None,
               on_total: Callable[[int], None] | None = None) -> list[ChangeResult]:
        """Add parsed files in one change (under the write lock): one new segment holds them all,
        only their texts are embedded (a paragraph the library holds already takes its vectors).
        A file whose content the library holds is "unchanged"; a doc id held by another
        document's file gets ``-2``, ``-3``..."""
        with write_lock(self.home):
            current = self._current()
            try:
                return self._commit(batch, current, progress, on_total)
            except BaseException:
                # interrupted (Ctrl-C) or failed (a full disk) before its index was made
                # current: the files it copied go now, not at the next change
                if current_name(self.home) == current.name:
                    clean_sources(self.sources_dir, current.sources, current.sources)
                raise

    def _commit(self, batch: Sequence[Pending], current: IndexData, progress,
                on_total) -> list[ChangeResult]:
        """``commit``'s change, the write lock held and ``current`` the index it changes."""
        sources = dict(current.sources)
        removed = set(current.manifest.get("removed_shipped", []))
        shipped_now = source_docs.shipped_sources()
        results: list[ChangeResult | None] = []
        docs: dict[str, ParsedDocument] = {}
        replaced: dict[str, dict] = {}
        for p in batch:
            same = self._same_content(sources, p.sha,
                                      p.path.with_name(p.name) if p.name else p.path)
            if same is not None:
                results.append(same)
                continue
            # another process added one
            parsed = self._with_free_id(sources, p.parsed, p.path, p.origin, p.chosen)
            doc_id = parsed.info.doc_id
            restore = {d: s for d, s in shipped_now.items()
                       if s["sha256"] == p.sha and d in removed}
            if restore:  # the user brings back a shipped document removed earlier
                doc_id, src = next(iter(restore.items()))
                if p.restores != doc_id:  # not parsed as it yet
                    parsed = source_docs.parse_source(doc_id, src)
                removed.discard(doc_id)
            else:
                stored = store_source(self.sources_dir, p.path, doc_id, p.sha, data=p.data,
                                      name=p.name)
                src = {"path": str(stored), "sha256": p.sha,
                       "shipped": False, "title": parsed.info.title,
                       "symbol": parsed.info.symbol,
                       "date": parsed.info.date, "short_title": parsed.info.short_title,
                       "kind": parsed.info.kind,
                       "distribution": parsed.info.distribution,
                       "draft_symbol": parsed.info.draft_symbol,
                       "source": p.source or (p.name or p.path.name), "meta": p.meta,
                       # what a re-parse keeps; the rest it reads again from the masthead
                       "given": list(p.given)}
            src["paragraphs"] = source_docs.paragraph_count(parsed)
            keep_read_notes(src, parsed)
            status = "replaced" if doc_id in sources else "added"
            if doc_id in sources and doc_id not in docs:
                replaced[doc_id] = sources[doc_id]
            sources.pop(doc_id, None)
            sources[doc_id] = src
            docs.pop(doc_id, None)
            docs[doc_id] = parsed
            n = src["paragraphs"]
            what = "restored the shipped document" if restore else status
            gone = ""
            if status == "replaced" and not restore and doc_id in replaced:
                gone = ("; its previous version "
                        f"(from {replaced[doc_id].get('source') or 'an earlier file'}) "
                        "is gone")
            results.append(ChangeResult(doc_id, status, n, 0,
                                        f"{what} '{doc_id}': {counted(n, 'paragraph')}"
                                        + _EMBEDDED + gone,
                                        numbering_note(parsed.paragraphs),
                                        parsed.warnings))
        by_doc: dict[str, int] = {}  # texts embedded for each document
        if docs:
            data, _ = self._change(current, docs, set(replaced), sources, removed,
                                   progress, on_total, by_doc)
            clean_sources(self.sources_dir, current.sources, data.sources)
        else:
            self._swap(current)
        out = []
        for r in results:
            if r.status != "unchanged":
                n = by_doc.get(r.doc_id, 0)
                share = f", {counted(n, 'text')} embedded"
                notes = [n for n in (*r.read_notes, r.numbering) if n]
                said = (". " + " ".join(notes)) if notes else ""
                r = replace(r, embedded=n, message=r.message.replace(_EMBEDDED, share) + said)
            out.append(r)
        return out

    def _change(self, current: IndexData, docs: dict[str, ParsedDocument], deleted: set[str],
                sources: dict[str, dict], removed_shipped, progress=None,
                on_total=None, by_doc: dict[str, int] | None = None) -> tuple[IndexData, int]:
        """``current`` without the documents ``deleted`` and with ``docs`` (in a new segment):
        made current. The embedder is loaded only when there is something to embed. ``by_doc``
        receives the texts embedded per document (``build_segment``)."""
        parts = [(seg, dead | (frozenset(deleted) & frozenset(seg.doc_ids)))
                 for seg, dead in current.parts]
        parts = [(seg, dead) for seg, dead in parts if set(seg.doc_ids) - dead]
        model = current.manifest
        embedded = 0
        if docs:
            records = indexed_records(docs.values())
            embedder = self._change_embedder()
            # another process rebuilt it with another model (or an older version of this code)
            if not same_model(current.manifest, embedder) or not same_vectors(current.manifest):
                records = [r for seg, dead in parts for r in seg.records
                           if r.doc_id not in dead] + records
                parts, cache = [], VectorCache()
            else:
                cache = VectorCache()
                for seg, dead in parts:
                    cache.add(seg, seg.live(dead))
                for seg, _ in current.parts:  # a new version reuses its old version's sentences
                    if deleted & set(seg.doc_ids):
                        cache.add(seg, np.fromiter((r.doc_id in deleted for r in seg.records), bool,
                                                   len(seg)),
                                  texts=True)
            seg, embedded = build_segment(records, embedder, cache, progress, on_total, by_doc)
            parts.append((seg, frozenset()))
            model = index_manifest(embedder, sources)
        data = self._write(parts, model, sources, removed_shipped, current)
        return data, embedded

    @staticmethod
    def _with_free_id(sources: dict[str, dict] | None, parsed: ParsedDocument, path: Path,
                      origin: str,
                      chosen: bool) -> ParsedDocument:
        """``parsed`` under an id no other document uses: its own id when it is free, chosen by
        the user or the masthead symbol, or held by a document added from a file of the same
        name (a new version); else ``<id>-2``, ``<id>-3``... (its records renamed, not parsed
        again)."""
        base = parsed.info.doc_id
        if sources is None or chosen:
            return parsed
        n, doc_id = 1, base
        while doc_id in sources and sources[doc_id].get("source") != origin:
            n += 1
            doc_id = f"{base}-{n}"
        if doc_id == parsed.info.doc_id:
            return parsed
        log.info("doc id '%s' is taken by another document; '%s' gets '%s'", base, origin, doc_id)
        return parsed.renamed(doc_id)

    @staticmethod
    def _same_content(sources: dict[str, dict] | None, sha: str, path: Path) -> ChangeResult | None:
        found = [(d, s) for d, s in (sources.items() if sources and sha else ())
                 if s.get("sha256") == sha]
        return ChangeResult(found[0][0], "unchanged", found[0][1].get("paragraphs", 0), 0,
                            f"{path.name} is already in the library as '{found[0][0]}'; "
                            "nothing to do") if found else None

    def add_many(self, paths: Iterable[str | Path], *, progress=None, on_result=None,
                 chunk_paragraphs: int | None = None, parse_workers: int | None = None,
                 **options) -> list[tuple[Path, ChangeResult | Exception]]:
        """Add several files as one bulk change: the next files are parsed in another process
        while the model embeds the current ones, and every ``chunk_paragraphs`` paragraphs (default
        ``CHUNK_PARAGRAPHS``) are committed at once (one segment, one swap): killed midway, the
        library keeps every file of the chunks committed. ``progress``: a ``bulk.BulkProgress``
        (files and texts, with the time left); ``on_result(path, result or exception)`` is called
        for each file once it is committed or has failed. Returns the same pairs, in order. A
        library that cannot be changed at all raises ``lock.LockError`` (committed chunks stay)."""
        from .bulk import add_many

        return add_many(self, [Path(p) for p in paths], progress=progress, on_result=on_result,
                        chunk_paragraphs=chunk_paragraphs or CHUNK_PARAGRAPHS,
                        parse_workers=parse_workers, **options)

    def resolve(self, name: str, data: IndexData | None = None) -> str:
        """The doc id named by ``name``: a doc id, or a document symbol (spacing and case aside)."""
        data = data or self.data
        found = documents_named(name, {d: s.get("symbol", "") for d, s in data.sources.items()})
        if len(found) == 1:
            return found[0]
        known = ", ".join(sorted(data.sources)) or "none"
        if found:
            raise LibraryError(f"'{name}' is the symbol of several documents "
                               f"({', '.join(found)}); give a doc id")
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
                raise LibraryError(f"'{doc_id}' is the only document in the library; "
                                   "add another before removing it")
            src = current.sources[doc_id]
            removed = set(current.manifest.get("removed_shipped", []))
            if src.get("shipped"):
                removed.add(doc_id)
            sources = {d: s for d, s in current.sources.items() if d != doc_id}
            n = sum(1 for r in current.records if r.doc_id == doc_id and r.kind != "footnote")
            result = ChangeResult(doc_id, "removed", n, 0, f"removed '{doc_id}' "
                                  f"({counted(n, 'paragraph')}); nothing re-embedded")
            try:
                data, _ = self._change(current, {}, {doc_id}, sources, removed)
                clean_sources(self.sources_dir, current.sources, data.sources)
            except KeyboardInterrupt:
                if current_name(self.home) != current.name:  # the lock held: the removal is made
                    raise ChangeInterrupted(result) from None
                raise
        return result

    def removed_documents(self) -> list[str]:
        """Shipped documents the user removed (``precedent add`` of their file brings them back)."""
        return list(self.data.manifest.get("removed_shipped", [])) if self.data else []

    def documents(self) -> list[dict]:
        if self.data is None:
            self.open()
        data = self.data
        if self._per_document[0] is not data:  # once per index: its records do not change
            records: dict[str, list] = {}
            for r in data.records:
                records.setdefault(r.doc_id, []).append(r)
            self._per_document = (data, {
                d: (sum(1 for r in rs if r.kind != "footnote"), numbering_note(rs))
                for d, rs in records.items()})
        per_document = self._per_document[1]
        out = []
        for d, s in data.sources.items():
            out.append({"doc_id": d, "symbol": s.get("symbol", ""), "title": s.get("title", ""),
                        "short_title": s.get("short_title", ""), "date": s.get("date", ""),
                        "paragraphs": per_document.get(d, (0, ""))[0],
                        "source": s.get("source", ""),
                        "shipped": bool(s.get("shipped")), "model": data.model,
                        "sha256": s.get("sha256", ""), "meta": s.get("meta", {}),
                        "path": s.get("path", ""),
                        "numbering": per_document.get(d, (0, ""))[1],
                        "read_notes": list(s.get("read_notes", ()))})
        return out
