"""A quoted phrase with its nouns in the other number: "national implementation plan" finds the
paragraphs holding "national implementation plans" too, after those holding it as written, and
the answer says which is which."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from precedent.index.text_match import find_phrase

WORDS = ["plan", "plans", "plan's", "national", "country", "countries", "crisis", "as", "a",
         "process", "processes", "migrant", "migrants'", "worker", "planning", "the", "policy",
         "policies"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
def test_every_match_as_written_is_a_match_of_the_forms(text_words, phrase_words):
    text, phrase = " ".join(text_words), " ".join(phrase_words)
    forms = find_phrase(text, phrase, forms=True)
    for s, e in find_phrase(text, phrase):  # as written, or with its possessive ("plan's")
        assert any(s == fs and e <= fe for fs, fe in forms)
    for s, e in forms:  # each form found is whole words, as many as the phrase has
        assert (s == 0 or text[s - 1] == " ") and (e == len(text) or text[e] == " ")
        assert len(text[s:e].split()) == len(phrase_words)


def test_forms_are_the_other_number_and_the_possessive_not_other_words():
    text = ("a national implementation plan; National Implementation Plans; the plans' reviews; "
            "the countries’ policies; planning; crises; as")
    found = lambda p: [text[s:e] for s, e in find_phrase(text, p, forms=True)]  # noqa: E731
    assert found("national implementation plan") == ["national implementation plan",
                                                     "National Implementation Plans"]
    assert found("national implementation plans") == found("national implementation plan")
    assert found("country's policy") == ["countries’ policies"]
    assert found("plan") == ["plan", "Plans", "plans'"]  # not "planning"
    assert found("crisis") == []  # irregular plurals only as written
    assert found("a") == ["a"]  # short words only as written ("as" is no form of "a")


def test_the_phrase_as_written_comes_first_and_the_other_forms_are_said(fake_lib, tmp_path):
    path = tmp_path / "plans.txt"
    path.write_text("A/RES/99/8\n\n99/8. Plans\n\nThe General Assembly,\n\n"
                    "1. Welcomes the national implementation plans of forty States;\n\n"
                    "2. Encourages each State to adopt a national implementation plan.\n",
                    encoding="utf-8")
    doc_id = fake_lib.add(path).doc_id
    answer = fake_lib.search('"national implementation plan"', k=10)
    written = [h for h in answer.hits if "national implementation plan." in h.record.text]
    assert answer.hits[0] == written[0] and written[0].record.doc_id == doc_id
    assert answer.as_written == 1
    others = answer.hits[1:]
    # the shipped Declaration's para. 9 and the new paragraph 1 hold the plural only
    assert len(others) == 2 and all("national implementation plans" in h.record.text
                                    for h in others)
    for h in answer.hits:  # the words highlighted are the form each paragraph holds
        assert [h.record.text[s:e].lower() for s, e in h.highlights][0].startswith(
            "national implementation plan")
    assert "2 more paragraphs hold it in another form (\"national implementation plans\")" in \
        answer.message
    assert answer.order == "best first, the phrase as written ahead of its other forms"
    assert not answer.low_confidence


def test_a_phrase_found_only_in_another_form_says_it_is_not_there_as_written(fake_lib):
    answer = fake_lib.search('"alternative to detention"', k=10)
    assert answer.message.startswith('No paragraph contains "alternative to detention" as '
                                     'written; ')
    assert '("alternatives to detention")' in answer.message
    assert answer.hits and answer.as_written == 0 and answer.order == "best first"
    assert all("alternatives to detention" in h.record.text.lower() for h in answer.hits
               if h.role != "chapeau")
