"""A draft's paragraph beside its adopted twin is named under it, not shown twice (issue 18)."""

from __future__ import annotations

import pytest
from answer_checks import check_answer

from precedent.search import Library
from precedent.search.evaluate import evaluate
from precedent.search.twins import near_identical, twin_note

HEAD = ("""United Nations
{symbol}

General Assembly
Distr.: {distr}
{date}

Ninetieth session
Agenda item 14
{adopted}
Lighthouse keepers and coastal safety

The General Assembly,

Recalling its resolutions on coastal safety,

1. Decides to convene a high-level meeting on lighthouse keepers and their training in """
"""coastal safety;

2. Requests the Secretary-General to report on the maintenance of lighthouses in small island """
"""{states};

3. Decides to include in the provisional agenda of its ninety-first session the item on {item};
""")
DRAFT = HEAD.format(symbol="A/90/L.7", distr="Limited", date="1 October 2035", adopted="",
                    states="States", item="oceans and the law of the sea")
ADOPTED = HEAD.format(symbol="A/RES/90/12", distr="General", date="20 October 2035",
                      states="developing States",
                      item="the safety of lighthouse keepers, their training, their pay and "
                           "their families",
                      adopted="\nResolution adopted by the General Assembly\non 15 October 2035\n\n"
                              "[without reference to a Main Committee (A/90/L.7)]\n\n90/12.")


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from fake_embedder import HashEmbedder

    src = tmp_path_factory.mktemp("twin-src")
    lib = Library.open(tmp_path_factory.mktemp("twin-home"), embedder=HashEmbedder())
    for name, text in (("draft.txt", DRAFT), ("adopted.txt", ADOPTED)):
        (src / name).write_text(text, encoding="utf-8")
        lib.add(src / name)
    return lib


def test_near_identical_texts():
    assert near_identical("We commit to act.", "We  commit to act .")
    assert near_identical("Requests a report on lighthouses in small island States;",
                          "Requests a report on lighthouses in small island developing States;")
    assert not near_identical("Decides to include the item on oceans",
                              "Decides to include the item on lighthouses")


def test_twins_pair_a_resolution_with_the_draft_its_masthead_names(lib):
    twins = lib.view.twins
    pairs = {lib.records[a].id: lib.records[d].id for a, d in twins.draft_of.items()}
    assert pairs == {"a-res-90-12:body:PP1": "a-90-l-7:body:PP1",
                     "a-res-90-12:body:1": "a-90-l-7:body:1",
                     "a-res-90-12:body:2": "a-90-l-7:body:2"}  # para. 3 differs: no twin


def test_the_adopted_paragraph_names_its_draft_twin_and_the_draft_is_not_shown_again(lib):
    answer = lib.search("lighthouse keepers training coastal safety", k=6)
    check_answer(answer, lib.get)
    shown = [h.record.id for h in answer.hits]
    assert "a-res-90-12:body:1" in shown and "a-90-l-7:body:1" not in shown
    hit = next(h for h in answer.hits if h.record.id == "a-res-90-12:body:1")
    assert [t.id for t in hit.twins] == ["a-90-l-7:body:1"]
    assert twin_note(hit.record, hit.twins) == "Same text in the draft A/90/L.7, para. 1"
    assert hit.to_dict()["draft_twins"] == "A/90/L.7, para. 1"
    assert hit.provenance is None  # its only echo is the twin, named already
    two = lib.get("a-res-90-12:body:2")
    assert twin_note(two, (lib.get("a-90-l-7:body:2"),)).startswith(
        "Nearly the same text in the draft A/90/L.7")
    # a paragraph that changed stands in both documents
    answer = lib.search("provisional agenda ninety-first session item", k=6)
    shown = [h.record.id for h in answer.hits]
    assert "a-res-90-12:body:3" in shown and "a-90-l-7:body:3" in shown


def test_drafts_only_keeps_the_draft(lib):
    answer = lib.search("lighthouse keepers training coastal safety", k=6, status="draft")
    assert "a-90-l-7:body:1" in [h.record.id for h in answer.hits]
    assert all(not h.twins for h in answer.hits)


def test_the_evaluation_counts_a_named_twin_right_after_its_paragraph(lib):
    items = [{"query": "lighthouse keepers training coastal safety", "type": "topic",
              "gold": {"A/RES/90/12|res:1": 2, "A/90/L.7|res:1": 2}}]
    result = evaluate(lib, items)
    assert result["details"][0]["ranked"][:2] == ["a/res/90/12:res:1", "a/90/l.7:res:1"]
    assert result["table"]["overall"]["ndcg@10"] == pytest.approx(1.0)


def test_a_cited_paragraph_names_its_draft_twin_and_says_a_changed_one_is_not_cited(lib):
    # an audit: "A/RES/80/9 para. 8" showed A/80/L.8's identical paragraph as a second entry
    # labelled "cited", though only the resolution was cited
    answer = lib.search("A/RES/90/12 para. 1")
    assert [h.record.id for h in answer.hits] == ["a-res-90-12:body:1"]
    assert [t.id for t in answer.hits[0].twins] == ["a-90-l-7:body:1"]
    assert "not cited" not in answer.message
    # para. 3 changed: the draft's stands after it, and the answer says it is not cited
    answer = lib.search("A/RES/90/12 para. 3")
    assert [h.record.id for h in answer.hits] == ["a-res-90-12:body:3", "a-90-l-7:body:3"]
    assert answer.message.endswith("After it, not cited: the paragraph of that number in the "
                                   "draft it was adopted from (A/90/L.7, para. 3), changed.")
    # a number without a document cites it in each document: both are cited, the twin named
    answer = lib.search("para. 1")
    shown = [h.record.id for h in answer.hits]
    assert "a-res-90-12:body:1" in shown and "a-90-l-7:body:1" not in shown
    assert "not cited" not in answer.message
