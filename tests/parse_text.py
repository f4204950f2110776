"""``parse_text``: parse a text already in memory, as a text file's pages (tests only)."""

from __future__ import annotations

from precedent.ingest.records import DocumentInfo, ParsedDocument
from precedent.ingest.structure import parse_pages


def parse_text(text: str, info: DocumentInfo, *, markdown: bool = True) -> ParsedDocument:
    pages = text.split("\f")
    doc, records = parse_pages(pages, info, markdown=markdown, has_pages=len(pages) > 1)
    return ParsedDocument(doc, tuple(records))
