"""Resolutions of the Security Council, the Human Rights Council and the Economic and Social
Council, read as PDF, DOCX and text: what they are (symbol, date, title, adopted) and their words,
with nothing of their closing lines taken for a paragraph.

Before: the Security Council's symbol ("S/RES/2240 (2015)", four words beside "United Nations")
was not read, so its resolution had no symbol, no date and was called a draft (no agreed language
for ``compare``), titled "Adopted by the Security Council at its 7531st meeting, ..."; the Human
Rights Council's "42nd meeting" was a heading and its "[Adopted without a vote.]" an unnumbered
paragraph under it; an Economic and Social Council title kept its number ("2023/5. ...")."""

from __future__ import annotations

import pytest
from fixtures_councils import (
    DECISION_ADOPTED,
    DECISION_SYMBOL,
    DECISION_TEXT,
    DECISION_TITLE,
    ECOSOC_ADOPTED,
    ECOSOC_PARAGRAPHS,
    ECOSOC_SYMBOL,
    ECOSOC_TITLE,
    HRC_ADOPTED,
    HRC_DRAFT_ISSUED,
    HRC_DRAFT_SYMBOL,
    HRC_PARAGRAPHS,
    HRC_PREAMBLE,
    HRC_SYMBOL,
    HRC_TITLE,
    OUTCOME_ADOPTS,
    OUTCOME_OPENING,
    OUTCOME_PARAGRAPHS,
    OUTCOME_TITLE,
    REPORT_ISSUED,
    REPORT_SECTIONS,
    REPORT_SUMMARY,
    REPORT_SYMBOL,
    REPORT_TITLE,
    SC_ADOPTED,
    SC_PARAGRAPHS,
    SC_PREAMBLE,
    SC_SYMBOL,
    decision_spec,
    economic_and_social_council_spec,
    human_rights_council_draft_spec,
    human_rights_council_spec,
    outcome_document_spec,
    report_spec,
    security_council_spec,
)
from fixtures_sections import FORMATS, load_spec

from precedent.ingest.doc_meta import document_status
from precedent.ingest.records import DocumentInfo
from precedent.ingest.structure import parse_pages
from precedent.ingest.text_patterns import masthead_symbol, parse_date

load = load_spec


def texts(doc) -> list[tuple[str, str]]:
    return [(r.number, r.text) for r in doc.paragraphs]


def expected(preamble: list[str], paragraphs: list[str]) -> list[tuple[str, str]]:
    return ([(f"PP{i}", t) for i, t in enumerate(preamble, start=1)]
            + [(str(i), t) for i, t in enumerate(paragraphs, start=1)])


@pytest.mark.parametrize("fmt", FORMATS)
def test_security_council_resolution(fmt, tmp_path):
    doc = load(security_council_spec(), fmt, tmp_path)
    info = doc.info
    assert info.symbol == SC_SYMBOL
    assert info.date == parse_date(SC_ADOPTED)
    assert info.title == "Resolution 9999 (2099)"
    assert document_status(info.symbol, info.distribution) == "adopted"
    assert texts(doc) == expected(SC_PREAMBLE, SC_PARAGRAPHS)
    assert doc.paragraphs[-1].citation == f"{SC_SYMBOL}, para. 3"


@pytest.mark.parametrize("fmt", FORMATS)
def test_human_rights_council_resolution_closes_with_its_meeting_and_vote(fmt, tmp_path):
    doc = load(human_rights_council_spec(), fmt, tmp_path)
    info = doc.info
    assert (info.symbol, info.title, info.date) == (HRC_SYMBOL, HRC_TITLE,
                                                    parse_date(HRC_ADOPTED))
    assert document_status(info.symbol, info.distribution) == "adopted"
    # the meeting, its date and the vote are no paragraph, no heading, no part of the last one
    assert texts(doc) == expected(HRC_PREAMBLE, HRC_PARAGRAPHS)
    assert all(r.section == () for r in doc.paragraphs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_human_rights_council_draft(fmt, tmp_path):
    """Its title without the number to come ("99/... Protection ..."), dated by its issue (the
    text file ``as_text`` writes has no date)."""
    doc = load(human_rights_council_draft_spec(), fmt, tmp_path)
    info = doc.info
    assert (info.symbol, info.title) == (HRC_DRAFT_SYMBOL, HRC_TITLE)
    assert info.date == ("" if fmt == "txt" else parse_date(HRC_DRAFT_ISSUED))
    assert document_status(info.symbol, info.distribution) == "draft"
    assert texts(doc) == expected(HRC_PREAMBLE, HRC_PARAGRAPHS)


def test_draft_dated_by_its_issue_in_a_text_layer():
    """A PDF's text layer saved as text runs the masthead's lines together, "General Assembly
    Distr.: Limited 4 July 2099" (seven words: a date line is six at most): the date after the
    distribution is the draft's date of issue."""
    text = "\n".join([
        "United Nations ", HRC_DRAFT_SYMBOL, " ", " ", "General Assembly ", "Distr.: Limited ",
        HRC_DRAFT_ISSUED, " ", "Original: English ", " ", "Human Rights Council ",
        "Ninety-ninth session ", "Agenda item 3 ", " ",
        "Albania, Argentina, Mexico: draft resolution",
        " ", f"99/... {HRC_TITLE}", " ", "The Human Rights Council, ", " ", HRC_PREAMBLE[0], " ",
        f"1. {HRC_PARAGRAPHS[0]}", ""])
    info, records = parse_pages([text], DocumentInfo(doc_id="draft", title=""))
    assert (info.symbol, info.title, info.date) == (HRC_DRAFT_SYMBOL, HRC_TITLE,
                                                    parse_date(HRC_DRAFT_ISSUED))
    assert [r.text for r in records] == [HRC_PREAMBLE[0], HRC_PARAGRAPHS[0]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_economic_and_social_council_title_without_its_number(fmt, tmp_path):
    doc = load(economic_and_social_council_spec(), fmt, tmp_path)
    info = doc.info
    assert (info.symbol, info.title, info.date) == (ECOSOC_SYMBOL, ECOSOC_TITLE,
                                                    parse_date(ECOSOC_ADOPTED))
    assert [t for _, t in texts(doc)][1:] == ECOSOC_PARAGRAPHS


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_keeps_its_summary_and_first_heading(fmt, tmp_path):
    """A report of the Secretary-General (no "The General Assembly,"): everything before its
    paragraph 1 was read as the masthead, so its summary was lost, "I. Introduction" was its title
    and paragraphs 1-2 stood under no heading. Its table of contents is none of its words."""
    doc = load(report_spec(), fmt, tmp_path)
    info = doc.info
    assert info.symbol == REPORT_SYMBOL
    assert info.title == REPORT_TITLE
    assert info.date == ("" if fmt == "txt" else parse_date(REPORT_ISSUED))
    assert document_status(info.symbol, info.distribution) == "issued"
    summary = [(r.number, r.text, r.section) for r in doc.paragraphs if r.number.startswith("u")]
    assert summary == [(f"u{i}", t, ("Summary",)) for i, t in enumerate(REPORT_SUMMARY, 1)]
    numbered = [(r.number, r.text, r.section) for r in doc.paragraphs
                if not r.number.startswith("u")]
    want = []
    for heading, paragraphs in REPORT_SECTIONS:
        for number, text, subs in paragraphs:
            want.append((number, text, (heading,)))
            want += [(f"{number} ({'abcdefgh'[k]})", t, (heading,)) for k, t in enumerate(subs)]
    assert numbered == want


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_decision_is_adopted_titled_and_decides(fmt, tmp_path):
    """A decision ("At its 50th plenary meeting, ..., the General Assembly ... decided to ...")
    has no numbered paragraph and no "The General Assembly,": its whole masthead was read as
    body, so it had no symbol, no date, its doc id as title, was called a draft, and its title
    stood as a heading over its paragraph, labelled ``other``."""
    doc = load(decision_spec(), fmt, tmp_path)
    info = doc.info
    assert (info.symbol, info.title, info.date) == (DECISION_SYMBOL, DECISION_TITLE,
                                                    parse_date(DECISION_ADOPTED))
    assert document_status(info.symbol, info.distribution) == "adopted"
    [record] = doc.paragraphs
    assert (record.text, record.section, record.category) == (DECISION_TEXT, (), "decision")


@pytest.mark.parametrize("text, category", [
    ("At its 50th plenary meeting, on 19 December 2023, the General Assembly, on the "
     "recommendation of the Second Committee, decided to include the item.", "decision"),
    ("At its 45th plenary meeting, on 5 December 2023, the General Assembly took note of the "
     "report of the Secretary-General.", "recognition"),
    ("At its 30th meeting, on 2 June 2023, the Economic and Social Council requested the "
     "Secretary-General to report.", "request"),
])
def test_what_a_decision_does(text, category):
    from precedent.ingest.classify import categorize

    assert categorize(text)[0] == category


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_outcome_document_adopted_in_the_body_keeps_its_opening(fmt, tmp_path):
    """"Adopts the following outcome document ...:" introduced the document's title and its
    opening paragraph ("We, the Heads of State ... have decided as follows:") as if they were a
    table the chapeau quotes: both ran into the chapeau, and the opening paragraph was lost
    (the New York Declaration, A/RES/71/1, is printed so)."""
    doc = load(outcome_document_spec(), fmt, tmp_path)
    records = [(r.number, r.text, r.section) for r in doc.paragraphs]
    assert records[0] == ("u1", OUTCOME_ADOPTS, ())
    assert records[1] == ("u2", OUTCOME_OPENING, (OUTCOME_TITLE,))
    assert [(n, t) for n, t, _ in records[2:]] == [(n, t) for _, n, t in OUTCOME_PARAGRAPHS]
    assert [sec[-1] for _, _, sec in records[2:]] == [h for h, _, _ in OUTCOME_PARAGRAPHS]


@pytest.mark.parametrize("line, symbol", [
    ("S/RES/2240 (2015)", "S/RES/2240 (2015)"),
    ("United Nations S/RES/2240 (2015)", "S/RES/2240 (2015)"),
    ("United Nations A/RES/76/266", "A/RES/76/266"),
    ("A/RES/76/266", "A/RES/76/266"),
    ("A/HRC/RES/50/13", "A/HRC/RES/50/13"),
    # a year after any other symbol is not its own ("A/RES/70/1 (2015)" is no symbol of 2015)
    ("A/RES/70/1 (2015)", "A/RES/70/1"),
    ("see resolution A/RES/70/1 of 2015", ""),
])
def test_masthead_symbol(line, symbol):
    assert masthead_symbol(line) == symbol
