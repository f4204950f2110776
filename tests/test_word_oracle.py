"""The differential word oracle's own alignment (``word_oracle``), on small invented word streams:
each record's words are placed where they stand, so that nothing is counted lost or altered that
Precedent holds in the right record."""

from __future__ import annotations

from types import SimpleNamespace

from word_oracle import _SLACK, Comparison, Item, Oracle, _Aligner, _in_order, _is_furniture_line

SAME = ("the Secretary-General to continue to proactively monitor and mitigate all project risks, "
        "to take all measures necessary to ensure the delivery of the project within the scope, "
        "budget and timeline approved by the General Assembly;").split()


def oracle_of(lines: list[list[tuple[str, float | None]]]) -> Oracle:
    """An oracle of one page: each line a list of ``(word, gap)`` (gap: PDFium's generated space
    before the word as a share of the line's word spaces; None for a space glyph)."""
    o = Oracle()
    for n, line in enumerate(lines):
        o.lines.append((0, " ".join(w for w, _ in line), 10.0, n + 6))  # below the page's head
        for word, gap in line:
            o.words.append(word)
            o.mark.append(False)
            o.page.append(0)
            o.line.append(n)
            o.gap.append(gap)
    o.page_lines.append(len(lines) + 12)
    return o


def aligned(lines, items):
    doc = SimpleNamespace(info=SimpleNamespace(title="", symbol="A/RES/99/253"), paragraphs=[])
    result = Comparison("invented")
    aligner = _Aligner(oracle_of(lines), items, doc, result)
    aligner.run()
    return aligner, result


def test_the_words_of_an_item_count_in_order_only():
    assert _in_order([(0, [90]), (1, [11]), (2, [12]), (3, [40]), (4, [14])]) == [(1, 11), (2, 12),
                                                                                  (4, 14)]
    assert _in_order([(0, [10]), (1, [11, 15]), (2, [12, 16])]) == [(0, 10), (1, 11), (2, 12)]
    assert _in_order([]) == []


def test_a_paragraph_said_twice_is_placed_where_its_number_stands():
    """Section XIII, para. 9 and section XV, para. 19 of A/RES/78/253 say the same words after
    "Requests" and "Also requests"; PDFium splits "de livery" in the first. Paragraph 9 is placed on
    the first (its number there, PDFium's split joined for the placing), paragraph 19 on the second:
    no word lost or altered."""
    first = [("8.", None), ("Emphasizes", None), ("lessons", None), ("learned;", None),
             ("9.", None), ("Requests", None)] + [(w, None) for w in SAME]
    k = first.index(("delivery", None))
    first[k:k + 1] = [("de", None), ("livery", 0.3)]
    # Further on than the words an item may skip (footnotes at a page turn): another section.
    between = [("10.", None), ("Decides", None)] + [(f"matter{n}", None)
                                                    for n in range(_SLACK + 100)]
    second = [("19.", None), ("Also", None), ("requests", None)] + [(w, None) for w in SAME]
    eight = Item(["8.", "Emphasizes", "lessons", "learned;"], "paragraph", "8",
                 label="sect. XIII, para. 8")
    nine = Item(["9.", "Requests"] + SAME, "paragraph", "9", label="sect. XIII, para. 9")
    ten = Item([w for w, _ in between], "paragraph", "10", label="sect. XIII, para. 10")
    nineteen = Item(["19.", "Also", "requests"] + SAME, "paragraph", "19",
                    label="sect. XV, para. 19")
    # A later section's paragraph 9 opens with the same words: "9. Requests the" stands after the
    # second copy too, within the words an item may skip.
    later = [(w, None)
             for w in "9. Requests the Secretary-General to closely follow the matter;".split()]
    later_nine = Item([w for w, _ in later], "paragraph", "9", label="sect. XVI, para. 9")
    _, result = aligned([first, between, second, later], [eight, nine, ten, nineteen, later_nine])
    counts = result.counts
    assert counts["lost"] == counts["altered"] == counts["misplaced"] == 0, dict(result.examples)
    assert result.counts["oracle_split"] == 1


def test_a_symbol_at_the_page_foot_is_furniture_only_when_it_is_the_documents_own():
    """The last line of footnote 53 of A/RES/78/253 at its page's foot is "A/78/7/Add.23.": a
    footnote's words, not the running foot (which prints the document's own symbol)."""
    assert not _is_furniture_line("A/78/7/Add.23.", "A/RES/78/253")
    assert (_is_furniture_line("A/RES/78/253", "A/RES/78/253")
            and _is_furniture_line("23-26236 20/25", "A/RES/78/253"))
    assert _is_furniture_line("A/78/7/Add.23.")  # without a symbol: any symbol (the page's head)
