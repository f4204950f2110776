"""The shipped Progress Declaration parses into exactly the paragraphs it prints, verbatim."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from precedent.corpus import shipped_documents
from precedent.ingest import Footnote, load_document
from precedent.ingest.classify import split_sentences
from precedent.ingest.text_patterns import SUPERSCRIPTS, clean_markdown

DECL = Path(shipped_documents()[0]["path"])


@pytest.fixture(scope="module")
def parsed():
    return load_document(DECL)


@pytest.fixture(scope="module")
def by_key(parsed):
    return {(r.part, r.number): r for r in parsed.paragraphs}


def annex(by_key, n):
    return by_key[("annex", str(n))]


def test_document_info_comes_from_the_manifest(parsed):
    info = parsed.info
    assert info.doc_id == "imrf-2026-progress-declaration"
    assert info.short_title == "Progress Declaration 2026"
    assert info.symbol == ""
    assert info.date == "2026-04-30"


def test_two_resolution_paragraphs_both_decisions(parsed):
    res = [r for r in parsed.paragraphs if r.part == "resolution" and r.kind == "paragraph"]
    assert [r.number for r in res] == ["1", "2"]
    assert [r.category for r in res] == ["decision", "decision"]


def test_sixty_five_annex_paragraphs_numbered_as_printed(parsed):
    paras = [r for r in parsed.paragraphs if r.part == "annex" and r.kind == "paragraph"]
    assert [r.number for r in paras] == [str(n) for n in range(1, 66)]
    assert not [r for r in parsed.paragraphs if r.kind == "subparagraph"]


def test_preambular_paragraph(by_key):
    pp = by_key[("resolution", "PP1")]
    assert pp.kind == "preambular"
    assert pp.text == "Having met at United Nations Headquarters in New York from 5 to 8 May 2026,"
    assert pp.citation == "Progress Declaration 2026, resolution, PP1"


def test_citations_and_ids(by_key):
    p52 = annex(by_key, 52)
    assert p52.citation == "Progress Declaration 2026, annex, para. 52"
    assert p52.id == "imrf-2026-progress-declaration:annex:52"
    assert by_key[("resolution", "1")].citation == "Progress Declaration 2026, resolution, para. 1"


# Exact strings copied from the corpus file: whitespace normalised, footnote superscripts
# removed, ``*Adopts*`` -> ``Adopts``, ``[73/195](#)`` -> ``73/195``.
VERBATIM = {
    ("resolution",
     "1"): "Adopts the Progress Declaration of the International Migration Review Forum, as "
           "contained in the annex to the present resolution;",
    ("resolution",
     "2"): "Recommends that the General Assembly endorse, at its eightieth session, the Progress "
           "Declaration as adopted by the Forum.",
    ("annex",
     "1"): "We, the Heads of State and Government and High Representatives, meeting at United "
           "Nations Headquarters in New York from 5 to 8 May 2026 at the second International "
           "Migration Review Forum, convened under the auspices of the General Assembly, "
           "determined to enhance cooperation on international migration in all its dimensions, to "
           "discuss and share progress on the implementation of all aspects of the Global Compact "
           "for Safe, Orderly and Regular Migration, including as it relates to the 2030 Agenda "
           "for Sustainable Development, and with the participation of all relevant stakeholders, "
           "have adopted the following Progress Declaration.",
    ("annex",
     "2"): "We reaffirm the Global Compact for Safe, Orderly and Regular Migration, also known as "
           "the Marrakech Compact on Migration, and recall General Assembly resolution 73/195 of "
           "19 December 2018, by which it endorsed the Global Compact, as well as General Assembly "
           "resolution 73/326 of 19 July 2019 on the format and organizational aspects of the "
           "international migration review forums.",
    ("annex",
     "7"): "We recall the 2022 Progress Declaration of the International Migration Review Forum "
           "and take note with appreciation of the biennial reports of the Secretary-General on "
           "the implementation of the Global Compact, which inform our deliberations during this "
           "Forum.",
    ("annex",
     "52"): "We commit to prioritize non-custodial alternatives to detention in line with "
            "obligations under international law, and to take an approach in full respect for "
            "human rights to any detention of migrants.",
    ("annex",
     "65"): "We request the President of the General Assembly to hold a plenary meeting during the "
            "first half of 2029 for the General Assembly to consider the report of the "
            "Secretary-General on the implementation of the Global Compact, and we invite the "
            "Director General of the International Organization for Migration, as the Coordinator "
            "of the United Nations Network on Migration, to give a briefing on the outcomes of the "
            "regional reviews of the Global Compact during the same meeting.",
}


@pytest.mark.parametrize("key", sorted(VERBATIM))
def test_text_is_verbatim(by_key, key):
    assert by_key[key].text == VERBATIM[key]


REJOINED_ENDINGS = {
    12: "Therefore, we recognize that it remains crucial to create conducive political, economic, "
        "social and environmental conditions that allow communities and individuals to live in "
        "safety and dignity in their own countries.",
    24: "We acknowledge the importance of international cooperation in facilitating safe and "
        "dignified return and readmission, as well as sustainable reintegration, in full "
        "compliance with obligations under international human rights law, and recall the "
        "obligation of States to readmit their own nationals.",
    34: "including through additional ratifications of the Social Security (Minimum Standards) "
        "Convention, 1952 (No. 102) of the International Labour Organization, new regional "
        "portability frameworks, and expanded inclusion of migrants in social protection systems "
        "and schemes in accordance with the applicable legal, contributory and institutional "
        "frameworks of each State.",
    53: "regarding child-sensitive alternatives to detention in the context of international "
        "migration that protect and respect the rights and best interests of children at all "
        "times.",
}


@pytest.mark.parametrize("number", sorted(REJOINED_ENDINGS))
def test_paragraphs_rejoined_after_footnotes_or_page_break(by_key, number):
    text = annex(by_key, number).text
    expected = REJOINED_ENDINGS[number]
    assert expected in text
    if number != 24:
        assert text.endswith(expected)
    else:
        assert text.endswith("inadequate human rights safeguards for safe and dignified return "
                             "procedures and insufficient reintegration support.")


def test_no_footnote_text_or_mark_inside_any_paragraph(parsed):
    notes = [r for r in parsed.paragraphs if r.kind == "footnote"]
    assert len(notes) == 10  # "*" on the resolution, 1-9 on the annex
    body = [r for r in parsed.paragraphs if r.kind != "footnote"]
    for r in body:
        assert not set(r.text) & set(SUPERSCRIPTS), r.citation
        for n in notes:
            assert n.text not in r.text, (r.citation, n.citation)
        assert "Objective 2: Minimize" not in r.text
        assert "objective 5: Enhance" not in r.text


def test_footnote_records(parsed, by_key):
    notes = [r for r in parsed.paragraphs if r.kind == "footnote"]
    assert [r.number for r in notes] == ["fn*"] + [f"fn{n}" for n in range(1, 10)]
    for r in notes:
        assert "para." not in r.citation
        assert re.fullmatch(r"Progress Declaration 2026, (resolution|annex), footnote [*\d]",
                            r.citation)
    fn5 = by_key[("annex", "fn5")]
    assert fn5.citation == "Progress Declaration 2026, annex, footnote 5"
    assert fn5.text.startswith("Objective 2: Minimize the adverse drivers")
    assert by_key[("annex", "fn8")].text == "United Nations, Treaty Series, vol. 210, No. 2838."


def test_footnote_references_recorded(by_key):
    assert annex(by_key, 7).footnotes == (Footnote("3", "Resolution 76/266, annex."),)
    assert annex(by_key, 1).footnotes == (Footnote("1", "Resolution 73/195, annex."),
                                          Footnote("2", "Resolution 70/1."))
    assert annex(by_key, 8).footnotes == (Footnote("4", "A/79/590."),)
    assert [f.mark for f in annex(by_key, 34).footnotes] == ["8"]
    assert annex(by_key, 52).footnotes == ()


RT1 = "Round table 1 (objectives 2, 5, 6, 12 and 18)"
PCO = "Progress, challenges and opportunities"
TITLE = "Progress Declaration of the International Migration Review Forum"  # the annex's own title


def test_section_paths(by_key):
    assert by_key[("resolution", "1")].section == ()
    assert annex(by_key, 1).section == (TITLE,)
    assert annex(by_key, 2).section == (TITLE, "Introduction")
    assert annex(by_key, 10).section == (TITLE, "Introduction")
    assert annex(by_key, 11).section == (TITLE, PCO)
    assert annex(by_key, 12).section == (TITLE, PCO, RT1)
    assert annex(by_key, 17).section == (TITLE, PCO, RT1)
    assert annex(by_key, 18).section == (TITLE, PCO,
                                         "Round table 2 (objectives 4, 8, 9, 10, 11, 13 and 21)")
    assert annex(by_key, 29).section == (TITLE, PCO,
                                         "Round table 3 (objectives 14, 15, 16, 19, 20 and 22)")
    assert annex(by_key, 41).section == (TITLE, PCO,
                                         "Round table 4 (objectives 1, 3, 7, 17 and 23)")
    assert annex(by_key, 42).section == (TITLE, "Recommendations for future implementation")
    assert annex(by_key, 65).section == (TITLE, "Recommendations for future implementation")


def test_round_table_objectives(by_key):
    for n in range(12, 18):
        assert annex(by_key, n).objectives == (2, 5, 6, 12, 18), n
    assert annex(by_key, 11).objectives == ()
    assert annex(by_key, 18).objectives == (4, 8, 9, 10, 11, 13, 21)
    assert annex(by_key, 42).objectives == ()


@pytest.mark.parametrize(
    "numbers, category",
    [
        ((42, 43, 55, 56), "commitment"),
        ((64, 65), "request"),
        ((22, 40), "concern"),
        ((49, 59, 60), "encouragement"),
        ((2, 7), "reaffirmation"),
    ],
)
def test_categories(by_key, numbers, category):
    for n in numbers:
        assert annex(by_key, n).category == category, n


# --- coverage: every piece of body text lands in exactly one record --------------------------


def _body_blocks() -> list[str]:
    """Lines of the corpus file after the masthead (each a paragraph or a piece of one), minus
    headings, with markdown and footnote marks removed and paragraph numbers / footnote marks at
    the start dropped."""
    lines = DECL.read_text(encoding="utf-8").splitlines()
    blocks = [" ".join(clean_markdown(ln).split()) for ln in lines if ln.strip()]
    start = blocks.index("The International Migration Review Forum,") + 1
    headings = {
        "Annex", "Progress Declaration of the International Migration Review Forum", "Introduction",
        PCO, "Recommendations for future implementation",
    }
    out = []
    for b in blocks[start:]:
        b = re.sub(rf"[{SUPERSCRIPTS}]", "", b).replace("Forum*", "Forum")
        if b in headings or b.startswith("Round table"):
            continue
        b = re.sub(r"^(\d{1,2}\. |\* )", "", b)
        out.append(b)
    return out


def test_every_sentence_lands_in_exactly_one_record(parsed):
    records = [r.text for r in parsed.paragraphs]
    pieces = [s for b in _body_blocks() for s in split_sentences(b)]
    source_counts = Counter(pieces)
    for piece, n in source_counts.items():
        found = sum(t.count(piece) for t in records)
        assert found == n, piece


def test_nothing_added_or_lost(parsed):
    source_words = Counter(w for b in _body_blocks() for w in b.split())
    record_words = Counter(w for r in parsed.paragraphs for w in r.text.split())
    assert record_words == source_words


# --- the parse command names the shipped Declaration by its manifest entry -------------------


def test_parse_command_cites_the_shipped_declaration_by_short_title(capsys):
    import json

    from precedent.ui.cli import main

    assert main(["parse", str(DECL)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    recs = {r["id"]: r for r in map(json.loads, out.splitlines())}
    p52 = recs["imrf-2026-progress-declaration:annex:52"]
    assert p52["citation"] == "Progress Declaration 2026, annex, para. 52"
    assert p52["doc_id"] == "imrf-2026-progress-declaration" and p52["symbol"] == ""


def test_a_copy_of_the_shipped_file_is_recognised_by_content(tmp_path):
    copy = tmp_path / "declaration.txt"
    copy.write_bytes(DECL.read_bytes())
    assert load_document(copy).info.short_title == "Progress Declaration 2026"
    edited = tmp_path / "edited.txt"
    edited.write_text(DECL.read_text(encoding="utf-8").replace("eightieth", "eighty-first"),
                      encoding="utf-8")
    other = load_document(edited)
    assert other.info.doc_id == "edited" and other.info.short_title == ""
