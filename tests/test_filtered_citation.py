"""A paragraph cited while the filters leave it out is said to be in the library: "A/80/L.4 para
13" with "Adopted texts only" was "No paragraph 13 of ... (A/80/L.4, draft) in the library"."""

from __future__ import annotations

import pytest
from real_library import real_library, skip_without_real

pytestmark = skip_without_real


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


@pytest.mark.parametrize("question, filters", [
    ("A/80/L.4 para 13", {"status": ["adopted"]}),
    ("GCM 23 (b)", {"doc": ["A/RES/76/266"]}),
    ("GCM 23 (b)", {"category": ["request"]}),
])
def test_a_cited_paragraph_the_filters_leave_out_is_not_said_absent(lib, question, filters):
    answer = lib.search(question, k=3, **filters)
    assert "is in the library, but the filters leave it out" in answer.message, answer.message
    assert "in the library;" not in answer.message and not answer.message.startswith("No ")
    assert answer.confidence == 0.0 and all(h.role != "answer" for h in answer.hits)
    # without the filters, the paragraph itself
    plain = lib.search(question, k=3)
    assert plain.intent == "citation" and plain.hits


def test_a_paragraph_the_library_lacks_is_still_said_absent(lib):
    answer = lib.search("A/80/L.4 para 99", k=3, status=["adopted"])
    assert answer.message.startswith("No paragraph 99 of"), answer.message
