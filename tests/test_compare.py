"""precedent.search.compare (comparison, draft, trace), ``precedent compare`` and
``precedent trace``.

Fast tests use the hash embedder over the shipped Declaration; three tests marked ``model`` use
the real bundled model (the session ``real_lib`` fixture, loaded once).
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
from fake_embedder import SPEC, HashEmbedder
from hypothesis import given, settings
from hypothesis import strategies as st
from word_ops import apply_ops

from precedent.index.text_match import find_phrase
from precedent.search import Library
from precedent.search.compare import (
    CompareError,
    CompareOptions,
    CompareResult,
    DraftParagraph,
    ParagraphComparison,
    TraceError,
    read_draft,
    resolve,
    split_paragraphs,
    trace,
)
from precedent.search.compare import compare_file as _compare_file
from precedent.search.compare import compare_paragraphs as _compare_paragraphs
from precedent.search.compare import compare_records as _compare_records
from precedent.search.compare import compare_text as _compare_text
from precedent.search.results import HIT_KEYS
from precedent.ui.cli import main
from precedent.ui.render import render_compare_html

DOC = "imrf-2026-progress-declaration"
P52 = f"{DOC}:annex:52"
CITE52 = "Progress Declaration 2026, annex, para. 52"
DEEP_SEA = ("Deep-sea mining royalties shall be shared among coastal States through a seabed "
            "authority fund.")
OLD_VERSION = ("1. We are determined to fulfil the objectives and commitments outlined in the "
               "Global Compact, by facilitating safe, orderly and regular migration.\n"
               "\n"
               "2. We welcome uptake of community-based non-custodial alternatives to detention, "
               "in full respect for human rights.\n"
               "\n"
               "3. We commit to promote non-custodial alternatives to detention in line with "
               "international law, and to take an approach in full respect for human rights to any "
               "detention of migrants.\n")


# The shipped library holds one document, a draft: these tests of the machinery count drafts as
# precedent (the default, adopted texts only, is tested in tests/test_compare_claims.py).
def compare_text(lib, text, options=None, **kwargs):
    return _compare_text(lib, text, options, **({} if options else {"include_drafts": True}),
                         **kwargs)


def compare_file(lib, path, options=None, **kwargs):
    return _compare_file(lib, path, options, **({} if options else {"include_drafts": True}),
                         **kwargs)


def compare_paragraphs(lib, paragraphs, **kwargs):
    return _compare_paragraphs(lib, paragraphs, include_drafts=True, **kwargs)


def compare_records(lib, records, **kwargs):
    return _compare_records(lib, records, include_drafts=True, **kwargs)


def _bench():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_compare.py"
    spec = importlib.util.spec_from_file_location("bench_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    return Library.open(tmp_path_factory.mktemp("compare-home"), embedder=HashEmbedder())


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The Declaration plus an older, edited version of three of its paragraphs."""
    home = tmp_path_factory.mktemp("versions-home")
    lib = Library.open(home, embedder=HashEmbedder())
    src = tmp_path_factory.mktemp("src") / "progress-declaration-2022.txt"
    src.write_text(OLD_VERSION, encoding="utf-8")
    lib.add(src, title="Progress Declaration 2022", date="2022-05-20")
    return lib


@pytest.fixture
def cli_home(lib, monkeypatch):
    monkeypatch.setenv("PRECEDENT_HOME", str(lib.home))
    monkeypatch.setenv("PRECEDENT_MODEL", SPEC)
    return lib.home


# --- the draft's paragraphs ------------------------------------------------------------------


def test_pasted_text_splits_on_blank_lines_and_keeps_numbers():
    text = ("12. We commit\n to act.\n\nAn unnumbered   paragraph\n\n13. We decide that:\n\n(a) "
            "one thing;\n\n(b) another.")
    paras = split_paragraphs(text)
    assert [(p.number, p.text) for p in paras] == [
        ("12", "We commit to act."), ("u1", "An unnumbered paragraph"),
        ("13", "We decide that:"), ("13 (a)", "one thing;"), ("13 (b)", "another.")]
    assert [p.number for p in split_paragraphs("First para.\n\nSecond para.")] == ["1", "2"]


def test_unnumbered_paragraphs_never_take_a_number_another_paragraph_prints():
    """Two preambular paragraphs pasted before "1." and "2." were "para. 1" and "para. 2" too:
    "para. 2 is 0% agreed" pointed at the wrong paragraph."""
    text = "Recalling its resolution,\n\nDeeply concerned,\n\n1. We act.\n\n2. We decide."
    paras = split_paragraphs(text)
    assert [p.number for p in paras] == ["u1", "u2", "1", "2"]
    assert [p.label for p in paras][:2] == ["unnumbered paragraph 1", "unnumbered paragraph 2"]


def test_a_working_draft_s_labels_are_numbers_not_words(tmp_path):
    """"PP1", "OP1.", "2 bis." are how negotiators number a working draft: read as numbers (a
    "2 bis." among the draft's words was a new word, not agreed language)."""
    text = ("PP1 Recalling its resolution 73/195,\n\nOP1. We commit to act.\n\n"
            "2 bis. We further commit to act.\n\n(a) at once;\n\nOP 3 ter We decide.\n\n"
            "pp2 Noting,")
    expected = [("PP1", "preambular", "Recalling its resolution 73/195,"),
                ("1", "paragraph", "We commit to act."),
                ("2 bis", "paragraph", "We further commit to act."),
                ("2 bis (a)", "subparagraph", "at once;"), ("3 ter", "paragraph", "We decide."),
                ("PP2", "preambular", "Noting,")]
    assert [(p.number, p.kind, p.text) for p in split_paragraphs(text)] == expected
    # a label on a line of its own numbers the paragraph after it; "OP2 (a)" is an item
    alone = "PP1\n\nRecalling,\n\nOP1.\n\nDecides.\n\nOP2 (a) Requests;\n\n3.\n\nNotes."
    assert [(p.number, p.text) for p in split_paragraphs(alone)] == [
        ("PP1", "Recalling,"), ("1", "Decides."), ("2 (a)", "Requests;"), ("3", "Notes.")]
    # the second audit's cases: an item's label alone, a label before another label, at the end
    assert [(p.number, p.text) for p in split_paragraphs(
        "OP2 (a)\n\nRequests;\n\n(b)\n\nInvites.\n\n1.\n\n(a) Notes.\n\nPP1\n\nPP2\n\n"
        "Recalling,\n\nOP9")] == [("2 (a)", "Requests;"), ("2 (b)", "Invites."),
                                   ("1 (a)", "Notes."), ("PP2", "Recalling,")]
    path = tmp_path / "working.txt"  # a file too, though it also has a "1." line
    path.write_text(text + "\n\n4. We note.\n", encoding="utf-8")
    assert [p.number for p in read_draft(path)] == [n for n, _, _ in expected] + ["4"]


def test_text_without_blank_lines_splits_after_finished_sentences():
    text = "We commit to act\nwithout delay.\nWe recognize the role of cities.\n5. We decide."
    assert [(p.number, p.text) for p in split_paragraphs(text)] == [
        ("u1", "We commit to act without delay."), ("u2", "We recognize the role of cities."),
        ("5", "We decide.")]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
                max_size=6))
def test_splitting_never_changes_a_word(blocks):
    text = "\n\n".join(blocks)
    words = iter(text.split())
    # Every word of every paragraph is a word of the input, in order (markers aside).
    assert all(any(w == x for x in words) for p in split_paragraphs(text) for w in p.text.split())


def test_read_draft_plain_and_numbered_files(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("First paragraph here.\n\nSecond paragraph here.\n", encoding="utf-8")
    assert [p.text for p in read_draft(plain)] == ["First paragraph here.",
                                                   "Second paragraph here."]
    numbered = tmp_path / "numbered.txt"
    numbered.write_text(OLD_VERSION, encoding="utf-8")
    assert [p.number for p in read_draft(numbered)] == ["1", "2", "3"]


# --- agreed language -------------------------------------------------------------------------


def test_verbatim_paragraph_is_fully_agreed_with_the_right_citation(lib):
    rec = lib.get(P52)
    p = compare_text(lib, "52. " + rec.text).paragraphs[0]
    assert p.draft.number == "52"
    assert p.coverage == 1.0
    assert [(s.start, s.end, s.text) for s in p.spans] == [(0, len(rec.text) - 1, rec.text[:-1])]
    assert P52 in p.spans[0].ids and CITE52 in p.spans[0].citations
    assert p.best.record.id == P52 and p.best.citation == CITE52
    assert all(op.op == "equal" for op in p.changes)


def test_spans_have_exact_offsets_and_only_correct_citations(lib):
    a = lib.get(P52).text
    b = lib.get(f"{DOC}:annex:4").text
    draft = f"Recalling our work, {a[:-1]} and to report on it every year. {b}"
    p = compare_text(lib, draft).paragraphs[0]
    assert len(p.spans) == 2
    for s in p.spans:
        assert draft[s.start:s.end] == s.text
        for rid in s.ids:
            assert find_phrase(lib.get(rid).text, s.text)
    assert p.spans[0].text == a[:-1] and p.spans[1].text == b[:-1]
    new_words = len("Recalling our work, and to report on it every year.".split())
    assert p.words - p.agreed_words == new_words
    assert 0 < p.coverage < 1


def test_curly_quotes_dashes_case_and_spacing_are_normalised(lib):
    rec = lib.get(P52).text
    draft = rec.upper().replace("NON-CUSTODIAL", "NON–CUSTODIAL").replace(" ", "  ", 3)
    p = compare_paragraphs(lib, [DraftParagraph("1", f"“{draft}”")]).paragraphs[0]
    assert p.coverage == 1.0 and P52 in p.spans[0].ids
    assert p.spans[0].text.startswith("WE  COMMIT  TO  PRIORITIZE NON–CUSTODIAL")
    assert p.draft.text[p.spans[0].start:p.spans[0].end] == p.spans[0].text
    # Different punctuation between words is not the same language.
    p2 = compare_text(lib,
                      rec.replace("international law, and", "international law; and")).paragraphs[0]
    assert len(p2.spans) == 2 and p2.coverage == 1.0


def test_minimum_span_length(lib):
    # 3 agreed words
    draft = "Ships should prioritize non-custodial alternatives whenever sailing north."
    assert compare_text(lib, draft).paragraphs[0].spans == []
    assert compare_text(lib, draft, min_words=4).paragraphs[0].spans == []
    p = compare_text(lib, draft, min_words=3).paragraphs[0]
    assert [s.text for s in p.spans] == ["prioritize non-custodial alternatives"]
    assert p.agreed_words == 3 and p.words == 8
    long = compare_text(lib, lib.get(P52).text, min_words=40).paragraphs[0]
    assert long.spans == [] and long.coverage == 0.0


def test_off_topic_paragraph_is_new_with_no_match(lib):
    result = compare_text(lib, DEEP_SEA)
    p = result.paragraphs[0]
    assert p.coverage == 0.0 and p.spans == [] and p.matches == [] and p.changes == []
    assert p.to_dict()["changes"] is None


def test_whole_draft_coverage_and_json_shape(lib):
    rec = lib.get(P52).text
    result = compare_text(lib, f"{rec}\n\n{DEEP_SEA}", k=3)
    assert result.coverage == pytest.approx(result.agreed_words / result.words)
    assert result.agreed_words == len(rec.split()) and result.summary()["with_match"] == 1
    d = result.to_dicts()[0]
    assert {"draft_number", "text", "matches", "spans", "coverage"} <= set(d)
    assert len(d["matches"]) <= 3 and set(d["matches"][0]) == set(HIT_KEYS)
    assert set(d["spans"][0]) >= {"start", "end", "text", "citations"}
    assert d["changes"]["kept"] == len(rec.split()) and d["changes"]["inserted"] == 0
    json.dumps(result.to_dicts())


def test_ranking_best_match_is_the_edited_source(lib):
    rec = lib.get(P52).text
    edited = rec.replace("prioritize", "promote").replace("obligations under ", "")
    p = compare_text(lib, edited).paragraphs[0]
    assert p.best.record.id == P52
    assert [h.score for h in p.matches] == sorted((h.score for h in p.matches), reverse=True)
    assert " ".join(apply_ops(rec, p.changes)) == edited


def test_held_out_edits_fake_embedder(lib):
    bench = _bench()
    ev = bench.evaluate(lib, bench.make_cases(lib.records, n=40))
    assert ev["n"] == 160
    assert ev["overall"] >= 0.95, ev["per_kind"]


def test_options_choose_the_precedent_documents(lib):
    rec = lib.get(P52).text
    with pytest.raises(CompareError, match="no document counts"):
        compare_text(lib, rec, exclude_docs=[DOC])
    with pytest.raises(CompareError, match="unknown document"):
        compare_text(lib, rec, only_docs=["nope"])
    with pytest.raises(CompareError, match="no document counts"):
        compare_text(lib, rec, before="2026-01-01")
    with pytest.raises(CompareError, match="date"):
        compare_text(lib, rec, before="yesterday")
    assert compare_text(lib, rec, before="2027-01-01", only_docs=DOC).coverage == 1.0
    with pytest.raises(CompareError, match="empty"):
        compare_text(lib, "  \n\n ")
    with pytest.raises(CompareError):
        compare_text(lib, rec, k=0)


def test_excluding_the_drafts_own_document(versions):
    old = next(r for r in versions.records if r.doc_id != DOC and r.number == "3")
    own = compare_text(versions, old.text).paragraphs[0]
    assert own.coverage == 1.0 and own.best.record.id == old.id
    other = compare_text(versions, old.text, exclude_docs=[old.doc_id]).paragraphs[0]
    assert other.best.record.id == P52 and other.coverage < 1.0
    assert all(old.id not in s.ids for s in other.spans)
    before = compare_records(versions, [versions.get(P52)], before="2023-01-01").paragraphs[0]
    assert before.best.record.id == old.id


def test_compare_docx_file(lib, tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("52. " + lib.get(P52).text)
    d.add_paragraph("53. " + DEEP_SEA)
    path = tmp_path / "draft.docx"
    d.save(path)
    result = compare_file(lib, path)
    assert [p.draft.number for p in result.paragraphs] == ["52", "53"]
    assert [p.coverage for p in result.paragraphs] == [1.0, 0.0]


def test_compare_pdf_file(lib, tmp_path):
    import textwrap

    from reportlab.pdfgen import canvas

    path = tmp_path / "draft.pdf"
    c = canvas.Canvas(str(path))
    y = 780
    for n, para in ((52, lib.get(P52).text), (53, DEEP_SEA)):
        for line in textwrap.wrap(f"{n}. {para}", 80):
            c.drawString(60, y, line)
            y -= 14
        y -= 14
    c.save()
    result = compare_file(lib, path)
    assert [(p.draft.number, p.coverage) for p in result.paragraphs] == [("52", 1.0), ("53", 0.0)]
    assert result.paragraphs[0].draft.text == lib.get(P52).text


# --- trace -----------------------------------------------------------------------------------


def test_trace_oldest_first_with_word_changes(versions):
    result = trace(versions, CITE52)
    assert [s.date for s in result.steps] == ["2022-05-20", "2026-04-30"]
    old, new = result.steps
    assert old.record.citation == "Progress Declaration 2022, para. 3" and not old.is_origin
    assert new.is_origin and new.record.id == P52
    assert " ".join(apply_ops(old.record.text, new.changes)) == new.record.text
    inserted = {w for op in new.changes if op.op == "insert" for w in op.new}
    assert {"prioritize", "obligations", "under"} <= inserted
    back = trace(versions, old.record.id)
    assert [s.record.id for s in back.steps] == [old.record.id, P52] and back.steps[0].is_origin


def test_trace_resolves_citations_and_reports_bad_ones(versions):
    assert resolve(versions, "progress declaration 2026, annex, paragraph 52").id == P52
    assert resolve(versions, P52).id == P52
    with pytest.raises(TraceError, match="did you mean"):
        resolve(versions, "Progress Declaration 2026, annex, para. 520")
    with pytest.raises(TraceError, match="several"):
        resolve(versions, "para. 3")


# --- report and command line -----------------------------------------------------------------


def test_html_report_escapes_everything(lib):
    rec = lib.get(P52).text
    result = compare_text(lib, f'{rec}\n\n<script>alert("x")</script> & {DEEP_SEA}')
    page = render_compare_html(result, title="<b>draft</b>")
    assert ("<script>" not in page
            and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page)
    assert "&lt;b&gt;draft&lt;/b&gt;" in page
    # the library (a test fixture) holds only the 2026 draft: its language is marked as a draft's
    assert ('<mark class="draft" title="drafts only, not agreed language: Progress Declaration '
            '2026, annex, para. 52">') in page
    assert "<ins>" not in page.split("<section")[1]  # verbatim: nothing inserted


def test_cli_json_lines_from_stdin(cli_home, monkeypatch, capsys):
    rec = Library.open().get(P52).text
    monkeypatch.setattr("sys.stdin", io.StringIO(f"52. {rec}\n\n{DEEP_SEA}\n"))
    assert main(["compare", "-", "--k", "2", "--include-drafts"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    summary = lines.pop()["summary"]
    assert summary["drafts_counted"] == [DOC] and summary["documents"] == [DOC]
    assert [x["draft_number"] for x in lines] == ["52", "u1"]
    first = lines[0]
    assert first["coverage"] == 1.0 and first["matches"][0]["citation"] == CITE52
    assert len(first["matches"]) <= 2 and set(first["matches"][0]) == set(HIT_KEYS)
    s = first["spans"][0]
    assert first["text"][s["start"]:s["end"]] == s["text"] and CITE52 in s["citations"]
    assert lines[1]["coverage"] == 0.0 and lines[1]["matches"] == []


def test_cli_file_plain_and_html(cli_home, tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(f"{Library.open().get(P52).text}\n\nSome <new> text & more.\n",
                     encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["compare", str(draft), "--plain", "--html", str(out), "--min-words", "6",
                 "--include-drafts"]) == 0
    text = capsys.readouterr().out
    assert "100% agreed or draft language" in text and CITE52 in text and "Whole draft" in text
    assert "  draft:  " in text and "(drafts only: not agreed language)" in text
    assert "  agreed: " not in text
    page = out.read_text(encoding="utf-8")
    assert "Some &lt;new&gt; text &amp; more." in page and "<new>" not in page


def test_cli_errors_are_one_line(cli_home, tmp_path, monkeypatch, capsys):
    assert main(["compare", str(tmp_path / "missing.docx")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.docx" in err[0] and "not found" in err[0]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    assert main(["compare", str(bad)]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("   \n\n  "))
    assert main(["compare", "-"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty" in err[0]
    monkeypatch.setattr("sys.stdin", io.StringIO("Some draft text."))
    assert main(["compare", "-", "--exclude-doc", "nope"]) == 1
    assert "unknown document" in capsys.readouterr().err


def test_cli_trace(versions, monkeypatch, capsys):
    monkeypatch.setenv("PRECEDENT_HOME", str(versions.home))
    monkeypatch.setenv("PRECEDENT_MODEL", SPEC)
    assert main(["trace", CITE52]) == 0
    steps = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [s["date"] for s in steps] == ["2022-05-20", "2026-04-30"]
    assert steps[1]["origin"] and steps[1]["changes"]["inserted"] >= 3
    assert main(["trace", CITE52, "--plain"]) == 0
    assert "{+prioritize+}" in capsys.readouterr().out
    assert main(["trace", "no such paragraph"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# --- the real model --------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.slow
def test_real_model_source_is_best_match_for_edited_paragraphs(real_lib):
    bench = _bench()
    cases = bench.make_cases(real_lib.records, n=40)
    ev = bench.evaluate(real_lib, cases)
    print("real model:", {k: round(v, 3) for k, v in ev["per_kind"].items()},
          round(ev["overall"], 3))
    assert ev["overall"] >= 0.95, ev["per_kind"]


@pytest.mark.model
def test_real_model_verbatim_copy_is_fully_agreed(real_lib):
    p = compare_text(real_lib, real_lib.get(P52).text, only_docs=[DOC]).paragraphs[0]
    assert p.coverage == 1.0 and CITE52 in p.spans[0].citations and p.best.citation == CITE52


@pytest.mark.model
def test_real_model_off_topic_is_new_with_no_match(real_lib):
    p = compare_text(real_lib, DEEP_SEA, only_docs=[DOC]).paragraphs[0]
    assert p.coverage == 0.0 and p.matches == []


def test_page_report_and_cli_round_the_agreed_share_alike(lib, capsys):
    """199 of 200 words agreed is 99% everywhere (the report once said 100%, the page 99%)."""
    from precedent.search.compare import percent
    from precedent.ui import render
    from precedent.ui.cmd_compare import print_compare_plain

    assert percent(199, 200) == 99 and percent(1, 200) == 1 and percent(200, 200) == 100
    draft = DraftParagraph("7", " ".join(["word"] * 200), "annex")
    p = ParagraphComparison(draft, [], [], 200, 199)
    result = CompareResult([p], ["doc"], CompareOptions())
    assert ("99% agreed" in render.render_comparison(result)
            and "100%" not in render.render_comparison(result))
    assert ("99% agreed language" in render_compare_html(result)
            and "100% agreed" not in render_compare_html(result))
    print_compare_plain(result)
    out = capsys.readouterr().out
    assert "Draft annex, para. 7: 99% agreed language" in out and "100%" not in out


def test_the_ngram_index_is_kept_per_index_view(tmp_path):
    """The verbatim-span index lives with the library's current view: a document added later is
    found at once (no stale cache), and one view builds it once."""
    from precedent.search.compare.draft import shingle_index

    lib = Library.open(tmp_path / "home", embedder=HashEmbedder())
    view = lib.view
    assert shingle_index(view, 5) is shingle_index(view, 5)
    new = "We resolve to paint every lighthouse of the coast in bright ultramarine blue stripes."
    assert compare_text(lib, new, min_words=6).agreed_words == 0
    src = tmp_path / "lighthouses.txt"
    src.write_text(f"A/RES/99/1\n\nLighthouses\n\n1. {new}\n", encoding="utf-8")
    lib.add(src)
    assert lib.view is not view and shingle_index(lib.view, 5) is not shingle_index(view, 5)
    assert compare_text(lib, new, min_words=6).percent == 100


def test_compare_text_and_file_hold_the_lock_only_for_the_library(lib, tmp_path):
    from precedent.search.compare import DraftTooLong

    held = []

    class Hold:
        def __enter__(self):
            held.append("in")

        def __exit__(self, *exc):
            held.append("out")

    rec = lib.get(P52).text
    assert compare_text(lib, rec, hold=Hold()).percent == 100 and held == ["in", "out"]
    draft = tmp_path / "d.txt"
    draft.write_text(f"{rec}\n\n{DEEP_SEA}\n", encoding="utf-8")
    assert len(compare_file(lib, draft, CompareOptions.make(k=1, include_drafts=True),
                            hold=Hold()).paragraphs) == 2
    assert held == ["in", "out"] * 2
    with pytest.raises(DraftTooLong, match="3 paragraphs; this compares up to 2"):
        compare_text(lib, "One.\n\nTwo.\n\nThree.", max_paragraphs=2)
    with pytest.raises(CompareError, match="either options or keyword"):
        compare_text(lib, rec, CompareOptions.make(), k=2)


def test_the_report_title_says_when_drafts_were_counted():
    """With drafts counted, the HTML report's title still said "compared with agreed language"
    (its body said "agreed or draft")."""
    from types import SimpleNamespace

    from precedent.ui.render import compare_title

    assert compare_title(SimpleNamespace(drafts=[]), "d.txt") == \
        "d.txt compared with agreed language"
    assert compare_title(SimpleNamespace(drafts=["a-80-l-8"]), "d.txt") == \
        "d.txt compared with agreed and draft language"


def test_a_pasted_masthead_is_no_paragraph_of_the_draft():
    """A draft pasted with its masthead counted "General Assembly", "Agenda item 15" and the
    sponsors' line as new words of the draft (17% agreed of 71 words, where the file gave 25% of
    48). Above "The General Assembly," nothing is a paragraph; without it, masthead lines are
    not (a title without them cannot be told from a paragraph, and stays one)."""
    masthead = ("United Nations A/C.3/79/L.12\n\nGeneral Assembly\n\nDistr.: Limited\n"
                "10 October 2024\n\nSeventy-ninth session\n\nAgenda item 15\n\n"
                "Mexico and Morocco: draft resolution\n\n")
    body = "Recognising the role of cities,\n\n1. Calls upon States to act."
    titled = split_paragraphs(masthead + "Protection of migrants\n\n" + body)
    assert [p.text for p in titled] == ["Protection of migrants", "Recognising the role of cities,",
                                        "Calls upon States to act."]
    assert [p.text for p in split_paragraphs(
        masthead + "Protection of migrants\n\nThe General Assembly,\n\n" + body)] == [
        "Recognising the role of cities,", "Calls upon States to act."]
