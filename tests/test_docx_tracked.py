"""A DOCX draft with changes tracked reads as Word prints it with the changes accepted: text
deleted or moved away is not read, nor hidden text, and a paragraph deleted whole leaves no
number behind (the next one takes its number, as Word renumbers the list)."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from precedent.ingest.load import load_document

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

OPERATIVE = ["Decides to hold a meeting on migration;",
             "Requests the Secretary-General to report on migration;",
             "Decides to remain seized of the matter."]


def _draft(path, edit) -> list[tuple[str, str]]:
    """A numbered draft (Word's own list numbers), changed by ``edit(paragraphs)``, parsed:
    (citation's paragraph ref, text) of each operative paragraph."""
    d = docx.Document()
    d.add_paragraph("The General Assembly,")
    d.add_paragraph("Recalling its resolution 98/1,")
    paragraphs = [d.add_paragraph(t, style="List Number") for t in OPERATIVE]
    edit(paragraphs)
    d.save(path)
    return [(r.number, r.text) for r in load_document(path).paragraphs if r.kind == "paragraph"]


def _tracked(tag: str, parent, *, id_: str = "9"):
    el = etree.SubElement(parent, qn(tag))
    el.set(qn("w:id"), id_)
    el.set(qn("w:author"), "delegate")
    return el


def _delete_runs(p) -> None:
    """Put every run of ``p`` under a tracked deletion (its text becomes ``delText``)."""
    for r in list(p.findall(qn("w:r"))):
        p.remove(r)
        _tracked("w:del", p).append(r)
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")


def _delete_mark(p) -> None:
    ppr = p.find(qn("w:pPr"))
    _tracked("w:del", etree.SubElement(ppr, qn("w:rPr")))


def test_as_typed_the_draft_reads_one_two_three(tmp_path):
    assert _draft(tmp_path / "d.docx", lambda ps: None) == [
        ("1", OPERATIVE[0]), ("2", OPERATIVE[1]), ("3", OPERATIVE[2])]


def test_text_moved_away_is_read_where_it_went_only(tmp_path):
    def move(ps):
        gone = _tracked("w:moveFrom", ps[0]._p)
        run = etree.SubElement(gone, qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = " as a matter of priority"
        to = _tracked("w:moveTo", ps[2]._p)
        run = etree.SubElement(to, qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = " as a matter of priority"

    read = dict(_draft(tmp_path / "d.docx", move))
    assert read["1"] == OPERATIVE[0]
    assert read["3"] == OPERATIVE[2] + " as a matter of priority"


def test_hidden_text_is_not_read(tmp_path):
    def hide(ps):
        ps[1].add_run(" [note to the facilitator: check]").font.hidden = True
        shown = ps[2].add_run(" Shown.")
        shown.font.hidden = False  # <w:vanish w:val="0"/>: shown

    read = dict(_draft(tmp_path / "d.docx", hide))
    assert read["2"] == OPERATIVE[1]
    assert read["3"] == OPERATIVE[2] + " Shown."


def test_a_paragraph_deleted_whole_leaves_no_number(tmp_path):
    def delete(ps):
        _delete_runs(ps[1]._p)
        _delete_mark(ps[1]._p)

    assert _draft(tmp_path / "d.docx", delete) == [("1", OPERATIVE[0]), ("2", OPERATIVE[2])]


def test_a_deleted_paragraph_mark_joins_the_text_to_the_next_paragraph(tmp_path):
    def join(ps):
        ps[0].runs[0].text = "Decides to hold a meeting on migration "
        ps[1].runs[0].text = "and requests a report;"
        _delete_mark(ps[0]._p)

    assert _draft(tmp_path / "d.docx", join) == [
        ("1", "Decides to hold a meeting on migration and requests a report;"),
        ("2", OPERATIVE[2])]


# --- what is said of it: the changes read as accepted, hidden text left out ----------------------

def _with_changes(ps) -> None:
    """One insertion, one deletion and one run of hidden text."""
    ins = _tracked("w:ins", ps[0]._p)
    run = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = " urgently"
    ps[1].runs[0].text = "Requests the Secretary-General to report on migration;"
    extra = ps[1].add_run(" annually")
    ps[1]._p.remove(extra._r)
    _tracked("w:del", ps[1]._p).append(extra._r)
    for t in extra._r.findall(qn("w:t")):
        t.tag = qn("w:delText")
    ps[2].add_run(" [hidden]").font.hidden = True


NOTE = ("Read with its tracked changes accepted (1 insertion, 1 deletion): the text as Word "
        "prints it once they are accepted, not as it stood before them.")


def test_the_changes_read_as_accepted_are_counted_and_said(tmp_path):
    path = tmp_path / "d.docx"
    read = dict(_draft(path, _with_changes))
    assert read["1"] == OPERATIVE[0] + " urgently" and read["2"] == OPERATIVE[1]
    assert load_document(path).warnings == (NOTE, "Hidden text left out (1 run).")
    plain = tmp_path / "plain.docx"
    _draft(plain, lambda ps: None)
    assert load_document(plain).warnings == ()


def test_parse_add_compare_and_the_page_say_how_the_draft_was_read(tmp_path, capsys, fake_lib):
    from fake_embedder import SPEC

    from precedent.search.compare import compare_file
    from precedent.ui.cli import main
    from precedent.ui.handlers import Handlers

    path = tmp_path / "draft.docx"
    _draft(path, _with_changes)
    assert main(["parse", str(path)]) == 0
    assert f"precedent: {path}: {NOTE}" in capsys.readouterr().err
    home = ["--home", str(tmp_path / "cli-home"), "--model", SPEC]
    assert main(["add", str(path), *home]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["read_notes"][0] == NOTE and NOTE in result["message"]
    # ... and the library keeps saying it: list, plain and JSON
    assert main(["list", "--plain", *home]) == 0
    listed = capsys.readouterr().out
    assert f"{result['doc_id']}: {NOTE}" in listed
    assert main(["list", *home]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["read_notes"] for r in rows if r["doc_id"] == result["doc_id"]] == [
        [NOTE, "Hidden text left out (1 run)."]]
    assert all(r["read_notes"] == [] for r in rows if r["doc_id"] != result["doc_id"])
    reply = Handlers(fake_lib, download_dir=tmp_path / "dl").library.upload(path)
    assert reply.ok and "pc-warn" in reply.message and "tracked changes accepted" in reply.message
    other = tmp_path / "other.docx"
    _draft(other, _with_changes)
    compared = compare_file(fake_lib, other, include_drafts=True)
    assert compared.file_notes[0] == f"The draft file: r{NOTE[1:]}"
    assert compared.summary()["read_notes"][0] == NOTE


def test_changes_are_counted_as_word_lists_them(tmp_path):
    """A deletion across an italic word is one deletion; a paragraph split with changes tracked
    (only its mark inserted) is one insertion."""
    def italic_deletion(ps):
        _delete_runs(ps[1]._p)  # two runs: "Requests" and the rest
        _delete_mark(ps[1]._p)

    def split(ps):
        ppr = ps[0]._p.find(qn("w:pPr"))
        _tracked("w:ins", etree.SubElement(ppr, qn("w:rPr")))

    def two_runs(ps):
        ps[1].runs[0].text = "Requests"
        ps[1].add_run(" the Secretary-General to report on migration;").italic = True

    path = tmp_path / "d.docx"
    _draft(path, lambda ps: (two_runs(ps), italic_deletion(ps)))
    assert "(1 deletion)" in load_document(path).warnings[0]
    _draft(path, split)
    assert "(1 insertion)" in load_document(path).warnings[0]
