"""search.thesaurus: everyday wording gets the texts' terms added to what is searched."""

from __future__ import annotations

from precedent.search.query import parse_query
from precedent.search.thesaurus import expand


def test_everyday_words_get_the_texts_terms():
    added = expand("locking up kids because their family has no papers").split()
    assert {"detention", "children", "irregular", "documentation"} <= set(added)
    assert "remittances" in expand("sending money home more cheaply").split()
    assert {"return",
            "reintegration"} <= set(expand("helping people sent back home to start over").split())


def test_the_texts_own_terms_add_nothing():
    assert expand("remittances") == ""
    # "data" is already the texts' word: no drift to "evidence"
    assert expand("disaggregated data") == ""
    assert expand("detention of children") == ""


def test_no_word_is_added_twice_or_when_present():
    added = expand("kids and minors in prisons and jails").split()
    assert len(added) == len(set(added))
    assert "detention" in added and added.count("children") == 1


def test_only_questions_are_expanded_and_quoted_phrases_stay_literal():
    q = parse_query('where is "wage theft" mentioned for bosses')
    assert q.phrases == ("wage theft",) and "employers" in q.expansion.split()
    assert q.base_text.startswith("where is") and q.retrieval_text.endswith(q.expansion)
    pasted = parse_query(" ".join(["We commit to end the detention of kids without papers in all "
                                   "cases"] * 3))
    assert pasted.expansion == ""  # a pasted paragraph speaks the texts' language already


def test_a_lay_question_finds_the_remittances_paragraph(fake_lib):
    hits = fake_lib.search("sending money home more cheaply", k=3).hits
    assert "annex:56" in [h.record.short_number for h in hits]
