"""The four-document library: the Global Compact (A/RES/73/195), A/RES/73/326, the 2022 Progress
Declaration (A/RES/76/266), all as the UN publishes their text layers in ../shared/real-un/text/,
and the shipped 2026 draft. Documents know what they are; answers are grouped by document
oldest first; provenance says where language was first agreed; drafts can be left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from answer_checks import check_answer

from precedent.search.api import MAX_SUBS

SHARED_TEXT = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "text"
TEXTS = ("A_RES_73_195", "A_RES_76_266", "A_RES_73_326")

pytestmark = pytest.mark.skipif(
    not SHARED_TEXT.is_dir(),
    reason="../shared/real-un/text is absent (real UN "
    "documents are beside the checkout on developer machines and in CI only)",
)


def _build(home, embedder=None):
    from precedent.search import Library

    lib = Library.open(home, embedder=embedder)
    for name in TEXTS:
        lib.add(SHARED_TEXT / f"{name}.txt")
    return lib


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from fake_embedder import HashEmbedder

    return _build(tmp_path_factory.mktemp("four-docs"), HashEmbedder())


def _doc(lib, symbol):
    return next(d for d in lib.documents() if d["symbol"] == symbol)


def test_documents_know_what_they_are(lib):
    compact = _doc(lib, "A/RES/73/195")
    assert (compact["status"], compact["year"], compact["short_title"]) == \
        ("adopted", "2018", "Global Compact")
    assert compact["draft_symbol"] == "A/73/L.66"
    assert compact["date"] == "2018-12-19"  # adopted on, not issued on (11 January 2019)
    declaration = _doc(lib, "A/RES/76/266")
    assert (declaration["status"], declaration["year"], declaration["short_title"]) == \
        ("adopted", "2022", "Progress Declaration 2022")
    assert declaration["draft_symbol"] == "A/76/L.58"
    draft = next(d for d in lib.documents() if d["doc_id"] == "imrf-2026-progress-declaration")
    assert (draft["status"], draft["year"]) == ("draft", "2026")


def test_adopted_texts_only_leaves_the_draft_out(lib):
    query = "non-custodial alternatives to detention"
    everything = lib.search(query, k=20)
    assert any(h.document.status == "draft" for h in everything.hits)
    adopted = lib.search(query, k=20, status="adopted")
    assert adopted.hits and all(h.document.status == "adopted" for h in adopted.hits)
    assert "imrf-2026-progress-declaration" not in {h.record.doc_id for h in adopted.hits}


def test_exact_phrase_lists_every_document_oldest_first(lib):
    phrase = "share progress on the implementation of all aspects of the Global Compact"
    answer = lib.search(f'"{phrase}"', k=50)
    holding = [r for r in lib.records
               if r.kind != "footnote" and phrase.lower() in " ".join(r.text.split()).lower()]
    docs = {r.doc_id for r in holding}
    assert len(docs) >= 3
    listed = [card.doc_id for card, _ in answer.documents]
    assert set(listed) == docs
    dates = [card.date for card, _ in answer.documents]
    assert dates == sorted(dates)
    assert sum(n for _, n in answer.documents) == len(holding)
    assert answer.message.startswith(
        f"The phrase stands in {len(docs)} documents, oldest first: Global Compact"
    )
    assert answer.message.endswith(f"{len(holding)} paragraphs in all.")
    # the message lists the documents oldest first; the paragraphs themselves come best first
    check_answer(answer, lib.get)
    assert {h.record.id for h in answer.hits if h.role != "chapeau"} == {r.id for r in holding}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _share_run(a: str, b: str, n: int = 5) -> bool:
    wa, wb = _words(a), _words(b)
    grams = {tuple(wa[i:i + n]) for i in range(len(wa) - n + 1)}
    return any(tuple(wb[i:i + n]) in grams for i in range(len(wb) - n + 1))


def test_provenance_oracle_every_echo_shares_a_run_and_the_first_is_the_oldest_adopted(lib):
    with_prov = 0
    for rec in lib.records:
        if rec.kind == "footnote" or rec.doc_id != "imrf-2026-progress-declaration":
            continue
        prov = lib.provenance(rec.id)
        if prov is None:
            continue
        with_prov += 1
        # a draft is never its own precedent
        assert rec.id not in {e.record.id for e in prov.echoes()}
        for e in prov.echoes():
            assert _share_run(e.record.text, rec.text)
        assert prov.first.document.status == "adopted"
        assert all(e.document.status == "adopted" for e in prov.repeated)
        dates = [e.document.date for e in (prov.first, *prov.repeated)]
        assert dates == sorted(dates)
    assert with_prov >= 10  # the 2026 draft repeats agreed language in many paragraphs


def test_hits_say_where_their_language_was_first_agreed(lib):
    answer = lib.search("We commit to prioritize non-custodial alternatives to detention", k=10)
    dressed = [h for h in answer.hits if h.provenance is not None]
    assert dressed
    text = dressed[0].provenance.sentence()
    assert re.match(r"first agreed in A/RES/\d+/\d+, (annex|resolution), ", text)
    assert "draft" not in text.split("also in")[0]  # drafts never agree nor repeat
    full = answer.to_dict(full=True)["hits"]
    assert any(h["provenance"] and h["provenance"]["text"] == text for h in full)


def test_subparagraphs_stand_under_their_paragraph(lib):
    answer = lib.search("What did States commit to on immigration detention?", k=15)
    check_answer(answer, lib.get)
    compact = [e for e in answer.ranked() if e.document.symbol == "A/RES/73/195"]
    assert compact and any(e.subs for e in compact)
    for entry in compact:
        assert entry.hit.record.kind != "subparagraph"
        for sub in entry.subs:
            assert sub.record.number.startswith(entry.hit.record.number + " (")


def test_one_order_best_first_every_entry_with_its_document(lib):
    answer = lib.search("What did States commit to on immigration detention?", k=15)
    check_answer(answer, lib.get)
    entries = answer.ranked()
    assert all(e.document is not None and e.document.status and e.document.year for e in entries)
    assert len({e.document.doc_id for e in entries}) >= 2
    # the runs of one document (a heading each) hold the entries in the same order
    runs = answer.groups()
    assert [e.rank for g in runs for e in g.entries] == [e.rank for e in entries]
    assert all(a.document.doc_id != b.document.doc_id for a, b in zip(runs, runs[1:]))


def test_alternatives_to_detention_answer_reads_once_per_paragraph(lib):
    """Issue 18's display bug: the Compact's para. 29 shown three times, relevance not monotone,
    the 2022 Declaration missing. Each paragraph once, under one heading; all three documents."""
    answer = lib.search("What did States commit to on alternatives to detention?", k=10)
    check_answer(answer, lib.get)
    heads = [e.hit.record.id for e in answer.ranked()]
    assert heads.count("a-res-73-195:annex:29") == 1
    assert {e.document.doc_id for e in answer.ranked()} >= {"a-res-73-195", "a-res-76-266",
                                                            "imrf-2026-progress-declaration"}


def test_a_question_naming_a_document_finds_it(lib):
    """Issue 18 item 4: the IMRF modalities resolution answers on the forum's round tables."""
    answer = lib.search(
        "What did the General Assembly decide about the round tables of the IMRF?", k=8
    )
    check_answer(answer, lib.get)
    assert "a-res-73-326" in {e.document.doc_id for e in answer.ranked()}


def test_remittances_are_not_crowded_out_by_one_paragraphs_actions(lib):
    answer = lib.search("remittances", k=8)
    check_answer(answer, lib.get)
    assert all(len(e.subs) <= MAX_SUBS for e in answer.ranked())
    assert len({e.document.doc_id for e in answer.ranked()}) >= 2


def test_trace_follows_a_paragraph_through_all_documents(lib):
    from precedent.search.compare import trace

    # para. 23 ("We welcome broader uptake of ... alternatives to detention ..., and that some
    # Member States have taken steps to end child immigration detention, advancing efforts to
    # protect and respect the best interests of the child") repeats a sentence of the 2022
    # Declaration's para. 31; the Compact holds no version of it (its actions on detention share
    # words, not language)
    result = trace(lib, "Progress Declaration 2026, annex, para. 23")
    found = {s.doc_id: s.record for s in result.steps if s.record is not None}
    assert found["a-res-76-266"].number == "31" and "a-res-73-195" not in found
    assert [s.date for s in result.steps] == sorted(s.date for s in result.steps)
    assert result.steps[-1].is_origin
    # para. 52 (alternatives to detention) has its source in the Compact (para. 29) and no
    # version in the 2022 Declaration, whose closest paragraph (57, on migrant children) is not it
    result = trace(lib, "Progress Declaration 2026, annex, para. 52")
    found = {s.doc_id: s.record for s in result.steps if s.record is not None}
    assert found["a-res-73-195"].number == "29" and "a-res-76-266" not in found


@pytest.mark.model
def test_real_model_commitment_question_spans_the_compact_and_the_declarations(tmp_path_factory):
    lib = _build(tmp_path_factory.mktemp("four-docs-real"))
    answer = lib.search("What did States commit to on alternatives to immigration detention?", k=10)
    symbols = {h.record.symbol or h.record.doc_id for h in answer.hits}
    assert {"A/RES/73/195", "A/RES/76/266", "imrf-2026-progress-declaration"} <= symbols
    compact = [h.record.citation for h in answer.hits if h.record.symbol == "A/RES/73/195"]
    # objective 13: detention as a last resort
    assert compact[0].startswith("A/RES/73/195, annex, para. 29")
    assert answer.hits[0].role == "answer"


def test_a_phrase_one_document_holds_says_so(fake_lib):
    # "the answer lists every document holding it": with one document it said nothing (an audit)
    answer = fake_lib.search('"alternatives to detention"')
    holding = [r for r in fake_lib.records if r.kind != "footnote"
               and "alternatives to detention" in " ".join(r.text.split()).lower()]
    assert holding and len({r.doc_id for r in holding}) == 1
    n = len(holding)
    assert answer.message.startswith(
        "The phrase stands in one document: Progress Declaration 2026 (draft): "
        f"{n} paragraph{'s' if n != 1 else ''}.")
