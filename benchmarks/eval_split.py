"""The random, stratified split of the issue-18 question set into a tuning half and a held-out half.

    python benchmarks/eval_split.py ALL.jsonl     # write eval_tune.jsonl and eval_heldout.jsonl
    python benchmarks/eval_split.py --check       # the two files are that split of their union

Per type (in the order of ``TYPES``), the questions are sorted by id and shuffled with one
``random.Random(SEED)`` drawn in that order; the first half of each type (the larger half when the
count is odd) goes to the tuning file, the rest to the held-out file. Each file keeps id order.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 18
TYPES = ("commitment", "topic", "exact", "lay", "paraphrase", "citation", "cross", "offtopic")
TUNE, HELDOUT = HERE / "eval_tune.jsonl", HERE / "eval_heldout.jsonl"


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(items: list[dict]) -> tuple[list[dict], list[dict]]:
    unknown = sorted({it["type"] for it in items} - set(TYPES))
    if unknown:
        raise ValueError(f"unknown question types: {', '.join(unknown)}")
    rng = random.Random(SEED)
    tune, held = [], []
    for t in TYPES:
        group = sorted((it for it in items if it["type"] == t), key=lambda it: it["id"])
        rng.shuffle(group)
        cut = (len(group) + 1) // 2
        tune += group[:cut]
        held += group[cut:]
    return sorted(tune, key=lambda it: it["id"]), sorted(held, key=lambda it: it["id"])


def write(path: Path, items: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", help="all questions (JSON lines) to split")
    ap.add_argument("--check", action="store_true",
                    help="verify the two files against the split of their union")
    args = ap.parse_args()
    if args.check:
        tune, held = read(TUNE), read(HELDOUT)
        ids = [it["id"] for it in tune + held]
        if len(ids) != len(set(ids)):
            print("eval_split: a question id stands twice", file=sys.stderr)
            return 1
        want_tune, want_held = split(tune + held)
        ok = [it["id"] for it in tune] == [it["id"] for it in want_tune] and \
             [it["id"] for it in held] == [it["id"] for it in want_held]
        print("split: as drawn" if ok else "split: NOT the seeded split of the two files")
        return 0 if ok else 1
    if not args.source:
        ap.error("give the file of all questions, or --check")
    tune, held = split(read(Path(args.source)))
    write(TUNE, tune)
    write(HELDOUT, held)
    print(f"{len(tune)} questions to {TUNE.name}, {len(held)} to {HELDOUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
