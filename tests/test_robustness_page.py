"""Issue #11, the page's callbacks: searches during an upload, upload copies and leftovers,
non-Latin upload names, the stated size limit, a bounded conversation."""

from __future__ import annotations

import os
import threading
import time

import pytest
from test_ui_handlers import UN_TXT, doc_count, last_answer, text_of

from precedent.index import library as library_module
from precedent.ui import handlers_search as S
from precedent.ui import page_state as SH
from precedent.ui import uploads as U
from precedent.ui.handlers import Handlers


@pytest.fixture
def h(fake_lib, tmp_path):
    return Handlers(fake_lib, download_dir=tmp_path / "downloads")


def incoming(h, name: str, content: str | bytes):
    path = h.download_dir.parent / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_a_search_goes_on_while_an_upload_is_being_parsed(h, monkeypatch):
    """The upload is held inside parsing until the search has answered. When the upload held the
    page's lock, the search could not answer (it waited for the whole upload)."""
    entered, release = threading.Event(), threading.Event()
    real = library_module.load_document

    def held(path, info=None, **kw):
        entered.set()
        release.wait(60)
        return real(path, info, **kw)

    monkeypatch.setattr(library_module, "load_document", held)
    before = doc_count(h)
    reply = {}
    def add():
        reply["r"] = h.library.upload(incoming(h, "lighthouses.txt", UN_TXT))

    upload = threading.Thread(target=add)
    upload.start()
    try:
        assert entered.wait(30)
        answered = {}
        search = threading.Thread(target=lambda: answered.setdefault("r",
                                                                     h.search.ask("child detention",
                                                                                  [])))
        search.start()
        search.join(30)
        assert "r" in answered, "the search waited for the upload"
        assert upload.is_alive() and "Progress Declaration" in text_of(last_answer(answered["r"]))
    finally:
        release.set()
        upload.join(60)
    assert reply["r"].ok, reply["r"].message
    assert doc_count(h) == before + 1
    found = h.search.ask('"zebra crossings for migrants"', [])
    assert "Imaginary Lighthouses, para. 2" in text_of(last_answer(found))


def test_upload_embeds_in_chunks_taking_turns_with_searches(h, monkeypatch):
    """Each chunk of the upload's texts is embedded under the page's lock, never the whole
    upload."""
    monkeypatch.setattr(SH, "EMBED_CHUNK", 2)
    inner = h.lib._index.embedder
    held_per_call = []

    class Spy:
        name, dim, backend = inner.name, inner.dim, getattr(inner, "backend", "fake")

        def encode(self, texts, **kw):
            held_per_call.append((len(list(texts)), h.lock._lock._is_owned()))
            return inner.encode(texts, **kw)

    h.lib._index._embedder = Spy()
    reply = h.library.upload(incoming(h, "lighthouses.txt", UN_TXT))
    assert reply.ok, reply.message
    upload_calls = [c for c in held_per_call if c[0]]
    assert upload_calls and all(n <= 2 and owned for n, owned in upload_calls), held_per_call


def _uploads(h):
    folder = h.lib.home / "uploads"
    return sorted(folder.rglob("*")) if folder.exists() else []


def test_no_upload_copy_stays_on_disk_added_refused_or_removed(h):
    added = h.library.upload(incoming(h, "lighthouses.txt", UN_TXT))
    assert added.ok and _uploads(h) == []
    same = h.library.upload(incoming(h, "again.txt", UN_TXT))
    assert "already in the library" in same.message and _uploads(h) == []
    refused = h.library.upload(incoming(h, "binary.txt", b"\x00\x01 not text \x00"))
    assert not refused.ok and _uploads(h) == []
    h.lib.remove(added.doc_id)
    assert _uploads(h) == [] and not list((h.lib.home / "sources").rglob("*.txt"))


def test_leftovers_of_a_killed_server_are_removed_at_start(fake_lib, tmp_path):
    uploads = fake_lib.home / "uploads"
    (uploads / "upload-old").mkdir(parents=True)
    (uploads / "upload-old" / "half.txt").write_text("1. Half.")
    (uploads / "kept-by-an-old-version.txt").write_text("1. Old.")
    (uploads / "upload-now").mkdir()  # another server's upload in progress
    hour_ago = time.time() - 7200
    for p in (uploads / "upload-old", uploads / "kept-by-an-old-version.txt"):
        os.utime(p, (hour_ago, hour_ago))
    Handlers(fake_lib, download_dir=tmp_path / "dl")
    assert sorted(p.name for p in uploads.iterdir()) == ["upload-now"]


def test_uploads_with_chinese_and_arabic_names_are_two_documents(h):
    before = doc_count(h)
    one = h.library.upload(incoming(h, "a.txt", UN_TXT), "移民.txt")
    other = UN_TXT.replace("Lighthouses", "Ferries").replace("lighthouse keepers", "ferry pilots")
    two = h.library.upload(incoming(h, "b.txt", other), "文書.txt")
    assert one.ok and two.ok and one.doc_id != two.doc_id
    assert doc_count(h) == before + 2
    assert U.safe_upload_name("移民.txt") != U.safe_upload_name("文書.txt")
    assert U.safe_upload_name("移民.txt").isascii()


def test_the_stated_limit_and_the_refusal_agree(h):
    """The page says "up to 20 MB" (``UPLOAD_LIMIT``); the refusal said "the limit is 21 MB"."""
    big = incoming(h, "big.txt", b"")
    with open(big, "wb") as f:
        f.truncate(U.MAX_UPLOAD_BYTES + 1)
    reply = h.library.upload(big)
    assert U.UPLOAD_LIMIT == "20 MB"
    assert "(20.0 MB; the limit is 20 MB)" in reply.message


def test_a_conversation_keeps_a_bounded_history(h):
    history = []
    for i in range(S.MAX_HISTORY):
        history = h.search.ask(f"migrants question {i}", history).history
    assert len(history) <= S.MAX_HISTORY
    assert "migrants question" in text_of(history[-2]["content"])


def test_a_search_waiting_during_an_upload_goes_before_its_next_chunk(h, monkeypatch):
    """The upload's embedding releases the page's lock after each chunk and takes it again; a
    waiting search must get it then, not after the whole embedding."""
    monkeypatch.setattr(SH, "EMBED_CHUNK", 1)
    inner = h.lib._index.embedder
    chunks, started = [], threading.Event()

    class Slow:
        name, dim, backend = inner.name, inner.dim, getattr(inner, "backend", "fake")

        def encode(self, texts, **kw):
            texts = list(texts)
            if threading.current_thread() is upload:
                chunks.append(texts)
                started.set()
                # a chunk of work by the model (sleeping lets the search thread run)
                time.sleep(0.02)
            return inner.encode(texts, **kw)

    h.lib._index._embedder = Slow()
    paragraphs = "\n\n".join(f"{i}. We commit to invented example number {i} about lanterns."
                             for i in range(1, 61))
    upload = threading.Thread(target=lambda: h.library.upload(incoming(h, "lanterns.txt", paragraphs
                                                                       + "\n")))
    upload.start()
    assert started.wait(30)
    done_at = {}
    search = threading.Thread(target=lambda: (h.search.ask("child detention", []),
                                              done_at.setdefault("n", len(chunks))))
    search.start()
    search.join(60)
    upload.join(60)
    total = len(chunks)
    assert total > 10 and done_at["n"] < total, (done_at, total)


def test_the_page_lock_lets_a_waiting_search_go_before_the_next_chunk():
    """Deterministic: background work releases the lock and asks for it again at once; the
    search waiting meanwhile gets it first (a plain lock hands it straight back)."""
    lock = SH.SearchFirstLock()
    order, holding, go = [], threading.Event(), threading.Event()

    def background():
        with lock.after_waiters():
            holding.set()
            go.wait(10)
            order.append("chunk 1")
        with lock.after_waiters():
            order.append("chunk 2")

    def search():
        with lock:
            order.append("search")

    work = threading.Thread(target=background)
    work.start()
    assert holding.wait(10)
    waiting = threading.Thread(target=search)
    waiting.start()
    while not lock.waiting:
        time.sleep(0.001)
    go.set()
    work.join(10)
    waiting.join(10)
    assert order == ["chunk 1", "search", "chunk 2"]


def test_an_upload_and_draft_files_are_read_one_at_a_time(h, monkeypatch):
    """Issue #19 item 2: a compare file waits while an upload is read, and two compare files
    wait for each other (before, the three were read at once: 5.75 GB on three bombs)."""
    from precedent.search.compare import comparison as compare_module

    entered, release = threading.Event(), threading.Event()
    real_load, real_read = library_module.load_document, compare_module.read_draft_document
    reading, most = [0], [0]
    count = threading.Lock()

    def counted(real):
        def read(*args, **kw):
            with count:
                reading[0] += 1
                most[0] = max(most[0], reading[0])
            entered.set()
            release.wait(30)
            try:
                return real(*args, **kw)
            finally:
                with count:
                    reading[0] -= 1
        return read

    monkeypatch.setattr(library_module, "load_document", counted(real_load))
    monkeypatch.setattr(compare_module, "read_draft_document", counted(real_read))
    draft = incoming(h, "draft.txt", "1. We commit to lighting beacons for migrants.\n")
    replies: dict = {}
    jobs = [threading.Thread(target=lambda: replies.setdefault("upload",
                                                               h.library.upload(incoming(h, "l.txt",
                                                                                         UN_TXT))))]
    jobs += [threading.Thread(target=lambda i=i: replies.setdefault(f"compare {i}",
                                                                    h.compare.run("", draft,
                                                                                  include_drafts=True)))
             for i in (1, 2)]
    for job in jobs:
        job.start()
    assert entered.wait(30)
    time.sleep(0.5)  # the others have had time to start reading, if they could
    assert most[0] == 1
    release.set()
    for job in jobs:
        job.join(60)
    assert most[0] == 1
    assert replies["upload"].ok and replies["compare 1"].ok and replies["compare 2"].ok
