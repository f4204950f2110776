"""Fit the document-level prior (``search.document_prior``) on the tuning half of the issue-18 set
(never the held-out).

    python benchmarks/fit_document_prior.py --home DIR

Over the library ``bench_heldout.py`` builds (pass the same ``--home``), each setting of
``Library.document_prior`` (off; the weight on the fused score, the cosine floor, the title alone
or with the short name, commitment questions or not) is scored on ``eval_tune.jsonl``: nDCG@10
over its on-topic questions for the whole half and for its even- and odd-numbered questions
apart, per type, commit@1, and the off-topic questions flagged low-confidence and the on-topic
ones flagged. Prints the table; chooses nothing (``search/document_prior.py`` holds the chosen
setting).
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


def settings():
    """Off; no floor; the grid of weight by floor; the short name; commitment questions left out."""
    from precedent.search.document_prior import DocumentPrior

    yield None
    for weight in (0.05, 0.1, 0.2, 0.3):
        yield DocumentPrior(weight, 0.0)
    for weight, floor in itertools.product((0.2, 0.3, 0.5, 0.8), (0.35, 0.4, 0.45, 0.5, 0.55)):
        yield DocumentPrior(weight, floor)
    for weight, floor in itertools.product((0.2, 0.3, 0.5), (0.4, 0.45, 0.5)):
        yield DocumentPrior(weight, floor, names=True)
    for weight, floor in itertools.product((0.2, 0.3, 0.5), (0.4, 0.5)):
        yield DocumentPrior(weight, floor, commitments=False)


def label(p) -> str:
    if p is None:
        return "off"
    return (f"w{p.weight:g} floor {p.floor:g}{' +name' if p.names else ''}"
            f"{'' if p.commitments else ' -c'}")


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
    print(f"{'document prior':<24}" + "".join(f"{h:>7}" for h in halves)
          + "".join(f"{t[:6]:>7}" for t in bh.TYPES) + f"{'c@1':>5}{'off':>5}{'on':>4}")
    for p in settings():
        lib.document_prior = p
        row = {}
        with contextlib.redirect_stderr(io.StringIO()):
            for name, part in halves.items():
                result, answers = bh.run_system(lib, part, "precedent")
                row[name] = bh.summarize(part, result, answers)
        s = row["all"]
        n = sum(1 for it in items if it.get("type") == "commitment")
        commit = round(s["commit@1"] * n) if s["commit@1"] is not None else "-"
        print(f"{label(p):<24}" + "".join(f"{row[h]['overall']:>7.3f}" for h in halves)
              + "".join(f"{s['types'].get(t, float('nan')):>7.3f}" for t in bh.TYPES)
              + f"{commit:>5}{s['off_flag'][0]:>5}{s['on_flag'][0]:>4}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
