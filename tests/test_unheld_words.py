"""An answer says which of the question's words no paragraph of the library holds: "What
anti-doping rules ... Winter Olympics?" was answered at 0.98 from the Olympic Truce resolution,
with nothing to show that the library holds nothing on doping."""

from __future__ import annotations

import re

import pytest
from real_library import real_library, skip_without_real

from precedent.search.query import unheld_note, unheld_words


def test_the_words_no_paragraph_holds_as_typed():
    held = {"olymp", "athlet", "rule", "winter", "general", "assembl", "set", "truce", "anti"}

    def df(stem):
        return 1 if stem in held else 0

    q = "What anti-doping rules did the General Assembly set for athletes at the Winter Olympics?"
    assert unheld_words(q, df) == ("anti-doping",)
    # stop words, framing words, short words, contractions and numbers are never listed
    assert unheld_words("Did they really say anything about it? I don't know, 2026", df) == ()
    # an everyday word the thesaurus reads as the texts' own terms was searched as those
    assert unheld_words("locking up kids", df) == ()
    assert unheld_note(("cricket",)) == "No paragraph of the library holds \u201ccricket\u201d."
    assert unheld_note(("FIFA", "Cup", "hosts")) == (
        "No paragraph of the library holds \u201cFIFA\u201d, \u201cCup\u201d or \u201chosts\u201d.")
    assert unheld_note(()) == ""


@skip_without_real
@pytest.mark.parametrize("question, words", [
    ("What anti-doping rules did the General Assembly set for athletes at the Winter Olympics?",
     ("anti-doping",)),
    ("the rules of cricket", ("cricket",)),
    ("What did States commit to on child detention?", ()),
])
def test_an_answer_says_what_the_library_lacks_and_it_is_true(tmp_path_factory, question, words):
    lib = real_library(lambda: tmp_path_factory.mktemp("real-library"))
    answer = lib.search(question, k=5)
    note = unheld_note(words)
    assert (note in answer.message) if note else "No paragraph of the library holds" not in (
        answer.message)
    for word in words:  # true of every paragraph: the word stands in none, nor its last part
        for form in {word, word.split("-")[-1]}:
            pattern = re.compile(rf"\b{re.escape(form)}\b", re.I)
            assert not any(pattern.search(r.text) for r in lib.records), form
