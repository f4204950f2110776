"""The keyword side: BM25 (Lucene's variant, as bm25s scores it) over stemmed words, in segments.

Each index segment keeps its own postings (``KeywordSegment``): per word, the rows holding it and
how often, and per row its length in words, saved as plain ``.npy`` files and a JSON word list.
Nothing in a segment depends on the others, so adding documents writes one new segment and
leaves the rest as they are. ``KeywordIndex`` scores a query over every live row of every
segment with the statistics of the whole library (number of rows, document frequency of each
word, average row length): the scores are those of one BM25 index built over all rows at once
(``tests/test_keyword.py`` checks them against bm25s itself).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

K1, B = 1.2, 0.75
EMPTY = "__empty__"  # the one token of a text with no word (as bm25s is given it)

# a word as the keyword side reads it (two word characters at least); the search layer finds
# words in texts with it too, so that they are the words this index holds
WORD_RE = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Snowball stem of one lower-case word (cached: a corpus repeats its words)."""
    return _stemmer().stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words dropped, Snowball-stemmed word tokens."""
    words = [w for w in WORD_RE.findall(text.lower()) if w not in _STOPWORDS]
    return _stemmer().stemWords(words) if words else []


class KeywordSegment:
    """The postings of one segment's rows: ``terms[t]`` is held by rows
    ``rows[indptr[t]:indptr[t+1]]`` (ascending) ``tf`` times each; ``lengths[r]`` is row r's
    number of tokens."""

    FILES = ("kw_terms.json", "kw_indptr.npy", "kw_rows.npy", "kw_tf.npy", "kw_lengths.npy")

    def __init__(self, terms: list[str], indptr: np.ndarray, rows: np.ndarray, tf: np.ndarray,
                 lengths: np.ndarray):
        self.terms = terms
        self.vocab = {t: i for i, t in enumerate(terms)}
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.rows = np.asarray(rows, dtype=np.int32)
        self.tf = np.asarray(tf, dtype=np.int32)
        self.lengths = np.asarray(lengths, dtype=np.int32)

    @property
    def count(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordSegment:
        tokens = [tokenize(t) or [EMPTY] for t in texts]
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
        vocab: dict[str, int] = {}
        ids = np.fromiter((vocab.setdefault(w, len(vocab)) for doc in tokens for w in doc),
                          dtype=np.int64,
                          count=int(lengths.sum()))
        return cls._from_pairs(list(vocab), ids,
                               np.repeat(np.arange(len(tokens), dtype=np.int64), lengths),
                               np.ones(len(ids), dtype=np.int64), lengths)

    @classmethod
    def _from_pairs(cls, terms: list[str], term_ids: np.ndarray, rows: np.ndarray,
                    counts: np.ndarray,
                    lengths: np.ndarray) -> KeywordSegment:
        """From (term, row, count) triples (a pair may repeat: counts are summed), terms sorted."""
        order = (np.argsort(np.asarray(terms, dtype=object), kind="stable") if terms
                 else np.zeros(0, np.int64))
        rank = np.empty(len(terms), dtype=np.int64)
        rank[order] = np.arange(len(terms))
        n = max(1, len(lengths))
        keys = rank[term_ids] * n + rows
        uniq, inverse = np.unique(keys, return_inverse=True)
        tf = np.bincount(inverse, weights=counts, minlength=len(uniq)).astype(np.int64)
        term_of = uniq // n
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of, minlength=len(terms)), out=indptr[1:])
        return cls([terms[i] for i in order], indptr, uniq % n, tf, lengths)

    @classmethod
    def merge(cls, parts: Sequence[tuple[KeywordSegment, np.ndarray | None]]) -> KeywordSegment:
        """One segment of the kept rows of ``parts`` ((segment, boolean mask of rows kept or
        None for all)), in order: the postings are renumbered, no text is tokenized again."""
        terms: dict[str, int] = {}
        all_ids, all_rows, all_tf, all_len = [], [], [], []
        offset = 0
        for seg, keep in parts:
            remap = np.fromiter((terms.setdefault(t, len(terms)) for t in seg.terms),
                                dtype=np.int64,
                                count=len(seg.terms))
            term_of = np.repeat(np.arange(len(seg.terms)), np.diff(seg.indptr))
            rows = seg.rows.astype(np.int64)
            tf = seg.tf
            lengths = seg.lengths
            if keep is not None:
                new_row = np.cumsum(keep) - 1
                live = keep[rows]
                term_of, rows, tf = term_of[live], new_row[rows[live]], tf[live]
                lengths = lengths[keep]
            all_ids.append(remap[term_of])
            all_rows.append(rows + offset)
            all_tf.append(tf)
            all_len.append(lengths)
            offset += len(lengths)

        def cat(xs, dt):
            return np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)

        merged = cls._from_pairs(list(terms), cat(all_ids, np.int64), cat(all_rows, np.int64),
                                 cat(all_tf, np.int64),
                                 cat(all_len, np.int64))
        # terms no kept row holds any more are dropped
        used = np.diff(merged.indptr) > 0
        if not used.all():
            keep_terms = np.flatnonzero(used)
            merged = cls([merged.terms[i] for i in keep_terms],
                         np.concatenate([[0], np.cumsum(np.diff(merged.indptr)[keep_terms])]),
                         merged.rows, merged.tf, merged.lengths)
        return merged

    def posting(self, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(rows, counts) of ``token``, or None when no row holds it."""
        t = self.vocab.get(token)
        if t is None:
            return None
        a, b = self.indptr[t], self.indptr[t + 1]
        return self.rows[a:b], self.tf[a:b]

    def save(self, directory: Path) -> None:
        with open(directory / "kw_terms.json", "w", encoding="utf-8") as f:
            json.dump(self.terms, f, ensure_ascii=False)
        for name, array in (("kw_indptr", self.indptr), ("kw_rows", self.rows), ("kw_tf", self.tf),
                            ("kw_lengths", self.lengths)):
            np.save(directory / f"{name}.npy", array, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> KeywordSegment:
        terms = json.loads((directory / "kw_terms.json").read_text(encoding="utf-8"))
        arrays = [np.load(directory / f"{name}.npy", allow_pickle=False)
                  for name in ("kw_indptr", "kw_rows", "kw_tf", "kw_lengths")]
        seg = cls(terms, *arrays)
        indptr, rows = seg.indptr, seg.rows
        if (not isinstance(terms, list) or len(indptr) != len(terms) + 1 or indptr[0] != 0
                or indptr[-1] != len(rows) or len(seg.tf) != len(rows)
                or (len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= seg.count))):
            raise ValueError("keyword postings disagree with each other")
        return seg


class KeywordIndex:
    """BM25 over the live rows of segments, scored with the whole library's statistics; row i is
    record i. ``parts``: (segment, boolean mask of its live rows, or None when all are)."""

    def __init__(self, parts: Sequence[tuple[KeywordSegment, np.ndarray | None]]):
        self.parts = []
        offset, total_len = 0, 0
        for seg, live in parts:
            if live is not None and live.all():
                live = None
            if live is None:
                to_global, n, length = None, seg.count, int(seg.lengths.sum())
            else:
                to_global = np.where(live, np.cumsum(live) - 1 + offset, -1).astype(np.int64)
                n, length = int(live.sum()), int(seg.lengths[live].sum())
            self.parts.append((seg, offset, to_global))
            offset += n
            total_len += length
        self.count = offset
        self._avg_len = total_len / offset if offset else 1.0
        self._postings: dict[str, list] = {}
        self._scores: dict[str, list] = {}

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        return cls([(KeywordSegment.build(texts), None)])

    @property
    def stored_count(self) -> int:
        return self.count

    def _posting(self, token: str) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per segment holding ``token``: (global rows, counts, row lengths), live rows only."""
        found = self._postings.get(token)
        if found is None:
            found = []
            for seg, offset, to_global in self.parts:
                p = seg.posting(token)
                if p is None:
                    continue
                rows, tf = p
                lengths = seg.lengths[rows]
                if to_global is None:
                    g = rows.astype(np.int64) + offset
                else:
                    g = to_global[rows]
                    live = g >= 0
                    g, tf, lengths = g[live], tf[live], lengths[live]
                if len(g):
                    found.append((g, tf, lengths))
            if len(self._postings) > 4096:
                self._postings.clear()
            self._postings[token] = found
        return found

    def rows(self, token: str) -> np.ndarray:
        """The (live, global) rows holding ``token``."""
        found = self._posting(token)
        return np.concatenate([g for g, _, _ in found]) if found else np.zeros(0, np.int64)

    def df(self, token: str) -> int:
        return sum(len(g) for g, _, _ in self._posting(token))

    def idf(self, token: str) -> float:
        """The rarity of a (stemmed) token: Lucene's idf; a token the texts never use counts as
        the rarest."""
        df = self.df(token)
        n = float(self.count)
        if df == 0:
            return float(np.log1p((n + 0.5) / 0.5))
        return float(np.log1p((n - df + 0.5) / (df + 0.5)))

    def ideal_score(self, query: str) -> float:
        """What a document of average length holding each query word once would score: the
        scale on which a BM25 score says how much of the query a paragraph covers."""
        return sum(self.idf(t) for t in dict.fromkeys(tokenize(query)))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros where nothing matches); a word said twice
        counts twice, as in bm25s."""
        out = np.zeros(self.count, dtype=np.float64)
        for token in tokenize(query):
            for rows, score in self._token_scores(token):
                out[rows] += score
        return out.astype(np.float32)

    def _token_scores(self, token: str) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per segment holding ``token``: (global rows, what one occurrence of it in a query adds
        to each row's score), made once: a question's words come back question after question."""
        found = self._scores.get(token)
        if found is None:
            posting = self._posting(token)
            idf = self.idf(token) if posting else 0.0
            norm = K1 / self._avg_len
            found = [(rows, idf * (tf / (K1 * (1 - B) + B * norm * lengths + tf)))
                     for rows, tf, lengths in posting]
            if len(self._scores) > 4096:
                self._scores.clear()
            self._scores[token] = found
        return found

    def rows_with_all_words(self, text: str) -> np.ndarray | None:
        """Rows holding every (non stop-word) word of ``text``, from the posting lists; None when
        ``text`` has no indexed word to narrow by (the caller must then scan)."""
        tokens = list(dict.fromkeys(tokenize(text)))
        if not tokens:
            return None
        rows: np.ndarray | None = None
        for t in tokens:
            posting = self._posting(t)
            held = (np.concatenate([g for g, _, _ in posting]) if posting
                    else np.zeros(0, dtype=np.int64))
            rows = held if rows is None else np.intersect1d(rows, held, assume_unique=True)
            if len(rows) == 0:
                break
        return rows
