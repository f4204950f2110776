"""The shipped documents' index segment, built at release time and shipped as package data.

``corpus/index/`` holds one index segment (``index.segments``: records, vectors, units, BM25
postings; plain ``.jsonl``/``.npy``/``.json`` files) of the shipped corpus, embedded by the
bundled model, and ``meta.json``: what it was built from (the model's name and the hash of its
files, the fingerprint of the code that cuts and embeds texts, the segment format, each shipped
file's SHA-256 and manifest entry, and the SHA-256 of the records the parser made of them). A
library built from scratch takes it only when every one of these is what a build would make now:
the shipped files are parsed afresh (a few hundredths of a second; no embedding) and the records
must be the very records the artefact holds. So the first page needs no embedding, and a changed
parser, an edited shipped file or manifest, or another model never serves stale records: the
documents are then parsed and embedded as any other. Rebuild it after changing any of them::

    python -m precedent.index.shipped          # writes corpus/index/ with the bundled model
    python -m precedent.index.shipped --check  # says whether it is current (exit status 1 if not)

``tests/test_shipped_index.py`` fails when the shipped files are not what a build makes now.
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

from . import source_docs

log = logging.getLogger(__name__)

ARTEFACT_FORMAT = 2  # 2: the manifest entries and the records' SHA-256 in meta.json
META = "meta.json"
REBUILD = "python -m precedent.index.shipped"  # the one command that rebuilds it
# The code whose change changes what a build makes of the same parsed records.
BUILD_CODE = ("build.py", "text_match.py", "keyword.py")
# What a library takes from a shipped document's manifest entry (it is in its records too).
ENTRY_KEYS = ("sha256", "title", "symbol", "date", "short_title", "kind", "source")


def artefact_dir() -> Path:
    from precedent.corpus import CORPUS_DIR

    return CORPUS_DIR / "index"


def build_fingerprint() -> str:
    """A hash of the code that turns parsed records into a segment (texts embedded, units, BM25
    tokens, the segment's files)."""
    from .store import FORMAT_VERSION

    return f"{FORMAT_VERSION}-" + _code_hash(Path(__file__).parent, BUILD_CODE)


def parser_fingerprint() -> str:
    return source_docs.parser_fingerprint()


def _code_hash(folder: Path, names) -> str:
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode())
        h.update((folder / name).read_bytes())
    return h.hexdigest()[:16]


def records_sha256(records) -> str:
    """The SHA-256 of records as the segment's ``records.jsonl`` writes them."""
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
                 + b"\n")
    return h.hexdigest()


def entry(src: dict) -> dict:
    return {k: src.get(k, "") or "" for k in ENTRY_KEYS}


def fresh_records(sources: dict[str, dict], doc_ids) -> tuple[list, dict[str, int]]:
    """(records a build indexes, paragraphs per document) of a fresh parse of ``doc_ids``."""
    from .build import indexed_records

    docs = [source_docs.parse_source(d, sources[d]) for d in doc_ids]
    return indexed_records(docs), {d.info.doc_id: source_docs.paragraph_count(d) for d in docs}


def read_meta(folder: Path | None = None) -> dict | None:
    folder = folder or artefact_dir()
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        return meta if isinstance(meta, dict) and meta.get("format") == ARTEFACT_FORMAT else None
    except (OSError, ValueError):
        return None


def mismatch(meta: dict | None, sources: dict[str, dict], model: str, fingerprint: str | None,
             records=None) -> str:
    """Why the artefact described by ``meta`` cannot stand for the shipped documents of
    ``sources`` with this model ("" when it can). ``records``: a fresh parse of its documents
    (parsed here when None; False: only the checks that parse nothing)."""
    if meta is None:
        return "there is no prebuilt index (or it is of an older format)"
    if (meta.get("model") != model or not fingerprint
            or meta.get("model_fingerprint") != fingerprint):
        return f"it was built by another model ({meta.get('model')})"
    if meta.get("build") != build_fingerprint():
        return ("the indexing code (index/build.py, text_match.py, keyword.py or the index format) "
                "changed since it was built")
    docs = meta.get("documents") or {}
    if not docs:
        return "it holds no document"
    for doc_id, info in docs.items():
        src = sources.get(doc_id)
        if src is None or not src.get("shipped"):
            return f"'{doc_id}' is not a shipped document of this library"
        if {k: info.get(k, "") for k in ENTRY_KEYS} != entry(src):
            return f"'{doc_id}': the shipped file or its manifest entry changed since it was built"
    if records is False:  # the checks that parse nothing
        return ""
    if records is None:
        try:
            records, _ = fresh_records(sources, list(docs))
        except Exception as e:  # the parser fails on a shipped file: the build says so
            return f"the shipped documents do not parse ({e})"
    if records_sha256(records) != meta.get("records_sha256"):
        return "the parser makes other records of the shipped documents now than when it was built"
    return ""


def shipped_segment(sources: dict[str, dict], model: str, fingerprint: str | None):
    """(segment, its meta) of the prebuilt index when it stands for the shipped documents at the
    head of ``sources`` with this model (their records parsed afresh equal to its records), else
    None (the caller parses and embeds them)."""
    folder = artefact_dir()
    meta = read_meta(folder)
    docs = list((meta or {}).get("documents") or {})
    records = counts = None
    why = mismatch(meta, sources, model, fingerprint, records=False)  # nothing parsed yet
    if not why and list(sources)[:len(docs)] != docs:
        why = "the shipped documents are not first in the library"
    if not why:
        try:
            records, counts = fresh_records(sources, docs)
        except Exception as e:
            why = f"the shipped documents do not parse ({e})"
    if not why:
        why = mismatch(meta, sources, model, fingerprint, records=records)
    if why:
        if meta is None or meta.get("model") == model:
            log.info("the prebuilt index of the shipped documents is not used: %s", why)
        return None
    from .segments import Segment

    try:
        seg = Segment.read(folder)
    except Exception as e:  # a damaged package: build instead
        log.warning("the prebuilt index of the shipped documents cannot be read (%s); "
                    "building it", e)
        return None
    if seg.records != records:  # its files are not what meta.json says
        log.warning("the prebuilt index of the shipped documents does not hold their records; "
                    "building it")
        return None
    seg.name, seg.path = "", None  # written afresh (under a name of its own) into the library
    meta = dict(meta, documents={d: dict(info, paragraphs=counts[d])
                                 for d, info in meta["documents"].items()})
    return seg, meta


def build_artefact(dest: Path | None = None, embedder=None) -> dict:
    """Parse and embed the shipped documents and write ``dest`` (default ``corpus/index/``)."""
    from .build import build_segment
    from .embedder import load_embedder

    dest = dest or artefact_dir()
    embedder = embedder or load_embedder()
    sources = source_docs.shipped_sources()
    records, counts = fresh_records(sources, list(sources))
    seg, _ = build_segment(records, embedder)
    meta = {"format": ARTEFACT_FORMAT, "model": embedder.name,
            "model_fingerprint": getattr(embedder, "fingerprint", None),
            "dimension": int(embedder.dim), "build": build_fingerprint(),
            "parser": parser_fingerprint(),
            "records_sha256": records_sha256(records),
            "documents": {d: dict(entry(sources[d]), paragraphs=counts[d]) for d in sources},
            "records": len(seg.records), "units": int(len(seg.unit_rows)),
            "rebuild": REBUILD}
    tmp = dest.parent / (dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    seg.write(tmp)
    (tmp / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=REBUILD, description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="only say whether the shipped index is current")
    ap.add_argument("--dest", type=Path, default=None,
                    help="where to write it (default: corpus/index/)")
    args = ap.parse_args(argv)
    from .embedder import DEFAULT_MODEL, model_fingerprint

    if args.check:
        why = mismatch(read_meta(args.dest), source_docs.shipped_sources(), DEFAULT_MODEL,
                       model_fingerprint(DEFAULT_MODEL))
        print("shipped index: "
              f"{'current' if not why else 'NOT current: ' + why + '; rebuild it: ' + REBUILD}")
        return 0 if not why else 1
    t0 = time.perf_counter()
    meta = build_artefact(args.dest)
    size = sum(p.stat().st_size for p in (args.dest or artefact_dir()).iterdir())
    print(f"shipped index: {meta['records']} records, {meta['units']} units, {size / 1e6:.2f} MB, "
          f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
