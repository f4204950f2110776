"""The shipped documents' index segment, built at release time and shipped as package data.

``corpus/index/`` holds one index segment (``index.segments``: records, vectors, units, BM25
postings; plain ``.jsonl``/``.npy``/``.json`` files) of the shipped corpus, embedded by the
bundled model, and ``meta.json``: what it was built from (the model's name and the hash of its
files, the parser's fingerprint, the fingerprint of the code that cuts and embeds texts, the
segment format and each shipped file's SHA-256). A library built from scratch takes it as it is
when every one of these is what a build would use now, so the first page needs no parsing and no
embedding; otherwise (another model, a changed parser, an edited shipped file) the documents
are parsed and embedded as any other. Rebuild it after changing any of them::

    python -m precedent.index.shipped          # writes corpus/index/ with the bundled model
    python -m precedent.index.shipped --check  # says whether it is current

``tests/test_shipped_index.py`` checks that the shipped files are what a build makes now.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

ARTEFACT_FORMAT = 1
META = "meta.json"
# The code whose change changes what a build makes of the same parsed records.
BUILD_CODE = ("build.py", "text.py", "keyword.py")


def artefact_dir() -> Path:
    from precedent.corpus import CORPUS_DIR

    return CORPUS_DIR / "index"


def parser_fingerprint() -> str:
    """A hash of the ingest code: when parsing changes, documents are parsed again (and only
    paragraphs whose text changed are re-embedded)."""
    import precedent.ingest as ingest

    return _code_hash(Path(ingest.__file__).parent, sorted(p.name for p in Path(ingest.__file__).parent.glob("*.py")))


def build_fingerprint() -> str:
    """A hash of the code that turns parsed records into a segment (texts embedded, units, BM25
    tokens, the segment's files)."""
    from .store import FORMAT_VERSION

    return f"{FORMAT_VERSION}-" + _code_hash(Path(__file__).parent, BUILD_CODE)


def _code_hash(folder: Path, names) -> str:
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode())
        h.update((folder / name).read_bytes())
    return h.hexdigest()[:16]


def read_meta(folder: Path | None = None) -> dict | None:
    folder = folder or artefact_dir()
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        return meta if isinstance(meta, dict) and meta.get("format") == ARTEFACT_FORMAT else None
    except (OSError, ValueError):
        return None


def mismatch(meta: dict | None, sources: dict[str, dict], model: str, fingerprint: str | None) -> str:
    """Why the artefact described by ``meta`` cannot stand for the shipped documents of
    ``sources`` with this model ("" when it can)."""
    if meta is None:
        return "no prebuilt index"
    if meta.get("model") != model or not fingerprint or meta.get("model_fingerprint") != fingerprint:
        return f"it was built by another model ({meta.get('model')})"
    if meta.get("parser") != parser_fingerprint():
        return "the parser changed since it was built"
    if meta.get("build") != build_fingerprint():
        return "the indexing code changed since it was built"
    docs = meta.get("documents") or {}
    for doc_id, info in docs.items():
        src = sources.get(doc_id)
        if src is None or not src.get("shipped") or src.get("sha256") != info.get("sha256"):
            return f"'{doc_id}' is not the shipped file it was built from"
    return ""


def shipped_segment(sources: dict[str, dict], model: str, fingerprint: str | None):
    """(segment, its meta) of the prebuilt index when it stands for the shipped documents at the
    head of ``sources`` with this model, else None (the caller builds them)."""
    folder = artefact_dir()
    meta = read_meta(folder)
    why = mismatch(meta, sources, model, fingerprint)
    docs = list((meta or {}).get("documents") or {})
    if not why and list(sources)[:len(docs)] != docs:
        why = "the shipped documents are not first in the library"
    if why:
        if meta is not None and meta.get("model") == model:
            log.info("the prebuilt index of the shipped documents is not used: %s", why)
        return None
    from .segments import Segment

    try:
        seg = Segment.read(folder)
    except Exception as e:  # a damaged package: build instead
        log.warning("the prebuilt index of the shipped documents cannot be read (%s); building it", e)
        return None
    if [r.doc_id for r in seg.records] and set(seg.doc_ids) != set(docs):
        return None
    seg.name, seg.path = "", None  # written afresh (under a name of its own) into the library
    return seg, meta


def build_artefact(dest: Path | None = None, embedder=None) -> dict:
    """Parse and embed the shipped documents and write ``dest`` (default ``corpus/index/``)."""
    from .build import build_segment, indexed_records
    from .embedder import load_embedder
    from .library import paragraph_count, parse_source, shipped_sources

    dest = dest or artefact_dir()
    embedder = embedder or load_embedder()
    sources = shipped_sources()
    docs = [parse_source(d, s) for d, s in sources.items()]
    seg, _ = build_segment(indexed_records(docs), embedder)
    meta = {"format": ARTEFACT_FORMAT, "model": embedder.name, "model_fingerprint": getattr(embedder, "fingerprint", None),
            "dimension": int(embedder.dim), "parser": parser_fingerprint(), "build": build_fingerprint(),
            "documents": {d.info.doc_id: {"sha256": sources[d.info.doc_id]["sha256"], "paragraphs": paragraph_count(d),
                                          "title": d.info.title, "symbol": d.info.symbol, "date": d.info.date,
                                          "short_title": d.info.short_title, "kind": d.info.kind} for d in docs},
            "records": len(seg.records), "units": int(len(seg.unit_rows)),
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    tmp = dest.parent / (dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    seg.write(tmp)
    (tmp / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m precedent.index.shipped", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only say whether the shipped index is current")
    ap.add_argument("--dest", type=Path, default=None, help="where to write it (default: corpus/index/)")
    args = ap.parse_args(argv)
    from .embedder import DEFAULT_MODEL, model_fingerprint
    from .library import shipped_sources

    if args.check:
        why = mismatch(read_meta(args.dest), shipped_sources(), DEFAULT_MODEL, model_fingerprint(DEFAULT_MODEL))
        print(f"shipped index: {'current' if not why else 'NOT current: ' + why}")
        return 0 if not why else 1
    t0 = time.perf_counter()
    meta = build_artefact(args.dest)
    size = sum(p.stat().st_size for p in (args.dest or artefact_dir()).iterdir())
    print(f"shipped index: {meta['records']} records, {meta['units']} units, {size / 1e6:.2f} MB, "
          f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
