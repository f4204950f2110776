"""Search behaviour: exact phrases, filters, commitment-aware order, confidence, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from precedent.search import FilterError, QueryError
from precedent.search.fusion import rrf_fusion, weighted_fusion
from precedent.search.query import parse_query


def test_quoted_phrase_returns_every_paragraph_containing_it_and_nothing_else_first(fake_lib):
    answer = fake_lib.search('"regardless of their migration status"', k=3)
    containing = {r.id for r in fake_lib.records
                  if "regardless of their migration status" in r.text.lower()}
    assert len(containing) >= 4  # more than k: every one is still returned
    assert {h.record.id for h in answer.hits} == containing
    assert not answer.low_confidence
    for h in answer.hits:
        s, e = h.highlights[0]
        assert h.record.text[s:e].lower() == "regardless of their migration status"


@pytest.mark.parametrize("query", ['“Regardless of their  MIGRATION status”',
                                   '"regardless of their\nmigration status"'])
def test_phrase_normalises_case_curly_quotes_and_line_breaks(fake_lib, query):
    assert len(fake_lib.search(query).hits) >= 4


def test_phrase_dash_normalisation(fake_lib):
    hits = fake_lib.search('"route–based cooperation"').hits
    assert [h.record.short_number for h in hits] == ["annex:63"]


def test_missing_phrase_is_low_confidence_with_a_message(fake_lib):
    answer = fake_lib.search('"interplanetary migration corridor"')
    assert answer.low_confidence
    assert "No paragraph contains" in answer.message
    # confidence is calibrated (below 0.5: low): the phrase is certainly absent, and the closest
    # paragraphs are not called strong beside "confidence 0.00" (a draft's phrase was)
    assert answer.confidence == 0.0
    assert answer.hits and {h.relevance for h in answer.hits} == {"weak"}


def test_filters_restrict_results(fake_lib):
    answer = fake_lib.search("migrants", k=50, category="commitment", part="annex")
    assert answer.hits
    # a paragraph of any clause's category ("We recognize ... and commit to ...")
    assert all("commitment" in (h.record.category, *h.record.categories)
               and h.record.part == "annex" for h in answer.hits)
    by_objective = fake_lib.search("migration", k=50, objective=18)
    numbers = {h.record.short_number for h in by_objective.hits}
    assert numbers <= {f"annex:{n}" for n in range(12, 18)}
    assert len(by_objective.hits) == 6
    res = fake_lib.search("Progress Declaration", part="resolution")
    assert {h.record.short_number for h in res.hits} <= {"res:1", "res:2", "res:PP1"}
    assert fake_lib.search("migration", year=2026).hits
    assert not fake_lib.search("migration", year=2018).hits


@pytest.mark.parametrize("filters, message", [
    ({"category": "wish"}, "unknown category 'wish'"),
    ({"doc": "A/RES/1/1"}, "unknown document"),
    ({"part": "appendix"}, "unknown part"),
    ({"objective": 99}, "objective must be a number from 1 to 23"),
    ({"colour": "red"}, "unknown filter"),
])
def test_unknown_filter_values_are_clear_errors(fake_lib, filters, message):
    with pytest.raises(FilterError, match=message):
        fake_lib.search("migration", **filters)


@pytest.mark.parametrize("query, message",
                         [("", "empty"), ("   \n ", "empty"), ("x" * 100_000, "too long")])
def test_bad_queries_are_clear_errors(fake_lib, query, message):
    with pytest.raises(QueryError, match=message):
        fake_lib.search(query)


def test_commitment_questions_put_commitments_first(fake_lib):
    answer = fake_lib.search("What did States commit to on alternatives to detention?", k=5)
    assert answer.intent == "commitment"
    roles = [h.role for h in answer.hits]
    assert roles[0] == "answer"
    assert answer.hits[0].record.category in ("commitment", "request", "decision")
    first_context = roles.index("context") if "context" in roles else len(roles)
    assert all(r == "answer" for r in roles[:first_context])


def test_parse_query_intent_and_topic():
    q = parse_query("What did States commit to on child detention?")
    assert q.commitment and q.topic == "child detention"
    assert not parse_query("search and rescue cooperation").commitment
    assert not parse_query('agreed language on "migration status"').commitment
    draft = "We commit to " + "protect the rights of migrant workers and their families " * 4
    assert not parse_query(draft).commitment  # a pasted paragraph is not a question


def test_hits_carry_citation_text_and_highlights(fake_lib):
    hit = fake_lib.search("remittances transaction costs", k=1).hits[0]
    assert hit.record.short_number == "annex:56"
    assert hit.citation == "Progress Declaration 2026, annex, para. 56"
    assert hit.record.text.startswith("We commit to redouble our efforts")
    marked = " ".join(hit.record.text[s:e].lower() for s, e in hit.highlights).split()
    assert {"remittances", "transaction", "costs"} <= set(marked)
    assert set(marked) <= {"remittances", "transaction", "costs", "cost"}
    d = hit.to_dict()
    assert list(d) == ["rank", "id", "doc_id", "symbol", "status", "year", "part", "number",
                       "kind", "category", "citation", "role", "score", "relevance", "text",
                       "draft_twins", "history"]
    assert (d["status"], d["year"]) == ("draft", "2026")  # the shipped Declaration is a draft


def test_batch_is_many_single_searches(fake_lib):
    queries = ["remittances", '"route-based cooperation"', "child detention"]
    batch = fake_lib.batch(queries, k=3)
    assert [a.query for a in batch] == queries
    for q, a in zip(queries, batch, strict=True):
        single = fake_lib.search(q, k=3)
        assert [h.record.id for h in a.hits] == [h.record.id for h in single.hits]
    rows = batch.rows()
    assert rows[0]["query"] == "remittances" and rows[0]["rank"] == 1
    assert batch.to_csv().splitlines()[0].startswith("query,rank,id,doc_id")
    df = batch.to_dataframe()
    assert list(df["query"].unique()) == queries


def test_context_and_get(fake_lib):
    rid = "imrf-2026-progress-declaration:annex:52"
    around = fake_lib.context(rid)
    assert [p.number for p in around] == ["51", "52", "53"]
    with pytest.raises(KeyError):
        fake_lib.get("nope")


def test_fusions_are_pure_and_ordered():
    dense = np.array([0.9, 0.1, 0.5], dtype=np.float32)
    kw = np.array([0.0, 4.0, 2.0], dtype=np.float32)
    w = weighted_fusion(dense, kw, 0.5)
    np.testing.assert_allclose(w, [0.45, 0.55, 0.5])
    r = rrf_fusion(dense, kw)
    assert r[0] == pytest.approx(1 / 61)  # no keyword match: dense contribution only
    assert np.argmax(weighted_fusion(dense, kw, 0.5, keyword_scale=100.0)) == 0


@pytest.mark.model
def test_real_model_commitment_question(real_lib):
    answer = real_lib.search("What did States commit to on child detention?", k=5)
    top = answer.hits[0].record
    assert top.category == "commitment"
    assert top.short_number in {"annex:52", "annex:53"}
    assert not answer.low_confidence


@pytest.mark.model
def test_real_model_off_topic_question_is_low_confidence(real_lib):
    assert real_lib.search("recipe for a chocolate cake with strawberries").low_confidence
    assert not real_lib.search("search and rescue of migrants at sea").low_confidence


@pytest.mark.model
def test_real_model_paraphrase(real_lib):
    hits = real_lib.search("sending money home more cheaply", k=3).hits
    assert "annex:56" in [h.record.short_number for h in hits]


def test_very_common_phrase_is_capped_and_says_how_many(fake_lib, monkeypatch):
    from precedent.search import api

    monkeypatch.setattr(api, "MAX_PHRASE_HITS", 5)
    answer = fake_lib.search('"global compact"', k=2)
    total = sum(1 for r in fake_lib.records
                if r.kind != "footnote" and "global compact" in r.text.lower())
    assert total > 5
    assert len(answer.hits) == 5
    assert answer.message.startswith(f"{total} paragraphs contain the phrase; showing the best 5")
    assert all("global compact" in h.record.text.lower() for h in answer.hits)


def test_an_action_under_a_commitment_answers_after_the_commitments_themselves():
    from precedent.ingest.records import Paragraph
    from precedent.search.ranking import answer_tier

    def rec(kind, category):
        return Paragraph(id="d:annex:1", doc_id="d", symbol="", title="", date="", part="annex",
                         number="1", kind=kind, text="...", citation="", category=category)

    assert answer_tier(rec("paragraph", "commitment")) == 0
    # an answer, shown under its paragraph
    assert answer_tier(rec("subparagraph", "commitment")) == 1
    assert answer_tier(rec("paragraph", "recognition")) == 2



def test_nearest_rows_from_similarities_are_dense_search_rows():
    """The candidates ``nearest_rows`` takes from an exact index are the rows
    ``DenseIndex.search`` finds, ties at the cut included."""
    from precedent.index.segments import DenseIndex
    from precedent.search.snapshot import nearest_rows

    rng = np.random.default_rng(3)
    vecs = rng.standard_normal((700, 16)).astype(np.float32)
    vecs[100:140] = vecs[5]  # forty ties
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = DenseIndex(vecs)
    for q in vecs[[5, 7, 300]]:
        for k in (1, 10, 20, 100, 699, 700, 1000):
            _, rows = index.search(q[None, :], min(k, 700))
            assert set(nearest_rows(index, q, k).tolist()) == set(rows[0].tolist())


def test_a_document_filter_takes_the_symbol_as_negotiators_write_it(fake_lib, tmp_path):
    """--doc A/RES/99/7 (any case or spacing) filters to the document printed with that symbol;
    its doc id still works, and a symbol no document bears is refused as before."""
    path = tmp_path / "lanterns.txt"
    path.write_text("A/RES/99/7\n\n99/7. Lanterns\n\nThe General Assembly,\n\n"
                    "1. Decides that migration lanterns light every harbour.\n", encoding="utf-8")
    doc_id = fake_lib.add(path).doc_id
    for name in ("A/RES/99/7", "a/res/99/7 ", doc_id, ["A/RES/99/7"]):
        answer = fake_lib.search("migration", doc=name)
        assert answer.hits and {h.record.doc_id for h in answer.hits} == {doc_id}, name
        assert answer.filters["doc"] == [doc_id]
    with pytest.raises(FilterError, match="unknown document 'A/RES/99/8'"):
        fake_lib.search("migration", doc="A/RES/99/8")


def test_a_long_question_naming_a_long_title_is_still_a_question():
    """27 words ending with a question mark ask about a document: its intent, thesaurus and the
    document it names are read (a pasted paragraph's are not); 27 words of a paragraph are not a
    question, nor is a question mark after 60 words."""
    asked = parse_query("What does the resolution on the report of the Special Committee on the "
                        "Charter of the United Nations ask that Committee to do at its 2024 "
                        "session?")
    assert len(asked.free_text.split()) == 27 and asked.question
    assert parse_query("What did the Assembly decide on the report of the Special Committee on "
                       "the Charter of the United Nations and on the Strengthening of the Role "
                       "of the Organization?").commitment
    pasted = parse_query("Requests the Special Committee at its session in 2024 to continue its "
                         "consideration of all proposals concerning the question of the "
                         "maintenance of international peace and security in all its aspects")
    assert len(pasted.free_text.split()) > 25 and not pasted.question and not pasted.commitment
    assert not parse_query(" ".join(["word"] * 61) + "?").question


def test_what_an_assembly_asks_of_others_is_asked_as_what_was_agreed():
    """'What did the General Assembly ask/call for/urge ...' asks for operative paragraphs as
    'what did States commit to' does; its topic leaves the Assembly out. A request or a demand
    outside a question ('requests for information') is a topic."""
    for q, topic in [
        ("What did the General Assembly ask the administering Power of Montserrat to do?",
         "administering Power of Montserrat"),
        ("What did the General Assembly call for regarding violence by settlers?",
         "violence by settlers"),
        ("What did the General Assembly decide about an international day against organized "
         "crime?", "an international day against organized crime"),
        ("What has the Assembly urged States to do on landmines?", "landmines"),
    ]:
        parsed = parse_query(q)
        assert parsed.commitment and parsed.topic == topic, q
    for q in ("requests for information", "urgent humanitarian needs", "call centres"):
        assert not parse_query(q).commitment, q


def test_candidates_are_the_same_rows_by_marks_or_by_sorting(fake_lib, monkeypatch):
    """Two ways to the union of the dense and keyword candidates, one for large libraries: the
    same sorted rows."""
    from precedent.search import snapshot as snap

    view = fake_lib.view
    qv = fake_lib._encode(["migrant workers and their families"])[0]
    marked, kw = view.candidates("migrant workers", qv, "hybrid", 20)
    monkeypatch.setattr(snap, "MARK_RECORDS", 0)
    sorted_rows, kw2 = view.candidates("migrant workers", qv, "hybrid", 20)
    assert marked.dtype == sorted_rows.dtype == np.int64
    assert marked.tolist() == sorted_rows.tolist() and len(marked) > 20
    assert (kw == kw2).all()


def test_a_phrase_missing_under_filters_says_so_truthfully(fake_lib):
    """'No paragraph contains "..."; the closest paragraphs follow.' was said under a filter
    that left nothing to follow, of a phrase other documents hold: the statement is about the
    paragraphs the filters pass, and promises nothing that does not follow."""
    answer = fake_lib.search('"no such invented phrase anywhere"', kind="footnote",
                             category="decision")
    assert answer.message.startswith("No paragraph that passes the filters contains")
    assert answer.hits or answer.message.endswith("none is shown.")


def test_a_pasted_paragraph_quoting_a_title_is_searched_as_written(fake_lib):
    """The Compact's para. 5, pasted, quotes "Making migration work for all": it became a strict
    phrase search that showed one paragraph (itself), with no note; without the quotes, eight."""
    from precedent.search.query import QUESTION_WORDS, parse_query

    pasted = ("We acknowledge the report of the Secretary-General entitled \u201cMaking migration "
              "work for all\u201d, and we recall the efforts of States to make migration safe, "
              "orderly and regular for the benefit of all migrants and of the communities that "
              "receive them")
    assert len(pasted.split()) > QUESTION_WORDS
    pq = parse_query(pasted)
    assert pq.phrases == () and "Making migration work for all" in pq.free_text
    assert len(fake_lib.search(pasted, k=8).hits) >= 8
    # a short question that quotes a phrase still asks for the phrase
    assert parse_query('What did States agree on "safe and dignified return"?').phrases == (
        "safe and dignified return",)
    # and so does a long passage quoted whole
    assert parse_query(f'"{pasted}"').phrases == (pasted,)


def test_a_low_confidence_answer_marks_no_paragraph_as_answering(fake_lib):
    """"What did States commit to on the offside rule in football?" said "no paragraph answers
    this well" and, beside it, "commitments on the topic ahead" with two paragraphs
    ``[answer]``: the band of answers is relative to the best match, however poor."""
    answer = fake_lib.search("What did States commit to on the offside rule in football?", k=5)
    assert answer.low_confidence and answer.intent == "commitment"
    assert answer.hits and {h.role for h in answer.hits} == {"context"}
    assert answer.order == "best first"


def test_a_batch_larger_than_the_query_cache_answers_every_query(fake_lib):
    # 2,049 distinct queries in one batch: the cache was trimmed before the batch's vectors were
    # read, and `precedent batch` died with KeyError on the first query.
    from precedent.search import api

    queries = [f"migrant workers {n}" for n in range(api.QUERY_CACHE + 1)]
    result = fake_lib.batch(queries, k=1)
    assert [a.query for a in result] == queries
    assert len(fake_lib._query_cache) <= api.QUERY_CACHE
    again = fake_lib._encode(queries[:3])  # trimmed or not, each query keeps its own vector
    assert np.allclose(again, fake_lib._index.embedder.encode(queries[:3]))


def test_a_footnote_cited_is_shown_and_one_missing_is_said(fake_lib):
    answer = fake_lib.search("Progress Declaration 2026, footnote 2", k=3)
    assert answer.hits[0].record.id == "imrf-2026-progress-declaration:annex:fn2"
    assert answer.message.startswith("The text of footnote 2 of Progress Declaration 2026")
    missing = fake_lib.search("Progress Declaration 2026, footnote 99", k=3)
    assert missing.message.startswith("No footnote 99 of Progress Declaration 2026")
    assert all(h.record.kind != "footnote" for h in missing.hits)


def test_the_quote_to_paste_says_a_draft_and_a_numbering_caution(fake_lib, tmp_path):
    # the page's quote of a paragraph of the 2026 draft read as agreed language, and the quote
    # of one beside a break in its document's numbering lost the answer's caution (an audit)
    rid = "imrf-2026-progress-declaration:annex:53"
    rec = fake_lib.get(rid)
    assert fake_lib.quote(rid) == (f"{rec.citation} (draft, not agreed language):\n"
                                   f"\u201c{rec.text}\u201d")
    path = tmp_path / "A_RES_98_1.txt"
    path.write_text("United Nations A/RES/98/1\n\nGeneral Assembly\n\nResolution adopted by the "
                    "General Assembly on 1 March 2098\n\n98/1. Lighthouses\n\nThe General "
                    "Assembly,\n\n1. Decides to keep the lights on;\n\n2. Requests a report;\n\n"
                    "3. Invites the keepers;\n\n5. Decides to remain seized of the matter.\n",
                    encoding="utf-8")
    fake_lib.add(path)
    quote = fake_lib.quote("a-res-98-1:body:5")
    assert quote.startswith("Check against the document before quoting: A/RES/98/1, para. 5")
    assert quote.endswith("A/RES/98/1, para. 5:\n\u201cDecides to remain seized of the matter."
                          "\u201d")


def test_filtered_answers_say_their_counts_are_of_what_passes_and_never_promise_nothing(fake_lib):
    # under a document filter, "The phrase stands in one document" was said of a phrase other
    # documents hold too; "the closest paragraphs that pass them follow" with none following
    # (an audit)
    from precedent.search.api import phrase_message
    from precedent.search.documents import DocumentCard

    card = DocumentCard("d", "A/RES/80/5", "t", "Doha", "2025-11-01", "adopted")
    assert phrase_message([(card, 1)], 1, 1, filtered=True).startswith(
        "Among the paragraphs that pass the filters, the phrase stands in one document: ")
    assert phrase_message([(card, 1)], 1, 1).startswith("The phrase stands in one document: ")
    answer = fake_lib.search("Progress Declaration 2026 para 52", k=3, year=1999)
    assert not answer.hits and answer.message == (
        "Paragraph 52 of Progress Declaration 2026 (draft) is in the library, but the filters "
        "leave it out; no paragraph that passes them is close.")
