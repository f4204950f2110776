"""Ranking quality over the four-document library (the Global Compact A/RES/73/195, the 2022
Progress Declaration A/RES/76/266, the review-forum modalities A/RES/73/326 and the shipped 2026
Progress Declaration draft). Prints figures; asserts nothing.

    python benchmarks/bench_multi.py [--home DIR] [--details] [EXTRA.jsonl ...]

Builds the library in a temporary home with the default model (or reuses ``--home DIR``, adding
the three shared texts when they are missing), then evaluates every system of
``precedent.search.evaluate.SYSTEMS`` on ``benchmarks/eval_multi.jsonl`` and on each file given:
per system, overall and per-type nDCG@10, and commit@1 over the commitment questions.
``--details`` lists the questions whose first hit (precedent system) is not graded 2.

Last, the README's "Quality" table, row for row as it stands there, and the machine it was
measured on (``machine.describe``): its one-document rows evaluate the labelled one-document sets
(``../shared/eval/dev.jsonl``, ``benchmarks/eval_extra.jsonl``) on a library of the shipped
Declaration alone, as ``precedent eval`` does.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "text"
ONE_DOCUMENT = (("`../shared/eval/dev.jsonl`",
                 HERE.parent.parent / "shared" / "eval" / "dev.jsonl"),
                ("`benchmarks/eval_extra.jsonl`", HERE / "eval_extra.jsonl"))
README_TYPES = ("commitment", "topic", "paraphrase", "exact", "draft")  # the README's order
TEXTS = ("A_RES_73_195.txt", "A_RES_76_266.txt", "A_RES_73_326.txt")
DEFAULT_EVAL = HERE / "eval_multi.jsonl"


def build(home: str):
    from precedent.search import Library

    t0 = time.perf_counter()
    lib = Library.open(home)
    have = {Path(str(d.get("source") or d.get("path") or "")).name for d in lib.documents()}
    symbols = {str(d.get("symbol") or "") for d in lib.documents()}
    for name in TEXTS:
        symbol = "A/RES/" + name[len("A_RES_"):-len(".txt")].replace("_", "/")
        if name in have or symbol in symbols:
            continue
        lib.add(SHARED / name)
    print(f"library: {len(lib.documents())} documents, {len(lib.records)} records "
          f"in {home} ({time.perf_counter() - t0:.0f} s)")
    return lib


def unmatched_labels(lib, items) -> set[str]:
    """Labels naming a document and number that no indexed paragraph answers to (a wrong label,
    or a paragraph the parser numbers otherwise than the document prints it)."""
    from precedent.search.evaluate import label_key, record_labels

    short = {d["doc_id"]: d.get("short_title") or "" for d in lib.documents()}
    known = {key for r in lib.records for key in record_labels(r, short.get(r.doc_id, ""))}
    return {g for it in items for g in it["gold"] if label_key(g) not in known}


def readme_table(results: dict, n_questions: int,
                 one_document: list[tuple[str, float]]) -> list[str]:
    """The README's Quality table (after its header rows) from ``evaluate`` results per system on
    ``eval_multi.jsonl`` and the one-document sets' nDCG@10, worded as the README words it."""
    from precedent.search.evaluate import SYSTEMS

    table = {s: results[s]["table"] for s in SYSTEMS}
    overall = [f"{table[s]['overall']['ndcg@10']:.3f}" for s in SYSTEMS]
    overall[0] = f"**{overall[0]}**"
    mine = table["precedent"]
    commits = [d["commit@1"] for d in results["precedent"]["details"]
               if d.get("type") == "commitment"]
    per_type = " / ".join(format(mine[t]["ndcg@10"], ".3f") if t in mine else "-"
                          for t in README_TYPES)
    rows = [f"{n_questions} labelled questions over the four-document library",
            "| set | precedent | keyword-only | dense-only | plain RRF |",
            "| --- | --- | --- | --- | --- |",
            f"| four documents, overall | {' | '.join(overall)} |",
            f"| {' / '.join(README_TYPES)} | {per_type} | | | |",
            f"| first hit of a commitment question a commitment | {int(sum(commits))} of "
            f"{len(commits)} | | | |"]
    rows += [f"| {name} (one document) | {score:.3f} | | | |" for name, score in one_document]
    return rows


def one_document_scores() -> list[tuple[str, float]]:
    """nDCG@10 (precedent) of the one-document labelled sets on the shipped Declaration alone."""
    from precedent.search import Library
    from precedent.search.evaluate import evaluate, load_labelled

    home = tempfile.mkdtemp(prefix="precedent-one-document-")
    try:
        lib = Library.open(home)
        return [(name,
                 evaluate(lib, load_labelled(path), "precedent")["table"]["overall"]["ndcg@10"])
                for name, path in ONE_DOCUMENT if path.is_file()]
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="further labelled JSONL files")
    ap.add_argument("--home", default=None, help="library home to build or reuse")
    ap.add_argument("--details", action="store_true",
                    help="list questions whose first hit is wrong")
    args = ap.parse_args()

    missing = [n for n in TEXTS if not (SHARED / n).is_file()]
    if missing:
        print(f"bench_multi: shared texts not found in {SHARED}: {', '.join(missing)}",
              file=sys.stderr)
        return 2
    from workdir import in_data_directory

    return in_data_directory(args.home, "precedent-multi-", lambda home: run(home, args))


def run(home: str, args) -> int:
    from machine import describe

    from precedent.search.evaluate import SYSTEMS, evaluate, load_labelled

    machine = describe()  # before this run loads the machine
    lib = build(home)
    readme = None
    for path in [DEFAULT_EVAL, *map(Path, args.files)]:
        items = load_labelled(path)
        types = sorted({it.get("type", "all") for it in items})
        print(f"\n{path.name}: {len(items)} questions")
        unmatched = unmatched_labels(lib, items)
        if unmatched:
            print(f"note: {len(unmatched)} labels name no indexed paragraph (scored as misses), "
                  "e.g. "
                  + ", ".join(sorted(unmatched)[:4]))
        head = f"{'system':<14}{'overall':>9}" + "".join(f"{t[:10]:>11}"
                                                         for t in types) + f"{'commit@1':>10}"
        print(head)
        print("-" * len(head))
        results = {}
        for system in SYSTEMS:
            res = evaluate(lib, items, system)
            results[system] = res
            t = res["table"]
            row = f"{system:<14}{t['overall']['ndcg@10']:>9.3f}"
            row += "".join(f"{t[ty]['ndcg@10']:>11.3f}" for ty in types)
            c = t.get("commitment", {}).get("commit@1")
            row += f"{c:>10.3f}" if c is not None else f"{'-':>10}"
            print(row)
        print("(nDCG@10 overall and per type; commit@1 over commitment questions)")
        if path == DEFAULT_EVAL:
            readme = (results, len(items))
        if args.details:
            gold = {it.get("id"): it["gold"] for it in items}
            from precedent.search.evaluate import label_key
            print("\nfirst hit not graded 2 (precedent):")
            for d in results["precedent"]["details"]:
                g = {label_key(k): v for k, v in gold[d["id"]].items()}
                if d["hit@1"] < 1:
                    top = d["ranked"][0] if d["ranked"] else "-"
                    print(f"  {d['id']} [{d['type']}] {d['query'][:70]!r}\n      first: {top} "
                          f"(grade {g.get(top, 0)}); ndcg {d['ndcg@10']:.2f}; ranked "
                          f"{d['ranked'][:5]}")
    time_draft_comparison(lib)
    print(f"\nREADME figures (Quality), measured on: {machine}")
    for line in readme_table(*readme, one_document_scores()):
        print(f"  {line}")
    return 0


def time_draft_comparison(lib) -> None:
    """The 2026 draft compared paragraph by paragraph against the three earlier texts (its own
    document left out), first run (cold caches) and again."""
    from precedent.corpus import shipped_documents
    from precedent.search.compare import compare_file

    draft = next(d for d in shipped_documents() if d["doc_id"] == "imrf-2026-progress-declaration")
    for label in ("first", "again"):
        t0 = time.perf_counter()
        result = compare_file(lib, draft["path"], exclude_docs=[draft["doc_id"]])
        print(f"\ncompare the 2026 draft ({len(result.paragraphs)} paragraphs) with the earlier "
              f"texts, {label}: {time.perf_counter() - t0:.2f} s; {result.coverage:.0%} agreed "
              "language")


if __name__ == "__main__":
    sys.exit(main())
