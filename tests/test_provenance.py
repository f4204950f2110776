"""Provenance over a library of many documents: a formula dozens of resolutions repeat is no
language one of them agreed first (an audit of the 90 documents: "A/RES/78/155 para. 49", a
request on biodiversity, was "agreed in A/RES/78/29, para. 32 (in part)" by "decides to include in
the provisional agenda of its seventy-ninth session, under the item entitled")."""

from __future__ import annotations

from precedent.ingest.records import Paragraph
from precedent.search.documents import DocumentCard
from precedent.search.provenance import ProvenanceIndex

TOPICS = ["coral reefs", "mountain glaciers", "desert locusts", "river deltas", "polar bears",
          "mangrove forests", "alpine lakes", "tidal flats", "cloud forests", "salt marshes",
          "kelp beds", "peat bogs", "sea grasses", "cave systems", "dry forests", "oases",
          "fjords", "atolls", "steppes", "tundras"]
FORMULA = ("Decides to include in the provisional agenda of its seventy-ninth session, under the "
           "item entitled “Sustainable development”, the sub-item entitled “Protection of {}”.")
AGREED = ("Calls upon States to establish monitoring networks for {} that share data on "
          "temperature, salinity and the health of species with scientific bodies of the region.")


def _library(n_docs: int):
    records, cards = [], {}
    for i, topic in enumerate(TOPICS[:n_docs]):
        doc = f"d{i}"
        cards[doc] = DocumentCard(doc, f"A/RES/78/{100 + i}", topic, topic, f"2023-12-{i + 1:02d}",
                                  "adopted")
        # each document's other paragraphs: the formula is rare among paragraphs, as among the
        # 5,815 records of the 90 documents, and common among documents
        texts = [FORMULA.format(topic)] + [f"Notes item {k} of the report on {topic} {k * 7}."
                                           for k in range(40)]
        for n, text in enumerate(texts, 1):
            records.append(Paragraph(f"{doc}:{n}", doc, cards[doc].symbol, topic, "", "",
                                     str(n), "paragraph", text, f"A/RES/78/{100 + i}, para. {n}",
                                     order=len(records)))
    # two of the documents share a sentence of substance besides
    for doc in ("d3", "d7")[:n_docs // 4]:
        records.append(Paragraph(f"{doc}:9", doc, cards[doc].symbol, "", "", "", "9",
                                 "paragraph", AGREED.format("coastal waters"),
                                 f"{cards[doc].symbol}, para. 9", order=len(records)))
    return records, cards


def test_a_formula_many_documents_hold_is_no_provenance_but_agreed_language_is():
    records, cards = _library(20)
    index = ProvenanceIndex(records, cards)
    row = {r.id: i for i, r in enumerate(records)}
    assert index.of(row["d5:1"]) is None  # the formula, in all 20 documents
    prov = index.of(row["d7:9"])
    assert prov is not None and prov.first.record.id == "d3:9"


def test_in_a_library_of_few_documents_shared_language_weighs_in_full():
    # three documents: every one holding a trigram is "few"; the spread weighs nothing down
    records, cards = _library(3)
    index = ProvenanceIndex(records, cards)
    weights = index.weights
    assert all(weights.spread(g, True) == 1.0 for g in weights.doc_df)


def test_a_comma_inside_or_outside_the_closing_quotation_mark_is_one_phrase():
    # A/RES/78/151 para. 14 writes "Development,” 2018–2028", A/RES/78/130 PP13 "Development”,
    # 2018–2028": the runs broke there, and 78/151's paragraph had no provenance (an audit)
    from precedent.search.verbatim import tokenize_words

    inside = tokenize_words("Water for Sustainable Development,\u201d 2018\u20132028, in New York")
    outside = tokenize_words("Water for Sustainable Development\u201d, 2018\u20132028, in New York")
    assert inside.keys == outside.keys and inside.gaps == outside.gaps
    # an opening quotation mark after a comma stays where it is
    opening = tokenize_words("entitled, \u201cWater").gaps
    assert opening != tokenize_words("entitled \u201c,Water").gaps
