"""Fit the pseudo-relevance feedback (``search.feedback``) on the tuning half of the issue-18 set
(never the held-out).

    python benchmarks/fit_feedback.py --home DIR

Over the library ``bench_heldout.py`` builds (pass the same ``--home``), each setting of
``Library.feedback`` (off; the number of first hits the question's vector moves towards, by how
much, for every question or only for a non-commitment question whose best keyword score is under
a share of an ideal match) is scored on ``eval_tune.jsonl``: nDCG@10 over its on-topic questions
for the whole half and for its even- and odd-numbered questions apart, per type, commit@1, and
the off-topic questions flagged low-confidence and the on-topic ones flagged. Prints the table;
chooses nothing (``search/feedback.py`` holds the chosen setting).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tuning import open_tuning, score_halves  # noqa: E402


def settings():
    """Off, then every question moved, then the rule (non-commitment, weak keyword side)."""
    from precedent.search.feedback import Feedback

    yield None
    for depth, beta in itertools.product((1, 2, 3, 5), (0.3, 0.5, 1.0)):
        yield Feedback(depth, beta, None, commitments=True)
    for depth, beta in itertools.product((1, 2, 3, 5), (0.3, 0.5, 1.0)):
        yield Feedback(depth, beta, 0.25, commitments=False)
    for share in (0.15, 0.2, 0.3):
        yield Feedback(1, 0.5, share, commitments=False)
    yield Feedback(1, 0.5, 0.25, commitments=True)


def label(fb) -> str:
    if fb is None:
        return "off"
    rule = "all" if fb.max_keyword is None else f"kw<{fb.max_keyword:g}"
    return f"m{fb.depth} b{fb.beta:g} {rule}{'' if fb.commitments else ' -c'}"


def main() -> int:
    import bench_heldout as bh

    lib, items, halves = open_tuning(__doc__)
    print(f"{'feedback':<20}" + "".join(f"{h:>7}" for h in halves)
          + "".join(f"{t[:6]:>7}" for t in bh.TYPES) + f"{'c@1':>5}{'off':>5}{'on':>4}")
    for fb in settings():
        lib.feedback = fb
        row = score_halves(lib, halves)
        s = row["all"]
        n = sum(1 for it in items if it.get("type") == "commitment")
        commit = round(s["commit@1"] * n) if s["commit@1"] is not None else "-"
        print(f"{label(fb):<20}" + "".join(f"{row[h]['overall']:>7.3f}" for h in halves)
              + "".join(f"{s['types'].get(t, float('nan')):>7.3f}" for t in bh.TYPES)
              + f"{commit:>5}{s['off_flag'][0]:>5}{s['on_flag'][0]:>4}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
