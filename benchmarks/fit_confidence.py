"""Fit the low-confidence call (``search.ranking.LOW_DENSE``, ``LOW_COVERAGE``) on the tuning
half of the issue-18 set and the older on-topic sets; never on ``eval_heldout.jsonl``.

    python benchmarks/fit_confidence.py --home DIR   # a library of the 24 documents (bench_heldout.py)

For each question (quoted phrases and citations aside: they are answered exactly) it takes the
product's answer and prints the evidence the call uses: the best dense cosine among the hits and
the best rarity-weighted share of the question's words that one of the first ten hits holds. Then,
for the cosine threshold, the midpoint between the highest off-topic cosine that can be flagged
without flagging any on-topic question and the lowest on-topic cosine above it.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = [HERE / "eval_tune.jsonl", HERE / "eval_multi.jsonl", HERE / "eval_extra.jsonl",
        HERE.parents[1] / "shared" / "eval" / "dev.jsonl"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", required=True)
    args = ap.parse_args()
    os.environ["PRECEDENT_HOME"] = args.home
    from precedent.search import Library
    from precedent.search.ranking import LOW_COVERAGE, answer_confidence

    lib = Library.open(args.home)
    rows = []
    for path in SETS:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            answer = lib.search(item["query"], k=10)
            if answer.intent == "citation" or answer.phrases or item.get("type") == "draft":
                continue
            from precedent.search.query import parse_query

            c = answer_confidence(parse_query(item["query"]), answer.hits, "hybrid", lib.view.data.keyword.idf)
            rows.append((item.get("type") == "offtopic", c.dense, c.coverage, path.name, item["query"][:60]))
    off = sorted(r for r in rows if r[0])
    on = sorted((r for r in rows if not r[0]), key=lambda r: r[1])
    print(f"{len(off)} off-topic, {len(on)} on-topic questions")
    for r in sorted(rows, key=lambda r: r[1])[:40]:
        print(f"  {'OFF' if r[0] else 'on '} cos {r[1]:.3f} cover {r[2]:.2f}  {r[3]}: {r[4]}")
    lowest_on = min(r[1] for r in on if r[2] < LOW_COVERAGE)
    below = [r[1] for r in off if r[1] < lowest_on]
    threshold = (max(below) + lowest_on) / 2 if below else lowest_on
    print(f"threshold: {threshold:.3f} (highest off-topic cosine under the lowest on-topic one {lowest_on:.3f}: "
          f"{max(below) if below else float('nan'):.3f}); flags {len(below)}/{len(off)} off-topic, 0/{len(on)} on-topic")
    print(f"off-topic cover above {LOW_COVERAGE}: {sum(1 for r in off if r[2] >= LOW_COVERAGE)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
