"""A working draft's paragraphs inserted in negotiation ("3 bis.", "3bis", "OP3 ter"), in a Word
file or a text file read by the parser of UN structure: each a paragraph of its own, cited "para.
3 bis", the printed numbering going on from 3. (An audit: 9 of 9 such paragraphs in DOCX files
were read as unnumbered paragraphs, their label counted "new" language, and 3 of 3 ending with a
colon were merged into the paragraph before, quoted under its number.)"""

from __future__ import annotations

import io
import zipfile

from parse_text import parse_text

from precedent.index.numbering import numbering_note
from precedent.ingest import DocumentInfo, load_document

INFO = DocumentInfo(doc_id="d", title="d")
PARAS = [
    ("1.", "We reaffirm the importance of international cooperation;"),
    ("2.", "We recognize the positive role of migrants, and will draw from the following actions:"),
    ("2 bis.", "We commit to eliminate all forms of discrimination, and will draw from the "
               "following actions:"),
    ("(a)", "Enact legislation;"),
    ("(b)", "Support awareness campaigns;"),
    ("3.", "We recognize that as many as 281 million people were international migrants;"),
    ("3ter", "We welcome the contributions of migrants;"),
    ("OP3 quater.", "We take note of the report;"),
    ("4.", "We request the Secretary-General to report."),
]
WANT = [("1", "We reaffirm"), ("2", "We recognize the positive"), ("2 bis", "We commit"),
        ("2 bis (a)", "Enact"), ("2 bis (b)", "Support"), ("3", "We recognize that"),
        ("3 ter", "We welcome"), ("3 quater", "We take note"), ("4", "We request")]


def _matches(parsed) -> bool:
    records = [r for r in parsed.paragraphs if r.kind != "footnote"]
    assert [r.number for r in records] == [n for n, _ in WANT]
    return all(r.text.startswith(start) for r, (_, start) in zip(records, WANT))


def test_inserted_paragraphs_of_a_text_file_are_their_own():
    text = "\n\n".join(f"{label} {body}" for label, body in PARAS)
    parsed = parse_text(text, INFO)
    assert _matches(parsed)
    by_number = {r.number: r for r in parsed.paragraphs}
    assert by_number["2 bis"].citation.endswith("para. 2 bis")
    assert by_number["2 bis"].id == "d:body:2bis"
    assert "2 bis" not in by_number["2"].text and by_number["2"].text.endswith("actions:")
    assert numbering_note(parsed.paragraphs) == ""  # 1, 2, 3, 4: no break said


def test_inserted_paragraphs_of_a_word_file_are_their_own(tmp_path):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{label}</w:t></w:r><w:r><w:tab/></w:r>'
                   f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
                   for label, text in PARAS)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
    path = tmp_path / "draft.docx"
    path.write_bytes(buf.getvalue())
    assert _matches(load_document(path, INFO))


def test_a_number_followed_by_other_words_is_no_inserted_paragraph():
    parsed = parse_text("1. We decide;\n\n2. We welcome:\n\n3 bistro owners were heard.\n\n"
                        "3. We request.", INFO)
    assert [r.number for r in parsed.paragraphs] == ["1", "2", "3"]
    assert parsed.paragraphs[2].text == "We request."


def test_a_paragraph_inserted_is_cited_as_typed(fake_lib, tmp_path):
    path = tmp_path / "working-draft.txt"
    path.write_text("\n\n".join(f"{label} {body}" for label, body in PARAS), encoding="utf-8")
    fake_lib.add(path)
    answer = fake_lib.search("working-draft para 2 bis", k=3)
    assert answer.hits[0].record.number == "2 bis" and answer.hits[0].relevance == "cited"
    assert answer.hits[0].record.text.startswith("We commit to eliminate")
    answer = fake_lib.search("working-draft para 2", k=3)
    assert answer.hits[0].record.number == "2"


def test_a_preamble_whose_paragraph_ends_in_a_typed_mark_or_says_session_is_kept():
    """A text file or a DOCX with no "The General Assembly," standing alone (a copy of a PDF,
    its masthead joined on one line): the preamble before "1." is found by walking back over
    blocks that read as preambular paragraphs. One ending in a footnote mark typed as digits
    ("Compact,2") or mentioning a session ("its session held in 2023,") stopped the walk: every
    paragraph before it was read as the masthead, and it as the title (an audit: 16 of the 17
    preambular paragraphs of a copy of A/RES/78/111 lost, PP17 cited "PP1")."""
    text = ("United Nations A/RES/99/1 General Assembly Distr.: General 1 January 2030 "
            "Seventy-eighth session Agenda item 80 Resolution adopted by the General Assembly "
            "on 1 January 2030 99/1. Widgets The General Assembly,\n\n"
            "Recalling its resolution 73/195 of 19 December 2018 on the Global Compact,\n\n"
            "Taking note of the report of the Secretary-General on the Global Compact,2\n\n"
            "Recalling also the decision taken at its seventy-seventh session,\n\n"
            "Having considered the report on the work of its session held in 2023, 6\n\n"
            "Noting with concern the loss of life of migrants at sea,\n\n"
            "1. Decides to convene a high-level meeting on migration in 2027;\n\n"
            "2. Requests the Secretary-General to report.")
    parsed = parse_text(text, DocumentInfo(doc_id="d", title=""))
    numbers = [r.number for r in parsed.paragraphs if r.kind != "footnote"]
    assert numbers == ["PP1", "PP2", "PP3", "PP4", "PP5", "1", "2"]
    assert parsed.paragraphs[0].text.startswith("Recalling its resolution 73/195")
    assert parsed.info.symbol == "A/RES/99/1"  # the masthead is still read as one
