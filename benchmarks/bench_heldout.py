"""Ranking quality on the issue-18 sets, each half apart, over the library of 24 documents: the
shipped 2026 Progress Declaration draft, the three migration texts in ``../shared/real-un/text/``
(A/RES/73/195, A/RES/76/266, A/RES/73/326) and the twenty 2025 PDFs in ``../shared/real-un/pdf/``.
Prints figures; asserts nothing about them (it fails only on a label that names no record).

    python benchmarks/bench_heldout.py [--home DIR] [--details] [--distractors]

Builds the library in a temporary home with the default model, or reuses ``--home DIR`` (adding
any of the 23 files missing from it). Two sets, each split into a tuning and a held-out half
(``eval_split.py``): set 1, ``eval_tune.jsonl`` / ``eval_heldout.jsonl`` (216 questions of
eight types), and set 2, ``eval_tune2.jsonl`` / ``eval_heldout2.jsonl`` (80 commitment, lay and
off-topic questions written later); with ``--distractors``, set 3 too, ``eval_tune3.jsonl`` /
``eval_heldout3.jsonl`` (130 questions of every type over the 90 documents, most on the
resolutions of 2023), set 4, ``eval_tune4.jsonl`` / ``eval_heldout4.jsonl`` (80 commitment,
lay, cross and off-topic questions over the same documents) and set 5, ``eval_tune5.jsonl`` /
``eval_heldout5.jsonl`` (96 questions of every type over the same documents). Every label must
name an indexed paragraph; otherwise the mismatches are listed and the script exits with status 1
before any figure. Then, for each half and each system of ``precedent.search.evaluate.SYSTEMS``
(the product, keyword-only, dense-only, plain RRF):

- nDCG@10 over the on-topic questions, and per type (off-topic questions have no gold and are
  left out of every nDCG average);
- commit@1 over the commitment questions (first hit a commitment labelled for the question);
- the off-topic flag rate (share of off-topic questions whose answer has ``low_confidence``) and
  the on-topic false-flag rate (share of the other questions whose answer has it).

``--details`` lists, for the tuning halves only, the questions whose first hit (product) is not
graded 2 and the off-topic questions left unflagged. Nothing is ever listed for a held-out
half: read only its totals (see ``benchmarks/EVAL.md``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "real-un"
TEXTS = ("A_RES_73_195.txt", "A_RES_76_266.txt", "A_RES_73_326.txt")
# set 1 (216 questions of eight types) and set 2 (80 commitment, lay and off-topic questions
# written later), each a tuning half and a held-out half (``eval_split.py``; EVAL.md)
HALVES = (("tune", HERE / "eval_tune.jsonl"), ("heldout", HERE / "eval_heldout.jsonl"),
          ("tune2", HERE / "eval_tune2.jsonl"), ("heldout2", HERE / "eval_heldout2.jsonl"))
# set 3 (130 questions of every type, most on the 66 resolutions of 2023): scored with
# --distractors only, its labels naming paragraphs of the library of 90 documents
# set 4 (80 commitment, lay, cross and off-topic questions over the same 90 documents, written
# after every ranking change that came before it)
# set 5 (96 questions of every type over the same 90 documents, written after the last ranking
# change of issue 18: both halves were first scored as they stood)
HALVES_90 = (("tune3", HERE / "eval_tune3.jsonl"), ("heldout3", HERE / "eval_heldout3.jsonl"),
             ("tune4", HERE / "eval_tune4.jsonl"), ("heldout4", HERE / "eval_heldout4.jsonl"),
             ("tune5", HERE / "eval_tune5.jsonl"), ("heldout5", HERE / "eval_heldout5.jsonl"))
TUNING = ("tune", "tune2", "tune3", "tune4", "tune5")
TYPES = ("commitment", "topic", "exact", "lay", "paraphrase", "citation", "cross")
OFFTOPIC = "offtopic"
EXPECTED_DOCUMENTS = 24


def library_files(distractors: bool = False) -> list[Path]:
    """The 23 shared files; with ``distractors``, also the 66 resolutions of 2023 in ``pdf-78/``
    (none labelled: the same questions over a library four times larger, where more paragraphs
    compete for each answer; a relevant paragraph among them counts as a miss, so its figures
    are a lower bound)."""
    files = [SHARED / "text" / n for n in TEXTS] + sorted((SHARED / "pdf").glob("*.pdf"))
    return files + (sorted((SHARED / "pdf-78").glob("*.pdf")) if distractors else [])


def build(home: str, distractors: bool = False):
    """The library in ``home``: the shipped draft (there by default) and the shared files."""
    from precedent.search import Library

    t0 = time.perf_counter()
    lib = Library.open(home)
    have = {Path(str(d.get("source") or d.get("path") or "")).name for d in lib.documents()}
    todo = [p for p in library_files(distractors) if p.name not in have]
    if todo:
        lib.add_many(todo)
    docs = lib.documents()
    print(f"library: {len(docs)} documents, {len(lib.records)} records in {home} "
          f"({time.perf_counter() - t0:.0f} s)")
    return lib


def label_mismatches(lib, items) -> list[tuple[str, str]]:
    """(question id, label) for every label that names no indexed record."""
    from precedent.search.evaluate import label_key, record_labels

    short = {d["doc_id"]: d.get("short_title") or "" for d in lib.documents()}
    known = {key for r in lib.records for key in record_labels(r, short.get(r.doc_id, ""))}
    return [(it.get("id", "?"), g) for it in items for g in it["gold"] if label_key(g) not in known]


def run_system(lib, items, system: str) -> tuple[dict, list]:
    """``evaluate`` for one system, keeping the answers it searched (for their low-confidence
    flag)."""
    from precedent.search.evaluate import evaluate

    seen = []
    batch = lib.batch

    def spy(*args, **kwargs):
        answers = batch(*args, **kwargs)
        seen.append(answers)
        return answers

    lib.batch = spy
    try:
        result = evaluate(lib, items, system)
    finally:
        del lib.batch
    return result, list(seen[-1])


def summarize(items, result, answers) -> dict:
    on = [(it, d) for it, d in zip(items, result["details"]) if it.get("type") != OFFTOPIC]
    flags = [bool(a.low_confidence) for a in answers]
    off_flags = [f for it, f in zip(items, flags) if it.get("type") == OFFTOPIC]
    on_flags = [f for it, f in zip(items, flags) if it.get("type") != OFFTOPIC]
    table = result["table"]
    return {
        "overall": sum(d["ndcg@10"] for _, d in on) / len(on) if on else float("nan"),
        "types": {t: table[t]["ndcg@10"] for t in TYPES if t in table},
        "commit@1": table.get("commitment", {}).get("commit@1"),
        "off_flag": (sum(off_flags), len(off_flags)),
        "on_flag": (sum(on_flags), len(on_flags)),
        "flags": flags,
    }


def print_half(name: str, items, rows: dict) -> None:
    counts = {t: sum(1 for it in items if it.get("type") == t) for t in (*TYPES, OFFTOPIC)}
    print(f"\n{name} half: {len(items)} questions ("
          + ", ".join(f"{t} {n}" for t, n in counts.items()) + ")")
    head = (f"{'system':<13}{'overall':>8}" + "".join(f"{t[:10]:>11}" for t in TYPES)
            + f"{'commit@1':>9}{'off-flag':>10}{'on-flag':>10}")
    print(head)
    print("-" * len(head))
    for system, s in rows.items():
        row = f"{system:<13}{s['overall']:>8.3f}" + "".join(
            f"{s['types'].get(t, float('nan')):>11.3f}" for t in TYPES)
        c = s["commit@1"]
        row += f"{c:>9.3f}" if c is not None else f"{'-':>9}"
        (fo, no), (fn, nn) = s["off_flag"], s["on_flag"]
        row += f"{fo / no if no else float('nan'):>10.3f}{fn / nn if nn else float('nan'):>10.3f}"
        print(row)
    s = rows["precedent"]
    print(f"(nDCG@10 over on-topic questions, overall and per type; "
          "commit@1 over commitment questions; "
          "off-flag = off-topic questions flagged low-confidence "
          f"({s['off_flag'][0]}/{s['off_flag'][1]} for "
          "precedent); on-flag = on-topic questions flagged "
          f"({s['on_flag'][0]}/{s['on_flag'][1]} for precedent))")


def print_details(name, items, result, summary) -> None:
    from precedent.search.evaluate import label_key

    print(f"\n{name} (a tuning half), precedent: first hit not graded 2")
    for it, d in zip(items, result["details"]):
        if it.get("type") == OFFTOPIC or d["hit@1"] >= 1:
            continue
        gold = {label_key(k): v for k, v in it["gold"].items()}
        top = d["ranked"][0] if d["ranked"] else "-"
        print(f"  {d['id']} [{d['type']}] {d['query'][:70]!r}\n"
              f"      first: {top} (grade {gold.get(top, 0)}); "
              f"ndcg {d['ndcg@10']:.2f}; ranked {d['ranked'][:5]}")
    print(f"\n{name} (a tuning half), precedent: off-topic questions not flagged")
    for it, flag in zip(items, summary["flags"]):
        if it.get("type") == OFFTOPIC and not flag:
            print(f"  {it['id']} {it['query']!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", default=None, help="library home to build or reuse")
    ap.add_argument("--details", action="store_true",
                    help="list the tuning half's misses (never the held-out half's)")
    ap.add_argument("--distractors", action="store_true",
                    help="add the 66 unlabelled resolutions of ../shared/real-un/pdf-78 (a "
                         "library of 90 documents)")
    args = ap.parse_args()

    missing = [str(p) for p in library_files() if not p.is_file()]
    if missing or len(library_files()) != EXPECTED_DOCUMENTS - 1:
        print(f"bench_heldout: expected 3 texts and 20 PDFs under {SHARED}; "
              f"missing: {', '.join(missing) or '-'}",
              file=sys.stderr)
        return 2
    from workdir import in_data_directory

    return in_data_directory(args.home, "precedent-heldout-", lambda home: run(home, args))


def run(home: str, args) -> int:
    return evaluate(build(home, args.distractors), args)


def evaluate(lib, args) -> int:
    """The figures of both halves over ``lib`` (0), or 1/2 when a label or the library is wrong."""
    from precedent.search.evaluate import SYSTEMS, load_labelled

    wider = getattr(args, "distractors", False)
    halves = [(name, load_labelled(path)) for name, path in HALVES + (HALVES_90 if wider else ())]
    ndocs = len(lib.documents())
    expected = 1 + len(library_files(getattr(args, "distractors", False)))
    if ndocs != expected:
        print(f"bench_heldout: the library holds {ndocs} documents, expected {expected}",
              file=sys.stderr)
        return 2
    bad = [m for _, items in halves for m in label_mismatches(lib, items)]
    if bad:
        print(f"bench_heldout: {len(bad)} labels name no indexed paragraph:", file=sys.stderr)
        for qid, label in bad:
            print(f"  {qid}: {label}", file=sys.stderr)
        return 1
    print("labels: every label names an indexed paragraph")
    for name, items in halves:
        rows, results = {}, {}
        for system in SYSTEMS:
            t0 = time.perf_counter()
            result, answers = run_system(lib, items, system)
            rows[system] = summarize(items, result, answers)
            results[system] = result
            print(f"  {name}/{system}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        print_half(name, items, rows)
        if args.details and name in TUNING:
            print_details(name, items, results["precedent"], rows["precedent"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
