"""Document text, questions and upload names are shown as text: markup in them stays inert."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from page_components import page_components

from precedent.ingest.records import Footnote, Paragraph
from precedent.search import Answer, Hit
from precedent.ui import render
from precedent.ui.handlers import Handlers

EVIL = ("Decides that <script>alert(1)</script> and <img src=x onerror=alert(1)> and "
        "[click](javascript:alert(1)) and <a href=\"javascript:alert(1)\">link</a> & $$x$$ stay "
        "text;")
ALLOWED_TAGS = {"div", "span", "mark", "p", "h3", "h4", "ol", "li", "sup", "button"}
ALLOWED_ATTRS = {"class", "type", "title"}


class Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    return c


def assert_inert(html: str) -> Collect:
    c = parse(html)
    assert set(c.tags) <= ALLOWED_TAGS, set(c.tags) - ALLOWED_TAGS
    for name, value in c.attrs:
        assert name in ALLOWED_ATTRS, name
        assert "javascript" not in (value or "").lower()
    assert "<script" not in html and "<img" not in html and "<a " not in html
    return c


def evil_record(number: str = "7", order: int = 7) -> Paragraph:
    return Paragraph(id=f"evil:annex:{number}", doc_id="evil", symbol="", title="<b>Evil</b> doc",
                     date="2030-01-01", part="annex", number=number, kind="paragraph", text=EVIL,
                     citation=f"<i>Evil</i> [doc](javascript:x), annex, para. {number}",
                     section=("<script>s()</script> Section",), category="decision",
                     footnotes=(Footnote("1", "<img src=x onerror=alert(2)> [f](javascript:y)"),),
                     order=order)


def test_answer_html_is_inert_and_verbatim():
    rec = evil_record()
    hit = Hit(rec, 1.0, highlights=((13, 21), (0, 7), (60, 70), (5, 500)))
    answer = Answer("<script>q</script>", [hit], "commitment", (), True,
                    "<b>low</b> [x](javascript:z)", {"doc": ["<evil>"]})
    html = render.render_answer(answer, {"<evil>": "<img src=x onerror=alert(3)>"})
    c = assert_inert(html)
    text = "".join(c.text)
    assert EVIL in text  # the paragraph reads exactly as written, markup and all
    assert rec.citation in text and "[click](javascript:alert(1))" in text
    assert "<b>low</b> [x](javascript:z)" in text and "<img src=x onerror=alert(3)>" in text


def test_highlight_spans_never_break_escaping():
    text = "a <b> & c"
    for spans in [((0, 3),), ((2, 5),), ((3, 4), (0, 9)), ((8, 100),), ((-5, 2),), ((4, 2),)]:
        html = str(render.environment().get_template("_macros.html").module.marked(
            render.highlight_segments(text, spans)))
        c = assert_inert(html)
        assert "".join(c.text) == text
        assert set(c.tags) <= {"mark"}


def test_paragraph_view_user_message_and_status_are_inert():
    before, rec, after = evil_record("6", 6), evil_record("7", 7), evil_record("8", 8)
    c = assert_inert(render.render_paragraph(rec, [before, rec, after]))
    text = "".join(c.text)
    assert ("<script>s()</script> Section" in text
            and "<img src=x onerror=alert(2)> [f](javascript:y)" in text)
    assert_inert(render.render_user("<img src=x onerror=alert(1)> [click](javascript:alert(1))"))
    assert_inert(render.render_message("<script>alert(1)</script>", "<script>"))


def test_chat_renders_no_markdown_or_math():
    """Chat messages are our escaped HTML: no markdown links, no LaTeX, sanitised on top."""
    pytest.importorskip("gradio")
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    chat = page_components(build_app(Library.open(embedder=HashEmbedder())))["chat"]
    assert chat.render_markdown is False
    assert chat.sanitize_html is True
    assert chat.latex_delimiters == []
    assert chat.allow_tags is False


def test_uploaded_markup_stays_text(fake_lib, tmp_path):
    h = Handlers(fake_lib, download_dir=tmp_path / "dl")
    src = tmp_path / "in" / "markup.txt"
    src.parent.mkdir()
    src.write_text("Resolution on Markup\n\nThe General Assembly,\n\n"
                   "1. Decides that <script>alert(1)</script> and <img src=x onerror=alert(1)> "
                   "stay plain text in quokka registers;\n", encoding="utf-8")
    reply = h.library.upload(src, "<img src=x onerror=alert(1)>.txt")
    assert reply.ok, reply.message
    assert_inert(reply.message)
    html = h.search.ask("quokka registers", [], docs=[reply.doc_id]).history[-1]["content"]
    c = assert_inert(html)
    assert "<script>alert(1)</script> and <img src=x onerror=alert(1)>" in "".join(c.text)
    assert_inert(h.search.ask("<script>alert(1)</script>", []).history[-2]["content"])


def test_upload_name_cannot_leave_the_data_directory(fake_lib, tmp_path):
    h = Handlers(fake_lib, download_dir=tmp_path / "dl")
    src = tmp_path / "in" / "evil.txt"
    src.parent.mkdir()
    src.write_text("Resolution on Paths\n\nThe General Assembly,\n\n"
                   "1. Decides that uploads stay inside the data directory of the library;\n",
                   encoding="utf-8")
    home = Path(fake_lib.home).resolve()
    for i, name in enumerate(["../../evil.txt", "/etc/evil.txt", "..\\..\\evil.txt", "../.."]):
        src.write_text(src.read_text() + f"\n{i + 2}. Decides also item {i};\n")
        h.library.upload(src, name)
    # no copy of an upload is made beside the library's own in sources/ (issue #11, #20)
    assert not (home / "uploads").exists() or list((home / "uploads").iterdir()) == []
    kept = [Path(d["path"]) for d in fake_lib.documents() if not d["shipped"]]
    # each a new version of evil.txt
    assert len(kept) == 1 and kept[0].name.startswith("evil-"), kept
    assert all(p.resolve().is_relative_to(home / "sources") for p in kept)
    assert (not (home.parent / "evil.txt").exists()
            and not (home.parent.parent / "evil.txt").exists())
    for d in fake_lib.documents():
        if not d["shipped"]:
            assert Path(d["source"]).name == d["source"]  # recorded under its safe name only
    for p in home.rglob("*"):
        assert p.resolve().is_relative_to(home)


# --- the Compare tab ---------------------------------------------------------------------------

COMPARE_TAGS = ALLOWED_TAGS | {"ins", "del"}


def assert_inert_compare(html: str) -> Collect:
    c = parse(html)
    assert set(c.tags) <= COMPARE_TAGS, set(c.tags) - COMPARE_TAGS
    for name, value in c.attrs:
        assert name in ALLOWED_ATTRS, name  # no href, src, style or on* attribute at all
        assert name == "title" or "javascript" not in (value or "").lower()  # a title is plain text
    assert "<script" not in html and "<img" not in html and "<a " not in html
    return c


def test_pasted_draft_markup_stays_text(fake_lib, tmp_path):
    h = Handlers(fake_lib, download_dir=tmp_path / "dl")
    p52 = fake_lib.get("imrf-2026-progress-declaration:annex:52").text
    evil_p52 = p52.replace("to take an approach",
                           "to take <img src=x onerror=alert(1)> an approach")
    draft = f"{EVIL}\n\n{evil_p52}\n\n<script>alert(1)</script> [click](javascript:alert(1)) $$x$$"
    reply = h.compare.run(draft, include_drafts=True)  # the shipped library holds a draft only
    assert reply.ok, reply.html
    c = assert_inert_compare(reply.html)
    text = "".join(c.text)
    assert EVIL in text and "<img src=x onerror=alert(1)>" in text
    assert "[click](javascript:alert(1))" in text and "<script>alert(1)</script>" in text
    # in the word comparison too
    assert "<ins>&lt;img src=x onerror=alert(1)&gt;</ins>" in reply.html
    report = open(reply.html_path, encoding="utf-8").read()  # the downloadable page
    assert "<script" not in report and "<img" not in report and "<a " not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_comparison_with_markup_in_citations_and_library_text_is_inert():
    from precedent.search.compare import (
        AgreedSpan,
        CompareOptions,
        CompareResult,
        DraftParagraph,
        ParagraphComparison,
        word_diff,
    )

    rec = evil_record()
    draft = DraftParagraph("<b>1</b>",
                           "Decides that <script>alert(1)</script> and <img src=x "
                           "onerror=alert(1)> stays",
                           "<i>annex</i>")
    span = AgreedSpan(0, 38, draft.text[:38], (rec.citation, "<img src=x onerror=alert(9)>") * 3,
                      (rec.id,) * 6, 4)
    p = ParagraphComparison(draft, [Hit(rec, 0.9), Hit(evil_record("8", 8), 0.5)], [span], 8, 4,
                            word_diff(rec.text, draft.text))
    result = CompareResult([p], ["<evil>"], CompareOptions())
    html = render.render_comparison(result, {"<evil>": "<img src=x onerror=alert(3)>"},
                                    "<evil>.txt")
    c = assert_inert_compare(html)
    text = "".join(c.text)
    assert draft.text[:38] + "[1]" + draft.text[38:] in text  # the span's mark numbers it
    assert rec.citation in text and "<img src=x onerror=alert(3)>" in text
    assert "Draft <i>annex</i>, para. <b>1</b>" in text and "and 3 more" in text


def test_compare_output_is_not_rendered_as_markdown():
    pytest.importorskip("gradio")
    import gradio as gr
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    report = page_components(build_app(Library.open(embedder=HashEmbedder())))["compare"]["report"]
    assert isinstance(report, gr.HTML)  # our escaped HTML as is: no markdown, no math


def test_page_and_report_share_one_style_sheet_and_the_comparison_template(fake_lib, tmp_path):
    """One renderer: the downloaded report holds the page's comparison HTML and its one CSS file."""
    import tomllib

    from precedent.search.compare import compare_text

    result = compare_text(fake_lib, fake_lib.get("imrf-2026-progress-declaration:annex:52").text,
                          include_drafts=True)
    page, report = render.render_comparison(result), render.render_compare_html(result, "t")
    assert render.css() in report and ".pc-cmp-para" in render.css()
    paragraphs = page[page.index('<div class="pc-cmp-para">'):page.rindex("</div>")]
    assert paragraphs.strip() and paragraphs in report  # the same markup, not a second renderer's
    data = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert "templates/*.html" in data["tool"]["setuptools"]["package-data"]["precedent.ui"]
