"""Reading files into page texts. All file access of the ingest stage lives here.

Each reader returns a ``SourceText``: the text of each page (one page for text and DOCX files),
and whether the text carries light markdown. Parsing is ``ingest.structure``'s job.

``FORMATS`` (at the end) declares the input formats once: label, file suffixes and reader; the
magic bytes that ``sniff`` knows files by stand in ``MAGIC``, beside it. The page's upload widget
and messages, the command line, the draft comparison and ``precedent fetch`` all read it: a new
format is a reader and an entry there.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
import warnings
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import PrecedentError

log = logging.getLogger(__name__)

# Bounds on what one document may cost (a file, a DOCX's inflated parts, its text).
MAX_FILE_BYTES = 100 * 2**20
MAX_DOCX_PART_BYTES = 64 * 2**20  # one inflated zip entry (word/document.xml of ~10,000 pages)
MAX_DOCX_TOTAL_BYTES = 256 * 2**20  # all entries together, as the zip directory declares them
MAX_TEXT_CHARS = 5_000_000  # about 2,500 pages
# A DOCX part is read as a stream (ingest.xml_stream); each paragraph, style, list definition or
# footnote costs a Python call, and one is held in memory whole while it is read.
MAX_DOCX_ELEMENTS = 250_000  # paragraphs (or styles...) of one part: 2,500 pages hold ~75,000
MAX_DOCX_ELEMENT_TAGS = 200_000  # markup tags in one paragraph (50,000 characters hold fewer)
MAX_PDF_PAGES = 5_000  # twice the text limit's pages; counted before any page is read
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Magic numbers, as ``sniff`` names them: a PDF's may follow white space in its first KiB; the
# others open the file. A DOCX is a zip package; ``doc`` is legacy Word (an OLE compound file).
PDF_MAGIC = b"%PDF"
MAGIC = (("zip", b"PK\x03\x04"), ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), ("wpd", b"\xffWPC"))


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
    # footnote marks are superscripts and only they (a PDF read with geometry)
    raised_marks: bool = False
    # what a reader of the records should know of how the file was read ("Read with its
    # tracked changes accepted (...)"), in words
    notes: tuple[str, ...] = ()


def sniff(data: bytes) -> str:
    """What the first bytes say a file is: ``pdf``, ``zip`` (a DOCX is one), ``doc`` (legacy
    Word), ``wpd`` (WordPerfect), ``html`` (a web page) or ``text`` (anything else)."""
    head = data[:1024].lstrip()
    if head.startswith(PDF_MAGIC):
        return "pdf"
    for kind, magic in MAGIC:
        if data.startswith(magic):
            return kind
    if b"<html" in head[:512].lower() or head[:15].lower().startswith(b"<!doctype html"):
        return "html"
    return "text"


def read_file(path: Path, name: str | Path | None = None) -> bytes:
    """The bytes of one file, checked in this order: it exists, is no directory, has a format's
    suffix (``name``'s when given: the name the file goes by, e.g. an upload's), is a regular file
    within ``MAX_FILE_BYTES``, and is not empty. Raises ``IngestError`` naming the reason."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "file not found")
    if path.is_dir():
        raise IngestError(path, "is a directory, not a file")
    named = Path(name) if name else path
    if format_for(named) is None:
        raise IngestError(path, unsupported(named.suffix))
    data = _read_regular_file(path)
    if not data.strip():
        raise IngestError(path, "file is empty")
    return data


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read one file into page texts; raises ``IngestError`` naming the reason on bad input.
    With ``data`` (its bytes, read by ``read_file``), the file is not read again: ``path`` only
    names it (its suffix chooses the reader)."""
    path = Path(path)
    if data is None:
        data = read_file(path)
    fmt = format_for(path)
    if fmt is None:
        raise IngestError(path, unsupported(path.suffix))
    source = fmt.read(path, data)
    chars = sum(len(p) for p in source.pages)
    if chars > MAX_TEXT_CHARS:
        raise IngestError(path,
                          f"its text is too long ({chars:,} characters; the limit is "
                          f"{MAX_TEXT_CHARS:,}, about 2,500 pages): split the document")
    return source


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file (a symlink is followed), at most ``MAX_FILE_BYTES``: a device
    such as /dev/zero, a FIFO (which would block) or a socket is refused before it is read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IngestError(path, "is not a regular file (a device, pipe or socket)")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since the check above
                raise IngestError(path, "is not a regular file (a device, pipe or socket)")
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise IngestError(path, f"cannot be read ({e.strerror or type(e).__name__})") from None
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(path, f"file is too large (over {MAX_FILE_BYTES // 2**20} MB)")
    return data


def decode_text(path: Path, data: bytes) -> str:
    """Text from bytes: the encoding its byte-order mark names (UTF-8, UTF-16, UTF-32), else
    UTF-8, else Windows-1252 / Latin-1 (8-bit text from older Windows and Mac editors)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise IngestError(path,
                                  f"cannot be decoded as {encoding.upper()} text although it "
                                  "starts "
                                        f"with a {encoding.upper()} byte-order mark (byte "
                                        f"{e.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad = e.start
    if b"\x00" not in data:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f")
                           or 0x7F <= ord(c) < 0xA0)
            if controls <= len(text) // 100:
                log.info("%s is not UTF-8 (byte %d); read as %s", path, bad, encoding)
                return text
    raise IngestError(path, f"cannot be decoded as UTF-8 text (byte {bad}), nor as Latin-1 text; "
                            "save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)")


def read_text(path: Path, data: bytes) -> SourceText:
    kind = sniff(data)
    if kind in ("pdf", "zip", "doc"):
        raise IngestError(path, f"is a binary {kind} file with a text extension")
    text = decode_text(path, data)
    if "\x00" in text:
        raise IngestError(path, "contains NUL bytes; not a text file")
    # a soft hyphen is no character of the words: kept, "migra\u00adtion" was quoted with it and
    # a search for "migration" missed it; "The General As\u00adsembly," was read as a paragraph
    pages = text.replace("\u00ad", "").split("\f")
    return SourceText(pages=pages, markdown=True, has_pages=len(pages) > 1)


def _expect_kind(path: Path, data: bytes, kind: str, mistaken: dict[str, str], other: str) -> None:
    """Refuse a file whose magic bytes (``sniff``) are not of ``kind``: ``mistaken`` gives the
    reason for the kinds often saved under its suffix, ``other`` the reason for any other."""
    found = sniff(data)
    if found in mistaken:
        raise IngestError(path, mistaken[found])
    if found != kind:
        raise IngestError(path, other)


def read_pdf(path: Path, data: bytes) -> SourceText:
    _expect_kind(path, data, "pdf", {"html": "is an HTML page saved with a .pdf name, not a PDF"},
                 "is not a PDF (no %PDF header)")
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from .pdf_geometry import read_with_geometry

    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise IngestError(path, "PDF is encrypted; save an unprotected copy first")
            # the page tree's count, then its pages
            for count in (_declared_pages, lambda r: len(r.pages)):
                n_pages = count(reader)
                if n_pages > MAX_PDF_PAGES:  # each page costs time and memory, text or none
                    raise IngestError(path,
                                      f"PDF has {n_pages:,} pages; the limit is {MAX_PDF_PAGES:,}: "
                                            "split the document")
            # footnote marks, rules, margins seen
            pages, geometry = read_with_geometry(reader.pages)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise IngestError(path, f"corrupt or unreadable PDF ({type(e).__name__})") from None
    except Exception as e:  # pypdf raises a zoo of exceptions on damaged files
        raise IngestError(path, f"corrupt or unreadable PDF ({type(e).__name__}: {e})") from None
    if not any(p.strip() for p in pages):
        raise IngestError(path, "PDF has no text layer (a scan?); run OCR first or use the DOCX")
    return SourceText(pages=pages, markdown=False, has_pages=True, wrapped=True,
                      raised_marks=all(geometry))


def _declared_pages(reader) -> int:
    """The page count the PDF's page tree declares (``/Count``), read without loading a page:
    counting the pages themselves loads every page object (20 s and 700 MB for 100,000)."""
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return 0


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
    _expect_kind(path, data, "zip", {"doc": "is a legacy Word .doc file; save it as .docx or PDF"},
                 "is not a DOCX file (not a zip package)")
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in zf.namelist():
            raise IngestError(path, "zip file without word/document.xml; not a DOCX")
        _check_inflated_sizes(path, zf)
    except zipfile.BadZipFile:
        raise IngestError(path, "corrupt DOCX (bad zip)") from None
    from .docx_text import docx_body
    from .xml_stream import PartLimits, PartTooLarge

    limits = PartLimits(part_bytes=MAX_DOCX_PART_BYTES, elements=MAX_DOCX_ELEMENTS,
                        element_tags=MAX_DOCX_ELEMENT_TAGS, text_chars=MAX_TEXT_CHARS)
    try:
        body = docx_body(io.BytesIO(data), limits)
    except IngestError:
        raise
    except PartTooLarge as e:
        raise IngestError(path, f"DOCX {e}; not read") from None
    except Exception as e:
        raise IngestError(path, f"corrupt DOCX ({type(e).__name__})") from None
    if not any(ln.strip() for ln in body.lines):
        raise IngestError(path, "DOCX has no text")
    return SourceText(pages=["\n\n".join(body.lines)], markdown=False, has_pages=False,
                      notes=body.notes())


def _check_inflated_sizes(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a decompression bomb from the zip directory, before anything is inflated: each
    entry at most ``MAX_DOCX_PART_BYTES``, all together at most ``MAX_DOCX_TOTAL_BYTES`` (the
    parts read are also read with that bound, in case the directory lies)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_DOCX_PART_BYTES:
            raise IngestError(path,
                              f"DOCX part {info.filename} inflates to "
                              f"{info.file_size / 2**20:,.0f} MB "
                                    f"(the limit is {MAX_DOCX_PART_BYTES // 2**20} MB per part); "
                                    "not read")
    if total > MAX_DOCX_TOTAL_BYTES:
        raise IngestError(path, f"DOCX inflates to {total / 2**20:,.0f} MB (the limit is "
                                f"{MAX_DOCX_TOTAL_BYTES // 2**20} MB); not read")


# --- the input formats ------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFormat:
    """A kind of file Precedent reads."""

    name: str  # as a download's format is recorded
    label: str  # as the page names it ("PDF, DOCX or TXT")
    suffixes: tuple[str, ...]  # the file names read (lower case), the usual ones first
    read: Callable[[Path, bytes], SourceText]  # a file's path and bytes -> its pages (its reader
    # refuses bytes that ``sniff`` says are another kind's)
    named: int = 1  # how many of the first suffixes the messages name
    uploaded: int = 1  # how many of the first suffixes the page's file pickers take
    plain: bool = False  # text without layout: a draft in it may be split like pasted text

    @property
    def named_suffixes(self) -> tuple[str, ...]:
        return self.suffixes[:self.named]

    @property
    def upload_suffixes(self) -> tuple[str, ...]:
        return self.suffixes[:self.uploaded]


FORMATS = (
    InputFormat("pdf", "PDF", (".pdf",), read=read_pdf),
    InputFormat("docx", "DOCX", (".docx",), read=read_docx),
    InputFormat("text", "TXT", (".txt", ".md", ".markdown", ".text"), read=read_text, named=2,
                plain=True),
)
SUPPORTED = frozenset(s for f in FORMATS for s in f.suffixes)
UPLOAD_SUFFIXES = tuple(s for f in FORMATS for s in f.upload_suffixes)  # the page's file pickers


def format_for(path: Path | str) -> InputFormat | None:
    """The format a file's name says (its suffix, any case); None when no reader takes it."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def either(items) -> str:
    """``a, b or c``."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def upload_labels() -> str:
    """The formats the page takes, as it names them: ``PDF, DOCX or TXT``."""
    return either(f.label for f in FORMATS if f.upload_suffixes)


def named_suffixes() -> str:
    """The suffixes a message names: ``.pdf, .docx, .txt or .md``."""
    return either(s for f in FORMATS for s in f.named_suffixes)


def named_kinds() -> str:
    """The formats as the command line's help names them: ``PDF, DOCX, TXT or MD``."""
    return either(s[1:].upper() for f in FORMATS for s in f.named_suffixes)


def unsupported(suffix: str) -> str:
    """Why a file with this suffix is not read."""
    return f"unsupported file type '{suffix.lower() or '(none)'}' (use {named_suffixes()})"
