"""Callbacks of the library side of the page: adding a document (the upload box).

An upload parses, embeds and writes the new index without holding the page's lock (taking it
only for each chunk it embeds with the shared model, and to swap the new index in:
``Library.share``, set by ``PageLibrary``), so searches go on against the current index
meanwhile.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from precedent.index import LibraryError, LockError
from precedent.ingest import IngestError
from precedent.ingest.readers import upload_labels
from precedent.ingest.wording import counted

from . import render, uploads
from .page_state import PageLibrary

log = logging.getLogger(__name__)


@dataclass
class UploadReply:
    ok: bool
    message: str  # HTML (escaped)
    doc_id: str = ""


class LibraryHandler:
    """Adding documents to the shared library (``ui.page_state.PageLibrary``)."""

    def __init__(self, shared: PageLibrary):
        self.shared = shared
        self._clean_uploads()

    def status(self) -> str:
        """What the library holds and what is missing, and how to add a file (escaped HTML)."""
        from precedent.search.documents import library_summary, missing_from_catalogue

        with self.shared.lock:
            self.shared.refresh()
            docs = self.shared.lib.documents()
            cards = self.shared.lib.view.documents
        text = library_summary(docs, cards)
        missing = missing_from_catalogue(docs)
        if missing:
            names = ", ".join(f"{e['symbol']} ({e.get('short_title') or e['title']})"
                              for e in missing)
            text += (f" Not in it: {names}. Add a {upload_labels()} with “Add a document” on the "
                     "Search tab, or in a terminal: precedent add FILE (or precedent fetch "
                     "--catalogue, online).")
        kind = ("warn" if not any(d.get("status") == "adopted" for d in docs)
                or any(d.get("numbering") for d in docs) else "info")
        return render.render_message(text, kind)

    def upload(self, path: str | Path | None, name: str | None = None) -> UploadReply:
        """Add an uploaded file to the library under a safe name (``uploads.safe_upload_name``):
        the library reads it where the server put it, once, and keeps its own copy in
        ``sources/`` (``LibraryIndex.add``). Bad files give a message and change nothing.
        Searches go on meanwhile (see the module docstring)."""
        if not path:
            return UploadReply(False,
                               render.render_message(f"Choose a {upload_labels()} file to add.",
                                                     "info"))
        src = Path(path)
        shown = uploads.safe_upload_name(name or src.name)

        def fail(reason: str) -> UploadReply:
            log.info("upload %s refused: %s", shown, reason)
            return UploadReply(False, render.render_message(f"Could not add {shown}: {reason}. "
                                                            "Nothing was changed.", "error"))

        reason = uploads.check_file(src, shown)
        if reason:
            return fail(reason)
        with self.shared.file_work:  # one upload or draft file at a time (ui.page_state)
            try:
                result = self.shared.lib.add(src, name=shown, source=shown)
            except IngestError as e:
                return fail(e.reason)
            except Exception as e:  # the page must report, not crash
                log.warning("adding %s failed: %s", shown, e,
                            exc_info=not isinstance(e, (LibraryError, LockError)))
                return fail(str(e) or type(e).__name__)
        with self.shared.lock:
            names = self.shared.doc_names()
            held = {d["doc_id"]: d for d in self.shared.lib.documents()}
        if result.status == "unchanged":
            note = held.get(result.doc_id, {}).get("numbering", "")
            text = (f"{shown} is already in the library as "
                    f"{names.get(result.doc_id, result.doc_id)}. {note}").strip()
            return UploadReply(True, render.render_message(text, "warn" if note else "info"),
                               result.doc_id)
        text = (f"Added {shown} as “{names.get(result.doc_id, result.doc_id)}”: "
                f"{counted(result.paragraphs, 'paragraph')}, searchable now (choose it under "
                "Documents to search only it).")
        said = " ".join((*result.read_notes, result.numbering)).strip()
        if said:  # tracked changes accepted; a break in the printed numbering
            return UploadReply(True, render.render_message(f"{text} {said}", "warn"),
                               result.doc_id)
        return UploadReply(True, render.render_message(text, "ok"), result.doc_id)

    def _clean_uploads(self, older_than: float = 3600) -> None:
        """Remove what older versions left in ``<home>/uploads/`` (an upload's copy, kept by a
        killed server): nothing reads from it now. Recent entries may be another
        server's upload in progress and are left alone."""
        folder = Path(self.shared.lib.home) / "uploads"
        for p in folder.iterdir() if folder.is_dir() else ():
            try:
                if time.time() - p.lstat().st_mtime > older_than:
                    shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
            except OSError as e:
                log.warning("could not remove the leftover upload %s: %s", p, e)
