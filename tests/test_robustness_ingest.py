"""Issue #11, reading files: decompression bombs, sizes, devices and pipes, encodings, file
names in other scripts. Each bad input is refused with one clear line and changes nothing."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fake_embedder import SPEC, cli_env

from precedent.ingest import IngestError, load_document, readers
from precedent.ingest.assemble import RECORD_CHARS
from precedent.ingest.load import MAX_PARAGRAPH_CHARS, slugify

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, runs: int, run_bytes: int = 1 << 20,
               extra: dict[str, bytes] | None = None) -> Path:
    """A DOCX whose document.xml holds ``runs`` runs of ``run_bytes`` letters (a bomb when large:
    the letters compress about a thousand to one)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?><w:document '
                    f'xmlns:w="{W}"><w:body>'.encode())
            f.write(b"<w:p><w:r><w:t>1. We commit to cooperation.</w:t></w:r></w:p><w:p>")
            run = b"<w:r><w:t>" + b"a" * run_bytes + b"</w:t></w:r>"
            for _ in range(runs):
                f.write(run)
            f.write(b"</w:p></w:body></w:document>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def test_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = write_docx(tmp_path / "bomb.docx", runs=80)  # 80 MiB inflated, under 1 MB on disk
    assert bomb.stat().st_size < 2**20
    with pytest.raises(IngestError) as e:
        load_document(bomb)
    assert "inflates to 80 MB" in e.value.reason and "not read" in e.value.reason


def test_docx_parts_together_over_the_total_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DOCX_TOTAL_BYTES", 3 * 2**20)
    parts = {f"word/media/blob{i}.bin": b"\0" * 2**20 for i in range(3)}
    docx = write_docx(tmp_path / "many.docx", runs=0, extra=parts)
    with pytest.raises(IngestError) as e:
        load_document(docx)
    assert "DOCX inflates to 3 MB (the limit is 3 MB)" in e.value.reason


def test_a_part_is_read_with_its_bound_even_if_the_zip_directory_lies(tmp_path, monkeypatch):
    """The reader of the parts stops at the bound too (the directory check is the first line)."""
    monkeypatch.setattr(readers, "_check_inflated_sizes", lambda path, zf: None)
    monkeypatch.setattr(readers, "MAX_DOCX_PART_BYTES", 2**20)
    docx = write_docx(tmp_path / "big.docx", runs=3)
    with pytest.raises(IngestError) as e:
        load_document(docx)
    assert "word/document.xml inflates past 1 MB" in e.value.reason


def test_an_ordinary_docx_is_still_read(tmp_path):
    doc = load_document(write_docx(tmp_path / "ok.docx", runs=0))
    assert [r.text for r in doc.paragraphs] == ["We commit to cooperation."]


def test_cli_parse_of_a_bomb_is_one_line_exit_1(tmp_path):
    bomb = write_docx(tmp_path / "bomb.docx", runs=70)
    run = subprocess.run([sys.executable, "-m", "precedent.ui.cli", "parse", str(bomb)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"precedent: error: {bomb}: DOCX part word/document.xml inflates to 70 MB (the limit is 64 "
        "MB per part); not read"]


# -- sizes, devices and pipes ---------------------------------------------------------------

def test_a_one_line_text_is_refused_before_parsing(tmp_path):
    one_line = tmp_path / "one-line.txt"
    one_line.write_text("migration " * 600_000, encoding="utf-8")  # 6 MB, no paragraph break
    with pytest.raises(IngestError) as e:
        load_document(one_line)
    assert "its text is too long (6,000,000 characters; the limit is 5,000,000" in e.value.reason


def test_a_paragraph_over_the_limit_is_refused(tmp_path):
    text = tmp_path / "long-paragraph.txt"
    text.write_text("1. Short paragraph.\n\n2. " + "word " * (MAX_PARAGRAPH_CHARS // 4) + "\n",
                    encoding="utf-8")
    with pytest.raises(IngestError) as e:
        load_document(text)
    assert "paragraphs are limited to 50,000" in e.value.reason


def test_a_paragraph_wrapped_over_many_lines_is_kept_whole_in_records_under_the_limit(tmp_path):
    """No document is refused for a paragraph's length: it is kept, in order, as consecutive
    records of at most ``RECORD_CHARS`` (``2``, ``2 (cont. 2)`` ...), each citing its paragraph."""
    text = tmp_path / "wrapped.txt"
    # one paragraph, 57,000 chars
    lines = "\n".join(["we commit to cooperation on migration"] * 1500)
    text.write_text(f"1. Short paragraph.\n\n2. {lines}\n", encoding="utf-8")
    recs = load_document(text).paragraphs
    pieces = [r for r in recs if r.number.split(" ")[0] == "2"]
    assert [r.number for r in pieces] == ["2", "2 (cont. 2)"]
    assert all(len(r.text) <= RECORD_CHARS for r in pieces)
    assert " ".join(r.text
                    for r in pieces) == " ".join(["we commit to cooperation on migration"] * 1500)
    assert pieces[1].parent == pieces[0].id and pieces[1].citation.endswith("para. 2 (cont. 2)")
    assert len({r.id for r in recs}) == len(recs)


def test_a_file_over_the_byte_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("1. We commit.\n\n" * 200, encoding="utf-8")
    with pytest.raises(IngestError) as e:
        load_document(big)
    assert e.value.reason == "file is too large (over 0 MB)" or "too large" in e.value.reason


def test_symlink_to_a_device_and_a_fifo_are_refused_without_reading(tmp_path):
    """Run in a child with a timeout: without the check, /dev/zero is read until memory runs out
    and opening a FIFO blocks forever."""
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    home = tmp_path / "home"
    run = subprocess.run([sys.executable, "-m", "precedent.ui.cli", "add", str(zero), str(fifo),
                          "--home", str(home),
                          "--model", SPEC], capture_output=True, text=True, timeout=120,
                         env=cli_env())
    assert run.returncode == 1
    assert f"{zero}: is not a regular file (a device, pipe or socket)" in run.stderr
    assert f"{fifo}: is not a regular file (a device, pipe or socket)" in run.stderr


# -- encodings ------------------------------------------------------------------------------

TEXT = "1. Nous réaffirmons notre engagement « à coopérer » – 移民.\n\n2. Второй абзац.\n"


@pytest.mark.parametrize("encoding,bom",
                         [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-32-le", codecs.BOM_UTF32_LE),
                          ("utf-8", codecs.BOM_UTF8)])
def test_text_with_a_byte_order_mark_is_read(tmp_path, encoding, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    assert [r.text for r in load_document(path).paragraphs] == [
        "Nous réaffirmons notre engagement « à coopérer » – 移民.", "Второй абзац."]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_eight_bit_text_is_read(tmp_path, encoding):
    path = tmp_path / "latin.txt"
    text = "1. Nous réaffirmons notre engagement à coopérer.\n" + ("2. Coût: 5 € “cités”.\n"
                                                                   if encoding == "cp1252" else "")
    path.write_bytes(text.encode(encoding))
    got = [r.text for r in load_document(path).paragraphs]
    assert got[0] == "Nous réaffirmons notre engagement à coopérer."
    if encoding == "cp1252":
        assert got[1] == "Coût: 5 € “cités”."


def test_binary_noise_with_a_text_name_says_how_to_convert(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4 + bytes(range(1, 32)) * 40)
    with pytest.raises(IngestError) as e:
        load_document(path)
    assert ("cannot be decoded as UTF-8 text" in e.value.reason
            and "save it as UTF-8" in e.value.reason)


# -- ids from file names in other scripts ---------------------------------------------------

def test_ids_from_non_latin_names_are_distinct_and_stable():
    names = ["移民", "文書", "الهجرة", "الهجره", "Миграция", "Миграции"]
    ids = [slugify(n) for n in names]
    assert len(set(ids)) == len(names) and "document" not in ids
    assert ids == [slugify(n) for n in names]  # the same name, the same id
    assert all(i and all(c.isascii() and (c.isalnum() or c == "-") for c in i) for i in ids)
    assert slugify("Résolution 73/195") == "resolution-73-195"
    assert slugify("A/RES/73/195") == "a-res-73-195"  # ASCII names keep their ids
