"""Which words of a paragraph matched: spans for highlighting (pure)."""

from __future__ import annotations

import re
from functools import lru_cache

from precedent.index.keyword import stem_word, tokenize
from precedent.index.text_match import find_phrase, sentence_spans

_WORD = re.compile(r"(?u)\b\w[\w-]*\b")


@lru_cache(maxsize=8192)
def _word_stems(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Each word of ``text`` with the stems of its parts ("non-custodial": non, custodi).
    Cached: the same paragraphs come back in answer after answer."""
    return tuple((m.start(), m.end(),
                  frozenset(stem_word(p) for p in m.group(0).lower().split("-")))
                 for m in _WORD.finditer(text))


def term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` whose stem is a (non stop-word) stem of the query;
    "non-custodial" matches "custodial": each part of a hyphenated word counts."""
    wanted = set(tokenize(query))
    if not wanted:
        return []
    return [(s, e) for s, e, stems in _word_stems(text) if not stems.isdisjoint(wanted)]


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
        spans += find_phrase(text, p)
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
