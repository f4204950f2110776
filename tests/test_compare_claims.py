"""Compare on real texts (tests/real_library.py): agreed language is language in adopted texts,
the document compared never counts, and marked spans are phrases of substance."""

from __future__ import annotations

from pathlib import Path

import pytest
from real_library import DRAFT_2026, real_library, skip_without_real

from precedent.search.compare import compare_file, compare_records
from precedent.search.compare.draft import MIN_SPAN_WEIGHT, trigram_weights
from precedent.search.trigram_weight import covered
from precedent.search.verbatim import tokenize_words

pytestmark = skip_without_real
SHIPPED = (Path(__file__).resolve().parents[1] / "corpus"
           / "imrf-2026-progress-declaration-draft.txt")


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


@pytest.fixture(scope="module")
def statuses(lib):
    return {d["doc_id"]: d["status"] for d in lib.documents()}


def test_the_2026_draft_gets_the_same_share_with_and_without_its_own_document(lib, statuses):
    draft = [r for r in lib.records if r.doc_id == DRAFT_2026]
    default = compare_records(lib, draft)
    without = compare_records(lib, draft, exclude_docs=[DRAFT_2026])
    assert (default.agreed_words, default.words) == (without.agreed_words, without.words)
    assert 20 <= default.percent < 60  # not "100% agreed": it no longer finds itself
    assert default.left_out[DRAFT_2026] == "the document being compared"
    assert default.documents and all(statuses[d] == "adopted" for d in default.documents)
    assert not default.drafts
    drafts = [d for d, s in statuses.items() if s == "draft" and d != DRAFT_2026]
    assert len(drafts) == 10 and all(default.left_out[d].startswith("not adopted") for d in drafts)


def test_the_shipped_draft_file_never_counts_itself_even_with_drafts(lib):
    result = compare_file(lib, SHIPPED, include_drafts=True)
    assert result.left_out.get(DRAFT_2026) == "the document being compared"
    assert DRAFT_2026 not in result.documents and result.percent < 100
    assert len(result.drafts) == 10  # the 2025 drafts, counted on request and named
    default = compare_file(lib, SHIPPED)
    assert not default.drafts and default.agreed_words <= result.agreed_words


def test_marked_spans_are_phrases_of_substance(lib):
    draft = [r for r in lib.records if r.doc_id == DRAFT_2026]
    result = compare_records(lib, draft)
    weights = trigram_weights(lib.view)
    spans = [(p, s) for p in result.paragraphs for s in p.spans]
    assert len(spans) > 50
    for p, s in spans:
        assert s.words >= 5, s.text  # no "in" or "and" pointing to another paragraph
        tok = tokenize_words(p.draft.text)
        first = next(i for i, start in enumerate(tok.starts) if start >= s.start)
        last = max(i for i, end in enumerate(tok.ends) if end <= s.end) + 1
        assert covered(weights.weigh(p.draft.text, tok), [(first, last)]) >= MIN_SPAN_WEIGHT
    texts = {s.text.lower() for _, s in spans}
    assert "the right to privacy and" not in texts  # a 5-word stock run (issue 17)
    for p in result.paragraphs:
        assert p.agreed_words == sum(s.words for s in p.spans)
