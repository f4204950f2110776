"""Reading files into page texts. All file access of the ingest stage lives here.

Each reader returns a ``SourceText``: the text of each page (one page for text and DOCX files),
and whether the text carries light markdown. Parsing is ``ingest.structure``'s job.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .digest import bytes_sha256
from .errors import PrecedentError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED = TEXT_SUFFIXES | {".pdf", ".docx"}


class IngestError(PrecedentError):
    """A file that cannot be read as a document; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class SourceText:
    pages: list[str]
    markdown: bool = False
    has_pages: bool = False  # True when page numbers are real (PDF)
    wrapped: bool = False  # one printed line per line (a PDF text layer), not one block per line
    sha256: str = ""  # of the file's bytes


def sniff_format(data: bytes) -> str:
    """``pdf``, ``docx``, ``doc`` (OLE), ``html`` or ``text`` from the first bytes."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low:
        return "html"
    return "text"


def read_source(path: Path) -> SourceText:
    """Read one file into page texts; raises ``IngestError`` naming the reason on bad input."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "file not found")
    if path.is_dir():
        raise IngestError(path, "is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(path, f"unsupported file type '{suffix or '(none)'}' (use .txt, .md, .pdf or .docx)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot be read ({e.strerror or type(e).__name__})") from None
    if not data.strip():
        raise IngestError(path, "file is empty")
    return replace(_read_bytes(path, suffix, data), sha256=bytes_sha256(data))


def _read_bytes(path: Path, suffix: str, data: bytes) -> SourceText:
    kind = sniff_format(data)
    if suffix == ".pdf":
        if kind == "html":
            raise IngestError(path, "is an HTML page saved with a .pdf name, not a PDF")
        if kind != "pdf":
            raise IngestError(path, "is not a PDF (no %PDF header)")
        return read_pdf(path, data)
    if suffix == ".docx":
        if kind == "doc":
            raise IngestError(path, "is a legacy Word .doc file; save it as .docx or PDF")
        if kind != "zip":
            raise IngestError(path, "is not a DOCX file (not a zip package)")
        return read_docx(path, data)
    if kind in ("pdf", "zip", "doc"):
        raise IngestError(path, f"is a binary {kind} file with a text extension")
    return read_text(path, data)


def read_text(path: Path, data: bytes) -> SourceText:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(path, f"cannot be decoded as UTF-8 text (byte {e.start})") from None
    if "\x00" in text:
        raise IngestError(path, "contains NUL bytes; not a text file")
    pages = text.split("\f")
    return SourceText(pages=pages, markdown=True, has_pages=len(pages) > 1)


def read_pdf(path: Path, data: bytes) -> SourceText:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise IngestError(path, "PDF is encrypted; save an unprotected copy first")
            pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise IngestError(path, f"corrupt or unreadable PDF ({type(e).__name__})") from None
    except Exception as e:  # pypdf raises a zoo of exceptions on damaged files
        raise IngestError(path, f"corrupt or unreadable PDF ({type(e).__name__}: {e})") from None
    if not any(p.strip() for p in pages):
        raise IngestError(path, "PDF has no text layer (a scan?); run OCR first or use the DOCX")
    return SourceText(pages=pages, markdown=False, has_pages=True, wrapped=True)


def _opens_without_password(reader) -> bool:
    """Many PDFs are encrypted only against editing, with an empty password to open them."""
    try:
        return bool(reader.decrypt(""))
    except Exception as e:  # e.g. pypdf's DependencyError when AES support is missing
        log.debug("cannot decrypt with an empty password: %s", e)
        return False


@contextmanager
def _quiet_pypdf():
    """pypdf logs warnings about damaged files; the reader reports one clear error instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def read_docx(path: Path, data: bytes) -> SourceText:
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in zf.namelist():
            raise IngestError(path, "zip file without word/document.xml; not a DOCX")
    except zipfile.BadZipFile:
        raise IngestError(path, "corrupt DOCX (bad zip)") from None
    from .docx_text import docx_paragraph_texts

    try:
        lines = docx_paragraph_texts(io.BytesIO(data))
    except IngestError:
        raise
    except Exception as e:
        raise IngestError(path, f"corrupt DOCX ({type(e).__name__})") from None
    if not any(ln.strip() for ln in lines):
        raise IngestError(path, "DOCX has no text")
    return SourceText(pages=["\n\n".join(lines)], markdown=False, has_pages=False)
