"""Bulk add and adding to a large library (issue #21). Prints figures and ratios; asserts nothing.

    python benchmarks/bench_bulk.py [--folder ../shared/real-un/pdf-78] [--repeat 1]
                                    [--documents 1000] [--one ../shared/real-un/pdf/A_RES_80_3.pdf]
                                    [--rounds 3] [--skip-one] [--skip-serve] [--skip-bulk]

1. Bulk add: ``precedent add FOLDER`` in a new process on a data directory holding only the
   shipped document (the model already exported there, as after any first run), its wall time
   and peak memory, beside the encoding floor measured in this process in the same run: every
   record the add indexed encoded once, in one call, by the same ONNX model. ``--repeat`` runs
   the pair again (the machine is shared: read the ratios of one run side by side).
2. One more document: the library of step 1 is grown to ``--documents`` added documents with
   synthetic ones made of its real paragraphs (numbered text files; their vectors come from the
   cache, so growing it is quick), then ``--one`` (a real resolution the library does not hold)
   is added to it and to a library holding only the shipped document, ``--rounds`` times each,
   alternating (removed again between rounds): in this process with the model and the library
   loaded (``LibraryIndex.add``), and as ``precedent add FILE`` in a new process (which loads the
   library first). Medians and the ratio large / empty.
3. First page: ``precedent serve`` on an empty data directory (nothing in it: the model is
   exported, the shipped index taken or built) until its page answers, beside a serve over the
   data directory the first one left (index and export there), ``--rounds`` times each,
   alternating (``serving.time_to_page``, as ``bench_onnx.py``'s first-serve figure).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "real-un"
SHIPPED = "imrf-2026-progress-declaration"


def cli(home: Path, *argv: str) -> tuple[float, float, str]:
    """(wall seconds, peak memory MB of the process, stderr) of ``precedent ARGV`` on ``home``."""
    env = dict(os.environ, PRECEDENT_HOME=str(home), HF_HUB_OFFLINE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "precedent.ui.cli", *argv],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"precedent {' '.join(argv)} failed ({done.returncode}): "
                         f"{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, (peak if peak > before else float("nan")) / 1024, done.stderr


def fresh_home(root: Path, name: str, model_dir: Path) -> Path:
    """A data directory with the model's export in it (as after the first run) and nothing else."""
    home = root / name
    (home / "models").mkdir(parents=True)
    for folder in model_dir.iterdir():
        shutil.copytree(folder, home / "models" / folder.name)
    return home


def bulk(root: Path, folder: Path, model, model_dir: Path, run: int) -> dict:
    from precedent.index.library import LibraryIndex

    home = fresh_home(root, f"bulk-{run}", model_dir)
    files = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() in (".pdf", ".docx", ".txt", ".md"))
    seconds, peak, _ = cli(home, "add", str(folder))
    idx = LibraryIndex(home, embedder=model)
    idx.open()
    records = [r for r in idx.data.records if r.doc_id != SHIPPED]
    paragraphs = sum(1 for r in records if r.kind != "footnote")
    texts = [r.text for r in records]
    t0 = time.perf_counter()
    model.encode(texts)
    floor = time.perf_counter() - t0
    units = len(idx.data.sentence_rows) - sum(1 for r in idx.data.sentence_rows
                                              if idx.data.records[r[0]].doc_id == SHIPPED)
    print(f"bulk add of {len(files)} files ({paragraphs:,} paragraphs, {len(records):,} records, "
          f"{units:,} units: {(len(records) + units) / len(records):.1f} texts per record) with "
          f"`precedent add DIR`: {seconds:.1f} s, peak {peak:,.0f} MB; encode-once floor (every "
          f"record once, same model, this run) {floor:.1f} s; "
          f"ratio {seconds / floor:.2f}x (target <= 1.5x)", flush=True)
    return {"home": home, "seconds": seconds, "floor": floor, "peak": peak}


def synthetic_documents(records, count: int, folder: Path, rng: random.Random) -> list[Path]:
    """``count`` numbered text documents of real paragraphs (30 to 70 each)."""
    texts = [r.text for r in records
             if r.kind in ("paragraph", "subparagraph", "preambular") and len(r.text) > 40]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        body = rng.sample(texts, rng.randint(30, 70))
        path = folder / f"synthetic-{i:04d}.txt"
        path.write_text(f"Synthetic resolution {i}\n\n"
                        + "\n\n".join(f"{k}. {t}" for k, t in enumerate(body, 1)) + "\n",
                        encoding="utf-8")
        out.append(path)
    return out


def one_more(root: Path, big_home: Path, model, model_dir: Path, one: Path, documents: int,
             rounds: int) -> None:
    from precedent.index.library import LibraryIndex

    idx = LibraryIndex(big_home, embedder=model)
    idx.open()
    have = len(idx.data.sources) - 1
    if have < documents:
        t0 = time.perf_counter()
        files = synthetic_documents(idx.data.records, documents - have, root / "synthetic",
                                    random.Random(21))
        results = idx.add_many(files)
        embedded = max((r.embedded for _, r in results if hasattr(r, "embedded")), default=0)
        print(f"grew the library to {len(idx.data.sources) - 1:,} added documents "
              f"({len(idx.data.records):,} records, {len(idx.data.sentence_rows):,} units, "
              f"{len(idx.data.parts)} segments) with {documents - have} synthetic ones in "
              f"{time.perf_counter() - t0:.0f} s ({embedded} texts embedded in the largest chunk)",
              flush=True)
    empty_home = fresh_home(root, "empty", model_dir)
    empty = LibraryIndex(empty_home, embedder=model)
    empty.open()
    times: dict[str, list[float]] = {"empty": [], "large": [], "empty-cli": [], "large-cli": []}
    embedded = {}
    for r in range(rounds):
        for name, lib, home in (("empty", empty, empty_home), ("large", idx, big_home)):
            t0 = time.perf_counter()
            result = lib.add(one)
            times[name].append(time.perf_counter() - t0)
            embedded[name] = result.embedded
            lib.remove(result.doc_id)
            seconds, _, _ = cli(home, "add", str(one))
            times[name + "-cli"].append(seconds)
            cli(home, "remove", result.doc_id)
        print(f"  round {r + 1}: empty {times['empty'][-1]:.2f} s, "
              f"large {times['large'][-1]:.2f} s; "
              f"`precedent add` empty {times['empty-cli'][-1]:.2f} s, "
              f"large {times['large-cli'][-1]:.2f} s", flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"add {one.name} ({result.paragraphs} paragraphs, {embedded['large']} texts embedded) "
          f"to a library of {len(idx.data.sources) - 1:,} documents: {med['large']:.2f} s, "
          f"to an empty one: {med['empty']:.2f} s (median of {rounds}, in-process, library "
          f"loaded): ratio {med['large'] / med['empty']:.2f}x (target <= 2x); "
          f"`precedent add FILE` (a new process loading the library): {med['large-cli']:.2f} s "
          f"vs {med['empty-cli']:.2f} s, ratio {med['large-cli'] / med['empty-cli']:.2f}x",
          flush=True)


def first_page(root: Path, rounds: int) -> None:
    from serving import time_to_page

    env = dict(os.environ, HF_HUB_OFFLINE="1")
    kept = root / "serve-existing"
    time_to_page(dict(env, PRECEDENT_HOME=str(kept)))  # makes the existing data directory
    times: dict[str, list[float]] = {"empty": [], "existing": []}
    for r in range(rounds):
        home = root / f"serve-empty-{r}"
        times["empty"].append(time_to_page(dict(env, PRECEDENT_HOME=str(home))))
        shutil.rmtree(home, ignore_errors=True)
        times["existing"].append(time_to_page(dict(env, PRECEDENT_HOME=str(kept))))
        print(f"  round {r + 1}: empty {times['empty'][-1]:.1f} s, "
              f"existing {times['existing'][-1]:.1f} s", flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"first page of `precedent serve` on an empty data directory: {med['empty']:.1f} s, "
          f"over an existing index: {med['existing']:.1f} s (median of {rounds}): ratio "
          f"{med['empty'] / med['existing']:.2f}x (target <= 1.3x)",
          flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=SHARED / "pdf-78")
    ap.add_argument("--repeat", type=int, default=1, help="bulk add and floor pairs (default 1)")
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--one", type=Path, default=SHARED / "pdf" / "A_RES_80_3.pdf")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-one", action="store_true")
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--skip-bulk", action="store_true",
                    help="no bulk add (and so no step 2): the first page only")
    ap.add_argument("--keep", action="store_true", help="keep the temporary data directories")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from machine import describe

    print(f"machine: {describe()}", flush=True)
    from precedent.index.embedder import load_embedder

    root = Path(tempfile.mkdtemp(prefix="precedent-bench-bulk-"))
    try:
        model_dir = root / "models"
        model = load_embedder(cache_dir=model_dir)
        model.encode(["warm up"])
        if not args.skip_serve:
            first_page(root, args.rounds)
        if args.skip_bulk:
            return 0
        runs = [bulk(root, args.folder, model, model_dir, i) for i in range(max(1, args.repeat))]
        if len(runs) > 1:
            ratios = [r["seconds"] / r["floor"] for r in runs]
            print(f"bulk add / floor over {len(runs)} runs: "
                  f"{', '.join(f'{x:.2f}x' for x in ratios)}")
        if not args.skip_one:
            one_more(root, runs[0]["home"], model, model_dir, args.one, args.documents, args.rounds)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
