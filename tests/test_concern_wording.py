"""Concern is concern however strongly it is put: "Noting with great concern" (A/RES/78/138,
PP24) was read as a recognition beside "Noting with concern" (PP19 of the same resolution)."""

import pytest

from precedent.ingest.classify import sentence_category


@pytest.mark.parametrize("sentence", [
    "Noting with concern that most developing countries have not been able to",
    "Noting with great concern the severe negative impact on human health",
    "Taking note with particular concern of the situation",
    "Expressing serious concern at the continued loss of life",
    "Expresses its utmost concern at the rise in xenophobia",
    "We note with great concern the rise in hate speech",
])
def test_concern_put_strongly_is_still_concern(sentence):
    assert sentence_category(sentence) == "concern"


def test_noting_without_concern_stays_a_recognition():
    assert sentence_category("Noting the outcome of the fifteenth session") == "recognition"
