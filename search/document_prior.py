"""A document-level prior at query time: how close the question is to each document's title.

A sub-paragraph such as "(c) Use alternatives to detention" does not say alone which text it
belongs to; a question often does ("... at the migration review forum", "... on road safety").
Instead of embedding every paragraph with its document's title (more indexing work), the titles
alone are embedded once per loaded index (a few dozen short texts, kept with the snapshot), and
each candidate's fused score gets ``weight * max(0, cos(question, its document's title) -
floor)``, or, with ``relative``, ``weight * (cos - the best title's cos)`` (never positive: the
closest document's paragraphs keep their scores). Pure functions over vectors; the model call is
the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DocumentPrior:
    """The prior's settings: ``weight`` on the fused score (``on="fused"``) or on the dense side
    (``on="dense"``: times the dense weight); a document's text is its title, with its short name
    after it when ``names``; cosines under ``floor`` add nothing; ``relative``: measured from the
    best document's cosine instead; ``commitments=False``: not for commitment questions."""

    weight: float = 0.1
    names: bool = False
    floor: float = 0.0
    relative: bool = False
    on: str = "fused"
    commitments: bool = True
    min_keyword: float | None = None
    first: bool = True

    def applies(self, keyword_share: float = 1.0, commitment: bool = False) -> bool:
        if self.weight <= 0 or (commitment and not self.commitments):
            return False
        return self.min_keyword is None or keyword_share >= self.min_keyword

    def scale(self, dense_weight: float) -> float:
        """The weight on the fused score."""
        return self.weight * (dense_weight if self.on == "dense" else 1.0)


def document_text(title: str, short_name: str = "", names: bool = False) -> str:
    """What stands for a document: its title, and its short name when asked and not in it."""
    title = " ".join(title.split())
    short_name = " ".join(short_name.split())
    if names and short_name and short_name.casefold() not in title.casefold():
        return f"{title} ({short_name})" if title else short_name
    return title or short_name


class DocumentVectors:
    """One vector per document of a loaded index, and each record's document (as an index into
    them). ``encode`` turns texts into unit vectors (the library's embedder); called once."""

    def __init__(self, texts: Mapping[str, str], record_docs: Sequence[str],
                 encode: Callable[[list[str]], np.ndarray]):
        self.doc_ids = list(texts)
        at = {d: i for i, d in enumerate(self.doc_ids)}
        self.vectors = (np.asarray(encode([texts[d] for d in self.doc_ids]), dtype=np.float32)
                        if self.doc_ids else np.zeros((0, 1), np.float32))
        # a record whose document has no text (-1) gets no prior
        self.of_row = np.fromiter((at.get(d, -1) for d in record_docs), dtype=np.int64,
                                  count=len(record_docs))

    def prior(self, qv: np.ndarray, rows: np.ndarray, setting: DocumentPrior,
              weight: float) -> np.ndarray:
        """Per candidate row, what the prior adds to its fused score (``weight``: the setting's
        weight on the fused score)."""
        out = np.zeros(len(rows), dtype=np.float32)
        if not len(self.doc_ids) or not len(rows):
            return out
        cos = self.vectors @ qv
        if setting.relative:
            gain = cos - float(cos.max())
        else:
            gain = np.maximum(cos - setting.floor, 0.0)
        docs = self.of_row[rows]
        has = docs >= 0
        out[has] = weight * gain[docs[has]]
        return out
