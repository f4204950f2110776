"""Which added documents a rebuild keeps when the index is damaged: what ``<home>/sources/`` holds.

The library keeps each added document's file in ``sources/<doc_id>/<name>-<sha12>.<ext>``
(``index.store.store_source``) and removes older copies once a change is made current, so the
newest file of each folder is the document's current version, even when the manifest that could
be read is an older one (the current one damaged) or there is none. A manifest entry whose
file is gone, and no newer copy, is lost; the rebuild says which.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from precedent.ingest.digest import file_sha256
from precedent.ingest.wording import counted

from .store import is_kept

log = logging.getLogger(__name__)

_HASHED = re.compile(r"^(?P<stem>.*)-[0-9a-f]{12}$")


def added_sources(sources_dir: Path, known: dict[str, dict]) -> tuple[dict[str, dict], list[str], dict[str, str]]:
    """The added documents to rebuild: ``(sources, recovered, lost)``. ``known`` are the manifest's
    sources (shipped ones are skipped); ``recovered`` lists ids whose file was found in
    ``sources_dir`` but not in ``known`` (a newer version, or a document added after that
    manifest); ``lost`` maps ids to why they cannot be kept."""
    sources: dict[str, dict] = {}
    lost: dict[str, str] = {}
    for doc_id, src in known.items():
        if src.get("shipped"):
            continue
        if Path(src.get("path", "")).is_file():
            sources[doc_id] = src
        else:
            lost[doc_id] = "its source file is gone"
    recovered = []
    for folder in sorted(sources_dir.iterdir()) if sources_dir.is_dir() else ():
        if not folder.is_dir() or folder.is_symlink() or not is_kept(sources_dir, folder):
            continue
        files = [f for f in folder.iterdir() if f.is_file() and not f.is_symlink() and not f.name.startswith(".")]
        if not files:
            continue
        newest = max(files, key=lambda f: (f.stat().st_mtime, f.name))
        doc_id = folder.name
        have = sources.get(doc_id)
        if have is not None and Path(have["path"]).resolve() == newest.resolve():
            continue
        base = dict(known.get(doc_id) or {"title": "", "symbol": "", "date": "", "short_title": "", "kind": "",
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
    """What a rebuild kept and lost, in one line: "; 2 added documents kept (a, b; b recovered
    from sources/); lost: c (its source file is gone)"."""
    text = f"; {counted(len(kept), 'added document')} kept"
    if kept:
        text += f" ({', '.join(kept)}"
        text += f"; {', '.join(recovered)} recovered from sources/)" if recovered else ")"
    if lost:
        text += "; lost: " + ", ".join(f"{d} ({why})" for d, why in lost.items())
    return text
