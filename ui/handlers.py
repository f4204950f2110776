"""Callbacks of the web page: call the search API and format what it returns.

No Gradio here (the page wiring is ``ui.app``) and no search logic: each method takes the
values of the page's components and returns plain values (HTML strings, chat messages,
file paths, lists of choices), so the tests call them directly.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from precedent.index import LibraryError
from precedent.ingest import IngestError
from precedent.search import FilterError, Library, QueryError

from . import render

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_LIMIT = f"{MAX_UPLOAD_BYTES // 2**20} MB"  # as the page says it and as a refusal says it
UPLOAD_TYPES = (".pdf", ".docx", ".txt")
DEFAULT_K = 8
MAX_K = 30
KEEP_DOWNLOADS = 100  # answers' and comparisons' download folders kept (each holds two small files)
MAX_HISTORY = 40  # chat messages kept per conversation (20 questions and answers)
EMBED_CHUNK = 64  # texts an upload embeds at a time while searches wait for the model
EXAMPLES = (
    "What did States commit to on child detention?",
    '"regardless of their migration status"',
    "search and rescue cooperation",
)
PARTS = ("resolution", "annex")


@dataclass
class Reply:
    """What one question changes on the page."""

    history: list[dict]
    citations: list[tuple[str, str]] = field(default_factory=list)  # (citation, record id)
    csv_path: str | None = None
    json_path: str | None = None


@dataclass
class UploadReply:
    ok: bool
    message: str  # HTML (escaped)
    doc_id: str = ""


def check_file(src: Path, shown: str) -> str:
    """Why an uploaded file is refused ("" when it may be read): type, readable, empty, size."""
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in UPLOAD_TYPES:
        return f"unsupported file type '{suffix or '(none)'}'; use PDF, DOCX or TXT"
    try:
        size = src.stat().st_size
    except OSError:
        return "the upload could not be read"
    if size == 0:
        return "the file is empty"
    if size > MAX_UPLOAD_BYTES:
        return f"the file is too large ({size / 2**20:.1f} MB; the limit is {UPLOAD_LIMIT})"
    return ""


def discard_upload(path: str | Path | None, folder: str | Path) -> bool:
    """Delete the web server's temporary copy of an upload once it is dealt with (added, refused,
    or a draft taken off the page), with its folder when empty. Only a file inside ``folder``
    (the server's temporary folder) is touched. True when a file was deleted."""
    if not path:
        return False
    try:
        root, target = Path(folder).resolve(), Path(path).resolve()
        if not target.is_relative_to(root) or target == root or not target.is_file():
            return False
        target.unlink()
        if target.parent != root and not any(target.parent.iterdir()):
            target.parent.rmdir()
    except OSError as e:
        log.debug("could not delete the temporary upload %s: %s", path, e)
        return False
    return True


def safe_upload_name(name: str) -> str:
    """A file name with no directory part, no ``..`` and only ``[A-Za-z0-9._-]``. A name in
    another script is transliterated and followed by a hash of it, so that two uploads with
    different names never share one (``移民.txt`` -> ``YiMin_8948bd.txt``)."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if not stem.isascii():
        import hashlib

        from anyascii import anyascii

        digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:6]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", anyascii(stem)).strip("_.-")[:60] + "_" + digest
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_.-")[:80] or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


class Handlers:
    """The page's callbacks over one ``Library``. Reads of the library (searches, the paragraph
    view, choices) are serialised by ``_lock``, held briefly; an upload parses, embeds and writes
    the new index without it (taking it only for each chunk it embeds with the shared model, and
    to swap the new index in), so searches go on against the current index meanwhile."""

    def __init__(self, lib: Library, download_dir: str | Path | None = None):
        self.lib = lib
        self._lock = SearchFirstLock()
        self._adding = threading.Lock()  # one upload at a time in this process
        self.download_dir = Path(download_dir or tempfile.mkdtemp(prefix="precedent-web-"))
        self.download_dir.mkdir(parents=True, exist_ok=True)
        self._clean_uploads()
        self._answers = 0
        self._compares = 0

    def refresh(self) -> bool:
        """Adopt documents another process added or removed (e.g. ``precedent add`` in a terminal
        while the page is served); cheap when nothing changed. Call under ``self._lock``."""
        try:
            return self.lib.refresh()
        except Exception as e:  # a page that keeps serving the loaded index beats one that fails
            log.warning("could not check the library for changes: %s", e)
        return False

    # -- filters -------------------------------------------------------------------------
    def doc_names(self) -> dict[str, str]:
        return {d["doc_id"]: d.get("short_title") or d.get("symbol") or d.get("title") or d["doc_id"]
                for d in self.lib.documents()}

    def filter_choices(self) -> dict[str, list]:
        """Choices for the filter components, as ``(label, value)`` pairs, from ``lib.facets()``."""
        with self._lock:
            self.refresh()
            facets = self.lib.facets()
            names = self.doc_names()
        return {
            "doc": [(names.get(d, d), d) for d in facets["doc"]],
            "part": [(p, p) for p in facets["part"]] or [(p, p) for p in PARTS],
            "category": [(c, c) for c in facets["category"]],
            "objective": [(f"Objective {o}", o) for o in facets["objective"]],
        }

    @staticmethod
    def filters(docs=None, parts=None, categories=None, objectives=None) -> dict:
        """Keyword filters for ``Library.search`` from the components' values."""
        out = {}
        if docs:
            out["doc"] = list(docs)
        if parts:
            out["part"] = list(parts)
        if categories:
            out["category"] = list(categories)
        if objectives:
            out["objective"] = [int(o) for o in objectives]
        return out

    # -- questions -----------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None, docs=None, parts=None,
            categories=None, objectives=None, k=DEFAULT_K) -> Reply:
        """Answer one question; the filters come from the components beside the chat."""
        history = list(history or [])[-(MAX_HISTORY - 2):]  # a long conversation keeps its latest answers
        question = (question or "").strip()
        if not question:
            return Reply(history)
        k = max(1, min(MAX_K, int(k or DEFAULT_K)))
        user = {"role": "user", "content": render.render_user(question)}
        try:
            with self._lock:
                self.refresh()
                answer = self.lib.search(question, k=k, **self.filters(docs, parts, categories, objectives))
                names = self.doc_names()
        except (QueryError, FilterError) as e:
            msg = render.render_message(str(e), "error")
            return Reply(history + [user, {"role": "assistant", "content": msg}])
        html = render.render_answer(answer, names)
        citations = [(h.citation, h.record.id) for h in answer.hits]
        csv_path, json_path = self._write_downloads(answer)
        log.debug("answered %r with %d hits", question, len(answer.hits))
        return Reply(history + [user, {"role": "assistant", "content": html}], citations, csv_path, json_path)

    def _write_downloads(self, answer) -> tuple[str, str]:
        from precedent.search import BatchResult

        self._answers += 1
        out = self.download_dir / f"answer-{self._answers:05d}"
        out.mkdir(parents=True, exist_ok=True)
        batch = BatchResult([answer])
        csv_path = out / "precedent-results.csv"
        csv_path.write_text(batch.to_csv(), encoding="utf-8")
        json_path = out / "precedent-results.json"
        json_path.write_text(json.dumps(answer.to_dict(full=True), ensure_ascii=False, indent=2),
                             encoding="utf-8")
        old = sorted(p for p in self.download_dir.glob("answer-*") if p.is_dir())
        for p in old[:-KEEP_DOWNLOADS]:
            shutil.rmtree(p, ignore_errors=True)
        return str(csv_path), str(json_path)

    # -- paragraph view ------------------------------------------------------------------
    def paragraph(self, record_id: str | None) -> tuple[str, str]:
        """The chosen paragraph as HTML (with neighbours and footnotes) and a copyable quote."""
        if not record_id:
            return "", ""
        try:
            with self._lock:
                self.refresh()
                rec = self.lib.get(record_id)
                context = self.lib.context(record_id, before=1, after=1)
        except (KeyError, StopIteration):
            return render.render_message("That paragraph is no longer in the library.", "error"), ""
        return render.render_paragraph(rec, context), render.quote_block(rec)

    # -- adding documents ----------------------------------------------------------------
    def upload(self, path: str | Path | None, name: str | None = None) -> UploadReply:
        """Copy an uploaded file to a safe name in a folder of its own under ``<home>/uploads/``
        and add it to the library, which keeps its own copy in ``sources/``; the folder is
        removed either way. Bad files give a message and change nothing. Searches go on
        meanwhile (see the class docstring)."""
        if not path:
            return UploadReply(False, render.render_message("Choose a PDF, DOCX or TXT file to add.", "info"))
        src = Path(path)
        shown = safe_upload_name(name or src.name)

        def fail(reason: str) -> UploadReply:
            log.info("upload %s refused: %s", shown, reason)
            return UploadReply(False, render.render_message(f"Could not add {shown}: {reason}. "
                                                            "Nothing was changed.", "error"))

        reason = check_file(src, shown)
        if reason:
            return fail(reason)
        with self._adding:
            folder = self._upload_folder()
            try:
                dest = folder / shown
                if dest.resolve().parent != folder:  # cannot happen with safe_upload_name; belt and braces
                    raise ValueError(f"unsafe upload name {shown!r}")
                shutil.copyfile(src, dest)
                result = self._add(dest, shown)
            except IngestError as e:
                return fail(e.reason)
            except Exception as e:  # the page must report, not crash
                log.warning("adding %s failed: %s", shown, e, exc_info=not isinstance(e, LibraryError))
                return fail(str(e) or type(e).__name__)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        with self._lock:
            names = self.doc_names()
        if result.status == "unchanged":
            text = f"{shown} is already in the library as {names.get(result.doc_id, result.doc_id)}."
            return UploadReply(True, render.render_message(text, "info"), result.doc_id)
        text = (f"Added {shown} as “{names.get(result.doc_id, result.doc_id)}”: {result.paragraphs} "
                "paragraphs, searchable now (choose it under Documents to search only it).")
        return UploadReply(True, render.render_message(text, "ok"), result.doc_id)

    # -- comparing a draft (the work is in ui.handlers_compare) ---------------------------
    def compare_choices(self) -> list[tuple[str, str]]:
        """``(name, doc_id)`` of every document, for the "what counts as precedent" choices."""
        with self._lock:
            self.refresh()
            return [(name, doc_id) for doc_id, name in self.doc_names().items()]

    def compare(self, text: str | None = "", path: str | Path | None = None, only_docs=None,
                exclude_docs=None, min_words=5, k=5):
        """Compare a pasted draft, or a draft file when ``path`` is given; a ``CompareReply``."""
        from .handlers_compare import compare_draft

        return compare_draft(self, text, path, only_docs, exclude_docs, min_words, k)

    def _upload_folder(self) -> Path:
        uploads = (Path(self.lib.home) / "uploads").resolve()
        uploads.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="upload-", dir=uploads)).resolve()

    def _clean_uploads(self, older_than: float = 3600) -> None:
        """Remove what a killed server left in ``<home>/uploads/`` (and copies kept there by
        older versions): the library never reads from it. Recent entries may be another
        server's upload in progress and are left alone."""
        import time

        uploads = Path(self.lib.home) / "uploads"
        for p in uploads.iterdir() if uploads.is_dir() else ():
            try:
                if time.time() - p.lstat().st_mtime > older_than:
                    shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
            except OSError as e:
                log.warning("could not remove the leftover upload %s: %s", p, e)

    def _add(self, dest: Path, shown: str):
        """Add ``dest`` with a writer of its own over the same data directory: parsing, embedding
        (the shared model, a chunk at a time under ``_lock``) and writing happen outside
        ``_lock``; the new index, already current on disk, is then swapped in under it."""
        from precedent.index import LibraryIndex

        index = self.lib._index
        writer = LibraryIndex(index.home, embedder=_TakesTurns(index.embedder, self._lock))
        writer.data = index.data
        result = writer.add(dest, source=shown)
        with self._lock:
            if writer.data is not index.data:
                index.data = writer.data
                self.lib._prepare()  # searches under way keep the view they began with
        return result


class _TakesTurns:
    """An embedder shared by an upload with the page's searches: it encodes ``EMBED_CHUNK`` texts
    at a time, each chunk under ``lock``, so a search waits for one chunk at most and the model
    is never used by two threads at once."""

    def __init__(self, inner, lock):
        self._inner = inner
        self._lock = lock

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def encode(self, texts, *, batch_size: int = 32, progress=None):
        import numpy as np

        texts = list(texts)
        if not texts:
            with self._lock.after_waiters():
                return self._inner.encode(texts, batch_size=batch_size)
        parts = []
        for i in range(0, len(texts), EMBED_CHUNK):
            chunk = texts[i:i + EMBED_CHUNK]
            with self._lock.after_waiters():
                parts.append(self._inner.encode(chunk, batch_size=batch_size))
            if progress is not None:
                progress(len(chunk))
        return np.concatenate(parts)


class SearchFirstLock:
    """The page's lock: reentrant; ``with lock:`` (searches, the paragraph view, swapping an index
    in) counts as waiting while it waits, and background work taking it through
    ``after_waiters()`` (an upload's embedding, chunk by chunk) lets every waiter go first. A
    plain lock is not fair: the upload, releasing and taking it again at once, kept a waiting
    search out for its whole embedding (28 s for 3,000 paragraphs)."""

    def __init__(self):
        self._lock = threading.RLock()
        self._count = threading.Lock()
        self.waiting = 0

    def __enter__(self):
        with self._count:
            self.waiting += 1
        try:
            self._lock.acquire()
        finally:
            with self._count:
                self.waiting -= 1
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()

    def _is_owned(self) -> bool:
        return self._lock._is_owned()

    @contextmanager
    def after_waiters(self):
        import time

        while self.waiting:
            time.sleep(0.002)
        self._lock.acquire()
        try:
            yield self
        finally:
            self._lock.release()
