"""Pseudo-relevance feedback (``search.feedback``): the question's vector moved towards the first
hit, only for a non-commitment question whose keyword side is weak; the low-confidence call still
reads the question's own cosines."""

from __future__ import annotations

import numpy as np
import pytest

from precedent.search.feedback import FEEDBACK, Feedback, feedback_query, top_distinct
from precedent.search.query import parse_query


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_the_question_moves_towards_the_feedback_paragraphs_and_stays_unit_length():
    q, p = _unit([1, 0, 0]), _unit([0, 1, 0])
    moved = feedback_query(q, [p], 0.5)
    assert np.linalg.norm(moved) == pytest.approx(1.0, abs=1e-6)
    assert float(moved @ p) > float(q @ p)
    assert float(moved @ q) > float(moved @ p)  # beta 0.5: still nearer the question
    assert feedback_query(q, [], 0.5) is q
    assert feedback_query(q, [p], 0.0) is q


def test_a_near_copy_of_a_feedback_paragraph_is_skipped():
    a, twin, b = _unit([1, 0, 0]), _unit([1, 0.01, 0]), _unit([0, 0, 1])
    vectors = np.stack([a, twin, b])
    rows = np.array([0, 1, 2])
    assert top_distinct(np.array([0.9, 0.8, 0.7]), rows, lambda r: vectors[r], 2) == [0, 2]
    assert top_distinct(np.array([0.1, 0.8, 0.7]), rows, lambda r: vectors[r], 1) == [1]


def test_the_rule_skips_commitment_questions_and_a_strong_keyword_side():
    assert FEEDBACK.applies(0.1) and not FEEDBACK.applies(0.1, commitment=True)
    assert not FEEDBACK.applies(FEEDBACK.max_keyword)
    assert Feedback(max_keyword=None, commitments=True).applies(1.0, commitment=True)


def _calls(lib, monkeypatch):
    calls = []
    original = type(lib)._feedback

    def spy(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(lib), "_feedback", spy)
    return calls


def test_feedback_runs_only_for_a_question_in_other_words_than_the_documents(fake_lib, monkeypatch):
    calls = _calls(fake_lib, monkeypatch)
    fake_lib.search("could grandma get help with her paperwork")  # words the texts hardly use
    assert len(calls) == 1
    for query in ("What did States commit to on child detention?",  # a commitment question
                  '"regardless of their migration status"',  # a quoted phrase
                  "child detention alternatives"):  # the documents' own words
        fake_lib.search(query)
    assert len(calls) == 1
    fake_lib.search("could grandma get help with her paperwork", mode="dense")
    assert len(calls) == 1  # hybrid search only


def test_hits_keep_the_question_own_cosine_for_the_confidence_call(fake_lib):
    query = "could grandma get help with her paperwork"
    answer = fake_lib.search(query, k=5)
    qv = fake_lib._encode([parse_query(query).retrieval_text])[0]
    view = fake_lib.view
    for hit in answer.hits:
        row = view.data.by_id[hit.record.id]
        assert hit.dense == pytest.approx(float(view.dense_scores(np.array([row]), qv)[0]),
                                          abs=1e-6)
    fake_lib.feedback = None
    plain = fake_lib.search(query, k=5)
    assert plain.low_confidence == answer.low_confidence


def test_answers_the_feedback_does_not_apply_to_are_unchanged(fake_lib):
    queries = ["What did States commit to on child detention?", "child detention alternatives"]
    with_feedback = [[h.record.id for h in a.hits] for a in fake_lib.batch(queries)]
    fake_lib.feedback = None
    without = [[h.record.id for h in a.hits] for a in fake_lib.batch(queries)]
    assert with_feedback == without
