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
