"""SHA-256 of files and bytes: how the library recognises a document it already holds."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


def bytes_sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | Path, copy_to: BinaryIO | None = None) -> str:
    """The hex SHA-256 of the file at ``path``, read in chunks; with ``copy_to``, each chunk is
    also written there (a copy whose hash is the one returned, even if the file changes after)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
            if copy_to is not None:
                copy_to.write(chunk)
    return h.hexdigest()
