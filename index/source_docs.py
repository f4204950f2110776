"""What the index knows of a source before embedding it: the shipped documents' entries, a
source's parsed document, its paragraph count, and the parser's fingerprint (a changed parser
re-parses every document). Read by the library, the bulk add and the shipped-index builder, all
through this module, so one replacement (a test's) reaches them all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import precedent.ingest as ingest
from precedent.ingest import DocumentInfo, ParsedDocument, load_document
from precedent.ingest.digest import file_sha256


def parser_fingerprint() -> str:
    """A hash of the ingest code: when parsing changes, documents are parsed again (and only
    paragraphs whose text changed are re-embedded)."""
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
            "short_title": e.get("short_title", ""), "kind": e.get("kind", ""),
            "source": e.get("source", ""),
        }
    return out


def info_from_source(doc_id: str, src: dict) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, title=src.get("title", ""), symbol=src.get("symbol", ""),
                        date=src.get("date", ""), short_title=src.get("short_title", ""),
                        kind=src.get("kind", ""), source=src.get("source", ""),
                        distribution=src.get("distribution", ""),
                        draft_symbol=src.get("draft_symbol", ""))


def parse_source(doc_id: str, src: dict) -> ParsedDocument:
    return load_document(src["path"], info_from_source(doc_id, src))


def paragraph_count(doc: ParsedDocument) -> int:
    """Paragraphs as ``documents()`` counts them: footnotes are not paragraphs."""
    return sum(1 for r in doc.paragraphs if r.kind != "footnote")
