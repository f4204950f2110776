"""The keyword side: BM25 (bm25s) over stemmed words, saved as plain JSON/npy files."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves""".split()
)


def _bm25s():
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import
    return bm25s


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
    words = [w for w in _TOKEN.findall(text.lower()) if w not in _STOPWORDS]
    return _stemmer().stemWords(words) if words else []


class KeywordIndex:
    """BM25 over a list of texts; row i is record i."""

    def __init__(self, retriever, count: int):
        self._bm25 = retriever
        self.count = count
        self._vocab = retriever.vocab_dict
        indptr = np.asarray(retriever.scores["indptr"])
        df = np.diff(indptr).astype(np.float64)
        n = float(retriever.scores.get("num_docs", count))
        self._idf = np.log1p((n - df + 0.5) / (df + 0.5))  # Lucene's idf, per vocabulary id
        self._idf_unseen = float(np.log1p((n + 0.5) / 0.5))

    def idf(self, token: str) -> float:
        """The rarity of a (stemmed) token: Lucene's idf; a token the texts never use counts as
        the rarest."""
        tid = self._vocab.get(token)
        return self._idf_unseen if tid is None or tid >= len(self._idf) else float(self._idf[tid])

    def ideal_score(self, query: str) -> float:
        """What a document of average length holding each query word once would score: the
        scale on which a BM25 score says how much of the query a paragraph covers."""
        return sum(self.idf(t) for t in dict.fromkeys(tokenize(query)))

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        bm25s = _bm25s()
        corpus_tokens = [tokenize(t) or ["__empty__"] for t in texts]
        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros where nothing matches)."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self.count == 0:
            return np.zeros(self.count, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def rows_with_all_words(self, text: str) -> np.ndarray | None:
        """Rows holding every (non stop-word) word of ``text``, from the posting lists; None when
        ``text`` has no indexed word to narrow by (the caller must then scan)."""
        tokens = list(dict.fromkeys(tokenize(text)))
        if not tokens:
            return None
        m = self._bm25.scores
        rows: np.ndarray | None = None
        for t in tokens:
            tid = self._vocab.get(t)
            if tid is None:
                return np.zeros(0, dtype=np.int64)
            posting = np.asarray(m["indices"][m["indptr"][tid]:m["indptr"][tid + 1]], dtype=np.int64)
            rows = posting if rows is None else np.intersect1d(rows, posting, assume_unique=True)
            if len(rows) == 0:
                break
        return rows

    @property
    def stored_count(self) -> int | None:
        """How many texts the BM25 model itself says it holds (None when it does not say): a
        check on ``count`` when an index is loaded."""
        scores = getattr(self._bm25, "scores", None)
        if isinstance(scores, dict) and "num_docs" in scores:
            return int(scores["num_docs"])
        return None

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, directory: Path, count: int) -> KeywordIndex:
        retriever = _bm25s().BM25.load(str(directory), load_corpus=False, allow_pickle=False)
        return cls(retriever, count)
