"""Draft to adopted: every paragraph of an adopted text paired with its draft paragraph, in
document order, through insertions, deletions, rewording and renumbering (search.compare.versions,
``precedent trace DOC``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precedent.ingest.records import Paragraph
from precedent.search.compare import align_versions
from precedent.ui.cli import main

PDF = Path(__file__).resolve().parents[1].parent / "shared" / "real-un" / "pdf"
needs_pdfs = pytest.mark.skipif(not PDF.is_dir(), reason=f"real UN PDFs not present at {PDF}")


def para(doc: str, number: str, text: str, kind: str = "paragraph",
         part: str = "resolution") -> Paragraph:
    return Paragraph(id=f"{doc}:{part}:{number}", doc_id=doc, symbol="", title="", date="",
                     part=part,
                     number=number, kind=kind, text=text, citation=f"{doc}, para. {number}")


DRAFT = [
    para("d", "PP1", "Recalling its resolution on widgets and their safe use,", "preambular"),
    para("d", "1", "Decides to convene a working group on widgets open to all Member States;"),
    para("d", "2",
         "Requests the Secretary-General to report on the implementation of the present "
         "resolution;"),
    para("d", "3",
         "Encourages Member States to share data on widget safety with the working group;"),
    para("d", "4", "Invites the regional commissions to contribute to the work of the group;"),
    para("d", "5", "Decides to include the item in the provisional agenda of its next session."),
]
ADOPTED = [
    para("a", "PP1", "Recalling its resolution on widgets and their safe use,", "preambular"),
    para("a", "1", "Decides to convene a working group on widgets open to all Member States;"),
    # an amendment inserts a paragraph: everything after it is renumbered
    para("a", "2", "Emphasizes the role of civil society in promoting the safe use of widgets;"),
    para("a", "3",
         "Requests the Secretary-General to report on the implementation of the present "
         "resolution;"),
    para("a", "4",
         "Strongly encourages Member States to share disaggregated data on widget safety with the "
                   "working group;"),
    # draft 4 (regional commissions) dropped
    para("a", "5", "Decides to include the item in the provisional agenda of its next session."),
]


def test_pairs_survive_an_insertion_a_deletion_rewording_and_renumbering():
    pairs = align_versions(DRAFT, ADOPTED)
    got = [(p.old.number if p.old else None, p.new.number if p.new else None, p.status)
           for p in pairs]
    assert got == [("PP1", "PP1", "unchanged"), ("1", "1", "unchanged"), (None, "2", "added"),
                   ("2", "3", "unchanged"), ("3", "4", "changed"), ("4", None, "dropped"),
                   ("5", "5", "unchanged")]
    changed = next(p for p in pairs if p.status == "changed")
    inserted = [w for op in changed.changes if op.op == "insert" for w in op.new]
    assert {"Strongly", "disaggregated"} <= set(inserted)


def test_a_preambular_paragraph_never_pairs_with_an_operative_one():
    draft = [para("d", "PP1", "Decides to convene a working group on widgets,", "preambular")]
    adopted = [para("a", "1", "Decides to convene a working group on widgets;")]
    assert [p.status for p in align_versions(draft, adopted)] == ["dropped", "added"]


@needs_pdfs
def test_an_adopted_resolution_and_its_draft_from_the_masthead(tmp_path, capsys):
    home = ["--home", str(tmp_path / "home"), "--model", "fake_embedder:HashEmbedder"]
    assert main(["add", str(PDF / "A_RES_80_3.pdf"), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "A/RES/80/3", *home]) == 1  # its draft is not in the library yet
    assert "the draft A/80/L.4 is not in the library; add it first (precedent fetch A/80/L.4)" in \
        capsys.readouterr().err
    assert main(["add", str(PDF / "A_80_L.4.pdf"), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "A/RES/80/3", "--plain", *home]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (out[0].startswith("A/RES/80/3 against its draft A/80/L.4: ")
            and out[0].endswith("0 added, 0 dropped"))
    operative = [ln for ln in out[1:] if ", para. " in ln]
    assert operative and all(ln.split("<- ")[1].split(",")[0] == "A/80/L.4" for ln in operative)
    # every adopted paragraph pairs with the draft paragraph of the same number and part
    for ln in operative:
        new, old = ln.split(None, 1)[1].split(": ")[0].split(" <- ")
        assert new.removeprefix("A/RES/80/3") == old.removeprefix("A/80/L.4"), ln


@needs_pdfs
def test_a_document_naming_no_draft_asks_for_one(tmp_path, capsys):
    home = ["--home", str(tmp_path / "home"), "--model", "fake_embedder:HashEmbedder"]
    assert main(["add", str(PDF / "A_80_L.4.pdf"), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "A/80/L.4", *home]) == 1
    assert "A/80/L.4 names no draft; say which with --against DOC" in capsys.readouterr().err


@needs_pdfs
def test_against_names_the_earlier_version(tmp_path, capsys):
    home = ["--home", str(tmp_path / "home"), "--model", "fake_embedder:HashEmbedder"]
    for name in ("A_RES_80_7.pdf", "A_80_L.7.pdf"):
        assert main(["add", str(PDF / name), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "a-res-80-7", "--against", "A/80/L.7", *home]) == 0
    lines = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    summary = lines[-1]["summary"]
    assert (summary["new"], summary["old"], summary["added"],
            summary["dropped"]) == ("A/RES/80/7", "A/80/L.7", 0, 0)
    assert all(p["old"] and p["new"] for p in lines[:-1])


def test_a_merged_paragraph_is_merged_not_dropped_and_a_swap_is_a_move():
    """Draft paras. 1 and 2 merged into adopted para. 1, items (a) and (b) swapped: "dropped"
    of a paragraph every word of which the adopted text holds, and "dropped"/"added" of the same
    item, were false. A paragraph split in two is "split" out of the one that held it."""
    a_text = "Decides to convene a working group on widgets open to all Member States;"
    b_text = "Requests the working group to report to the Assembly at its next session;"
    item_a = "to share data on widget safety with every region;"
    item_b = "to invite the regional commissions to contribute to the work of the group;"
    draft = [para("d", "1", a_text), para("d", "2", b_text),
             para("d", "3", "Encourages Member States:"),
             para("d", "3 (a)", item_a, "subparagraph"), para("d", "3 (b)", item_b, "subparagraph")]
    adopted = [para("a", "1", a_text[:-1] + ", and " + b_text[0].lower() + b_text[1:]),
               para("a", "2", "Encourages Member States:"),
               para("a", "2 (a)", item_b, "subparagraph"),
               para("a", "2 (b)", item_a, "subparagraph")]
    pairs = align_versions(draft, adopted)
    merged = [p for p in pairs if p.status == "merged"]
    assert len(merged) == 1 and merged[0].within.number == "1"
    assert merged[0].old.number in ("1", "2")
    moved = [p for p in pairs if p.status == "moved"]
    assert len(moved) == 1 and not any(op.op != "equal" for op in moved[0].changes)
    assert not [p for p in pairs if p.status in ("dropped", "added")]
    # back the other way: the adopted para. 1's words split into two
    back = {p.status for p in align_versions(adopted, draft)}
    assert "split" in back and not back & {"dropped", "added"}


def test_a_change_of_case_is_a_change():
    """"the States Members" lower-cased was "same", counted unchanged."""
    draft = [para("d", "1", "We, the States Members of the United Nations, welcome the plan.")]
    adopted = [para("a", "1", "We, the states members of the United Nations, welcome the plan.")]
    (pair,) = align_versions(draft, adopted)
    assert pair.status == "changed"
    assert [op.to_list() for op in pair.changes if op.op != "equal"] == [
        ["-", "States Members"], ["+", "states members"]]
    # quotes and dashes are typography, not words
    dashes = [para("d", "1", "We welcome the \"plan\" for 2015-2030.")]
    typographic = [para("a", "1", "We welcome the “plan” for 2015–2030.")]
    assert align_versions(dashes, typographic)[0].status == "unchanged"


# five operative paragraphs of a made-up resolution, for the moves and merges below
ZEBRAS = ("Welcomes the efforts of Member States to protect zebras;",
          "Requests the Secretary-General to submit a report on zebras to the General Assembly at "
          "its eighty-first session;",
          "Encourages States to share data on zebra routes;",
          "Calls upon States to cooperate on the protection of zebra habitats across borders;",
          "Invites donors to contribute to the trust fund for zebras;")


def test_merged_and_split_only_where_words_went_and_moves_found_far():
    """The audit's cases: a paragraph deleted whose words another paragraph already held (and
    kept) is dropped, not "merged"; "Notes the report;" is not "merged" into "... notes the
    reports ..."; a duplicate deleted is dropped; two paragraphs swapped far apart (which the
    alignment in order paired with others, as "changed") moved; a paragraph merged into a new
    one was merged, not dropped."""
    w, r, e, c, i = ZEBRAS
    u = "Urges all Member States to ratify the zebra convention;"
    d = "Decides to remain seized of the matter."

    def statuses(old, new):
        pairs = align_versions([para("d", str(n), t) for n, t in enumerate(old, 1)],
                               [para("a", str(n), t) for n, t in enumerate(new, 1)])
        return [(p.status, p.old and p.old.number, p.new and p.new.number,
                 p.within and p.within.number) for p in pairs]

    kept = e[:-1] + " and notes the report;"
    assert ("dropped", "2", None, None) in statuses([w, "Notes the report;", kept, d], [w, kept, d])
    reports = e[:-1] + " and notes the reports of the Secretary-General;"
    assert ("dropped", "2", None, None) in statuses([w, "Notes the report;", e, d],
                                                    [w, reports, d])
    assert [s for s, *_ in statuses([w, d, e, d], [w, e, d])].count("dropped") == 1
    swapped = statuses([w, r, e, c, i, u, d], [w, i, e, c, r, u, d])
    assert ("moved", "5", "2", None) in swapped and ("moved", "2", "5", None) in swapped
    assert {s for s, *_ in swapped} == {"unchanged", "moved"}
    joined = "Notes the report of the Secretary-General and decides to remain seized of the matter;"
    merged = statuses([w, "Urges States to act;", "Notes the report of the Secretary-General;", d],
                      [w, joined])
    assert ("merged", "4", None, "2") in merged or ("merged", "3", None, "2") in merged


def test_no_move_merge_or_split_that_the_words_do_not_show():
    """The second audit's cases: a paragraph amended in place stays paired where it stands
    (a new paragraph closer in words elsewhere does not take it: it was "moved" there, and the
    amended one "added"); words gained by a preambular paragraph are not an operative
    paragraph merged into it; a one-word item ("(b) children;") standing in another paragraph
    is no merge; two draft paragraphs "Notes the report." are not both merged into one
    paragraph that holds those words once."""
    def statuses(old, new):
        pairs = align_versions([para("d", n, t, k) for n, t, k in old],
                               [para("a", n, t, k) for n, t, k in new])
        return [(p.status, p.old and p.old.number, p.new and p.new.number) for p in pairs]

    z = "Takes note of the report of the Secretary-General on zebras;"
    w = "Welcomes the efforts of Member States to protect zebras;"
    amended = ("Takes note with appreciation of the report of the Secretary-General on zebras "
               "and of the recommendations therein;")
    got = statuses([("1", z, "paragraph"), ("2", w, "paragraph")],
                   [("1", amended, "paragraph"), ("2", w, "paragraph"),
                    ("3", z.replace("zebras", "elephants"), "paragraph")])
    assert got == [("changed", "1", "1"), ("unchanged", "2", "2"), ("added", None, "3")]
    recalling = "Recalling its resolution 73/195 of 19 December 2018,"
    notes = "Notes the report of the Secretary-General on zebras;"
    got = statuses([("PP1", recalling, "preambular"), ("1", w, "paragraph"),
                    ("2", notes, "paragraph")],
                   [("PP1", recalling[:-1] + ", and notes the report of the Secretary-General on "
                     "zebras,", "preambular"), ("1", w, "paragraph")])
    assert ("dropped", "2", None) in got
    e = "Encourages States to share data on zebra routes;"
    got = statuses([("1", "Calls upon States:", "paragraph"),
                    ("1 (a)", "women;", "subparagraph"), ("1 (b)", "children;", "subparagraph"),
                    ("2", e, "paragraph")],
                   [("1", "Calls upon States:", "paragraph"),
                    ("1 (a)", "women;", "subparagraph"),
                    ("2", e[:-1] + ", including on children;", "paragraph")])
    assert ("dropped", "1 (b)", None) in got
    got = statuses([("1", w, "paragraph"), ("2", notes, "paragraph"), ("3", notes, "paragraph")],
                   [("1", w[:-1] + " and notes the report of the Secretary-General on zebras;",
                     "paragraph")])
    assert sorted(s for s, *_ in got if s != "changed") == ["dropped", "merged"]


def test_the_command_line_says_moved_merged_and_split_and_counts_them(capsys):
    """``precedent trace DOC --plain``: the header counts moved, merged and split paragraphs,
    and each line says which paragraph went where (the JSON lines carry ``within``)."""
    import json

    from precedent.search.compare.versions import VersionsResult
    from precedent.ui.cmd_compare import _print_versions

    w, r, e, c, i = ZEBRAS
    n = "Notes the report of the Secretary-General on zebras;"
    old = [para("d", str(k), t) for k, t in enumerate([w, r, e, c, i, n], 1)]
    new = [para("a", str(k), t) for k, t in
           enumerate([w, i, e, c[:-1] + " and notes the report of the Secretary-General on zebras;",
                      r], 1)]
    result = VersionsResult({"doc_id": "d", "symbol": "A/80/L.99"},
                            {"doc_id": "a", "symbol": "A/RES/80/99"}, align_versions(old, new))
    _print_versions(result, plain=True)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("A/RES/80/99 against A/80/L.99: 2 unchanged, 1 changed, "
                                   "0 added, 0 dropped, 2 moved, 1 merged")
    assert "  merged   d, para. 6 into a, para. 4 (every word of it)" in out
    assert "  moved    a, para. 5 <- d, para. 2" in out
    _print_versions(result, plain=False)
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {x.get("within") for x in lines if x.get("status") == "merged"} == {"a, para. 4"}
    assert lines[-1]["summary"]["moved"] == 2
    split_back = VersionsResult({"doc_id": "a"}, {"doc_id": "d"}, align_versions(new, old))
    _print_versions(split_back, plain=True)
    assert "  split    d, para. 6 out of a, para. 4 (every word of it)" in capsys.readouterr().out


@needs_pdfs
def test_a_later_text_is_refused_as_the_earlier_version_and_another_text_is_said(tmp_path,
                                                                                capsys):
    # "trace A/80/L.2 --against A/RES/80/1" showed history backwards: PP3, added at adoption,
    # "dropped", and "grave", struck at adoption, inserted (an audit: 10 of 10 reversed pairs);
    # and the Awaza declaration "against" the Doha one, "165 dropped", with nothing said
    home = ["--home", str(tmp_path / "home"), "--model", "fake_embedder:HashEmbedder"]
    for name in ("A_RES_80_1.pdf", "A_80_L.2.pdf", "A_RES_80_3.pdf", "A_RES_80_5.pdf"):
        assert main(["add", str(PDF / name), *home]) == 0
    capsys.readouterr()
    assert main(["trace", "A/80/L.2", "--against", "A/RES/80/1", *home]) == 1
    assert ("A/RES/80/1 (2025-09-19) is later than A/80/L.2 (2025-09-15): --against names the "
            "earlier version; to see what changed from A/80/L.2 to A/RES/80/1, run: precedent "
            "trace A/RES/80/1 --against A/80/L.2") in capsys.readouterr().err
    assert main(["trace", "A/RES/80/1", "--against", "A/80/L.2", "--plain", *home]) == 0
    out = capsys.readouterr().out
    assert "1 added, 0 dropped" in out.splitlines()[0] and "! Only" not in out
    assert main(["trace", "A/RES/80/3", "--against", "A/RES/80/5", *home]) == 1
    assert main(["trace", "A/RES/80/5", "--against", "A/RES/80/3", "--plain", *home]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  ! Only 2 of the 167 paragraphs of A/RES/80/5 have a counterpart "
                             "in A/RES/80/3, which is not its draft: the two may be different "
                             "texts, not versions of one.")
    assert main(["trace", "A/RES/80/5", "--against", "A/RES/80/3", *home]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])["summary"]
    assert summary["caution"].startswith("Only 2 of the 167")
