"""Text and Markdown files as users make them (an audit built 46 such files from the real
texts): list bullets before an item's label, block quotes, a Markdown writer's escapes, its
footnotes, rules, and soft hyphens are no words of the paragraphs; each paragraph keeps its
number. Before, "- (a) Shall be convened" stayed inside its chapeau's text, "* (a)" items became
footnotes "*", "> 1. We ..." lost its number and kept the ">", pandoc's "1\\." made operative
paragraphs preambular, "[^1]" stayed in the text, and "migra\\u00adtion" was quoted with its soft
hyphen."""

from __future__ import annotations

import pytest
from parse_text import parse_text

from precedent.ingest import load_document
from precedent.ingest.records import DocumentInfo

BODY = [
    ("1.", "Decides that the forums on lighthouses:"),
    ("(a)", "Shall be convened every four years, beginning in 2031;"),
    ("(b)", "Shall be held at the headquarters of the keepers;"),
    ("2.", "Requests the Secretary-General to report on the maintenance of lighthouses;"),
]
HEAD = "The General Assembly,\n\nRecalling its resolution 98/1 on coastal safety,\n\n"


def expect(doc) -> None:
    got = {r.number: r.text for r in doc.paragraphs if r.kind != "footnote"}
    assert got == {"PP1": "Recalling its resolution 98/1 on coastal safety,",
                   **{("1 (a)" if lab == "(a)" else "1 (b)" if lab == "(b)" else lab.rstrip(".")):
                      text for lab, text in BODY}}


@pytest.mark.parametrize("bullet", ["- ", "* ", "+ "])
def test_a_bullet_before_an_items_label_is_no_word(bullet):
    lines = [f"{bullet if lab.startswith('(') else ''}{lab} {text}" for lab, text in BODY]
    doc = parse_text(HEAD + "\n\n".join(lines), DocumentInfo(doc_id="d", title="T"))
    expect(doc)


def test_block_quotes_and_escapes_are_no_words():
    quoted = "\n>\n".join(f"> {lab} {text}" for lab, text in BODY)
    expect(parse_text(HEAD + quoted, DocumentInfo(doc_id="d", title="T")))
    escaped = "\n\n".join(f"{lab.replace('.', chr(92) + '.').replace('(', chr(92) + '(')} {text}"
                          for lab, text in BODY)
    assert "1\\. Decides" in escaped and "\\(a) Shall" in escaped
    expect(parse_text(HEAD + escaped, DocumentInfo(doc_id="d", title="T")))


@pytest.mark.parametrize("mark", ["[^1]", "<sup>1</sup>"])
def test_markdown_footnotes_are_footnotes_and_rules_no_paragraphs(mark):
    text = (HEAD.replace("98/1 on", f"98/1{mark} on") + "\n\n".join(f"{lab} {t}" for lab, t in BODY)
            + "\n\n---\n\n[^1]: Official Records of the Lighthouse Assembly, No. 1.\n")
    doc = parse_text(text, DocumentInfo(doc_id="d", title="T"))
    pp1 = next(r for r in doc.paragraphs if r.number == "PP1")
    assert pp1.text == "Recalling its resolution 98/1 on coastal safety,"
    assert [f.text for f in pp1.footnotes] == [
        "Official Records of the Lighthouse Assembly, No. 1."]
    assert not any("[^" in r.text or set(r.text) <= set("-_*= ") for r in doc.paragraphs)


def test_a_soft_hyphen_in_a_text_file_is_no_character_of_the_word(tmp_path):
    path = tmp_path / "soft.txt"
    path.write_text("The General As\u00adsembly,\n\nRecalling its resolution 98/1 on coastal "
                    "safety,\n\n1. Decides to convene the forums on migra\u00adtion;\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert {r.number: r.text for r in doc.paragraphs} == {
        "PP1": "Recalling its resolution 98/1 on coastal safety,",
        "1": "Decides to convene the forums on migration;"}


HEADED = """United Nations
A/RES/99/{n}

General Assembly
Distr.: General
{d} January 2040

Ninety-ninth session

Resolution adopted by the General Assembly on {d} January 2040

The General Assembly,

Recalling its resolution 98/{n},

1. Decides to keep lighthouse number {n} lit;
"""


def test_two_documents_in_one_file_are_refused_and_said(tmp_path):
    # A/RES/76/266 pasted under A/RES/73/326 was cited as A/RES/73/326 throughout, silently
    from precedent.ingest.readers import IngestError

    path = tmp_path / "two.txt"
    path.write_text(HEADED.format(n=1, d=10) + "\n" + HEADED.format(n=2, d=11), encoding="utf-8")
    with pytest.raises(IngestError, match=r"holds more than one document \(A/RES/99/1, then "
                                          r"A/RES/99/2 at line 22\): add each from a file of its "
                                          "own"):
        load_document(path)
    one = tmp_path / "one.txt"
    one.write_text(HEADED.format(n=1, d=10), encoding="utf-8")
    assert load_document(one).info.symbol == "A/RES/99/1"


@pytest.mark.parametrize("rule", ["____________________", "---", "_____"])
@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_footnotes_typed_under_a_rule_are_footnotes_and_their_marks_no_words(rule, between):
    # A text file's footnotes as a person types them: "1 Resolution ..." under a rule, the mark
    # a plain digit glued in the text ("safety,1"). They were an unnumbered paragraph of their
    # own ("1 Official Records ... 2 Report ..."), and "safety,1" was quoted with its mark.
    text = (HEAD.replace("safety,", "safety,1") + "1. Decides to convene the forums on"
            " lighthouses.2\n\n" + rule + "\n" + between.join(
                ["1 Official Records of the Lighthouse Assembly, No. 1.",
                 "2 Report of the Keepers\n(A/98/1)."]) + "\n\f"
            + "2. Requests the Secretary-General to report on the lighthouses;3\n\n" + rule
            + "\n3 See also resolution 97/2.\n")
    doc = parse_text(text, DocumentInfo(doc_id="d", title="T"))
    body = {r.number: r for r in doc.paragraphs if r.kind != "footnote"}
    assert {n: r.text for n, r in body.items()} == {
        "PP1": "Recalling its resolution 98/1 on coastal safety,",
        "1": "Decides to convene the forums on lighthouses.",
        "2": "Requests the Secretary-General to report on the lighthouses;"}
    notes = {n: [f.text for f in r.footnotes] for n, r in body.items()}
    assert notes["PP1"] == ["Official Records of the Lighthouse Assembly, No. 1."]
    assert notes["1"] == ["Report of the Keepers (A/98/1)."]  # its second line goes on it
    assert notes["2"] == ["See also resolution 97/2."]


def test_a_line_under_a_rule_is_no_footnote_without_its_mark_above():
    from precedent.ingest.text_patterns import raise_typed_footnotes

    lines = ["1. Decides to convene the forum on 1 July 2031 in document A/RES/70/1", "---",
             "1 July 2031: the forum opens.", "2 Keepers attend."]
    assert raise_typed_footnotes(lines) == (lines, 1)  # "70/1" and "1 July" are no marks
    glued = ["1. Decides to convene the forum,1", "---", "1 Resolution 70/1.", "",
             "2. Requests the keepers to attend."]
    assert raise_typed_footnotes(glued)[0] == [
        "1. Decides to convene the forum,1", "---", "¹ Resolution 70/1.", "",
        "2. Requests the keepers to attend."]


def test_a_labelled_heading_without_blank_lines_is_no_words_of_the_paragraph_above():
    # A hand-wrapped text with no blank line around its headings: "II. Follow-up and review"
    # was quoted as the last words of para. 1, and "Objective 2: ..." as para. 2's.
    text = ("The General Assembly,\n\nRecalling its resolution 98/1 on coastal safety,\n\n"
            "1. Decides to convene the forums on lighthouses, and to keep\nthe lights on at all"
            " times.\nII. Follow-up and review\n2. Requests the Secretary-General to report on"
            " the\nmaintenance of lighthouses.\nObjective 2: Minimize the adverse drivers\n"
            "3. Requests the keepers to keep\nthe lights on.\nB. Lighthouse keepers\n"
            "Recalling its resolution 98/2,\n4. Requests the keepers to attend.\n"
            "5. Decides that the forum shall meet in the\nII. Follow-up hall.\n")
    doc = parse_text(text, DocumentInfo(doc_id="d", title="T"))
    got = {r.number: (r.text, r.section) for r in doc.paragraphs}
    assert got["1"] == ("Decides to convene the forums on lighthouses, and to keep the lights on"
                        " at all times.", ())
    assert got["2"] == ("Requests the Secretary-General to report on the maintenance of "
                        "lighthouses.", ("II. Follow-up and review",))
    assert got["3"][0] == "Requests the keepers to keep the lights on."
    assert got["3"][1][-1] == "Objective 2: Minimize the adverse drivers"
    assert got["4"][1][-1] == "B. Lighthouse keepers"
    # a wrapped line that opens like a heading, the line above ending no sentence, goes on
    assert got["5"][0] == "Decides that the forum shall meet in the II. Follow-up hall."


@pytest.mark.parametrize("line", ["Annex Lighthouse Declaration", "ANNEX: Lighthouse Declaration",
                                  "Annex I Lighthouse Declaration"])
def test_an_annex_label_with_its_title_on_one_line_starts_the_annex(line):
    # "Annex Awaza Political Declaration" on one line (an audit's copy of A/RES/80/3): the
    # annex's paragraphs 1 and 2 went on the resolution's para. 2 as a numbered list.
    text = ("The General Assembly,\n\nRecalling its resolution 98/1,\n\n1. Endorses the "
            "declaration adopted by the conference, which is contained in the annex to the "
            "present resolution;\n\n2. Thanks the host for its support.\n\n" + line
            + "\n\nI. Our lights\n\n1. We, the keepers, met.\n\n2. We welcome the programme.\n")
    doc = parse_text(text, DocumentInfo(doc_id="d", title="T"))
    got = {(r.part, r.number): r for r in doc.paragraphs}
    annex = "annex I" if " I " in line else "annex"
    assert got[("resolution", "2")].text == "Thanks the host for its support."
    assert got[(annex, "1")].text == "We, the keepers, met."
    assert got[(annex, "2")].section == ("Lighthouse Declaration", "I. Our lights")
