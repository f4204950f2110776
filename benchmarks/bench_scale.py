"""Search at 100k and 1M synthetic paragraphs: query p50, memory, index size, and the recall@10 of
the approximate FAISS index (used above ``index.dense.APPROX_THRESHOLD``) against exact search.

    python benchmarks/bench_scale.py [--sizes 100000 1000000] [--queries 20]

Synthetic paragraphs are 2-4 sentences drawn from the shipped Declaration; a paragraph's vector is
a random convex mix (Dirichlet weights) of its sentences' real embeddings plus noise, so no model
time is spent on a million texts (only the queries are encoded, by the real model). Recall of the
approximate index is measured on the real query vectors plus fresh synthetic vectors drawn the
same way (queries from the corpus' distribution, not copies of indexed vectors). The synthetic index
holds paragraph vectors only (no sentence/clause units), so it understates the unit table's memory.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

QUERIES = [
    "What did States commit to on child detention?", "search and rescue cooperation",
    "people sending money home cheaply", "consular protection and smart passports",
    "climate change and disaster displacement", "social protection portability",
    "fair and ethical recruitment of migrant workers", "xenophobia and hate speech",
    "return and readmission with human rights safeguards", "migration data and indicators",
]


def parse_retrieval(q: str) -> str:
    from precedent.search.query import parse_query

    return parse_query(q).retrieval_text


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def mix_vector(parts: np.ndarray, rng) -> np.ndarray:
    w = rng.dirichlet(np.ones(len(parts))).astype(np.float32)
    v = (w[:, None] * parts).sum(axis=0)
    v += (0.3 / np.sqrt(parts.shape[1])) * rng.standard_normal(parts.shape[1]).astype(np.float32)
    return v / np.linalg.norm(v)


def synthesize(n: int, sentences: list[str], vecs: np.ndarray, rng) -> tuple[list, np.ndarray]:
    from precedent.ingest.records import Paragraph

    k = rng.integers(2, 5, size=n)
    out_vecs = np.empty((n, vecs.shape[1]), dtype=np.float32)
    records = []
    for i in range(n):
        pick = rng.integers(0, len(sentences), size=k[i])
        out_vecs[i] = mix_vector(vecs[pick], rng)
        doc = f"synthetic-{i // 1000}"
        number = str(i % 1000 + 1)
        records.append(Paragraph(id=f"{doc}:annex:{number}", doc_id=doc, symbol="", title=doc,
                                 date="2024-01-01", part="annex", number=number, kind="paragraph",
                                 text=" ".join(sentences[j] for j in pick),
                                 citation=f"{doc}, annex, para. {number}",
                                 category="commitment" if i % 3 == 0 else "recognition", order=i))
    return records, out_vecs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=20)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from precedent.index.build import sentence_units
    from precedent.index.dense import APPROX_THRESHOLD, build_faiss, search_faiss
    from precedent.index.keyword import KeywordIndex
    from precedent.index.library import LibraryIndex
    from precedent.index.store import IndexData, save_index
    from precedent.search import Library

    base_home = Path(tempfile.mkdtemp(prefix="precedent-scale-base-"))
    base = LibraryIndex(base_home)
    base.open()
    embedder = base.embedder
    _, unit_texts = sentence_units(base.data.records)
    sentences = [r.text for r in base.data.records if r.kind != "footnote"] + unit_texts
    svecs = embedder.encode(sentences)
    qvecs = embedder.encode(QUERIES)
    rng = np.random.default_rng(0)
    print(f"approximate index above {APPROX_THRESHOLD:,} paragraphs")

    for n in args.sizes:
        home = Path(tempfile.mkdtemp(prefix=f"precedent-scale-{n}-"))
        t0 = time.perf_counter()
        records, vecs = synthesize(n, sentences, svecs, rng)
        t_syn = time.perf_counter() - t0
        t0 = time.perf_counter()
        keyword = KeywordIndex.build([r.text for r in records])
        t_bm25 = time.perf_counter() - t0
        t0 = time.perf_counter()
        data = IndexData({"model": embedder.name, "dimension": embedder.dim, "sources": {}},
                         records, vecs,
                         np.zeros((0, 3), np.int32), np.zeros((0, embedder.dim), np.float32),
                         keyword)
        t_faiss = time.perf_counter() - t0
        save_index(data, home)
        size = dir_mb(home / "indexes")
        del data, keyword, records
        t0 = time.perf_counter()
        idx = LibraryIndex(home, embedder=embedder)
        idx.load()
        lib = Library(idx)
        t_load = time.perf_counter() - t0
        mem = rss_mb()
        lib.batch(QUERIES[:2])
        times = []
        for i in range(args.queries):
            q = QUERIES[i % len(QUERIES)]
            lib._query_cache.clear()  # the query is encoded each time
            t0 = time.perf_counter()
            lib.search(q, k=10)
            times.append(time.perf_counter() - t0)
        retrieval = []
        for i in range(args.queries):
            q = QUERIES[i % len(QUERIES)]
            lib._encode([parse_retrieval(q)])  # vector cached: time retrieval and ranking only
            t0 = time.perf_counter()
            lib.search(q, k=10)
            retrieval.append(time.perf_counter() - t0)
        phrase_t = []
        for q in ['"best interests of the child"', '"route-based cooperation"']:
            t0 = time.perf_counter()
            lib.search(q, k=10)
            phrase_t.append(time.perf_counter() - t0)
        approx = idx.data.dense
        kind = type(approx).__name__
        recall = float("nan")
        if n > APPROX_THRESHOLD:
            fresh = [mix_vector(svecs[rng.integers(0, len(sentences), size=3)], rng)
                     for _ in range(190)]
            probe = np.vstack([qvecs, np.asarray(fresh, dtype=np.float32)])
            exact = build_faiss(vecs, approx=False)
            _, e_rows = search_faiss(exact, probe, 10)
            _, a_rows = search_faiss(approx, probe, 10)
            recall = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(a_rows, e_rows)]))
            del exact
        print(f"{n:>9,} paragraphs: FAISS {kind}; synth {t_syn:.0f} s, BM25 build {t_bm25:.0f} s, "
              f"FAISS build {t_faiss:.0f} s, load {t_load:.1f} s; index on disk {size:,.0f} MB; "
              f"RSS after load {mem:,.0f} MB (peak "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB); hybrid query "
              f"p50 {1000 * statistics.median(times):.0f} ms (max {1000 * max(times):.0f}), of "
              f"which retrieval+ranking p50 {1000 * statistics.median(retrieval):.0f} ms; "
              f"exact-phrase query {1000 * statistics.median(phrase_t):.0f} ms; approx recall@10 "
              f"vs exact {recall:.3f}")
        del lib, idx, vecs
        shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(base_home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
