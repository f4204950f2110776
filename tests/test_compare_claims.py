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


def test_a_word_left_out_of_agreed_language_is_no_agreed_language(lib):
    """A/RES/80/9 annex para. 13 with its "not" left out ("protections ... that should be
    conditional on their participation") was "100% agreed language (34 of 34 words)": two agreed
    spans of one paragraph, joined where it does not join them. Any word left out of the middle
    of an adopted paragraph is said so, and the paragraph is no longer 100%."""
    from precedent.search.compare import compare_text

    paragraphs = [r for r in lib.records if r.symbol == "A/RES/80/9" and r.part == "annex"
                  and r.kind == "paragraph" and len(r.text.split()) >= 40][:12]
    assert len(paragraphs) >= 8
    for r in paragraphs:
        words = r.text.split()
        i = len(words) // 2
        while not words[i].isalpha():  # a plain word, not a figure or one ending a clause
            i += 1
        draft = " ".join(words[:i] + words[i + 1:])
        result = compare_text(lib, draft)
        p = result.paragraphs[0]
        assert p.agreed_words <= p.words and not p.whole and result.not_whole, (r.citation,
                                                                                words[i])
        assert any(t.id == r.id and t.between == words[i] for t in p.stitches), (
            r.citation, words[i], p.stitches)
    # the words as adopted: 100%, nothing joined
    whole = compare_text(lib, paragraphs[0].text).paragraphs[0]
    assert whole.percent == 100 and not whole.stitches


def test_a_draft_language_is_never_called_agreed(lib):
    """With drafts counted on request, a span only drafts hold is marked a draft's ("draft:",
    ``drafts_only``), not "agreed": the draft A/80/L.2 gave the floor to "its Head of State",
    which the Assembly did not adopt."""
    from precedent.search.compare import compare_text

    text = ("The State of Palestine may submit a pre-recorded statement of its Head of State, "
            "which will be played in the General Assembly Hall during the general debate.")
    result = compare_text(lib, text, include_drafts=True)
    spans = result.paragraphs[0].spans
    only_draft = [s for s in spans if s.drafts_only]
    assert only_draft and all(c.startswith("A/80/L.2") for s in only_draft for c in s.citations)
    assert any("Head of State" in s.text for s in only_draft)
    assert all(any(c.startswith("A/RES/80/1") for c in s.citations)
               for s in spans if not s.drafts_only)


def test_a_join_is_said_on_the_command_line_and_the_page(lib, capsys):
    """What the user reads of a stitch: the command line's 'joined:' line and header, the page's
    warning (a test of the data alone would let either go silent)."""
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    para = next(r for r in lib.records if r.citation == "A/RES/80/9, annex, para. 13")
    dropped = para.text.replace("should not be", "should be", 1)
    result = compare_text(lib, dropped)
    print_compare_plain(result)
    out = capsys.readouterr().out
    head = out.splitlines()[0]
    assert ", not agreed as a whole (" in head and head.endswith("; see 'joined'"), head
    assert "  joined: A/RES/80/9, annex, para. 13 has \u201cnot\u201d between" in out
    assert "Not agreed as a whole: A/RES/80/9, annex, para. 13 has \u201cnot\u201d" in (
        render_comparison(result))


def _adopted_paragraphs(lib, statuses, least_words=25):
    return [r for r in lib.records if statuses.get(r.doc_id) == "adopted"
            and r.kind in ("paragraph", "preambular", "subparagraph")
            and len(r.text.split()) >= least_words]


def test_a_changed_paragraph_is_never_100_percent_agreed(lib, statuses):
    """An audit changed one word of 737 adopted paragraphs (a figure, a verb, "all" for
    "some", a word left out) and 7 were "100% agreed language": each changed stretch stood
    verbatim in another paragraph ("some persons living with a rare disease", PP7), so every
    word lay in an agreed span. 100% now means one counted paragraph holds the whole text; here
    every paragraph changed is checked against that, whatever its words."""
    import random

    from precedent.index.text_match import find_phrase
    from precedent.search.compare import compare_text

    rng = random.Random(20261207)
    pool = _adopted_paragraphs(lib, statuses)
    vocabulary = sorted({w for r in pool[:200] for w in r.text.split() if w.isalpha()})
    counted_texts = [r.text for r in lib.records if statuses.get(r.doc_id) == "adopted"]
    checked = 0
    for r in rng.sample(pool, 40):
        words = r.text.split()
        i = rng.randrange(1, len(words) - 1)
        for draft in (" ".join(words[:i] + [rng.choice(vocabulary)] + words[i + 1:]),
                      " ".join(words[:i] + words[i + 1:]),
                      " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:])):
            p = compare_text(lib, draft).paragraphs[0]
            held = any(find_phrase(t, draft.rstrip(".;,")) for t in counted_texts)
            assert (p.percent == 100 and p.whole) == held, (r.citation, i, p.percent, draft)
            checked += 1
    assert checked == 120


def test_a_word_changed_where_two_agreed_spans_meet_is_said(lib, statuses, capsys):
    """Where the changed word begins a run another paragraph holds, the paragraph changed is
    named with its word and the draft's, on the command line and the page, and the share is
    below 100% ("A/RES/78/173, para. 9 has “all” where the draft has “some”"). Cases are
    found in the library: a paragraph, a word of it, and another paragraph holding a
    different word followed by the next five of the first."""
    import re

    from precedent.index.text_match import find_phrase
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    pool = _adopted_paragraphs(lib, statuses, 40)
    cases = []
    for r in pool:
        words = r.text.split()
        for i in range(8, len(words) - 12, 3):
            tail = " ".join(words[i + 1:i + 7])
            if not all(w.isalpha() for w in words[i:i + 7]):
                continue
            for other in pool:
                if other.doc_id == r.doc_id and other.id == r.id:
                    continue
                for s, _ in find_phrase(other.text, tail):
                    before = re.findall(r"[A-Za-z]+(?=\s*$)", other.text[:s])
                    if before and before[-1].lower() != words[i].lower():
                        cases.append((r, i, before[-1]))
                        break
                if cases and cases[-1][0] is r:
                    break
            if cases and cases[-1][0] is r:
                break
        if len(cases) >= 6:
            break
    assert len(cases) >= 3
    seams = 0
    for r, i, word in cases:
        words = r.text.split()
        draft = " ".join(words[:i] + [word] + words[i + 1:])
        result = compare_text(lib, draft)
        p = result.paragraphs[0]
        assert not (p.percent == 100 and p.whole), (r.citation, word)
        said = [t for t in p.stitches if t.instead]
        if said:  # the seam, with both words
            seams += 1
            assert any(word in t.instead and t.id == r.id for t in said), (r.citation, said)
            print_compare_plain(result)
            out = capsys.readouterr().out
            assert f"  joined: {r.citation} has \u201c" in out and "not agreed as a whole" in out
            # the closest paragraph, one word apart, is no "(1.00)"
            closest = [ln for ln in out.splitlines() if ln.startswith("  closest:")]
            assert closest and "(1.00)" not in closest[0], closest
            assert f"Not agreed as a whole: {r.citation} has" in render_comparison(result)
        elif p.agreed_words == p.words:  # every word agreed: pieces no paragraph holds together
            assert p.pieced and not p.whole, (r.citation, word, p.spans)
    assert seams >= 1


def test_a_paragraph_of_pieces_is_not_agreed_as_a_whole(lib, statuses, capsys):
    """Agreed spans of two paragraphs set side by side: every word agreed language, the whole
    in no paragraph. The share is of words in agreed spans, said not to be agreed as a whole, on
    the command line and the page, with why (it was "99%" beside "82 of 82 words")."""
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    pool = _adopted_paragraphs(lib, statuses, 12)
    a = next(r for r in pool if r.symbol == "A/RES/73/195" and r.text.endswith(","))
    b = next(r for r in pool if r.symbol == "A/RES/76/266" and r.text.endswith("."))
    result = compare_text(lib, f"{a.text} {b.text}")
    p = result.paragraphs[0]
    assert p.agreed_words == p.words and p.pieced and p.percent == 100 == result.percent
    assert not p.whole and result.not_whole == 1 and p.to_dict()["whole"] is False
    print_compare_plain(result)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (f"Draft para. 1: 100% of words in agreed spans, not agreed as a whole "
                        f"({p.words} of {p.words} words): {p.pieced_note}")
    assert (f"Whole draft: 100% of words in agreed spans, 1 paragraph not agreed as a whole "
            f"({p.words} of {p.words} words)") in lines
    html = render_comparison(result)
    assert "no one paragraph holds them together" in html
    assert "100% of words in agreed spans, not agreed as a whole</span>" in html
    assert "100% agreed" not in html
    single = compare_text(lib, b.text).paragraphs[0]
    assert single.percent == 100 and single.whole and not single.pieced


def test_a_similarity_is_never_1_for_texts_a_word_apart():
    from precedent.search.compare import similarity_text, word_diff

    assert similarity_text(0.996, word_diff("of all persons", "of some persons")) == "0.99"
    assert similarity_text(0.996, word_diff("of all persons", "of all  persons")) == "1.00"
    assert similarity_text(0.5, word_diff("a b", "a c")) == "0.50"


def test_drafts_counted_on_request_never_take_agreed_language_from_adopted_texts(lib):
    """With drafts counted, a draft holding a paragraph whole took it as one span, "drafts only:
    not agreed language", though A/RES/76/266 para. 56 holds 70 of its 74 words: an audit found
    4 such spans in 60 draft paragraphs. What adopted texts hold is agreed language whatever
    drafts are counted; drafts' spans fill only the rest."""
    from precedent.search.compare import compare_text

    draft = [r for r in lib.records if r.doc_id == DRAFT_2026 and len(r.text.split()) >= 8
             and r.kind != "footnote"]
    drafts_only = 0
    for r in draft:
        agreed = [(s.start, s.end) for s in compare_text(lib, r.text).paragraphs[0].spans]
        counted = compare_text(lib, r.text, include_drafts=True).paragraphs[0]
        for s in counted.spans:
            if s.drafts_only:
                drafts_only += 1
                assert not any(min(s.end, e) > max(s.start, b) for b, e in agreed), (
                    r.citation, s.text)
        # nothing agreed is lost by counting drafts too
        assert (sum(s.end - s.start for s in counted.spans if not s.drafts_only)
                >= sum(e - b for b, e in agreed)), r.citation
        # and the draft, counted, holds its own paragraph whole: all of it agreed or draft
        # language (an audit found 30 of 40 under 100%: stock phrases of adopted texts had cut
        # the draft's own run, "We" and "in line" printed as new)
        assert counted.percent == 100 and counted.whole, (r.citation, counted.percent)
    assert drafts_only > 0  # the 2026 draft itself is counted: its new words are its own


def test_a_stock_phrase_is_neither_agreed_language_counted_nor_new(lib, capsys):
    """"Takes note of the report of the Secretary-General;" was "0% agreed language" and
    "new: Takes note of ...", though 37 adopted paragraphs of the 90 documents hold it word for
    word. A stock phrase is still not counted as agreed language (a formula says nothing
    agreed), but it is shown as what it is, with where it stands, on the command line, in JSON
    and on the page. (Which phrases are stock depends on the library: over these 24 documents,
    "the 2030 Agenda for Sustainable Development" is one.)"""
    from precedent.index.text_match import find_phrase
    from precedent.search.compare import FORMULA_NOTE, compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    phrase = "the 2030 Agenda for Sustainable Development"
    holders = [r for r in lib.records if r.kind in ("paragraph", "subparagraph", "preambular")
               and find_phrase(r.text, phrase)]
    assert len(holders) >= 2
    result = compare_text(lib, phrase + "; zebras are invited to dance at the next session;")
    p = result.paragraphs[0]
    assert p.agreed_words == 0 and not p.spans
    (f,) = p.formulas
    assert f.text == phrase and f.citation in {r.citation for r in holders}
    assert 3 <= f.holders <= len(holders)
    assert p.to_dict()["formulas"][0]["holders"] == f.holders
    print_compare_plain(result)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"  stock:  {f.text}  <- {f.cited}  ({FORMULA_NOTE})"
    assert lines[2] == "  new:    ; zebras are invited to dance at the next session;"
    html = render_comparison(result)
    assert f'<span class="stock" title="{FORMULA_NOTE}: {f.cited}">{f.text}</span>' in html


def test_an_opening_of_little_weight_before_an_edit_is_not_new(lib, capsys):
    """"We recognize the work of the [Global Compact Champion countries struck] and the Friends
    of Migration group ...": the six words before the edit stand word for word in A/RES/76/266,
    annex, para. 18, the closest paragraph, but were printed "new:" (too little weight for agreed
    language, and fewer than three texts hold them, so no stock phrase; an audit: 5 of 12
    paragraphs edited mid-sentence). They are what they are: held, not counted, not new."""
    from precedent.search.compare import COMMON_NOTE, compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    para = next(r for r in lib.records if r.citation == "A/RES/76/266, annex, para. 18")
    edited = para.text.replace("Global Compact Champion countries ", "", 1)
    assert edited != para.text and edited.startswith("We recognize the work of the and the")
    result = compare_text(lib, edited)
    p = result.paragraphs[0]
    (f,) = p.formulas
    assert f.text == "We recognize the work of the" and not f.stock and f.label == "common"
    assert f.citation == para.citation and p.to_dict()["formulas"][0]["stock"] is False
    print_compare_plain(result)
    out = capsys.readouterr().out
    assert f"  common: We recognize the work of the  <- {f.cited}  ({COMMON_NOTE})" in out
    assert "new:    We recognize" not in out
    html = render_comparison(result)
    assert f'<span class="stock" title="{COMMON_NOTE}: {f.cited}">{f.text}</span>' in html
    # the legend says what a dotted run is: a stock phrase or a slight one (it said stock only)
    assert "runs one or two hold with too little of substance to count" in html
    assert p.agreed_words < p.words  # still not counted as agreed language


def test_a_phrase_few_paragraphs_hold_is_no_stock_phrase(lib, statuses):
    """"5 per cent by 2030", a changed target, was dotted as "a stock phrase many texts hold":
    one paragraph holds it (its figures weigh little). A stock phrase is one at least three
    counted paragraphs hold."""
    from precedent.index.text_match import find_phrase
    from precedent.search.compare import compare_text
    from precedent.search.compare.draft import STOCK_HOLDERS

    para = next(r for r in lib.records if r.citation == "A/RES/76/266, annex, para. 67")
    changed = para.text.replace("3 per cent", "5 per cent", 1)
    assert changed != para.text
    p = compare_text(lib, changed).paragraphs[0]
    counted = [r for r in lib.records if statuses.get(r.doc_id) == "adopted"
               and r.kind in ("paragraph", "subparagraph", "preambular")]
    assert not any("5 per cent" in f.text for f in p.formulas if f.stock)
    for f in p.formulas:  # a stock phrase three hold; a run of little weight, one or two
        held = sum(1 for r in counted if find_phrase(r.text, f.text))
        assert held >= f.holders >= (STOCK_HOLDERS if f.stock else 1), (f.text, held)
        assert f.stock == (f.holders >= STOCK_HOLDERS)


def test_a_footnote_mark_pasted_as_plain_digits_is_read_as_the_mark(lib, capsys):
    """A paragraph copied from a PDF keeps its footnote marks as plain digits ("Rights, 1 the
    International Covenant", "the Child4"): published agreed language was 64% agreed, "”, 11"
    new. Digits right after a clause or glued to a word are read as a mark where a paragraph
    holding the words around them has that footnote; any other number stays a word."""
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import print_compare_plain
    from precedent.ui.render import render_comparison

    para = next(r for r in lib.records if r.citation == "A/RES/80/10, PP2")
    assert [f.mark for f in para.footnotes][:2] == ["1", "2"]
    first, rest = para.text.split(",", 1)
    words = rest.split()
    pasted = f"{first}, 1 {' '.join(words[:8])}2 {' '.join(words[8:])}"  # " 1" and a glued "2"
    result = compare_text(lib, pasted)
    p = result.paragraphs[0]
    assert p.percent == 100 and p.whole and [m.mark for m in p.marks] == ["1", "2"]
    assert p.draft.text.startswith(f"{first},\u00b9 ")
    assert p.marks[0].sentence().endswith("read as a footnote mark (A/RES/80/10, PP2, holding "
                                          "these words, has a footnote 1)")
    print_compare_plain(result)
    out = capsys.readouterr().out
    assert "  mark:   \u201c1\u201d after" in out and "new:" not in out
    assert "has a footnote 2" in render_comparison(result)
    assert result.to_dicts()[0]["marks"][0]["mark"] == "1"
    # a number the paragraph has no footnote for is a word, and new
    other = compare_text(lib, f"{first}, 17 {rest.strip()}").paragraphs[0]
    assert not other.marks and other.percent < 100
    # a mark between two words, with no punctuation ("Human Rights 2 and"), and the paragraph
    # that has the pasted marks is the one named (A/RES/73/195 para. 2 holds words of A/RES/78/228
    # PP6 with other footnote numbers)
    bare = f"{' '.join(words[:5])} 3 {' '.join(words[5:])}"
    p = compare_text(lib, f"{first}, {bare}").paragraphs[0]
    assert p.percent == 100 and [m.mark for m in p.marks] == ["3"], p.marks
    assert "A/RES/80/10, PP2" in p.marks[0].sentence()


def test_a_footnote_mark_glued_to_a_year_is_read_as_the_mark(lib):
    """A PDF's copy glues a mark after a year to it ("of 3 April 202310 and", A/RES/78/208
    PP13): the year was a new word "202310" and the paragraph below its agreed share. A year with
    digits glued to it is read as year and mark where the paragraph has that footnote; the same
    digits it has no footnote for stay one new figure."""
    import re

    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/9, annex, para. 1")
    year = re.search(r"\b(?:19|20)\d\d\b", para.text)
    mark = para.footnotes[0].mark
    glued = f"{para.text[:year.end()]}{mark}{para.text[year.end():]}"
    p = compare_text(lib, glued).paragraphs[0]
    assert p.percent == 100 and [m.mark for m in p.marks] == [mark], p.marks
    assert p.marks[0].after.endswith(year.group())
    unheld = next(str(n) for n in range(9, 99) if str(n) not in {f.mark for f in para.footnotes})
    other = compare_text(lib, f"{para.text[:year.end()]}{unheld}{para.text[year.end():]}")
    assert not other.paragraphs[0].marks and other.paragraphs[0].percent < 100


def test_a_mark_among_numbers_the_text_holds_as_words_is_read(lib):
    """"of 13 September 2004,3 including paragraph 3 of": the day and "paragraph 3" were set as
    marks too, which broke the agreed span the real mark stands in, and the mark was new text.
    Digits an agreed span holds as words stay words, and only the others are tried as marks."""
    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/6, PP10")
    assert "of 13 September 2004, including paragraph 3 of" in para.text
    pasted = para.text.replace("2004,", "2004,3", 1)
    p = compare_text(lib, pasted).paragraphs[0]
    assert p.percent == 100 and [(m.mark, m.after) for m in p.marks] == [("3", "September 2004,")]
    assert "of 13 September 2004,\u00b3 including paragraph 3 of" in p.draft.text


def test_the_matches_are_ranked_in_the_order_shown(lib):
    """compare's JSON gave each match the rank the search had given it (1, 2, 5, 3, 4), in the
    order of the similarity the command line lists them by."""
    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/9, annex, para. 13")
    result = compare_text(lib, para.text.replace("should not be", "should be", 1), k=5)
    matches = result.to_dicts()[0]["matches"]
    assert len(matches) >= 2
    assert [m["rank"] for m in matches] == list(range(1, len(matches) + 1))
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)


def test_an_agreed_span_ends_with_the_bracket_it_opened(lib):
    """"... its resolution 973 (X" then "of 15 December 1955": the span quoted as agreed
    language lost its ")", and was not the printed text."""
    import re

    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/80/9, annex, para. 6")
    m = re.search(r"\d+ \(\d+\) (\w+)", para.text)  # "... No. 38 (2020) on"
    pasted = para.text[:m.start(1)] + "Zanzibarian " + para.text[m.start(1):]
    spans = compare_text(lib, pasted).paragraphs[0].spans
    assert spans and all(s.text.count("(") == s.text.count(")") for s in spans), [
        s.text[-40:] for s in spans]
    assert any(s.text.endswith(")") for s in spans)


def test_a_draft_taken_for_the_text_compared_by_its_words_is_said_so(lib):
    # a copy of A/RES/80/7 (no masthead) is word for word its draft A/80/L.7 too: the draft was
    # "the document being compared" (an audit: 10 of 10 copies of adopted texts)
    from precedent.search.compare import compare_text
    from precedent.search.compare.comparison import SAME_TEXT

    copy = "\n\n".join(r.text for r in lib.records
                       if r.doc_id == "a-res-80-7" and r.kind in ("preambular", "paragraph"))
    result = compare_text(lib, copy)
    assert result.left_out["a-80-l-7"] == SAME_TEXT
    assert "a-res-80-7" in result.documents and result.percent == 100


def test_a_whole_draft_pasted_from_its_pdf_is_taken_for_itself(lib):
    # pasted with its footnote marks (plain or raised), a masthead and a paragraph broken at a
    # page break, a draft of the library was not taken for the text compared, and with drafts
    # counted it was its own precedent (an audit: 8 of the ten 2025 drafts pasted from PDFs)
    from precedent.search.compare import compare_text
    from precedent.search.compare.comparison import SAME_TEXT

    texts = [r.text for r in lib.records if r.doc_id == "a-80-l-5"
             and r.kind in ("preambular", "paragraph", "subparagraph")]
    texts = [t.replace(",", ",\u00b9", 1) if i % 5 == 0 else t for i, t in enumerate(texts)]
    cut = texts[3].rindex(" ", 0, len(texts[3]) // 2)
    pasted = ["Distr.: Limited", "Agenda item 15", *texts[:3], texts[3][:cut],
              texts[3][cut + 1:], *texts[4:]]
    result = compare_text(lib, "\n\n".join(pasted), include_drafts=True)
    assert result.left_out["a-80-l-5"] == SAME_TEXT
    assert "a-80-l-5" not in result.documents


def test_a_draft_compared_with_its_own_resolution_says_it_was_adopted_as_it(lib):
    # "A_80_L.6.pdf: 100% agreed language", each paragraph "<- A/RES/80/4": the resolution
    # adopted from that very draft, with nothing said (an audit: 3 of 3 drafts compared)
    pdf = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "pdf"
    result = compare_file(lib, pdf / "A_80_L.6.pdf")
    note = ("A/80/L.6 was adopted as A/RES/80/4 (2025-10-29): the agreed language found there is "
            "this draft's own text as adopted, not an earlier precedent (--exclude-doc a-res-80-4 "
            "compares the draft with what came before it).")
    assert result.adopted_as == (note,) and note in result.file_notes
    assert result.summary()["adopted_as"] == [note] and result.percent == 100
    # without it, what came before: nothing said, a lower share
    without = compare_file(lib, pdf / "A_80_L.6.pdf", exclude_docs=["a-res-80-4"])
    assert without.adopted_as == () and without.percent < 50
    # the same draft in the library, compared as its records; the resolution itself, not
    draft = [r for r in lib.records if r.doc_id == "a-80-l-6"]
    assert compare_records(lib, draft).adopted_as == (note,)
    assert compare_file(lib, pdf / "A_RES_80_4.pdf").adopted_as == ()


def test_a_draft_pasted_with_its_masthead_is_itself_and_says_what_it_became(lib):
    """A/80/L.8's first page pasted from a PDF viewer, masthead and all: its own adopted text,
    A/RES/80/9, counted as "98% agreed language" with no note, and the library's copy of it not
    known for the draft itself (an audit: 4 of 9 whole drafts pasted). The masthead's symbol
    names the draft, as a file's does."""
    import pypdfium2

    from precedent.search.compare import compare_text
    from precedent.search.compare.comparison import pasted_symbol

    pdf = pypdfium2.PdfDocument(str(Path(__file__).resolve().parents[1].parent / "shared"
                                    / "real-un" / "pdf" / "A_80_L.8.pdf"))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    assert pasted_symbol(text) == "A/80/L.8"
    result = compare_text(lib, text)
    assert result.left_out["a-80-l-8"] == "the document being compared"
    assert result.adopted_as and result.adopted_as[0].startswith(
        "A/80/L.8 was adopted as A/RES/80/9 (")
    # the masthead and title, up to "The General Assembly", are no paragraph of the draft (they
    # ran on into its "Adopts ..." paragraph, "32% agreed"), nor the annex's label and title
    assert not any("Distr." in p.draft.text or p.draft.text.startswith("Annex")
                   for p in result.paragraphs)
    assert result.paragraphs[0].draft.text.startswith("Adopts the 2025 Political Declaration")
    assert any(n.startswith("left out as the masthead and title: \u201cUnited Nations A/80/L.8")
               for n in result.paste_notes)
    assert any("\u201cAnnex 2025 Political Declaration" in n for n in result.paste_notes)
    # a symbol in a paragraph is no masthead
    assert pasted_symbol("Recalling its resolution A/RES/80/9 of 2025,\n\n1. Decides;") == ""


def test_a_document_excluded_is_named_among_those_not_counted(lib):
    """--exclude-doc A/RES/76/266 (the page's "Leave out"): the report named what was left out
    and why, except the document excluded (an audit: 2 of 2)."""
    from precedent.search.compare import compare_text

    para = next(r for r in lib.records if r.citation == "A/RES/76/266, annex, para. 67")
    result = compare_text(lib, para.text, exclude_docs=["a-res-76-266"])
    assert result.left_out["a-res-76-266"] == "left out on request"
    assert "a-res-76-266" not in result.documents
    assert result.summary()["left_out"]["a-res-76-266"] == "left out on request"


def test_the_page_and_the_report_name_documents_as_the_command_line_does(lib, tmp_path):
    """The page's report listed "2025 Political Declaration" (A/RES/80/9) among the counted and
    "2025 Political Declaration (A/80/L.8)" among those not counted, and `compare --html` doc
    ids: every surface names a document by ``Library.labels``, its symbol and year with it."""
    from precedent.search.compare import compare_text
    from precedent.ui.cmd_compare import precedent_lines
    from precedent.ui.handlers import Handlers
    from precedent.ui.render import render_compare_html

    labels = lib.labels()
    assert labels["a-res-80-9"] == "2025 Political Declaration (A/RES/80/9)"
    para = next(r for r in lib.records if r.citation == "A/RES/76/266, annex, para. 67")
    page = Handlers(lib, tmp_path / "downloads").compare.run(para.text, include_drafts=True)
    result = compare_text(lib, para.text, include_drafts=True)
    for line in precedent_lines(result, labels):  # what the command line prints
        head, _, rest = line.partition(": ")
        for name in rest.rstrip(".").split(", ")[:3]:
            assert name.split(":")[0] in page.html, (head, name)
    assert "(draft) (draft)" not in page.html
    html = render_compare_html(result, "t", labels)
    assert labels["a-res-80-9"] in html and "Counted as agreed language" in html


def test_a_pasted_paragraph_ending_in_a_copied_mark_is_no_heading(lib):
    """"Taking note of the report of the Secretary-General on the Global Compact,2", pasted among
    numbered paragraphs, was "left out as headings" and not compared (an audit: 2 of 2)."""
    from precedent.search.compare import compare_text

    text = ("Reaffirming the purposes and principles of the Charter of the United Nations,\n\n"
            "Taking note of the report of the Secretary-General on the Global Compact,2\n\n"
            "1. Decides to convene a high-level meeting on migration in 2027;")
    result = compare_text(lib, text)
    assert len(result.paragraphs) == 3 and not any("headings" in n for n in result.paste_notes)
    titled = compare_text(lib, "Objective 2\n\n1. Decides to convene a meeting;")
    assert any("headings" in n for n in titled.paste_notes)  # a heading is still one
