"""A question naming a document by its symbol, answered with other documents' paragraphs too,
says so and how to see the document's own alone (a page audit: "What does A/RES/80/3 say about
transit transport corridors?" showed the Doha Declaration's paragraphs among its own, and
nothing said of it)."""

from __future__ import annotations

from real_library import real_library, skip_without_real

pytestmark = skip_without_real

NOTE = ("Paragraphs of other documents than A/RES/80/3 are shown too; choose A/RES/80/3 in the "
        "document filter for its own alone.")


def test_other_documents_beside_the_one_named_are_said(tmp_path_factory):
    lib = real_library(lambda: tmp_path_factory.mktemp("real-library"))
    question = "How does A/RES/80/3 address transit corridors?"
    answer = lib.search(question, k=8)
    assert any(h.record.symbol != "A/RES/80/3" for h in answer.hits)
    assert any(h.record.symbol == "A/RES/80/3" for h in answer.hits)
    assert NOTE in answer.message
    alone = lib.search(question, k=8, doc=["A/RES/80/3"])
    assert all(h.record.symbol == "A/RES/80/3" for h in alone.hits) and NOTE not in alone.message
