"""``search.compare.align``: versions aligned in near-linear time (issue 19, item 6: two
3,000-paragraph texts took 79 s and 1.72 GB with the full programme), with the pairs the full
programme gives. Timing lives in benchmarks/bench_versions.py --large."""

from __future__ import annotations

import random

import pytest

from precedent.ingest.records import Paragraph
from precedent.search.compare import align as align_mod
from precedent.search.compare import align_versions

WORDS = ("migrants states commit cooperation rights detention children return labour data "
         "remittances borders smuggling trafficking health education climate review forum "
         "network partners regional national local access justice protection dignity").split()


def para(doc: str, n: int, text: str, part: str = "annex", kind: str = "paragraph") -> Paragraph:
    return Paragraph(id=f"{doc}:{n}", doc_id=doc, symbol="", title="", date="", part=part,
                     number=str(n), kind=kind, text=text, citation=f"{doc} {n}", order=n)


def versions(n: int, seed: int, rewrite: float = 0.05):
    """An n-paragraph text and a later version: ``rewrite`` of its paragraphs reworded (one
    word changed), 2% dropped, 2% inserted."""
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + f" item {i}."
             for i in range(n)]
    old = [para("old", i, t) for i, t in enumerate(texts)]
    new, origin = [], {}
    for i, t in enumerate(texts):
        x = rng.random()
        if x < 0.02:
            continue
        if x < 0.04:
            new.append(para("new", 10_000 + i, " ".join(rng.choice(WORDS) for _ in range(20))
                            + " inserted."))
        words = t.split()
        if rng.random() < rewrite:
            words[rng.randrange(len(words) - 2)] = "amended"
        new.append(para("new", i, " ".join(words)))
        origin[f"new:{i}"] = f"old:{i}"
    return old, new, origin


def pairs_of(result):
    return [(p.old and p.old.id, p.new and p.new.id) for p in result]


@pytest.mark.parametrize("seed", range(6))
def test_anchored_alignment_gives_the_full_programmes_pairs(seed, monkeypatch):
    old, new, _ = versions(120, seed, rewrite=0.3)
    exact = pairs_of(align_versions(old, new))  # 120 x 120 cells: the full programme
    monkeypatch.setattr(align_mod, "MAX_CELLS", 16)  # now anchors and gaps
    assert pairs_of(align_versions(old, new)) == exact


def test_two_3000_paragraph_texts_pair_every_version(monkeypatch):
    """And the work is near-linear: paragraph similarities computed ~ (n + m) x a constant, not
    n x m (nine million before)."""
    from precedent.search.compare import versions as versions_mod

    old, new, origin = versions(3000, 7)
    calls = []
    similarity = versions_mod.similarity
    monkeypatch.setattr(versions_mod, "similarity", lambda a, b: calls.append(1)
                        or similarity(a, b))
    result = align_versions(old, new)
    assert len(calls) < 100 * (len(old) + len(new))
    paired = {p.new.id: p.old.id for p in result if p.old and p.new}
    assert all(paired.get(n) == o for n, o in origin.items())
    assert [p.old.id for p in result if p.old] == [r.id for r in old]  # in order, each once
    assert [p.new.id for p in result if p.new] == [r.id for r in new]


def test_a_text_rewritten_throughout_is_still_aligned_block_by_block(monkeypatch):
    """No paragraph the same on both sides: no anchor; the gap is aligned block by block."""
    old, new, origin = versions(600, 3, rewrite=1.0)
    calls = []
    programme = align_mod._programme
    monkeypatch.setattr(align_mod, "_programme", lambda *a: calls.append(a) or programme(*a))
    result = align_versions(old, new)
    assert calls and max((a[2] - a[1]) * (a[4] - a[3]) for a in calls) <= 4 * align_mod.BLOCK ** 2
    paired = {p.new.id: p.old.id for p in result if p.old and p.new}
    right = sum(paired.get(n) == o for n, o in origin.items())
    assert right >= 0.95 * len(origin)
