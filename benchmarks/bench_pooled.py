"""Sentence and clause vectors pooled from the paragraph's own forward pass, beside today's
separate pass per unit (issue #21). Prints figures; asserts nothing.

    python benchmarks/bench_pooled.py [--home DIR] [--home4 DIR] [--batch 32]

A unit (``build.sentence_units``: a sentence or a window of clauses of a record) is embedded
today in a pass of its own. Pooled: the record's one pass gives its token states (the model's
output before its mean pooling and normalisation); a unit's vector is the mean of the states of
the tokens whose characters (the tokenizer's offsets) lie inside the unit's span, L2-normalised.
A unit that ends past the model's maximum length (the record's pass was truncated there) gets a
separate pass, as today. Three pooled variants: the unit's tokens alone ("span"); the unit's
tokens with the pass's [CLS] and [SEP] states ("span+cls/sep": a separate pass averages those in
too); and "windows pooled": the sentences in passes of their own as today, only the windows of
clauses pooled ("span").

1. Speed, over the records of the 24-document library (``bench_heldout.build``), same model,
   same ONNX session, same run, each distinct text once (as ``build.build_segment`` sends them):
   records + units encoded separately (today); one pass per record with the units pooled from it
   (and the separate passes of units past truncation); the same with the sentences in passes of
   their own ("windows pooled"); the records alone (the encode-once
   floor). Then the cosine between each unit's pooled and separate vectors.
2. Quality: ``bench_heldout.py``'s figures (both halves, every system) and ``bench_multi.py``'s
   four-document set, first with today's unit vectors, then with the same library's unit
   vectors replaced in memory by pooled ones (records, paragraph vectors and BM25 unchanged).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

VARIANTS = ("span", "span+cls/sep", "windows pooled")
# "windows pooled": the sentences in passes of their own (as today), only the clause windows pooled


def record_spans(records) -> tuple[np.ndarray, list[str], list[list[tuple[int, int]]]]:
    from precedent.index.build import sentence_units

    rows, unit_texts = sentence_units(records)
    spans: list[list[tuple[int, int]]] = [[] for _ in records]
    for r, s, e in rows:
        spans[int(r)].append((int(s), int(e)))
    return rows, unit_texts, spans


def pooled_pass(embedder, texts: list[str], spans: list[list[tuple[int, int]]], *,
                batch_size: int = 32,
                variant: str = "span") -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
    """(record vectors as ``embedder.encode`` makes them, unit vectors per text pooled from the
    same pass; None for a unit past the truncation) from one pass per text."""
    from precedent.index.onnx_encoder import _normalize, pool

    tok = embedder._tokenizer
    para = np.zeros((len(texts), embedder.dim), np.float32)
    units: list[list[np.ndarray | None]] = [[None] * len(s) for s in spans]
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        enc = tok.encode_batch([texts[i] for i in idx])
        arrays = {"input_ids": np.array([e.ids for e in enc], np.int64),
                  "attention_mask": np.array([e.attention_mask for e in enc], np.int64),
                  "token_type_ids": np.array([e.type_ids for e in enc], np.int64)}
        states = embedder._session.run(None, {n: arrays[n] for n in embedder._inputs})[0]
        para[idx] = pool(states, arrays["attention_mask"], embedder._meta["pooling"])
        for b, i in enumerate(idx):
            if not spans[i]:
                continue
            mask = arrays["attention_mask"][b] > 0
            special = np.array(enc[b].special_tokens_mask, bool)
            real = mask & ~special
            offsets = np.array(enc[b].offsets)
            last = int(offsets[real][:, 1].max()) if real.any() else 0
            truncated = bool(enc[b].overflowing)
            extra = np.flatnonzero(mask & special)  # [CLS] and [SEP]
            for u, (s, e) in enumerate(spans[i]):
                inside = real & (offsets[:, 0] >= s) & (offsets[:, 1] <= e)
                if (truncated and e > last) or not inside.any():
                    continue
                pick = np.flatnonzero(inside)
                if variant == "span+cls/sep":
                    pick = np.concatenate([pick, extra])
                units[i][u] = states[b][pick].mean(axis=0)
    return _normalize(para), [[None if v is None else v / (np.linalg.norm(v) or 1.0) for v in per]
                              for per in units]


def is_sentence(records, rows: np.ndarray) -> np.ndarray:
    """Which units are sentences of their record (the others are windows of clauses)."""
    from precedent.index.text_match import sentence_spans

    return np.array([(int(s), int(e)) in sentence_spans(records[int(r)].text)
                     for r, s, e in rows], bool)


def pooled_unit_vectors(embedder, records, *, variant: str = "span",
                        batch_size: int = 32) -> tuple[np.ndarray, int]:
    """The unit vectors of ``records`` (in ``sentence_units`` order) pooled from one pass per
    distinct record text, units past truncation (and, for "windows pooled", sentences) encoded
    separately; and how many distinct texts those were."""
    rows, unit_texts, spans = record_spans(records)
    alone = is_sentence(records, rows) if variant == "windows pooled" else np.zeros(len(rows), bool)
    distinct: dict[str, int] = {}
    for r in records:
        distinct.setdefault(r.text, len(distinct))
    first = {}
    for i, r in enumerate(records):
        first.setdefault(r.text, i)
    texts = list(distinct)
    _, units = pooled_pass(embedder, texts, [spans[first[t]] for t in texts], batch_size=batch_size,
                           variant="span" if variant == "windows pooled" else variant)
    flat: list[np.ndarray | None] = []
    for r in records:
        flat += units[distinct[r.text]]
    flat = [None if a else v for v, a in zip(flat, alone)]
    missing = sorted({unit_texts[k] for k, v in enumerate(flat) if v is None})
    if missing:
        found = dict(zip(missing, embedder.encode(missing, batch_size=batch_size)))
        flat = [found[unit_texts[k]] if v is None else v for k, v in enumerate(flat)]
    out = np.stack(flat).astype(np.float32) if flat else np.zeros((0, embedder.dim), np.float32)
    return out, len(missing)


def speed(lib, batch_size: int) -> dict[str, np.ndarray]:
    """Prints the timings and cosines; returns today's and the pooled unit vectors per variant."""
    import statistics

    index = lib._index
    embedder = index.embedder
    records = list(index.data.records)
    rows, unit_texts, _ = record_spans(records)
    record_texts = list(dict.fromkeys(r.text for r in records))
    separate_texts = list(dict.fromkeys(record_texts + unit_texts))
    embedder.encode(record_texts[:64], batch_size=batch_size)  # warm
    timings: dict[str, list[float]] = {"today": [], "pooled": [], "windows": [], "floor": []}
    pooled = {}
    for _ in range(2):  # alternating, twice: the machine is shared
        t0 = time.perf_counter()
        embedder.encode(separate_texts, batch_size=batch_size)
        timings["today"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pooled["span"], past = pooled_unit_vectors(embedder, records, batch_size=batch_size)
        timings["pooled"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pooled["windows pooled"], alone = pooled_unit_vectors(embedder, records,
                                                              variant="windows pooled",
                                                              batch_size=batch_size)
        timings["windows"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        embedder.encode(record_texts, batch_size=batch_size)
        timings["floor"].append(time.perf_counter() - t0)
    pooled["span+cls/sep"], _ = pooled_unit_vectors(embedder, records, variant="span+cls/sep",
                                                    batch_size=batch_size)
    today = embedder.encode(unit_texts, batch_size=batch_size)
    sizes = [len(embedder._tokenizer.encode(t).ids) for t in record_texts]
    cap = int(embedder._meta["max_seq_length"])
    print(f"\n1. speed: {len(records):,} records ({len(record_texts):,} distinct texts, "
          f"{sum(n >= cap for n in sizes)} of them cut at the model's {cap} tokens), "
          f"{len(unit_texts):,} units ({len(separate_texts) - len(record_texts):,} distinct texts "
          f"beside the records'); {len(separate_texts) / len(record_texts):.2f} texts per record "
          f"text today")
    for name, label in (("today", "records + units, a pass each (today)"),
                        ("pooled", f"a pass per record, units pooled from it (+{past} units past "
                                   "truncation in passes of their own)"),
                        ("windows", f"a pass per record, clause windows pooled from it, sentences "
                                    f"in passes of their own ({alone} distinct texts)"),
                        ("floor", "records alone (the encode-once floor)")):
        ts = timings[name]
        print(f"   {label}: {', '.join(f'{t:.1f}' for t in ts)} s "
              f"(best {min(ts):.1f} s, {min(ts) / min(timings['floor']):.2f}x the floor)")
    print(f"   pooled / today: {min(timings['pooled']) / min(timings['today']):.2f}x; "
          f"windows pooled / today: {min(timings['windows']) / min(timings['today']):.2f}x")
    for variant in VARIANTS:
        cos = np.einsum("ij,ij->i", pooled[variant], today)
        print(f"   cosine pooled ({variant}) vs separate unit vectors over {len(cos):,} units: "
              f"mean {cos.mean():.3f}, median {statistics.median(cos):.3f}, 10th percentile "
              f"{np.percentile(cos, 10):.3f}, min {cos.min():.3f}")
    return {"today": today, **pooled}


def with_unit_vectors(lib, vectors: np.ndarray) -> None:
    """Replace the loaded library's unit vectors in memory (records and the rest unchanged)."""
    from precedent.index.segments import Segment
    from precedent.index.store import IndexData

    index = lib._index
    parts, at = [], 0
    for seg, deleted in index.data.parts:
        assert not deleted, "a fresh library has no removed rows"
        n = len(seg.unit_rows)
        parts.append((Segment(seg.records, seg.vectors, seg.unit_rows, vectors[at:at + n],
                              seg.keyword), deleted))
        at += n
    assert at == len(vectors)
    index.data = IndexData.of_parts(index.data.manifest, parts)
    index.refresh = lambda: False  # keep these vectors (the files on disk hold today's)
    lib._prepare()


def four_documents(lib) -> None:
    from bench_multi import DEFAULT_EVAL

    from precedent.search.evaluate import SYSTEMS, evaluate, load_labelled

    items = load_labelled(DEFAULT_EVAL)
    types = sorted({it.get("type", "all") for it in items})
    print(f"   four-document set ({len(items)} questions): " + f"{'system':<11}{'overall':>8}"
          + "".join(f"{t[:10]:>11}" for t in types) + f"{'commit@1':>9}")
    for system in SYSTEMS:
        t = evaluate(lib, items, system)["table"]
        c = t.get("commitment", {}).get("commit@1")
        print(f"   {'':<{len('four-document set (58 questions): ')}}"
              f"{system:<11}{t['overall']['ndcg@10']:>8.3f}"
              + "".join(f"{t[ty]['ndcg@10']:>11.3f}" for ty in types)
              + (f"{c:>9.3f}" if c is not None else f"{'-':>9}"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", default=None, help="24-document library home to build or reuse")
    ap.add_argument("--home4", default=None, help="four-document library home to build or reuse")
    ap.add_argument("--batch", type=int, default=32,
                    help="texts per forward pass (the product's 32)")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    made = []
    home = args.home or tempfile.mkdtemp(prefix="precedent-pooled-")
    home4 = args.home4 or tempfile.mkdtemp(prefix="precedent-pooled4-")
    made += [h for h, given in ((home, args.home), (home4, args.home4)) if not given]
    try:
        import bench_heldout
        import bench_multi
        from machine import describe

        print(f"machine: {describe()}", flush=True)
        os.environ["PRECEDENT_HOME"] = home
        lib = bench_heldout.build(home)
        vectors = speed(lib, args.batch)
        os.environ["PRECEDENT_HOME"] = home4
        lib4 = bench_multi.build(home4)
        vectors4 = {"today": None}
        records4 = list(lib4._index.data.records)
        for variant in VARIANTS:
            vectors4[variant], _ = pooled_unit_vectors(lib4._index.embedder, records4,
                                                       variant=variant,
                                                       batch_size=args.batch)
        status = 0
        for name in ("today", *VARIANTS):
            print(f"\n2. quality, unit vectors: {name}", flush=True)
            if name != "today":
                with_unit_vectors(lib, vectors[name])
                with_unit_vectors(lib4, vectors4[name])
            status |= bench_heldout.evaluate(lib, argparse.Namespace(details=False))
            four_documents(lib4)
        return status
    finally:
        for h in made:
            shutil.rmtree(h, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
