"""How close an earlier paragraph is to a draft paragraph, and when it counts as a match.

``similarity`` = ``DENSE_WEIGHT`` x dense cosine + the rest x word-set overlap; a candidate is a
match above the confidence threshold (``is_confident``). Shared by the draft comparison
(``paragraphs``) and ``trace``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from precedent.index.keyword import tokenize

from ..query import MAX_QUERY_CHARS
from ..results import Hit

# Ranking: similarity = DENSE_WEIGHT * dense cosine + (1 - DENSE_WEIGHT) * word-set overlap.
# On heavily edited paragraphs (benchmarks/bench_compare.py, 195 cases) this puts the source
# first in 97.9% of cases against 95.4% for the hybrid search's own order; 0.3-0.5 do best.
DENSE_WEIGHT = 0.5
# Confidence threshold, calibrated with the bundled model on the shipped Declaration: every
# edited copy's source scores dense >= 0.42 and overlap >= 0.61 (so passes on overlap); off-topic
# paragraphs (deep-sea mining royalties, orbital debris, postal tariffs, ...) reach at most dense
# 0.47 and overlap 0.19. ``dense`` is the search's own (Hit.dense). A span of agreed language
# always makes its paragraph a match.
MIN_DENSE = 0.55
MIN_OVERLAP = 0.35
PRECEDENT_KINDS = ("preambular", "paragraph", "subparagraph")
_QUOTES = str.maketrans({c: " " for c in "\"“”„‟«»"})



@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def word_overlap(a: str, b: str) -> float:
    """Dice overlap of the two texts' sets of stemmed content words (0..1)."""
    sa, sb = _content_words(a), _content_words(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def similarity(dense: float, overlap: float) -> float:
    return DENSE_WEIGHT * max(dense, 0.0) + (1 - DENSE_WEIGHT) * overlap


def is_confident(dense: float, overlap: float, agreed: bool = False) -> bool:
    return agreed or dense >= MIN_DENSE or overlap >= MIN_OVERLAP


def rank_candidates(text: str, hits: list[Hit],
                    agreed_rows: set[str] = frozenset()) -> list[tuple[Hit, bool]]:
    """Candidates re-scored by ``similarity`` (Hit.score replaced), best first, each with
    whether it passes the confidence threshold."""
    scored = []
    for h in hits:
        ov = word_overlap(text, h.record.text)
        sim = similarity(h.dense, ov)
        scored.append((replace(h, score=sim),
                       is_confident(h.dense, ov, h.record.id in agreed_rows)))
    scored.sort(key=lambda x: -x[0].score)
    return scored



def as_query(text: str) -> str:
    """The paragraph as a search query: quotes dropped so it is not read as exact phrases."""
    return " ".join(text.translate(_QUOTES).split())[:MAX_QUERY_CHARS] or text[:MAX_QUERY_CHARS]
