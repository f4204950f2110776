"""The bundled model on ONNX Runtime against torch, side by side in one run (issue #13).
Prints figures and ratios; asserts nothing.

    python benchmarks/bench_onnx.py [--repeat 3] [--skip-serve] [--int8]

- imports: ``python -c "import sentence_transformers"`` vs ``import onnxruntime, tokenizers``
  (median wall time of --repeat runs, peak memory);
- cold ``precedent search`` over an existing index, each backend (median of --repeat), and
  whether torch was imported;
- warm query encoding p50 (each query a new text), and warm ``Library.search`` p50 against its
  own encoding;
- a full index build of the shipped corpus with each backend (models loaded before; the
  prebuilt index a new library takes is set aside, so both embed it), and the
  cosine between the two indexes' vectors;
- quality: ``evaluate`` (the system ``precedent eval`` reports) on the labelled sets, each backend
  (with --int8 also a dynamically quantized int8 export);
- first ``precedent serve`` on an empty data directory until the page answers, each backend.

Last, the figures the README quotes (its "Speed and models"), word for word, and the machine they
were measured on (``machine.describe``): a README figure is what this prints.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELLED = [REPO.parent / "shared" / "eval" / "dev.jsonl",
            REPO / "benchmarks" / "eval_extra.jsonl"]
QUERIES = [
    "What did States commit to on child detention?",
    "commitments on decent work and fair recruitment",
    "search and rescue cooperation", "people sending money home cheaply",
    "consular protection and smart passports",
    "We commit to eliminate all forms of discrimination against migrants and to counter hate "
    "speech.",
    "climate change and disaster displacement", "what will States do about missing migrants",
    "social protection portability", "regular pathways for migrants in vulnerable situations",
]


def wall(cmd: list[str], env: dict | None = None, repeat: int = 3) -> tuple[float, str]:
    """Median wall time of ``cmd`` and the last run's stdout."""
    times, out = [], ""
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise SystemExit(f"{cmd} failed: {done.stderr[-1000:]}")
        out = done.stdout
    return statistics.median(times), out


def import_cost(modules: str, repeat: int) -> tuple[float, float]:
    code = f"import {modules}, resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    seconds, out = wall([sys.executable, "-c", code], repeat=repeat)
    return seconds, int(out.split()[-1]) / 1024


def p50(values: list[float]) -> float:
    return statistics.median(values)


def first_serve(backend: str, env: dict, timeout: float = 180.0) -> float:
    """Seconds from ``precedent serve`` on an empty data directory to the page answering."""
    from serving import time_to_page

    home = tempfile.mkdtemp(prefix=f"precedent-serve-{backend}-")
    try:
        return time_to_page(dict(env, PRECEDENT_HOME=home, PRECEDENT_BACKEND=backend), timeout)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def quantized_embedder(onnx):
    """An int8 (dynamic quantization) copy of ``onnx``'s export, loaded as an embedder."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from precedent.index.onnx_encoder import OnnxEmbedder, read_meta

    folder = Path(tempfile.mkdtemp(prefix="precedent-int8-"))
    for name in ("tokenizer.json", "meta.json"):
        shutil.copy(onnx.folder / name, folder / name)
    quantize_dynamic(str(onnx.folder / "model.onnx"), str(folder / "model.onnx"),
                     weight_type=QuantType.QInt8)
    emb = OnnxEmbedder(onnx.name, folder, read_meta(folder))
    emb.backend = "onnx-int8"
    return emb


def readme_figures(enc: dict, cold: dict, st_s: float, builds: dict, serve: dict | None,
                   same_ndcg: bool, int8_lost: list[float], min_cosine: float) -> list[str]:
    """The README's sentences about speed, with this run's figures (as it words them)."""
    import math

    text = (f"a query encoded in {1000 * p50(enc['onnx']):.1f} ms "
            f"(torch {1000 * p50(enc['torch']):.1f} ms), "
            f"a cold `precedent search` in {cold['onnx']:.1f} s (torch {cold['torch']:.1f} s; "
            f"`import sentence_transformers` alone {st_s:.1f} s), "
            f"the shipped corpus indexed in {builds['onnx']:.1f} s "
            f"(torch {builds['torch']:.1f} s), ")
    if serve:
        text += (f"the first `precedent serve` on an empty data directory answering in "
                 f"{serve['onnx']:.1f} s (torch {serve['torch']:.1f} s), ")
    text += ("and the same nDCG@10 on the labelled sets to three decimals." if same_ndcg
             else "and NOT the same nDCG@10 on the labelled sets to three decimals "
                  "(see above).")
    lines = [f"ONNX and torch give the same vectors "
             f"(cosine >= {math.floor(min_cosine * 1e7 + 1e-6) / 1e7:.7f} on the "
             "shipped corpus)", text]
    if int8_lost:
        lines.append(f"An int8 quantized export (`--int8`) changed nDCG@10 by "
                     f"{' and '.join(f'{-x:+.3f}' for x in int8_lost)}.")
    return lines


def main() -> int:
    from machine import describe

    machine = describe()  # before this run loads the machine
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-serve", action="store_true",
                    help="leave out the first-serve figure (~40 s)")
    ap.add_argument("--int8", action="store_true", help="also measure an int8 quantized export")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="precedent-bench-onnx-"))
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env.pop("PRECEDENT_BACKEND", None)
    os.environ.update(HF_HUB_OFFLINE="1", PRECEDENT_HOME=str(root / "default"))
    os.environ.pop("PRECEDENT_BACKEND", None)
    rows = []

    st_s, st_mb = import_cost("sentence_transformers", args.repeat)
    ort_s, ort_mb = import_cost("onnxruntime, tokenizers", args.repeat)
    rows.append(("import (median)", f"sentence_transformers {st_s:.2f} s, {st_mb:.0f} MB",
                 f"onnxruntime, tokenizers {ort_s:.2f} s, {ort_mb:.0f} MB", st_s / ort_s))

    from precedent.index.build import sentence_units
    from precedent.index.embedder import load_embedder
    from precedent.search import Library
    from precedent.search.evaluate import evaluate, load_labelled

    t0 = time.perf_counter()
    torch_emb = load_embedder(backend="torch")
    torch_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    # exports (torch is loaded)
    onnx = load_embedder(backend="onnx", cache_dir=root / "onnx" / "models")
    export_s = time.perf_counter() - t0
    print(f"torch model loaded in {torch_load:.2f} s; ONNX export and load {export_s:.2f} s",
          file=sys.stderr)

    # Full builds of the shipped corpus, each backend into its own data directory, both
    # embedding it: the prebuilt index a new library takes (index.shipped) is set aside here.
    import precedent.index.shipped as shipped_module

    libs, builds = {}, {}
    prebuilt, shipped_module.shipped_segment = shipped_module.shipped_segment, lambda *a: None
    try:
        for name, emb in (("torch", torch_emb), ("onnx", onnx)):
            emb.encode(["warm up"])
            t0 = time.perf_counter()
            libs[name] = Library.open(root / name, embedder=emb)
            builds[name] = time.perf_counter() - t0
    finally:
        shipped_module.shipped_segment = prebuilt
    records = libs["onnx"]._index.data.records
    n_texts = len(records) + len(sentence_units(records)[1])
    rows.append((f"index build ({len(records)} records, {n_texts} texts)",
                 f"{builds['torch']:.2f} s", f"{builds['onnx']:.2f} s",
                 builds["torch"] / builds["onnx"]))
    dt, do = libs["torch"]._index.data, libs["onnx"]._index.data
    cos_p = float((dt.vectors * do.vectors).sum(1).min())
    cos_s = float((dt.sentence_vectors * do.sentence_vectors).sum(1).min())
    texts = [r.text for r in records]
    rates = {}
    for name, emb in (("torch", torch_emb), ("onnx", onnx)):
        t0 = time.perf_counter()
        emb.encode(texts)
        rates[name] = len(texts) / (time.perf_counter() - t0)
    rows.append(("paragraphs encoded per second", f"{rates['torch']:.0f}", f"{rates['onnx']:.0f}",
                 rates["onnx"] / rates["torch"]))

    # Warm query encoding and search (a new text each time: no cache helps).
    enc = {"torch": [], "onnx": []}
    search = []
    lib = libs["onnx"]
    lib.batch(QUERIES)
    # rounds of one block per path (a thread pool's idle spinning after one path never falls on
    # the other)
    for i in range(args.repeat * 3):
        texts_i = [f"{q} {'.' * (i + 1)}" for q in QUERIES]
        for name, emb in (("torch", torch_emb), ("onnx", onnx)):
            for text in texts_i:
                t0 = time.perf_counter()
                emb.encode([text])
                enc[name].append(time.perf_counter() - t0)
        for text in texts_i:
            lib._query_cache.clear()
            t0 = time.perf_counter()
            lib.search(text, k=10)
            search.append(time.perf_counter() - t0)
    rows.append(("one query encoded, p50", f"{1000 * p50(enc['torch']):.1f} ms",
                 f"{1000 * p50(enc['onnx']):.1f} ms",
                 p50(enc["torch"]) / p50(enc["onnx"])))
    print(f"warm search p50 (ONNX) {1000 * p50(search):.1f} ms = "
          f"{p50(search) / p50(enc['onnx']):.2f}x its encoding "
          "(target <= 1.3x)")

    # Cold search over the built index: a new process each time.
    cold = {}
    for name in ("torch", "onnx"):
        e = dict(env, PRECEDENT_HOME=str(root / name), PRECEDENT_BACKEND=name)
        cold[name], _ = wall([sys.executable, "-m", "precedent.ui.cli", "search", QUERIES[0],
                              "--k", "3"], e, args.repeat)
    probe = ("import sys; from precedent.ui.cli import main; "
             "main(['search', 'child detention', '--k', '1']); "
             "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH', file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=dict(env, PRECEDENT_HOME=str(root / "onnx")))
    rows.append(("cold `precedent search` (median)", f"{cold['torch']:.2f} s",
                 f"{cold['onnx']:.2f} s",
                 cold["torch"] / cold["onnx"]))
    print(f"cold ONNX search / import sentence_transformers = {cold['onnx'] / st_s:.2f} "
          f"(target <= 0.3); torch imported by the ONNX search process: "
          f"{'yes' if 'TORCH' in done.stderr.split() else 'no'}")

    # Quality: the labelled sets, each backend (and int8 when asked).
    systems = {"torch": libs["torch"], "onnx": libs["onnx"]}
    if args.int8:
        int8 = quantized_embedder(onnx)
        systems["onnx-int8"] = Library.open(root / "int8", embedder=int8)
        q8 = int8.encode(texts)
        print(f"int8: min cosine to torch on the paragraphs "
              f"{float((q8 * torch_emb.encode(texts)).sum(1).min()):.4f}")
    same_ndcg, int8_lost = True, []
    for path in LABELLED:
        if not path.is_file():
            print(f"(no {path}; quality on it not measured)")
            continue
        items = load_labelled(path)
        scores = {name: evaluate(lb, items, "precedent")["table"]["overall"]
                  for name, lb in systems.items()}
        line = ", ".join(f"{name} nDCG@10 {m['ndcg@10']:.3f} MRR {m['mrr']:.3f} "
                         f"R@5 {m['recall@5']:.3f}"
                         for name, m in scores.items())
        print(f"quality on {path.name} ({len(items)} queries): {line}")
        same_ndcg &= f"{scores['torch']['ndcg@10']:.3f}" == f"{scores['onnx']['ndcg@10']:.3f}"
        if "onnx-int8" in scores:
            int8_lost.append(scores["onnx"]["ndcg@10"] - scores["onnx-int8"]["ndcg@10"])

    serve = None
    if not args.skip_serve:
        serve = {name: first_serve(name, env) for name in ("torch", "onnx")}
        rows.append(("first `precedent serve`, empty data dir", f"{serve['torch']:.1f} s",
                     f"{serve['onnx']:.1f} s",
                     serve["torch"] / serve["onnx"]))

    print(f"\nvectors: min cosine ONNX vs torch {cos_p:.7f} (paragraphs), "
          f"{cos_s:.7f} (sentences and clauses)")
    print("\n| | torch | ONNX Runtime | torch / ONNX |\n| --- | --- | --- | --- |")
    for what, a, b, ratio in rows:
        print(f"| {what} | {a} | {b} | {ratio:.2f}x |")
    print(json.dumps({"cold_search_s": cold, "import_st_s": st_s, "build_s": builds,
                      "encode_p50_ms": {k: 1000 * p50(v) for k, v in enc.items()}}),
          file=sys.stderr)
    print(f"\nREADME figures (Speed and models), "
          f"measured on: {machine}")
    for line in readme_figures(enc, cold, st_s, builds, serve, same_ndcg, int8_lost,
                               min(cos_p, cos_s)):
        print(f"  {line}")
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
