"""Files brought to the page: which may be read, under what name, and deleting the server's copy.

Shared by the library tab (adding a document) and the compare tab (a draft file); no Gradio.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath

from precedent.ingest.readers import UPLOAD_SUFFIXES, upload_labels

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_LIMIT = f"{MAX_UPLOAD_BYTES // 2**20} MB"  # as the page says it and as a refusal says it


def check_file(src: Path, shown: str) -> str:
    """Why an uploaded file is refused ("" when it may be read): type, readable, empty, size."""
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return f"unsupported file type '{suffix or '(none)'}'; use {upload_labels()}"
    try:
        size = src.stat().st_size
    except OSError:
        return "the upload could not be read"
    if size == 0:
        return "the file is empty"
    if size > MAX_UPLOAD_BYTES:
        return f"the file is too large ({size / 2**20:.1f} MB; the limit is {UPLOAD_LIMIT})"
    return ""


def discard_upload(path: str | Path | None, folder: str | Path) -> bool:
    """Delete the web server's temporary copy of an upload once it is dealt with (added, refused,
    or a draft taken off the page), with its folder when empty. Only a file inside ``folder``
    (the server's temporary folder) is touched. True when a file was deleted."""
    if not path:
        return False
    try:
        root, target = Path(folder).resolve(), Path(path).resolve()
        if not target.is_relative_to(root) or target == root or not target.is_file():
            return False
        target.unlink()
        if target.parent != root and not any(target.parent.iterdir()):
            target.parent.rmdir()
    except OSError as e:
        log.debug("could not delete the temporary upload %s: %s", path, e)
        return False
    return True


def safe_upload_name(name: str) -> str:
    """A file name with no directory part, no ``..`` and only ``[A-Za-z0-9._-]``. A name in
    another script is transliterated and followed by a hash of it, so that two uploads with
    different names never share one (``移民.txt`` -> ``YiMin_8948bd.txt``)."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if not stem.isascii():
        import hashlib

        from anyascii import anyascii

        digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:6]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", anyascii(stem)).strip("_.-")[:60] + "_" + digest
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_.-")[:80] or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


class UploadLimitMessage:
    """ASGI middleware for the page's server: Gradio refuses a file over its ``max_file_size``
    (twice the page's limit, so that the page's own check answers files up to there) with "File
    size exceeded maximum allowed size of 41943040 bytes."; this says it as the page does, in MB:
    "the file is too large (about 41.0 MB; the limit is 20 MB)". The browser never gets that far
    (the page refuses a file over the limit before sending it); an API client does."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].endswith("/upload"):
            await self.app(scope, receive, send)
            return
        sent = {"ours": False}

        async def say_it_our_way(message):
            if message["type"] == "http.response.start" and message["status"] == 413:
                body = too_large(_content_length(scope)).encode("utf-8")
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"content-length", b"content-type")]
                headers += [(b"content-length", str(len(body)).encode()),
                            (b"content-type", b"text/plain; charset=utf-8")]
                await send({**message, "headers": headers})
                await send({"type": "http.response.body", "body": body, "more_body": False})
                sent["ours"] = True
            elif not sent["ours"]:
                await send(message)

        await self.app(scope, receive, say_it_our_way)


def too_large(size: int | None) -> str:
    """The refusal of a file over the limit, as ``check_file`` words it (the size when known)."""
    if size:
        return f"the file is too large (about {size / 2**20:.1f} MB; the limit is {UPLOAD_LIMIT})"
    return f"the file is too large (the limit is {UPLOAD_LIMIT})"


def _content_length(scope) -> int | None:
    for k, v in scope.get("headers", []):
        if k.lower() == b"content-length" and v.isdigit():
            return int(v)
    return None
