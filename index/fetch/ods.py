"""Download UN documents by symbol from the Official Document System (documents.un.org).

``Fetcher.fetch(symbol)`` asks the ODS symbol API for the word-processing file first
(``t=doc``: a real .docx for recent documents), then the PDF, decides the format from the
bytes (never the headers), keeps the original under ``<home>/sources/`` and returns a
``FetchRecord`` (symbol, language, source URL, SHA-256, fetch time, format, path) for the
library's manifest. Standard library HTTP only (``http_get``, beside this): every network read has a
time-out and every request a deadline over the whole of it, however slowly a server sends;
redirects are followed to http and https only. Requests are spaced by a minimum interval and
retried with exponential backoff on 5xx, 429 and time-outs. A failed look-up comes back as HTTP
200 with a small HTML page: that is "not found"; any other answer that is not a document is
said to be one.
"""

from __future__ import annotations

import http.client
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from precedent.ingest.digest import bytes_sha256
from precedent.ingest.errors import PrecedentError
from precedent.ingest.readers import FORMATS, sniff

from . import http_get

log = logging.getLogger(__name__)

DEFAULT_ODS_URL = "https://documents.un.org/api/symbol/access"
USER_AGENT = "precedent-search/0.1 (+UN migration texts research tool)"
LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
MAX_BYTES = 200 * 1024 * 1024
# The file a download is kept in: a format the library reads, or a legacy one converted first.
SUFFIX = {**{f.name: f.suffixes[0] for f in FORMATS}, "doc": ".doc", "wpd": ".wpd"}
BLOCK_HINT = ("documents.un.org is known to soft-block bursts of requests; "
              "wait a few minutes, then retry with a longer --interval")


class FetchError(PrecedentError):
    """A symbol that could not be fetched; the message is one line for people."""

    def __init__(self, symbol: str, reason: str):
        self.symbol = symbol
        self.reason = reason = " ".join(str(reason).split())  # one line, whatever a server said
        super().__init__(f"{symbol}: {reason}" if symbol else reason)


class NotFound(FetchError):
    """The service answered, but has no document under that symbol and language."""


class ServiceUnreachable(FetchError):
    """The service could not be reached at all (no network, DNS, refused): stop the batch."""


class BatchStopped(FetchError):
    """Too many consecutive failures: the rest of the batch was not attempted."""

    def __init__(self, reason: str, remaining: list[str]):
        self.remaining = remaining
        super().__init__("", reason)


@dataclass(frozen=True)
class FetchRecord:
    symbol: str
    language: str
    source_url: str      # the ODS API URL that served the file
    sha256: str          # of the downloaded bytes
    fetched_at: str      # ISO 8601, UTC
    format: str          # of the download: docx | pdf | doc | wpd
    path: str            # the file to add to the library (.docx or .pdf)
    original_path: str   # the downloaded file as served (same as path unless converted)
    final_url: str = ""  # where redirects ended, when different from source_url
    converted: bool = False

    def to_meta(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


@dataclass(frozen=True)
class Outcome:
    """One symbol of a batch: a record, or the error that stopped it."""

    symbol: str
    record: FetchRecord | None = None
    error: FetchError | None = None


def safe_stem(symbol: str) -> str:
    """A file-name stem for a symbol: ``A/73/12 (Part II)`` -> ``A-73-12-Part-II``.

    Only ASCII letters, digits and single hyphens survive, so no separator, dot-dot or
    leading dot can reach the file system.
    """
    stem = re.sub(r"[^A-Za-z0-9]+", "-", symbol).strip("-")[:120].strip("-")
    return stem or "document"


def sniff_download(data: bytes) -> str:
    """``docx``, ``pdf``, ``doc`` (OLE), ``wpd`` (WordPerfect), ``html``, ``zip`` or ``other``:
    the magic bytes (``ingest.readers.sniff``), and for a zip package whether it holds a DOCX."""
    kind = sniff(data)
    if kind == "zip":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "other"
        return "docx" if "word/document.xml" in names else "zip"
    return "other" if kind == "text" else kind


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, fmt: str, soffice: str, timeout: float = 180.0) -> bytes:
    """Convert a legacy .doc/.wpd with LibreOffice in a scratch directory; return the DOCX bytes."""
    with tempfile.TemporaryDirectory(prefix="precedent-soffice-") as tmp:
        src = Path(tmp) / f"source{SUFFIX[fmt]}"
        src.write_bytes(data)
        (Path(tmp) / "out").mkdir()
        # private profile: a running LibreOffice can't block us
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "docx", "--outdir", str(Path(tmp) / "out"), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise FetchError("", f"LibreOffice conversion failed ({type(e).__name__})") from None
        out = Path(tmp) / "out" / "source.docx"
        if proc.returncode != 0 or not out.is_file():
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()
            raise FetchError("", "LibreOffice conversion failed"
                             + (f" ({detail[-1]})" if detail else ""))
        docx = out.read_bytes()
    if sniff_download(docx) != "docx":
        raise FetchError("", "LibreOffice conversion did not produce a DOCX")
    return docx


@dataclass
class Fetcher:
    """Polite client for the ODS symbol API. All numbers are configurable; tests set them ~0."""

    base_url: str | None = None          # else $PRECEDENT_ODS_URL, else DEFAULT_ODS_URL
    home: str | os.PathLike | None = None
    timeout: float = 60.0                # seconds, every network read (and connecting)
    # seconds, the whole of one request: a slow drip cannot stretch it
    deadline: float = 300.0
    min_interval: float = 3.0            # seconds between requests
    retries: int = 3                     # extra attempts on 5xx, 429 and time-outs
    backoff: float = 2.0                 # first retry wait; doubles each time
    max_consecutive_failures: int = 3
    user_agent: str = USER_AGENT
    soffice: str | None = field(default_factory=find_soffice)
    _last_request: float | None = field(default=None, repr=False)

    def __post_init__(self):
        self.base_url = (self.base_url or os.environ.get("PRECEDENT_ODS_URL", "").strip()
                         or DEFAULT_ODS_URL)

    @property
    def sources_dir(self) -> Path:
        from ..store import home_dir  # the library's data directory

        return home_dir(self.home) / "sources"

    def url_for(self, symbol: str, lang: str, kind: str) -> str:
        query = urllib.parse.urlencode({"s": symbol, "l": lang, "t": kind})
        return f"{self.base_url}{'&' if '?' in self.base_url else '?'}{query}"

    # -- HTTP -----------------------------------------------------------------------------

    def _wait_turn(self) -> None:
        if self._last_request is not None and self.min_interval > 0:
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                log.debug("waiting %.1fs between requests", wait)
                time.sleep(wait)
        self._last_request = time.monotonic()

    def _get_once(self, url: str, symbol: str) -> tuple[int, bytes, str]:
        self._wait_turn()
        try:
            status, data, final, _ = http_get.get(url, timeout=self.timeout, deadline=self.deadline,
                                                  max_bytes=MAX_BYTES,
                                                  headers={"User-Agent": self.user_agent,
                                                           "Accept": "*/*"})
        except http_get.BodyTooLarge:
            raise FetchError(symbol,
                             f"download larger than {MAX_BYTES // 2**20} MB; refused") from None
        except (http_get.DeadlinePassed, http_get.RedirectRefused) as e:
            raise FetchError(symbol, str(e)) from None
        return status, data, final

    def get(self, url: str, symbol: str) -> tuple[int, bytes, str]:
        """GET with retries. Returns (status, body, final URL); 404 comes back as a status. The
        whole of each attempt (redirects, headers, body) is bounded by ``deadline``."""
        attempt = 0
        while True:
            retry_after = 0.0
            try:
                return self._get_once(url, symbol)
            except urllib.error.HTTPError as e:
                if e.code == 404:
                    return 404, b"", url
                where = urllib.parse.urlsplit(e.geturl() or url).netloc
                if 300 <= e.code < 400:  # urllib gives up on a loop, or after ten redirects
                    raise FetchError(symbol,
                                     f"the service at {where} redirected in a loop (HTTP "
                                     f"{e.code}); "
                                             "gave up") from None
                if e.code < 500 and e.code != 429:
                    hint = f"; {BLOCK_HINT}" if e.code == 403 else ""
                    raise FetchError(symbol,
                                     f"the service answered HTTP {e.code} "
                                     f"{e.reason}{hint}") from None
                problem = f"HTTP {e.code}"
                retry_after = _retry_after(e.headers.get("Retry-After") if e.headers else None)
            except TimeoutError:
                problem = f"no answer within {self.timeout:g}s"
            except urllib.error.URLError as e:
                if isinstance(e.reason, TimeoutError):
                    problem = f"no answer within {self.timeout:g}s"
                elif isinstance(e.reason,
                                (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
                    problem = f"connection dropped ({type(e.reason).__name__})"
                else:
                    host = urllib.parse.urlsplit(getattr(e, "failed_url", "") or url).netloc
                    raise ServiceUnreachable(
                        symbol,
                        f"could not reach the UN document service at {host} "
                        f"({_reason(e)})") from None
            except (ConnectionError, http.client.HTTPException) as e:
                problem = f"connection dropped ({type(e).__name__})"
            if attempt >= self.retries:
                raise FetchError(symbol, f"{problem}; gave up after {attempt + 1} attempts")
            wait = max(self.backoff * (2 ** attempt), retry_after)
            attempt += 1
            log.warning("%s: %s; retry %d of %d in %.1fs", symbol, problem, attempt, self.retries,
                        wait)
            time.sleep(wait)

    # -- one symbol -----------------------------------------------------------------------

    def fetch(self, symbol: str, lang: str = "en") -> FetchRecord:
        """Download one document and keep it under ``<home>/sources/``. Raises ``FetchError``."""
        symbol = " ".join(symbol.split())
        if not symbol or len(symbol) > 120 or not symbol.isprintable():
            raise FetchError(symbol, "not a valid document symbol")
        if lang not in LANGUAGES:
            raise FetchError(symbol,
                             f"unknown language '{lang}' (use one of {', '.join(LANGUAGES)})")
        legacy: tuple[str, str] | None = None   # (url, format) of a legacy file seen
        conversion_error = ""
        garbage: list[str] = []  # answers that are neither a document nor the not-found page
        for kind in ("doc", "pdf"):
            url = self.url_for(symbol, lang, kind)
            status, data, final = self.get(url, symbol)
            fmt = sniff_download(data) if status == 200 else "missing"
            log.info("%s t=%s: HTTP %s, %d bytes, %s", symbol, kind, status, len(data), fmt)
            if fmt in ("docx", "pdf"):
                return self._save(symbol, lang, url, final, fmt, data)
            if fmt in ("zip", "other"):
                what = f"{len(data):,} bytes of {_kind_of(data)}" if data else "an empty answer"
                asked = "PDF" if kind == "pdf" else "word-processing file"
                garbage.append(f"{what} for the {asked}")
            if fmt in ("doc", "wpd"):
                legacy = legacy or (url, fmt)
                if not self.soffice:
                    log.info("%s: legacy %s file and no LibreOffice; trying the PDF", symbol, fmt)
                    continue
                try:
                    docx = convert_to_docx(data, fmt, self.soffice)
                except FetchError as e:
                    conversion_error = e.reason
                    log.warning("%s: %s; trying the PDF", symbol, e.reason)
                    continue
                return self._save(symbol, lang, url, final, fmt, data, docx)
        if conversion_error:
            raise FetchError(symbol, f"{conversion_error}, and the service has no PDF")
        if legacy:
            legacy_kind = "Word .doc" if legacy[1] == "doc" else "WordPerfect"
            raise FetchError(symbol, (
                f"the service has only a legacy {legacy_kind} file "
                "and no PDF, and LibreOffice (soffice) is not on PATH to convert it; install "
                f"LibreOffice, or open {legacy[0]} in a word processor, save it as .docx, and add "
                "that file"))
        if garbage:  # not "no such document": the service (or something in between) answered oddly
            raise FetchError(symbol,
                             f"the service sent {' and '.join(garbage)}, neither a document nor "
                             "its "
                                     "not-found page; try again later")
        raise NotFound(symbol,
                       f"no document under this symbol in language '{lang}' at the UN document "
                       "service")

    def _save(self, symbol: str, lang: str, url: str, final: str, fmt: str, data: bytes,
              converted: bytes | None = None) -> FetchRecord:
        sources = self.sources_dir
        stem = f"{safe_stem(symbol)}.{lang}"
        original = sources / (stem + SUFFIX[fmt])
        # belt and braces; safe_stem already ensures it
        if original.resolve().parent != sources.resolve():
            raise FetchError(symbol, "unsafe file name")
        sources.mkdir(parents=True, exist_ok=True)
        _write_atomic(original, data)
        path = original
        if converted is not None:
            path = sources / (stem + ".docx")
            _write_atomic(path, converted)
        record = FetchRecord(
            symbol=symbol, language=lang, source_url=url, sha256=bytes_sha256(data),
            fetched_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), format=fmt,
            path=str(path), original_path=str(original), final_url=final if final != url else "",
            converted=converted is not None)
        log.info("%s: saved %s (%s, %d bytes)", symbol, path, fmt, len(data))
        return record

    # -- batches --------------------------------------------------------------------------

    def fetch_many(self, symbols: Iterable[str], lang: str = "en") -> Iterator[Outcome]:
        """Yield an ``Outcome`` per symbol. Raises ``ServiceUnreachable`` at once when the
        service cannot be reached, and ``BatchStopped`` after ``max_consecutive_failures``."""
        symbols = list(symbols)
        failures = 0
        for i, symbol in enumerate(symbols):
            try:
                record = self.fetch(symbol, lang)
            except ServiceUnreachable:
                raise
            except FetchError as e:
                failures += 1
                yield Outcome(symbol, error=e)
                if failures >= self.max_consecutive_failures and i + 1 < len(symbols):
                    raise BatchStopped(
                        f"stopped after {failures} consecutive failures ({BLOCK_HINT}); "
                        f"{len(symbols) - i - 1} not attempted", symbols[i + 1:]) from None
                continue
            failures = 0
            yield Outcome(symbol, record=record)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _kind_of(data: bytes) -> str:
    """What an unexpected answer looks like, in a few words."""
    if sniff(data) == "zip":
        return "a zip file that is not a DOCX"
    head = data[:512]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 10:
        return "binary data"
    return "text"


def _retry_after(value: str | None) -> float:
    try:
        return min(float(value), 120.0) if value else 0.0
    except ValueError:
        return 0.0


def _reason(e: urllib.error.URLError) -> str:
    r = e.reason
    if isinstance(r, OSError) and r.strerror:
        return r.strerror
    return str(r)
