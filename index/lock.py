"""The write lock of a data directory: every change of the library holds it (``index.library``,
``index.bulk``), so changes by several processes happen one after the other.

It is ``filelock``'s lock on ``<home>/.lock`` (on any platform). A change that has to wait for
another says so once, then waits with no limit; a data directory where the lock cannot be made
(read-only, not writable) raises ``LockError``, naming it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from precedent.ingest.errors import PrecedentError

log = logging.getLogger(__name__)

LOCK_WAIT_NOTE = 2.0  # seconds a change waits for another's write lock before saying so


class LockError(PrecedentError):
    """The library cannot be changed at all: its write lock cannot be taken (a read-only or
    unwritable data directory)."""


@contextmanager
def write_lock(home: Path) -> Iterator[None]:
    """The exclusive lock every change of ``home`` holds; use as ``with write_lock(home): ...``.
    Held by another process, it is waited for with no limit, said once after ``LOCK_WAIT_NOTE``
    seconds."""
    lock = FileLock(home / ".lock")
    try:
        home.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=LOCK_WAIT_NOTE)
        except Timeout:
            log.warning("waiting for another change of the library in %s to finish", home)
            lock.acquire()
    except OSError as e:  # (filelock's Timeout is one, but is caught above)
        reason = e.strerror or str(e)
        raise LockError(f"cannot change the library in {home}: "
                        f"{reason[:1].lower()}{reason[1:]}") from e
    try:
        yield
    finally:
        lock.release()
