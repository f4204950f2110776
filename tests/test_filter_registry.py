"""The search filters, declared once (``search.filters.FILTERS``), and what reads the declaration:
the checks of ``Library.search``'s keywords, the command line's flags, the answer's wording of
its filters, and the page's components and handlers."""

from __future__ import annotations

import pytest
from fake_embedder import HashEmbedder

from precedent.search import FilterError, Library
from precedent.search.filters import FILTERS, KEYS, Filters, filter_label
from precedent.ui import render
from precedent.ui.cli import build_parser
from precedent.ui.handlers_search import FILTER_ARGS, PAGE_FILTERS, SearchHandlers


@pytest.fixture(scope="module")
def lib():
    return Library.open(embedder=HashEmbedder())


def test_each_filter_is_declared_once_in_order():
    assert KEYS == ("doc", "part", "category", "objective", "year", "kind", "status")
    assert len(set(KEYS)) == len(KEYS)
    widgets = [f.widget for f in PAGE_FILTERS]
    assert sorted(w.place for w in widgets) == list(range(len(widgets)))
    assert len({w.elem_id for w in widgets}) == len({w.arg for w in widgets}) == len(widgets)
    assert FILTER_ARGS == ("docs", "parts", "categories", "objectives", "adopted_only")


def test_the_library_checks_and_names_every_filter(lib):
    facets = lib.facets()
    assert list(facets) == list(KEYS)
    with pytest.raises(FilterError,
                       match="unknown filter.*filters: category, doc, kind, objective, part, "
                             "status, year"):
        lib.search("migrants", colour="red")
    f = Filters.from_kwargs({"status": "ADOPTED", "objective": ["9"], "category": "commitments"},
                            facets)
    assert f.as_dict() == {"category": ["commitment"], "objective": [9], "status": ["adopted"]}
    assert (f.category, f.statuses, f.kinds) == (("commitment",), ("adopted",), ())
    for key, bad in [("objective", 24), ("year", "soon"), ("kind", "verse"), ("status", "pending"),
                     ("doc", "nowhere"), ("part", "appendix"), ("category", "wish")]:
        with pytest.raises(FilterError):
            Filters.from_kwargs({key: bad}, facets)


def test_the_command_line_has_a_flag_per_filter():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for command in ("search", "batch"):
        flags = {o for a in sub.choices[command]._actions for o in a.option_strings}
        assert {f"--{key}" for key in KEYS} | {"--adopted-only"} <= flags
    args = build_parser().parse_args(["search", "q", "--objective", "9", "--adopted-only", "--part",
                                      "annex"])
    from precedent.ui.cmd_search import _filters

    assert _filters(args) == {"part": "annex", "objective": [9], "status": ["adopted"]}


def test_an_answer_names_its_filters_by_their_labels():
    assert [filter_label(f.key) for f in FILTERS] == [
        "document", "part", "category", "objective", "year", "kind", "status"]
    text = render.describe_filters({"doc": ["a"], "objective": [9], "status": ["adopted"]},
                                   {"a": "Compact"})
    assert text == "document: Compact; objective: 9; status: adopted"


def test_the_page_handlers_take_the_filters_by_name():
    assert SearchHandlers.filters(docs=["a"], objectives=["9"], adopted_only=True, parts=[]) == {
        "doc": ["a"], "objective": [9], "status": "adopted"}
    with pytest.raises(TypeError):
        SearchHandlers.filters(colours=["red"])


def test_the_page_has_a_component_per_page_filter(lib):
    from precedent.ui.app import build_app

    demo = build_app(lib)
    ids = {getattr(c, "elem_id", None) for c in demo.blocks.values()}
    assert {f.widget.elem_id for f in PAGE_FILTERS} <= ids


def test_resolution_part_takes_a_resolution_without_an_annex():
    """``--part resolution`` took only the 17 records printed before an annex: the paragraphs
    of a resolution without one (part "") and its numbered sections ("sect. II") were dropped,
    three quarters of the 90 documents, and a phrase they hold was said to be nowhere."""
    from precedent.search.filters import part_matches

    assert part_matches("", "resolution") and part_matches("sect. ii", "resolution")
    assert part_matches("resolution", "resolution")
    assert not part_matches("annex", "resolution") and not part_matches("annex, sect. ii",
                                                                        "resolution")
    assert not part_matches("", "annex")


def test_a_section_that_is_only_a_heading_is_a_part_to_filter_by():
    """A/RES/78/234's sections are headings ("III. Office of ..."), its numbering running on
    across them: ``--part "sect. III"`` found nothing there (an empty answer), though a citation
    of "section III para 29" finds the paragraph. Sections with parts of their own keep them."""
    from precedent.ingest.records import Paragraph
    from precedent.search.filters import RecordTable, part_matches, part_within

    def rec(number, part="", section=()):
        return Paragraph(id=f"r:{part}:{number}", doc_id="r", symbol="A/RES/78/234", title="",
                         date="2023-12-22", part=part, number=number, kind="paragraph",
                         text="Requests the Secretary-General to report.", citation="",
                         section=section)

    headed = rec("29", section=("III. Office of the High Commissioner", "Sub-heading"))
    in_annex = rec("4", "annex", ("II. Implementation",))
    restarting = rec("3", "sect. II", ("III. A heading inside",))
    plain = rec("1", section=("Partnerships and support mechanisms",))
    assert [part_within(r) for r in (headed, in_annex, restarting, plain)] == [
        "sect. III", "annex, sect. II", "sect. II", ""]
    table = RecordTable([headed, in_annex, restarting, plain])
    assert "sect. III" in table.facets()["part"]
    mask = table.mask(Filters.from_kwargs({"part": ["sect. III"]}, table.facets()), ("paragraph",))
    assert mask.tolist() == [True, False, False, False]
    assert part_matches(part_within(headed), "resolution")  # still the resolution's paragraph


def test_parts_are_listed_in_the_order_documents_print_them():
    """The page's Part checkboxes were sorted as text: "sect. IX" between "sect. IV" and
    "sect. V", "sect. XIX" between "sect. XIV" and "sect. XV"."""
    from precedent.search.filters import part_order

    parts = ["sect. IX", "sect. IV", "sect. V", "sect. XIX", "sect. XIV", "sect. XV", "annex",
             "annex, sect. II", "resolution", "annex II", "annex I", "sect. 2", "sect. 10"]
    assert sorted(parts, key=part_order) == [
        "annex", "annex I", "annex II", "annex, sect. II", "resolution", "sect. 2", "sect. IV",
        "sect. V", "sect. IX", "sect. 10", "sect. XIV", "sect. XV", "sect. XIX"]


def _record(n: str, category: str, categories: tuple[str, ...]):
    from precedent.ingest.records import Paragraph

    return Paragraph(id=f"d:res:{n}", doc_id="d", symbol="A/RES/1", title="T", date="2023-12-19",
                     part="", number=n, kind="paragraph", text="x", citation=f"A/RES/1, para. {n}",
                     category=category, categories=categories)


def test_the_category_filter_takes_a_category_of_any_clause():
    # "Notes the report ..., and requests the Secretary-General to ..." requests: the filter read
    # only the first category and left 126 such paragraphs of adopted texts out of request
    from precedent.search.filters import RecordTable

    records = [_record("1", "recognition", ("recognition", "request")),
               _record("2", "request", ("request",)),
               _record("3", "decision", ("decision",)),
               _record("4", "other", ())]
    table = RecordTable(records)
    facets = table.facets()
    assert facets["category"] == ["request", "recognition", "decision", "other"]
    mask = table.mask(Filters.from_kwargs({"category": "request"}, facets), ("paragraph",))
    assert mask.tolist() == [True, True, False, False]
    mask = table.mask(Filters.from_kwargs({"category": "other"}, facets), ("paragraph",))
    assert mask.tolist() == [False, False, False, True]
