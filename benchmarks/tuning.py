"""What the ``fit_*`` scripts share: the library ``bench_heldout.py`` built (``--home``), the
tuning half of the issue-18 set with its even- and odd-numbered questions apart, and one setting
scored on each of them. Nothing here reads the held-out half.

    from tuning import open_tuning, score_halves  # benchmarks/ is on sys.path
    lib, items, halves = open_tuning(__doc__)
    row = score_halves(lib, halves)  # {"all": summary, "even": ..., "odd": ...}
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The sets the low-confidence call is fitted on (``fit_confidence*.py``): the tuning half and the
# older sets, each read when present; never the held-out half.
CONFIDENCE_SETS = [HERE / "eval_tune.jsonl", HERE / "eval_multi.jsonl", HERE / "eval_extra.jsonl",
                   HERE.parents[1] / "shared" / "eval" / "dev.jsonl"]


def confidence_questions():
    """(set file name, labelled question) for every question of the ``CONFIDENCE_SETS`` present."""
    from precedent.search.evaluate import load_labelled

    for path in CONFIDENCE_SETS:
        if path.is_file():
            for item in load_labelled(path):
                yield path.name, item


def open_tuning(doc: str):
    """Parse ``--home``, open that library and load the tuning half: (library, its questions,
    {"all", "even", "odd"} -> questions)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--home", required=True, help="the library home bench_heldout.py built")
    args = ap.parse_args()
    os.environ["PRECEDENT_HOME"] = args.home
    from precedent.search import Library
    from precedent.search.evaluate import load_labelled

    items = load_labelled(HERE / "eval_tune.jsonl")  # the tuning half only
    return Library.open(args.home), items, {"all": items, "even": items[0::2], "odd": items[1::2]}


def score_halves(lib, halves: dict) -> dict:
    """``bench_heldout``'s summary of the product, as ``lib`` is set now, for each named part."""
    import bench_heldout as bh

    row = {}
    with contextlib.redirect_stderr(io.StringIO()):
        for name, part in halves.items():
            result, answers = bh.run_system(lib, part, "precedent")
            row[name] = bh.summarize(part, result, answers)
    return row
