"""Which fusion ranks better: weighted (the default) or reciprocal-rank, inside the full system
(phrases, commitment order and all), on labelled query files. Prints nDCG@10; asserts nothing.

    python benchmarks/bench_fusion.py ../shared/eval/dev.jsonl benchmarks/eval_extra.jsonl
"""

from __future__ import annotations

import sys

from precedent.search import Library
from precedent.search.evaluate import evaluate, load_labelled


def main(paths: list[str]) -> int:
    lib = Library.open()
    items_all = []
    for path in paths:
        items = load_labelled(path)
        items_all += items
        report(lib, path, items)
    if len(paths) > 1:
        report(lib, "all", items_all)
    return 0


def report(lib: Library, name: str, items: list[dict]) -> None:
    cells = []
    for fusion in ("weighted", "rrf"):
        lib.fusion = fusion
        table = evaluate(lib, items)["table"]
        per_type = ", ".join(f"{t} {m['ndcg@10']:.3f}" for t, m in table.items() if t != "overall")
        cells.append(f"{fusion}: nDCG@10 {table['overall']['ndcg@10']:.3f} ({per_type})")
    lib.fusion = "weighted"
    print(f"{name} (n={len(items)})\n  " + "\n  ".join(cells))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["benchmarks/eval_extra.jsonl"]))
