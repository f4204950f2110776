"""``ingest.text_patterns.line_groups``: the one splitter of lines into blank-separated groups,
used by the parser's blocks and the pasted draft's paragraphs."""

from hypothesis import given
from hypothesis import strategies as st

from precedent.ingest.text_patterns import line_groups

lines = st.lists(st.sampled_from(["", "  ", "1. We commit", "(a) to act", "text", " more text "]),
                 max_size=30)


@given(lines)
def test_groups_hold_every_non_blank_line_once_in_order_stripped(ls):
    groups = line_groups(ls, lambda group, line: line[0].isdigit())
    assert [line for g in groups for line in g] == [ln.strip() for ln in ls if ln.strip()]
    assert all(line for g in groups for line in g)


@given(lines)
def test_without_a_predicate_only_blank_lines_split(ls):
    groups = [g for g in line_groups(ls, lambda group, line: False) if g]
    runs, current = [], []
    for ln in ls:
        if ln.strip():
            current.append(ln.strip())
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    assert groups == runs


def test_a_line_the_predicate_marks_opens_a_group_and_sees_the_group_so_far():
    seen = []

    def starts_new(group, line):
        seen.append(list(group))
        return line.startswith("2.")

    assert line_groups(["1. a", "b", "2. c"], starts_new) == [["1. a", "b"], ["2. c"]]
    assert seen == [["1. a"], ["1. a", "b"]]  # never asked for the first line of a group
