"""The random, stratified split of the issue-18 question sets into tuning and held-out halves.

    python benchmarks/eval_split.py ALL.jsonl            # write eval_tune.jsonl, eval_heldout.jsonl
    python benchmarks/eval_split.py --set 2 ALL.jsonl    # eval_tune2.jsonl, eval_heldout2.jsonl
    python benchmarks/eval_split.py --check              # every pair is that split of its union

Set 1 is the first set of 216 questions; set 2 the 80 written later (commitment, lay and
off-topic questions); set 3 130 questions of every type over the library of 90 documents, most
on the 66 resolutions of 2023; set 4 80 commitment, lay, cross and off-topic questions over the
same 90 documents, written after every ranking change before it; set 5 96 questions of every
type over the 90 documents, written after every ranking change of issue 18 (benchmarks/EVAL.md).

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
# set -> (its tuning file, its held-out file)
SETS = {"1": (TUNE, HELDOUT),
        "2": (HERE / "eval_tune2.jsonl", HERE / "eval_heldout2.jsonl"),
        "3": (HERE / "eval_tune3.jsonl", HERE / "eval_heldout3.jsonl"),
        "4": (HERE / "eval_tune4.jsonl", HERE / "eval_heldout4.jsonl"),
        "5": (HERE / "eval_tune5.jsonl", HERE / "eval_heldout5.jsonl")}


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


def check(tune_path: Path, held_path: Path) -> bool:
    tune, held = read(tune_path), read(held_path)
    ids = [it["id"] for it in tune + held]
    if len(ids) != len(set(ids)):
        print(f"eval_split: a question id stands twice in {tune_path.name} and {held_path.name}",
              file=sys.stderr)
        return False
    want_tune, want_held = split(tune + held)
    ok = [it["id"] for it in tune] == [it["id"] for it in want_tune] and \
         [it["id"] for it in held] == [it["id"] for it in want_held]
    print(f"{tune_path.name} / {held_path.name}: "
          + ("as drawn" if ok else "NOT the seeded split of the two files"))
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", help="all questions (JSON lines) to split")
    ap.add_argument("--set", default="1", choices=sorted(SETS), help="which pair of files")
    ap.add_argument("--check", action="store_true",
                    help="verify every pair of files against the split of its union")
    args = ap.parse_args()
    if args.check:
        ok = [check(*pair) for pair in SETS.values() if all(p.is_file() for p in pair)]
        return 0 if ok and all(ok) else 1
    if not args.source:
        ap.error("give the file of all questions, or --check")
    tune_path, held_path = SETS[args.set]
    tune, held = split(read(Path(args.source)))
    write(tune_path, tune)
    write(held_path, held)
    print(f"{len(tune)} questions to {tune_path.name}, {len(held)} to {held_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
