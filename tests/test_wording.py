"""Issue #22, items 1 and 2: what the command line and the page write about counts, the
catalogue, draft paragraphs and documents reads as a person would write it.

Counts say their noun in the right number ("1 document"); ``catalogue --plain`` has a header;
a compared preambular paragraph is named as a citation names it (``PP1``, never ``para. PP1``);
a draft and the resolution adopted from it never share one name where documents are listed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from precedent.ingest.doc_meta import short_name
from precedent.ingest.records import DocumentInfo, make_citation, paragraph_ref
from precedent.ingest.wording import counted, plural
from precedent.search.documents import DocumentCard, distinct_names, document_cards
from precedent.ui import render
from precedent.ui.cli import main

FAKE = "fake_embedder:HashEmbedder"
REAL_PDF = Path(__file__).resolve().parent.parent.parent / "shared" / "real-un" / "pdf"

RESOLUTION = """United Nations
General Assembly

Distr.: General
2 March 2030

Eighty-fourth session

Widget Resolution

The General Assembly,

Recalling its commitment to invented example texts,

Noting with appreciation the work of the widget committee,

1. Decides to convene a working group on imaginary widgets for testing purposes;
"""


@pytest.fixture
def run(tmp_path, capsys):
    home = tmp_path / "home"

    def _run(*argv):
        code = main([*argv, "--home", str(home), "--model", FAKE])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


# --- item 1: counts ---------------------------------------------------------------------------


def test_counted_says_one_and_many():
    assert counted(1, "document") == "1 document"
    assert counted(0, "document") == "0 documents"
    assert counted(2, "paragraph") == "2 paragraphs"
    assert counted(1234, "paragraph") == "1,234 paragraphs"
    assert counted(1, "catalogue text") == "1 catalogue text"
    assert plural(3, "person", "people") == "people" and plural(1, "person", "people") == "person"


def test_list_of_one_document_says_1_document(run):
    code, out, _ = run("list", "--plain")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("1 document, 68 paragraphs, model "), first


def test_adding_and_removing_one_paragraph_says_paragraph_not_paragraphs(run, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("We commit to count our widgets carefully and to say so in the singular.\n",
                   encoding="utf-8")
    code, out, _ = run("add", str(one), "--plain")
    # the paragraph, and the paragraph in its context (its one sentence is the paragraph itself)
    assert code == 0 and ": 1 paragraph, 2 texts embedded" in out, out
    code, out, _ = run("remove", "one", "--plain")
    assert code == 0 and "(1 paragraph)" in out, out


def test_compare_counts_one_word_as_a_word(run, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Widgets.\n"))
    # the shipped library: a draft
    code, out, _ = run("compare", "-", "--plain", "--include-drafts")
    assert code == 0
    assert "(0 of 1 word)" in out and "1 words" not in out, out


def test_page_counts_one_paragraph_and_one_word(fake_lib):
    from precedent.search.compare import CompareOptions, compare_text

    with_drafts = CompareOptions(include_drafts=True)  # the shipped library holds only a draft
    html = render.render_comparison(compare_text(fake_lib, "Widgets.", with_drafts))
    text = re.sub(r"<[^>]+>", "", html)
    assert "0 of 1 word in agreed or draft spans" in text and "0 of 1 paragraph close" in text, text
    assert "1 words" not in text and "1 paragraphs" not in text
    answer = fake_lib.search("child detention", k=1)
    assert "1 paragraph, best first" in render.render_answer(answer)


# --- item 1: the catalogue ---------------------------------------------------------------------


def test_catalogue_plain_has_a_header_and_says_how_many_are_held(run):
    code, out, _ = run("catalogue", "--plain")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["IN", "LIBRARY", "SYMBOL", "DATE", "SHORT", "NAME", "TITLE"]
    rows = lines[1:-1]
    assert len(rows) == 8 and all(r.startswith("no ") for r in rows)
    gcm = next(r for r in rows if "A/RES/73/195" in r)
    assert "2018-12-19" in gcm and "Global Compact" in gcm
    assert lines[-1] == ("0 of 8 catalogue texts in the library; get the others with: precedent "
                         "fetch --catalogue")
    # the columns line up under the header
    at = lines[0].index("SYMBOL")
    assert all(r[at:].startswith("A/") for r in rows)


# --- item 1: compared paragraphs are named as citations name them -------------------------------


def test_paragraph_ref_is_what_a_citation_says_after_the_document():
    doc = DocumentInfo(doc_id="x", title="t", symbol="A/RES/80/3")
    for part, number, kind, ref in [("resolution", "PP1", "preambular", "resolution, PP1"),
                                    ("", "PP2", "preambular", "PP2"),
                                    ("annex", "16 (b)", "subparagraph", "annex, para. 16 (b)"),
                                    ("annex", "u1", "paragraph", "annex, unnumbered paragraph 1"),
                                    ("", "fn3", "footnote", "footnote 3")]:
        assert paragraph_ref(part, number, kind) == ref
        assert make_citation(doc, part, number, kind) == f"A/RES/80/3, {ref}"


def test_compare_names_a_preambular_paragraph_pp1_never_para_pp1(run, tmp_path):
    draft = tmp_path / "widget-resolution.txt"
    draft.write_text(RESOLUTION, encoding="utf-8")
    report = tmp_path / "report.html"
    code, out, _ = run("compare", str(draft), "--plain", "--html", str(report), "--include-drafts")
    assert code == 0
    heads = [ln.split(":")[0] for ln in out.splitlines() if ln.startswith("Draft ")]
    assert heads == ["Draft PP1", "Draft PP2", "Draft para. 1"], heads
    assert "para. PP" not in out and "para. PP" not in report.read_text(encoding="utf-8")
    assert "Draft PP1" in report.read_text(encoding="utf-8")


# --- item 2: a draft and its resolution are told apart ------------------------------------------


def _card(doc_id, short, symbol, status):
    return DocumentCard(doc_id=doc_id, symbol=symbol, title=short, short_title=short,
                        date="2025-10-06", status=status)


def test_a_draft_takes_its_symbol_or_draft_where_it_shares_a_name():
    names = distinct_names([
        _card("res", "Awaza Political Declaration 2025", "A/RES/80/3", "adopted"),
        _card("l4", "Awaza Political Declaration 2025", "A/80/L.4", "draft"),
        _card("mine", "Awaza Political Declaration 2025", "", "draft"),
        _card("icc", "Report", "A/RES/80/6", "adopted"),
        _card("iaea", "Report", "A/RES/80/7", "adopted"),
        _card("gcm", "Global Compact", "A/RES/73/195", "adopted"),
    ])
    assert names == {"res": "Awaza Political Declaration 2025",
                     "l4": "Awaza Political Declaration 2025 (A/80/L.4)",
                     "mine": "Awaza Political Declaration 2025 (draft)",
                     "icc": "Report (A/RES/80/6)", "iaea": "Report (A/RES/80/7)",
                     "gcm": "Global Compact"}
    twins = distinct_names([_card("a", "Notes", "", "draft"), _card("b", "Notes", "", "draft")])
    assert len(set(twins.values())) == 2


def test_cards_carry_the_distinct_name_and_the_page_lists_it():
    cards = document_cards({
        "res": {"symbol": "A/RES/80/3", "title": "Awaza Political Declaration",
                "date": "2025-10-14"},
        "l4": {"symbol": "A/80/L.4", "title": "Awaza Political Declaration", "date": "2025-10-06",
               "distribution": "Limited"},
    })
    assert cards["res"].short_title == cards["l4"].short_title == "Awaza Political Declaration 2025"
    assert cards["l4"].to_dict()["name"] == "Awaza Political Declaration 2025 (A/80/L.4)"
    labels = {render.document_choice_label(c.to_dict()) for c in cards.values()}
    # the symbol in every label, so that typing "A/RES/80/3" finds it (a page audit)
    assert labels == {"Awaza Political Declaration 2025 (A/RES/80/3) · adopted, 2025",
                      "Awaza Political Declaration 2025 (A/80/L.4) · draft, 2025"}


def test_a_declaration_named_by_its_year_does_not_say_the_year_twice():
    title = ("2025 Political Declaration on the Implementation of the United Nations Global Plan "
             "of Action")
    assert short_name(title, "2025-11-24") == "2025 Political Declaration"
    assert short_name("Progress Declaration of the International Migration Review Forum",
                      "2022-06-07") == "Progress Declaration 2022"


@pytest.mark.skipif(not REAL_PDF.is_dir(),
                    reason=f"{REAL_PDF} absent (the real UN PDFs are beside the checkout "
                                                   "on developer machines and in CI)")
def test_trace_tells_the_awaza_draft_from_the_adopted_declaration(run):
    code, _, err = run("add", str(REAL_PDF / "A_RES_80_3.pdf"), str(REAL_PDF / "A_80_L.4.pdf"),
                       "--plain")
    assert code == 0, err
    code, out, _ = run("trace", "Progress Declaration 2026, annex, para. 30")
    assert code == 0
    titles = {s["doc_id"]: s["title"] for s in map(json.loads, out.splitlines())}
    assert titles["a-res-80-3"] == "Awaza Political Declaration 2025"
    assert titles["a-80-l-4"] == "Awaza Political Declaration 2025 (A/80/L.4)"
    code, out, _ = run("trace", "Progress Declaration 2026, annex, para. 30", "--plain")
    steps = [ln.split("  ", 2)[-1] for ln in out.splitlines()
             if re.match(r"  \d{4}-\d\d-\d\d  ", ln)]
    # the documents without a counterpart are named on one line at the end
    absent = [ln.split(": ", 1)[1].split(", ") for ln in out.splitlines()
              if ln.startswith("  no counterpart in ")]
    steps += [name for names in absent for name in names]
    assert len(steps) == 3 and len(set(steps)) == 3, steps
