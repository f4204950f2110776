"""precedent.search.compare.diff: the word diff (property-tested); precedent.search.verbatim:
verbatim runs over a word n-gram index."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from word_ops import apply_ops

from precedent.index.text_match import find_phrase
from precedent.search.compare.diff import DELETE, EQUAL, INSERT, WordOp, diff_counts, word_diff
from precedent.search.verbatim import Run, ShingleIndex, partition_runs, tokenize_words

# A small vocabulary (with case, quote and dash variants) so random texts share words and runs.
VOCAB = ["we", "We", "commit", "to", "migrants", "rights", "“safe”", '"safe"', "non-custodial",
         "non–custodial", "States", "states", "and", "the", "law,", "law;", "detention."]
words_st = st.lists(st.sampled_from(VOCAB), max_size=30)


# --- word diff -------------------------------------------------------------------------------


def test_word_diff_kept_inserted_deleted():
    ops = word_diff("We commit to end child detention", "We strongly commit to end detention")
    assert ops == [
        WordOp(EQUAL, ("We",), ("We",)),
        WordOp(INSERT, (), ("strongly",)),
        WordOp(EQUAL, ("commit", "to", "end"), ("commit", "to", "end")),
        WordOp(DELETE, ("child",), ()),
        WordOp(EQUAL, ("detention",), ("detention",)),
    ]
    assert diff_counts(ops) == {"kept": 5, "inserted": 1, "deleted": 1}
    assert [op.to_list() for op in ops][:2] == [["=", "We"], ["+", "strongly"]]
    assert ops[3].to_list() == ["-", "child"]


def test_replacement_is_a_delete_then_an_insert():
    ops = word_diff("ensure safe return", "ensure dignified return")
    assert [op.op for op in ops] == [EQUAL, DELETE, INSERT, EQUAL]
    assert ops[1].old == ("safe",) and ops[2].new == ("dignified",)


def test_case_quotes_and_dashes_are_kept_words_spelled_as_in_the_draft():
    ops = word_diff('We commit to “safe” non-custodial care',
                    'we commit to "safe" non–custodial care')
    assert [op.op for op in ops] == [EQUAL]
    assert ops[0].new == ("we", "commit", "to", '"safe"', "non–custodial", "care")
    assert apply_ops('We commit to “safe” non-custodial care', ops) == list(ops[0].new)


def test_identical_and_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("a b", "a b") == [WordOp(EQUAL, ("a", "b"), ("a", "b"))]
    assert word_diff("", "new words") == [WordOp(INSERT, (), ("new", "words"))]
    assert word_diff("old words", "") == [WordOp(DELETE, ("old", "words"), ())]


def test_apply_ops_rejects_operations_that_do_not_fit():
    ops = word_diff("a b c", "a x c")
    with pytest.raises(ValueError):
        apply_ops("a q c", ops)
    with pytest.raises(ValueError):
        apply_ops("a b c d", ops)


@settings(max_examples=300, deadline=None)
@given(words_st, words_st)
def test_applying_the_diff_to_the_match_yields_the_draft_exactly(old, new):
    ops = word_diff(old, new)
    assert apply_ops(old, ops) == new
    assert " ".join(apply_ops(" ".join(old), ops)) == " ".join(new)
    counts = diff_counts(ops)
    assert counts["kept"] + counts["deleted"] == len(old)
    assert counts["kept"] + counts["inserted"] == len(new)
    for op in ops:
        assert op.op in (EQUAL, INSERT, DELETE)
        assert (op.op == INSERT) == (not op.old) and (op.op == DELETE) == (not op.new)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_of_arbitrary_text_round_trips(old, new):
    assert apply_ops(old, word_diff(old, new)) == new.split()


# --- word tokens and runs --------------------------------------------------------------------


def test_tokens_keep_offsets_and_normalise_gaps():
    text = "We  commit,¹ to “Safe” non–custodial"
    tok = tokenize_words(text)
    assert tok.keys == ("we", "commit", "to", "safe", "non", "custodial")
    assert [text[s:e] for s, e in zip(tok.starts, tok.ends)] == ["We", "commit", "to", "Safe",
                                                                 "non", "custodial"]
    assert tok.gaps == ("", " ", ", ", ' "', '" ', "-")  # spaces collapsed, footnote mark dropped
    assert tok.words == (0, 1, 2, 3, 4, 4) and tok.count_words() == 5  # non–custodial: one word


def test_runs_found_and_min_words_respected():
    corpus = ["we commit to end the detention of migrant children in all cases",
              "states recall the global compact for safe orderly and regular migration"]
    idx = ShingleIndex(corpus, n=3)
    draft = tokenize_words("Today We Commit to end the detention of migrant children, and more")
    runs = idx.agreed_runs(draft, min_words=3)
    assert runs == [Run(row=0, start=1, end=10, at=0)]  # "We Commit ... children": 9 words
    assert idx.agreed_runs(draft, min_words=9) == runs
    assert idx.agreed_runs(draft, min_words=10) == []
    assert idx.agreed_runs(draft, min_words=3, rows={1}) == []
    with pytest.raises(ValueError):
        idx.agreed_runs(draft, min_words=2)


def test_different_punctuation_between_words_breaks_a_run():
    idx = ShingleIndex(["protect the rights of migrants, refugees and their families at all times"],
                       n=3)
    draft = tokenize_words("protect the rights of migrants; refugees and their families at all "
                           "times")
    runs = idx.agreed_runs(draft, min_words=3)
    assert [(r.start, r.end) for r in runs] == [(0, 5), (5, 12)]


def test_partition_cites_only_texts_holding_the_whole_span():
    runs = [Run(0, 0, 10, 0), Run(1, 5, 20, 0), Run(2, 0, 10, 3), Run(3, 25, 30, 0)]
    assert partition_runs(runs) == [(0, 10, (0, 2)), (10, 20, (1,)), (25, 30, (3,))]
    assert partition_runs([]) == []


def test_spans_are_whole_words_counted_as_words():
    idx = ShingleIndex(["alternatives to semi-custodial detention for all migrants everywhere"],
                       n=3)
    draft = tokenize_words("custodial detention for all migrants")
    assert idx.agreed_runs(draft, min_words=4) == [Run(0, 1, 5, 4)]  # not "custodial": half a word
    draft = tokenize_words("non-custodial alternatives to semi-custodial detention")
    runs = idx.agreed_runs(draft, min_words=3)
    # "alternatives to semi-custodial detention": 4 words, 5 tokens
    assert runs == [Run(0, 2, 7, 0)]
    assert idx.agreed_runs(draft, min_words=5) == []


def _brute_force_covered(draft_tokens, texts, min_words):
    """Draft tokens inside some run of >= min_words whole words standing verbatim in a text."""
    covered = set()
    n = len(draft_tokens.keys)
    for t in texts:
        tt = tokenize_words(t)
        for i in range(n):
            for p in range(len(tt.keys)):
                j = 0
                while (i + j < n and p + j < len(tt.keys)
                       and draft_tokens.keys[i + j] == tt.keys[p + j]
                       and (j == 0 or draft_tokens.gaps[i + j] == tt.gaps[p + j])):
                    j += 1
                a, b = i, i + j
                shift = p - i
                while a < b and not (draft_tokens.word_start(a) and tt.word_start(a + shift)):
                    a += 1
                while b > a and not (draft_tokens.word_end(b - 1) and tt.word_end(b - 1 + shift)):
                    b -= 1
                if b > a and draft_tokens.count_words(a, b) >= min_words:
                    covered.update(range(a, b))
    return covered


text_st = st.lists(st.sampled_from(["we", "commit", "to", "safe", "migration", "and", "the",
                                    "rights,",
                                    "States", "“regular”", "non-custodial", "custodial",
                                    "semi-safe"]),
                   min_size=0, max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(text_st, min_size=1, max_size=4), text_st, st.integers(min_value=2, max_value=6))
def test_spans_cover_exactly_the_verbatim_runs_and_citations_hold(texts, draft, min_words):
    idx = ShingleIndex(texts, n=min(min_words, 3))
    tok = tokenize_words(draft)
    spans = partition_runs(idx.agreed_runs(tok, min_words))
    covered = set()
    last_end = -1
    for start, end, rows in spans:
        assert start >= last_end and end > start and rows
        last_end = end
        covered.update(range(start, end))
        span_text = draft[tok.starts[start]:tok.ends[end - 1]]
        for row in rows:
            assert find_phrase(texts[row], span_text), (texts[row], span_text)
    assert covered == _brute_force_covered(tok, texts, min_words)


def test_overlapping_runs_never_leave_a_short_tail_cited_elsewhere():
    from precedent.search.verbatim import Run, partition_runs

    a, b = Run(row=1, start=0, end=10, at=0), Run(row=2, start=8, end=13, at=0)
    assert partition_runs([a, b]) == [(0, 10, (1,)), (10, 13, (2,))]  # greedy, no minimum
    assert partition_runs([a, b], min_words=5) == [(0, 8, (1,)), (8, 13, (2,))]
    # When moving the boundary would leave the first span short, the greedy cut stays.
    c = Run(row=3, start=4, end=9, at=0)
    d = Run(row=4, start=0, end=7, at=0)
    assert partition_runs([d, c], min_words=5) == [(0, 7, (4,)), (7, 9, (3,))]


def test_counts_are_of_words_as_the_agreed_share_counts_them():
    """A dash standing alone is no word: "(115 of 115 words)" was followed by "117 kept"."""
    from precedent.search.compare import diff_counts, word_diff

    old = "the period 2024 – 2025 and beyond"
    assert diff_counts(word_diff(old, old)) == {"kept": 6, "inserted": 0, "deleted": 0}
    assert diff_counts(word_diff(old, "the period 2024 and beyond")) == {
        "kept": 5, "inserted": 0, "deleted": 1}
