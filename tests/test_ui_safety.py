"""Document text, questions and upload names are shown as text: markup in them stays inert."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from ingest.records import Footnote, Paragraph
from search import Answer, Hit
from ui import render
from ui.handlers import Handlers

EVIL = ("Decides that <script>alert(1)</script> and <img src=x onerror=alert(1)> and "
        "[click](javascript:alert(1)) and <a href=\"javascript:alert(1)\">link</a> & $$x$$ stay text;")
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
                     footnotes=(Footnote("1", "<img src=x onerror=alert(2)> [f](javascript:y)"),), order=order)


def test_answer_html_is_inert_and_verbatim():
    rec = evil_record()
    hit = Hit(rec, 1.0, highlights=((13, 21), (0, 7), (60, 70), (5, 500)))
    answer = Answer("<script>q</script>", [hit], "commitment", (), True, "<b>low</b> [x](javascript:z)",
                    {"doc": ["<evil>"]})
    html = render.render_answer(answer, {"<evil>": "<img src=x onerror=alert(3)>"})
    c = assert_inert(html)
    text = "".join(c.text)
    assert EVIL in text  # the paragraph reads exactly as written, markup and all
    assert rec.citation in text and "[click](javascript:alert(1))" in text
    assert "<b>low</b> [x](javascript:z)" in text and "<img src=x onerror=alert(3)>" in text


def test_highlight_spans_never_break_escaping():
    text = "a <b> & c"
    for spans in [((0, 3),), ((2, 5),), ((3, 4), (0, 9)), ((8, 100),), ((-5, 2),), ((4, 2),)]:
        html = render.highlight(text, spans)
        c = assert_inert(html)
        assert "".join(c.text) == text
        assert set(c.tags) <= {"mark"}


def test_paragraph_view_user_message_and_status_are_inert():
    before, rec, after = evil_record("6", 6), evil_record("7", 7), evil_record("8", 8)
    c = assert_inert(render.render_paragraph(rec, [before, rec, after]))
    text = "".join(c.text)
    assert "<script>s()</script> Section" in text and "<img src=x onerror=alert(2)> [f](javascript:y)" in text
    assert_inert(render.render_user("<img src=x onerror=alert(1)> [click](javascript:alert(1))"))
    assert_inert(render.render_message("<script>alert(1)</script>", "<script>"))
    assert render.quote_block(rec).endswith(f"“{EVIL}”")  # plain text for a textbox, not HTML


def test_chat_renders_no_markdown_or_math():
    """Chat messages are our escaped HTML: no markdown links, no LaTeX, sanitised on top."""
    pytest.importorskip("gradio")
    from index import HashEmbedder
    from search import Library
    from ui.app import build_app

    chat = build_app(Library.open(embedder=HashEmbedder())).precedent_components["chat"]
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
    reply = h.upload(src, "<img src=x onerror=alert(1)>.txt")
    assert reply.ok, reply.message
    assert_inert(reply.message)
    html = h.ask("quokka registers", [], docs=[reply.doc_id]).history[-1]["content"]
    c = assert_inert(html)
    assert "<script>alert(1)</script> and <img src=x onerror=alert(1)>" in "".join(c.text)
    assert_inert(h.ask("<script>alert(1)</script>", []).history[-2]["content"])


def test_upload_name_cannot_leave_the_data_directory(fake_lib, tmp_path):
    h = Handlers(fake_lib, download_dir=tmp_path / "dl")
    src = tmp_path / "in" / "evil.txt"
    src.parent.mkdir()
    src.write_text("Resolution on Paths\n\nThe General Assembly,\n\n"
                   "1. Decides that uploads stay inside the data directory of the library;\n", encoding="utf-8")
    home = Path(fake_lib.home).resolve()
    for i, name in enumerate(["../../evil.txt", "/etc/evil.txt", "..\\..\\evil.txt", "../.."]):
        src.write_text(src.read_text() + f"\n{i + 2}. Decides also item {i};\n")
        h.upload(src, name)
    landed = sorted(p.name for p in (home / "uploads").iterdir())
    assert landed[:3] == ["evil-1.txt", "evil-2.txt", "evil.txt"], landed
    assert not (home.parent / "evil.txt").exists() and not (home.parent.parent / "evil.txt").exists()
    for d in fake_lib.documents():
        if not d["shipped"]:
            assert Path(d["source"]).name == d["source"]  # recorded under its safe name only
    for p in home.rglob("*"):
        assert p.resolve().is_relative_to(home)
