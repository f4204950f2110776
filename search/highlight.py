"""Which words of a paragraph matched: spans for highlighting (pure)."""

from __future__ import annotations

import re
from functools import lru_cache

from precedent.index.keyword import stem_word
from precedent.index.text_match import find_phrase, sentence_spans

from .ranking import stem_set

_WORD = re.compile(r"(?u)\b\w[\w-]*\b")


@lru_cache(maxsize=8192)
def _stem_spans(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Stem -> the spans of the words of ``text`` holding it; a word's stems are those of its
    parts ("non-custodial": non, custodi). Cached: the same paragraphs come back in answer after
    answer."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        for stem in {stem_word(p) for p in m.group(0).lower().split("-")}:
            out.setdefault(stem, []).append((m.start(), m.end()))
    return {stem: tuple(spans) for stem, spans in out.items()}


def term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` whose stem is a (non stop-word) stem of the query, in
    text order; "non-custodial" matches "custodial": each part of a hyphenated word counts."""
    wanted = stem_set(query)
    if not wanted:
        return []
    by_stem = _stem_spans(text)
    found = [by_stem[t] for t in wanted if t in by_stem]
    if len(found) == 1:
        return list(found[0])
    return sorted({span for spans in found for span in spans})


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def highlight_spans(text: str, query_words: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = term_spans(text, query_words) if query_words else []
    for p in phrases:
        spans += find_phrase(text, p, forms=True)  # as written, or its nouns' other number
    return merge_spans(spans)


def best_sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The sentence holding most highlighted characters (phrase matches weigh the same)."""
    sentences = sentence_spans(text)
    if not sentences:
        return None
    if len(sentences) == 1:
        return sentences[0]

    def covered(sent: tuple[int, int]) -> int:
        return sum(max(0, min(e, sent[1]) - max(s, sent[0])) for s, e in spans)

    best = max(sentences, key=covered)
    return best if covered(best) > 0 else None
