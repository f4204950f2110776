"""search.evaluate: labels with and without their document, each label counted once."""

from __future__ import annotations

import json

from precedent.search.evaluate import evaluate, label_key, load_labelled, ndcg_at, record_labels


def test_a_record_answers_to_labels_with_and_without_its_document(fake_lib):
    rec = fake_lib.get("imrf-2026-progress-declaration:annex:52")
    labels = record_labels(rec, "Progress Declaration 2026")
    for label in ("annex:52", "imrf-2026-progress-declaration|annex:52",
                  "Progress Declaration 2026 | annex:52",
                  "imrf-2026-progress-declaration:annex:52"):
        assert label_key(label) in labels
    assert label_key("A/RES/73/195|annex:52") not in labels


def test_a_resolution_without_an_annex_answers_to_res_labels():
    from precedent.ingest.records import Paragraph

    rec = Paragraph(id="a-res-73-326:body:4", doc_id="a-res-73-326", symbol="A/RES/73/326",
                    title="", date="",
                    part="", number="4", kind="paragraph", text="Decides ...",
                    citation="A/RES/73/326, para. 4")
    assert label_key("A/RES/73/326|res:4") in record_labels(rec)


def test_each_label_gains_once(fake_lib, tmp_path):
    path = tmp_path / "q.jsonl"
    # "annex:52" labels one paragraph; if two hits answered to it, nDCG could pass 1.
    path.write_text(json.dumps({"id": "q", "type": "topic", "query": "alternatives to detention",
                                "gold": {"annex:52": 2}}) + "\n")
    result = evaluate(fake_lib, load_labelled(path))
    assert 0 < result["table"]["overall"]["ndcg@10"] <= 1.0
    ranked = result["details"][0]["ranked"]
    assert len(ranked) == len(set(ranked))


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg_at(["a", "b", "c"], {"a": 2, "b": 1}) == 1.0
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) < 1.0


def test_a_question_with_nothing_to_find_is_scored_by_its_flag_not_averaged_in(fake_lib, tmp_path):
    """An off-topic question (no gold) has no ranking to score: the overall row is the mean over
    the questions with something to find, and the off-topic row reports only whether its answers
    were flagged low-confidence."""
    on = {"id": "q1", "type": "topic", "query": "alternatives to detention",
          "gold": {"annex:52": 2}}
    off = {"id": "q2", "type": "offtopic", "query": "the rules of cricket", "gold": {}}
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(on) + "\n")
    alone = evaluate(fake_lib, load_labelled(path))["table"]
    path.write_text(json.dumps(on) + "\n" + json.dumps(off) + "\n")
    result = evaluate(fake_lib, load_labelled(path))
    table = result["table"]
    assert table["overall"]["ndcg@10"] == alone["overall"]["ndcg@10"] > 0
    assert table["overall"]["n"] == 1
    assert set(table["offtopic"]) == {"flagged", "n"} and table["offtopic"]["n"] == 1
    answers = fake_lib.batch([on["query"], off["query"]], k=10)
    assert table["offtopic"]["flagged"] == float(answers[1].low_confidence)
    assert table["overall"]["flagged"] == float(answers[0].low_confidence)
    assert "ndcg@10" not in result["details"][1] and "ndcg@10" in result["details"][0]
