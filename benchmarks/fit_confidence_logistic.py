"""A logistic low-confidence call, tried against today's rule (``search.ranking.LOW_DENSE``,
``LOW_COVERAGE``) on the tuning half of the issue-18 set and the older on-topic sets; never on
``eval_heldout.jsonl``. Chooses nothing: the product keeps today's rule (benchmarks/EVAL.md, "The
low-confidence flag and commit@1 (w18d)").

    python benchmarks/fit_confidence_logistic.py --home DIR
        # a library of the 24 documents (bench_heldout.py)

For each question (quoted phrases, citations and draft questions aside, as in
``fit_confidence.py``) it takes the product's answer and measures evidence that needs no model
pass beyond the question's own encoding:

- ``dense``: the best hit's cosine as the call reads it (mean of paragraph and best part);
  ``whole`` / ``part``: the best paragraph cosine and best part (sentence or clause window)
  cosine among the hits;
- ``cov``: the best rarity-weighted share of the question's words one of the first ten hits
  holds; ``kwn``: the best BM25 score among the hits over an ideal match's;
- ``top``, ``gap``: the first fused score and its lead over the tenth;
- ``unk``: the rarity-weighted share of the question's words the library never uses;
- ``peak``: the best paragraph cosine over the whole library less the mean of its best 50;
  ``z``: the same best cosine in standard deviations above the library's mean.

Then, for a few feature sets, a logistic model (numpy, L2-penalised Newton steps, features
standardised) left-one-out over all the questions: each question is called by a model and a
threshold fitted on the others (the threshold: midway between the highest on-topic score, or
the ``k``-th highest when ``k`` false flags are allowed, and the next off-topic score above it).
Printed: off-topic questions flagged and on-topic questions flagged, per feature set and ``k``,
and the same fitted on the even-numbered questions and called on the odd ones and back.
The last feature set (part cosine, peak, z) is the one a wider search (every set of one to three
of 14 features, two penalties) found flagging a 16th off-topic question at ``--l2 0.1``; at the
default 1.0 it flags fewer.
"""

from __future__ import annotations

import argparse
import os

import numpy as np
from tuning import confidence_questions  # benchmarks/ is on sys.path

FEATURE_SETS = [("dense",), ("dense", "cov"), ("dense", "peak"), ("whole", "part", "cov"),
                ("dense", "cov", "peak"), ("dense", "cov", "gap"), ("dense", "unk"),
                ("dense", "kwn", "top"), ("part", "peak", "z")]


def measure(home: str) -> list[dict]:
    """One row of evidence per question of ``tuning.CONFIDENCE_SETS`` (see the module's
    docstring)."""
    from precedent.search import Library
    from precedent.search.query import parse_query
    from precedent.search.ranking import _query_stems, coverage_of

    lib = Library.open(home)
    rows = []
    for set_name, item in confidence_questions():
        answer = lib.search(item["query"], k=10)
        if answer.intent == "citation" or answer.phrases or item.get("type") == "draft":
            continue
        # the matches the low-confidence call reads: the hits shown, chapeaux aside, in order
        hits = [h for h in answer.hits if h.role != "chapeau"]
        if not hits:
            continue
        rows.append({"id": item.get("id"), "set": set_name,
                     "off": item.get("type") == "offtopic",
                     **evidence(lib, parse_query(item["query"]), hits, coverage_of,
                                _query_stems)})
    return rows


def evidence(lib, pq, hits, coverage_of, query_stems) -> dict:
    snap = lib._snapshot
    qv = lib._encode([pq.retrieval_text])[0]
    rows = np.array([snap.data.by_id[h.record.id] for h in hits])
    whole = snap.data.vectors[rows] @ qv
    part = 2 * snap.dense_scores(rows, qv) - whole
    library = np.sort(snap.data.vectors @ qv)[::-1]
    keyword = snap.data.keyword
    ideal = keyword.ideal_score(pq.retrieval_text) or 1.0
    stems = query_stems(pq.base_text)
    weights = [snap.idf(t) for t in stems]
    unknown = sum(w for t, w in zip(stems, weights) if keyword.df(t) == 0)
    cover = coverage_of(pq.base_text, snap.idf)
    scores = sorted((h.score for h in hits), reverse=True)
    return {"dense": max(h.dense for h in hits), "whole": float(whole.max()),
            "part": float(part.max()), "cov": max(cover(h.record.text) for h in hits[:10]),
            "kwn": max(h.keyword for h in hits) / ideal, "top": scores[0],
            "gap": scores[0] - scores[min(9, len(scores) - 1)],
            "unk": unknown / sum(weights) if weights and sum(weights) else 0.0,
            "peak": float(library[0] - library[:50].mean()),
            "z": float((library[0] - library.mean()) / (library.std() + 1e-9))}


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Logistic regression (last coefficient the intercept, not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    penalty = np.diag(np.r_[np.ones(x.shape[1]), 0.0]) * l2
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-xb @ beta))
        grad = xb.T @ (p - y) + penalty @ beta
        hess = (xb.T * (p * (1 - p))) @ xb + penalty
        beta -= np.linalg.solve(hess, grad)
    return beta


def call(x: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return np.hstack([x, np.ones((len(x), 1))]) @ beta


def threshold(s: np.ndarray, y: np.ndarray, k: int) -> float:
    """Midway between the (k+1)-th highest on-topic score and the next off-topic score above."""
    t = np.sort(s[y == 0])[::-1][k]
    above = s[(y == 1) & (s > t)]
    return float((t + above.min()) / 2) if len(above) else float(t)


def flags(x: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray, k: int,
          l2: float) -> np.ndarray:
    beta = fit(x[train], y[train], l2)
    return call(x[test], beta) > threshold(call(x[train], beta), y[train], k)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", required=True)
    ap.add_argument("--l2", type=float, default=1.0, help="the logistic's L2 penalty")
    args = ap.parse_args()
    os.environ["PRECEDENT_HOME"] = args.home
    rows = measure(args.home)
    y = np.array([r["off"] for r in rows], dtype=float)
    n_off, n_on = int(y.sum()), int(len(y) - y.sum())
    print(f"{n_off} off-topic, {n_on} on-topic questions; today's rule flags "
          f"{sum(1 for r in rows if r['off'] and r['dense'] < 0.442 and r['cov'] < 0.6)} / "
          f"{sum(1 for r in rows if not r['off'] and r['dense'] < 0.442 and r['cov'] < 0.6)}")
    number = np.array([int("".join(c for c in str(r["id"]) if c.isdigit()) or 0) for r in rows])
    for features in FEATURE_SETS:
        x = np.array([[r[f] for f in features] for r in rows])
        x = (x - x.mean(0)) / x.std(0)
        loo = []
        for k in (0, 1, 2):
            got = np.array([flags(x, y, np.arange(len(y)) != i, np.array([i]), k, args.l2)[0]
                            for i in range(len(y))])
            loo.append(f"k={k}: {int(got[y == 1].sum())}/{n_off} off, "
                       f"{int(got[y == 0].sum())}/{n_on} on")
        halves = []
        for parity in (0, 1):
            train = number % 2 == parity
            got = flags(x, y, train, ~train, 0, args.l2)
            test_y = y[~train]
            halves.append(f"{int(got[test_y == 1].sum())}/{int(test_y.sum())} off, "
                          f"{int(got[test_y == 0].sum())}/{int((test_y == 0).sum())} on")
        print(f"{' + '.join(features):<22} left-one-out {'; '.join(loo)} | even -> odd "
              f"{halves[0]}; odd -> even {halves[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
