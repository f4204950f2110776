"""The ONNX export cache: one folder per model name under ``<home>/models/``, trusted only whole.

An export is written in a scratch folder beside its place (``.<folder>.<pid>-<random>.tmp``)
and renamed into place with its ``meta.json``, which records the model's name, the hash of its
files (``weights_fingerprint``) and the size and SHA-256 of every file of the export
(``model.onnx``, ``tokenizer.json``): a changed file of any kind, such as a shuffled tokenizer
that would give other vectors without an error, makes the cache be exported again. A model that
cannot be exported is recorded as such (``unsupported``). A scratch folder whose process is
gone (killed during an export: ``kill -9`` leaves ~90 MB) is removed by the next load.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from pathlib import Path

log = logging.getLogger(__name__)

# bump when the exported graph or the meta format changes (2: every file fingerprinted)
EXPORT_VERSION = 2
EXPORT_FILES = ("model.onnx", "tokenizer.json")
STALE_AFTER = 3600  # seconds: a scratch folder not named by a process id is removed after this long
_SCRATCH = re.compile(r"^\.(?P<folder>.+)\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.(?:tmp|old)$")


def hash_file(path: Path, h=None):
    h = h or hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h


def cache_folder(cache_dir: Path, name: str) -> Path:
    """``<cache_dir>/<readable name>-<hash of the name>``: one folder per model name."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name or name).strip("-")[:60] or "model"
    return Path(cache_dir) / f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


def read_meta(folder: Path) -> dict | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def files_record(folder: Path) -> dict[str, dict]:
    """Size and SHA-256 of each file of an export in ``folder``."""
    return {name: {"size": (folder / name).stat().st_size,
                   "sha256": hash_file(folder / name).hexdigest()}
            for name in EXPORT_FILES}


def cached_state(folder: Path, name: str, fingerprint: str) -> tuple[str, dict | None]:
    """What the cache holds for this model and these weights: ("ok", meta), ("unsupported",
    meta) when an earlier export found it cannot be done, or ("missing", None) when there is
    nothing valid (absent, another model or weights, an export of another version, a file
    missing or not the one recorded)."""
    meta = read_meta(folder)
    if (not meta or meta.get("model") != name or meta.get("fingerprint") != fingerprint
            or meta.get("export_version") != EXPORT_VERSION):
        return "missing", None
    if meta.get("unsupported"):
        return "unsupported", meta
    recorded = meta.get("files")
    if not isinstance(recorded, dict) or set(recorded) != set(EXPORT_FILES):
        return "missing", None
    for file_name, expected in recorded.items():
        path = folder / file_name
        try:
            if not isinstance(expected, dict) or path.stat().st_size != expected.get("size"):
                log.warning("%s in %s is not the file exported; exporting again", file_name, folder)
                return "missing", None
        except OSError:
            return "missing", None
    for file_name, expected in recorded.items():  # sizes first: hashing 90 MB only when they agree
        if hash_file(folder / file_name).hexdigest() != expected.get("sha256"):
            log.warning("%s in %s is not the file exported; exporting again", file_name, folder)
            return "missing", None
    return "ok", meta


def scratch_folder(folder: Path, kind: str = "tmp") -> Path:
    """A new folder beside ``folder`` to write an export in (``kind`` tmp) or to move the old
    one aside (``old``), named with this process's id so that a later load can tell it is stale."""
    path = folder.parent / f".{folder.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.{kind}"
    if kind == "tmp":
        path.mkdir(parents=True)
    return path


def install_export(tmp: Path, folder: Path, meta: dict) -> dict:
    """Record the files of the export in ``tmp`` in its ``meta.json`` and rename it into
    ``folder`` (a previous one is moved aside and removed); returns the meta written."""
    if not meta.get("unsupported"):
        meta = dict(meta, files=files_record(tmp))
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    old = scratch_folder(folder, "old")
    if folder.exists():
        os.rename(folder, old)
    try:
        os.rename(tmp, folder)
    except OSError:  # another process put its export there first: keep theirs
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return meta


def record_unsupported(folder: Path, name: str, fingerprint: str, reason: str) -> None:
    """Remember that this model (these weights) cannot be exported, so it is not tried each time."""
    log.info("model %r cannot be exported to ONNX: %s", name, reason)
    try:
        install_export(scratch_folder(folder), folder, {"model": name, "fingerprint": fingerprint,
                                                        "export_version": EXPORT_VERSION,
                                                        "unsupported": reason})
    except OSError as e:
        log.warning("cannot record this in %s: %s", folder, e)


def clean_stale_exports(cache_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the scratch folders of exports whose process is gone (or, without a process id in
    their name, older than ``STALE_AFTER``); returns those removed."""
    removed = []
    now = time.time() if now is None else now
    try:
        entries = list(Path(cache_dir).iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _SCRATCH.match(path.name)
        if not match or not path.is_dir() or path.is_symlink():
            continue
        pid = match["pid"]
        try:
            stale = not _alive(int(pid)) if pid else now - path.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if stale:
            log.info("removing %s, left by an export that did not finish", path.name)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:
        return False
    return True
