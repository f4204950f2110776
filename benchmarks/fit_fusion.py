"""Fit the weighted fusion's weights on the tuning half of the issue-18 set (never the held-out).

    python benchmarks/fit_fusion.py --home DIR

Over the library ``bench_heldout.py`` builds (pass the same ``--home``), a grid over the dense
weight (``Library.dense_weight``) and the whole paragraph's share of the dense side
(``Library.whole_share``; the rest is the best part's cosine) is scored on ``eval_tune.jsonl``:
nDCG@10 over its on-topic questions, per type, and commit@1, for the whole half and for its
even- and odd-numbered questions apart (weights that are best on one of the two and poor on the
other fit noise). Prints the table; chooses nothing (``search/api.py`` holds the chosen weights).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", required=True, help="the library home bench_heldout.py built")
    args = ap.parse_args()
    os.environ["PRECEDENT_HOME"] = args.home
    import bench_heldout as bh

    from precedent.search import Library
    from precedent.search.evaluate import load_labelled

    lib = Library.open(args.home)
    items = load_labelled(HERE / "eval_tune.jsonl")  # the tuning half only
    halves = {"all": items, "even": items[0::2], "odd": items[1::2]}
    print(f"{'dense':>6}{'whole':>6}" + "".join(f"{h:>8}" for h in halves)
          + "".join(f"{t[:6]:>8}" for t in bh.TYPES) + f"{'c@1':>6}")
    for weight, share in itertools.product((0.4, 0.5, 0.6, 0.7), (0.25, 0.5, 0.6, 0.75)):
        lib.dense_weight, lib.whole_share = weight, share
        row = {}
        with contextlib.redirect_stderr(io.StringIO()):
            for name, part in halves.items():
                result, answers = bh.run_system(lib, part, "precedent")
                row[name] = bh.summarize(part, result, answers)
        s = row["all"]
        print(f"{weight:>6.2f}{share:>6.2f}" + "".join(f"{row[h]['overall']:>8.3f}" for h in halves)
              + "".join(f"{s['types'].get(t, float('nan')):>8.3f}" for t in bh.TYPES)
              + f"{s['commit@1']:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
