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
    other = "goods and good; arms and arm; uses and us; planes; State's and State"
    in_other = lambda p: [other[s:e] for s, e in find_phrase(other, p, forms=True)]  # noqa: E731
    # a plural that is a word of its own is no form of the singular, nor "planes" of "plan",
    # nor "us" of "uses"; a possessive typed stays a possessive
    assert in_other("good") == ["good"] and in_other("goods") == ["goods"]
    assert in_other("arm") == ["arm"] and in_other("plan") == []
    assert in_other("uses") == ["uses"] and in_other("State's") == ["State's"]


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
    # every view says which hold it only in another form (JSON and CSV: the role)
    assert [h.role for h in answer.hits] == ["match", "form", "form"]
    assert [d["role"] for d in answer.to_dict()["hits"]] == ["match", "form", "form"]
    for h in answer.hits:  # the words highlighted are the form each paragraph holds
        assert [h.record.text[s:e].lower() for s, e in h.highlights][0].startswith(
            "national implementation plan")
    assert ("2 more paragraphs hold it in another form (\"national implementation plans\"), each "
            "shown, marked.") in answer.message
    assert answer.order == "the phrase as written first, then its other forms, each best first"
    assert not answer.low_confidence


def test_a_phrase_found_only_in_another_form_says_it_is_not_there_as_written(fake_lib):
    answer = fake_lib.search('"alternative to detention"', k=10)
    assert answer.message.startswith('No paragraph contains "alternative to detention" as '
                                     'written; ')
    assert '("alternatives to detention")' in answer.message
    assert answer.hits and answer.as_written == 0 and answer.order == "best first"
    assert all("alternatives to detention" in h.record.text.lower() for h in answer.hits
               if h.role != "chapeau")


def test_forms_not_shown_are_not_said_to_be_shown(fake_lib):
    """""policy"": "237 more paragraphs hold it in another form (...), shown after those holding
    it as written" when none of them was shown (the phrase as written filled the answer)."""
    from precedent.search.api import forms_message

    texts = ["national implementation plans"] * 5
    phrase = ("national implementation plan",)
    assert forms_message(phrase, texts, 3, 5).endswith("each shown, marked.")
    assert forms_message(phrase, texts, 3, 0).endswith("none shown (ask for more with k).")
    assert "the first 2 shown, marked (ask for more with k)" in forms_message(phrase, texts,
                                                                                  3, 2)
    assert forms_message(phrase, texts, 0, 2).endswith("; the first 2 shown (ask for more with k).")


def test_items_in_another_form_stand_marked_under_their_paragraph(fake_lib, tmp_path):
    """Items holding the phrase only in another form stand under their paragraph, marked, and
    no paragraph is shown twice (planned apart, a paragraph heading both came back as the
    chapeau of its items: "19 matches in 18 paragraphs" of 17); an entry only other forms open
    comes after every entry the phrase as written opens."""
    path = tmp_path / "keepers.txt"
    path.write_text("A/RES/99/9\n\n99/9. Keepers\n\nThe General Assembly,\n\n"
                    "1. Decides that every lantern keeper shall be paid, as follows:\n\n"
                    "(a) lantern keepers of harbours, monthly;\n\n"
                    "(b) lantern keepers of rivers, weekly;\n\n"
                    "2. Notes that a lantern keeper may retire.\n", encoding="utf-8")
    fake_lib.add(path)
    answer = fake_lib.search('"lantern keeper"', k=10)
    entries = [[(h.record.number, h.role) for h in e.hits] for e in answer.ranked()]
    ours = sorted(sorted(e) for e in entries if e[0][0] in ("1", "2"))  # items best first
    assert ours == [[("1", "match"), ("1 (a)", "form"), ("1 (b)", "form")], [("2", "match")]]
    heads = [e.hit.record.id for e in answer.ranked()]
    assert len(heads) == len(set(heads))  # no paragraph twice
    opened_by_form = [i for i, e in enumerate(entries) if e[0][1] in ("form", "chapeau")]
    opened_as_written = [i for i, e in enumerate(entries) if e[0][1] == "match"]
    assert max(opened_as_written) < min(opened_by_form, default=len(entries))
    assert answer.order == "the phrase as written first, then its other forms, each best first"


def test_the_page_heads_the_other_forms_and_the_command_line_marks_them(fake_lib, capsys):
    from precedent.ui import render
    from precedent.ui.cmd_search import print_plain

    answer = fake_lib.search('"national implementation plan"', k=10)
    assert answer.as_written == 0 and answer.hits
    html = render.render_answer(answer)
    assert html.count("The phrase in another form") == 1
    print_plain(answer)
    out = capsys.readouterr().out
    assert out.count("[the phrase in another form]") == len(answer.hits)


def test_a_phrase_copied_across_a_pdfs_line_end_is_found(fake_lib, tmp_path):
    # "most gender-" / "balanced", pasted from a PDF with its line break (or the break copied as a
    # space, or PDFium's U+FFFE / soft hyphen for the hyphen), was "No paragraph contains": agreed
    # language said to be absent (an audit: 157 such hyphens and 7 ranges in 5 of 86 PDFs)
    path = tmp_path / "games.txt"
    path.write_text("A/RES/99/9\n\n99/9. Games\n\nThe General Assembly,\n\n"
                    "1. Welcomes that the Games will be the most gender-balanced ever;\n\n"
                    "2. Proclaims the Decade 2024–2034;\n\n"
                    "3. Notes the age- and gender-sensitive measures.\n", encoding="utf-8")
    fake_lib.add(path)
    for typed, hyphen in (('"most gender-\nbalanced"', "-"), ('"most gender- balanced"', "-"),
                          ('"most gender\ufffe\r\nbalanced"', "-"),
                          ('"most gender\u00ad\nbalanced"', "-"),
                          ('"most gender\u2011\nbalanced"', "\u2011")):  # as typed
        answer = fake_lib.search(typed, k=5)
        joined = f"most gender{hyphen}balanced"
        assert [h.record.number for h in answer.hits] == ["1"], typed
        assert answer.message.startswith(f'Read as "{joined}": a word broken'), typed
        assert answer.phrases == (joined,)
    answer = fake_lib.search('"Decade 2024–\n2034"', k=5)
    assert [h.record.number for h in answer.hits] == ["2"]
    # as typed first: a suspended hyphen stays one, and a phrase found as typed says nothing
    answer = fake_lib.search('"the age- and gender-sensitive measures"', k=5)
    assert [h.record.number for h in answer.hits] == ["3"] and "Read as" not in answer.message
    answer = fake_lib.search('"most gender-balanced"', k=5)
    assert "Read as" not in answer.message
    # a phrase in no paragraph either way is still said absent, as typed
    answer = fake_lib.search('"most gender-\nneutral"', k=5)
    assert answer.message.startswith('No paragraph contains "most gender-\nneutral"')
