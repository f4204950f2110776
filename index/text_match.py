"""Text helpers shared by indexing and search: sentence spans and match normalisation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SENTENCE_END = re.compile(r"(?<=[.;!?])[”’\"')]*\s+(?=[A-Z“\"‘(])")

_FOLD = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


@lru_cache(maxsize=8192)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the sentences of a paragraph (UN prose: ';' ends a clause-sentence too).
    Cached (a tuple, never changed): answers show the same paragraphs again and again."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def clause_spans(text: str, min_words: int = 10) -> list[tuple[int, int]]:
    """Windows of consecutive clauses (split after , ; :) of at least ``min_words`` words; the
    last short remainder joins the window before it. Long UN sentences hold several ideas;
    a short query matches one of them better than the whole sentence."""
    cuts = [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    start = prev = 0
    for cut in cuts:
        if len(text[start:cut].split()) >= min_words:
            spans.append((start, text[start:cut].rstrip().__len__() + start))
            start = cut
        prev = cut
    if start < prev and text[start:prev].strip():
        if spans:
            spans[-1] = (spans[-1][0], len(text.rstrip()))
        else:
            spans.append((start, len(text.rstrip())))
    return spans


def fold(text: str) -> str:
    """Case, quotes, dashes and spaces folded, keeping a one-to-one character mapping."""
    return unicodedata.normalize("NFC", text).translate(_FOLD).lower()


@lru_cache(maxsize=8192)
def normalize_for_match(text: str) -> tuple[str, tuple[int, ...]]:
    """Folded text with whitespace runs collapsed (and hyphen+space line-break joins kept), and a
    map from each normalised character to its offset in the original text. Cached: a library
    asks for the same paragraphs again and again."""
    folded = fold(text)
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                offsets.append(i)
            prev_space = True
            continue
        out.append(ch)
        offsets.append(i)
        prev_space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


@lru_cache(maxsize=8192)
def _folded_words(text: str) -> str:
    return " ".join(fold(text).split())


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` in ``text`` (normalised), as spans into the original text."""
    norm_phrase, _ = normalize_for_match(phrase)
    if not norm_phrase:
        return []
    if norm_phrase not in _folded_words(text):
        return []  # fast path: most candidate texts do not hold the phrase at all
    norm_text, offsets = normalize_for_match(text)
    spans = []
    start = norm_text.find(norm_phrase)
    while start != -1:
        end = start + len(norm_phrase)
        before = norm_text[start - 1] if start > 0 else " "
        after = norm_text[end] if end < len(norm_text) else " "
        if not (before.isalnum() and norm_phrase[0].isalnum()) and not (
            after.isalnum() and norm_phrase[-1].isalnum()
        ):
            spans.append((offsets[start], offsets[end - 1] + 1))
        start = norm_text.find(norm_phrase, start + 1)
    return spans
