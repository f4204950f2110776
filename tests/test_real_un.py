"""Real UN documents (``../shared/real-un``: text layers of three migration resolutions and twenty
2025 PDFs) parse faithfully: paragraphs 1..N once per part, sub-paragraphs under their paragraph,
footnotes as their own records and never inside a paragraph, no page furniture anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precedent.ingest.load import load_document

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
pytestmark = pytest.mark.skipif(not REAL.is_dir(),
                                reason=f"real UN documents not present at {REAL}")

TEXTS = ["A_RES_73_195.txt", "A_RES_76_266.txt", "A_RES_73_326.txt"]
PDFS = sorted(p.name for p in (REAL / "pdf").glob("*.pdf")) if REAL.is_dir() else []
FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{7}\*|_{4,}|\b\d{1,2}/\d{1,2} \d{2}-\d{5}"
                       r"|\b\d{2}-\d{5} \d{1,2}/\d")
_CACHE: dict[str, object] = {}


def parsed(name: str):
    if name not in _CACHE:
        folder = "text" if name.endswith(".txt") else "pdf"
        _CACHE[name] = load_document(REAL / folder / name)
    return _CACHE[name]


def numbers_by_part(doc) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    for r in doc.paragraphs:
        if r.kind == "paragraph" and r.number.isdigit():
            parts.setdefault(r.part, []).append(int(r.number))
    return parts


@pytest.mark.parametrize("name", TEXTS + PDFS)
def test_structure_is_faithful(name):
    doc = parsed(name)
    recs = doc.paragraphs
    for part, nums in numbers_by_part(doc).items():
        assert nums == list(range(1, len(nums) + 1)), (part, nums)
    ids = {r.id for r in recs}
    for r in recs:
        if r.kind == "subparagraph":
            assert r.parent in ids, r.citation
    marks = [int(r.number[2:]) for r in recs if r.kind == "footnote" and r.number[2:].isdigit()]
    assert marks == list(range(1, len(marks) + 1))
    notes = [r.text for r in recs if r.kind == "footnote" and len(r.text) > 15]
    for r in recs:
        assert not FURNITURE.search(r.text), (r.citation, r.text)
        assert not any(FURNITURE.search(h) or doc.info.symbol in h for h in r.section), r.section
        if r.kind != "footnote":
            assert doc.info.symbol not in r.text, r.citation
            assert not [n for n in notes if n in r.text], r.citation


COMPACT = "Global Compact for Safe, Orderly and Regular Migration"


def test_global_compact():
    doc = parsed("A_RES_73_195.txt")
    by = {r.citation.removeprefix("A/RES/73/195, "): r for r in doc.paragraphs}
    assert numbers_by_part(doc) == {"resolution": [1, 2], "annex": list(range(1, 55))}
    subs = [r for r in doc.paragraphs if r.kind == "subparagraph"]
    third = [r for r in subs if r.number.count("(") == 2]
    assert (len(subs) - len(third), len(third)) == (208, 11)
    assert by["annex, para. 43 (a) (ii)"].parent == by["annex, para. 43 (a)"].id
    assert by["annex, para. 15 (i)"].text.startswith("Whole-of-government approach")  # the letter i
    assert by["annex, para. 29 (a)"].parent == by["annex, para. 29"].id
    assert ("To realize this commitment, we will draw from the following "
            "actions:") in by["annex, para. 29"].text
    # the list stays inside
    assert "23. Strengthen international cooperation" in by["annex, para. 16"].text
    assert by["annex, para. 33"].objectives == (17,)
    assert len([r for r in doc.paragraphs if r.kind == "footnote"]) == 22
    # Marks printed apart ("Migrants 1  and") or alone at a line start ("22  and take") are removed.
    opening = by["annex, unnumbered paragraph 1"]
    assert ("Refugees and Migrants and determined" in opening.text
            and opening.footnotes[0].mark == "1")
    b = by["annex, para. 26 (b)"]
    assert "Trafficking in Persons and take" in b.text and [f.mark for f in b.footnotes] == ["22"]
    assert "Universal Declaration of Human Rights; the International" in by["annex, para. 2"].text
    assert ("Objectives and commitments",
            "Objective 1: Collect and utilize accurate and disaggregated data "
            "as a basis for evidence-based policies") == by["annex, para. 17"].section[-2:]
    # Every commitment paragraph carries its objective (N = paragraph - 16), under its own heading
    # only.
    for n in range(1, 24):
        para = by[f"annex, para. {n + 16}"]
        assert para.objectives == (n,), para.citation
        assert para.section[:3] == (COMPACT, "Objectives and commitments", para.section[2])
        assert (para.section[2].startswith(f"Objective {n}: ")
                and len(para.section) == 3), para.section
    # A sub-heading inside objective 2's actions keeps them in objective 2; "Implementation" does
    # not.
    h = by["annex, para. 18 (h)"]
    assert h.objectives == (2,
                            ) and h.section[-1].startswith("Natural disasters, the adverse effects")
    assert (by["annex, para. 40"].section == (COMPACT, "Implementation")
            and by["annex, para. 40"].objectives == ())
    # The annex's own title heads every record of the annex (a heading, never text); the
    # resolution's records have none.
    assert (by["annex, unnumbered paragraph 1"].section == (COMPACT,)
            and by["annex, para. 1"].section == (COMPACT, "Preamble"))
    assert by["resolution, para. 1"].section == () and not any(r.text.startswith(COMPACT)
                                                               for r in doc.paragraphs)
    # An action goes on its commitment's sentence ("we will draw from the following actions:"):
    # it commits too; the guiding principles under "We agree that ... principles:" stay "other".
    assert [by[f"annex, para. 29 ({x})"].category for x in "abch"] == ["commitment"] * 4
    assert by["annex, para. 15 (a)"].category == "other"


def test_progress_declaration_and_review_forums():
    doc = parsed("A_RES_76_266.txt")
    res = [r for r in doc.paragraphs if r.part == "resolution"]
    assert [(r.kind, r.text.split()[0]) for r in res] == [("paragraph", "Endorses")]
    assert numbers_by_part(doc)["annex"] == list(range(1, 78))
    assert len([r for r in doc.paragraphs if r.kind == "footnote"]) == 11
    forums = parsed("A_RES_73_326.txt")
    assert numbers_by_part(forums) == {"": list(range(1, 28))}
    assert len([r for r in forums.paragraphs if r.kind == "footnote"]) == 7
    # Marks printed one space apart ("Migration, 1 including", "2015–2030 11 and") leave the text
    # and are recorded on the paragraph.
    by = {r.citation.removeprefix("A/RES/76/266, "): r for r in doc.paragraphs}
    assert [f.mark for f in by["annex, para. 1"].footnotes] == ["1", "2"]
    assert "Regular Migration, including as it relates" in by["annex, para. 1"].text
    assert [f.mark for f in by["annex, para. 74"].footnotes] == ["9", "10", "11"]
    assert "Reduction 2015–2030 and relevant" in by["annex, para. 74"].text
    compact = {r.citation: r for r in parsed("A_RES_73_195.txt").paragraphs}
    assert [f.mark for f in compact["A/RES/73/195, annex, para. 22 (l)"].footnotes] == ["21"]


@pytest.mark.parametrize("name", TEXTS + PDFS)
def test_no_footnote_left_uncited_with_its_mark_in_the_text(name):
    """A footnote no paragraph cites (its mark stood on a heading, "Round table 1 (...)4") must not
    have its mark still standing in some paragraph, where a reader would take it for the text's."""
    doc = parsed(name)
    cited = {f.mark for r in doc.paragraphs for f in r.footnotes}
    uncited = {r.number[2:] for r in doc.paragraphs if r.kind == "footnote"
               and r.number[2:] not in cited}
    for r in doc.paragraphs:
        if r.kind == "footnote":
            continue
        for m in re.finditer(r"[A-Za-z)”’][,.;:]?\s?(\d{1,3})(?=\s[a-z]|[,.;:]?$)", r.text):
            assert m.group(1) not in uncited, (r.citation,
                                               r.text[max(0, m.start() - 40):m.end() + 10])


def test_masthead_distribution_draft_and_adoption_date():
    adopted, draft = parsed("A_RES_80_3.pdf").info, parsed("A_80_L.4.pdf").info
    assert (adopted.distribution, adopted.draft_symbol, adopted.date) == ("General", "A/80/L.4",
                                                                          "2025-10-14")
    assert (draft.distribution, draft.draft_symbol) == ("Limited", "")
    assert parsed("A_RES_73_195.txt").info.date == "2018-12-19"


def test_roman_headings_and_paragraphs_across_pages():
    doc = parsed("A_RES_80_3.pdf")
    nine = next(r for r in doc.paragraphs if r.part == "annex" and r.number == "9")
    assert nine.text.startswith("We note the interest")
    thirteen = next(r for r in doc.paragraphs if r.part == "annex" and r.number == "13")
    assert thirteen.section == ("Awaza Political Declaration",
                                "II. Implementation of the Awaza Programme of Action "
                                "for Landlocked Developing Countries for the Decade 2024–2034")
    assert not any(r.text.startswith("II.") for r in doc.paragraphs)
