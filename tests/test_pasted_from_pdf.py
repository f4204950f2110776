"""Text copied from a PDF's pages (``search.compare.pasted``): the page furniture and footnotes a
copy across a page break brings are left out and said; a word broken at a line end is one word.
An audit pasted 255 published paragraphs that cross a page break, as a PDF viewer copies them:
none was recognised as agreed language (the furniture "new", the footnotes paragraphs of their
own at 0%, the running head's title quoted as agreed language of another paragraph)."""

from __future__ import annotations

import pytest
from real_library import REAL, real_library, skip_without_real

from precedent.search.compare.pasted import clean_pasted, furniture_lines

HEAD = ["A/RES/99/7", "Question of lighthouses and the keepers of", "lights at sea",
        "2/5 24-01234"]


def test_a_running_head_between_symbol_and_page_mark_is_furniture():
    lines = ["Noting that the keepers of lights have served", *HEAD,
             "mariners for centuries,"]
    assert furniture_lines(lines) == {1, 2, 3, 4}
    cleaned = clean_pasted("\n".join(lines))
    assert cleaned.text.split() == ("Noting that the keepers of lights have served mariners for "
                                    "centuries,").split()
    assert cleaned.notes and cleaned.notes[0].startswith("left out as page furniture: “A/RES/99/7")


def test_a_head_with_its_symbol_on_one_line_and_the_footnotes_under_the_rule():
    text = "\n".join([
        "Recalling that lights guide ships", "__________________",
        "3 See A/99/100.", "4 Ibid.",
        "Question of lighthouses and the keepers of", "lights at sea A/RES/99/7",
        "24-01234 3/5", "into harbour,"])
    cleaned = clean_pasted(text)
    assert cleaned.text.split() == "Recalling that lights guide ships into harbour,".split()
    assert any(n.startswith("left out as footnote text: “3 See A/99/100. 4 Ibid.”")
               for n in cleaned.notes), cleaned.notes


def test_body_text_is_not_taken_for_a_running_head():
    """A line of the paragraph that reads like a title stays, unless it stands between two
    lines of furniture or just above a head that carries the symbol."""
    lines = ["Recalling its resolutions 47/19 of 24 November 1992 and", "24-01234 3/5",
             "Welcoming the report of the Secretary-General"]
    assert furniture_lines(lines) == {1}


def test_a_word_broken_at_a_line_end_is_joined_where_the_texts_hold_it():
    known = {"committee", "cross-border"}.__contains__
    cleaned = clean_pasted("the Advisory Comm-\nittee and cross-\nborder cooperation", known)
    assert cleaned.text == "the Advisory Committee and cross-border cooperation"
    assert cleaned.joined == 2 and cleaned.changed and not cleaned.notes
    assert clean_pasted("trans\u00adhumance").text == "transhumance"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


@skip_without_real
def test_a_published_paragraph_copied_across_a_page_break_is_agreed(lib):
    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/9, annex, para. 1")
    words = para.text.split()
    half = len(words) // 2
    pasted = "\n".join([" ".join(words[:half]), "__________________", "1 See A/80/1.",
                        "A/RES/80/9", "Political Declaration on trafficking in persons",
                        "4/12 25-19999", " ".join(words[half:])])
    result = compare_text(lib, pasted)
    assert len(result.paragraphs) == 1
    p = result.paragraphs[0]
    assert p.percent == 100 and p.whole and p.best.record.citation == para.citation
    assert any("page furniture" in n for n in result.file_notes)
    assert any("footnote text" in n for n in result.file_notes)
    assert [n.split(":")[0] for n in result.summary()["paste_notes"]] == [
        "left out as page furniture", "left out as footnote text"]


@skip_without_real
def test_preambular_paragraphs_copied_one_after_another_are_two(lib):
    from precedent.search.compare import compare_text

    first = next(r for r in lib.records if r.citation == "A/RES/80/10, PP2")
    second = next(r for r in lib.records if r.citation == "A/RES/80/10, PP3")
    assert first.text.endswith(",") and second.text.startswith(("Recalling", "Reaffirming",
                                                                "Noting", "Recognizing"))
    result = compare_text(lib, f"{first.text}\n{second.text}")
    assert [p.best.record.citation for p in result.paragraphs] == [first.citation,
                                                                  second.citation]
    assert all(p.percent == 100 and p.whole for p in result.paragraphs)


def test_a_rule_not_followed_by_a_footnote_keeps_the_text_after_it():
    """A line of underscores in a draft (a separator, a blank to fill) is no footnote rule unless
    a footnote's number follows it; the footnotes end at a blank line too."""
    text = "Welcomes the report;\n__________\nRequests the Secretary-General to report."
    assert clean_pasted(text).text == text
    cleaned = clean_pasted("Welcomes the report;\n__________\n1 A/99/1.\n\nRequests the report.")
    assert cleaned.text.split() == "Welcomes the report; Requests the report.".split()


@skip_without_real
def test_a_footnote_pasted_after_its_paragraph_is_left_out_where_the_library_holds_it(lib):
    """An audit: a paragraph pasted with its footnote after it, without the rule, was 35% agreed,
    the footnote's words "new" (or, after a blank line, a paragraph of its own at 0%)."""
    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/10, PP2")
    note = para.footnotes[0]
    result = compare_text(lib, f"{para.text}\n{note.mark} {note.text}")
    assert len(result.paragraphs) == 1 and result.paragraphs[0].percent == 100
    # named with a paragraph that has this footnote, of this mark (the resolution's or its
    # draft's)
    assert any("left out as footnote text" in n and f"PP2, footnote {note.mark})" in n
               for n in result.file_notes), result.file_notes
    # a footnote the library does not hold stays, and is new
    edited = compare_text(lib, f"{para.text}\n{note.mark} Zanzibarian {note.text}")
    assert not any("footnote text" in n for n in edited.file_notes)
    assert sum(p.words for p in edited.paragraphs) > sum(p.agreed_words for p in edited.paragraphs)


def test_a_paste_of_page_furniture_only_is_an_empty_draft(fake_lib):
    from precedent.search.compare import CompareError, compare_text

    with pytest.raises(CompareError, match="the pasted text is page furniture only"):
        compare_text(fake_lib, "\n".join(HEAD))


def test_blank_lines_around_the_running_head_do_not_hide_it():
    """A text layer or viewer puts blank lines around the head ("A/RES/73/195" / title / "" /
    "18-22354" / "22/36" / ""): the title was taken for a paragraph of its own at 0%, and the
    paragraph cut in two (A/RES/73/195 para. 29 from the text layer: 93%, not 100%)."""
    lines = ["Noting that the keepers of lights have served the", "", "A/RES/99/7",
             "Question of lighthouses and the keepers of lights at sea", " ", "24-01234", "2/5 ",
             " ", "mariners of all nations,", "", "Recalling its resolution 98/1."]
    assert furniture_lines(lines) == {2, 3, 5, 6}
    cleaned = clean_pasted("\n".join(lines))
    assert cleaned.text.split("\n") == ["Noting that the keepers of lights have served the",
                                        "mariners of all nations,", "",
                                        "Recalling its resolution 98/1."]
    # a page break between two paragraphs keeps them apart
    apart = clean_pasted("\n".join(["Noting the report.", "", *HEAD, "", "Recalling it,"]))
    assert apart.text.split("\n") == ["Noting the report.", "", "", "Recalling it,"]


@skip_without_real
def test_a_text_layer_paragraph_across_a_page_break_is_one_agreed_paragraph(lib):
    from precedent.search.compare import compare_text

    lines = (REAL / "text" / "A_RES_73_195.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("29. We commit to ensure"))
    end = next(i for i in range(start, len(lines)) if "measure of last resort only." in lines[i])
    assert any(ln.strip() == "A/RES/73/195" for ln in lines[start:end])  # it crosses a page
    result = compare_text(lib, "\n".join(lines[start:end + 1]))
    assert len(result.paragraphs) == 1
    p = result.paragraphs[0]
    assert p.percent == 100 and p.best.record.citation == "A/RES/73/195, annex, para. 29"


def test_numbered_paragraphs_copied_without_blank_lines_are_parted_by_their_numbers():
    from precedent.search.compare.draft import set_apart_headings, split_paragraphs

    text = "\n".join([
        "Annex", "Lighthouses and their keepers", "Preamble", "3.",
        "Discussions about lighthouses are not new. The first forum was launched in",
        "2007. These platforms paved the way.", "4.",
        "Keepers are entitled to rest. However, keepers and pilots are distinct groups.",
        "Objective 2: Minimize the adverse drivers and structural factors that compel keepers "
        "to leave their lighthouses and the coasts they have guarded for many years",
        "5. We commit to act."])
    paragraphs, headings = set_apart_headings(split_paragraphs(text))
    assert [(p.number, p.text) for p in paragraphs] == [
        ("3", "Discussions about lighthouses are not new. The first forum was launched in 2007. "
              "These platforms paved the way."),
        ("4", "Keepers are entitled to rest. However, keepers and pilots are distinct groups."),
        ("5", "We commit to act.")]
    assert headings == ["Annex Lighthouses and their keepers Preamble",
                        "Objective 2: Minimize the adverse drivers and structural factors that "
                        "compel keepers to leave their lighthouses and the coasts they have "
                        "guarded for many years"]
    # unnumbered text keeps every line: a title pasted alone is compared
    alone = split_paragraphs("Lighthouses and their keepers")
    assert set_apart_headings(alone) == (alone, [])


@skip_without_real
def test_a_short_paragraph_that_is_a_whole_agreed_paragraph_is_agreed(lib):
    from precedent.search.compare import compare_text

    short = lib.get("a-res-73-195:annex:43(b)(ii)")
    assert short.text == "Complementing other funding sources;"  # four words: no phrase of
    result = compare_text(lib, f"43. We commit\n(b) {short.text}")  # substance; "0%" before
    p = result.paragraphs[1]
    assert p.percent == 100 and [s.citations for s in p.spans] == [(short.citation,)]
    # a short paragraph no counted paragraph is, word for word, stays new
    assert compare_text(lib, "1. Complementing other funding").paragraphs[0].percent == 0
    # five words, a name weighing little: A/RES/80/1 PP5 whole was "0% agreed" (an audit)
    pp5 = compare_text(lib, "Recalling also the Headquarters Agreement,").paragraphs[0]
    assert pp5.percent == 100 and [s.citations for s in pp5.spans] == [("A/RES/80/1, PP5",)]
    changed = compare_text(lib, "Recalling also the Headquarters Agreements,").paragraphs[0]
    assert changed.percent < 100


@skip_without_real
def test_text_layer_paragraphs_across_page_breaks_are_agreed_as_a_whole(lib):
    """Each numbered paragraph of the three text layers whose lines cross a page break, pasted
    from its number to the next one's: every paragraph 100% agreed as a whole, its headings left
    out and said (the running head's title was a paragraph or words of one, a year wrapped to a
    line's start a paragraph "2007", a label alone on its line glued to the paragraph before,
    "Conﬂict" a new word, "(ii) Complementing other funding sources;" 0%)."""
    import re

    from precedent.search.compare import compare_text

    checked = 0
    for name, symbol in (("A_RES_73_195", "A/RES/73/195"), ("A_RES_76_266", "A/RES/76/266"),
                         ("A_RES_73_326", "A/RES/73/326")):
        lines = (REAL / "text" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
        starts = [i for i, ln in enumerate(lines) if re.match(r"^\s*\d{1,3}\.(\s|$)", ln)]
        for a, b in zip(starts, starts[1:]):
            if not any(ln.strip() == symbol for ln in lines[a:b]):
                continue
            result = compare_text(lib, "\n".join(lines[a:b]))
            for p in result.paragraphs:
                checked += 1
                assert p.percent == 100 and p.whole, (name, lines[a][:5], p.draft.label)
                assert all(c.startswith(symbol) or "/" in c for s in p.spans for c in s.citations)
    assert checked > 250


def test_a_line_above_a_head_that_opens_with_its_symbol_is_the_paragraphs():
    # "A/RES/78/245 Pattern of conferences": the title is beside the symbol; the line above was
    # taken for the title's first line and left out of A/RES/78/245 para. 79
    lines = ["79. Notes that the repository",
             "of the lighthouses, welcomes its accessibility in all six",
             "A/RES/99/7 Lighthouse keepers", "10/13 24-01234", "official languages;"]
    assert furniture_lines(lines) == {2, 3}
    # the symbol at the end of the head: its title's first line may stand above it
    lines = ["Recalling that lights guide ships", "Question of lighthouses and the keepers of",
             "lights at sea A/RES/99/7", "24-01234 3/5", "into harbour,"]
    assert furniture_lines(lines) == {1, 2, 3}


def test_a_page_break_between_two_preambular_paragraphs_keeps_them_two():
    lines = ["Noting the report of the keepers,", "", *HEAD, "", "Recalling its resolution 98/1,",
             "", "Welcoming the new lights,"]
    cleaned = clean_pasted("\n".join(lines))
    assert cleaned.text.split("\n") == ["Noting the report of the keepers,", "", "",
                                        "Recalling its resolution 98/1,", "",
                                        "Welcoming the new lights,"]


def test_a_running_head_title_right_under_the_footnotes_is_furniture():
    lines = ["of the lights", "__________________", "3 See A/99/100.",
             "Question of lighthouses and the keepers of lights at sea", "A/RES/99/7",
             "24-01234 3/5", "at sea,"]
    cleaned = clean_pasted("\n".join(lines))
    assert cleaned.text.split() == "of the lights at sea,".split()


def test_headings_are_never_all_a_paste_holds():
    from precedent.search.compare.draft import set_apart_headings, split_paragraphs

    for text in ("Annex\n\nPreamble", "Annex\n\n1.\n\nPreamble", "Annex\n\n3. We act"):
        paragraphs, headings = set_apart_headings(split_paragraphs(text))
        assert paragraphs, text
