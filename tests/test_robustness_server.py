"""Issue #11, the page served on 127.0.0.1: the /ask API takes documents added after start-up;
Gradio's temporary folder and its per-session state stay bounded; uploads and removed drafts
leave no file behind. One server for the module, a few dozen requests."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest
from page_components import page_components

pytestmark = pytest.mark.slow

gr = pytest.importorskip("gradio")
httpx = pytest.importorskip("httpx")

SESSIONS = 10
KEEP = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui import app
    from precedent.ui import page_state as SH

    temp = tmp_path_factory.mktemp("gradio-temp")
    saved = {k: os.environ.get(k) for k in ("GRADIO_TEMP_DIR",)}
    os.environ["GRADIO_TEMP_DIR"] = str(temp)
    mp = pytest.MonkeyPatch()
    mp.setattr(app, "STATE_SESSIONS", SESSIONS)
    mp.setattr(SH, "KEEP_DOWNLOADS", KEEP)
    lib = Library.open(tmp_path_factory.mktemp("served-home"), embedder=HashEmbedder())
    demo = app.build_app(lib)
    demo.queue()
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **app.launch_options())
    try:
        yield demo, lib, temp, f"http://127.0.0.1:{port}"
    finally:
        demo.close()
        mp.undo()
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def ask(demo, base: str, question: str, docs=()) -> httpx.Response:
    data = [question, None]  # the question, the conversation (its State)
    for c in page_components(demo)["filters"]:
        if c is page_components(demo)["filters"][0]:
            data.append(list(docs))
        elif isinstance(c, gr.Slider):
            data.append(5)
        else:
            data.append([])
    return httpx.post(f"{base}/gradio_api/run/ask",
                      json={"data": data, "session_hash": uuid.uuid4().hex[:11]}, timeout=60)


def answer_text(r: httpx.Response) -> str:
    """The text of the last chat message the API returned (tags and highlights taken off)."""
    import json
    import re
    from html import unescape

    content = r.json()["data"][0][-1]["content"]
    return unescape(re.sub(r"<[^>]+>", "", json.dumps(content, ensure_ascii=False)))


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_api_ask_takes_a_document_added_after_start(served, tmp_path):
    demo, lib, _, base = served
    doc = tmp_path / "beacons.txt"
    doc.write_text("1. We commit to lighting beacons along every harbour for migrants at sea.\n\n"
                   "2. We commit to keeping the beacons lit.\n", encoding="utf-8")
    added = lib.add(doc)
    r = ask(demo, base, "beacons along every harbour", docs=[added.doc_id])
    assert r.status_code == 200, r.text[:500]
    assert "lighting beacons along every harbour" in answer_text(r)
    unknown = ask(demo, base, "beacons", docs=["no-such-document"])
    # said in the chat
    assert unknown.status_code == 200 and "no-such-document" in answer_text(unknown)


def test_temp_folder_and_sessions_stay_bounded(served):
    demo, _, temp, base = served
    for i in range(3 * SESSIONS):
        r = ask(demo, base, f"child detention question {i}")
        assert r.status_code == 200, r.text[:300]
    files = files_under(temp)
    assert len(files) <= 2 * KEEP + 2, [str(p.relative_to(temp)) for p in files][:20]
    assert len(demo.state_holder.session_data) <= SESSIONS


def test_an_upload_and_a_removed_draft_leave_no_file(served):
    demo, lib, temp, _ = served
    upload_dir = temp / "0123abcd"
    upload_dir.mkdir()
    refused = upload_dir / "refused.txt"
    refused.write_bytes(b"\x00\x01 not text \x00")
    page_components(demo)["add"](str(refused))
    assert not refused.exists() and not upload_dir.exists()
    upload_dir.mkdir()
    ok = upload_dir / "ok.txt"
    ok.write_text("1. We commit to keeping granaries open for migrants in winter.\n",
                  encoding="utf-8")
    status = page_components(demo)["add"](str(ok))[0]
    assert "pc-ok" in status and not ok.exists()
    draft_dir = temp / "4567cdef"
    draft_dir.mkdir()
    draft = draft_dir / "draft.txt"
    draft.write_text("1. A draft paragraph.\n", encoding="utf-8")
    changed = page_components(demo)["compare"]["draft_changed"]
    assert changed(str(draft), None) == str(draft) and draft.exists()  # shown on the page: kept
    assert changed(None, str(draft)) is None and not draft.exists()  # taken off the page: deleted
    outside = temp.parent / "not-gradio.txt"
    outside.write_text("keep me")
    changed(None, str(outside))
    assert outside.exists()  # never a file outside Gradio's folder


# -- issue #19 items 10 and 14 -----------------------------------------------------------------

def upload(base: str, name: str, content: bytes) -> str:
    """Send a file as the page does (Gradio's upload route); the server's path of its copy."""
    r = httpx.post(f"{base}/gradio_api/upload", files={"files": (name, content)}, timeout=120)
    assert r.status_code == 200, r.text[:300]
    return r.json()[0]


def served_file(base: str, path: str) -> int:
    return httpx.get(f"{base}/gradio_api/file={path}", timeout=60).status_code


@pytest.mark.parametrize("name, size", [("draft.txt", 0), ("refused-21mb.txt", 21 * 2**20),
                                        ("refused-33mb.txt", 33 * 2**20)])
def test_a_draft_file_is_deleted_once_compared_and_never_served_after(served, name, size):
    demo, _, temp, base = served
    text = (b"1. We commit to lighting beacons for migrants at sea.\n\n2. We commit to open "
            b"granaries.\n")
    path = upload(base, name, text + b" " * max(0, size - len(text)))
    assert served_file(base, path) == 200  # Gradio serves what it holds
    compare = page_components(demo)["compare"]["compare"]
    html, *_, cleared = compare("", path, [], [], 5, 5, "")
    assert ("Could not read" in html) == (size > 0)
    assert cleared is None  # the file box is emptied
    assert not Path(path).exists() and served_file(base, path) != 200


def test_handing_a_file_to_a_callback_leaves_no_empty_temporary_file(served, tmp_path):
    from gradio.data_classes import FileData

    demo, _, temp, base = served
    path = upload(base, "draft.txt", b"1. We commit to keep the wells open.\n")
    before = set(files_under(temp))
    for component in (page_components(demo)["compare"]["file"], page_components(demo)["upload"]):
        assert component.preprocess(FileData(path=path, orig_name="draft.txt")) == path
    assert set(files_under(temp)) == before  # Gradio's File made an empty tmp* file each time


def test_the_paragraph_api_takes_any_record_id_and_echoes_nothing(served):
    demo, lib, _, base = served

    def paragraph(value):
        r = httpx.post(f"{base}/gradio_api/run/paragraph",
                       json={"data": [value], "session_hash": uuid.uuid4().hex[:11]}, timeout=60)
        assert r.status_code == 200, r.text[:300]
        return r.json()["data"], r.text

    for record in (next(r for r in lib.records if r.kind == "paragraph"),
                   next(r for r in lib.records if r.kind == "footnote")):
        (html, quote), _ = paragraph(record.id)
        assert record.text[:40] in quote and "pc-error" not in html
    long = "x" * 100_000
    (html, quote), raw = paragraph(long)
    assert ("not the id of a paragraph" in html and quote == "" and "x" * 100 not in raw
            and len(raw) < 2_000)
    (html, _), raw = paragraph("no-such-document:annex:1")
    assert "no longer in the library" in html and "no-such-document" not in raw
