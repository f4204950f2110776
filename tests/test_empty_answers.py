"""Every empty answer says why (issue 17): an "adopted texts only" search in the shipped library,
which holds only a draft, names what the library holds and how to add adopted texts."""

from __future__ import annotations

import re

from precedent.ui.render import render_answer


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_adopted_only_in_a_library_of_drafts_says_why(fake_lib):
    answer = fake_lib.search("alternatives to detention", k=5, status="adopted")
    assert answer.hits == []
    assert answer.message.startswith("No paragraph: the library holds no adopted text (it holds "
                                     "Progress Declaration 2026 (draft")
    assert "precedent add FILE" in answer.message and "Adopted texts only" in answer.message
    page = text_of(render_answer(answer))
    assert "No paragraphs found" not in page and "0 paragraphs" not in page
    assert "the library holds no adopted text" in page


def test_a_filter_that_leaves_nothing_is_named(fake_lib):
    answer = fake_lib.search("alternatives to detention", k=5, year=1999)
    assert (answer.hits == []
            and answer.message == "No paragraph: no paragraph of the library has year 1999.")


def test_keyword_search_without_any_word_says_so(fake_lib):
    answer = fake_lib.search("zzyzx qwertyuiop", k=5, mode="keyword")
    assert answer.hits == [] and "No paragraph holds any word of the question" in answer.message
