"""Issue #19 item 2: DOCX element bombs under the size caps. A part is read as a stream: memory
stays flat whatever it holds, and bounds on paragraphs, tags in one paragraph and text stop the
work early with one clear line."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from precedent.ingest import IngestError, load_document, readers
from precedent.ingest.docx_text import docx_paragraph_texts
from precedent.ingest.xml_stream import PartLimits, stream_elements

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FIRST = b"<w:p><w:r><w:t>1. We commit to cooperation.</w:t></w:r></w:p>"
ROOTS = {"word/document.xml": ("document", b"<w:body>", b"</w:body>"),
         "word/styles.xml": ("styles", b"", b""), "word/numbering.xml": ("numbering", b"", b""),
         "word/footnotes.xml": ("footnotes", b'<w:footnote w:id="1">', b"</w:footnote>")}
RELS = ('<?xml version="1.0"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="r1" Type="http://x/styles" Target="styles.xml"/><Relationship Id="r2" '
        'Type="http://x/numbering" Target="numbering.xml"/><Relationship Id="r3" '
        'Type="http://x/footnotes" Target="footnotes.xml"/></Relationships>')


def element_bomb(path: Path, element: bytes = b"<w:p/>", count: int = 10_000_000, parts: int = 1,
                 inside_paragraph: bool = False) -> Path:
    """A DOCX whose first ``parts`` parts each hold ``count`` copies of ``element`` (inside one
    paragraph of document.xml with ``inside_paragraph``): a few hundred KB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/_rels/document.xml.rels", RELS)
        for name, (root, head, tail) in list(ROOTS.items())[:parts]:
            with zf.open(name, "w", force_zip64=True) as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W}">'.encode()
                        + head)
                if name == "word/document.xml":
                    f.write(FIRST + (b"<w:p>" if inside_paragraph else b""))
                block = element * 100_000
                for _ in range(count // 100_000):
                    f.write(block)
                f.write(element * (count % 100_000))
                if inside_paragraph and name == "word/document.xml":
                    f.write(b"</w:p>")
                f.write(tail + f"</w:{root}>".encode())
    return path


# ``precedent parse`` in a child that reports its own peak memory (VmHWM: the high-water mark of
# its address space since exec; a child's ru_maxrss would count the pytest process it forked from).
PARSE_AND_REPORT = """
import sys
from precedent.ui.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as f:
    peak = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
print(f"VmHWM {peak}", file=sys.stderr)
sys.exit(code)
"""


def parse_in_child(path: Path) -> tuple[int, str, float]:
    """(exit code, stderr, peak RSS in MB) of ``precedent parse PATH``."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc (Linux) to read a process's peak memory")
    run = subprocess.run([sys.executable, "-c", PARSE_AND_REPORT, "parse", str(path)],
                         capture_output=True, text=True, timeout=300)
    lines = run.stderr.splitlines()
    peak_kb = next(int(line.split()[1]) for line in lines if line.startswith("VmHWM "))
    return run.returncode, "\n".join(line for line in lines
                                     if not line.startswith("VmHWM ")) + "\n", peak_kb / 1024


# The interpreter with lxml and the ingest stage takes about 50 MB; the bombs took 1.4 GB and 4.5
# GB.
FLAT_MB = 300


@pytest.mark.parametrize("parts", [1, 4])
def test_ten_million_empty_paragraphs_are_refused_in_flat_memory(tmp_path, parts):
    bomb = element_bomb(tmp_path / f"bomb-{parts}.docx", parts=parts)
    assert bomb.stat().st_size < 500_000
    code, err, peak = parse_in_child(bomb)
    assert peak < FLAT_MB, f"peak RSS {peak:.0f} MB"
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "DOCX part word/" in err and "not read" in err


def test_a_bomb_of_other_elements_is_dropped_as_it_is_parsed(tmp_path):
    """Elements the reader does not want (bookmarks here) are never held: the file reads as its
    one real paragraph, in flat memory."""
    bomb = element_bomb(tmp_path / "bookmarks.docx", b'<w:bookmarkStart w:id="1"/>', 2_000_000)
    code, err, peak = parse_in_child(bomb)
    assert code == 0, err
    assert peak < FLAT_MB, f"peak RSS {peak:.0f} MB"
    assert [r.text for r in load_document(bomb).paragraphs] == ["We commit to cooperation."]


def test_a_paragraph_of_too_many_tags_is_refused(tmp_path):
    bomb = element_bomb(tmp_path / "runs.docx", b"<w:r/>", 1_000_000, inside_paragraph=True)
    with pytest.raises(IngestError) as e:
        load_document(bomb)
    assert e.value.reason == ("DOCX part word/document.xml holds one of its paragraphs with more "
                              f"than {readers.MAX_DOCX_ELEMENT_TAGS:,} tags; not read")


def test_ten_million_styles_are_refused(tmp_path):
    path = tmp_path / "styles.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml",
                    f'<w:document xmlns:w="{W}"><w:body>{FIRST.decode()}</w:body></w:document>')
        zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">' + "<w:style/>" * 300_000
                    + "</w:styles>")
    with pytest.raises(IngestError) as e:
        load_document(path)
    assert e.value.reason == ("DOCX part word/styles.xml holds more than "
                              f"{readers.MAX_DOCX_ELEMENTS:,} styles; not read")


def test_text_is_bounded_while_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 10_000)
    paragraph = b"<w:p><w:r><w:t>" + b"a" * 999 + b"</w:t></w:r></w:p>"
    path = element_bomb(tmp_path / "text.docx", paragraph, 20)
    with pytest.raises(IngestError) as e:
        load_document(path)
    assert "text is longer than 10,000 characters" in e.value.reason


def test_the_tree_holds_one_chunk_of_finished_elements_at_most():
    """Whatever the part holds, the elements in memory at any time are the open path and one
    chunk's worth of finished ones: here 400,000 paragraphs and 400,000 bookmarks between them."""
    body = (b"<w:p><w:r><w:t>x</w:t></w:r></w:p><w:bookmarkStart/>") * 400_000
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>'.encode() + body
                    + b"</w:body></w:document>")
    largest, seen = 0, 0
    for p in stream_elements(zipfile.ZipFile(buf), "word/document.xml", f"{{{W}}}document",
                             [f"{{{W}}}p"], PartLimits(elements=10**6)):
        seen += 1
        if seen % 20_000 == 0:
            largest = max(largest, sum(1 for _ in p.getroottree().iter()))
    assert seen == 400_000
    assert 0 < largest < 20_000  # 64 KB of this markup holds about 8,000 elements


def test_paragraphs_in_tables_controls_and_alternate_content_are_read_once():
    body = ('<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nested '
            f'cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>'
            '<w:sdt><w:sdtContent><w:p><w:r><w:t>In a '
            'control</w:t></w:r></w:p></w:sdtContent></w:sdt><mc:AlternateContent '
            f'xmlns:mc="{MC}"><mc:Choice '
            'Requires="w14"><w:p><w:r><w:t>Chosen</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>Fallback</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml",
                    f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    assert docx_paragraph_texts(buf) == ["Nested cell", "In a control", "Chosen"]
