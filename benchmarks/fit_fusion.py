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

import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tuning import open_tuning, score_halves  # noqa: E402


def main() -> int:
    import bench_heldout as bh

    lib, _, halves = open_tuning(__doc__)
    print(f"{'dense':>6}{'whole':>6}" + "".join(f"{h:>8}" for h in halves)
          + "".join(f"{t[:6]:>8}" for t in bh.TYPES) + f"{'c@1':>6}")
    for weight, share in itertools.product((0.4, 0.5, 0.6, 0.7), (0.25, 0.5, 0.6, 0.75)):
        lib.dense_weight, lib.whole_share = weight, share
        row = score_halves(lib, halves)
        s = row["all"]
        print(f"{weight:>6.2f}{share:>6.2f}" + "".join(f"{row[h]['overall']:>8.3f}" for h in halves)
              + "".join(f"{s['types'].get(t, float('nan')):>8.3f}" for t in bh.TYPES)
              + f"{s['commit@1']:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
