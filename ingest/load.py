"""Load documents: a file path in, a ``ParsedDocument`` out (reading + pure parsing)."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from pathlib import Path

from .digest import bytes_sha256, file_sha256
from .readers import IngestError, SourceText, read_file, read_source
from .records import DocumentInfo, ParsedDocument
from .structure import parse_pages
from .text_patterns import masthead_symbol

log = logging.getLogger(__name__)

# A printed line this long is no UN layout (a text missing its line and paragraph breaks): refused
# before parsing. A paragraph wrapped over many lines is never refused for its length: parsing
# keeps it whole in records of at most ``assemble.RECORD_CHARS`` characters (see ``assemble``).
MAX_PARAGRAPH_CHARS = 50_000  # a long UN paragraph is ~3,000; a page ~4,000


def slugify(name: str) -> str:
    """A doc id from a name: ASCII letters, digits and ``-``, the same for the same name. Accents
    are dropped (``Résolution`` -> ``resolution``); other scripts are transliterated and, as two
    names may transliterate alike, followed by a hash of the name (``移民`` -> ``yimin-5b1e0c``,
    ``Миграция`` -> ``migratsiya-…``), never a shared default."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    if plain.isascii():
        return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower() or "document"
    from anyascii import anyascii

    slug = re.sub(r"[^A-Za-z0-9]+", "-", anyascii(plain)).strip("-").lower()[:60].strip("-")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def doc_id_for(path: Path, symbol: str = "") -> str:
    return slugify(symbol) if symbol else slugify(Path(path).stem)


def shipped_info(path: Path, sha256: str = "") -> DocumentInfo | None:
    """The manifest's description of a shipped corpus document, matched by its resolved path or
    by its content hash (a copy of the shipped file elsewhere); None for any other file."""
    try:
        from precedent.corpus import shipped_documents

        entries = shipped_documents()
    except (ImportError, OSError, ValueError, KeyError) as e:
        log.warning("cannot read the corpus manifest: %s", e)
        return None
    resolved = Path(path).resolve()
    for entry in entries:
        same_path = Path(entry["path"]).resolve() == resolved
        if same_path or (sha256 and _sha256(entry["path"]) == sha256):
            return DocumentInfo(
                doc_id=entry["doc_id"],
                title=entry.get("title", ""),
                symbol=entry.get("symbol", ""),
                date=entry.get("date", ""),
                short_title=entry.get("short_title", ""),
                kind=entry.get("kind", ""),
                source=entry.get("source", ""),
            )
    return None


def _sha256(path: str) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def _parse(source: SourceText, info: DocumentInfo) -> tuple[DocumentInfo, list]:
    return parse_pages(
        source.pages, info, markdown=source.markdown, has_pages=source.has_pages,
        wrapped=source.wrapped, raised_marks=source.raised_marks,
    )


_DISTRIBUTION = re.compile(r"^\s*Distr\.?:")
MASTHEAD_REACH = 8  # lines around "Distr.: General" where its masthead prints the symbol


def _mastheads(pages: list[str]) -> list[tuple[int, str]]:
    """The mastheads of a text file, as (line, symbol): a "Distr.:" line and a symbol near it,
    each symbol once. Two documents in one file were read as one, the second cited by the
    first's symbol ("A/RES/73/326, annex, para. 27" holding A/RES/76/266's paragraph)."""
    lines = [ln for page in pages for ln in page.split("\n")]
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if not _DISTRIBUTION.match(line):
            continue
        near = lines[max(0, i - MASTHEAD_REACH):i + MASTHEAD_REACH]
        symbol = next((s for s in map(masthead_symbol, near) if s), "")
        if symbol and symbol not in {s for _, s in found}:
            found.append((i + 1, symbol))
    return found


def load_document(path: Path | str, info: DocumentInfo | None = None, *,
                  data: bytes | None = None) -> ParsedDocument:
    """Read and parse one file, once. Raises ``IngestError`` with a one-line reason on bad input.

    Without ``info``, a shipped corpus file is described by the corpus manifest (so its records
    cite ``Progress Declaration 2026, annex, para. 52``); any other file by its masthead. With
    ``data`` (the file's bytes, from ``readers.read_file``), nothing is read: ``path`` names the
    file (its suffix chooses the reader). A doc id taken from the masthead's symbol renames the
    parsed records (``ParsedDocument.renamed``); the file is not parsed again.
    """
    path = Path(path)
    if data is None:
        data = read_file(path)
    source = read_source(path, data)
    if info is None:
        info = shipped_info(path, bytes_sha256(data))
    info = info or DocumentInfo(doc_id=doc_id_for(path), title="")
    line = max((len(ln) for page in source.pages for ln in page.split("\n")), default=0)
    if line > MAX_PARAGRAPH_CHARS:  # a paragraph at least this long: refused before parsing
        raise IngestError(path, f"a line is {line:,} characters long and paragraphs are limited to "
                                f"{MAX_PARAGRAPH_CHARS:,} (is the text missing its paragraph "
                                "breaks?)")
    if source.markdown:
        mastheads = _mastheads(source.pages)
        if len(mastheads) > 1:
            (_, first), (at, second) = mastheads[:2]
            raise IngestError(path, f"holds more than one document ({first}, then {second} at "
                                    f"line {at}): add each from a file of its own")
    doc, records = _parse(source, info)
    if not any(r.kind != "footnote" for r in records):
        raise IngestError(path, "no paragraphs found")
    parsed = ParsedDocument(doc, tuple(records), source.notes)
    if not info.doc_id or info.doc_id == doc_id_for(path) and doc.symbol and not info.symbol:
        # A symbol read from the masthead names the document better than its file name.
        parsed = parsed.renamed(doc_id_for(path, doc.symbol))
    log.info("parsed %s: %d records", path, len(records))
    return parsed
