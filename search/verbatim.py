"""Verbatim runs: where the words of a draft stand, word for word, in many earlier texts.

Nothing here touches the index. ``tokenize_words`` gives a text's tokens (folded keys with
character offsets and the normalised text between them); ``ShingleIndex``: word n-grams of many
texts, built once; ``agreed_runs`` finds maximal runs of draft words that stand contiguously,
word for word and with the same punctuation between the words (after normalising case, quotes,
dashes and whitespace), in an indexed text. ``partition_runs`` turns runs into non-overlapping
spans, each cited by every text that holds the whole span. Shared by the draft comparison
(``compare.draft``) and the provenance of search results (``search.provenance``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from precedent.index.text_match import fold

# Words for verbatim runs: letters/digits; superscript digits are footnote marks, not words.
FOOTNOTE_MARKS = "\u00b2\u00b3\u00b9\u2070-\u209f"
_WORD = re.compile(rf"[^\W{FOOTNOTE_MARKS}]+")
_MARKS = re.compile(rf"[{FOOTNOTE_MARKS}]")
_SPACES = re.compile(r"\s+")
_NONSPACE = re.compile(r"\S+")


# a closing quotation mark before or after the comma or full stop, as house styles differ
# ("Development,” 2018–2028" and "Development”, 2018–2028": one phrase of A/RES/78/151 and
# A/RES/78/130, the link between them broken by it)
_PUNCT_IN_QUOTES = re.compile(r"([,.;:])([\"'])(?=\s|$)")


def gap_key(gap: str) -> str:
    return _PUNCT_IN_QUOTES.sub(r"\2\1", _SPACES.sub(" ", fold(_MARKS.sub("", gap))))


def strip_marks(text: str) -> str:
    """``text`` without superscript footnote marks (for checking a span with ``find_phrase``)."""
    return _MARKS.sub("", text)


@dataclass(frozen=True)
class Tokens:
    """A text's tokens (runs of letters/digits) as folded keys with character offsets; the
    normalised text between consecutive tokens (``gaps[i]`` precedes token i; ``gaps[0]`` is ''),
    folded, whitespace runs collapsed, superscript footnote marks dropped; and for each token
    the index of the word (whitespace-separated) it belongs to: ``non-custodial`` is one word
    of two tokens. Spans start and end on whole words, and their length is counted in words."""

    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    gaps: tuple[str, ...]
    words: tuple[int, ...]

    def word_start(self, i: int) -> bool:
        return i == 0 or self.words[i - 1] != self.words[i]

    def word_end(self, i: int) -> bool:
        return i == len(self.words) - 1 or self.words[i + 1] != self.words[i]

    def count_words(self, start: int = 0, end: int | None = None) -> int:
        return len(set(self.words[start:end]))


def tokenize_words(text: str) -> Tokens:
    keys, starts, ends, gaps, word_ids = [], [], [], [], []
    prev_end = None
    for w, word in enumerate(_NONSPACE.finditer(text)):
        for m in _WORD.finditer(text, word.start(), word.end()):
            keys.append(fold(m.group()))
            starts.append(m.start())
            ends.append(m.end())
            gaps.append("" if prev_end is None else gap_key(text[prev_end:m.start()]))
            word_ids.append(w)
            prev_end = m.end()
    return Tokens(tuple(keys), tuple(starts), tuple(ends), tuple(gaps), tuple(word_ids))


def trim_to_words(a: Tokens, b: Tokens, start: int, end: int, at: int) -> tuple[int, int]:
    """Shrink the common run ``a[start:end]`` == ``b[at:at + end - start]`` to whole words of
    both."""
    shift = at - start
    while start < end and not (a.word_start(start) and b.word_start(start + shift)):
        start += 1
    while end > start and not (a.word_end(end - 1) and b.word_end(end - 1 + shift)):
        end -= 1
    return start, end


@dataclass(frozen=True)
class Run:
    """Draft tokens ``[start, end)`` (whole words) stand verbatim in text ``row`` from its token
    ``at``."""

    row: int
    start: int
    end: int
    at: int


class ShingleIndex:
    """Word n-grams (folded) of many texts -> where they occur. Build once, query per draft."""

    def __init__(self, texts: Sequence[str], n: int = 5):
        if n < 1:
            raise ValueError("n must be at least 1")
        self.n = n
        self.tokens = [tokenize_words(t) for t in texts]
        self.shingles: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for row, tok in enumerate(self.tokens):
            keys = tok.keys
            for pos in range(len(keys) - n + 1):
                self.shingles.setdefault(keys[pos:pos + n], []).append((row, pos))

    def __len__(self) -> int:
        return len(self.tokens)

    def agreed_runs(self, draft: Tokens, min_words: int = 5,
                    rows: set[int] | None = None) -> list[Run]:
        """Maximal runs of >= ``min_words`` whole draft words standing contiguously in an indexed
        text (only texts in ``rows`` when given), in draft order."""
        n = self.n
        if min_words < n:
            raise ValueError(f"min_words ({min_words}) is below the index's n-gram size ({n})")
        keys, gaps = draft.keys, draft.gaps
        reached: dict[tuple[int, int], int] = {}  # (row, diagonal) -> end of the last run found
        runs: list[Run] = []
        for i in range(len(keys) - n + 1):
            for row, pos in self.shingles.get(keys[i:i + n], ()):
                if rows is not None and row not in rows:
                    continue
                diag = i - pos
                if reached.get((row, diag), -1) > i:
                    continue  # inside a run already found
                other = self.tokens[row]
                j = 1
                while (i + j < len(keys) and pos + j < len(other.keys)
                       and keys[i + j] == other.keys[pos + j]
                       and gaps[i + j] == other.gaps[pos + j]):
                    j += 1
                reached[(row, diag)] = i + j
                if j < min_words:
                    continue
                start, end = trim_to_words(draft, other, i, i + j, pos)
                if end > start and draft.count_words(start, end) >= min_words:
                    runs.append(Run(row, start, end, pos + start - i))
        return runs


def partition_runs(runs: Sequence[Run], min_words: int = 1,
                   count: Callable[[int, int], int] | None = None) -> list[tuple[int, int,
                                                                                 tuple[int, ...]]]:
    """Non-overlapping spans of draft tokens ``(start, end, rows)`` covering every run, left to
    right: from each covered token, the span reaches as far as any run covering that token does,
    and cites every text whose run covers the whole span (so each cited text holds it verbatim).

    Where two runs overlap, the greedy cut can leave the second a short tail ("and", cited to
    another paragraph): the boundary then moves left, when both sides keep ``min_words`` words
    (``count(start, end)`` counts words; by default one token is one word)."""
    count = count or (lambda a, b: b - a)
    spans: list[tuple[int, int, tuple[int, ...]]] = []
    if not runs:
        return spans
    limit = max(r.end for r in runs)
    i = min(r.start for r in runs)
    while i < limit:
        covering = [r for r in runs if r.start <= i < r.end]
        if not covering:
            i += 1
            continue
        end = max(r.end for r in covering)
        rows = tuple(dict.fromkeys(r.row for r in covering if r.end >= end))
        if spans and spans[-1][1] == i and count(i, end) < min_words:
            prev_start, _, prev_rows = spans[-1]
            cut = _rebalanced_cut(runs, prev_start, i, end, min_words, count)
            if cut is not None:
                spans[-1] = (prev_start, cut, prev_rows)
                rows = tuple(dict.fromkeys(r.row for r in runs if r.start <= cut and r.end >= end))
                spans.append((cut, end, rows))
                i = end
                continue
        spans.append((i, end, rows))
        i = end
    return spans


def _rebalanced_cut(runs: Sequence[Run], prev_start: int, cut: int, end: int, min_words: int,
                    count: Callable[[int, int], int]) -> int | None:
    """The rightmost boundary left of ``cut`` where a run reaching ``end`` covers at least
    ``min_words`` words and the span before keeps at least ``min_words`` too; None if none."""
    for new_cut in range(cut - 1, prev_start, -1):
        if count(prev_start, new_cut) < min_words:
            return None
        if count(new_cut, end) >= min_words and any(r.start <= new_cut and r.end >= end
                                                    for r in runs):
            return new_cut
    return None
