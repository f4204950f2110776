"""The web page's callbacks, called directly over a fake-embedder library (no browser, no model)."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from page_components import page_components

from precedent.ui import handlers_search as S
from precedent.ui import uploads as U
from precedent.ui.handlers import Handlers

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
    """Handlers over the shipped library, which holds one draft: the Compare tab's tests of the
    machinery tick "Count drafts too" (the default, adopted texts only, is tested apart)."""
    handlers = Handlers(fake_lib, download_dir=tmp_path / "downloads")
    run = handlers.compare.run
    handlers.compare.run = lambda *a, include_drafts=True, **kw: run(
        *a, include_drafts=include_drafts, **kw)
    return handlers


def test_compare_with_only_a_draft_says_why_nothing_counts(h):
    p52 = h.lib.get(f"{DOC}:annex:52").text
    reply = h.compare.run(p52, include_drafts=False)
    assert not reply.ok
    text = text_of(reply.html)
    assert "No adopted text in the library" in text and "Progress Declaration 2026 (draft)" in text
    assert "precedent add FILE" in text and "Count drafts too" in text
    counted = h.compare.run(p52)
    assert counted.ok and "Drafts counted too, on request" in text_of(counted.html)
    assert "Counted as agreed language (adopted texts): none." in text_of(counted.html)


def test_the_page_says_what_the_library_holds_and_how_to_add(h):
    text = text_of(h.library.status())
    assert ("The library holds 1 document, none of them adopted: Progress Declaration 2026 (draft"
            in text)
    assert "Nothing in it is agreed language yet" in text
    assert "A/RES/73/195 (Global Compact)" in text and "precedent add FILE" in text
    assert "Add a document" in text


def doc_count(h) -> int:
    return len(h.lib.documents())


def test_question_gives_citations_badges_and_highlights(h):
    reply = h.search.ask(CHILD, [])
    html = last_answer(reply)
    assert "Progress Declaration 2026, annex, para. 52" in text_of(html)
    assert '<span class="pc-badge pc-cat-commitment"' in html
    assert "<mark>" in html
    assert reply.history[0] == {"role": "user",
                                "content": '<span class="pc-question">' + CHILD + "</span>"}
    # headings mark where the hits turn from commitments on the topic to context; they never
    # reorder the hits (one order: best first)
    from precedent.search.ranking import answer_heading, answer_kind
    from precedent.ui.handlers_search import DEFAULT_K

    answer = h.lib.search(CHILD, k=DEFAULT_K)
    runs: list[tuple[str, list]] = []
    for e in answer.ranked():
        role = "answer" if any(x.role == "answer" for x in e.hits) else "context"
        if not runs or runs[-1][0] != role:
            runs.append((role, []))
        runs[-1][1].extend(x.record for x in e.hits if x.role == "answer" or role == "context")
    # a run that is no answer is "Context" when it holds findings only; a commitment below the
    # answers is no context (an audit: the shipped draft's para. 52 stood under "Context")
    heading = {"answer": lambda recs: f"{answer_heading(recs)} (all in drafts, not agreed)",
               "context": lambda recs: ("Further paragraphs" if any(map(answer_kind, recs))
                                        else "Context")}
    # a run of answers is named for what it holds ("Commitments", "Requests and calls"), and
    # says when drafts hold them (here, the shipped draft alone): a draft's "We commit to ..."
    # is proposed language, which a heading "Commitments" called a commitment
    expected = [heading[role](recs) for role, recs in runs]
    heads = re.findall(r'<h4 class="pc-role">([^<]+)</h4>', html)
    assert heads == expected and "Further paragraphs" in heads
    from precedent.search.ranking import context_heading

    finding = next(r for r in h.lib.records if r.category == "recognition")
    assert context_heading([finding]) == "Context"
    assert "best first" in text_of(html) and "match · score" in text_of(html)
    cited = re.findall(r'<span class="pc-cite">([^<]+)</span>', html)
    assert cited == [x.record.citation for x in answer.hits]
    assert ("Progress Declaration 2026, annex, para. 52", f"{DOC}:annex:52") in reply.citations


def test_paragraph_text_is_verbatim(h):
    reply = h.search.ask("search and rescue cooperation", [], k=5)
    html = last_answer(reply)
    texts = [unescape(re.sub(r"</?mark>", "", t))
             for t in re.findall(r'<p class="pc-text">(.*?)</p>', html)]
    for (_, rid), text in zip(reply.citations, texts):
        assert text == h.lib.get(rid).text


def test_entries_stand_best_first_each_with_its_document(h):
    h.library.upload(_write(h, "lighthouses.txt", UN_TXT))
    reply = h.search.ask("migrants", [], k=20)
    html = last_answer(reply)
    answer = h.lib.search("migrants", k=20)
    names = re.findall(r'<span class="pc-doc-name">(.*?) <span class="pc-status', html)
    # every entry's document
    assert names == [e.document.label for e in answer.ranked()] and len(set(names)) == 2
    ranks = re.findall(r'<span class="pc-rank">(\d+)</span>', html)
    assert ranks == [str(e.rank) for e in answer.ranked()]
    shown = [float(x) for x in re.findall(r'title="score (\d\.\d+)"', html)]
    # scores fall with the rank
    assert shown == sorted(shown, reverse=True) and len(shown) == len(ranks)
    assert [rid for _, rid in reply.citations] == [x.record.id for x in answer.hits]


def test_filters_are_applied(h):
    reply = h.search.ask("migrants", [], categories=["commitment"], k=10)
    assert reply.citations
    assert all(h.lib.get(rid).category == "commitment" for _, rid in reply.citations)
    assert "Filters: category: commitment" in text_of(last_answer(reply))
    reply = h.search.ask("migrants", [], parts=["resolution"], k=10)
    assert all(h.lib.get(rid).part == "resolution" for _, rid in reply.citations)
    reply = h.search.ask("migrants", [], objectives=[9], k=10)
    assert all(9 in h.lib.get(rid).objectives for _, rid in reply.citations)
    reply = h.search.ask("migrants", [], k=3)
    assert len(reply.citations) == 3


def test_follow_up_keeps_filters_and_history(h):
    filters = dict(categories=["commitment"], parts=["annex"], k=4)
    first = h.search.ask("child detention", [], **filters)
    second = h.search.ask("and what about remittances?", first.history, **filters)
    assert len(second.history) == 4
    assert second.history[:2] == first.history
    assert second.citations
    for _, rid in second.citations:
        rec = h.lib.get(rid)
        assert rec.category == "commitment" and rec.part == "annex"
    assert "part: annex; category: commitment" in text_of(last_answer(second))


def test_app_feeds_filter_components_to_every_question():
    """Follow-ups keep the filters because they are components beside the chat, inputs of each
    ask."""
    pytest.importorskip("gradio")
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    lib = Library.open(embedder=HashEmbedder())
    demo = build_app(lib)
    comps = page_components(demo)
    filter_ids = {c._id for c in comps["filters"]}
    asks = [fn for fn in demo.fns.values() if comps["chat"] in fn.outputs and fn.inputs]
    assert len(asks) >= 5  # enter, button, three examples
    for fn in asks:
        assert filter_ids <= {c._id for c in fn.inputs}


def test_bad_filter_is_reported_in_the_chat(h):
    reply = h.search.ask("migrants", [], docs=["no-such-doc"])
    assert "pc-error" in last_answer(reply) and "unknown document" in last_answer(reply)


def test_low_confidence_is_said_plainly(h):
    reply = h.search.ask('"purple elephants dancing"', [])
    html = last_answer(reply)
    assert "pc-warn" in html
    assert "No paragraph contains" in text_of(html)


def test_paragraph_view_shows_section_neighbours_and_footnotes(h):
    html, quote = h.search.paragraph(f"{DOC}:annex:1")
    text = text_of(html)
    assert "Progress Declaration 2026, annex, para. 1" in text
    assert "Progress Declaration 2026, annex, para. 2" in text  # the paragraph after
    assert "Footnotes" in text and "Resolution 73/195, annex." in text
    # the shipped Declaration is a draft: its quote says so (it read as agreed language)
    assert quote.startswith("Progress Declaration 2026, annex, para. 1 (draft, not agreed "
                            "language):\n“We, the Heads of State")
    html, _ = h.search.paragraph(f"{DOC}:annex:52")
    assert 'class="pc-section"' in html and "Recommendations for future implementation" in html
    assert "pc-before" in html and "pc-after" in html
    assert "annex, para. 51" in text_of(html) and "annex, para. 53" in text_of(html)
    assert h.search.paragraph("") == ("", "")
    assert "no longer" in h.search.paragraph("nope:annex:1")[0]


def test_downloads_contain_the_hits(h):
    reply = h.search.ask(CHILD, [], k=5)
    rows = list(csv.DictReader(io.StringIO(open(reply.csv_path, encoding="utf-8").read())))
    assert [r["citation"] for r in rows] == [c for c, _ in reply.citations]
    assert all(r["query"] == CHILD for r in rows)
    data = json.load(open(reply.json_path, encoding="utf-8"))
    assert data["questions"] == 1 and len(data["answers"]) == 1
    answer = data["answers"][0]
    assert [x["citation"] for x in answer["hits"]] == [c for c, _ in reply.citations]
    assert answer["hits"][0]["text"] == h.lib.get(reply.citations[0][1]).text
    assert answer["intent"] == "commitment" and answer["query"] == CHILD


def test_downloads_hold_the_whole_conversation_each_answer_under_its_question(h):
    """Issue #22 item 3: the files held only the last question; a brief needs them all."""
    first = h.search.ask(CHILD, [], k=3)
    second = h.search.ask("search and rescue", first.history, k=2, adopted_only=False,
                          answers=first.answers)
    third = h.search.ask("remittances", second.history, k=4, categories=["commitment"],
                         answers=second.answers)
    assert Path(third.csv_path).name == "precedent-conversation-3-questions.csv"
    assert Path(third.json_path).name == "precedent-conversation-3-questions.json"
    assert Path(first.csv_path).name == "precedent-conversation-1-question.csv"
    rows = list(csv.DictReader(io.StringIO(Path(third.csv_path).read_text(encoding="utf-8"))))
    asked = [CHILD] * 3 + ["search and rescue"] * 2 + ["remittances"] * len(third.citations)
    assert [r["query"] for r in rows] == asked  # each answer's rows under its question, in order
    by_question = {q: [r["citation"] for r in rows if r["query"] == q]
                   for q in dict.fromkeys(asked)}
    assert by_question == {CHILD: [c for c, _ in first.citations],
                           "search and rescue": [c for c, _ in second.citations],
                           "remittances": [c for c, _ in third.citations]}
    data = json.loads(Path(third.json_path).read_text(encoding="utf-8"))
    assert data["questions"] == 3 and [a["query"] for a in data["answers"]] == \
        [CHILD, "search and rescue", "remittances"]
    assert (data["answers"][2]["filters"] == {"category": ["commitment"]}
            and data["answers"][0]["filters"] == {})
    assert [h_["citation"] for h_ in data["answers"][1]["hits"]] == [c for c, _ in second.citations]
    # a question that fails or is empty adds nothing and leaves the files offered as they were
    failed = h.search.ask("migrants", third.history, docs=["no-such-doc"], answers=third.answers)
    assert failed.csv_path is None and len(failed.answers) == 3
    assert h.search.ask("  ", failed.history, answers=failed.answers).answers == third.answers


def test_the_page_keeps_the_conversation_for_its_downloads(tmp_path):
    """The page's state carries the answers from one question to the next; a new conversation
    empties it and takes the files off the page."""
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    lib = Library.open(tmp_path / "home", embedder=HashEmbedder())
    demo = build_app(lib, Handlers(lib, tmp_path / "dl"))
    ask, fresh = page_components(demo)["ask"], page_components(demo)["new_conversation"]
    out = ask(CHILD, [], [], [], [], [], 3)
    out = ask("search and rescue", out[1], [], [], [], [], 2)
    assert [m["role"] for m in out[0]] == ["user", "assistant"] * 2
    csv_path = out[3]["value"]
    assert Path(csv_path).name == "precedent-conversation-2-questions.csv"
    assert [r["query"] for r in csv.DictReader(
        io.StringIO(Path(csv_path).read_text(encoding="utf-8")))] == \
        [CHILD] * 3 + ["search and rescue"] * 2
    # nothing asked: the files offered stay as they were
    kept = ask("   ", out[1], [], [], [], [], 2)
    assert "value" not in kept[3] and len(kept[1].answers) == 2
    cleared = fresh()
    assert (cleared[1].answers == [] and cleared[-1]["value"] is None
            and cleared[-1]["interactive"] is False)
    again = ask("remittances", cleared[1], [], [], [], [], 1)
    assert Path(again[3]["value"]).name == "precedent-conversation-1-question.csv"


def test_the_conversation_kept_for_the_downloads_is_the_one_on_the_page(h):
    history, answers = [], []
    for i in range(S.MAX_ANSWERS + 3):
        r = h.search.ask(f"migrants question {i}", history, k=1, answers=answers)
        history, answers = r.history, r.answers
    assert len(answers) == S.MAX_ANSWERS and len(history) == 2 * S.MAX_ANSWERS
    assert answers[0].query == f"migrants question {3}"
    data = json.loads(Path(r.json_path).read_text(encoding="utf-8"))
    assert (data["questions"] == S.MAX_ANSWERS
            and data["answers"][-1]["query"] == f"migrants question {S.MAX_ANSWERS + 2}")


def _write(h, name: str, content: str | bytes):
    path = h.download_dir.parent / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_upload_adds_a_searchable_document(h):
    before = doc_count(h)
    reply = h.library.upload(_write(h, "lighthouses.txt", UN_TXT))
    assert reply.ok, reply.message
    assert "pc-ok" in reply.message and "4 paragraphs" in reply.message
    assert doc_count(h) == before + 1
    assert any(v == reply.doc_id for _, v in h.search.filter_choices()["doc"])
    found = h.search.ask('"zebra crossings for migrants"', [])
    assert "Resolution on Imaginary Lighthouses, para. 2" in text_of(last_answer(found))
    only = h.search.ask("migrants", [], docs=[reply.doc_id])
    assert {h.lib.get(rid).doc_id for _, rid in only.citations} == {reply.doc_id}
    again = h.library.upload(_write(h, "copy.txt", UN_TXT))
    assert again.ok and "already in the library" in again.message and doc_count(h) == before + 1


def _uploads(h) -> list:
    folder = h.lib.home / "uploads"
    return sorted(folder.glob("*")) if folder.exists() else []


def _refused(h, path, *, name=None, reason: str):
    before = doc_count(h)
    uploads = _uploads(h)
    reply = h.library.upload(path, name)
    assert not reply.ok
    assert "pc-error" in reply.message and "Nothing was changed" in reply.message
    assert reason in reply.message, reply.message
    assert doc_count(h) == before
    assert _uploads(h) == uploads


def test_bad_uploads_give_a_message_and_change_nothing(h, monkeypatch):
    _refused(h, _write(h, "notes.rtf", UN_TXT), reason="unsupported file type")
    _refused(h, _write(h, "noext", UN_TXT), reason="unsupported file type")
    _refused(h, _write(h, "empty.txt", b""), reason="empty")
    _refused(h, _write(h, "corrupt.pdf", b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage\n"),
             reason="PDF")
    _refused(h, _write(h, "page.pdf", b"<html><body>not a pdf</body></html>"), reason="not a PDF")
    _refused(h, _write(h, "binary.txt", b"\x00\x01\x02 not text \x00"), reason="NUL")
    monkeypatch.setattr(U, "MAX_UPLOAD_BYTES", 100)
    _refused(h, _write(h, "big.txt", UN_TXT), reason="too large")
    assert _uploads(h) == []
    assert h.library.upload(None).ok is False


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
    assert U.safe_upload_name("../../evil.txt") == "evil.txt"
    assert U.safe_upload_name("..\\..\\win.TXT") == "win.txt"
    assert U.safe_upload_name("/etc/passwd") == "passwd"
    assert U.safe_upload_name("..") == "upload"
    assert U.safe_upload_name("a b<c>.pdf") == "a_b_c.pdf"
    assert U.safe_upload_name(".hidden.docx") == "hidden.docx"


# --- the Compare tab ---------------------------------------------------------------------------

CITE52 = "Progress Declaration 2026, annex, para. 52"
DEEP_SEA = ("Deep-sea mining royalties shall be shared among coastal States through a seabed "
            "authority fund.")


def _paragraph_blocks(html: str) -> list[str]:
    return html.split('<div class="pc-cmp-para">')[1:]


def test_compare_copied_paragraph_is_agreed_and_cited(h):
    p52 = h.lib.get(f"{DOC}:annex:52").text
    reply = h.compare.run(f"{p52}\n\n{DEEP_SEA}")
    assert reply.ok, reply.html
    copied, invented = (text_of(b) for b in _paragraph_blocks(reply.html))
    # the shipped library holds only the 2026 draft, counted on request: its words are a draft's
    # language, never called agreed
    assert "Draft para. 1" in copied and "100% agreed or draft" in copied and CITE52 in copied
    assert (f"Closest {CITE52}" in copied and "similarity 1.00" in copied
            and "The same 31 words as the draft" in copied)
    drafts = re.findall(r'<p class="pc-text pc-cmp-draft">(.*?)</p>', reply.html)
    # verbatim
    assert [text_of(re.sub(r"<sup>\[\d+\]</sup>", "", d)) for d in drafts] == [p52, DEEP_SEA]
    assert ('<mark class="draft" title="drafts only, not agreed language: '
            f'{CITE52}">') in reply.html  # the citation on hover, too
    assert '<mark class="agreed"' not in reply.html
    assert "Draft para. 2" in invented and "0% agreed" in invented and "No match" in invented
    assert CITE52 not in invented
    summary = text_of(reply.html.split('<div class="pc-cmp-para">')[0])
    assert ("agreed or draft language in the draft" in summary
            and "1 of 2 paragraphs close to an earlier one" in summary)
    assert ("Drafts counted too, on request (not agreed language): "
            "Progress Declaration 2026 (draft)" in summary)


def test_compare_shows_word_changes_and_partial_coverage(h):
    p52 = h.lib.get(f"{DOC}:annex:52").text
    edited = p52.replace("prioritize", "consider").replace("of migrants", "of migrant children")
    reply = h.compare.run(edited, k=1)
    html = reply.html
    assert "<del>prioritize</del>" in html and "<ins>consider</ins>" in html
    assert "pc-cov-part" in html and "100% agreed" not in text_of(html)
    assert "Also close" not in html  # k=1: the best match only
    assert reply.result.paragraphs[0].best.citation == CITE52


def test_compare_downloads_html_report_and_json_lines(h):
    p52 = h.lib.get(f"{DOC}:annex:52").text
    reply = h.compare.run(f"52. {p52}\n\n53. {DEEP_SEA}")
    page = open(reply.html_path, encoding="utf-8").read()
    assert page.startswith("<!DOCTYPE html>") and CITE52 in page and "Pasted draft compared" in page
    rows = [json.loads(line) for line in open(reply.jsonl_path, encoding="utf-8")]
    # the summary line the command line prints too (an audit: the page's file had none)
    summary = rows.pop()["summary"]
    assert summary == reply.result.summary() and summary["paragraphs"] == 2
    assert [r["draft_number"] for r in rows] == ["52", "53"]
    assert rows[0]["coverage"] == 1.0 and rows[0]["spans"][0]["citations"] == [CITE52]
    assert rows[0]["text"] == p52
    assert rows[1]["coverage"] == 0.0 and rows[1]["matches"] == [] and rows[1]["changes"] is None
    assert reply.jsonl_path.startswith(str(h.download_dir))


def test_compare_empty_input_and_bad_options_say_why(h):
    for empty in ("", "   \n\n  ", None):
        reply = h.compare.run(empty)
        assert not reply.ok and reply.html_path is None
        assert "Paste a draft" in text_of(reply.html)
    p52 = h.lib.get(f"{DOC}:annex:52").text
    cases = [(dict(min_words=0), "minimum span length"),
             (dict(min_words="five"), "minimum span length"),
             (dict(k=0), "number of matches"), (dict(k=2.5), "number of matches"),
             (dict(only_docs=["no-such-doc"]), "Unknown document 'no-such-doc'"),
             (dict(exclude_docs=[DOC]), "No document counts as precedent")]
    for options, reason in cases:
        reply = h.compare.run(p52, **options)
        assert not reply.ok and "pc-error" in reply.html and reason in text_of(reply.html), \
            (options, reply.html)


def test_compare_a_draft_file_read_in_place(h, fake_lib):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("52. " + h.lib.get(f"{DOC}:annex:52").text)
    d.add_paragraph("53. " + DEEP_SEA)
    path = _write(h, "my draft.docx", b"")
    d.save(path)
    home_before = sorted(p.relative_to(fake_lib.home) for p in fake_lib.home.rglob("*"))
    reply = h.compare.run("ignored when a file is given", path)
    assert reply.ok, reply.html
    blocks = [text_of(b) for b in _paragraph_blocks(reply.html)]
    assert "Draft para. 52" in blocks[0] and "100% agreed" in blocks[0] and CITE52 in blocks[0]
    assert "Draft para. 53" in blocks[1] and "0% agreed" in blocks[1]
    assert "agreed or draft language in my_draft.docx" in text_of(reply.html)
    assert reply.html_path.endswith("my_draft-compared.html")
    assert sorted(p.relative_to(fake_lib.home) for p in fake_lib.home.rglob("*")) == home_before
    assert doc_count(h) == 1  # compared, not added


def test_compare_bad_files_give_a_message(h, fake_lib, monkeypatch):
    home_before = sorted(fake_lib.home.rglob("*"))
    cases = [(_write(h, "notes.rtf", UN_TXT), "unsupported file type"),
             (_write(h, "empty.txt", b""), "empty"),
             (_write(h, "corrupt.pdf", b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage\n"), "PDF"),
             (_write(h, "page.docx", b"<html>not a docx</html>"), "Could not read page.docx"),
             (_write(h, "binary.txt", b"\x00\x01\x02 not text \x00"), "NUL"),
             (h.download_dir.parent / "missing.txt", "could not be read")]
    for path, reason in cases:
        reply = h.compare.run("", path)
        assert not reply.ok and "pc-error" in reply.html, reply.html
        assert (f"Could not read {path.name}" in text_of(reply.html)
                and reason in text_of(reply.html)), reply.html
    monkeypatch.setattr(U, "MAX_UPLOAD_BYTES", 100)
    reply = h.compare.run("", _write(h, "big.txt", UN_TXT))
    assert "too large" in text_of(reply.html)
    assert sorted(fake_lib.home.rglob("*")) == home_before


def test_compare_long_drafts_are_refused_politely(h, monkeypatch):
    from precedent.ui import handlers_compare as HC

    monkeypatch.setattr(HC, "MAX_DRAFT_PARAGRAPHS", 2)
    reply = h.compare.run("One paragraph here.\n\nTwo.\n\nThree.")
    assert "3 paragraphs" in text_of(reply.html) and "precedent compare" in text_of(reply.html)
    monkeypatch.setattr(HC, "MAX_DRAFT_CHARS", 10)
    assert "too long" in text_of(h.compare.run("x" * 11).html)


def test_compare_precedent_choices_and_only_docs(h):
    added = h.library.upload(_write(h, "lighthouses.txt", UN_TXT))
    choices = h.compare.choices()
    assert (("Progress Declaration 2026", DOC) in choices
            and any(v == added.doc_id for _, v in choices))
    p52 = h.lib.get(f"{DOC}:annex:52").text
    reply = h.compare.run(p52, only_docs=[added.doc_id])
    assert reply.ok and "0% agreed" in text_of(reply.html) and CITE52 not in text_of(reply.html)
    reply = h.compare.run(p52, exclude_docs=[added.doc_id])
    assert "100% agreed" in text_of(reply.html)


def test_app_has_a_compare_tab():
    pytest.importorskip("gradio")
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    demo = build_app(Library.open(embedder=HashEmbedder()))
    cmp = page_components(demo)["compare"]
    wanted = {cmp[c]._id for c in ("draft", "file", "only", "exclude")}
    runs = [fn for fn in demo.fns.values() if cmp["report"] in fn.outputs]
    assert len(runs) == 2  # the Compare button and a file upload
    for fn in runs:
        assert wanted <= {c._id for c in fn.inputs}


# --- another process changes the library while the page is served ----------------------------

def test_the_page_sees_documents_added_by_another_process(h):
    from fake_embedder import HashEmbedder

    from precedent.index import LibraryIndex
    from precedent.search import Library

    if not hasattr(LibraryIndex, "refresh"):
        pytest.skip("LibraryIndex.refresh() not available")
    h.search.ask("migrants", [])  # the page has answered before
    other = Library.open(h.lib.home, embedder=HashEmbedder())  # e.g. `precedent add` in a terminal
    added = other.add(_write(h, "lighthouses.txt", UN_TXT))
    assert any(v == added.doc_id for _, v in h.search.filter_choices()["doc"])
    found = h.search.ask('"zebra crossings for migrants"', [])
    assert "Resolution on Imaginary Lighthouses, para. 2" in text_of(last_answer(found))
    assert any(v == added.doc_id for _, v in h.compare.choices())
    reply = h.compare.run("Requests the Secretary-General to report on zebra crossings for "
                          "migrants at its next session")
    assert "Resolution on Imaginary Lighthouses, para. 2" in text_of(reply.html)
    rid = next(r for c, r in found.citations if c.endswith("para. 2"))
    assert "zebra crossings" in h.search.paragraph(rid)[0]
    other.remove(added.doc_id)
    assert "no longer" in h.search.paragraph(rid)[0]
    assert not any(v == added.doc_id for _, v in h.search.filter_choices()["doc"])


# --- issue #10 on the page: adopted texts only, precedent before a date ----------------------

ADOPTED_TXT = UN_TXT.replace("United Nations\n", "United Nations\nA/RES/84/12\n\n", 1).replace(
    "Resolution on Imaginary Lighthouses",
    "Resolution adopted by the General Assembly on 2 March 2030\n\n"
    "84/12. Imaginary Lighthouses")

def test_adopted_texts_only_leaves_drafts_out_and_documents_show_status_and_year(h):
    added = h.library.upload(_write(h, "lighthouses.txt", ADOPTED_TXT))
    status = {d["doc_id"]: d["status"] for d in h.lib.documents()}
    assert status[DOC] == "draft" and status[added.doc_id] == "adopted", status
    first = h.search.ask("migrants", [], k=10, adopted_only=True)
    assert first.citations and \
        {h.lib.get(rid).doc_id for _, rid in first.citations} == {added.doc_id}
    assert "status: adopted" in text_of(last_answer(first))
    follow_up = h.search.ask("and what about their children?", first.history, k=10,
                             adopted_only=True)
    assert all(h.lib.get(rid).doc_id != DOC for _, rid in follow_up.citations)
    both = h.search.ask("migrants", [], k=20)
    assert {h.lib.get(rid).doc_id for _, rid in both.citations} == {DOC, added.doc_id}
    labels = {v: label for label, v in h.search.filter_choices()["doc"]}
    assert labels[DOC] == "Progress Declaration 2026 · draft, 2026", labels
    assert "· adopted" in labels[added.doc_id]


def test_the_page_keeps_adopted_only_for_follow_ups_and_its_ask_api_takes_it():
    pytest.importorskip("gradio")
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui.app import build_app

    demo = build_app(Library.open(embedder=HashEmbedder()))
    filters = page_components(demo)["filters"]
    adopted = next(c for c in filters if getattr(c, "elem_id", "") == "pc-adopted")
    ask = next(fn for fn in demo.fns.values() if fn.api_name == "ask")
    assert adopted._id in {c._id for c in ask.inputs}  # a component beside the chat: it stays set
    cmp = page_components(demo)["compare"]
    run = next(fn for fn in demo.fns.values() if cmp["report"] in fn.outputs)
    assert cmp["before"]._id in {c._id for c in run.inputs}


def test_compare_only_documents_dated_before_count_and_documents_can_be_left_out(h):
    added = h.library.upload(_write(h, "lighthouses.txt", UN_TXT))
    p52 = h.lib.get(f"{DOC}:annex:52").text
    date = next(d["date"] for d in h.lib.documents() if d["doc_id"] == DOC)
    later = h.compare.run(p52, before=f"{int(date[:4]) + 1}")
    assert later.ok and "100% agreed" in text_of(later.html)
    assert f"dated before {int(date[:4]) + 1}" in text_of(later.html)
    before = h.compare.run(p52, before=date)  # the draft itself is not before its own date
    assert not before.ok or CITE52 not in text_of(before.html), before.html
    assert DOC not in (before.result.documents if before.result else [])
    left_out = h.compare.run(p52, exclude_docs=[DOC])
    assert (left_out.ok and left_out.result.documents == [added.doc_id]
            and "0% agreed" in text_of(left_out.html))
    bad = h.compare.run(p52, before="19 December")
    assert not bad.ok and "date must look like 2018-12-19" in text_of(bad.html)


def test_an_empty_question_says_what_to_type_once(h):
    """Submitting an empty box did nothing, with no message (a page audit)."""
    reply = h.search.ask("   ", [])
    assert len(reply.history) == 1 and reply.history[0]["role"] == "assistant"
    assert "Type a question" in reply.history[0]["content"] and reply.citations == []
    assert reply.csv_path is None and reply.answers == []
    again = h.search.ask("", reply.history)
    assert again.history == reply.history  # not said twice in a row
