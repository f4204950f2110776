"""Bad input: one clear stderr line naming the file and the reason, exit 1, nothing written;
in a batch the other files are still parsed and a summary names the failures."""

from __future__ import annotations

import json
import os
import zipfile

import pytest
from fixtures_un import (
    make_corrupt_pdf,
    make_encrypted_pdf,
    make_html_pdf,
    make_latin1_txt,
    make_scanned_pdf,
    make_un_docx,
)

from precedent.ui.cli import main


def _missing(d):
    return d / "no-such-file.txt"


def _unsupported(d):
    p = d / "resolution.rtf"
    p.write_text("{\\rtf1 1. We commit.}", encoding="ascii")
    return p


def _empty_txt(d):
    p = d / "empty.txt"
    p.write_bytes(b"")
    return p


def _blank_txt(d):
    p = d / "blank.txt"
    p.write_text(" \n\n\t\n", encoding="utf-8")
    return p


def _empty_pdf(d):
    p = d / "empty.pdf"
    p.write_bytes(b"")
    return p


def _not_a_zip_docx(d):
    p = d / "plain.docx"
    p.write_text("1. We commit to cooperate.", encoding="utf-8")
    return p


def _zip_without_document(d):
    p = d / "other.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hello")
    return p


def _legacy_doc(d):
    p = d / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return p


def _broken_docx_xml(d):
    p = d / "broken.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>unclosed")
    return p


def _pdf_bytes_as_txt(d):
    p = d / "really-a-pdf.txt"
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return p


def _binary_noise_txt(d):
    p = d / "noise.txt"
    p.write_bytes(bytes(range(128, 256)) + bytes(range(1, 32)) * 20)
    return p


def test_latin1_text_is_read(tmp_path, capsys):
    """It was refused as "cannot be decoded as UTF-8" (issue #11)."""
    code = main(["parse", str(make_latin1_txt(tmp_path / "latin1.txt"))])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert json.loads(out.splitlines()[0])["text"] == ("Nous réaffirmons notre engagement à "
                                                       "coopérer.")


CASES = {
    "missing": (_missing, "file not found"),
    "unsupported": (_unsupported, "unsupported file type '.rtf'"),
    "empty-txt": (_empty_txt, "file is empty"),
    "blank-txt": (_blank_txt, "file is empty"),
    "empty-pdf": (_empty_pdf, "file is empty"),
    "corrupt-pdf": (lambda d: make_corrupt_pdf(d / "corrupt.pdf"), "corrupt or unreadable PDF"),
    "encrypted-pdf": (lambda d: make_encrypted_pdf(d / "locked.pdf"), "PDF is encrypted"),
    "scanned-pdf": (lambda d: make_scanned_pdf(d / "scan.pdf"), "PDF has no text layer"),
    "html-as-pdf": (lambda d: make_html_pdf(d / "page.pdf"), "HTML page saved with a .pdf name"),
    "binary-noise-txt": (_binary_noise_txt,
                         "cannot be decoded as UTF-8 text (byte 0), nor as Latin-1"),
    "not-a-zip-docx": (_not_a_zip_docx, "not a DOCX file"),
    "zip-without-document": (_zip_without_document, "without word/document.xml"),
    "legacy-doc": (_legacy_doc, "legacy Word .doc"),
    "broken-docx-xml": (_broken_docx_xml, "corrupt DOCX"),
    "pdf-bytes-as-txt": (_pdf_bytes_as_txt, "binary pdf file with a text extension"),
}


def _snapshot(*dirs) -> set[str]:
    return {os.path.join(root, f) for d in dirs for root, _, fs in os.walk(d) for f in fs}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_one_line_exit_1_nothing_written(case, tmp_path, capsys):
    make, reason = CASES[case]
    path = make(tmp_path)
    home = os.environ["PRECEDENT_HOME"]
    before = _snapshot(tmp_path, home)
    code = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    assert reason in lines[0]
    assert lines[0].startswith("precedent: error: ")
    assert _snapshot(tmp_path, home) == before


def test_batch_goes_on_after_a_bad_file(tmp_path, capsys):
    good_txt = tmp_path / "draft.txt"
    good_txt.write_text("1. We commit to cooperate.\n\n2. We request a report.\n", encoding="utf-8")
    bad = make_corrupt_pdf(tmp_path / "corrupt.pdf")
    good_docx = make_un_docx(tmp_path / "res.docx")
    missing = tmp_path / "gone.pdf"
    code = main(["parse", str(good_txt), str(bad), str(good_docx), str(missing)])
    out, err = capsys.readouterr()
    assert code == 1
    recs = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in recs} == {"draft", "a-res-99-123"}
    assert [r["number"] for r in recs if r["doc_id"] == "draft"] == ["1", "2"]
    lines = err.splitlines()
    assert len(lines) == 3
    assert str(bad) in lines[0] and str(missing) in lines[1]
    assert lines[2] == f"precedent: 2 of 4 files failed ({bad}, {missing}); 2 parsed"


def test_good_files_exit_0_and_stay_quiet(tmp_path, capsys):
    good_txt = tmp_path / "draft.txt"
    good_txt.write_text("1. We commit to cooperate.\n", encoding="utf-8")
    assert main(["parse", str(good_txt)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out)["citation"] == "draft, para. 1"


def test_pdf_encrypted_only_against_editing_is_read(tmp_path, capsys):
    path = make_encrypted_pdf(tmp_path / "open.pdf", user_password="")
    assert main(["parse", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    rec = json.loads(out.splitlines()[0])
    assert rec["text"] == "We commit to protect the welfare of migrant communities."
