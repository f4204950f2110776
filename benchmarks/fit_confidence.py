"""Fit the low-confidence call (``search.ranking.LOW_DENSE``, ``LOW_COVERAGE``) on the tuning
half of the issue-18 set and the older on-topic sets; never on ``eval_heldout.jsonl``.

    python benchmarks/fit_confidence.py --home DIR
        # a library of the 24 documents (bench_heldout.py)

For each question (quoted phrases and citations aside: they are answered exactly) it takes the
product's answer and prints the evidence the call uses: the best dense cosine among the hits and
the best rarity-weighted share of the question's words that one of the first ten hits holds. Then,
for the cosine threshold, the midpoint between the highest off-topic cosine that can be flagged
without flagging any on-topic question and the lowest on-topic cosine above it.

    python benchmarks/fit_confidence.py --home DIR --relevance

fits the relevance words instead (``search.ranking.STRONG_SCORE``, ``FAIR_SCORE``): over the
entries the product shows for the tuning half's questions (exact phrases and citations aside),
the share labelled for the question among the entries scoring at least each threshold, and the
off-topic entries above it. ``strong``: the lowest score above which nine entries in ten are
labelled; ``fair``: the lowest score above which no off-topic question's entry stands.
"""

from __future__ import annotations

import argparse
import os

from tuning import CONFIDENCE_SETS, confidence_questions  # benchmarks/ is on sys.path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", required=True)
    ap.add_argument("--relevance", action="store_true",
                    help="fit the relevance words' score thresholds")
    args = ap.parse_args()
    os.environ["PRECEDENT_HOME"] = args.home
    if args.relevance:
        return fit_relevance(args.home)
    from precedent.search import Library
    from precedent.search.ranking import LOW_COVERAGE, answer_confidence

    lib = Library.open(args.home)
    rows = []
    for set_name, item in confidence_questions():
        answer = lib.search(item["query"], k=10)
        if answer.intent == "citation" or answer.phrases or item.get("type") == "draft":
            continue
        from precedent.search.query import parse_query

        c = answer_confidence(parse_query(item["query"]), answer.hits, "hybrid",
                              lib.view.data.keyword.idf)
        rows.append((item.get("type") == "offtopic", c.dense, c.coverage, set_name,
                     item["query"][:60]))
    off = sorted(r for r in rows if r[0])
    on = sorted((r for r in rows if not r[0]), key=lambda r: r[1])
    print(f"{len(off)} off-topic, {len(on)} on-topic questions")
    for r in sorted(rows, key=lambda r: r[1])[:40]:
        print(f"  {'OFF' if r[0] else 'on '} cos {r[1]:.3f} cover {r[2]:.2f}  {r[3]}: {r[4]}")
    lowest_on = min(r[1] for r in on if r[2] < LOW_COVERAGE)
    below = [r[1] for r in off if r[1] < lowest_on]
    threshold = (max(below) + lowest_on) / 2 if below else lowest_on
    print(f"threshold: {threshold:.3f} (highest off-topic cosine under the lowest on-topic one "
          f"{lowest_on:.3f}: {max(below) if below else float('nan'):.3f}); flags "
          f"{len(below)}/{len(off)} off-topic, 0/{len(on)} on-topic")
    print(f"off-topic cover above {LOW_COVERAGE}: {sum(1 for r in off if r[2] >= LOW_COVERAGE)}")
    return 0


def fit_relevance(home: str) -> int:
    from precedent.search import Library
    from precedent.search.evaluate import hit_label, label_key, load_labelled

    lib = Library.open(home)
    items = load_labelled(CONFIDENCE_SETS[0])
    points = []  # (entry score, labelled for the question, off-topic question)
    for item, answer in zip(items, lib.batch([it["query"] for it in items], k=10)):
        if answer.intent == "citation" or answer.phrases:
            continue
        gold = {label_key(g): v for g, v in item["gold"].items()}
        for entry in answer.ranked():
            graded = any(gold.get(hit_label(h, gold), 0) for h in entry.hits if h.role != "chapeau")
            points.append((entry.score, graded, item.get("type") == "offtopic"))
    print(f"{len(points)} entries of {len(items)} questions")
    strong = fair = None
    for t in [x / 100 for x in range(30, 90, 2)]:
        above = [p for p in points if p[0] >= t]
        if not above:
            break
        share = sum(p[1] for p in above) / len(above)
        off = sum(p[2] for p in above)
        print(f"  score >= {t:.2f}: {len(above):4d} entries, {share:.2f} labelled, "
              f"{off} of off-topic questions")
        if fair is None and off == 0:
            fair = t
        if strong is None and share >= 0.9:
            strong = t
    print(f"fair from {fair}, strong from {strong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
