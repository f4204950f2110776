"""The document-level prior (``search.document_prior``): each document's title embedded once per
loaded index, and a candidate's fused score lifted by its document title's cosine to the question
above a floor; the hits' dense cosine (the low-confidence call's input) is left as it was."""

from __future__ import annotations

import numpy as np
import pytest

from precedent.search.document_prior import (
    DOCUMENT_PRIOR,
    DocumentPrior,
    DocumentVectors,
    document_text,
)
from precedent.search.query import parse_query


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)



def _vectors(calls=None):
    texts = {"gcm": "Global Compact", "cuba": "Embargo against Cuba", "empty": ""}
    table = {"Global Compact": _unit([1, 0, 0]), "Embargo against Cuba": _unit([0, 1, 0])}

    def encode(batch):
        if calls is not None:
            calls.append(list(batch))
        return np.stack([table[t] for t in batch])

    return DocumentVectors(texts, ["gcm", "gcm", "cuba", "empty", "unknown"], encode)


def test_each_title_is_embedded_once_and_a_document_without_one_is_left_out():
    calls = []
    vectors = _vectors(calls)
    assert calls == [["Global Compact", "Embargo against Cuba"]]
    assert vectors.doc_ids == ["gcm", "cuba"]
    assert vectors.of_row.tolist() == [0, 0, 1, -1, -1]


def test_the_prior_lifts_only_the_document_the_question_is_close_to_above_the_floor():
    vectors = _vectors()
    q = _unit([0.9, 0.3, 0.3])  # cos 0.905 to the Compact's title, 0.302 to Cuba's
    rows = np.arange(5)
    out = vectors.prior(q, rows, DocumentPrior(weight=0.3, floor=0.5))
    assert out[0] == out[1] == pytest.approx(0.3 * (float(q @ _unit([1, 0, 0])) - 0.5), abs=1e-6)
    assert out[2:].tolist() == [0.0, 0.0, 0.0]  # under the floor; no title; unknown document
    far = _unit([0.3, 0.3, 0.9])  # every title under the floor: no prior at all
    assert not vectors.prior(far, rows, DocumentPrior()).any()
    assert vectors.prior(q, rows[2:3], DocumentPrior(0.3, 0.0))[0] == pytest.approx(
        0.3 * float(q @ _unit([0, 1, 0])), abs=1e-6)


def test_the_settings():
    assert DOCUMENT_PRIOR.applies() and DOCUMENT_PRIOR.applies(commitment=True)
    assert not DocumentPrior(commitments=False).applies(commitment=True)
    assert not DocumentPrior(weight=0.0).applies()
    assert document_text("Olympic  ideal", "Olympics", names=True) == "Olympic ideal (Olympics)"
    assert document_text("Olympic ideal", "olympic ideal", names=True) == "Olympic ideal"
    assert document_text("Olympic ideal", "Olympics") == "Olympic ideal"
    assert document_text("", "Olympics") == "Olympics"


QUESTION = "What does the Progress Declaration of the International Migration Review Forum say?"


def test_the_library_embeds_the_titles_once_per_snapshot(fake_lib, monkeypatch):
    embedder = fake_lib._index.embedder
    seen = []
    original = embedder.encode

    def spy(texts, *args, **kwargs):
        seen.append(list(texts))
        return original(texts, *args, **kwargs)

    monkeypatch.setattr(embedder, "encode", spy)
    fake_lib.search(QUESTION)
    fake_lib.search("child detention alternatives")
    titles = [t for batch in seen for t in batch
              if t == "Progress Declaration of the International Migration Review Forum"]
    assert len(titles) == 1


def test_the_prior_lifts_scores_but_not_the_hits_dense_cosine(fake_lib):
    with_prior = fake_lib.search(QUESTION, k=5)
    qv = fake_lib._encode([parse_query(QUESTION).retrieval_text])[0]
    view = fake_lib.view
    for hit in with_prior.hits:
        row = view.data.by_id[hit.record.id]
        assert hit.dense == pytest.approx(float(view.dense_scores(np.array([row]), qv)[0]),
                                          abs=1e-6)
    fake_lib.document_prior = None
    without = fake_lib.search(QUESTION, k=5)
    assert with_prior.hits[0].score > without.hits[0].score  # one document: the same lift for all
    assert [h.record.id for h in with_prior.hits] == [h.record.id for h in without.hits]
    assert with_prior.low_confidence == without.low_confidence
