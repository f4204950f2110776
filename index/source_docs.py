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


# What a document's masthead says of it, kept in its source entry.
MASTHEAD_FACTS = ("title", "symbol", "date", "short_title", "kind", "distribution", "draft_symbol")


def info_from_source(doc_id: str, src: dict) -> DocumentInfo:
    """The facts to parse a source with. An entry that records what the user gave (``given``:
    an added file's) passes only those, so a parse reads the rest from the masthead again, as
    the parser reads it now (a title misread by an older parser is corrected); an entry without
    it (a shipped document, or one added before it was recorded) passes every fact it holds."""
    given = src.get("given")
    keep = MASTHEAD_FACTS if given is None else given
    facts = {k: src.get(k, "") if k in keep else "" for k in MASTHEAD_FACTS}
    return DocumentInfo(doc_id=doc_id, source=src.get("source", ""), **facts)


def update_from_masthead(src: dict, info: DocumentInfo) -> None:
    """After a parse: the facts the user did not give, as the masthead says them now (an entry
    without ``given`` only fills the facts it lacks, as a recovered file's)."""
    given = src.get("given")
    for key in MASTHEAD_FACTS:
        now = getattr(info, key, "") or ""
        if given is None:
            src[key] = src.get(key) or now
        elif key not in given:
            src[key] = now


def parse_source(doc_id: str, src: dict) -> ParsedDocument:
    parsed = load_document(src["path"], info_from_source(doc_id, src))
    # the id stays the library's, whatever the masthead's symbol would name it
    return parsed if parsed.info.doc_id == doc_id else parsed.renamed(doc_id)


def paragraph_count(doc: ParsedDocument) -> int:
    """Paragraphs as ``documents()`` counts them: footnotes are not paragraphs."""
    return sum(1 for r in doc.paragraphs if r.kind != "footnote")
