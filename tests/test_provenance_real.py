"""Provenance on real texts: pairs of paragraphs that must link and pairs that must not, all
read by hand from the 24-document library (tests/real_library.py).

TUNING pairs set the thresholds of ``search.provenance`` (MIN_SHARED_WEIGHT, MIN_SHARE); HELD_OUT
pairs were labelled by reading before their scores were looked at, and were never used to set
anything (the last block of them was drawn blind: twelve links the old 8-word rule made and the
new rule drops, twelve it keeps, shuffled, labelled, then compared). "A -> B": paragraph A's
provenance cites paragraph B (``ProvenanceIndex.shared``).
"""

from __future__ import annotations

import pytest
from real_library import REAL, by_citation, real_library, skip_without_real

from precedent.ingest.records import Paragraph

pytestmark = skip_without_real

D26 = "Progress Declaration 2026, annex, para. "
TUNING_LINK = [
    # implemented through enhanced ... cooperation
    ("A/RES/73/326, PP5", "A/RES/73/195, annex, para. 42"),
    ("A/RES/76/266, annex, para. 68", "A/RES/73/195, annex, para. 50"),  # regional reviews
    (D26 + "8", "A/RES/73/326, para. 10"),
    # human rights of all migrants
    ("A/RES/80/5, annex, para. 41 (b)", "A/RES/76/266, annex, para. 55"),
    # a draft and its resolution
    ("A/80/L.5, annex, para. 30 (h)", "A/RES/80/5, annex, para. 30 (h)"),
]
TUNING_NO_LINK = [
    ("A/RES/80/3, annex, para. 10", "A/RES/73/195, annex, para. 2"),  # only the UNFCCC's title
    # "in the context of international migration, including by"
    ("A/RES/73/195, annex, para. 29 (b)", "A/RES/76/266, annex, para. 60"),
    # Adopts/Endorses ... as contained in the annex
    ("Progress Declaration 2026, resolution, para. 1",
     "A/RES/76/266, resolution, unnumbered paragraph 1"),
    # the purposes and principles of the Charter
    ("A/RES/80/10, PP1", "A/RES/73/195, annex, para. 1"),
    ("A/80/L.9, para. 28", D26 + "65"),  # the report of the Secretary-General on the
    # the trafficking Protocol's title
    ("A/RES/80/9, annex, para. 23", "A/RES/73/195, annex, para. 26 (a)"),
    ("A/RES/73/326, para. 26 (b) (iii)", "A/RES/76/266, annex, para. 77"),
]
HELD_OUT_LINK = [
    ("A/RES/76/266, annex, para. 60", "A/RES/73/195, annex, para. 26"),  # trafficking commitments
    (D26 + "4", "A/RES/76/266, annex, para. 4"),
    (D26 + "62", "A/RES/76/266, annex, para. 75"),
    (D26 + "42", "A/RES/76/266, annex, para. 55"),
    # drawn blind
    ("A/RES/73/195, annex, para. 50", "A/RES/73/326, para. 10"),
    (D26 + "47", "A/RES/76/266, annex, para. 61"),
    ("A/RES/73/195, annex, para. 36 (a)", D26 + "56"),  # remittances below 3 per cent: missed
    ("A/RES/73/195, annex, para. 51", "A/RES/73/326, para. 11"),
    ("A/RES/80/5, annex, para. 10", "A/RES/80/3, annex, para. 8"),
    (D26 + "11", "A/RES/73/195, annex, para. 15 (j)"),  # the list of stakeholders: missed
    ("A/RES/76/266, annex, para. 57", D26 + "53"),
    ("A/RES/73/326, PP6", D26 + "1"),
    ("A/RES/76/266, annex, para. 77", D26 + "65"),
    ("A/RES/76/266, annex, para. 11", D26 + "22"),
    ("A/RES/80/5, annex, para. 41 (b)", D26 + "42"),
    (D26 + "12", "A/RES/73/195, annex, para. 13"),
    ("A/RES/73/195, annex, para. 15 (f)", D26 + "6"),
    (D26 + "8", "A/RES/76/266, annex, para. 68"),
]
HELD_OUT_NO_LINK = [
    ("A/RES/73/326, para. 23", "A/RES/80/9, annex, para. 2"),  # the 2030 Agenda's title
    ("A/RES/80/3, annex, para. 21", "A/RES/80/9, annex, para. 31"),
    ("A/RES/80/9, annex, para. 15", "A/RES/80/5, annex, para. 30"),  # We reaffirm our commitment to
    ("A/RES/80/6, para. 28", "A/RES/76/266, annex, para. 77"),
    ("A/RES/80/8, para. 1", "A/RES/80/6, PP2"),
    ("A/RES/80/3, annex, para. 7", "A/RES/73/195, annex, para. 2"),  # titles of instruments
    ("A/RES/76/266, annex, para. 1", "A/RES/73/326, PP2"),
    ("A/RES/73/326, para. 9", "A/RES/80/7, para. 5"),
    ("A/RES/73/326, para. 4", "A/RES/73/195, annex, para. 41"),
    ("A/RES/73/195, annex, para. 35 (a)", "A/RES/73/326, PP2"),
    (D26 + "59", "A/RES/76/266, annex, para. 75"),
    (D26 + "41", "A/RES/73/195, annex, para. 50"),
    # drawn blind
    ("A/RES/80/5, annex, para. 1", "A/RES/73/195, annex, para. 18"),
    ("A/RES/73/326, para. 4", "A/RES/73/195, annex, para. 52"),
    ("A/RES/80/5, annex, para. 5", "A/80/L.9, PP2"),
    (D26 + "65", "A/RES/80/6, para. 14"),
    ("A/RES/76/266, annex, para. 77", "A/RES/73/195, annex, para. 54"),
    ("A/RES/80/8, PP9", "A/RES/80/10, PP1"),
    ("A/RES/76/266, annex, para. 2", "A/RES/73/326, para. 4"),
    # the right to privacy and protecting personal
    ("A/RES/73/195, annex, para. 17 (i)", D26 + "45"),
    ("A/RES/73/195, annex, para. 52", "A/RES/80/9, annex, para. 6"),
    ("A/RES/73/195, annex, para. 2", "A/RES/80/3, annex, para. 7"),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return real_library(lambda: tmp_path_factory.mktemp("real-library"))


def links(lib, a: str, b: str) -> bool:
    rec_a, rec_b = by_citation(lib, a), by_citation(lib, b)
    view = lib.view
    shared = view.provenance.shared(view.data.by_id[rec_a.id])
    return view.data.by_id[rec_b.id] in shared


def verdicts(lib, must, must_not):
    missed = [p for p in must if not links(lib, *p)]
    false = [p for p in must_not if links(lib, *p)]
    print(f"linked {len(must) - len(missed)} of {len(must)} that must link; "
          f"{len(false)} of {len(must_not)} that must not")
    return missed, false


def test_tuning_pairs(lib):
    missed, false = verdicts(lib, TUNING_LINK, TUNING_NO_LINK)
    assert not missed and not false


def test_held_out_pairs(lib):
    """Held out: never a false link; at least 85% of the true ones found (17 of 18 since a link
    holds both ways; the miss, inside a long Compact paragraph, errs on the side of saying
    less)."""
    missed, false = verdicts(lib, HELD_OUT_LINK, HELD_OUT_NO_LINK)
    assert not false, false
    assert len(missed) <= 0.15 * len(HELD_OUT_LINK), missed


def test_stock_phrases_weigh_little_and_agreed_language_much(lib):
    from precedent.search.provenance import MIN_SHARED_WEIGHT
    from precedent.search.verbatim import tokenize_words

    weights = lib.view.provenance.weights

    def weigh(text):
        return weights.weigh(text, tokenize_words(text))

    formula = weigh("as contained in the annex to the present resolution")
    connector = weigh("in the context of international migration, including by")
    content = weigh("to ensure that they are not subjected to non-custodial alternatives to "
                    "detention")
    assert sum(formula) < MIN_SHARED_WEIGHT and sum(connector) < MIN_SHARED_WEIGHT
    # (the formula, which many documents hold, weighs less than the connector since documents
    # count too: ``TrigramWeights.spread``)
    assert max(sum(connector) / len(connector), sum(formula) / len(formula)) < (
        sum(content) / len(content))
    name = weigh("the United Nations Framework Convention on Climate Change")
    assert sum(name) < 0.15 * len(name)  # a name counts for little


def test_a_draft_never_repeats_its_resolution_and_comes_before_it(lib):
    rec = by_citation(lib, "A/RES/80/5, annex, para. 30 (h)")
    prov = lib.provenance(rec.id)
    assert prov.first.record.id == rec.id
    assert [e.record.citation for e in prov.drafts] == ["A/80/L.5, annex, para. 30 (h)"]
    assert all(e.document.status == "adopted" for e in prov.repeated)
    text = prov.sentence()
    # the library holds some texts only: "first" is the earliest of them, and says so
    assert text.startswith("first agreed in A/RES/80/5, annex, para. 30 (h) "
                           "(2025, earliest in this library)")
    assert "also in A/80/L.5, annex, para. 30 (h) (draft, 2025)" in text
    assert "repeated in A/80/L.5" not in text
    draft = lib.provenance(by_citation(lib, "A/80/L.5, annex, para. 30 (h)").id)
    assert draft.first.document.symbol == "A/RES/80/5" and not draft.repeated


def test_documents_in_time_an_adopted_text_after_its_draft(lib):
    cards = lib.view.documents
    by_symbol = {c.symbol: c for c in cards.values() if c.symbol}
    pairs = [(c, by_symbol[c.draft_symbol]) for c in cards.values() if c.draft_symbol in by_symbol]
    assert len(pairs) == 9
    for adopted, draft in pairs:
        assert draft.sort_key < adopted.sort_key, (draft.symbol, adopted.symbol)


def test_every_link_is_to_an_older_or_draft_text_and_in_order(lib):
    for row, rec in enumerate(lib.records):
        prov = lib.view.provenance.of(row)
        if prov is None:
            continue
        keys = [e.document.sort_key for e in (prov.first, *prov.repeated) if e is not None]
        assert keys == sorted(keys)
        assert all(e.document.status != "adopted" for e in prov.drafts)
        listed = rec.id in {e.record.id for e in (prov.first, *prov.repeated) if e is not None}
        assert listed == (lib.view.documents[rec.doc_id].status == "adopted")
        assert rec.id not in {e.record.id for e in prov.drafts}


def test_language_agreed_with_other_figures_says_so(lib):
    """The 2026 draft's para. 65 repeats the 2022 Declaration's call for a plenary meeting with
    another year (2029): the wording was agreed in 2022, its figure was not, and the sentence a
    negotiator reads says so. A paragraph repeated with the same figures says nothing more."""
    from precedent.search.provenance import figures

    view = lib.view
    row = view.data.by_id[by_citation(lib, D26 + "65").id]
    prov = view.provenance.of(row)
    echo = next(e for e in prov.echoes() if e.record.symbol == "A/RES/76/266")
    assert figures(by_citation(lib, D26 + "65").text) - figures(echo.record.text)
    assert echo.other_figures and "2022, earliest in this library; its figures differ)" in (
        prov.sentence())
    same = view.provenance.of(view.data.by_id[by_citation(lib, "A/80/L.5, annex, para. 30 (h)").id])
    adopted = next(e for e in same.echoes() if e.record.symbol == "A/RES/80/5")
    assert not adopted.other_figures and "figures" not in same.sentence()
    assert figures("the amount of 994,544,400 dollars for 2024–2025") == {"994,544,400", "2024",
                                                                         "2025"}
    assert figures("the COVID-19 pandemic and the G20") == set()
    assert figures("for 2024-2025") == {"2024", "2025"}


def test_a_text_holding_part_of_the_language_is_said_to_hold_it_in_part(lib):
    """The 2026 draft's para. 53 joins a clause of the Compact's action 29 (h) ("working to end
    the practice of child detention in the context of international migration") to sentences of
    the 2022 Declaration's para. 57 and a new request: each holds a quarter to a third of it, and
    "first agreed in A/RES/73/195, annex, para. 29 (h)" read as if the paragraph had been. A text
    repeating a paragraph whole says nothing more."""
    from precedent.search.provenance import WHOLE

    prov = lib.provenance(by_citation(lib, D26 + "53").id)
    assert all(e.share < WHOLE for e in (prov.first, *prov.repeated))
    assert prov.sentence().startswith(
        "first agreed in A/RES/73/195, annex, para. 29 (h) (in part, 2018, earliest in this "
        "library); later in A/RES/76/266, annex, para. 57 (in part, 2022)")
    whole = lib.provenance(by_citation(lib, "A/80/L.5, annex, para. 30 (h)").id)
    assert "in part" not in whole.sentence()
    for row in range(len(lib.records)):  # "in part" exactly where the share is partial
        found = lib.view.provenance.of(row)
        for e in found.echoes() if found is not None else ():
            partial = e.share < WHOLE or (e.whole_words and e.words < WHOLE * e.whole_words)
            assert ("in part" in e.describe()) == bool(partial)
            # "with changes" where most but not every word stands there, or every word but not
            # in one piece; nothing when the paragraph stands there word for word
            changed = not partial and e.whole_words and (e.words < e.whole_words
                                                         or not e.one_piece)
            assert ("with changes" in e.describe()) == bool(changed)


def test_language_the_assembly_changed_is_not_said_first_agreed_as_is(lib):
    """The draft A/80/L.2 gave the floor to "its Head of State"; A/RES/80/1 adopted "its
    President": the draft's para. 1 (a) was "first agreed in A/RES/80/1, para. 1 (a)" as if the
    Assembly had agreed its words. The same for (c) (the adopted text drops "in person") and
    para. 2 (it drops "by the Head of State"). And (b): every word of the draft's stands in the
    adopted text, which inserts "the meetings of" between them."""
    for number in ("1 (a)", "1 (b)", "1 (c)", "2"):
        prov = lib.provenance(by_citation(lib, f"A/80/L.2, para. {number}").id)
        assert prov.first.record.symbol == "A/RES/80/1"
        assert prov.first.extent in ("with changes", "in part"), prov.sentence()
        assert f"A/RES/80/1, para. {number} ({prov.first.extent}, 2025" in prov.sentence()
    # an adopted text holding the draft's paragraph whole says so with no qualifier
    whole = lib.provenance(by_citation(lib, "A/80/L.5, annex, para. 30 (h)").id)
    assert whole.first.extent == "" and "with changes" not in whole.sentence()


def test_texts_adopted_the_same_day_are_not_ordered():
    """Resolutions adopted the same day (three financing resolutions of 28 June 2024): which came
    first the library cannot know, and the sentence does not say "first"."""
    from precedent.search.documents import DocumentCard
    from precedent.search.provenance import Echo, Provenance

    def echo(symbol, date):
        card = DocumentCard(doc_id=symbol, symbol=symbol, title="t", short_title=symbol,
                            date=date, status="adopted")
        rec = Paragraph(id=f"{symbol}:body:1", doc_id=symbol, symbol=symbol, title="t",
                        date=date, part="", number="1", kind="paragraph", text="x",
                        citation=f"{symbol}, para. 1")
        return Echo(rec, card, 10, 12.0, 1.0)

    a, b, c = (echo("A/RES/78/298", "2024-06-28"), echo("A/RES/78/293", "2024-06-28"),
               echo("A/RES/79/1", "2024-09-22"))
    prov = Provenance(a, (b, c))
    assert prov.same_day == (b,)
    assert prov.sentence() == ("agreed on 28 June 2024 in A/RES/78/298, para. 1 (2024), "
                               "A/RES/78/293, para. 1 (2024) (earliest in this library); "
                               "repeated in A/RES/79/1, para. 1 (2024)")
    assert Provenance(a, (c,)).sentence().startswith("first agreed in A/RES/78/298, para. 1")


def test_a_later_text_holding_the_whole_of_what_the_first_held_in_part_did_not_repeat_it():
    """The 2026 draft's para. 5 was "first agreed in A/RES/73/195, annex, para. 11 (in part,
    2018 ...); repeated in A/RES/76/266, annex, para. 5 (2022)": the Compact holds half of it,
    the 2022 paragraph all of it (an audit: 37 of 152 such paragraphs of the 90 documents)."""
    from precedent.search.documents import DocumentCard
    from precedent.search.provenance import Echo, Provenance

    def echo(symbol, date, share):
        card = DocumentCard(doc_id=symbol, symbol=symbol, title="t", short_title=symbol,
                            date=date, status="adopted")
        rec = Paragraph(id=f"{symbol}:body:1", doc_id=symbol, symbol=symbol, title="t",
                        date=date, part="", number="1", kind="paragraph", text="x",
                        citation=f"{symbol}, para. 1")
        return Echo(rec, card, 10, 12.0, share)

    part, whole, other = (echo("A/RES/73/195", "2018-12-19", 0.48),
                          echo("A/RES/76/266", "2022-06-07", 1.0),
                          echo("A/RES/78/1", "2023-10-01", 0.3))
    assert Provenance(part, (whole, other)).sentence() == (
        "first agreed in A/RES/73/195, para. 1 (in part, 2018, earliest in this library); as a "
        "whole in A/RES/76/266, para. 1 (2022); later in A/RES/78/1, para. 1 (in part, 2023)")
    assert Provenance(whole, (other,)).sentence().endswith(
        "; repeated in A/RES/78/1, para. 1 (in part, 2023)")



def test_a_link_holds_both_ways(lib):
    """A/RES/76/266 para. 54 ends with a sentence of the Compact's para. 33: the Compact's
    paragraph said the 2022 one repeated it, while para. 54, measured against its own greater
    length only, was "first agreed in" 2022 (earliest in this library)."""
    view = lib.view
    prov = view.provenance
    one_way = []
    for row in prov.rows:
        for other in prov.shared(row):
            if row not in prov.shared(other):
                one_way.append((view.records[row].citation, view.records[other].citation))
    assert not one_way, one_way[:5]
    para_54 = view.data.by_id[by_citation(lib, "A/RES/76/266, annex, para. 54").id]
    first = prov.of(para_54).first
    assert first.record.citation == "A/RES/73/195, annex, para. 33" and first.extent == "in part"


def _other_paragraphs(cards: dict, records: list) -> None:
    """Add a document of other paragraphs, so that the words the tested paragraphs share are
    rare in the library, as agreed language is."""
    from precedent.search.documents import DocumentCard

    cards["A/RES/78/1"] = DocumentCard(doc_id="A/RES/78/1", symbol="A/RES/78/1", title="o",
                                       short_title="A/RES/78/1", date="2023-09-01",
                                       status="adopted")
    topics = ("nuclear disarmament", "the law of the sea", "road safety", "desertification",
              "the rights of the child", "financing for development", "outer space")
    for n, topic in enumerate(topics, 1):
        records.append(Paragraph(id=f"A/RES/78/1:body:{n}", doc_id="A/RES/78/1",
                                 symbol="A/RES/78/1", title="o", date="2023-09-01", part="",
                                 number=str(n), kind="paragraph",
                                 text=f"Requests the Secretary-General to report on {topic} at "
                                      f"its next session, number {n};",
                                 citation=f"A/RES/78/1, para. {n}", order=len(records)))


def test_every_word_shared_but_not_in_one_piece_is_language_with_changes():
    """A paragraph whose every word stands in an older one, a word apart, was "first agreed in"
    it with no qualifier: "have been able to overcome" where A/RES/78/138 PP19 says "have not
    been able" (an audit's draft); A/80/L.2 para. 1 (b), to which A/RES/80/1 adds "the meetings
    of". Every word shared is not the language agreed."""
    from precedent.search.documents import DocumentCard
    from precedent.search.provenance import ProvenanceIndex

    older = ("Noting with concern that most developing countries have not been able to overcome "
             "commodity dependence challenges for several decades, despite reforms and efforts,")
    texts = {"A/RES/78/138": ("2023-12-19", "adopted", older),
             "A/79/L.9": ("2024-11-01", "draft", older.replace("have not been", "have been")),
             "A/RES/79/9": ("2024-12-01", "adopted", older)}
    cards, records = {}, []
    for symbol, (date, status, text) in texts.items():
        cards[symbol] = DocumentCard(doc_id=symbol, symbol=symbol, title="t", short_title=symbol,
                                     date=date, status=status)
        records.append(Paragraph(id=f"{symbol}:body:PP19", doc_id=symbol, symbol=symbol,
                                 title="t", date=date, part="", number="PP19",
                                 kind="preambular", text=text, citation=f"{symbol}, PP19",
                                 order=len(records)))
    _other_paragraphs(cards, records)
    index = ProvenanceIndex(records, cards)
    changed = index.of(1)
    assert changed.first.record.symbol == "A/RES/78/138"
    assert changed.first.extent == "with changes", changed.sentence()
    assert changed.sentence().startswith("first agreed in A/RES/78/138, PP19 (with changes, 2023")
    # both ways: the older paragraph says the draft holds its language with changes
    assert [e.extent for e in index.of(0).drafts] == ["with changes"]
    # a paragraph repeated word for word says so with no qualifier
    assert index.of(2).first.extent == "" and index.of(2).repeated[0].extent == ""


def test_figures_of_a_sentence_the_other_leaves_out_do_not_differ(lib):
    """A/RES/80/5 para. 10 repeats the first sentence of A/RES/80/3 para. 8, whose years (2002,
    2008) stand in a sentence it leaves out: "(in part, 2025; its figures differ)" said a figure
    was changed where none was. "in part" says what is left out; figures differ only where the
    two share a stretch and a figure of it is not in the other."""
    for citation, other in (("A/RES/80/3, annex, para. 8", "A/RES/80/5, annex, para. 10"),
                            ("A/RES/73/195, annex, para. 11", "A/RES/76/266, annex, para. 5")):
        prov = lib.provenance(by_citation(lib, citation).id)
        echo = next(e for e in prov.echoes() if e.record.citation == other)
        assert echo.extent == "in part" and not echo.other_figures, prov.sentence()
        assert f"{other} (in part, " in prov.sentence() and "figures differ" not in (
            prov.sentence())


def test_a_paragraph_first_agreed_later_says_which_part_is_older(lib):
    """A/RES/76/266 para. 57 was "first agreed in" itself, 2022, while 14 of its words ("working
    to end the practice of child detention in the context of international migration") stand
    in the Compact's action 29 (h) of 2018, too small a share of either to link them; the 2026
    draft's para. 53, which holds both, said "first agreed in A/RES/73/195 ... 29 (h)". The
    older part is now named beside "first agreed"."""
    from precedent.search.provenance import MIN_SHARED_WEIGHT

    prov = lib.provenance(by_citation(lib, "A/RES/76/266, annex, para. 57").id)
    assert prov.first.record.citation == "A/RES/76/266, annex, para. 57"
    (older,) = prov.older_parts
    assert older.record.citation == "A/RES/73/195, annex, para. 29 (h)"
    assert older.weight >= MIN_SHARED_WEIGHT and older.document.date < prov.first.document.date
    assert prov.sentence().startswith(
        "first agreed in A/RES/76/266, annex, para. 57 (2022, earliest in this library); a part "
        "of it stands in an older text: A/RES/73/195, annex, para. 29 (h) (2018)")
    for row in range(len(lib.records)):  # older parts are adopted texts older than "first"
        found = lib.view.provenance.of(row)
        for e in found.older_parts if found is not None else ():
            assert e.document.status == "adopted"
            assert e.document.sort_key < found.first.document.sort_key
            assert e.record.id not in {x.record.id for x in found.echoes()}


def test_a_phrase_one_paragraph_repeats_is_shared_once():
    """A/RES/78/247 sect. II PP1 recalls "section II of its resolution ..." 13 times; A/RES/78/253
    sect. IV PP1, another list of resolutions, holds the phrase once. Each repetition was counted
    as shared language (65 words, weight 30): the two lists were said to be agreed "in part" in
    each other. A phrase is shared once, however often one paragraph repeats it; and two runs
    meeting on one word ("... at the" / "the High-level ...", A/RES/80/1 para. 1 (b) where its
    draft lacks "the meetings of") still make language "with changes"."""
    from precedent.search.documents import DocumentCard
    from precedent.search.provenance import ProvenanceIndex

    years = range(60, 73)
    repeated = ("Recalling its resolutions " + ", ".join(
        f"section II of its resolution {y}/{200 + y} of {y % 28 + 1} December {1945 + y}"
        for y in years) + ",")
    once = ("Recalling section I of its resolution 68/247 B of 27 December 2013 and section II of "
            "its resolution 74/263 of 27 December 2019 on the programme budget,")
    palestine = ("The State of Palestine may deliver statements by means of videoconference or "
                 "submit a pre-recorded statement at the High-level International Conference for "
                 "the Peaceful Settlement of the Question of Palestine and the Implementation of "
                 "the Two-State Solution;")
    adopted = palestine.replace("at the High-level", "at the meetings of the High-level")
    texts = [("A/RES/78/247", "2023-12-22", "adopted", "preambular", "PP1", repeated),
             ("A/RES/78/253", "2023-12-22", "adopted", "preambular", "PP1", once),
             ("A/80/L.2", "2025-09-01", "draft", "paragraph", "1", palestine),
             ("A/RES/80/1", "2025-09-12", "adopted", "paragraph", "1", adopted)]
    cards, records = {}, []
    for symbol, date, status, kind, number, text in texts:
        cards[symbol] = DocumentCard(doc_id=symbol, symbol=symbol, title="t", short_title=symbol,
                                     date=date, status=status)
        records.append(Paragraph(id=f"{symbol}:body:{number}", doc_id=symbol, symbol=symbol,
                                 title="t", date=date, part="", number=number, kind=kind,
                                 text=text, citation=f"{symbol}, {number}", order=len(records)))
    _other_paragraphs(cards, records)
    index = ProvenanceIndex(records, cards)
    assert index.shared(0) == {} and index.shared(1) == {}
    assert index.of(0) is None and index.of(1) is None
    draft = index.of(2)
    assert draft.first.record.symbol == "A/RES/80/1" and draft.first.extent == "with changes"
    assert [e.extent for e in index.of(3).drafts] == ["with changes"]


def test_citing_the_same_resolution_shares_no_language(lib):
    """The Compact's resolution PP1 and A/RES/73/326 PP1 share "its resolution 71/1 of 19
    September 2016" and nothing else: a reference, not agreed language (an audit found A/RES/78/330
    PP17, a list of resolutions on multilingualism, "first agreed in" A/RES/78/245 para. 4 by the
    four resolutions and dates both cite)."""
    assert not links(lib, "A/RES/73/195, resolution, PP1", "A/RES/73/326, PP1")
    from precedent.search.provenance import reference_only
    from precedent.search.verbatim import tokenize_words

    for ref in ("72/313 of 17 September 2018", "paragraph 40 of its resolution 71/323 of 8",
                "2480 B (XXIII) of 21 December 1968", "72/90 A and B of 7 December 2017"):
        assert reference_only(tokenize_words(ref).keys), ref
    assert not reference_only(tokenize_words("of 19 September 2016, entitled “New York").keys)
    assert not reference_only(tokenize_words("civil 17 September 2018").keys)  # not "c", "i" ...


def test_exports_carry_each_hits_history(lib):
    # the page and --plain say where a paragraph's language was first agreed; a JSON line or CSV
    # row read alone did not (an audit)
    import csv
    import io

    batch = lib.batch(["What did States commit to on child detention?"], k=5)
    hits = [h for h in batch[0].hits if h.provenance is not None]
    assert hits and all(h.to_dict()["history"] == h.provenance.sentence() for h in hits)
    rows = list(csv.DictReader(io.StringIO(batch.to_csv())))
    assert any(r["history"].startswith("first agreed in") for r in rows)


@pytest.mark.skipif(not (REAL / "pdf-78").is_dir(), reason="the 2023 resolutions are absent")
def test_figures_of_a_clause_between_runs_the_other_lacks_do_not_differ(tmp_path):
    """A/RES/78/168 PP29 was "(in part, 2023; its figures differ)" from A/RES/78/165 PP20: both
    say "2019–2028 ... the United Nations Decade of Family Farming ... the 2030 Agenda"; the
    figures only PP29 has ("73/284 of 1 March 2019", "2021–2030") stand in a clause PP20 lacks,
    inside the stretch from their first shared run to a later "as the United Nations Decade"
    matched out of order. A/RES/78/168 PP7 likewise, by the years of reports A/RES/78/155 PP9
    does not cite (an audit: 2 of 4 such notes false). Figures differ where, between runs in
    order in both, each states figures and not the same (the 2026 draft's "2029" for "2024",
    ``test_language_agreed_with_other_figures_says_so``)."""
    from fake_embedder import HashEmbedder

    from precedent.search import Library

    lib = Library.open(tmp_path / "home", embedder=HashEmbedder())
    for name in ("A_RES_78_155.pdf", "A_RES_78_165.pdf", "A_RES_78_168.pdf"):
        lib.add(REAL / "pdf-78" / name)
    for citation, other in (("A/RES/78/168, PP29", "A/RES/78/165, PP20"),
                            ("A/RES/78/168, PP7", "A/RES/78/155, PP9")):
        row = lib.view.data.by_id[by_citation(lib, citation).id]
        echo = next(e for e in lib.view.provenance.shared(row).values()
                    if e.record.citation == other)
        assert not echo.other_figures, (citation, other)
