"""What a rebuild keeps when the index is damaged: the ledger beside the sources, else what
``<home>/sources/`` holds.

Every change of the library first writes ``<home>/ledger.json``: each added document's
entry (its file, relative to the data directory, and what the user gave: symbol, title, date,
source, download record) and the shipped documents the user removed. It lives outside the
index directories, so when the current manifest is damaged it still says what the library
holds: documents removed on purpose stay removed (and are not reported lost), a removed shipped
document does not come back, a user-given symbol, title or date is kept, and a download kept at
the top of ``sources/`` (``precedent fetch``) is covered like any other file.

A data directory without a readable ledger (one made before it existed) falls back to the files:
the library keeps each added document's file in ``sources/<doc_id>/<name>-<sha12>.<ext>``
(``index.store.store_source``) and removes older copies once a change is made current, so the
newest file of each folder is the document's current version, even when the manifest that could
be read is an older one (the current one damaged) or there is none. A manifest entry whose file
is gone, and no newer copy, is lost; the rebuild says which.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from pathlib import Path

from precedent.ingest.digest import file_sha256
from precedent.ingest.wording import counted

from .source_paths import locate, sources_from_disk, sources_to_disk
from .store import is_kept

log = logging.getLogger(__name__)

LEDGER = "ledger.json"
LEDGER_FORMAT = 1
_HASHED = re.compile(r"^(?P<stem>.*)-[0-9a-f]{12}$")


def ledger_path(home: Path) -> Path:
    return home / LEDGER


def write_ledger(home: Path, sources: dict[str, dict], removed_shipped) -> None:
    """Record the added documents of ``sources`` and the removed shipped ones, atomically (a
    ``.part-`` file fsynced, then renamed). Call with the write lock held, before the change is
    made current: the ledger never misses a change the index has."""
    added = {d: {k: v for k, v in s.items() if k != "paragraphs"} for d, s in sources.items()
             if not s.get("shipped")}
    record = {"format": LEDGER_FORMAT, "sources": sources_to_disk(added, home),
              "removed_shipped": sorted(removed_shipped)}
    path = ledger_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{LEDGER}.*.tmp"):  # what a writer killed here left
        stale.unlink(missing_ok=True)
    part = path.parent / f"{LEDGER}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with open(part, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def read_ledger(home: Path) -> dict | None:
    """The ledger (``sources`` with absolute paths, ``removed_shipped``), or None when there is
    none or it cannot be read."""
    try:
        record = json.loads(ledger_path(home).read_text(encoding="utf-8"))
        if record.get("format") != LEDGER_FORMAT or not isinstance(record.get("sources"), dict):
            raise ValueError(f"not a ledger of format {LEDGER_FORMAT}")
        return {"sources": sources_from_disk(record["sources"], home),
                "removed_shipped": [str(d) for d in record.get("removed_shipped") or []]}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError) as e:
        log.warning("the ledger %s cannot be read (%s); recovering from the files in sources/",
                    ledger_path(home), e)
        return None


def added_sources(home: Path, known: dict[str, dict],
                  ledger: dict | None) -> tuple[dict[str, dict], list[str], dict[str, str]]:
    """The added documents to rebuild: ``(sources, recovered, lost)``. ``known`` are the sources
    of the manifest that could be read (shipped ones are skipped); ``recovered`` lists ids kept
    that ``known`` lacks (added after that manifest, or a newer version); ``lost`` maps ids to
    why they cannot be kept. With a ledger, it says which documents the library holds; without
    one, the files in ``sources/`` do."""
    sources_dir = home / "sources"
    if ledger is not None:
        return _from_ledger(sources_dir, known, ledger["sources"])
    return _from_files(sources_dir, known)


def _from_ledger(sources_dir: Path, known: dict[str, dict], held: dict[str, dict]):
    sources, lost = kept_on_disk(sources_dir, held)
    recovered = [d for d in sources if known.get(d, {}).get("sha256") != sources[d].get("sha256")]
    for doc_id in recovered:
        log.info("recovered '%s' from the ledger", doc_id)
    return sources, recovered, lost


def kept_on_disk(sources_dir: Path, known: dict[str, dict]) -> tuple[dict[str, dict],
                                                                     dict[str, str]]:
    """The added documents of ``known`` whose file is on disk (where the entry says, else found by
    its hash: ``source_paths.locate``), and why each other one is lost."""
    sources: dict[str, dict] = {}
    lost: dict[str, str] = {}
    for doc_id, src in known.items():
        if src.get("shipped"):
            continue
        path = locate(sources_dir, doc_id, src)
        if path is not None:
            sources[doc_id] = dict(src, path=str(path))
        else:
            lost[doc_id] = "its source file is gone"
    return sources, lost


def _from_files(sources_dir: Path, known: dict[str, dict]):
    sources, lost = kept_on_disk(sources_dir, known)
    recovered = []
    for folder in sorted(sources_dir.iterdir()) if sources_dir.is_dir() else ():
        if not folder.is_dir() or folder.is_symlink() or not is_kept(sources_dir, folder):
            continue
        files = [f for f in folder.iterdir() if f.is_file() and not f.is_symlink()
                 and not f.name.startswith(".")]
        if not files:
            continue
        newest = max(files, key=lambda f: (f.stat().st_mtime, f.name))
        doc_id = folder.name
        have = sources.get(doc_id)
        if have is not None and Path(have["path"]).resolve() == newest.resolve():
            continue
        base = dict(known.get(doc_id)
                    or {"title": "", "symbol": "", "date": "", "short_title": "", "kind": "",
                                            "meta": {}})
        match = _HASHED.match(newest.stem)
        base.update(path=str(newest), sha256=file_sha256(newest), shipped=False,
                    source=(match["stem"] if match else newest.stem) + newest.suffix
                    if doc_id not in known else base.get("source", newest.name))
        sources[doc_id] = base
        lost.pop(doc_id, None)
        recovered.append(doc_id)
        log.info("recovered '%s' from %s", doc_id, newest)
    return sources, recovered, lost


def describe(kept: list[str], recovered: list[str], lost: dict[str, str]) -> str:
    """What a rebuild kept and lost, in one line, each document named once: "; 3 added documents
    kept (a, b; c recovered from sources/); lost: d (its source file is gone)"."""
    text = f"; {counted(len(kept), 'added document')} kept"
    plain = [d for d in kept if d not in recovered]
    named = [", ".join(plain)] if plain else []
    if recovered:
        named.append(f"{', '.join(recovered)} recovered from sources/")
    if named:
        text += f" ({'; '.join(named)})"
    if lost:
        text += "; lost: " + ", ".join(f"{d} ({why})" for d, why in lost.items())
    return text
