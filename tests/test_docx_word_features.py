"""DOCX features Word prints that the reader once misread (an audit's reproducers, each built
from raw WordprocessingML): text boxes fused into their paragraph, lists defined through a list
style, levels redefined by an override, Symbol-font characters, hidden character styles,
endnotes, positional tabs, a superscript number's own spaces."""

from __future__ import annotations

import io
import zipfile

from precedent.ingest.docx_text import docx_body, docx_paragraph_texts

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/'
                  f'officeDocument/2006/relationships/{kind}" Target="{kind}.xml"/>'
                  for k, kind in enumerate(("numbering", "styles", "footnotes", "endnotes")))
        + "</Relationships>")


def docx(body: str, numbering: str = "", styles: str = "", endnotes: str = "") -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/_rels/document.xml.rels", RELS)
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        z.writestr("word/endnotes.xml", f"<w:endnotes {NS}>{endnotes}</w:endnotes>")
    buf.seek(0)
    return buf


def r(text: str, rpr: str = "") -> str:
    return (f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


def p(runs: str, ppr: str = "") -> str:
    return f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}{runs}</w:p>'


def numbered(num_id: str, level: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def level(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def test_a_text_box_is_read_apart_not_fused_into_its_paragraph():
    box = ('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p(r("Box one"))
           + p(r("Box two")) + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    choice = ('<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:txbxContent>'
              + p(r("Drawn box")) + "</w:txbxContent></w:r></mc:Choice><mc:Fallback><w:r>"
              "<w:txbxContent>" + p(r("Drawn box")) + "</w:txbxContent></w:r></mc:Fallback>"
              "</mc:AlternateContent>")
    lines = docx_paragraph_texts(docx(p(r("Decides to act") + box + r(" on migration;"))
                                      + p(r("Welcomes") + choice + r(" the report;"))))
    assert lines == ["Decides to act on migration;", "Box one", "Box two",
                     "Welcomes the report;", "Drawn box"]


def test_a_list_defined_through_a_list_style_is_numbered():
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="UNList"/>'
                 + level(0, "decimal", "%1.") + "</w:abstractNum>"
                 '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="UNList"/>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    styles = ('<w:style w:type="numbering" w:styleId="UNList"><w:pPr>' + numbered("1")
              + "</w:pPr></w:style>")
    lines = docx_paragraph_texts(docx("".join(p(r(t), numbered("2")) for t in ("A;", "B;", "C.")),
                                      numbering, styles))
    assert lines == ["1. A;", "2. B;", "3. C."]


def test_a_level_redefined_by_an_override_prints_as_redefined():
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.")
                 + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                 + level(0, "lowerLetter", "(%1)") + "</w:lvlOverride></w:num>")
    body = (p(r("One;"), numbered("1")) + p(r("Two;"), numbered("1"))
            + p(r("First item;"), numbered("2")) + p(r("Second item."), numbered("2")))
    assert docx_paragraph_texts(docx(body, numbering)) == ["1. One;", "2. Two;",
                                                           "(a) First item;", "(b) Second item."]


def test_symbols_print_as_the_font_shows_them_and_picture_fonts_are_said():
    sym = '<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'
    body = p(r("at least ") + sym.format(font="Symbol", char="F0B3") + r(" 5 per cent, ")
             + sym.format(font="Symbol", char="F061") + r(" and ")
             + sym.format(font="Times New Roman", char="2264") + r(" 10;"))
    body += p(r("Checked ") + sym.format(font="Wingdings", char="F0FC") + r("."))
    read = docx_body(docx(body))
    assert read.lines == ["at least ≥ 5 per cent, α and ≤ 10;", "Checked \ufffd."]
    assert read.notes() == ("1 symbol of a picture font (Wingdings ...) printed as \ufffd.",)


def test_a_character_style_that_hides_text_hides_it():
    styles = ('<w:style w:type="character" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr>'
              '</w:style><w:style w:type="character" w:styleId="HiddenNote"><w:basedOn '
              'w:val="Hidden"/></w:style><w:style w:type="character" w:styleId="Shown">'
              '<w:basedOn w:val="Hidden"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>')
    body = p(r("Decides to act") + r(" [Secretariat note]", '<w:rStyle w:val="HiddenNote"/>')
             + r(" now", '<w:rStyle w:val="Shown"/>') + r(";"))
    read = docx_body(docx(body, styles=styles))
    assert read.lines == ["Decides to act now;"]
    assert read.notes() == ("Hidden text left out (1 run).",)


def test_endnotes_are_said_not_read():
    body = p(r("Recalls the 2030 Agenda") + '<w:r><w:endnoteReference w:id="1"/></w:r>'
             + r(" and its targets;"))
    notes = '<w:endnote w:id="1">' + p(r("Resolution 70/1.")) + "</w:endnote>"
    read = docx_body(docx(body, endnotes=notes))
    assert read.lines == ["Recalls the 2030 Agenda and its targets;"]
    assert read.notes() == ("1 endnote not read, nor their marks: only footnotes are.",)


def test_a_positional_tab_and_a_superscript_numbers_own_space_separate_words():
    body = (p(r("Decides") + '<w:r><w:ptab w:relativeTo="margin" w:alignment="left" '
              'w:leader="none"/></w:r>' + r("to act;"))
            + p(r("Notes that 10") + r("3 ", '<w:vertAlign w:val="superscript"/>')
                + r("persons;")))
    assert docx_paragraph_texts(docx(body)) == ["Decides to act;", "Notes that 10³ persons;"]


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def _list(levels: str) -> str:
    return (f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def test_legal_numbering_prints_the_levels_above_in_decimal():
    numbering = _list(_lvl(0, "upperRoman", "%1.")
                      + _lvl(1, "decimal", "%1.%2", "<w:isLgl/>"))
    body = p(r("Decides;"), numbered("1")) + "".join(p(r(t), numbered("1", 1))
                                                     for t in ("Requests;", "Invites."))
    assert docx_paragraph_texts(docx(body, numbering)) == ["I. Decides;", "1.1 Requests;",
                                                           "1.2 Invites."]


def test_a_level_that_never_restarts_counts_on_under_each_paragraph():
    numbering = _list(_lvl(0, "decimal", "%1.")
                      + _lvl(1, "lowerLetter", "(%2)", '<w:lvlRestart w:val="0"/>'))
    body = (p(r("One;"), numbered("1")) + p(r("item;"), numbered("1", 1))
            + p(r("Two;"), numbered("1")) + p(r("item."), numbered("1", 1)))
    assert docx_paragraph_texts(docx(body, numbering)) == ["1. One;", "(a) item;", "2. Two;",
                                                           "(b) item."]


def test_ordinal_enclosed_and_wrapped_formats():
    wrapped = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice '
               'Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>'
               '</mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback>'
               '</mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>')
    numbering = (_list(_lvl(0, "ordinal", "%1")) + '<w:abstractNum w:abstractNumId="1">'
                 + _lvl(0, "decimalEnclosedParen", "%1") + '</w:abstractNum><w:num w:numId="2">'
                 '<w:abstractNumId w:val="1"/></w:num><w:abstractNum w:abstractNumId="2">'
                 + wrapped + '</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="2"/>'
                 "</w:num>")
    body = (p(r("Decides;"), numbered("1")) + p(r("Requests;"), numbered("1"))
            + p(r("Invites;"), numbered("2")) + p(r("Notes."), numbered("3")))
    assert docx_paragraph_texts(docx(body, numbering)) == [
        "1st Decides;", "2nd Requests;", "(1) Invites;", "001. Notes."]
