"""Issue #22, item 5: the server speaks in the product's terms, not Gradio's.

``precedent serve`` says where the page is and that ``--share`` gives a public link (Gradio's
banner said "set `share=True` in `launch()`"); an upload over Gradio's size bound is refused in
the page's words and in MB (Gradio said "maximum allowed size of 41943040 bytes"). The page's own
refusal of a file over the limit, before it is sent, is checked in the browser
(tests/browser/e2e.mjs)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

gr = pytest.importorskip("gradio")
httpx = pytest.importorskip("httpx")

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_banner_names_the_command_option_not_gradios_launch(tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]),
               PYTHONUNBUFFERED="1")
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", "serve", "--port",
                                 str(port),
                                 "--home", str(tmp_path / "home"), "--model",
                                 "fake_embedder:HashEmbedder"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while "the page is on" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.3)
        time.sleep(1)  # anything Gradio would print after the address
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    text = log.read_text()
    assert (f"precedent: the page is on http://127.0.0.1:{port}/ (Ctrl+C stops it; precedent serve "
            "--share also gives a public link)") in text, text
    assert ("share=True" not in text and "launch()" not in text
            and "Running on local URL" not in text), text


def test_banner_with_a_public_link():
    from precedent.ui.app import banner

    assert banner("http://127.0.0.1:7860/", "https://abc.gradio.live") == (
        "precedent: the page is on http://127.0.0.1:7860/ and, public, on https://abc.gradio.live "
        "(Ctrl+C stops it)")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.ui import app

    mp = pytest.MonkeyPatch()
    # uploads land here, not in /tmp
    mp.setenv("GRADIO_TEMP_DIR", str(tmp_path_factory.mktemp("gradio-temp")))
    lib = Library.open(tmp_path_factory.mktemp("messages-home"), embedder=HashEmbedder())
    demo = app.build_app(lib)
    demo.queue()
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **app.launch_options())
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        demo.close()
        mp.undo()


def test_an_upload_over_the_servers_bound_is_refused_in_mb(served, tmp_path):
    from precedent.ui.uploads import MAX_UPLOAD_BYTES

    big = tmp_path / "huge.pdf"
    with open(big, "wb") as f:
        # 41 MB: over Gradio's bound (twice the page's limit)
        f.truncate(2 * MAX_UPLOAD_BYTES + 1024 * 1024)
    with open(big, "rb") as f:
        r = httpx.post(f"{served}/gradio_api/upload",
                       files={"files": ("huge.pdf", f, "application/pdf")}, timeout=120)
    assert r.status_code == 413
    assert r.text == "the file is too large (about 41.0 MB; the limit is 20 MB)", r.text
    assert "bytes" not in r.text and "41943040" not in r.text


def test_an_upload_within_the_bound_is_untouched(served, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("We commit to small files.\n", encoding="utf-8")
    with open(small, "rb") as f:
        r = httpx.post(f"{served}/gradio_api/upload",
                       files={"files": ("small.txt", f, "text/plain")}, timeout=60)
    assert r.status_code == 200 and r.json()[0].endswith("small.txt")


def test_the_page_refuses_a_file_over_the_limit_before_sending_it_in_the_same_words():
    """The script in the page's head carries the page's limit (the browser test drives it)."""
    from precedent.ui import app
    from precedent.ui.uploads import MAX_UPLOAD_BYTES, UPLOAD_LIMIT

    assert f"var LIMIT = {MAX_UPLOAD_BYTES}, SHOWN = '{UPLOAD_LIMIT}';" in app.HEAD
    assert "the file is too large (" in app.HEAD and "LIMIT_BYTES" not in app.HEAD


def test_the_question_box_takes_what_the_library_takes():
    """The page cut a pasted paragraph at 1,000 characters without a word, while the command line
    searched all of it (up to 10,000): the same paragraph ranked differently on each, and a quoted
    phrase after character 1,000 was lost."""
    pytest.importorskip("gradio")
    from fake_embedder import HashEmbedder
    from page_components import page_components

    from precedent.search import Library
    from precedent.search.query import MAX_QUERY_CHARS
    from precedent.ui.app import build_app

    query = page_components(build_app(Library.open(embedder=HashEmbedder())))["query"]
    assert query.max_length == MAX_QUERY_CHARS
