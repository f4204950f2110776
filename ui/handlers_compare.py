"""Callbacks of the "Compare a draft" tab: is this agreed language?

``CompareHandlers.run`` compares pasted text or a draft file (read straight from the upload's
temporary path: nothing is written for it) with the library through the public
``search.compare.compare_text``/``compare_file`` and returns the escaped HTML of
``ui.render.render_comparison`` with two downloads: the HTML report
(``ui.render.render_compare_html``) and JSON lines, one object per draft paragraph, as
``precedent compare`` prints them.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from precedent.ingest import IngestError
from precedent.search.compare import (
    CompareError,
    CompareOptions,
    CompareResult,
    DraftTooLong,
    compare_file,
    compare_text,
)

from . import render, uploads
from .page_state import Downloads, PageLibrary

log = logging.getLogger(__name__)

MAX_DRAFT_CHARS = 200_000
MAX_DRAFT_PARAGRAPHS = 400  # longer drafts: ``precedent compare FILE``
DEFAULT_MIN_WORDS = 5
MAX_MIN_WORDS = 50
DEFAULT_MATCHES = 5
MAX_MATCHES = 10
EMPTY = ("Paste a draft (paragraphs separated by blank lines) or choose a draft file, then press "
         "Compare.")
TERMINAL = "Use `precedent compare FILE` in a terminal."


@dataclass
class CompareReply:
    """What one comparison changes on the page."""

    ok: bool
    html: str  # escaped HTML: the comparison, or a message saying why there is none
    html_path: str | None = None
    jsonl_path: str | None = None
    result: CompareResult | None = None


def _message(text: str, kind: str = "error") -> CompareReply:
    return CompareReply(False, render.render_message(text, kind))


def _said(e: Exception) -> str:
    """An error's message as a sentence."""
    text = str(e).strip() or type(e).__name__
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _whole_number(value, default: int, low: int, high: int, what: str) -> int:
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CompareError(f"{what} must be a whole number, not '{value}'") from None
    if number != int(number) or not low <= number <= high:
        raise CompareError(f"{what} must be a whole number from {low} to {high}, not {number:g}")
    return int(number)


def page_options(only_docs=None, exclude_docs=None, min_words=None, k=None, before=None,
                 include_drafts=False) -> CompareOptions:
    """The tab's values as ``CompareOptions`` (``before``: a date, ``YYYY[-MM[-DD]]``, or empty)."""
    before = before.strip() if isinstance(before, str) else ""
    if before and not (re.fullmatch(r"\d{4}(-\d{2}){0,2}", before)
                       and CompareOptions.is_date(before)):
        raise CompareError(f"the date must look like 2018-12-19 (or 2018), not '{before}'")
    return CompareOptions.make(
        k=_whole_number(k, DEFAULT_MATCHES, 1, MAX_MATCHES, "The number of matches"),
        min_words=_whole_number(min_words, DEFAULT_MIN_WORDS, 1, MAX_MIN_WORDS,
                                "The minimum span length"),
        only_docs=list(only_docs or ()), exclude_docs=list(exclude_docs or ()), before=before,
        max_paragraphs=MAX_DRAFT_PARAGRAPHS, include_drafts=bool(include_drafts))


class CompareHandlers:
    """The Compare tab over the shared library (``ui.page_state.PageLibrary``)."""

    def __init__(self, shared: PageLibrary, downloads: Downloads):
        self.shared = shared
        self.downloads = downloads

    def choices(self) -> list[tuple[str, str]]:
        """``(name, doc_id)`` of every document, for the "what counts as precedent" choices."""
        with self.shared.lock:
            self.shared.refresh()
            return [(name, doc_id) for doc_id, name in self.shared.doc_names().items()]

    def run(self, text: str | None = "", path: str | Path | None = None, only_docs=None,
            exclude_docs=None, min_words=DEFAULT_MIN_WORDS, k=DEFAULT_MATCHES, before=None,
            include_drafts=False) -> CompareReply:
        """Compare a pasted draft, or a draft file when ``path`` is given (the text is then
        ignored). ``before``: only documents dated before it count as precedent;
        ``include_drafts``: drafts count too (adopted texts only otherwise). Every refusal is a
        message on the page; nothing is changed."""
        try:
            options = page_options(only_docs, exclude_docs, min_words, k, before, include_drafts)
        except CompareError as e:
            return _message(_said(e))
        hold = self.shared.lock  # held while the library is used, not while the draft is read
        name = ""
        try:
            if path:
                src = Path(path)
                name = uploads.safe_upload_name(src.name)
                reason = uploads.check_file(src, name)
                if reason:
                    return _message(f"Could not read {name}: {reason}.")
                with self.shared.file_work:  # one upload or draft file at a time (ui.page_state)
                    result = compare_file(self.shared.lib, src, options, hold=hold)
            else:
                text = text if isinstance(text, str) else ""
                if not text.strip():
                    return _message(EMPTY, "info")
                if len(text) > MAX_DRAFT_CHARS:
                    return _message(f"The draft is too long for the page ({len(text):,} "
                                    f"characters; the limit is {MAX_DRAFT_CHARS:,}). {TERMINAL}")
                result = compare_text(self.shared.lib, text, options, hold=hold)
            names = self._names()
        except DraftTooLong as e:
            return _message(f"The draft has {e.paragraphs} paragraphs; the page compares up to "
                            f"{e.limit}. {TERMINAL}")
        except CompareError as e:
            empty = name and str(e).startswith("the draft is empty")
            return _message(f"{name}: no paragraphs to compare." if empty else _said(e))
        except IngestError as e:
            return _message(f"Could not read {name}: {e.reason}.")
        except Exception as e:  # the page must report, not crash
            if not name:
                raise
            log.warning("reading draft %s failed: %s", name, e, exc_info=True)
            return _message(f"Could not read {name}: {e or type(e).__name__}.")
        html = render.render_comparison(result, names, name)
        html_path, jsonl_path = self._write_downloads(result, name, names)
        log.debug("compared %s: %d paragraphs, %.0f%% agreed", name or "pasted text",
                  len(result.paragraphs), 100 * result.coverage)
        return CompareReply(True, html, html_path, jsonl_path, result)

    def _names(self) -> dict[str, str]:
        """How the report names each document, as the command line does (``Library.labels``)."""
        with self.shared.lock:
            self.shared.refresh()
            return self.shared.lib.labels()

    def _write_downloads(self, result: CompareResult, name: str,
                         names: dict[str, str]) -> tuple[str, str]:
        """The HTML report and JSON lines, in a fresh download folder."""
        out = self.downloads.folder("compare")
        stem = Path(name).stem if name else "draft"
        title = render.compare_title(result, name or "Pasted draft")
        html_path = out / f"{stem}-compared.html"
        html_path.write_text(render.render_compare_html(result, title, names, name),
                             encoding="utf-8")
        jsonl_path = out / f"{stem}-compared.jsonl"
        jsonl_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n"
                                      for d in result.json_lines()),
                              encoding="utf-8")
        return str(html_path), str(jsonl_path)
