"""Callbacks of the "Compare a draft" tab: is this agreed language?

``compare_draft`` reads the draft (pasted text, or a file read straight from the upload's
temporary path: nothing is written for it), compares it with the library through
``search.compare`` and returns the escaped HTML of ``ui.render.render_comparison`` with two
downloads: the HTML report (``ui.report_html.render_compare_html``) and JSON lines, one object
per draft paragraph, as ``precedent compare`` prints them.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from precedent.ingest import IngestError
from precedent.search.compare import CompareError, CompareOptions, CompareResult, compare_paragraphs
from precedent.search.draft import read_draft, split_paragraphs

from . import handlers as _h  # ui.handlers imports this module lazily: no import cycle
from . import render
from .report_html import render_compare_html

log = logging.getLogger(__name__)

MAX_DRAFT_CHARS = 200_000
MAX_DRAFT_PARAGRAPHS = 400  # longer drafts: ``precedent compare FILE``
DEFAULT_MIN_WORDS = 5
MAX_MIN_WORDS = 50
DEFAULT_MATCHES = 5
MAX_MATCHES = 10
EMPTY = "Paste a draft (paragraphs separated by blank lines) or choose a draft file, then press Compare."


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


def _options(only_docs, exclude_docs, min_words, k) -> CompareOptions:
    return CompareOptions.make(
        k=_whole_number(k, DEFAULT_MATCHES, 1, MAX_MATCHES, "The number of matches"),
        min_words=_whole_number(min_words, DEFAULT_MIN_WORDS, 1, MAX_MIN_WORDS, "The minimum span length"),
        only_docs=list(only_docs or ()), exclude_docs=list(exclude_docs or ()))


def compare_draft(h, text: str | None, path, only_docs=None, exclude_docs=None,
                  min_words=DEFAULT_MIN_WORDS, k=DEFAULT_MATCHES) -> CompareReply:
    """``h`` is the page's ``ui.handlers.Handlers``. A file, when given, is compared instead of
    the text. Every refusal is a message on the page; nothing is changed."""
    try:
        options = _options(only_docs, exclude_docs, min_words, k)
    except CompareError as e:
        return _message(_said(e))
    if path:
        src = Path(path)
        name = _h.safe_upload_name(src.name)
        reason = _h.check_file(src, name)
        if reason:
            return _message(f"Could not read {name}: {reason}.")
        try:
            paragraphs = read_draft(src)
        except IngestError as e:
            return _message(f"Could not read {name}: {e.reason}.")
        except Exception as e:  # the page must report, not crash
            log.warning("reading draft %s failed: %s", name, e, exc_info=True)
            return _message(f"Could not read {name}: {e or type(e).__name__}.")
    else:
        text = text if isinstance(text, str) else ""
        if not text.strip():
            return _message(EMPTY, "info")
        if len(text) > MAX_DRAFT_CHARS:
            return _message(f"The draft is too long for the page ({len(text):,} characters; the limit is "
                            f"{MAX_DRAFT_CHARS:,}). Use `precedent compare FILE` in a terminal.")
        name = ""
        paragraphs = split_paragraphs(text)
    if not paragraphs:
        return _message(f"{name or 'The draft'}: no paragraphs to compare.")
    if len(paragraphs) > MAX_DRAFT_PARAGRAPHS:
        return _message(f"The draft has {len(paragraphs)} paragraphs; the page compares up to "
                        f"{MAX_DRAFT_PARAGRAPHS}. Use `precedent compare FILE` in a terminal.")
    with h._lock:
        h.refresh()
        try:
            result = compare_paragraphs(h.lib, paragraphs, options)
        except CompareError as e:
            return _message(_said(e))
        names = h.doc_names()
    html = render.render_comparison(result, names, name)
    html_path, jsonl_path = _write_downloads(h, result, name)
    log.debug("compared %s: %d paragraphs, %.0f%% agreed", name or "pasted text", len(result.paragraphs),
              100 * result.coverage)
    return CompareReply(True, html, html_path, jsonl_path, result)


def _write_downloads(h, result: CompareResult, name: str) -> tuple[str, str]:
    """The HTML report and JSON lines, in a fresh folder of the handlers' download directory."""
    h._compares += 1
    out = h.download_dir / f"compare-{h._compares:05d}"
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(name).stem if name else "draft"
    title = f"{name or 'Pasted draft'} compared with agreed language"
    html_path = out / f"{stem}-compared.html"
    html_path.write_text(render_compare_html(result, title), encoding="utf-8")
    jsonl_path = out / f"{stem}-compared.jsonl"
    jsonl_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in result.to_dicts()),
                          encoding="utf-8")
    old = sorted(p for p in h.download_dir.glob("compare-*") if p.is_dir())
    for p in old[:-_h.KEEP_DOWNLOADS]:
        shutil.rmtree(p, ignore_errors=True)
    return str(html_path), str(jsonl_path)
