"""Pure word-level comparison: a word diff, and verbatim runs shared with earlier paragraphs.

Nothing here touches the index. Two tools:

* ``word_diff(old, new)`` -> ``WordOp`` list (kept / inserted / deleted words). Words are the
  whitespace-separated tokens of a text; two words are "the same" when they are equal after
  folding case, quotes and dashes (``index.text.fold``). ``apply_ops(old_words, ops)`` rebuilds
  the new words exactly (an ``equal`` op carries both spellings and yields the new one).
* ``ShingleIndex``: word n-grams of many texts, built once; ``agreed_runs`` finds maximal runs of
  draft words that stand contiguously, word for word and with the same punctuation between the
  words (after normalising case, quotes, dashes and whitespace), in an indexed text.
  ``partition_runs`` turns runs into non-overlapping spans, each cited by every text that holds
  the whole span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from precedent.index.text import fold

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
# Words for verbatim runs: letters/digits; superscript digits are footnote marks, not words.
FOOTNOTE_MARKS = "\u00b2\u00b3\u00b9\u2070-\u209f"
_WORD = re.compile(rf"[^\W{FOOTNOTE_MARKS}]+")
_MARKS = re.compile(rf"[{FOOTNOTE_MARKS}]")
_SPACES = re.compile(r"\s+")
_NONSPACE = re.compile(r"\S+")


# --- word diff -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WordOp:
    """One step from the earlier text to the draft: ``old`` words become ``new`` words.

    equal: ``old`` and ``new`` are the same words (possibly differing in case/quotes/dashes);
    insert: ``old`` is empty; delete: ``new`` is empty.
    """

    op: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def to_list(self) -> list:
        """``["=", "kept words"]``, ``["+", "inserted words"]`` or ``["-", "deleted words"]``."""
        if self.op == DELETE:
            return ["-", " ".join(self.old)]
        return ["=" if self.op == EQUAL else "+", " ".join(self.new)]


_DASH_SPACE = re.compile(r"\s*([-\u2010-\u2015\u2212])\s*")
_SPACE_BEFORE = re.compile(r"\s+(?=[,;:.!?)\]”’])")
_SPACE_AFTER = re.compile(r"(?<=[(\[“‘])\s+")
_PUNCT_SPACE = re.compile(r"\s*([^\w\s])\s*")


def close_spacing(text: str) -> str:
    """``text`` with the spaces around dashes and hyphens, before closing and after opening
    punctuation taken out (``2015– 2030``, ``2024 – 2034``, ``high -level``, ``law ,`` ->
    ``2015–2030``, ``2024–2034``, ``high-level``, ``law,``) and other whitespace runs made one
    space: PDF text layers space punctuation unevenly, and that is no change of words."""
    text = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", _DASH_SPACE.sub(r"\1", text)))
    return " ".join(text.split())


def same_words(a: str, b: str) -> bool:
    """Whether two texts hold the same words: case, quotes and dashes folded (``fold``), any
    spacing around punctuation aside."""
    if a == b:
        return True
    return " ".join(_PUNCT_SPACE.sub(r"\1", fold(a)).split()) == " ".join(_PUNCT_SPACE.sub(r"\1", fold(b)).split())


def words(text: str | Sequence[str]) -> list[str]:
    return text.split() if isinstance(text, str) else list(text)


def word_key(word: str) -> str:
    return fold(word)


def word_diff(old: str | Sequence[str], new: str | Sequence[str]) -> list[WordOp]:
    """The word operations that turn ``old`` into ``new`` (a replacement is a delete then an insert)."""
    a, b = words(old), words(new)
    matcher = SequenceMatcher(None, [word_key(w) for w in a], [word_key(w) for w in b], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(EQUAL, tuple(a[i1:i2]), tuple(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp(DELETE, tuple(a[i1:i2]), ()))
        if j2 > j1:
            ops.append(WordOp(INSERT, (), tuple(b[j1:j2])))
    return ops


def apply_ops(old: str | Sequence[str], ops: Iterable[WordOp]) -> list[str]:
    """Apply ``ops`` to the words of ``old``; raises ``ValueError`` if they do not fit ``old``."""
    a = words(old)
    out: list[str] = []
    pos = 0
    for op in ops:
        if op.op != INSERT:
            got = a[pos:pos + len(op.old)]
            if [word_key(w) for w in got] != [word_key(w) for w in op.old]:
                raise ValueError(f"operation does not fit the text at word {pos}: {op}")
            pos += len(op.old)
        if op.op != DELETE:
            out.extend(op.new)
    if pos != len(a):
        raise ValueError(f"operations cover {pos} of {len(a)} words")
    return out


def diff_counts(ops: Iterable[WordOp]) -> dict[str, int]:
    kept = inserted = deleted = 0
    for op in ops:
        if op.op == EQUAL:
            kept += len(op.new)
        elif op.op == INSERT:
            inserted += len(op.new)
        else:
            deleted += len(op.old)
    return {"kept": kept, "inserted": inserted, "deleted": deleted}


# --- verbatim runs -------------------------------------------------------------------------


def gap_key(gap: str) -> str:
    return _SPACES.sub(" ", fold(_MARKS.sub("", gap)))


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
    """Shrink the common run ``a[start:end]`` == ``b[at:at + end - start]`` to whole words of both."""
    shift = at - start
    while start < end and not (a.word_start(start) and b.word_start(start + shift)):
        start += 1
    while end > start and not (a.word_end(end - 1) and b.word_end(end - 1 + shift)):
        end -= 1
    return start, end


@dataclass(frozen=True)
class Run:
    """Draft tokens ``[start, end)`` (whole words) stand verbatim in text ``row`` from its token ``at``."""

    row: int
    start: int
    end: int
    at: int

    @property
    def length(self) -> int:
        return self.end - self.start


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

    def agreed_runs(self, draft: Tokens, min_words: int = 5, rows: set[int] | None = None) -> list[Run]:
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
                       and keys[i + j] == other.keys[pos + j] and gaps[i + j] == other.gaps[pos + j]):
                    j += 1
                reached[(row, diag)] = i + j
                if j < min_words:
                    continue
                start, end = trim_to_words(draft, other, i, i + j, pos)
                if end > start and draft.count_words(start, end) >= min_words:
                    runs.append(Run(row, start, end, pos + start - i))
        return runs


def partition_runs(runs: Sequence[Run], min_words: int = 1,
                   count: Callable[[int, int], int] | None = None) -> list[tuple[int, int, tuple[int, ...]]]:
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
        if count(new_cut, end) >= min_words and any(r.start <= new_cut and r.end >= end for r in runs):
            return new_cut
    return None
