"""The 2030 Agenda (A/RES/70/1, in the catalogue) lists its goals' targets as "10.7 Facilitate
orderly, safe, regular and responsible migration ..." under "Goal 10. Reduce inequality ...":
every target of a goal, and the next goal's heading, ran into one unnumbered paragraph, so
target 10.7 (the Agenda's migration target) could be neither cited nor quoted alone. Each target
is now a record under its goal, cited ``A/RES/70/1, target 10.7``, and "target 10.7" / "SDG
10.7" typed as a query shows it. And a pasted text that only mentions a citation ("Recalls
paragraph 5 of its resolution 78/70 and urges ...") is searched as written, not answered with
paragraph 5."""

from __future__ import annotations

import pytest
from fixtures_sections import FORMATS, as_text, load_spec
from fixtures_un import DocSpec, Item

from precedent.search.query import may_cite

SYMBOL = "A/RES/99/1"
GOALS = [
    ("Goal 10. Reduce invented inequality within and among countries", [
        ("10.1", "By 2099, progressively achieve and sustain income growth of the bottom 40 per "
                 "cent of the invented population at a rate higher than the national average"),
        ("10.7", "Facilitate orderly, safe, regular and responsible coastal mobility of people, "
                 "including through the implementation of planned and well-managed policies"),
        ("10.c", "By 2099, reduce to less than 3 per cent the transaction costs of invented "
                 "remittances and eliminate remittance corridors with costs higher than 5 per "
                 "cent"),
    ]),
    ("Goal 11. Make invented cities inclusive, safe, resilient and sustainable", [
        ("11.1", "By 2099, ensure access for all to adequate, safe and affordable housing"),
    ]),
]


def agenda_spec() -> DocSpec:
    masthead = [
        ("United Nations", SYMBOL, "Helvetica", 10.0),
        ("General Assembly", "Distr.: General", "Helvetica-Bold", 16.0),
        ("", "21 October 2099", "Helvetica", 9.0),
        ("Resolution adopted by the General Assembly on 25 September 2099", "", "Times-Bold",
         11.0),
        ("99/1. Transforming our invented world", "", "Times-Bold", 13.0),
    ]
    items = [Item("author", "The General Assembly"),
             Item("pp", "Adopts the following outcome document:", "u1"),
             Item("heading", "Sustainable Development Goals and targets"),
             Item("para", "We recognize that there are different approaches.", "59")]
    for goal, targets in GOALS:
        items.append(Item("heading", goal))
        items += [Item("text", f"{n} {t}") for n, t in targets]
    items.append(Item("heading", "Means of implementation"))
    items.append(Item("para", "We reaffirm our strong commitment to the invented Agenda.", "60"))
    return DocSpec(masthead, SYMBOL, "Transforming our invented world", items, {})


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_target_is_a_record_under_its_goal(fmt, tmp_path):
    doc = load_spec(agenda_spec(), fmt, tmp_path, "agenda")
    targets = [(r.citation, r.text, r.section[-1]) for r in doc.paragraphs
               if r.number.startswith("target")]
    assert targets == [(f"{SYMBOL}, target {n}", t, goal) for goal, ts in GOALS for n, t in ts]
    assert [r.number for r in doc.paragraphs if r.number.isdigit()] == ["59", "60"]


def test_a_target_typed_as_a_query_is_shown(fake_lib, tmp_path):
    path = tmp_path / "agenda.txt"
    path.write_text(as_text(agenda_spec()), encoding="utf-8")
    fake_lib.add(path)
    for query in ("target 10.7", "SDG 10.7", "A/RES/99/1 target 10.7"):
        answer = fake_lib.search(query)
        assert answer.intent == "citation", query
        assert answer.hits[0].record.citation == f"{SYMBOL}, target 10.7"
    missing = fake_lib.search("target 10.9")
    assert missing.low_confidence and "No target 10.9" in missing.message


@pytest.mark.parametrize("text, cites", [
    ("para 52", True),
    ("What does paragraph 6 of A/RES/78/230 say?", True),
    ("What did the General Assembly request in paragraph 3 of its resolution 78/70 on mine "
     "action?", True),
    ("Recalls paragraph 5 of its resolution 78/70 and urges all States to provide assistance "
     "for mine clearance and victims", False),
    ("While the global average transfer costs remain well above Sustainable Development Goal "
     "target 10.c, we encourage further improvements in remittance systems", False),
])
def test_only_a_short_or_asked_citation_is_read_as_one(text, cites):
    assert may_cite(text) == cites
