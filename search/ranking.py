"""Commitment-aware ordering and the low-confidence call (small pure functions)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from precedent.index.keyword import tokenize
from precedent.ingest.records import Paragraph

# a paragraph in the first person plural: a declaration's States speaking
_FIRST_PERSON = re.compile(r"^\W*We\b")
ON_TOPIC_RATIO = 0.8  # a hit within 80% of the best score counts as on the topic
ANSWER_TIERS = 2  # tiers 0 and 1 answer a commitment question; tier 2 gives context

# The low-confidence call, fitted on the tuning half of the labelled questions
# (benchmarks/eval_tune.jsonl: its off-topic questions against its on-topic ones, and the older
# sets' on-topic questions): benchmarks/fit_confidence.py.
LOW_DENSE = 0.442  # the best hit's cosine below this ...
LOW_COVERAGE = 0.6  # ... and no hit holding this share of the question's words (by rarity): low
DENSE_SCALE = 0.04  # the logistic's width: confidence 0.27 at 0.40, 0.73 at 0.48
STRONG_DENSE = 0.6  # a hit this close in meaning is a strong match
COVERAGE_DEPTH = 10  # keyword cover is looked for in the first ten hits


def answer_tier(record: Paragraph, asked: frozenset[str] = frozenset()) -> int:
    """0 for a paragraph that opens with a commitment; 1 for one that commits in a later clause
    ("We emphasize ..., and reaffirm our commitment to ...") or requests or decides, and for an
    action listed under a commitment (a sub-paragraph: it is shown under its paragraph); 2 for a
    finding (recognition, concern, ...). A call in the States' own voice ("We call for ...",
    "We urge ...": a declaration's) is tier 1 too; the Assembly's "Encourages Member States" is
    a finding's tier unless the question asks for calls. ``asked``: the categories the
    question's verb asks for (``search.query.asked_categories``): an operative paragraph of one
    of them answers as a commitment does ("What did the General Assembly call for ...": "Calls
    upon States ..."). A preambular paragraph is a finding's tier, whatever its verb."""
    if record.kind == "preambular":
        # "Determined to achieve ...", "Reaffirming its commitment to ...": the reasons a
        # resolution gives before it acts, never what it commits to, decides or asks
        return 2
    if asked and {record.category, *record.categories} & asked:
        return 0
    if record.category == "commitment":
        return 1 if record.kind == "subparagraph" else 0
    if {record.category, *record.categories} & {"commitment", "request", "decision"}:
        return 1
    if record.category == "encouragement" and _FIRST_PERSON.match(record.text):
        return 1  # "We call for ...", "We encourage ...": what the States themselves agreed
    return 2


# What the paragraphs that answer a commitment question are, in the words the answer's heading
# and its order use: "Commitments", "Decisions, requests and calls". A call ("Calls upon",
# "Urges", "We call for") or a request is no commitment, and the answer does not say it is.
ANSWER_KINDS = (("commitment", "commitments"), ("decision", "decisions"),
                ("request", "requests"), ("encouragement", "calls"))


def answer_kind(record: Paragraph) -> str:
    """The kind of paragraph an answer to a commitment question is (``ANSWER_KINDS``): its own
    category when that is one, else the first kind among its categories ("" when none)."""
    kinds = [k for k, _ in ANSWER_KINDS]
    if record.category in kinds:
        return record.category
    return next((k for k in kinds if k in record.categories), "")


def answer_heading(records: Sequence[Paragraph]) -> str:
    """What ``records`` (the answers of one run of an answer) are, in words: "Commitments",
    "Commitments and requests", "Decisions, requests and calls"."""
    kinds = {answer_kind(r) for r in records}
    names = [name for kind, name in ANSWER_KINDS if kind in kinds]
    if not names:
        return ""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text[0].upper() + text[1:]


def context_heading(records: Sequence[Paragraph]) -> str:
    """The heading of a run of entries that are not answers: "Context" when they are findings;
    "Further paragraphs" when commitments, decisions, requests or calls are among them (further
    from the question than the answers, or in an answer with no good one). A commitment under
    "Context" read as no commitment."""
    return "Further paragraphs" if any(answer_kind(r) for r in records) else "Context"


ON_TOPIC_DEPTH = 10  # ... and only among the first ten
COMMITMENT_BONUS = 0.2  # what committing adds to an on-topic paragraph's score (tier 1: half)


# A question about one document as a whole: its paragraphs' tier bonus times this (a commitment
# +1.0, a request or decision +0.5): its answers come before its findings, each in the order of
# their scores (set 1 tuning 0.850 -> 0.854, cross 0.834 -> 0.862; set 3 0.831 -> 0.832; the
# same from twice to five times).
WHOLE_TIER_SCALE = 5.0
# the bonus of each tier
_TIER_BONUS = np.array([COMMITMENT_BONUS * (ANSWER_TIERS - t) / ANSWER_TIERS
                        for t in range(ANSWER_TIERS + 1)], dtype=np.float32)


def tier_bonus(tier: int) -> float:
    """What a paragraph of ``tier`` (``answer_tier``) gains in a commitment question's order when
    on the topic."""
    return float(_TIER_BONUS[tier])


def commitment_scores(fused: np.ndarray, records: Sequence[Paragraph] = (), *,
                      tiers: np.ndarray | None = None, depth: int | None = ON_TOPIC_DEPTH,
                      band: np.ndarray | None = None, scale: float = 1.0) -> np.ndarray:
    """Scores for a commitment question: a paragraph that commits (tier 0) gains
    ``COMMITMENT_BONUS``, one that requests/decides or an action under a commitment (tier 1)
    half of it, and only when it is on the topic (within ``ON_TOPIC_RATIO`` of the best score):
    a commitment passes a finding only when the two are about equally on the topic, so an
    off-topic commitment never stands above an on-topic finding. The bonus goes to the first
    ``ON_TOPIC_DEPTH`` hits; when none of them commits, the best commitment on the topic below
    them takes it too, so the answer to "what did States commit to on X" opens with one: in a
    library holding a whole resolution on X, its findings, all "on the topic", filled the first
    twenty places above every commitment. ``tiers``: the records' ``answer_tier``, when known
    (else computed from ``records``). A question about one document as a whole ("What did the
    General Assembly ask Member States to do in its resolution on the report of the IAEA?") is on
    the topic in every paragraph of it (its candidates are that document's, each lifted by the
    naming): ``band`` (that document's candidates) and ``depth=None`` give the bonus to every
    one, and ``scale`` (``WHOLE_TIER_SCALE``) makes it larger than the spread of their scores:
    what the document commits to, decides or asks stands above what it recalls, however few of
    the question's words it holds."""
    if len(fused) == 0:
        return fused
    top = float(fused.max())
    if tiers is None:
        tiers = np.fromiter((answer_tier(r) for r in records), dtype=np.int64, count=len(records))
    bonus = _TIER_BONUS[tiers] * scale
    if band is None:
        band = fused >= ON_TOPIC_RATIO * top
    on_topic = band.copy()
    # the bonus reorders the first hits, never replaces them ...
    if depth and len(fused) > depth:
        first = np.zeros(len(fused), dtype=bool)
        first[np.argsort(-fused, kind="stable")[:depth]] = True
        on_topic &= first
    # ... unless none of them commits: then the best commitment on the topic comes in
    if not (on_topic & (tiers == 0)).any():
        below = np.flatnonzero(band & (tiers == 0))
        if len(below):
            on_topic[below[np.argmax(fused[below])]] = True
    return fused + np.where(on_topic, bonus, 0.0).astype(fused.dtype)


@lru_cache(maxsize=8192)
def stem_set(text: str) -> frozenset[str]:
    """The (non stop-word) stems of a paragraph or a question (cached: the same paragraphs come
    back in answer after answer)."""
    return frozenset(tokenize(text))


@lru_cache(maxsize=1024)
def _query_stems(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tokenize(query)))


def keyword_coverage(query: str, text: str, idf: Callable[[str], float] | None = None) -> float:
    """Share of the query's (stemmed, non stop-word) words that ``text`` holds, each word weighted
    by its rarity (``idf``) when given: holding "steel" says more than holding "countries"."""
    return coverage_of(query, idf)(text)


def coverage_of(query: str, idf: Callable[[str], float] | None = None) -> Callable[[str], float]:
    """``keyword_coverage`` of ``query`` as a function of the text, its word weights computed
    once (an answer measures the cover of ten hits)."""
    q = _query_stems(query)
    weights = [idf(t) if idf else 1.0 for t in q]
    total = sum(weights)
    if not q or not total:
        return lambda text: 0.0

    def cover(text: str) -> float:
        have = stem_set(text)
        return sum(w for t, w in zip(q, weights, strict=True) if t in have) / total

    return cover


def best_coverage(query: str, also: str | None,
                  idf: Callable[[str], float] | None = None) -> Callable[[str], float]:
    """``coverage_of`` ``query``, or of ``also`` (the same question in other words) where that is
    better."""
    first = coverage_of(query, idf)
    if not also or also == query:
        return first
    second = coverage_of(also, idf)
    return lambda text: max(first(text), second(text))


@dataclass(frozen=True)
class Confidence:
    """How sure an answer is that the library speaks to the question (``confidence``), whether
    that is low, and the evidence: the best dense cosine among the hits and the best rarity-weighted
    share of the question's words that one hit holds."""

    confidence: float
    low: bool
    dense: float
    coverage: float


def answer_confidence(pq, hits, mode: str, idf: Callable[[str], float] | None = None) -> Confidence:
    """The low-confidence call over ``hits`` (their records' texts and dense cosines, in the order
    shown): ``confidence_of``."""
    return confidence_of(pq, [h.record.text for h in hits], [h.dense for h in hits], mode, idf)


def confidence_of(pq, texts: Sequence[str], dense: Sequence[float], mode: str,
                  idf: Callable[[str], float] | None = None,
                  also: str | None = None) -> Confidence:
    """The low-confidence call (see ``LOW_DENSE``) over the matches shown (their texts and dense
    cosines, in order): low when no match is close enough in meaning and none of the first
    ``COVERAGE_DEPTH`` holds most of the question's rarer words. ``confidence`` is a logistic of
    the best cosine around the threshold (0.5 at it), raised to 0.5 at least by full enough
    keyword cover. ``also``: the question without the words that name a document, whose
    paragraphs rarely hold them; the better of the two covers counts."""
    if not texts:
        return Confidence(0.0, True, 0.0, 0.0)
    cover = best_coverage(pq.base_text, also, idf)
    coverage = max(cover(t) for t in texts[:COVERAGE_DEPTH])
    if mode == "keyword":
        return Confidence(coverage, coverage < LOW_COVERAGE, 0.0, coverage)
    best = max(dense)
    conf = 1.0 / (1.0 + math.exp(-(best - LOW_DENSE) / DENSE_SCALE))
    covered = coverage >= LOW_COVERAGE
    if covered:
        conf = max(conf, 0.5)
    return Confidence(round(conf, 3), best < LOW_DENSE and not covered, best, coverage)


def relevance(dense: float, coverage: float, mode: str = "hybrid") -> str:
    """A paragraph's relevance as the page and the command line show it: ``strong``, ``fair`` or
    ``weak``, on the same scale as the low-confidence call (``weak`` = below its threshold)."""
    if mode == "keyword":
        return "strong" if coverage >= 0.9 else "fair" if coverage >= LOW_COVERAGE else "weak"
    if dense >= STRONG_DENSE:
        return "strong"
    return "fair" if dense >= LOW_DENSE or coverage >= LOW_COVERAGE else "weak"


# A paragraph's relevance from its score in the answer's order (so it never rises as the rank
# falls): fitted on the tuning half of the issue-18 set (benchmarks/fit_confidence.py --relevance).
# strong: nine entries in ten at or above it labelled for the question; fair: no off-topic entry
# above it.
STRONG_SCORE = 0.58
FAIR_SCORE = 0.38
_RELEVANCE_ORDER = ("weak", "fair", "strong")


def score_relevance(score: float, low: bool = False) -> str:
    """``strong``, ``fair`` or ``weak`` for a score of the ranking (fused, with the commitment
    bonus): the words the page and the command line show beside a paragraph. An answer flagged
    low-confidence shows every paragraph as ``weak``."""
    if low:
        return "weak"
    return "strong" if score >= STRONG_SCORE else "fair" if score >= FAIR_SCORE else "weak"


# A paragraph the score calls "strong" must show it: close in meaning (``STRONG_DENSE``) or
# holding at least this share of the question's words, by rarity. Not fitted: half the words.
STRONG_COVER = 0.5


def shows_strong(dense: float, coverage: float) -> bool:
    """Whether a paragraph scored "strong" (``score_relevance``) is close in meaning to the
    question or holds half its words by rarity. "Takes note of the report of the
    Secretary-General;", in eight resolutions, scored "strong" for "What was requested of the
    Secretary-General on albinism?" by the one word "Secretary-General" and the commitment
    bonus; such a paragraph is "fair"."""
    return dense >= STRONG_DENSE or coverage >= STRONG_COVER


def capped(rel: str, above: str | None) -> str:
    """``rel``, but never more than ``above`` (the relevance shown just before it)."""
    if above is None or rel not in _RELEVANCE_ORDER or above not in _RELEVANCE_ORDER:
        return rel
    return min(rel, above, key=_RELEVANCE_ORDER.index)
