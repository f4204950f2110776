"""Commitment questions on real resolutions (tests/real_library.py): the question's verb names
the paragraphs that answer it, and a question about one resolution as a whole is answered by what
that resolution asks, above what it recalls."""

from __future__ import annotations

import pytest
from real_library import real_library, skip_without_real

pytestmark = skip_without_real

IAEA = ("What did the General Assembly ask Member States to do in its resolution on the report "
        "of the International Atomic Energy Agency?")


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


def test_what_a_resolution_asks_comes_before_what_it_recalls(lib):
    answer = lib.search(IAEA, k=10)
    hits = [h for h in answer.hits if h.role != "chapeau"]
    assert answer.intent == "commitment"
    adopted = [h for h in hits if h.record.symbol == "A/RES/80/7"]
    assert adopted, [h.record.id for h in hits]
    asks = [h for h in adopted if h.record.kind != "preambular"
            and h.record.category in ("encouragement", "request")]
    findings = [h for h in adopted if h.record.kind == "preambular"]
    # "Appeals to Member States to continue to support the activities of the Agency" is asked for
    appeal = next(h for h in asks if h.record.text.startswith("Appeals to Member States"))
    assert appeal.role == "answer"
    assert all(h.role == "context" for h in findings)
    assert all(appeal.rank < h.rank for h in findings), [(h.rank, h.record.id) for h in hits]
    # what it asks is not called a commitment: the order names the kinds the answers are
    kinds = {h.record.category for h in hits if h.role == "answer"}
    assert "commitment" not in kinds and "commitments" not in answer.order
    assert "calls" in answer.order



def test_a_question_opening_with_its_scene_is_still_a_question_of_what_was_asked():
    """"In 2023, what did the General Assembly call on States to do ...?" was read as plain words
    (no calls marked as answering it); a phrase of up to eight words and a comma may come before
    the question word. A statement with such a phrase is no question."""
    from precedent.search.query import parse_query

    for q in ("In 2023, what did the General Assembly call on States to do on nuclear risks?",
              "At the Doha summit in November 2025, what did leaders commit to on social "
              "protection?"):
        assert parse_query(q).commitment, q
    asked = "what did the General Assembly call on States to do on nuclear risks?"
    assert parse_query(f"In 2023, {asked}").asked == parse_query(asked).asked == {"encouragement"}
    assert not parse_query("In 2023, the General Assembly called on States to act.").commitment
