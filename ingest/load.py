"""Load documents: a file path in, a ``ParsedDocument`` out (reading + pure parsing)."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

from .readers import IngestError, read_source
from .records import DocumentInfo, ParsedDocument
from .structure import parse_pages

log = logging.getLogger(__name__)


def slugify(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return slug or "document"


def doc_id_for(path: Path, symbol: str = "") -> str:
    return slugify(symbol) if symbol else slugify(Path(path).stem)


def parse_text(text: str, info: DocumentInfo, *, markdown: bool = True) -> ParsedDocument:
    """Parse text already in memory (pasted drafts, tests)."""
    pages = text.split("\f")
    doc, records = parse_pages(pages, info, markdown=markdown, has_pages=len(pages) > 1)
    return ParsedDocument(doc, tuple(records))


def load_document(path: Path | str, info: DocumentInfo | None = None) -> ParsedDocument:
    """Read and parse one file. Raises ``IngestError`` with a one-line reason on bad input."""
    path = Path(path)
    source = read_source(path)
    info = info or DocumentInfo(doc_id=doc_id_for(path), title="")
    doc, records = parse_pages(source.pages, info, markdown=source.markdown, has_pages=source.has_pages)
    if not any(r.kind != "footnote" for r in records):
        raise IngestError(path, "no paragraphs found")
    if not info.doc_id or info.doc_id == doc_id_for(path) and doc.symbol and not info.symbol:
        # A symbol read from the masthead names the document better than its file name.
        new_id = doc_id_for(path, doc.symbol)
        if new_id != doc.doc_id:
            doc = replace(doc, doc_id=new_id)
            doc, records = parse_pages(source.pages, doc, markdown=source.markdown, has_pages=source.has_pages)
    log.info("parsed %s: %d records", path, len(records))
    return ParsedDocument(doc, tuple(records))
