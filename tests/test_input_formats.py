"""The input formats, declared once (``ingest.readers.FORMATS``), and everything that reads it:
the reader's dispatch and refusals, the page's file pickers and messages, the command line,
the draft comparison and the download sniffing of ``precedent fetch``."""

from __future__ import annotations

import pytest

from precedent.index.fetch import sniff_download
from precedent.ingest import IngestError
from precedent.ingest.readers import (
    FORMATS,
    SUPPORTED,
    UPLOAD_SUFFIXES,
    format_for,
    named_kinds,
    named_suffixes,
    read_source,
    sniff,
    unsupported,
    upload_labels,
)
from precedent.ui import uploads
from precedent.ui.cmd_library import expand_paths

UN_TEXT = "1. We commit to safe, orderly and regular migration.\n"


def test_the_declaration_names_each_format_once():
    assert [f.name for f in FORMATS] == ["pdf", "docx", "text"]
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) and set(suffixes) == SUPPORTED
    assert all(s == s.lower() and s.startswith(".") for s in suffixes)
    assert UPLOAD_SUFFIXES == (".pdf", ".docx", ".txt")
    assert upload_labels() == "PDF, DOCX or TXT"
    assert named_suffixes() == ".pdf, .docx, .txt or .md"
    assert named_kinds() == "PDF, DOCX, TXT or MD"


@pytest.mark.parametrize("name, expected", [("a.PDF", "pdf"), ("b.docx", "docx"), ("c.md", "text"),
                                            ("d.markdown", "text"), ("e.rtf", None),
                                            ("noext", None)])
def test_a_file_name_says_its_format(name, expected):
    fmt = format_for(name)
    assert (fmt.name if fmt else None) == expected


def test_every_suffix_reaches_its_reader(tmp_path):
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            path = tmp_path / f"doc{suffix}"
            path.write_text(UN_TEXT, encoding="utf-8")
            if fmt.plain:
                assert read_source(path).pages == [UN_TEXT]
            else:  # text bytes under a binary format's name: its reader refuses them
                with pytest.raises(IngestError, match=f"is not a {fmt.label}"):
                    read_source(path)


def test_the_refusals_name_the_formats(tmp_path):
    rtf = tmp_path / "notes.rtf"
    rtf.write_text(UN_TEXT, encoding="utf-8")
    message = "unsupported file type '.rtf' (use .pdf, .docx, .txt or .md)"
    assert unsupported(".RTF") == message
    with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_source(rtf)
    assert expand_paths([str(rtf)]) == ([], [f"{rtf}: {message}"])
    empty = tmp_path / "empty"
    empty.mkdir()
    assert expand_paths([str(empty)]) == ([],
                                          [f"{empty}: folder has no .pdf, .docx, .txt or .md file"])
    assert uploads.check_file(rtf,
                              "notes.rtf") == "unsupported file type '.rtf'; use PDF, DOCX or TXT"
    md = tmp_path / "notes.md"  # read from the command line, not offered by the page's pickers
    md.write_text(UN_TEXT, encoding="utf-8")
    assert uploads.check_file(md, "notes.md").startswith("unsupported file type '.md'")
    assert expand_paths([str(md)]) == ([md], [])


@pytest.mark.parametrize("data, kind, download", [
    (b"  %PDF-1.7\n", "pdf", "pdf"),
    (b"PK\x03\x04 not really a zip", "zip", "other"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc", "doc"),
    (b"\xffWPC\x10\x00", "wpd", "wpd"),
    (b"<!DOCTYPE html><html><body>Not found</body></html>", "html", "html"),
    (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "html", "html"),
    (b"1. We commit to ...", "text", "other"),
    (b"", "text", "other"),
])
def test_one_sniffing_of_magic_bytes_for_files_and_downloads(data, kind, download):
    assert sniff(data) == kind
    assert sniff_download(data) == download
