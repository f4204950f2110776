"""Issue 18: one order everywhere, commitments never ahead of the topic, a calibrated confidence."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from answer_checks import check_answer

from precedent.ingest.records import Paragraph
from precedent.search.query import asked_categories, parse_query
from precedent.search.ranking import (
    COMMITMENT_BONUS,
    FAIR_SCORE,
    ON_TOPIC_DEPTH,
    STRONG_SCORE,
    WHOLE_TIER_SCALE,
    answer_confidence,
    answer_heading,
    answer_tier,
    capped,
    commitment_scores,
    confidence_of,
    relevance,
    score_relevance,
)


def _rec(category: str, kind: str = "paragraph") -> Paragraph:
    return Paragraph(id=f"d:annex:{category}", doc_id="d", symbol="", title="", date="",
                     part="annex", number="1", kind=kind, text="x", citation="", category=category,
                     categories=(category,))


def test_an_off_topic_commitment_never_passes_an_on_topic_finding():
    # finding on topic, commitment off, commitment near
    fused = np.array([0.60, 0.35, 0.55], dtype=np.float32)
    recs = [_rec("recognition"), _rec("commitment"), _rec("commitment")]
    scores = commitment_scores(fused, recs)
    order = list(np.argsort(-scores, kind="stable"))
    assert order.index(0) < order.index(1)  # the off-topic commitment stays below the finding
    assert order[0] == 2  # a commitment as much on the topic as the finding goes first
    assert scores[2] == pytest.approx(0.55 + COMMITMENT_BONUS)
    assert scores[1] == pytest.approx(0.35)


def test_when_no_first_hit_commits_the_best_commitment_on_the_topic_comes_first():
    """Twenty findings on the topic (a whole resolution on it) above every commitment: the best
    commitment within the on-topic band takes the bonus and opens the answer; one outside the
    band never does, and when a first hit commits nothing below it is brought in."""
    findings = [0.85 - 0.005 * i for i in range(20)]
    fused = np.array(findings + [0.70, 0.69, 0.40], dtype=np.float32)
    recs = [_rec("recognition")] * 20 + [_rec("commitment")] * 3
    order = list(np.argsort(-commitment_scores(fused, recs), kind="stable"))
    assert order[0] == 20  # the best commitment on the topic (0.70 >= 0.8 x 0.85)
    assert order.index(21) > 10 and order[-1] == 22  # the next one is not moved; off-topic never
    far = np.array(findings + [0.60], dtype=np.float32)  # below 0.8 x 0.85: off the topic
    order = list(np.argsort(-commitment_scores(far, [_rec("recognition")] * 20
                                               + [_rec("commitment")]), kind="stable"))
    assert order[-1] == 20
    one = fused.copy()
    one[5] = 0.80  # a first hit commits: the rule of the first ten alone
    recs[5] = _rec("commitment")
    order = list(np.argsort(-commitment_scores(one, recs), kind="stable"))
    assert order[0] == 5 and order.index(20) > 10


def test_the_verb_of_a_question_names_the_paragraphs_that_answer_it():
    """ "What did the General Assembly call for ..." is answered by its calls ("Calls upon States
    ..."), "... decide ..." by its decisions, "... ask X to do" by its requests and calls; a
    preambular paragraph never answers, and "commit" or "agree" asks for no one category."""
    assert asked_categories("What did the General Assembly call for on X?") == {"encouragement"}
    assert asked_categories("What did the Assembly urge or demand of Israel?") == {"encouragement"}
    assert asked_categories("What did the General Assembly decide about X?") == {"decision"}
    assert asked_categories("What did it ask the administering Power to do?") == {
        "request", "encouragement"}
    assert asked_categories("What did States commit to on X?") == frozenset()
    assert parse_query("What did the General Assembly call for on nuclear risk?").asked == {
        "encouragement"}
    assert parse_query("What did States agree on return?").asked == frozenset()
    assert parse_query("call for papers on nuclear risk").asked == frozenset()  # no question
    call = _rec("encouragement")
    assert answer_tier(call) == 2 and answer_tier(call, frozenset({"encouragement"})) == 0
    calling = _rec("encouragement", kind="preambular")
    assert answer_tier(calling, frozenset({"encouragement"})) == 2
    assert answer_tier(_rec("decision"), frozenset({"encouragement"})) == 1  # still a decision


def test_a_call_in_the_states_own_voice_answers_what_they_agreed():
    """ "We call for ..." in a declaration is what the States agreed to call for: it answers
    "What did States commit to ..." as a request does; the Assembly's "Encourages Member States"
    does only when the question asks for calls."""
    ours = Paragraph(id="d:annex:28(e)", doc_id="d", symbol="", title="", date="", part="annex",
                     number="28 (e)", kind="subparagraph", citation="", category="encouragement",
                     categories=("encouragement",),
                     text="We call for effective partnerships among the public sector")
    theirs = Paragraph(id="d:body:3", doc_id="d", symbol="", title="", date="", part="",
                       number="3", kind="paragraph", citation="", category="encouragement",
                       categories=("encouragement",), text="Encourages Member States to act")
    assert answer_tier(ours) == 1
    assert answer_tier(theirs) == 2
    assert answer_tier(theirs, frozenset({"encouragement"})) == 0


def test_a_question_about_one_document_lets_each_of_its_paragraphs_take_the_bonus():
    """Asked about one resolution as a whole, each of its paragraphs is on the topic, not only
    the first ten or those within 0.8 of the best score: its findings filled the first places
    above what it asked of States. Another document's paragraphs take no bonus."""
    n = ON_TOPIC_DEPTH + 3
    fused = np.array([1.9 - 0.05 * i for i in range(n)] + [0.6], dtype=np.float32)
    fused[-2] = 1.45  # what the document asks, few of the question's words: below 0.8 x 1.9
    recs = [_rec("recognition")] * (n + 1)
    recs[0] = _rec("commitment")  # a first hit commits: deeper ones are left where they are
    recs[ON_TOPIC_DEPTH] = recs[-2] = recs[-1] = _rec("encouragement")
    asked = frozenset({"encouragement"})
    tiers = np.array([answer_tier(r, asked) for r in recs])
    capped = commitment_scores(fused, tiers=tiers)
    assert list(np.argsort(-capped, kind="stable"))[1:3] == [1, 2]
    assert capped[n - 1] == pytest.approx(1.45)  # out of the band and the first ten: nothing
    band = np.array([True] * n + [False])  # the named document's candidates
    whole = commitment_scores(fused, tiers=tiers, depth=None, band=band)
    order = list(np.argsort(-whole, kind="stable"))
    assert whole[n - 1] == pytest.approx(1.45 + COMMITMENT_BONUS)
    assert order[0] == 0 and order.index(ON_TOPIC_DEPTH) < order.index(7)  # 1.4 + 0.2 > 1.55
    assert order.index(n - 1) < order.index(6)  # 1.45 + 0.2 > 1.6
    assert whole[-1] == pytest.approx(0.6)  # the other document's call takes nothing
    # with the whole-document scale its answers come before all its findings
    scaled = commitment_scores(fused, tiers=tiers, depth=None, band=band, scale=WHOLE_TIER_SCALE)
    first = list(np.argsort(-scaled, kind="stable"))[:3]
    assert set(first) == {0, ON_TOPIC_DEPTH, n - 1} and scaled[-1] == pytest.approx(0.6)


class _Hit:
    def __init__(self, dense, text):
        self.dense = dense
        self.record = type("R", (), {"text": text})()


class _Q:
    base_text = "tariffs on steel imports"


def test_confidence_is_low_without_meaning_or_words_and_rises_with_either():
    low = answer_confidence(_Q(), [_Hit(0.30, "trade measures")], "hybrid")
    assert low.low and low.confidence < 0.5
    near = answer_confidence(_Q(), [_Hit(0.70, "trade measures")], "hybrid")
    assert not near.low and near.confidence > 0.9
    words = answer_confidence(_Q(), [_Hit(0.30, "tariffs on imports of steel")], "hybrid")
    assert not words.low and words.confidence >= 0.5
    assert (relevance(0.7, 0.0) == "strong" and relevance(0.5, 0.0) == "fair"
            and relevance(0.2, 0.1) == "weak")


class _Named:
    base_text = "Global Compact on return"


def test_words_naming_a_document_do_not_count_against_its_paragraphs():
    """"Global Compact on return" was flagged low-confidence (0.02) over the Compact's paragraph
    on return, which holds "return" but not the document's name."""
    para = _Hit(0.30, "We commit to facilitate and cooperate for safe and dignified return")
    assert answer_confidence(_Named(), [para], "hybrid").low
    named = confidence_of(_Named(), [para.record.text], [para.dense], "hybrid", also="on return")
    assert not named.low and named.confidence >= 0.5
    # the words left must still be held: "cricket" is not
    off = confidence_of(_Named(), [para.record.text], [para.dense], "hybrid", also="on cricket")
    assert off.low


def test_one_order_in_the_api_the_entries_json_and_csv(fake_lib):
    result = fake_lib.batch(["What did States commit to on child detention?", "remittances"], k=8)
    for answer in result:
        check_answer(answer, fake_lib.get)
        ids = [h.record.id for h in answer.hits]
        assert [h["id"] for h in answer.to_dict(full=True)["hits"]] == ids
        assert [e["rank"] for e in answer.to_dict(full=True)["entries"]] == \
            [e.rank for e in answer.ranked()]
        assert answer.order.startswith("best first") and answer.confidence is not None
        assert all(h.relevance in ("strong", "fair", "weak") for h in answer.hits)
        assert sum(1 for h in answer.hits if h.role != "chapeau") == 8  # k counts the matches
    rows = list(csv.DictReader(io.StringIO(result.to_csv())))
    assert [r["id"] for r in rows] == [h.record.id for a in result for h in a.hits]
    assert [int(r["rank"]) for r in rows] == [h.rank for a in result for h in a.hits]
    assert all(r["relevance"] for r in rows)


def test_relevance_follows_the_score_and_never_rises():
    assert score_relevance(STRONG_SCORE) == "strong" and score_relevance(FAIR_SCORE) == "fair"
    assert (score_relevance(FAIR_SCORE - 0.01) == "weak"
            and score_relevance(0.99, low=True) == "weak")
    assert (capped("strong", "fair") == "fair" and capped("weak", "strong") == "weak"
            and capped("fair", None) == "fair")


def test_entries_from_a_ranking_each_paragraph_once_at_its_best_rank():
    from precedent.search.grouping import plan_entries

    def rec(number, parent=""):
        return Paragraph(id=f"d:annex:{number}", doc_id="d", symbol="", title="", date="",
                         part="annex", number=number,
                         kind="subparagraph" if parent else "paragraph", text="x", citation="",
                         category="commitment", categories=(), parent=parent)

    p29, a, b, p30, p31 = (rec("29"), rec("29 (a)", "d:annex:29"), rec("29 (b)", "d:annex:29"),
                           rec("30"), rec("31"))
    by_id = {r.id: r for r in (p29, a, b, p30, p31)}
    ranked = [a, p30, b, p29, p31]  # an action first, its paragraph fourth
    slots = plan_entries(ranked, [0.9, 0.8, 0.7, 0.6, 0.5], by_id.get, k=4)
    assert [s.head.id for s in slots] == ["d:annex:29", "d:annex:30"]
    assert slots[0].head_at == 3 and slots[0].subs == [0, 2] and slots[0].score == 0.9
    assert [s.score for s in slots] == [0.9, 0.8]
    # only three matches: the paragraph never reached is shown as its action's chapeau
    slots = plan_entries(ranked, [0.9, 0.8, 0.7, 0.6, 0.5], by_id.get, k=3)
    assert slots[0].head_at is None and slots[0].subs == [0, 2]
    # a citation shows what it names: an action alone when its paragraph was not cited
    slots = plan_entries([b], [1.0], by_id.get, k=1, chapeaux=False)
    assert [s.head.id for s in slots] == ["d:annex:29 (b)"] and slots[0].subs == []


def test_sub_paragraphs_beyond_the_limit_are_named_not_shown():
    from precedent.search.grouping import plan_entries
    from precedent.search.results import Entry, Hit

    def rec(number, parent=""):
        return Paragraph(id=f"d:annex:{number}", doc_id="d", symbol="", title="", date="",
                         part="annex", number=number,
                         kind="subparagraph" if parent else "paragraph", text="x", citation="",
                         category="commitment", categories=(), parent=parent)

    p36 = rec("36")
    subs = [rec(f"36 ({c})", p36.id) for c in "abcdefg"]
    p37 = rec("37")
    by_id = {r.id: r for r in (p36, p37, *subs)}
    ranked = [subs[0], subs[1], subs[2], subs[3], p37, subs[4], subs[5], subs[6]]
    scores = [0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55]
    slots = plan_entries(ranked, scores, by_id.get, k=5, max_subs=3)
    assert [s.head.id for s in slots] == ["d:annex:36", "d:annex:37"]
    assert slots[0].subs == [0, 1, 2]  # three shown
    # the further matching ones that rank before the k-th match, named
    assert slots[0].more == [3, 5, 6, 7]
    entry = Entry(Hit(p36, 0.9), tuple(Hit(subs[i], scores[i]) for i in slots[0].subs), 1, 0.9,
                  "strong", tuple(ranked[at] for at in slots[0].more))
    assert entry.more_note == "Also matching under para. 36: (d), (e), (f), (g)"
    slots = plan_entries(ranked, scores, by_id.get, k=10, max_subs=None)
    assert slots[0].subs == [0, 1, 2, 3, 5, 6, 7] and slots[0].more == []


def test_off_topic_question_is_flagged_with_the_fake_embedder(fake_lib):
    answer = fake_lib.search("how do I bake sourdough bread")
    assert answer.low_confidence and answer.confidence < 0.5
    assert answer.message.startswith("Low confidence (")


@pytest.mark.model
def test_real_model_finding_on_the_topic_stands_above_off_topic_commitments(real_lib):
    answer = real_lib.search("What did States commit to on alternatives to detention?", k=8)
    numbers = [h.record.number for h in answer.hits]
    assert numbers[0] == "52"  # the commitment on the topic
    for off_topic in ("51", "48", "46"):  # violence against women, return, trafficking
        if off_topic in numbers:
            assert numbers.index("23") < numbers.index(off_topic)
    assert all(h.role == "context" for h in answer.hits if h.record.number in {"51", "48", "46"})


@pytest.mark.model
@pytest.mark.parametrize("query", ["nuclear disarmament verification", "the rules of cricket",
                                   "recipe for a chocolate cake with strawberries"])
def test_real_model_off_topic_questions_are_flagged(real_lib, query):
    assert real_lib.search(query).low_confidence


@pytest.mark.model
@pytest.mark.parametrize("query", ["What did States commit to on child detention?", "remittances",
                                   "sending money home more cheaply",
                                   "search and rescue of migrants at sea"])
def test_real_model_on_topic_questions_are_not_flagged(real_lib, query):
    answer = real_lib.search(query)
    assert not answer.low_confidence and answer.confidence >= 0.5


def test_objective_filter_lists_titles():
    from precedent.ui.render import objective_label

    assert objective_label(
        13, "Use immigration detention only as a measure of last resort and work towards "
        "alternatives").startswith("Objective 13: Use immigration detention")
    assert len(objective_label(13, "x" * 200)) <= 70
    assert objective_label(4, "") == "Objective 4"


def test_the_fused_dense_side_mixes_the_whole_paragraph_and_its_best_part(fake_lib):
    from precedent.search.api import DENSE_WEIGHT, WHOLE_SHARE

    assert fake_lib.dense_weight == DENSE_WEIGHT and fake_lib.whole_share == WHOLE_SHARE
    view = fake_lib.view
    qv = fake_lib._encode(["detention of children"])[0]
    rows = np.arange(len(view.records))
    dense = view.dense_scores(rows, qv)  # the even mean of whole and best part
    whole = view.data.vectors[rows] @ qv
    best = 2 * dense - whole
    assert (best >= whole - 1e-5).all()
    side = fake_lib._dense_side(view, rows, qv, dense)
    assert np.allclose(side, WHOLE_SHARE * whole + (1 - WHOLE_SHARE) * best, atol=1e-5)
    fake_lib.whole_share = 0.5
    assert fake_lib._dense_side(view, rows, qv, dense) is dense
    fake_lib.whole_share = 1.0
    assert np.allclose(fake_lib._dense_side(view, rows, qv, dense), whole, atol=1e-5)


def test_hits_keep_the_even_dense_mean_the_confidence_is_fitted_on(fake_lib):
    from precedent.search.query import parse_query

    answer = fake_lib.search("remittances", k=3)
    view = fake_lib.view
    qv = fake_lib._encode([parse_query("remittances").retrieval_text])[0]
    for h in answer.hits:
        if h.role == "chapeau":
            continue
        row = view.data.by_id[h.record.id]
        assert h.dense == pytest.approx(float(view.dense_scores(np.asarray([row]), qv)[0]),
                                        abs=1e-5)


def test_a_question_naming_a_document_leans_on_its_keyword_search(fake_lib, monkeypatch):
    import precedent.search.api as api
    from precedent.search.mentions import Mention

    weights = []
    fuse = api.FUSIONS["weighted"]

    def spy(dense, kw, weight, scale):
        weights.append(weight)
        return fuse(dense, kw, weight, scale)

    monkeypatch.setitem(api.FUSIONS, "weighted", spy)
    fake_lib.search("remittances and their costs", k=3)
    assert weights[-1] == api.DENSE_WEIGHT
    named = Mention(frozenset({"imrf-2026-progress-declaration"}), ("progress", "declar"), 3.0)
    monkeypatch.setattr(fake_lib, "_mention", lambda view, pq: named)
    fake_lib.search("remittances in the Progress Declaration", k=3)
    assert weights[-1] == api.MENTION_DENSE_WEIGHT < api.DENSE_WEIGHT
    # the naming words are searched as keywords too: the usual weight
    fake_lib.mention_strip = False
    fake_lib.search("remittances in the Progress Declaration", k=3)
    assert weights[-1] == api.DENSE_WEIGHT


def test_a_query_s_cosines_are_made_once_and_read_by_every_score(fake_lib, monkeypatch):
    """Over exact indexes the question's cosine with every paragraph and part is one pair of
    products (``IndexSnapshot.cosines``); the candidates' scores read them and equal the scores
    of the gathered rows. With an approximate part, the rows are gathered as before."""
    from precedent.index.segments import DenseIndex

    view = fake_lib.view
    qv = fake_lib._encode(["detention of children"])[0]
    rows = np.arange(len(view.records))
    whole, parts, dense = view.cosines(qv)
    assert whole.shape == (len(view.records),) and parts.shape == (len(view.data.sentence_rows),)
    assert dense.shape == whole.shape
    assert view.cosines(qv)[0] is whole  # made once
    gathered = view.data.vectors[rows] @ qv
    assert np.allclose(view.whole_scores(rows, qv), gathered, atol=1e-6)
    from_cosines = view.dense_scores(rows, qv)
    # every paragraph's score, made in one pass over the parts' cosines, is bit for bit the
    # candidates' best part taken from the same products one candidate at a time
    some = rows[::3]
    for row, score in zip(some, view.dense_scores(some, qv)):
        start, end = view.part_range[row]
        best = max(whole[row], parts[start:end].max()) if end > start else whole[row]
        assert score == np.float32(0.5) * whole[row] + np.float32(0.5) * best
    moved = (qv + view.data.vectors[0]) / np.linalg.norm(qv + view.data.vectors[0])
    moved_scores = view.dense_scores(rows, moved)
    assert view.cosines(moved, make=False) is None  # scoring another vector made no products
    moved_whole = view.data.vectors[rows] @ moved
    assert np.allclose(view.whole_scores(rows, moved), moved_whole, atol=1e-6)
    assert (2 * moved_scores - moved_whole >= moved_whole - 1e-5).all()  # best part >= whole
    monkeypatch.setattr(view.data, "dense", DenseIndex(view.data.vectors, [(None, 0, 0, None)]))
    view._cosines.clear()
    assert view.cosines(qv) is None
    assert np.allclose(view.dense_scores(rows, qv), from_cosines, atol=1e-6)
    assert np.allclose(view.whole_scores(rows, qv), gathered, atol=1e-6)


def test_the_answers_are_named_for_what_they_are():
    """A call or a request answering "what did the Assembly call for" is not called a
    commitment: the heading names the kinds the answers are."""
    assert answer_heading([_rec("commitment"), _rec("commitment", "subparagraph")]) == (
        "Commitments")
    assert answer_heading([_rec("encouragement"), _rec("request")]) == "Requests and calls"
    assert answer_heading([_rec("decision"), _rec("request"), _rec("encouragement"),
                           _rec("commitment")]) == "Commitments, decisions, requests and calls"
    welcomes_and_calls = Paragraph(
        id="d:body:2", doc_id="d", symbol="", title="", date="", part="", number="2",
        kind="paragraph", text="Also welcomes ..., and calls upon all States ...", citation="",
        category="recognition", categories=("recognition", "encouragement"))
    assert answer_heading([welcomes_and_calls]) == "Calls"


@pytest.mark.parametrize("question", ["What did States commit to on child detention?",
                                      "remittances", "the rules of cricket",
                                      "sending money home more cheaply"])
def test_confidence_and_relevance_do_not_change_with_the_number_of_results(fake_lib, question):
    """With --k 3 an answer was "Low confidence (0.10)", its first paragraph weak; the same
    question with --k 10 was confident (0.92), the same paragraph strong."""
    answers = [fake_lib.search(question, k=k) for k in (1, 3, 10, 25)]
    assert len({(a.low_confidence, a.confidence) for a in answers}) == 1
    assert len({(a.hits[0].record.id, a.hits[0].relevance) for a in answers}) == 1


def test_a_preambular_paragraph_never_answers_as_a_commitment():
    """"What did States commit to on chemical weapons?" showed A/RES/78/29 PP2, "Determined to
    achieve the effective prohibition ...", first, as "(commitment) [answer]" under
    "commitments on the topic ahead": a preamble gives reasons, it commits to nothing."""
    assert answer_tier(_rec("commitment", "preambular")) == answer_tier(_rec("recognition")) == 2
    assert answer_tier(_rec("decision", "preambular"), frozenset({"decision"})) == 2
    assert answer_tier(_rec("commitment")) == 0
    assert answer_tier(_rec("decision"), frozenset({"decision"})) == 0


def test_the_headline_says_commitments_are_ahead_only_when_one_leads(fake_lib):
    """"What did we agree on climate change and migration?" led with a finding ([context]) under
    the headline "commitments on the topic ahead"."""
    answer = fake_lib.search("What did States commit to on return?", k=10)
    entries = answer.ranked()
    answers = [e for e in entries if any(h.role == "answer" for h in e.hits)]
    context = [e for e in entries if not any(h.role == "answer" for h in e.hits)]
    assert answers and context
    answer.entries = [answers[0], context[0]]
    answer.hits = [h for e in answer.entries for h in e.hits]
    assert "on the topic ahead" in answer.order
    answer.entries = [context[0], answers[0]]
    answer.hits = [h for e in answer.entries for h in e.hits]
    assert "ahead" not in answer.order and "after closer context" in answer.order


def test_answers_only_drafts_hold_are_said_to_be_in_drafts():
    """The 2026 draft's para. 53 led a child detention answer headed "Commitments" and
    "commitments on the topic ahead": a draft's "We commit to ..." is not agreed."""
    from types import SimpleNamespace as NS

    from precedent.search.results import in_drafts

    def hit(role, status):
        return NS(role=role, document=NS(status=status))

    assert in_drafts([hit("answer", "adopted"), hit("context", "draft")]) == ""
    assert in_drafts([hit("answer", "adopted"), hit("answer", "draft")]) == (
        "some in drafts, not agreed")
    assert in_drafts([hit("answer", "draft"), hit("context", "adopted")]) == (
        "all in drafts, not agreed")
    # a report of the Secretary-General is not negotiated at all, and is no draft either
    assert in_drafts([hit("answer", "issued"), hit("answer", "draft"),
                      hit("answer", "adopted")]) == "some in texts not adopted, not agreed"
