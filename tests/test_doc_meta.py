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
    ("Status of the Convention on the Rights of the Child", "",
     "Convention on the Rights of the Child"),
])
def test_short_name(title, date, name):
    assert short_name(title, date, "X/1") == name


def test_symbol_key_ignores_case_and_spacing():
    from precedent.ingest.doc_meta import symbol_key

    assert symbol_key("A/73/12 (Part II)") == symbol_key("a/73/12(PART  II)") == "A/73/12(PARTII)"
