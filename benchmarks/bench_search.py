"""Speed of search on the shipped corpus (issue: search engine). Prints figures; asserts nothing.

    python benchmarks/bench_search.py [--home DIR] [--repeat 5]

- warm query latency p50/p95 over the labelled-style queries below (each repeated), beside the
  bare model's query-encoding time measured in the same run (the floor);
- cold ``precedent search`` from a built index: process start to printed results, with the
  import/model-load split that dominates;
- indexing overhead: a full build of the shipped corpus versus the model's raw encoding time of
  the same texts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = [
    "What did States commit to on child detention?",
    "commitments on decent work and fair recruitment",
    "search and rescue cooperation",
    "people sending money home cheaply",
    '"regardless of their migration status"',
    "consular protection and smart passports",
    "We commit to eliminate all forms of discrimination against migrants and to counter hate "
    "speech.",
    "climate change and disaster displacement",
    "what will States do about missing migrants",
    "social protection portability",
]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--four-documents", action="store_true",
                    help="measure warm queries over the four-document library (adds "
                         "../shared/real-un/text/*)")
    args = ap.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="precedent-bench-")
    os.environ["PRECEDENT_HOME"] = home

    from precedent.index.build import sentence_units
    from precedent.index.library import LibraryIndex
    from precedent.search import Library

    # Indexing overhead: full build vs raw encoding of the same texts.
    idx = LibraryIndex(home)
    emb = idx.embedder  # load the model first so neither side pays for it
    emb.encode(["warm up"])
    t0 = time.perf_counter()
    result = idx._rebuild(None, None, "benchmark build")
    build_s = time.perf_counter() - t0
    records = idx.data.records
    _, unit_texts = sentence_units(records)
    texts = list(dict.fromkeys([r.text for r in records] + unit_texts))
    t0 = time.perf_counter()
    emb.encode(texts)
    encode_s = time.perf_counter() - t0
    print(f"index build: {build_s:.2f} s for {len(records)} records / {result.embedded} texts; "
          f"raw encoding of the same {len(texts)} texts {encode_s:.2f} s; overhead "
          f"{100 * (build_s / encode_s - 1):.1f}%")

    lib = Library.open(home)
    if args.four_documents:
        from pathlib import Path

        shared = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "text"
        for name in ("A_RES_73_195", "A_RES_76_266", "A_RES_73_326"):
            lib.add(shared / f"{name}.txt")
        print(f"library: {len(lib.documents())} documents, {len(lib.records)} records")
    lib.batch(QUERIES)  # warm caches and the BM25 / FAISS code paths
    # The floor is measured with the library's own model session (the one its searches encode
    # with): a second ONNX session's threads, still spinning after each floor measurement, slowed
    # the search's encoding (issue 18, benchmarks/EVAL.md "Warm search speed").
    emb = lib._index.embedder
    from precedent.search.query import parse_query

    bare, own, total = [], [], []
    for _ in range(args.repeat):
        for q in QUERIES:
            t0 = time.perf_counter()
            emb.encode([q + " "])  # a text the query cache has not seen
            bare.append(time.perf_counter() - t0)
            # what the search encodes (with its UN terms)
            text = parse_query(q).retrieval_text + " "
            t0 = time.perf_counter()
            emb.encode([text])
            own.append(time.perf_counter() - t0)
            lib._query_cache.clear()
            t0 = time.perf_counter()
            lib.search(q, k=10)
            total.append(time.perf_counter() - t0)
    ms = lambda xs, q: 1000 * pct(xs, q)  # noqa: E731
    print(f"warm query ({len(total)} runs): p50 {ms(total, .5):.1f} ms, p95 {ms(total, .95):.1f} "
          f"ms; bare query encoding p50 {ms(bare, .5):.1f} ms, p95 {ms(bare, .95):.1f} ms; "
          f"its own encoding (the query with its added UN terms) p50 {ms(own, .5):.1f} ms; "
          f"ratios {pct(total, .5) / pct(bare, .5):.2f}x bare, "
          f"{pct(total, .5) / pct(own, .5):.2f}x own")

    # Cold CLI: process start to printed results, index already built.
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "precedent.ui.cli", "search", "child detention",
                        "--k", "3"],
                       check=True, capture_output=True, env=dict(os.environ, PRECEDENT_HOME=home))
        cold.append(time.perf_counter() - t0)
    def wall(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return time.perf_counter() - t0

    python_s = wall("pass")
    own_import = wall("import precedent.search, precedent.index, precedent.ui.cli")
    st_import = wall("import sentence_transformers")
    model_load = wall("from precedent.index.embedder import SentenceTransformerEmbedder as E; E()")
    print(f"cold 'precedent search': median {statistics.median(cold):.2f} s (of {len(cold)}); for "
          f"comparison, each in a fresh process: Python alone {python_s:.2f} s, Precedent's own "
          f"imports {own_import:.2f} s, 'import sentence_transformers' {st_import:.2f} s, "
          f"importing it and loading the model {model_load:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
