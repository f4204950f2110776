"""How well does ``precedent compare`` find the source of an edited paragraph? And how fast?

    python benchmarks/bench_compare.py            # the bundled model (loads in a few seconds)
    python benchmarks/bench_compare.py --fake     # the hash embedder (no model; machinery only)

Takes ~40 annex paragraphs of the shipped Progress Declaration, edits each in four ways
(``words``: words replaced, inserted, deleted; ``drop``: a clause dropped; ``reorder``: clauses
reordered; ``mixed``: all three), compares the edited paragraphs with the library and prints,
per kind of edit, the share whose source paragraph is the best match; then time per paragraph,
verbatim copies' coverage, and how off-topic paragraphs fare against the confidence threshold.
``make_cases`` is also used by tests/test_compare.py.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EDIT_KINDS = ("words", "drop", "reorder", "mixed")
FILLERS = ("further", "all", "effectively", "fully", "relevant", "national", "appropriate", "also",
           "including", "strengthened", "collective", "concrete", "enhanced", "inclusive")
OFF_TOPIC = (
    "Deep-sea mining royalties shall be shared among coastal States through a seabed authority "
    "fund.",
    "We decide that the orbital debris mitigation guidelines shall apply to all satellite "
    "operators launching constellations of more than one hundred spacecraft.",
    "The Conference adopts the revised tariff schedule for postal parcels weighing more than two "
    "kilograms, effective from the first day of the next financial year.",
    "We call for an intergovernmental panel on the conservation of coral reefs and fish stocks in "
    "areas beyond national jurisdiction.",
    "Requests the Secretary-General to report on the maintenance of the headquarters elevators and "
    "the replacement of the conference room audio equipment.",
)
_CLAUSE = re.compile(r"(?<=[,;])\s+")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c]


def _join(clauses: list[str]) -> str:
    out = " ".join(c.strip() for c in clauses).strip()
    return out[:1].upper() + out[1:]


def edit_words(text: str, rng: random.Random, vocab: list[str], rate: float = 1.0) -> str:
    """~8% of words replaced, ~5% deleted, ~6% inserted (times ``rate``)."""
    words = text.split()
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.08 * rate:
            out.append(rng.choice(vocab))  # replaced
        elif r < 0.13 * rate:
            continue  # deleted
        else:
            out.append(w)
        if rng.random() < 0.06 * rate:
            out.append(rng.choice(FILLERS))  # inserted
    if out == words:
        out.insert(rng.randrange(1, len(out)), rng.choice(FILLERS))
    return " ".join(out)


def drop_clause(text: str, rng: random.Random) -> str:
    clauses = _clauses(text)
    words = len(text.split())
    droppable = [i for i, c in enumerate(clauses) if i > 0 and len(c.split()) <= 0.45 * words]
    if droppable:
        i = rng.choice(droppable)
        return _join(clauses[:i] + clauses[i + 1:])
    ws = text.split()  # one clause: drop its last third
    return " ".join(ws[: max(3, int(len(ws) * 0.67))])


def reorder_clauses(text: str, rng: random.Random) -> str:
    clauses = _clauses(text)
    if len(clauses) >= 3:
        head, rest = clauses[0], clauses[1:]
        shuffled = rest[:]
        while shuffled == rest:
            rng.shuffle(shuffled)
        return _join([head] + shuffled)
    ws = text.split()
    cut = len(ws) // 2
    if len(clauses) == 2:
        return _join([clauses[1], clauses[0]])
    return " ".join(ws[cut:] + ws[:cut])


def make_cases(records, n: int = 40, seed: int = 7,
               heavy: bool = False) -> list[tuple[str, str, str]]:
    """(kind of edit, source record id, edited text) for ``n`` annex paragraphs x EDIT_KINDS
    (and ``heavy``: 2.5x the word edits, two clauses dropped, the rest reordered)."""
    rng = random.Random(seed)
    pool = [r for r in records if r.part == "annex" and r.kind == "paragraph"
            and len(r.text.split()) >= 25]
    chosen = sorted(rng.sample(pool, min(n, len(pool))), key=lambda r: r.order)
    vocab = sorted({w for r in pool for w in r.text.split() if w.isalpha() and len(w) > 4})
    cases = []
    for r in chosen:
        cases.append(("words", r.id, edit_words(r.text, rng, vocab)))
        cases.append(("drop", r.id, drop_clause(r.text, rng)))
        cases.append(("reorder", r.id, reorder_clauses(r.text, rng)))
        mixed = reorder_clauses(drop_clause(edit_words(r.text, rng, vocab), rng), rng)
        cases.append(("mixed", r.id, mixed))
        if heavy:
            worse = drop_clause(drop_clause(edit_words(r.text, rng, vocab, 2.5), rng), rng)
            cases.append(("heavy", r.id, reorder_clauses(worse, rng)))
    return cases


def evaluate(lib, cases) -> dict:
    """Share of cases whose source is the best match, overall and per kind; time per paragraph."""
    from precedent.search.compare import DraftParagraph, compare_paragraphs

    drafts = [DraftParagraph(str(i + 1), text) for i, (_, _, text) in enumerate(cases)]
    t0 = time.perf_counter()
    # the shipped library holds a draft only
    result = compare_paragraphs(lib, drafts, include_drafts=True)
    seconds = time.perf_counter() - t0
    per_kind: dict[str, list[int]] = {}
    oks: list[int] = []
    for (kind, source, _), p in zip(cases, result.paragraphs):
        ok = int(bool(p.matches) and p.matches[0].record.id == source)
        per_kind.setdefault(kind, []).append(ok)
        oks.append(ok)
    hits = [x for v in per_kind.values() for x in v]
    plain = lib.batch([text for _, _, text in cases], k=1)  # hybrid search alone, for comparison
    base: dict[str, list[int]] = {}
    for c, a in zip(cases, plain):
        base.setdefault(c[0], []).append(int(bool(a.hits) and a.hits[0].record.id == c[1]))
    baseline = sum(x for v in base.values() for x in v) / len(cases)
    return {"overall": sum(hits) / len(hits), "n": len(hits), "baseline": baseline,
            "baseline_kind": {k: sum(v) / len(v) for k, v in base.items()},
            "per_kind": {k: sum(v) / len(v) for k, v in per_kind.items()},
            "seconds_per_paragraph": seconds / len(cases), "result": result, "ok": oks}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fake", action="store_true",
                    help="hash embedder instead of the bundled model")
    ap.add_argument("--n", type=int, default=40, help="paragraphs to edit (default 40)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    # the tests' fake embedder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.search.compare import compare_text

    home = tempfile.mkdtemp(prefix="bench-compare-")
    t0 = time.perf_counter()
    lib = Library.open(home=home, embedder=HashEmbedder() if args.fake else None)
    print(f"library: {len(lib.records)} records, model {lib.model}, opened in "
          f"{time.perf_counter() - t0:.1f} s")
    lib.search("warm-up", k=1)

    cases = make_cases(lib.records, args.n, args.seed, heavy=True)
    ev = evaluate(lib, cases)
    main_kinds = [ok for (kind, _, _), ok in zip(cases, ev["ok"]) if kind in EDIT_KINDS]
    print(f"\nsource is the best match: {sum(main_kinds) / len(main_kinds):.1%} of "
          f"{len(main_kinds)} edited paragraphs ({', '.join(EDIT_KINDS)}); {ev['overall']:.1%} of "
          f"{ev['n']} with 'heavy'")
    for kind in (*EDIT_KINDS, "heavy"):
        print(f"  {kind:<8} {ev['per_kind'].get(kind, 0):.1%}  (hybrid search alone "
              f"{ev['baseline_kind'][kind]:.1%})")
    print(f"time per paragraph: {ev['seconds_per_paragraph'] * 1000:.1f} ms (batch of {ev['n']})")

    misses = [(c, p) for c, p in zip(cases, ev["result"].paragraphs)
              if not p.matches or p.matches[0].record.id != c[1]]
    for (kind, source, text), p in misses[:10]:
        got = p.matches[0].record.id.rsplit(":", 2)[-1] if p.matches else "none"
        print(f"  miss [{kind}] source {source.rsplit(':', 1)[-1]}, best {got}: {text[:80]}...")

    source_dense = []
    for (_, source, _), p in zip(cases, ev["result"].paragraphs):
        source_dense += [h.dense for h in p.matches if h.record.id == source]
    if source_dense:
        print(f"\ndense cosine of the source: min {min(source_dense):.3f}, "
              f"median {sorted(source_dense)[len(source_dense) // 2]:.3f}")

    verbatim = [r for r in lib.records if r.part == "annex" and r.kind == "paragraph"][:20]
    res = compare_text(lib, "\n\n".join(r.text for r in verbatim), include_drafts=True)
    right = sum(1 for r, p in zip(verbatim, res.paragraphs)
                if p.coverage == 1.0 and any(r.id in s.ids for s in p.spans))
    print(f"verbatim copies: {right}/{len(verbatim)} fully agreed with the right citation")

    res = compare_text(lib, "\n\n".join(OFF_TOPIC), include_drafts=True)
    for text, p in zip(OFF_TOPIC, res.paragraphs):
        top = lib.search(text, k=1).hits[0]
        print(f"off-topic: coverage {p.coverage:.0%}, matches {len(p.matches)}, "
              f"closest dense {top.dense:.3f}: {text[:50]}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
