"""Adding many files at once (``LibraryIndex.add_many``): parse ahead, embed, commit in chunks.

The files are parsed in order by a separate process (``parse_workers``, one by default on a
machine of two cores or more) while this one embeds and writes the files parsed before them, so
both cores work; parsed documents come back in order. Every ``chunk_paragraphs`` paragraphs the
files parsed so far are committed as one change (``LibraryIndex.commit``: one new segment, one
swap): a bulk add killed midway keeps every file of the chunks it committed, and the ledger
(``index.recover``) lists exactly what each commit made current. The write lock is held for
each commit only, so another process may change the library between two chunks.

``BulkProgress`` is told the files and the texts to embed; the number of texts of files not
parsed yet is estimated from the texts per byte of the files parsed so far, so a progress bar
can say the time left from the start.
"""

from __future__ import annotations

import logging
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from precedent.ingest import DocumentInfo, IngestError, ParsedDocument, load_document
from precedent.ingest.digest import bytes_sha256
from precedent.ingest.errors import PrecedentError
from precedent.ingest.load import slugify
from precedent.ingest.readers import read_file

from . import source_docs
from .build import indexed_records, sentence_units
from .lock import LockError

log = logging.getLogger(__name__)

AHEAD = 24  # files parsed ahead of the one being committed, at most (their records wait in memory)


class BulkProgress:
    """What a bulk add reports as it goes; every method may be overridden (all do nothing here).
    ``texts_total`` is an estimate until every file is parsed, then exact."""

    def start(self, files: int) -> None: ...

    def file_done(self, path: Path, ok: bool) -> None: ...

    def texts_total(self, total: int) -> None: ...

    def texts_done(self, n: int) -> None: ...

    def close(self) -> None: ...


def _parse_job(path: str) -> tuple:
    """Run in the parsing process: ("ok", document, sha256, the file's bytes) or ("error", reason)
    or ("bug", text)."""
    try:
        # read once (a device, pipe or socket is refused without reading it), hashed once
        data = read_file(Path(path))
        info = DocumentInfo(doc_id=slugify(Path(path).stem), title="")
        return ("ok", load_document(Path(path), info, data=data), bytes_sha256(data), data)
    except IngestError as e:
        return ("error", e.reason)
    except OSError as e:
        return ("error", f"cannot be read: {e.strerror or e}")
    except Exception as e:  # a parser bug on one file must not stop the others
        return ("bug", f"{type(e).__name__}: {e}")


def _unpack(path: Path, outcome: tuple) -> tuple[ParsedDocument, str, bytes]:
    if outcome[0] == "ok":
        return outcome[1], outcome[2], outcome[3]
    if outcome[0] == "error":
        raise IngestError(path, outcome[1])
    raise RuntimeError(f"could not be added ({outcome[1]})")


class _Parser:
    """Parses ``paths`` in order, ``AHEAD`` at most in flight: in a process of its own, or here
    (``workers`` 0)."""

    def __init__(self, paths: list[Path], workers: int):
        self.paths = paths
        self.pool = None
        if workers > 0 and len(paths) > 1:
            self.pool = _parsing_pool(workers)
        self.futures: dict[int, Future] = {}
        self.next = 0

    def _fill(self, upto: int) -> None:
        while self.pool is not None and self.next < min(len(self.paths), upto):
            self.futures[self.next] = self.pool.submit(_parse_job, str(self.paths[self.next]))
            self.next += 1

    def get(self, i: int) -> tuple[ParsedDocument, str, bytes]:
        self._fill(i + AHEAD)
        future = self.futures.pop(i, None)
        if future is None:
            return _unpack(self.paths[i], _parse_job(str(self.paths[i])))
        try:
            outcome = future.result()
        except Exception as e:  # the process died (out of memory, killed): this file here instead
            log.warning("parsing %s in the parsing process failed (%s); parsing it here",
                        self.paths[i], e)
            self._restart()
            outcome = _parse_job(str(self.paths[i]))
        return _unpack(self.paths[i], outcome)

    def _restart(self) -> None:
        workers = self.pool._max_workers if self.pool is not None else 0
        self.close()
        if workers:
            self.pool = _parsing_pool(workers)
            pending = sorted(self.futures)
            self.futures = {k: self.pool.submit(_parse_job, str(self.paths[k])) for k in pending}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def _parsing_pool(workers: int) -> ProcessPoolExecutor:
    """Parsing processes, spawned (the parent may hold threads, ONNX Runtime's or a web server's,
    that fork would copy), that leave Ctrl-C to the process that started them and end with it
    even when it is killed (``kill -9`` leaves no parser behind)."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_parser, initargs=(os.getpid(),))


def _start_parser(parent: int) -> None:
    """In a parsing process, first. Ctrl-C reaches every process of the terminal's group: the
    parent stops the add and shuts the pool down, so here it is ignored (it printed a
    ``KeyboardInterrupt`` traceback of an idle parser before "precedent: interrupted")."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    """In a parsing process: a watcher that ends it once its parent is gone (it is then adopted
    by another process, so its parent id changes)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def default_parse_workers() -> int:
    """One parsing process beside the embedding one when the machine has two cores or more."""
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def texts_of(doc: ParsedDocument) -> int:
    """Texts a document sends to the model at most: its records and their units."""
    records = indexed_records([doc])
    return len(records) + len(sentence_units(records)[1])


class _Estimate:
    """Texts to embed: exact for the files parsed, by texts per byte for the others."""

    def __init__(self, paths: list[Path]):
        self.sizes = [p.stat().st_size if p.is_file() else 0 for p in paths]
        self.known: dict[int, int] = {}

    def after(self, i: int) -> int:
        """Texts of the files after the ``i``-th."""
        sized = [(self.sizes[k], n) for k, n in self.known.items() if n]
        per_byte = sum(n for _, n in sized) / max(1, sum(s for s, _ in sized)) if sized else 0.0
        return sum(self.known[k] if k in self.known else int(per_byte * self.sizes[k])
                   for k in range(i + 1, len(self.sizes)))


def add_many(index, paths: list[Path], *, progress: BulkProgress | None = None, on_result=None,
             chunk_paragraphs: int = 1000, parse_workers: int | None = None,
             source: str = "", meta: dict | None = None) -> list[tuple[Path, object]]:

    progress = progress or BulkProgress()
    results: list[tuple[Path, object]] = []

    def report(path: Path, outcome) -> None:
        results.append((path, outcome))
        progress.file_done(path, not isinstance(outcome, Exception))
        if on_result is not None:
            on_result(path, outcome)

    if index.data is None:
        index.open()
    index.refresh()
    progress.start(len(paths))
    estimate = _Estimate(paths)
    parser = _Parser(paths, default_parse_workers() if parse_workers is None else parse_workers)
    # texts: embedded by the chunks committed + the chunk's (exact once known, else its files'
    # count) + the files after it
    state = {"committed": 0, "guess": 0, "exact": None, "at": -1}

    def tell() -> None:
        chunk = state["exact"] if state["exact"] is not None else state["guess"]
        progress.texts_total(state["committed"] + chunk + estimate.after(state["at"]))

    def commit(batch: list) -> None:
        if not batch:
            return

        def on_total(n: int) -> None:
            state["exact"] = n
            tell()

        try:
            outcomes = index.commit(batch, progress=progress.texts_done, on_total=on_total)
        except LockError:  # the library cannot be changed at all: no file's own failure
            raise
        except (PrecedentError, OSError) as e:
            outcomes = [e] * len(batch)
        for p, r in zip(batch, outcomes):
            report(p.path, r)
        state.update(committed=state["committed"] + (state["exact"] or 0), guess=0, exact=None)
        tell()

    try:
        batch, paragraphs = [], 0
        for i, path in enumerate(paths):
            state["at"] = i
            try:
                parsed, sha, data = parser.get(i)
            except (IngestError, RuntimeError, OSError) as e:
                estimate.known[i] = 0
                report(path, e)
                continue
            estimate.known[i] = texts = texts_of(parsed)
            state["guess"] += texts
            tell()
            pending = index._pending(path, parsed, sha, bool(parsed.info.symbol), source, meta)
            batch.append(replace(pending, data=data))  # the bytes parsed and hashed: copied as is
            paragraphs += source_docs.paragraph_count(parsed)
            if paragraphs >= chunk_paragraphs:
                commit(batch)
                batch, paragraphs = [], 0
        commit(batch)
    finally:
        parser.close()
        progress.close()
    return results
