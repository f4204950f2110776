"""What the page's tabs share: the library behind one lock, and the download folders.

``PageLibrary`` is the library as every tab uses it: reads (searches, the paragraph view,
choices, comparisons) hold ``lock`` briefly; an upload embeds a chunk at a time through
``TakesTurns`` so searches go first. Work on a file brought to the page (adding a document,
comparing a draft file) takes ``file_work`` too: one file is read at a time, whichever tab it
came from, so a few files at once cannot add up to the memory of all of them. ``Downloads`` hands
out numbered folders for the files an answer or a comparison offers, keeping the latest few.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

# answers' and comparisons' download folders kept, of every visitor together (each holds two
# small files): at 100, a delegate's download failed once others had asked 100 questions
KEEP_DOWNLOADS = 2000
EMBED_CHUNK = 64  # texts an upload embeds at a time while searches wait for the model


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

    @contextmanager
    def after_waiters(self):
        while self.waiting:
            time.sleep(0.002)
        self._lock.acquire()
        try:
            yield self
        finally:
            self._lock.release()


class TakesTurns:
    """An embedder shared by an upload with the page's searches: it encodes ``EMBED_CHUNK`` texts
    at a time, each chunk under ``lock``, so a search waits for one chunk at most and the model
    is never used by two threads at once."""

    def __init__(self, inner, lock: SearchFirstLock):
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


class PageLibrary:
    """The library every tab reads, with the lock they share (``with shared.lock:``)."""

    def __init__(self, lib, lock: SearchFirstLock | None = None):
        self.lib = lib
        self.lock = lock or SearchFirstLock()
        # An upload embeds a chunk at a time and swaps its index in under the lock searches hold.
        lib.share(self.lock, lambda embedder: TakesTurns(embedder, self.lock))
        # Uploads and draft files, one at a time (taken before ``lock``, never while holding it).
        self.file_work = threading.Lock()

    def refresh(self) -> bool:
        """Adopt documents another process added or removed (e.g. ``precedent add`` in a terminal
        while the page is served); cheap when nothing changed. Call under ``lock``."""
        try:
            return self.lib.refresh()
        except Exception as e:  # a page that keeps serving the loaded index beats one that fails
            log.warning("could not check the library for changes: %s", e)
        return False

    def documents(self) -> list[dict]:
        """Every document (``Library.documents``), after adopting changes; takes the lock."""
        with self.lock:
            self.refresh()
            return self.lib.documents()

    def doc_names(self) -> dict[str, str]:
        return {d["doc_id"]: d.get("name") or d.get("short_title") or d.get("symbol")
                or d.get("title") or d["doc_id"]
                for d in self.lib.documents()}


class Downloads:
    """Numbered folders under one directory, each named also by a random token no visitor can
    guess (``answer-00001-<token>``, ``compare-00001-<token>`` ...), the latest
    ``KEEP_DOWNLOADS`` of each kind kept. (Named by their number alone, any visitor could fetch
    another's conversation: the folder's path is in every download link.)"""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root or tempfile.mkdtemp(prefix="precedent-web-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def folder(self, kind: str) -> Path:
        """A fresh folder for one answer's or comparison's files; older ones beyond the limit go."""
        with self._lock:
            self._counts[kind] = n = self._counts.get(kind, 0) + 1
        out = self.root / f"{kind}-{n:05d}-{secrets.token_urlsafe(16)}"
        out.mkdir(parents=True, exist_ok=True)
        old = sorted((p for p in self.root.glob(f"{kind}-*") if p.is_dir()),
                     key=lambda p: int(p.name.split("-")[1]))
        for p in old[:-KEEP_DOWNLOADS]:
            shutil.rmtree(p, ignore_errors=True)
        return out
