"""The claims Precedent makes, counted on real texts: provenance links, the shipped draft's agreed
share, and what ``trace`` calls changed between each 2025 draft and its resolution.

    python benchmarks/bench_provenance.py              # the 24-document library, hash embedder
    python benchmarks/bench_provenance.py --sample 20  # also 20 links drawn at random, to read

The library: the shipped 2026 draft, the three text layers in ``../shared/real-un/text/`` and the
twenty 2025 PDFs in ``../shared/real-un/pdf/``. Embeddings play no part in any figure printed
(links and agreed spans are verbatim runs; the version pairing is word similarity), so the hash
embedder of the tests is used. Prints:

* provenance: paragraphs with a link, and links (a paragraph and another document it is said to
  share language with);
* the 2026 draft compared with the library: agreed share by default and with its own document
  excluded, and the documents that counted;
* ``trace DOC`` on the nine adopted resolutions: unchanged / changed / added / dropped in all;
* with ``--sample N``: N links drawn with a fixed seed (leaving out those between a draft and the
  resolution adopted from it, true by construction), each with the shared words (the longest
  common word runs of 4+ words), for a reader to judge.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

# the tests' fake embedder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
DRAFT_2026 = "imrf-2026-progress-declaration"
CITABLE = ("preambular", "paragraph", "subparagraph")


def build(home: Path):
    from fake_embedder import HashEmbedder

    from precedent.search import Library

    lib = Library.open(home, embedder=HashEmbedder())
    for path in [*sorted((REAL / "text").glob("*.txt")), *sorted((REAL / "pdf").glob("*.pdf"))]:
        lib.add(path)
    return lib


def links(lib) -> list[tuple]:
    """(record, echo) for every provenance link: a paragraph and another document's paragraph."""
    out = []
    for row, rec in enumerate(lib.records):
        if rec.kind not in CITABLE:
            continue
        prov = lib.view.provenance.of(row)
        if prov is None:
            continue
        echoes = prov.echoes() if hasattr(prov, "echoes") else [prov.first, *prov.repeated]
        for echo in echoes:
            if echo.record.doc_id != rec.doc_id:
                out.append((rec, echo))
    return out


def shared_runs(a: str, b: str, min_words: int = 4) -> list[str]:
    wa, wb = a.split(), b.split()
    sm = SequenceMatcher(None, [w.lower() for w in wa], [w.lower() for w in wb], autojunk=False)
    return [" ".join(wa[m.a:m.a + m.size]) for m in sm.get_matching_blocks() if m.size >= min_words]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=0, help="print this many links drawn at random")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    if not REAL.is_dir():
        print(f"no {REAL}: the real UN documents are not beside this checkout", file=sys.stderr)
        return 1
    from precedent.search.compare import compare_records, compare_versions

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lib = build(Path(tmp) / "home")
        docs = lib.documents()
        print(f"library: {len(docs)} documents, {len(lib.records)} records (built in "
              f"{time.perf_counter() - t0:.0f} s)")

        t0 = time.perf_counter()
        found = links(lib)
        paragraphs = len({rec.id for rec, _ in found})
        print(f"provenance: {paragraphs} paragraphs with a link, {len(found)} links "
              f"({time.perf_counter() - t0:.1f} s)")
        drafts_cited = sum(1 for _, e in found if e.document.status == "draft")
        print(f"provenance: {drafts_cited} links to a draft")

        draft = [r for r in lib.records if r.doc_id == DRAFT_2026]
        for label, kwargs in (("default", {}),
                              ("own document excluded", {"exclude_docs": [DRAFT_2026]})):
            res = compare_records(lib, draft, **kwargs)
            statuses = {d["doc_id"]: d.get("status", "") for d in docs}
            counted = sorted(res.documents)
            n_drafts = sum(1 for d in counted if statuses.get(d) == "draft")
            print(f"2026 draft, {label}: {res.percent}% agreed ({res.agreed_words} of {res.words} "
                  f"words); {len(counted)} documents counted, {n_drafts} of them drafts")

        totals = {"unchanged": 0, "changed": 0, "added": 0, "dropped": 0}
        for d in docs:
            if d.get("status") != "adopted" or not d.get("draft_symbol"):
                continue
            if not any(x.get("symbol") == d["draft_symbol"] for x in docs):
                continue
            s = compare_versions(lib, d["symbol"]).summary()
            print(f"trace {s['new']:<12} <- {s['old']:<10} "
                  + ", ".join(f"{k} {s[k]}" for k in totals))
            for k in totals:
                totals[k] += s[k]
        print("trace, nine pairs in all: " + ", ".join(f"{k} {v}" for k, v in totals.items()))

        symbols = {d["doc_id"]: d.get("symbol", "") for d in docs}
        drafts_of = {d["doc_id"]: d.get("draft_symbol", "") for d in docs}

        def own_draft(a: str, b: str) -> bool:  # a draft and the resolution adopted from it
            return bool(drafts_of[a] and drafts_of[a] == symbols[b] or drafts_of[b]
                        and drafts_of[b] == symbols[a])

        across = [(r, e) for r, e in found if not own_draft(r.doc_id, e.record.doc_id)]
        print(f"provenance: {len(found) - len(across)} links between a draft and its own "
              f"resolution, {len(across)} others")
        if args.sample and across:
            rng = random.Random(args.seed)
            print(f"\n{args.sample} of the {len(across)} links other than a draft and its own "
                  "resolution:")
            for n, (rec, echo) in enumerate(rng.sample(across, min(args.sample, len(across))), 1):
                runs = shared_runs(rec.text, echo.record.text)
                print(f"\n[{n}] {rec.citation}  <->  {echo.record.citation}")
                print(f"    shared: {' | '.join(runs) or '(no 4-word run)'}")
                print(f"    A: {rec.text[:400]}")
                print(f"    B: {echo.record.text[:400]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
