"""A quoted phrase's count says how many of its paragraphs are a draft's, named under their
adopted twins: "19 paragraphs in all" stood above 18 entries (a page audit)."""

from __future__ import annotations

from real_library import real_library, skip_without_real

pytestmark = skip_without_real


def test_the_count_of_a_phrase_says_which_paragraphs_are_named_under_others(tmp_path_factory):
    lib = real_library(lambda: tmp_path_factory.mktemp("real-library"))
    answer = lib.search('"Olympic Truce"', k=30)
    twins = sum(len(h.twins) for h in answer.hits)
    shown = sum(1 for h in answer.hits if h.role != "chapeau")
    assert twins and f"{shown + twins} paragraphs in all." in answer.message
    assert (f"{twins} paragraphs of a draft, the same text as an adopted one, named under it."
            in answer.message)
