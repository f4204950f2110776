"""Documents a question names, read from the library's titles (issue 18, item 4)."""

from __future__ import annotations

from precedent.search.documents import DocumentCard
from precedent.search.mentions import TitleIndex


def _card(doc_id, title, short, date, symbol="", status="adopted"):
    return DocumentCard(doc_id=doc_id, symbol=symbol, title=title, short_title=short, date=date,
                        status=status)


CARDS = {c.doc_id: c for c in (
    _card("gcm", "Global Compact for Safe, Orderly and Regular Migration", "Global Compact",
          "2018-12-19"),
    _card("imrf", "Format and organizational aspects of the international migration review forums",
          "IMRF modalities resolution", "2019-07-19"),
    _card("doha", "Doha Political Declaration of the World Social Summit under the title the "
                  "Second World Summit for Social Development", "Doha Political Declaration 2025",
          "2025-11-04"),
    _card("doha-draft", "Doha Political Declaration of the World Social Summit under the title "
                        "the Second World Summit for Social Development",
          "Doha Political Declaration 2025", "", status="draft"),
    _card("tip", "2025 Political Declaration on the Implementation of the United Nations Global "
                 "Plan of Action to Combat Trafficking in Persons", "2025 Political Declaration",
          "2025-11-24"),
    _card("olympic", "Building a peaceful and better world through sport and the Olympic ideal",
          "Olympic ideal", "2025-11-19"),
)}


def test_a_run_of_title_words_names_the_document_and_its_draft():
    titles = TitleIndex(CARDS)
    m = titles.mention("universal health coverage in the Doha Political Declaration")
    assert m.doc_ids == {"doha", "doha-draft"} and set(m.words) >= {"doha", "polit", "declar"}
    m = titles.mention("the role of UNODC under the 2025 trafficking declaration")
    assert m.doc_ids == {"tip"}
    m = titles.mention("at the Second World Summit for Social Development on gender equality")
    assert m.doc_ids == {"doha", "doha-draft"}


def test_one_word_names_a_document_only_when_no_other_title_and_few_paragraphs_hold_it():
    titles = TitleIndex(CARDS)
    assert titles.mention("round tables of the IMRF",
                          rare=lambda t: t == "imrf").doc_ids == {"imrf"}
    # a word many paragraphs use names nothing
    assert titles.mention("round tables of the IMRF") is None
    assert titles.mention("can sports help stop wars", rare=lambda t: False) is None


def test_words_that_name_no_document():
    titles = TitleIndex(CARDS)
    assert titles.mention("child detention") is None
    assert titles.mention("What did States commit to on alternatives to detention?") is None
