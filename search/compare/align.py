"""Two sequences of paragraphs aligned in order, in near-linear time.

``align(keys_a, keys_b, score)`` pairs positions of two sequences, both in order, maximising the
summed ``score(i, j)`` of the pairs (``None``: the two cannot pair). A full dynamic programme over
the two sequences is quadratic: two 3,000-paragraph texts are nine million cells. So:

1. **Anchors**: paragraphs whose key (slot and words) is the same and stands once in each
   version; of those, the longest run kept in the same order on both sides
   (patience sorting, O(k log k)) is taken as it is.
2. **Gaps** between consecutive anchors are aligned by the exact dynamic programme when small
   (at most ``MAX_CELLS`` cells), else split again: on keys standing once in the gap on both
   sides, then (no anchor at all: both sides rewritten throughout) block by block, cutting
   both sides at the same fractions into blocks of ``BLOCK`` paragraphs, so the work stays
   ~ (n + m) x BLOCK however the versions differ.

Amendments keep paragraphs in order, and most paragraphs of a draft pass unchanged into the
adopted text, so the anchors leave small gaps and the result is the one the full programme
gives.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

MAX_CELLS = 40_000  # a gap up to ~200 x 200 paragraphs is aligned exactly
BLOCK = 100

Score = Callable[[int, int], "float | None"]
Pair = tuple["int | None", "int | None"]


def align(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable], score: Score) -> list[Pair]:
    """Pairs ``(i, j)``, ``(i, None)`` (only in a) and ``(None, j)`` (only in b), in order."""
    return _align(keys_a, keys_b, score, 0, len(keys_a), 0, len(keys_b))


def unique_anchors(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable], i0: int, i1: int,
                   j0: int, j1: int) -> list[tuple[int, int]]:
    """Positions of keys standing once in ``keys_a[i0:i1]`` and once in ``keys_b[j0:j1]``, the
    longest subsequence in the same order on both sides."""
    count_a = Counter(keys_a[i0:i1])
    count_b = Counter(keys_b[j0:j1])
    where_b = {keys_b[j]: j for j in range(j0, j1) if count_b[keys_b[j]] == 1}
    pairs = [(i, where_b[k]) for i in range(i0, i1) if count_a[(k := keys_a[i])] == 1
             and k in where_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (increasing in i) whose j increase too."""
    tails: list[int] = []  # tails[k]: the smallest j ending an increasing run of length k + 1
    tail_at: list[int] = []  # ... and its index in pairs
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    out = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = back[n]
    return out[::-1]


def _align(keys_a, keys_b, score: Score, i0: int, i1: int, j0: int, j1: int) -> list[Pair]:
    if i0 == i1 or j0 == j1:
        return [(i, None) for i in range(i0, i1)] + [(None, j) for j in range(j0, j1)]
    if (i1 - i0) * (j1 - j0) <= MAX_CELLS:
        return _exact(score, i0, i1, j0, j1)
    anchors = unique_anchors(keys_a, keys_b, i0, i1, j0, j1)
    if not anchors:
        return _chunked(score, i0, i1, j0, j1)
    out: list[Pair] = []
    pi, pj = i0, j0
    for i, j in anchors:
        out += _align(keys_a, keys_b, score, pi, i, pj, j)
        out.append((i, j))
        pi, pj = i + 1, j + 1
    return out + _align(keys_a, keys_b, score, pi, i1, pj, j1)


def _exact(score: Score, i0: int, i1: int, j0: int, j1: int) -> list[Pair]:
    """The full dynamic programme over ``a[i0:i1]`` and ``b[j0:j1]``."""
    return _programme(score, i0, i1, j0, j1)


def _chunked(score: Score, i0: int, i1: int, j0: int, j1: int) -> list[Pair]:
    """A large gap with no anchor (the two sides rewritten throughout): cut both sides at the
    same fractions into blocks of about ``BLOCK`` paragraphs and align block with block, so the
    work is ~ (n + m) x BLOCK."""
    n, m = i1 - i0, j1 - j0
    blocks = max(1, max(n, m) // BLOCK)
    out: list[Pair] = []
    for k in range(blocks):
        a0, a1 = i0 + n * k // blocks, i0 + n * (k + 1) // blocks
        b0, b1 = j0 + m * k // blocks, j0 + m * (k + 1) // blocks
        if a0 == a1 or b0 == b1:
            out += [(i, None) for i in range(a0, a1)] + [(None, j) for j in range(b0, b1)]
        else:
            out += _programme(score, a0, a1, b0, b1)
    return out


def _programme(score: Score, i0: int, i1: int, j0: int, j1: int) -> list[Pair]:
    """Best summed score aligning ``a[i0:i1]`` with ``b[j0:j1]`` in order (as a diff aligns
    lines), and the pairs that give it."""
    best: dict[tuple[int, int], float] = {}
    took: dict[tuple[int, int], float] = {}

    def value(i: int, j: int) -> float:
        return best.get((i, j), 0.0)

    for i in range(i1 - 1, i0 - 1, -1):
        for j in range(j1 - 1, j0 - 1, -1):
            v = max(value(i + 1, j), value(i, j + 1))
            s = score(i, j)
            if s is not None:
                took[(i, j)] = s
                v = max(v, s + value(i + 1, j + 1))
            best[(i, j)] = v
    out: list[Pair] = []
    i, j = i0, j0
    while i < i1 and j < j1:
        s = took.get((i, j))
        here = value(i, j)
        if s is not None and abs(here - (s + value(i + 1, j + 1))) < 1e-9:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif here == value(i + 1, j):
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    return out + [(k, None) for k in range(i, i1)] + [(None, k) for k in range(j, j1)]
