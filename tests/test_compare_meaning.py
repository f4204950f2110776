"""A negation, a quantifier, a modal verb or a figure changed in a paragraph that is otherwise
agreed language is said (``compare``): "We further commit not to prioritize ..." was "99% agreed
language", and nothing but the diff's one inserted word showed that it reverses what was
agreed."""

from __future__ import annotations

from precedent.search.compare import compare_text
from precedent.search.compare.diff import meaning_changes, word_diff


def test_negations_modals_and_figures_are_the_changes_that_turn_a_text():
    ops = word_diff("We commit to reduce costs to less than 3 per cent by 2030.",
                    "We commit not to reduce costs to less than 5 per cent by 2030.")
    assert meaning_changes(ops) == ["inserted \u201cnot\u201d", "deleted \u201c3\u201d",
                                    "inserted \u201c5\u201d"]
    assert meaning_changes(word_diff("States shall report;", "States may report;")) == [
        "deleted \u201cshall\u201d", "inserted \u201cmay\u201d"]
    assert meaning_changes(word_diff("prioritize non-custodial alternatives",
                                     "prioritize custodial alternatives")) == [
        "deleted \u201cnon-custodial\u201d"]
    assert meaning_changes(word_diff("protect all migrants, including children",
                                     "protect some migrants, excluding children")) == [
        "deleted \u201call\u201d", "inserted \u201csome\u201d", "inserted \u201cexcluding\u201d"]
    # a footnote mark copied after a figure is no change of it; a figure a digit longer is
    assert meaning_changes(word_diff("adopted on 20 May 2024 by consensus",
                                     "adopted on 20 May 2024\u00b2 by consensus")) == []
    assert meaning_changes(word_diff("its resolution of 2022 and", "its resolution of 20221 and")
                           ) == []
    assert meaning_changes(word_diff("less than 3 per cent", "less than 30 per cent")) == [
        "deleted \u201c3\u201d", "inserted \u201c30\u201d"]
    # a number only added is said as new words, not here (a mark missed in a copy from a PDF)
    assert meaning_changes(word_diff("the Convention, and", "the Convention, 23 and")) == []
    # other words changed, a "non-" word that negates nothing the text had: nothing to say
    assert meaning_changes(word_diff("with civil society and the private sector",
                                     "with non-governmental organizations and the private "
                                     "sector")) == []
    assert meaning_changes(word_diff("Recalling its resolution,", "Reaffirming its resolution,")
                           ) == []
    # a draft quoting the first sentence: the sentence left out after it changes nothing; a
    # figure replaced at the end does
    para = "We commit to act. To realize this commitment, we will draw from 23 actions:"
    assert meaning_changes(word_diff(para, "We commit to act.")) == []
    assert meaning_changes(word_diff(para, para.replace("23 actions:", "24 actions:"))) == [
        "deleted “23”", "inserted “24”"]


def test_compare_says_a_changed_figure_under_a_high_share(fake_lib):
    para = fake_lib.get("imrf-2026-progress-declaration:annex:56")
    assert "less than 3 per cent" in para.text
    edited = para.text.replace("less than 3 per cent", "less than 5 per cent")
    result = compare_text(fake_lib, f"1. {edited}\n\n2. {para.text}", include_drafts=True)
    changed, same = result.paragraphs
    assert changed.percent >= 95 and changed.best.record.id == para.id
    assert changed.meaning_changes == ["deleted \u201c3\u201d", "inserted \u201c5\u201d"]
    assert changed.meaning_note == (f"against {para.citation}, deleted \u201c3\u201d, inserted "
                                    "\u201c5\u201d: words that can turn what it says")
    assert same.meaning_changes == [] and same.meaning_note == ""
    assert result.file_notes[0] == ("A negation, quantifier, modal verb or figure changed in 1 "
                                    "paragraph (Draft para. 1): the share of agreed words does "
                                    "not show it.")
    assert result.summary()["meaning_changed"] == ["para. 1"]
    assert changed.to_dict()["meaning_changes"] == changed.meaning_changes
    # a paragraph less than half agreed language says nothing of its closest paragraph's words
    loose = compare_text(fake_lib, "1. We commit to build 40 lighthouses on every coast by 2031 "
                         "and not before.", include_drafts=True)
    assert all(p.meaning_changes == [] for p in loose.paragraphs)


def test_the_page_and_the_command_line_say_it(fake_lib, capsys):
    from precedent.ui import render
    from precedent.ui.cmd_compare import print_compare_plain

    para = fake_lib.get("imrf-2026-progress-declaration:annex:56")
    edited = para.text.replace("We commit to redouble", "We commit not to redouble")
    result = compare_text(fake_lib, edited, include_drafts=True)
    note = f"against {para.citation}, inserted \u201cnot\u201d: a word that can turn what it says"
    assert result.paragraphs[0].meaning_note == note
    html = render.render_compare_html(result, "Pasted draft compared")
    assert "Changed against" in html and "inserted \u201cnot\u201d" in html
    print_compare_plain(result)
    out = capsys.readouterr().out
    assert f"  meaning: {note}\n" in out
    assert ("A negation, quantifier, modal verb or figure changed in 1 paragraph (Draft para. 1)"
            in out)


def test_text_run_on_past_the_earlier_paragraph_changes_nothing_of_it():
    # a paragraph pasted with the next one's words after it: "Development," became
    # "Development, Reaffirming ... all ... will ... all ..." and "all", "will" were said
    earlier = "Recalling the 2030 Agenda for Sustainable Development,"
    pasted = ("Recalling the 2030 Agenda for Sustainable Development,10 Reaffirming that all "
              "keepers will make a contribution to all the lights,")
    assert meaning_changes(word_diff(earlier, pasted)) == []
    # a figure replaced at the end is still a change
    assert meaning_changes(word_diff("to be held in 2028.", "to be held in 2032.")) == [
        "deleted \u201c2028\u201d", "inserted \u201c2032\u201d"]


def test_a_paragraph_split_in_two_deletes_nothing_of_the_earlier_one():
    # the first half of a split paragraph ends "Court;" where the earlier one went on "Court,
    # and calls upon all States ... not yet Parties ... without delay;": its "all", "not" and
    # "without" stand in the draft's next paragraph, and were said to be deleted (an audit)
    earlier = ("Also welcomes the States that have become Parties to the Rome Statute of the "
               "Court, and calls upon all States that are not yet Parties to accede to it "
               "without delay;")
    first_half = ("Also welcomes the States that have become Parties to the Rome Statute of the "
                  "Court;")
    assert meaning_changes(word_diff(earlier, first_half)) == []
    # figures written as words, replaced by others (an audit: "every two years" for "every
    # three years" and "eighty-first" for "eighty-second" were not said); a number word alone
    # replaced by other words is none ("one another" / "each other" says "each" only)
    assert meaning_changes(word_diff("to be held every two years.",
                                     "to be held every three years.")) == [
        "deleted \u201ctwo\u201d", "inserted \u201cthree\u201d"]
    assert meaning_changes(word_diff("at its eighty-first session", "at its eighty-second "
                                     "session")) == ["deleted \u201ceighty-first\u201d",
                                                     "inserted \u201ceighty-second\u201d"]
    assert meaning_changes(word_diff("the first session", "the inaugural session")) == []
    # the same figure split at its hyphen by a PDF's line break is none changed
    assert meaning_changes(word_diff("at its eighty-first session", "at its eighty first "
                                     "session")) == []
    # a word replaced at the end, not only repunctuated, is still a change
    assert meaning_changes(word_diff("States shall act;", "States may;")) == [
        "deleted \u201cshall\u201d", "inserted \u201cmay\u201d"]


def test_a_number_printed_on_two_paragraphs_is_said(fake_lib):
    # "20." twice in a working draft: both were shown as "Draft para. 20", nothing said (an audit)
    from precedent.search.compare.comparison import numbered_twice
    from precedent.search.compare.draft import split_paragraphs

    paragraphs = split_paragraphs("1. Decides to convene.\n\n2. Requests a report.\n\n"
                                  "2. Invites the keepers.\n\n3. Decides to remain seized.")
    assert numbered_twice(paragraphs) == (
        "it numbers more than one paragraph “para. 2”: each is compared as it stands, under "
        "that label")
    assert numbered_twice(split_paragraphs("Decides to convene.\n\nRequests a report.")) == ""
    para = fake_lib.get("imrf-2026-progress-declaration:annex:56")
    result = compare_text(fake_lib, f"20. {para.text}\n\n20. {para.text}", include_drafts=True)
    assert result.file_notes[-1] == ("The pasted text: it numbers more than one paragraph "
                                     "“para. 20”: each is compared as it stands, under that "
                                     "label.")


def test_a_figure_changed_in_a_short_paragraph_is_said(fake_lib):
    # "from 5 to 8 May 2026" -> "from 6 to 8 May 2026": the runs either side of the figure are
    # too short to be agreed spans, the share fell under four fifths and nothing was said (an
    # audit: "Decides to proclaim 6 September", 79%)
    para = fake_lib.get("imrf-2026-progress-declaration:res:PP1")
    edited = para.text.replace("from 5 to 8 May", "from 6 to 8 May")
    changed = compare_text(fake_lib, edited, include_drafts=True).paragraphs[0]
    assert changed.coverage < 0.8
    assert changed.meaning_changes == ["deleted \u201c5\u201d", "inserted \u201c6\u201d"]


def test_a_draft_files_headings_are_said_not_compared(fake_lib, tmp_path):
    # a heading's words changed in a file were said nowhere (an audit: 7 files)
    from precedent.search.compare import compare_file

    para = fake_lib.get("imrf-2026-progress-declaration:annex:56")
    path = tmp_path / "draft.txt"
    path.write_text("The General Assembly,\n\nII. Lighthouses and their keepers\n\n"
                    f"1. {para.text}\n", encoding="utf-8")
    result = compare_file(fake_lib, path, include_drafts=True)
    assert [p.draft.text for p in result.paragraphs] == [para.text]
    assert ("The draft file: read as headings, not compared as paragraphs: "
            "\u201cII. Lighthouses and their keepers\u201d") in result.file_notes


def test_a_meaning_line_speaks_of_the_paragraph_its_agreed_spans_stand_in(fake_lib):
    # a piece of a paragraph pasted across a page break: agreed in one paragraph, closest by
    # similarity to another, and "deleted “2030”" was said against that other (an audit)
    from dataclasses import replace

    p = compare_text(fake_lib, fake_lib.get("imrf-2026-progress-declaration:annex:56").text,
                     include_drafts=True).paragraphs[0]
    assert p.coverage >= 0.8 and p.spans
    # another paragraph sharing the draft's first twelve words, "2099" between them
    words = p.draft.text.split()
    other = word_diff(" ".join(words[:8] + ["2099"] + words[8:12]), p.draft.text)
    here = replace(p, spans=[replace(s, citations=(p.best.citation,)) for s in p.spans],
                   changes=other)
    elsewhere = replace(p, spans=[replace(s, citations=("A/RES/1/1, para. 1",))
                                  for s in p.spans], changes=other)
    assert "deleted \u201c2099\u201d" in here.meaning_changes
    assert elsewhere.meaning_changes == []


def test_a_long_labelled_heading_pasted_among_paragraphs_is_left_out_as_one():
    from precedent.search.compare.draft import set_apart_headings, split_paragraphs

    heading = ("II. Implementation of the Awaza Programme of Action for Landlocked Developing "
               "Countries for the Decade 2024\u20132034")
    kept, headings = set_apart_headings(split_paragraphs(
        f"1. We gather at a critical juncture.\n\n{heading}\n\n2. We commit to act."))
    assert headings == [heading] and [p.number for p in kept] == ["1", "2"]
