"""A read-only snapshot of one loaded index, and the retrieval steps over it.

``Library`` swaps in a new ``IndexSnapshot`` in one assignment when the index changes, and each
search works on the snapshot it started with: a search running while another process's change is
adopted never mixes old records with new vectors. (Not the page's "paragraph view", which shows
one paragraph in its document.)
"""

from __future__ import annotations

import numpy as np

from precedent.index.dense import search_faiss
from precedent.index.keyword import WORD_RE, stem_word
from precedent.index.segments import DenseIndex
from precedent.index.store import IndexData
from precedent.index.text_match import find_phrase

from .documents import document_cards
from .filters import RecordTable
from .provenance import ProvenanceIndex
from .twins import TwinIndex

# A word is written as a name when capitalised in this share of its places (a sentence's first
# word aside), read in its first ``NAME_ROWS`` paragraphs.
NAME_SHARE = 0.8
NAME_ROWS = 50
MARK_RECORDS = 200_000  # ``candidates`` marks rows in a table of this many records at most


class IndexSnapshot:
    def __init__(self, data: IndexData):
        self.data = data
        self.records = data.records
        n = len(self.records)
        rows = data.sentence_rows[:, 0] if len(data.sentence_rows) else np.zeros(0, dtype=np.int32)
        starts = np.searchsorted(rows, np.arange(n), side="left")
        ends = np.searchsorted(rows, np.arange(n), side="right")
        self.part_range = np.stack([starts, ends], axis=1) if n else np.zeros((0, 2), int)
        # the records with parts, and where their parts start (they lie in record order)
        self._with_parts = np.flatnonzero(ends > starts) if n else np.zeros(0, dtype=np.int64)
        self._part_starts = starts[self._with_parts] if n else np.zeros(0, dtype=np.int64)
        self._idf: dict[str, float] = {}
        self._doc_share: dict[str, float] = {}  # a title word's share of the documents
        self._named: dict[str, bool] = {}  # whether the texts write a word as a name
        self.documents = document_cards(data.sources)
        self.table = RecordTable(self.records, {d: c.status for d, c in self.documents.items()})
        self.facets = self.table.facets()
        self.provenance = ProvenanceIndex(self.records, self.documents)
        self._memo: dict = {}
        self._cosines: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def memo(self, key, build):
        """``build()``, computed once per snapshot and key: what other modules derive from this
        index (e.g. the comparison's n-gram index) lives as long as the snapshot, and a new index
        starts afresh."""
        value = self._memo.get(key)
        if value is None:
            value = self._memo[key] = build()
        return value

    @property
    def twins(self) -> TwinIndex:
        """Drafts' paragraphs and their adopted twins (``search.twins``), found on first use."""
        return self.memo("twins", lambda: TwinIndex(self.records, self.documents))

    def idf(self, token: str) -> float:
        """``KeywordIndex.idf`` of a (stemmed) token, remembered: answers ask for the same words
        again and again."""
        value = self._idf.get(token)
        if value is None:
            if len(self._idf) > 4096:
                self._idf.clear()
            value = self._idf[token] = self.data.keyword.idf(token)
        return value

    def doc_share(self, token: str) -> float:
        """The share of the library's documents with a paragraph holding ``token`` (a stem)
        (remembered per snapshot, as ``idf``)."""
        value = self._doc_share.get(token)
        if value is None:
            docs = self.table.codes["doc_id"][self.data.keyword.rows(token)]
            n = len(self.table.values["doc_id"]) or 1
            value = self._doc_share[token] = len(np.unique(docs)) / n
        return value

    def written_as_name(self, token: str) -> bool:
        """Whether the paragraphs holding ``token`` (a stem) write it capitalised, as a name is
        ("Tokelau", "Awaza", "IMRF"), in at least ``NAME_SHARE`` of the places it stands other
        than a sentence's first word (remembered per snapshot)."""
        value = self._named.get(token)
        if value is None:
            caps = lower = 0
            for row in self.data.keyword.rows(token)[:NAME_ROWS].tolist():
                text = self.records[row].text
                for m in WORD_RE.finditer(text):
                    word = m.group(0)
                    if stem_word(word.lower()) != token:
                        continue
                    before = text[:m.start()].rstrip()
                    if not before or before[-1] in ".;:!?":
                        continue  # a sentence's first word is capitalised anyway
                    caps += word[0].isupper()
                    lower += not word[0].isupper()
            value = self._named[token] = caps > 0 and caps >= NAME_SHARE * (caps + lower)
        return value

    def get(self, record_id: str):
        row = self.data.by_id.get(record_id)
        return None if row is None else self.records[row]

    def cosines(self, qv: np.ndarray,
                make: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The query's cosine with every paragraph and with every part, and every paragraph's
        dense score (``dense_scores``), when both dense indexes are exact: the two products the
        candidate search makes anyway, made once per query vector and read again by the
        candidates' scores and their chapeaux' (gathering the candidates' rows and parts
        instead, several times per answer, cost more; the best part of every paragraph is one
        pass over the parts' cosines, which lie in record order). None when an index has
        approximate parts (a large segment), or with ``make`` False when this vector's products
        were not made (the feedback's moved vector, a citation): those rows are gathered, which
        for a large library costs less than products over all of it."""
        data = self.data
        if not all(isinstance(i, DenseIndex) and not i.approx
                   for i in (data.dense, data.sentence_dense)):
            return None
        key = qv.tobytes()
        found = self._cosines.get(key)
        if found is None and make:
            if len(self._cosines) >= 4:  # a question, its feedback-moved vector, a few more
                self._cosines.clear()
            whole = data.dense.vectors @ qv
            parts = data.sentence_dense.vectors @ qv
            found = self._cosines[key] = (
                whole, parts, _with_best_part(whole, self._with_parts, parts, self._part_starts))
        return found

    def candidates(self, text: str, qv: np.ndarray | None, mode: str, pool: int,
                   keyword_text: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Candidate rows (dense neighbours of the paragraph and of its parts, and the best BM25
        rows for ``keyword_text``, else ``text``) and the keyword score of every row."""
        data = self.data
        kw = (data.keyword.scores(keyword_text or text) if mode != "dense"
              else np.zeros(len(self.records), np.float32))
        found = [np.zeros(0, dtype=np.int64)]
        if mode != "keyword":
            cos = self.cosines(qv)
            whole, parts = (cos[0], cos[1]) if cos is not None else (None, None)
            found.append(nearest_rows(data.dense, qv, pool, whole))
            if len(data.sentence_rows):
                found.append(data.sentence_rows[nearest_rows(data.sentence_dense, qv, pool * 2,
                                                             parts), 0])
        if mode != "dense":
            top = np.argpartition(-kw, pool)[:pool] if len(kw) > pool else np.arange(len(kw))
            found.append(top[kw[top] > 0])
        # the union as sorted rows: up to a few hundred thousand records, a mark per record is
        # cheaper than sorting the concatenation (both give the same rows)
        if len(self.records) > MARK_RECORDS:
            return np.unique(np.concatenate(found).astype(np.int64)), kw
        marked = np.zeros(len(self.records), dtype=bool)
        for rows in found:
            marked[rows] = True
        return np.flatnonzero(marked).astype(np.int64, copy=False), kw

    def dense_scores(self, rows: np.ndarray, qv: np.ndarray) -> np.ndarray:
        """Per record: the mean of its paragraph cosine and of its best part's (sentence or
        clause window) cosine, so a query matching one idea of a long paragraph counts."""
        cos = self.cosines(qv, make=False)
        if cos is not None:
            return cos[2][rows]
        whole = self.whole_scores(rows, qv)
        ranges = self.part_range[rows] if len(rows) else np.zeros((0, 2), int)
        lengths = ranges[:, 1] - ranges[:, 0]
        has = np.flatnonzero(lengths > 0)
        if not len(has):
            return _with_best_part(whole, has, np.zeros(0, whole.dtype), has)
        # every part of every candidate in one product, then the best per candidate
        counts = lengths[has]
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        parts = np.repeat(ranges[has, 0] - starts, counts) + np.arange(counts.sum())
        return _with_best_part(whole, has, self.data.sentence_vectors[parts] @ qv, starts)

    def whole_scores(self, rows: np.ndarray, qv: np.ndarray) -> np.ndarray:
        """The cosine of each record's own (whole paragraph) vector with the query."""
        cos = self.cosines(qv, make=False)
        return cos[0][rows] if cos is not None else self.data.vectors[rows] @ qv

    def rows_with_phrases(self, phrases: tuple[str, ...],
                          mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows (passing ``mask``) whose text contains every phrase as written, and those that
        hold one only in another form (its nouns in the other number, ``find_phrase``); the
        keyword index's posting lists narrow the rows to check (a word's forms share its stem),
        the normalised text match decides."""
        rows = np.flatnonzero(mask)
        for p in phrases:
            narrowed = self.data.keyword.rows_with_all_words(p)
            if narrowed is not None:
                rows = np.intersect1d(rows, narrowed, assume_unique=True)
        written, other = [], []
        for i in rows:
            text = self.records[i].text
            if all(find_phrase(text, p) for p in phrases):
                written.append(i)
            elif all(find_phrase(text, p, forms=True) for p in phrases):
                other.append(i)
        return np.asarray(written, dtype=np.int64), np.asarray(other, dtype=np.int64)


def _with_best_part(whole: np.ndarray, has: np.ndarray, sims: np.ndarray,
                    starts: np.ndarray) -> np.ndarray:
    """The dense score: the mean of each record's ``whole`` cosine and of its best part's,
    ``sims`` holding the parts of records ``has`` one after another, each record's from
    ``starts`` on (a record without parts: its whole cosine twice)."""
    best = whole.copy()
    if len(has):
        best[has] = np.maximum(best[has], np.maximum.reduceat(sims, starts))
    return 0.5 * whole + 0.5 * best


def nearest_rows(index, qv: np.ndarray, k: int, sims: np.ndarray | None = None) -> np.ndarray:
    """The ``k`` rows of ``index`` nearest the query, in no order (the candidates are a set).
    An exact index (``DenseIndex`` with no approximate part): the query's cosine with every row
    (``sims`` when given, ``IndexSnapshot.cosines``) and an ``argpartition``, without the sorting
    a search makes; any other index: its search."""
    if isinstance(index, DenseIndex) and not index.approx:
        n = index.ntotal
        k = max(1, min(k, n))
        if k >= n:
            return np.arange(n)
        sims = index.vectors @ qv if sims is None else sims
        return np.argpartition(-sims, k - 1)[:k]
    _, rows = search_faiss(index, qv[None, :], k)
    return rows[0][rows[0] >= 0]
