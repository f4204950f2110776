"""A paragraph called "strong" shows it: close in meaning to the question, or holding half its
words by rarity. An audit: "Takes note of the report of the Secretary-General;", in eight
resolutions on other subjects, was "strong" for "What was requested of the Secretary-General on
albinism?", by the one word "Secretary-General" and the bonus of an operative paragraph."""

from __future__ import annotations

import pytest

TOPICS = ["fisheries", "lighthouses", "orchards", "bridges", "glaciers", "libraries"]
QUESTION = "What was requested of the Secretary-General on glassbones?"


@pytest.fixture
def boilerplate_lib(fake_lib, tmp_path):
    for n, topic in enumerate(TOPICS, 1):
        path = tmp_path / f"A_RES_99_{n}.txt"
        path.write_text(f"A/RES/99/{n}\n\nQuestion of {topic}\n\nThe General Assembly,\n\n"
                        "1. Takes note of the report of the Secretary-General;\n\n"
                        f"2. Encourages States to protect {topic} and the communities that "
                        f"depend on {topic}.\n", encoding="utf-8")
        fake_lib.add(path)
    path = tmp_path / "A_RES_99_9.txt"
    path.write_text("A/RES/99/9\n\nPersons with glassbones\n\nThe General Assembly,\n\n"
                    "1. Requests the Secretary-General to report on the rights of persons with "
                    "glassbones and their access to care.\n", encoding="utf-8")
    fake_lib.add(path)
    return fake_lib


def test_strong_needs_meaning_or_words(boilerplate_lib, monkeypatch):
    from precedent.search import ranking
    from precedent.search.query import parse_query

    # the fake embedder's cosines run higher than the model's: its scale for "close in meaning"
    monkeypatch.setattr(ranking, "STRONG_DENSE", 0.65)
    answer = boilerplate_lib.search(QUESTION, k=8)
    entries = answer.ranked()
    assert entries[0].hit.record.symbol == "A/RES/99/9" and entries[0].relevance == "strong"
    cover = ranking.coverage_of(parse_query(QUESTION).base_text, boilerplate_lib.view.idf)
    notes = [e for e in entries if e.hit.record.text.startswith("Takes note")]
    assert len(notes) == len(TOPICS)
    for e in notes:
        # scored as strong matches are, but neither close in meaning nor holding the topic
        assert e.score >= ranking.STRONG_SCORE
        assert e.hit.dense < 0.65 and cover(e.hit.record.text) < 0.5
        assert e.relevance == "fair", (e.hit.record.citation, e.relevance)


def test_shows_strong_reads_meaning_or_words():
    from precedent.search.ranking import STRONG_COVER, STRONG_DENSE, shows_strong

    assert shows_strong(STRONG_DENSE, 0.0) and shows_strong(0.0, STRONG_COVER)
    assert not shows_strong(STRONG_DENSE - 0.01, STRONG_COVER - 0.01)
