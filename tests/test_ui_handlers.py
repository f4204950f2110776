"""The web page's callbacks, called directly over a fake-embedder library (no browser, no model)."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest

from ui import handlers as H
from ui.handlers import Handlers

DOC = "imrf-2026-progress-declaration"
CHILD = "What did States commit to on child detention?"

UN_TXT = """United Nations
General Assembly

Distr.: General
2 March 2030

Eighty-fourth session

Resolution on Imaginary Lighthouses

The General Assembly,

Recalling its interest in invented example texts,

1. Decides to establish a register of lighthouse keepers for coastal migrant communities;

2. Requests the Secretary-General to report on zebra crossings for migrants at its next session;

3. Invites Member States to share practices on multilingual signposts in harbours;
"""


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def last_answer(reply) -> str:
    assert reply.history[-1]["role"] == "assistant"
    return reply.history[-1]["content"]


@pytest.fixture
def h(fake_lib, tmp_path):
    return Handlers(fake_lib, download_dir=tmp_path / "downloads")


def doc_count(h) -> int:
    return len(h.lib.documents())


def test_question_gives_citations_badges_and_highlights(h):
    reply = h.ask(CHILD, [])
    html = last_answer(reply)
    assert "Progress Declaration 2026, annex, para. 52" in text_of(html)
    assert '<span class="pc-badge pc-cat-commitment"' in html
    assert "<mark>" in html
    assert reply.history[0] == {"role": "user", "content": '<span class="pc-question">' + CHILD + "</span>"}
    # commitments first, under their own heading, then context
    assert html.index(">Commitments<") < html.index(">Context<")
    heads = re.findall(r'<h4 class="pc-role">(\w+)</h4>', html)
    assert heads == ["Commitments", "Context"]
    assert ("Progress Declaration 2026, annex, para. 52", f"{DOC}:annex:52") in reply.citations


def test_paragraph_text_is_verbatim(h):
    reply = h.ask("search and rescue cooperation", [], k=5)
    html = last_answer(reply)
    texts = [unescape(re.sub(r"</?mark>", "", t)) for t in re.findall(r'<p class="pc-text">(.*?)</p>', html)]
    for (_, rid), text in zip(reply.citations, texts):
        assert text == h.lib.get(rid).text


def test_hits_are_grouped_by_document_best_first(h):
    h.upload(_write(h, "lighthouses.txt", UN_TXT))
    reply = h.ask("migrants", [], k=20)
    html = last_answer(reply)
    names = re.findall(r'<h3 class="pc-doc-name">(.*?)</h3>', html)
    assert len(names) == len(set(names)) == 2


def test_filters_are_applied(h):
    reply = h.ask("migrants", [], categories=["commitment"], k=10)
    assert reply.citations
    assert all(h.lib.get(rid).category == "commitment" for _, rid in reply.citations)
    assert "Filters: category: commitment" in text_of(last_answer(reply))
    reply = h.ask("migrants", [], parts=["resolution"], k=10)
    assert all(h.lib.get(rid).part == "resolution" for _, rid in reply.citations)
    reply = h.ask("migrants", [], objectives=[9], k=10)
    assert all(9 in h.lib.get(rid).objectives for _, rid in reply.citations)
    reply = h.ask("migrants", [], k=3)
    assert len(reply.citations) == 3


def test_follow_up_keeps_filters_and_history(h):
    filters = dict(categories=["commitment"], parts=["annex"], k=4)
    first = h.ask("child detention", [], **filters)
    second = h.ask("and what about remittances?", first.history, **filters)
    assert len(second.history) == 4
    assert second.history[:2] == first.history
    assert second.citations
    for _, rid in second.citations:
        rec = h.lib.get(rid)
        assert rec.category == "commitment" and rec.part == "annex"
    assert "part: annex; category: commitment" in text_of(last_answer(second))


def test_app_feeds_filter_components_to_every_question():
    """Follow-ups keep the filters because they are components beside the chat, inputs of each ask."""
    pytest.importorskip("gradio")
    from index import HashEmbedder
    from search import Library
    from ui.app import build_app

    lib = Library.open(embedder=HashEmbedder())
    demo = build_app(lib)
    comps = demo.precedent_components
    filter_ids = {c._id for c in comps["filters"]}
    asks = [fn for fn in demo.fns.values() if comps["chat"] in fn.outputs and fn.inputs]
    assert len(asks) >= 5  # enter, button, three examples
    for fn in asks:
        assert filter_ids <= {c._id for c in fn.inputs}


def test_empty_question_changes_nothing(h):
    reply = h.ask("   ", [{"role": "user", "content": "x"}])
    assert reply.history == [{"role": "user", "content": "x"}] and reply.csv_path is None


def test_bad_filter_is_reported_in_the_chat(h):
    reply = h.ask("migrants", [], docs=["no-such-doc"])
    assert "pc-error" in last_answer(reply) and "unknown document" in last_answer(reply)


def test_low_confidence_is_said_plainly(h):
    reply = h.ask('"purple elephants dancing"', [])
    html = last_answer(reply)
    assert "pc-warn" in html
    assert "No paragraph contains" in text_of(html)


def test_paragraph_view_shows_section_neighbours_and_footnotes(h):
    html, quote = h.paragraph(f"{DOC}:annex:1")
    text = text_of(html)
    assert "Progress Declaration 2026, annex, para. 1" in text
    assert "Progress Declaration 2026, annex, para. 2" in text  # the paragraph after
    assert "Footnotes" in text and "Resolution 73/195, annex." in text
    assert quote.startswith("Progress Declaration 2026, annex, para. 1:\n“We, the Heads of State")
    html, _ = h.paragraph(f"{DOC}:annex:52")
    assert 'class="pc-section"' in html and "Recommendations for future implementation" in html
    assert "pc-before" in html and "pc-after" in html
    assert "annex, para. 51" in text_of(html) and "annex, para. 53" in text_of(html)
    assert h.paragraph("") == ("", "")
    assert "no longer" in h.paragraph("nope:annex:1")[0]


def test_downloads_contain_the_hits(h):
    reply = h.ask(CHILD, [], k=5)
    rows = list(csv.DictReader(io.StringIO(open(reply.csv_path, encoding="utf-8").read())))
    assert [r["citation"] for r in rows] == [c for c, _ in reply.citations]
    assert all(r["query"] == CHILD for r in rows)
    data = json.load(open(reply.json_path, encoding="utf-8"))
    assert [x["citation"] for x in data["hits"]] == [c for c, _ in reply.citations]
    assert data["hits"][0]["text"] == h.lib.get(reply.citations[0][1]).text
    assert data["intent"] == "commitment"


def _write(h, name: str, content: str | bytes):
    path = h.download_dir.parent / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_upload_adds_a_searchable_document(h):
    before = doc_count(h)
    reply = h.upload(_write(h, "lighthouses.txt", UN_TXT))
    assert reply.ok, reply.message
    assert "pc-ok" in reply.message and "4 paragraphs" in reply.message
    assert doc_count(h) == before + 1
    assert any(v == reply.doc_id for _, v in h.filter_choices()["doc"])
    found = h.ask('"zebra crossings for migrants"', [])
    assert "Resolution on Imaginary Lighthouses, para. 2" in text_of(last_answer(found))
    only = h.ask("migrants", [], docs=[reply.doc_id])
    assert {h.lib.get(rid).doc_id for _, rid in only.citations} == {reply.doc_id}
    again = h.upload(_write(h, "copy.txt", UN_TXT))
    assert again.ok and "already in the library" in again.message and doc_count(h) == before + 1


def _uploads(h) -> list:
    folder = h.lib.home / "uploads"
    return sorted(folder.glob("*")) if folder.exists() else []


def _refused(h, path, *, name=None, reason: str):
    before = doc_count(h)
    uploads = _uploads(h)
    reply = h.upload(path, name)
    assert not reply.ok
    assert "pc-error" in reply.message and "Nothing was changed" in reply.message
    assert reason in reply.message, reply.message
    assert doc_count(h) == before
    assert _uploads(h) == uploads


def test_bad_uploads_give_a_message_and_change_nothing(h, monkeypatch):
    _refused(h, _write(h, "notes.rtf", UN_TXT), reason="unsupported file type")
    _refused(h, _write(h, "noext", UN_TXT), reason="unsupported file type")
    _refused(h, _write(h, "empty.txt", b""), reason="empty")
    _refused(h, _write(h, "corrupt.pdf", b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage\n"), reason="PDF")
    _refused(h, _write(h, "page.pdf", b"<html><body>not a pdf</body></html>"), reason="not a PDF")
    _refused(h, _write(h, "binary.txt", b"\x00\x01\x02 not text \x00"), reason="NUL")
    monkeypatch.setattr(H, "MAX_UPLOAD_BYTES", 100)
    _refused(h, _write(h, "big.txt", UN_TXT), reason="too large")
    assert _uploads(h) == []
    assert h.upload(None).ok is False


def test_scanned_pdf_is_refused(h):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    path = h.download_dir.parent / "incoming" / "scan.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)  # an image-like page: no text layer
    c.showPage()
    c.save()
    _refused(h, path, reason="no text layer")


def test_safe_upload_name():
    assert H.safe_upload_name("../../evil.txt") == "evil.txt"
    assert H.safe_upload_name("..\\..\\win.TXT") == "win.txt"
    assert H.safe_upload_name("/etc/passwd") == "passwd"
    assert H.safe_upload_name("..") == "upload"
    assert H.safe_upload_name("a b<c>.pdf") == "a_b_c.pdf"
    assert H.safe_upload_name(".hidden.docx") == "hidden.docx"
