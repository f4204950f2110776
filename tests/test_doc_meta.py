"""ingest.doc_meta: adopted, draft or issued from the masthead facts; year; short names."""

from __future__ import annotations

import pytest

from precedent.ingest.doc_meta import document_status, short_name, year_of


@pytest.mark.parametrize(("symbol", "distribution", "status"), [
    ("A/RES/73/195", "General", "adopted"),
    ("A/RES/ES-10/21", "", "adopted"),
    ("S/RES/2417 (2018)", "General", "adopted"),
    ("A/DEC/73/555", "General", "adopted"),
    ("A/80/L.4", "Limited", "draft"),
    ("A/C.3/80/L.12/Rev.1", "", "draft"),  # an L. symbol is a draft whatever the distribution line
    ("A/RES/80/3", "Limited", "draft"),  # "Distr.: Limited" says draft
    ("", "", "draft"),  # no symbol: a working text
    ("A/79/590", "General", "issued"),  # a report: published, not negotiated language
])
def test_status(symbol, distribution, status):
    assert document_status(symbol, distribution) == status


def test_year():
    assert (year_of("2018-12-19"), year_of(""), year_of("n.d.")) == ("2018", "", "")


@pytest.mark.parametrize(("title", "date", "name"), [
    ("Progress Declaration of the International Migration Review Forum", "2022-06-07",
     "Progress Declaration 2022"),
    ("Global Compact for Safe, Orderly and Regular Migration", "2018-12-19", "Global Compact"),
    ("New York Declaration for Refugees and Migrants", "2016-09-19", "New York Declaration 2016"),
    ("Transforming our world: the 2030 Agenda for Sustainable Development", "2015-09-25",
     "2030 Agenda"),
    ("Political declaration of the high-level meeting on antimicrobial resistance", "2024-10-07",
     "Political declaration 2024"),
    ("Cooperation between the United Nations and the Organization of American States", "", "X/1"),
    # a resolution about an instrument is never named as the instrument (it was "Convention on
    # the Rights of the Child"; "Implementation of the Declaration on ..." was "Declaration on ...
    # 2023", a follow-up to the Durban Declaration "Durban Declaration 2023")
    ("Status of the Convention on the Rights of the Child", "", "X/1"),
    ("Implementation of the Declaration on the Granting of Independence to Colonial Countries",
     "2023-12-07", "X/1"),
    ("Follow-up to the Declaration and Programme of Action on a Culture of Peace", "2024", "X/1"),
    ("Convention on the Rights of the Child", "1989-11-20",
     "Convention on the Rights of the Child"),
    ("Global Plan of Action to Combat Trafficking in Persons", "2010", "Global Plan of Action"),
    ("2025 Political Declaration on the Implementation of the Global Plan", "2025-11-24",
     "2025 Political Declaration"),
    # never a fragment ("Convention on the Prohibition of the") nor a head that names nothing
    # ("Report", "Question"): a short title whole, else the symbol
    ("Implementation of the Convention on the Prohibition of the Development, Production", "",
     "X/1"),
    ("International Convention for the Protection of All Persons from Enforced Disappearance",
     "", "X/1"),
    ("Report of the International Criminal Court", "2025", "Report of the International Criminal "
     "Court"),
    ("Question of Tokelau", "2023", "Question of Tokelau"),
    ("Necessity of ending the economic, commercial and financial embargo imposed", "", "X/1"),
])
def test_short_name(title, date, name):
    assert short_name(title, date, "X/1") == name


def test_symbol_key_ignores_case_and_spacing():
    from precedent.ingest.doc_meta import symbol_key

    assert symbol_key("A/73/12 (Part II)") == symbol_key("a/73/12(PART  II)") == "A/73/12(PARTII)"


def test_documents_named_reads_a_doc_id_or_a_symbol_and_says_when_several_bear_it():
    """The one rule behind remove, compare --versions, trace and the ``doc`` filter; the callers
    are checked on what they do with several: refuse (remove, versions), take all (filter)."""
    from precedent.ingest.doc_meta import documents_named
    from precedent.search.compare.versions import VersionsError, find_document
    from precedent.search.documents import DocumentCard, doc_ids_named

    symbols = {"a-res-1": "A/RES/1", "a-res-1-docx": "A/RES/1", "a-80-l-4": "A/80/L.4",
               "notes": ""}
    assert documents_named("a-res-1", symbols) == ["a-res-1"]  # a doc id first
    assert documents_named(" a/80/l. 4", symbols) == ["a-80-l-4"]
    assert documents_named("A/RES/1", symbols) == ["a-res-1", "a-res-1-docx"]
    assert documents_named("A/RES/2", symbols) == documents_named("", symbols) == []
    docs = [{"doc_id": d, "symbol": s} for d, s in symbols.items()]
    assert find_document(docs, "a/80/L.4")["doc_id"] == "a-80-l-4"
    assert find_document(docs, "A/RES/2") is None
    with pytest.raises(VersionsError, match="symbol of several documents.*give a doc id"):
        find_document(docs, "A/RES/1")
    cards = {d: DocumentCard(d, s, "", "", "", "") for d, s in symbols.items()}
    assert doc_ids_named(["A/RES/1", "notes", "A/RES/2"], cards) == \
        ["a-res-1", "a-res-1-docx", "notes", "A/RES/2"]
