"""A document-level prior at query time: how close the question is to each document's title.

A sub-paragraph such as "(c) Use alternatives to detention" does not say alone which text it
belongs to; a question often does ("Who chairs the International Migration Review Forum?",
"economic embargo against Cuba"). Instead of embedding every paragraph with its document's title
(more work at indexing), the titles alone are embedded once per loaded index (a few dozen short
texts, kept with the snapshot), and each candidate's fused score gets
``weight * max(0, cos(question, its document's title) - floor)``: nothing unless the question is
clearly about one document, then a small lift for that document's paragraphs. Pure functions over
vectors; the model call is the caller's.

Fitted on the tuning half of the issue-18 set (``benchmarks/fit_document_prior.py``; EVAL.md):
weight 0.3 on the fused score, floor 0.5, the title alone, commitment questions too (tuning half
0.836 -> 0.842, cross 0.780 -> 0.807). Without a floor it did worse (lay questions fell).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DocumentPrior:
    """The prior's settings: ``weight`` on the fused score for each unit of cosine above
    ``floor``; a document's text is its title, with its short name when ``names``;
    ``commitments=False``: not for commitment questions."""

    weight: float = 0.3
    floor: float = 0.5
    names: bool = False
    commitments: bool = True

    def applies(self, commitment: bool = False) -> bool:
        return self.weight > 0 and (self.commitments or not commitment)


DOCUMENT_PRIOR = DocumentPrior()


def document_text(title: str, short_name: str = "", names: bool = False) -> str:
    """What stands for a document: its title, and its short name when asked and not in it."""
    title = " ".join(title.split())
    short_name = " ".join(short_name.split())
    if names and short_name and short_name.casefold() not in title.casefold():
        return f"{title} ({short_name})" if title else short_name
    return title or short_name


class DocumentVectors:
    """One vector per document of a loaded index (its ``document_text``), and each record's
    document as an index into them. ``encode`` (the library's embedder: texts to unit vectors) is
    called once, here."""

    def __init__(self, texts: Mapping[str, str], record_docs: Sequence[str],
                 encode: Callable[[list[str]], np.ndarray]):
        self.doc_ids = [d for d, t in texts.items() if t]
        at = {d: i for i, d in enumerate(self.doc_ids)}
        self.vectors = (np.asarray(encode([texts[d] for d in self.doc_ids]), dtype=np.float32)
                        if self.doc_ids else np.zeros((0, 0), np.float32))
        # a record whose document has no text (-1) gets no prior
        self.of_row = np.fromiter((at.get(d, -1) for d in record_docs), dtype=np.int64,
                                  count=len(record_docs))

    def prior(self, qv: np.ndarray, rows: np.ndarray, setting: DocumentPrior) -> np.ndarray:
        """Per candidate row, what the prior adds to its fused score."""
        out = np.zeros(len(rows), dtype=np.float32)
        if not len(self.doc_ids) or not len(rows):
            return out
        gain = setting.weight * np.maximum(self.vectors @ qv - setting.floor, 0.0)
        docs = self.of_row[rows]
        has = docs >= 0
        out[has] = gain[docs[has]]
        return out
