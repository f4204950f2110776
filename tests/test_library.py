"""The library's documents: ``precedent add | remove | list``, where source files are kept, and
that nothing is lost: a writer killed at any moment, two writers at once, readers during
writes, and a long-running process noticing changes made by another."""

from __future__ import annotations

import errno
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import SPEC, HashEmbedder, cli_env
from filelock import FileLock
from test_index import segment_file

from precedent.index import IndexLoadError, LibraryError, LibraryIndex, library, lock, store
from precedent.index.library import write_lock
from precedent.index.store import current_name, load_index, save_index
from precedent.ingest.digest import file_sha256
from precedent.ui.cli import main

SHIPPED = "imrf-2026-progress-declaration"
FAKE = ["--model", SPEC]


def write_doc(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, start=1)) + "\n")
    return path


def small_doc(path: Path, topic: str, n: int = 3) -> Path:
    return write_doc(path, [f"We commit to {topic} along route {i} for migrants."
                            for i in range(n)])


WORDS = ("lanterns harbour caravans orchards ferries beacons granaries terraces looms kilns quays "
         "meadows aqueducts archives almanacs compasses ledgers lighthouses bridges wells").split()


def big_doc(path: Path, seed: int, n: int = 2000) -> Path:
    """~n numbered paragraphs of invented one-sentence text (different for each seed)."""
    rng = random.Random(seed)
    return write_doc(path, [f"We commit to {' '.join(rng.choice(WORDS) for _ in range(7))} "
                            f"in district {seed}-{i}."
                            for i in range(n)])


def run_cli(capsys, *argv) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return code, lines, err


def check_library(home: Path):
    """The current index loads and agrees with itself: records, vectors, FAISS rows, BM25 rows,
    sentence units, and every source file in the manifest exists with its recorded hash."""
    data = load_index(home)
    n = len(data.records)
    assert data.vectors.shape[0] == data.dense.ntotal == data.keyword.count == n
    assert data.sentence_dense.ntotal == len(data.sentence_rows) == len(data.sentence_vectors)
    assert {r.doc_id for r in data.records} == set(data.sources)
    sample = list(range(0, n, max(1, n // 50)))  # row i is record i: re-embed a sample and compare
    np.testing.assert_allclose(HashEmbedder().encode([data.records[i].text for i in sample]),
                               data.vectors[sample], atol=1e-5)
    for doc_id, src in data.sources.items():
        assert Path(src["path"]).is_file(), f"source of {doc_id} missing"
        assert file_sha256(src["path"]) == src["sha256"]
        assert src["paragraphs"] == sum(1 for r in data.records
                                        if r.doc_id == doc_id and r.kind != "footnote")
    return data


def cli_process(home: Path, *argv: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", *argv,
                             "--home", str(home), *FAKE],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=cli_env())


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    LibraryIndex(h, embedder=HashEmbedder()).open()
    return h


# -- the commands ------------------------------------------------------------------------

def test_add_files_and_a_folder_bad_files_reported_others_added(tmp_path, home, capsys):
    folder = tmp_path / "drafts"
    folder.mkdir()
    small_doc(folder / "b-bridges.txt", "build bridges")
    small_doc(folder / "a-wells.md", "dig wells")
    (folder / "c-broken.pdf").write_text("not a pdf")
    (folder / "notes.csv").write_text("ignored,")
    lone = small_doc(tmp_path / "lanterns.txt", "light lanterns", 4)
    code, lines, err = run_cli(capsys, "add", str(folder), str(lone), str(tmp_path / "missing.txt"),
                               "--home", str(home), *FAKE)
    assert code == 1
    assert [(r["doc_id"], r["status"], r["paragraphs"]) for r in lines] == [
        ("a-wells", "added", 3), ("b-bridges", "added", 3), ("lanterns", "added", 4)]
    assert all(r["embedded"] > 0 and r["message"] for r in lines)
    errors = [line for line in err.splitlines() if line.startswith("precedent: error:")]
    assert len(errors) == 2
    assert any("c-broken.pdf" in e and "PDF" in e for e in errors)
    assert any("missing.txt: file not found" in e for e in errors)
    assert {"a-wells", "b-bridges", "lanterns", SHIPPED} == set(check_library(home).sources)


def test_adding_the_same_content_again_is_a_no_op_that_says_so(tmp_path, home, capsys):
    doc = small_doc(tmp_path / "wells.txt", "dig wells")
    run_cli(capsys, "add", str(doc), "--home", str(home), *FAKE)
    before = current_name(home)
    copy = tmp_path / "other-name.txt"
    copy.write_bytes(doc.read_bytes())
    code, (line,), _ = run_cli(capsys, "add", str(copy), "--home", str(home), *FAKE)
    assert code == 0 and line["status"] == "unchanged" and line["embedded"] == 0
    assert line["doc_id"] == "wells" and "already in the library as 'wells'" in line["message"]
    assert current_name(home) == before  # no new index written


def test_single_file_options(tmp_path, home, capsys):
    doc = small_doc(tmp_path / "x.txt", "plant trees")
    code, (line,), _ = run_cli(capsys, "add", str(doc), "--symbol", "A/RES/99/1",
                               "--title", "Trees", "--date", "2030-01-02", "--home", str(home),
                               *FAKE)
    assert code == 0 and line["doc_id"] == "a-res-99-1"
    (d,) = [d for d in LibraryIndex(home, embedder=HashEmbedder()).documents()
            if d["doc_id"] == "a-res-99-1"]
    assert (d["symbol"], d["title"], d["date"]) == ("A/RES/99/1", "Trees", "2030-01-02")
    code, _, err = run_cli(capsys, "add", str(doc), str(doc), "--title", "T",
                           "--home", str(home), *FAKE)
    assert code == 1 and "single FILE" in err
    with pytest.raises(SystemExit) as e:  # a usage error: exit 2, before the library opens
        run_cli(capsys, "add", str(doc), "--date", "next week", "--home", str(home), *FAKE)
    err = capsys.readouterr().err
    assert e.value.code == 2 and "not a date" in err and len(err.strip().splitlines()) == 1


def test_remove_by_doc_id_or_symbol_unknown_lists_doc_ids(tmp_path, home, capsys):
    run_cli(capsys, "add", str(small_doc(tmp_path / "x.txt", "plant trees")),
            "--symbol", "A/RES/99/1", "--home", str(home), *FAKE)
    run_cli(capsys, "add", str(small_doc(tmp_path / "wells.txt", "dig wells")),
            "--home", str(home), *FAKE)
    code, _, err = run_cli(capsys, "remove", "nothing-here", "--home", str(home), *FAKE)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert ("no document 'nothing-here'" in err and "a-res-99-1" in err and "wells" in err
            and SHIPPED in err)
    code, (line,), _ = run_cli(capsys, "remove", "a/res/99/1", "--home", str(home), *FAKE)
    assert code == 0 and (line["doc_id"], line["status"], line["embedded"]) == \
        ("a-res-99-1", "removed", 0)
    code, (line,), _ = run_cli(capsys, "remove", "wells", "--home", str(home), *FAKE)
    assert code == 0 and line["paragraphs"] == 3
    assert set(check_library(home).sources) == {SHIPPED}


def test_removals_interrupted_say_each_removal_made(tmp_path, home, capsys, monkeypatch):
    for topic in ("wells", "kilns", "bells"):
        run_cli(capsys, "add", str(small_doc(tmp_path / f"{topic}.txt", f"dig {topic}")),
                "--home", str(home), *FAKE)

    def ctrl_c(*args):
        raise KeyboardInterrupt

    # Ctrl-C after the removal of wells was made (while its source file was being removed)
    monkeypatch.setattr(library, "clean_sources", ctrl_c)
    code, lines, err = run_cli(capsys, "remove", "wells", "kilns", "--home", str(home), *FAKE)
    assert (code, err) == (130, "precedent: interrupted\n")
    assert [(r["doc_id"], r["status"]) for r in lines] == [("wells", "removed")]
    assert set(check_library(home).sources) == {SHIPPED, "kilns", "bells"}
    # Ctrl-C before the removal of kilns was made: nothing said, nothing removed
    monkeypatch.setattr(library, "save_index", ctrl_c)
    code, lines, err = run_cli(capsys, "remove", "kilns", "bells", "--home", str(home), *FAKE)
    assert (code, lines, err) == (130, [], "precedent: interrupted\n")
    assert set(check_library(home).sources) == {SHIPPED, "kilns", "bells"}


def test_an_add_interrupted_before_its_index_leaves_no_copied_file(tmp_path, home, capsys,
                                                                  monkeypatch):
    """Ctrl-C (or a full disk) during an add, before its index was made current: the ledger and
    the index are as they were, and the files it had copied into sources/ went only at the next
    change (an audit: 18 PDFs, 9 MB, left after Ctrl-C in a bulk add)."""
    run_cli(capsys, "add", str(small_doc(tmp_path / "wells.txt", "dig wells")),
            "--home", str(home), *FAKE)
    before = sorted(p.relative_to(home) for p in (home / "sources").rglob("*") if p.is_file())

    def ctrl_c(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(library, "save_index", ctrl_c)
    files = [small_doc(tmp_path / f"{t}.txt", f"fire {t}") for t in ("kilns", "bells")]
    code, lines, err = run_cli(capsys, "add", *map(str, files), "--home", str(home), *FAKE)
    assert (code, lines, err) == (130, [], "precedent: interrupted\n")
    after = sorted(p.relative_to(home) for p in (home / "sources").rglob("*") if p.is_file())
    assert after == before and set(check_library(home).sources) == {SHIPPED, "wells"}
    monkeypatch.undo()
    code, lines, _ = run_cli(capsys, "add", *map(str, files), "--home", str(home), *FAKE)
    assert code == 0 and [r["status"] for r in lines] == ["added", "added"]


def test_removed_shipped_document_stays_removed_until_its_file_is_added(tmp_path, home, capsys):
    code, _, err = run_cli(capsys, "remove", SHIPPED, "--home", str(home), *FAKE)
    assert code == 1 and "only document" in err  # an empty library cannot be searched
    run_cli(capsys, "add", str(small_doc(tmp_path / "wells.txt", "dig wells")),
            "--home", str(home), *FAKE)
    code, (line,), _ = run_cli(capsys, "remove", SHIPPED, "--home", str(home), *FAKE)
    assert code == 0 and line["status"] == "removed"
    again = LibraryIndex(home, embedder=HashEmbedder())
    assert again.open().status == "loaded"  # not rebuilt with the shipped document back
    assert ([d["doc_id"] for d in again.documents()] == ["wells"]
            and again.removed_documents() == [SHIPPED])
    from precedent.corpus import shipped_documents

    code, (line,), _ = run_cli(capsys, "add", shipped_documents()[0]["path"],
                               "--home", str(home), *FAKE)
    assert (line["doc_id"], line["status"]) == (SHIPPED, "added") and "restored" in line["message"]
    data = check_library(home)
    assert data.sources[SHIPPED]["shipped"] and data.manifest["removed_shipped"] == []
    first = next(r for r in data.records if r.doc_id == SHIPPED)
    assert first.citation.startswith("Progress Declaration 2026")  # the shipped description again


def test_list_json_and_plain(tmp_path, home, capsys):
    run_cli(capsys, "add", str(small_doc(tmp_path / "wells.txt", "dig wells")),
            "--date", "2031-05-06", "--home", str(home), *FAKE)
    code, lines, _ = run_cli(capsys, "list", "--home", str(home), *FAKE)
    assert code == 0
    by_id = {r["doc_id"]: r for r in lines}
    assert by_id["wells"]["paragraphs"] == 3 and by_id["wells"]["date"] == "2031-05-06"
    assert (by_id["wells"]["source"] == "wells.txt"
            and by_id["wells"]["model"] == "fake-hash-embedder")
    assert by_id[SHIPPED]["shipped"] is True and by_id[SHIPPED]["paragraphs"] > 50
    assert main(["list", "--plain", "--home", str(home), *FAKE]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 documents") and "fake-hash-embedder" in out[0]
    assert out[1].split()[:3] == ["DOC", "ID", "PARAS"]
    assert any(row.split()[:4] == ["wells", "3", "-", "2031-05-06"] for row in out)


def test_cli_does_not_rebuild_a_fake_hash_library(home, capsys):
    before = current_name(home)
    run_cli(capsys, "list", "--home", str(home), *FAKE)
    assert current_name(home) == before


class ReadOnlyLock:
    """The write lock of a data directory on a read-only file system (as root, chmod does not
    stop this process: the error is made here)."""

    def __init__(self, path):
        self.path = path

    def acquire(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self.path))

    def __enter__(self):  # as the lock was used before it became ``write_lock``'s own
        self.acquire()

    def __exit__(self, *exc):
        return False


def test_a_read_only_data_directory_is_named_in_one_error_for_each_change(tmp_path, home, capsys,
                                                                           monkeypatch):
    wells, kilns = (small_doc(tmp_path / f"{t}.txt", f"dig {t}") for t in ("wells", "kilns"))
    run_cli(capsys, "add", str(wells), "--home", str(home), *FAKE)
    before = current_name(home)
    monkeypatch.setattr(lock, "FileLock", ReadOnlyLock)
    said = f"precedent: error: cannot change the library in {home}: read-only file system"
    code, lines, err = run_cli(capsys, "remove", "wells", SHIPPED, "--home", str(home), *FAKE)
    assert (code, lines, err.splitlines()) == (1, [], [said])
    code, lines, err = run_cli(capsys, "add", str(kilns), "--home", str(home), *FAKE)
    assert (code, lines, err.splitlines()) == (1, [], [said])  # not blamed on the file
    code, lines, err = run_cli(capsys, "add", str(kilns), str(tmp_path / "wells.txt"),
                               "--home", str(home), *FAKE)
    assert (code, lines) == (1, [])
    assert err.splitlines() == [said, "precedent: 2 of 2 failed; 0 added or already present"]
    assert current_name(home) == before


# -- where source files live --------------------------------------------------------------

def test_added_file_is_copied_once_and_a_new_version_replaces_the_old_copy(tmp_path, home):
    idx = LibraryIndex(home, embedder=HashEmbedder())
    doc = small_doc(tmp_path / "wells.txt", "dig wells")
    first = idx.add(doc)
    v1 = Path(idx.data.sources["wells"]["path"])
    assert v1.parent == home / "sources" / "wells" and v1.read_bytes() == doc.read_bytes()
    doc.unlink()  # the user's own file can go: the library keeps its copy
    assert LibraryIndex(home, embedder=HashEmbedder()).open().status == "loaded"
    second = idx.add(small_doc(tmp_path / "wells.txt", "dig deeper wells", 5))
    assert (first.status, second.status, second.paragraphs) == ("added", "replaced", 5)
    v2 = Path(idx.data.sources["wells"]["path"])
    assert v2 != v1 and v2.is_file() and not v1.exists()
    idx.remove("wells")
    assert not (home / "sources" / "wells").exists()


def test_a_file_already_in_the_sources_folder_is_kept_in_place(home):
    """As ``precedent fetch`` leaves it: no second copy; removing the document deletes it."""
    (home / "sources").mkdir()
    download = small_doc(home / "sources" / "A-RES-99-2.en.txt", "ring bells")
    original = home / "sources" / "A-RES-99-2.en.doc"
    original.write_bytes(b"legacy bytes")
    idx = LibraryIndex(home, embedder=HashEmbedder())
    result = idx.add(download, symbol="A/RES/99/2", meta={"original_path": str(original)})
    assert result.status == "added"
    assert Path(idx.data.sources["a-res-99-2"]["path"]) == download.resolve()
    assert sorted(p.name for p in (home / "sources").rglob("*")) == \
        ["A-RES-99-2.en.doc", "A-RES-99-2.en.txt"]
    idx.remove("A/RES/99/2")
    assert not download.exists() and not original.exists()


def test_damaged_index_rebuild_keeps_added_documents(tmp_path, home):
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    segment_file(home, "vectors.npy").write_bytes(b"garbage")
    again = LibraryIndex(home, embedder=HashEmbedder())
    result = again.open()
    assert (result.status == "built" and "unreadable" in result.message
            and "1 added document kept (wells)" in result.message)
    assert set(check_library(home).sources) == {SHIPPED, "wells"}


def test_a_damaged_index_rebuilt_without_a_source_does_not_call_the_sources_untouched(
        tmp_path, home, caplog):
    idx = LibraryIndex(home, embedder=HashEmbedder())
    for topic in ("wells", "kilns"):
        idx.add(small_doc(tmp_path / f"{topic}.txt", f"dig {topic}"))
    shutil.rmtree(home / "sources" / "wells")
    segment_file(home, "vectors.npy").write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING, logger="precedent.index.library"):
        result = LibraryIndex(home, embedder=HashEmbedder()).open()
    warned = [r.getMessage() for r in caplog.records]
    assert warned[0].endswith("; rebuilding from the sources"), warned
    assert "lost: wells (its source file is gone)" in result.message
    assert set(check_library(home).sources) == {SHIPPED, "kilns"}


# -- several processes ---------------------------------------------------------------------

def test_a_stale_library_object_changes_the_current_index_not_its_old_copy(tmp_path, home):
    one = LibraryIndex(home, embedder=HashEmbedder())
    one.open()
    two = LibraryIndex(home, embedder=HashEmbedder())
    two.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    one.add(small_doc(tmp_path / "bells.txt", "ring bells"))  # ``one`` never saw wells
    assert set(check_library(home).sources) == {SHIPPED, "wells", "bells"}
    two.remove("bells")
    one.remove("wells")
    assert set(check_library(home).sources) == {SHIPPED}


def test_refresh_adopts_changes_made_by_another_process(tmp_path, home):
    server = LibraryIndex(home, embedder=HashEmbedder())
    server.open()
    assert server.refresh() is False
    LibraryIndex(home, embedder=HashEmbedder()).add(small_doc(tmp_path / "wells.txt", "dig wells"))
    assert server.refresh() is True and "wells" in server.data.sources
    assert server.refresh() is False
    # rebuilt with another model
    LibraryIndex(home, embedder=HashEmbedder(name="fake-hash-other")).open()
    assert server.refresh() is False and server.data.model == "fake-hash-embedder"
    assert server.refresh() is False  # declined once, not re-loaded on every call


def test_load_retries_when_the_index_was_pruned_between_reading_current_and_opening_it(
    home, monkeypatch
):
    data = load_index(home)
    first = data.name
    save_index(data, home)
    save_index(data, home)  # two swaps: the first directory is pruned
    assert not (home / "indexes" / first).exists()
    real = store.current_name
    calls = []

    def stale_then_real(h):
        calls.append(1)
        return first if len(calls) == 1 else real(h)

    monkeypatch.setattr(store, "current_name", stale_then_real)
    assert load_index(home).name == real(home)
    # CURRENT itself names a missing dir
    monkeypatch.setattr(store, "current_name", lambda h: first)
    with pytest.raises(IndexLoadError):
        load_index(home)


def test_unknown_document_is_a_library_error(home):
    with pytest.raises(LibraryError, match=f"doc ids: {SHIPPED}"):
        LibraryIndex(home, embedder=HashEmbedder()).remove("nope")


@pytest.mark.slow
def test_killed_writer_leaves_the_previous_index_whole(tmp_path, home):
    """SIGKILL an add of a ~2,000-paragraph document at several moments (while it parses and
    embeds, as it writes the new index directory, around the swap): each time the library
    loads, consistent, holding exactly its previous documents (or the new one complete, when
    the swap was reached); then an add runs to the end and leftovers are gone."""
    rng = random.Random(int(os.environ.get("PRECEDENT_KILL_SEED", "6")))
    indexes = home / "indexes"
    killed_mid_write, observed = 0, []
    for run, moment in enumerate(["tmp-dir", "tmp-dir+random", "early", "new-dir"]):
        before = load_index(home)
        known = {d.name for d in indexes.iterdir()}
        doc = big_doc(tmp_path / f"big{run}.txt", run)
        proc = cli_process(home, "add", str(doc))
        deadline = time.monotonic() + 300
        if moment == "early":
            time.sleep(rng.uniform(0.5, 3.0))
        while proc.poll() is None and moment != "early" and time.monotonic() < deadline:
            fresh = [d.name for d in indexes.iterdir() if d.name not in known]
            if (moment.startswith("tmp") and any(n.endswith(".tmp") for n in fresh)) or \
                    (moment == "new-dir" and any(not n.endswith(".tmp") for n in fresh)):
                break
            time.sleep(0.002)
        if moment == "tmp-dir+random":
            time.sleep(rng.uniform(0.0, 0.5))
        fresh = [d.name for d in indexes.iterdir() if d.name not in known]
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode != -signal.SIGKILL:
            state = "finished"
        elif current_name(home) != before.name:
            state = "swapped"
        elif any(n.endswith(".tmp") for n in fresh):
            state = "writing"
        else:
            state = "renamed, not swapped" if fresh else "before writing"
        killed_mid_write += state == "writing"
        after = check_library(home)
        old = {r.id: r.text for r in before.records}
        assert {r.id: r.text for r in after.records if r.doc_id in before.sources} == old
        new = set(after.sources) - set(before.sources)
        assert new in (set(), {f"big{run}"}), new
        if new:
            assert after.sources[f"big{run}"]["paragraphs"] == 2000
        assert set(before.sources) <= set(after.sources)
        observed.append((moment, state, sorted(new)))
    print(observed)
    # at least one kill landed while the new index was being written
    assert killed_mid_write >= 1, observed
    last = big_doc(tmp_path / "last.txt", 99, 50)
    proc = cli_process(home, "add", str(last))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert json.loads(out)["status"] == "added"
    assert "last" in check_library(home).sources
    leftovers = [p.name for p in indexes.iterdir() if p.name.endswith(".tmp")]
    leftovers += ([p.name for p in home.glob("CURRENT.*")]
                  + [p.name for p in (home / "sources").rglob(".part-*")])
    assert leftovers == [] and len(list(indexes.iterdir())) <= 2


def test_two_processes_adding_at_once_both_documents_present(tmp_path):
    home = tmp_path / "fresh-home"  # not even built yet: both processes want to build it
    docs = [small_doc(tmp_path / "wells.txt", "dig wells", 30),
            small_doc(tmp_path / "bells.txt", "ring bells", 30)]
    procs = [cli_process(home, "add", str(d)) for d in docs]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in results]
    assert sorted(json.loads(out)["status"] for out, _ in results) == ["added", "added"]
    assert set(check_library(home).sources) == {SHIPPED, "wells", "bells"}


def test_a_change_waiting_for_another_says_so_once_and_waits(tmp_path, home, monkeypatch, caplog):
    idx = LibraryIndex(home, embedder=HashEmbedder())
    for topic in ("wells", "kilns"):
        idx.add(small_doc(tmp_path / f"{topic}.txt", f"dig {topic}"))
    monkeypatch.setattr(lock, "LOCK_WAIT_NOTE", 0.2)
    held = threading.Event()

    def other_change() -> None:  # another process's long change (a lock is its thread's)
        with FileLock(home / ".lock"):
            held.set()
            time.sleep(1.5)

    other = threading.Thread(target=other_change)
    other.start()
    held.wait(10)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="precedent.index.lock"):
        result = idx.remove("wells")
        waited = time.monotonic() - started
        idx.remove("kilns")  # the lock free: nothing said
    other.join()
    assert waited > 1.0 and result.status == "removed"
    assert [r.getMessage() for r in caplog.records] == [
        f"waiting for another change of the library in {home} to finish"]
    assert set(check_library(home).sources) == {SHIPPED}


READER = """
import json, logging, sys, time
from pathlib import Path
from precedent.index.store import IndexLoadError, load_index
home, stop = Path(sys.argv[1]), Path(sys.argv[2])
loads, errors, names, retries = 0, [], set(), []
class Count(logging.Handler):
    def emit(self, record):
        retries.append(record.getMessage())
logging.getLogger("precedent.index.store").addHandler(Count(logging.INFO))
logging.getLogger("precedent.index.store").setLevel(logging.INFO)
(stop.parent / "ready").touch()
while not stop.exists():
    try:
        d = load_index(home)
        assert len(d.records) == d.vectors.shape[0] == d.dense.ntotal == d.keyword.count
        loads += 1
        names.add(d.name)
    except IndexLoadError as e:
        errors.append(str(e))
print(json.dumps({"loads": loads, "errors": errors, "names": len(names), "retries": len(retries)}))
"""


@pytest.mark.slow
def test_a_reader_never_sees_a_half_written_index(tmp_path, home):
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(home), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while (not (tmp_path / "ready").exists() and reader.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.05)
    writer = LibraryIndex(home, embedder=HashEmbedder())
    for i in range(6):
        writer.add(small_doc(tmp_path / f"doc{i}.txt", f"carry lantern {i}", 20))
        if i % 2:
            writer.remove(f"doc{i - 1}")
    for _ in range(15):  # rapid swaps: a slow reader's directory is pruned under it
        with write_lock(home):
            save_index(writer.data, home)
    stop.touch()
    out, err = reader.communicate(timeout=120)
    report = json.loads(out)
    print(report)
    assert report["errors"] == [], report["errors"][:3]
    assert report["loads"] > 3 and report["names"] >= 2, report


def test_the_library_imports_without_fcntl():
    """The write lock is ``filelock``'s: importing the library needs no POSIX-only module."""
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "import warnings; warnings.simplefilter('ignore')\n"
            "from precedent.index.library import write_lock\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


# -- the write path: parsed once, hashed once, copied once ---------------------------------

COUNTED_TXT = """United Nations

A/RES/84/7

General Assembly

Distr.: General
2 March 2030

Resolution on Counted Lanterns

The General Assembly,

1. Decides that counted lanterns light the routes of migrants;

2. Requests that each lantern along the routes be counted once;
"""


def _count_the_write_path(m, data: bytes) -> dict[str, list]:
    """Spies on the one function each step goes through: ``ingest.load._parse`` (every parse),
    ``hashlib.sha256`` (every hash, wherever taken: the ones fed exactly ``data`` are kept),
    ``library.store_source`` (the library's copy) and ``shutil``'s copies (none expected)."""
    import hashlib
    import shutil

    from precedent.index import library
    from precedent.ingest import load

    seen: dict[str, list] = {"parses": [], "hashes": [], "stores": [], "copies": []}
    real_parse, real_sha256, real_store = load._parse, hashlib.sha256, library.store_source

    def parse(source, info):
        seen["parses"].append(info.doc_id)
        return real_parse(source, info)

    class Sha256:
        def __init__(self, first=b"", **kw):
            self._h, self._fed = real_sha256(first, **kw), bytearray(first)
            seen["hashes"].append(self._fed)

        def update(self, chunk):
            self._h.update(chunk)
            self._fed += chunk

        def hexdigest(self):
            return self._h.hexdigest()

        def digest(self):
            return self._h.digest()

    def store(*args, **kwargs):
        seen["stores"].append(args[1])
        return real_store(*args, **kwargs)

    m.setattr(load, "_parse", parse)
    m.setattr(hashlib, "sha256", Sha256)
    m.setattr(library, "store_source", store)
    for name in ("copyfile", "copy", "copy2", "copyfileobj"):
        real = getattr(shutil, name)
        m.setattr(shutil, name,
                  lambda *a, _real=real, **k: seen["copies"].append(a[0]) or _real(*a, **k))
    return seen


def _copies_of(data: bytes, folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.read_bytes() == data)


def test_an_upload_is_parsed_once_hashed_once_and_copied_once(tmp_path, monkeypatch):
    """The page's upload, renamed by its masthead's symbol: one parse (the id renames the
    records), one hash of its bytes, one copy (the library's, in sources/); the index is
    swapped in by the library itself and searchable at once."""
    from precedent.search import Library
    from precedent.ui.handlers import Handlers

    lib = Library.open(tmp_path / "home", embedder=HashEmbedder())
    h = Handlers(lib, download_dir=tmp_path / "dl")
    src = tmp_path / "server-temp" / "lanterns upload.txt"
    src.parent.mkdir()
    src.write_text(COUNTED_TXT)
    data = src.read_bytes()
    with monkeypatch.context() as m:
        seen = _count_the_write_path(m, data)
        reply = h.library.upload(src, "lanterns upload.txt")
    assert reply.ok, reply.message
    assert reply.doc_id == "a-res-84-7"  # from the masthead: renamed, not parsed again
    assert seen["parses"] == ["lanterns-upload"]
    assert sum(bytes(fed) == data for fed in seen["hashes"]) == 1
    assert len(seen["stores"]) == 1 and seen["copies"] == []
    kept = set(_copies_of(data, tmp_path)) - {src}  # the server's file and the library's copy
    assert len(kept) == 1 and kept.pop().is_relative_to(lib.home / "sources")
    assert not (lib.home / "uploads").exists()
    hit = lib.search('"each lantern along the routes"').hits[0]
    assert hit.record.id.startswith("a-res-84-7:") and hit.record.symbol == "A/RES/84/7"


def test_a_bulk_add_parses_and_hashes_each_file_once(tmp_path, home, monkeypatch):
    """``add_many`` (parsing here, ``parse_workers=0``): each file's bytes are parsed once and
    hashed once, and the library keeps one copy of each."""
    index = LibraryIndex(home, embedder=HashEmbedder())
    index.open()
    files = [small_doc(tmp_path / f"{word}.txt", word) for word in ("orchards", "ferries")]
    with monkeypatch.context() as m:
        seen = _count_the_write_path(m, files[0].read_bytes())
        results = index.add_many(files, parse_workers=0)
    assert [r.status for _, r in results] == ["added", "added"]
    assert sorted(seen["parses"]) == ["ferries", "orchards"]
    assert sum(bytes(fed) == files[0].read_bytes() for fed in seen["hashes"]) == 1
    assert len(seen["stores"]) == 2 and seen["copies"] == []


def test_a_taken_doc_id_renames_the_records_without_parsing_again(tmp_path, home, monkeypatch):
    index = LibraryIndex(home, embedder=HashEmbedder())
    index.open()
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = small_doc(tmp_path / "a" / "notes.txt", "orchards")
    assert index.add(first, source="first notes").doc_id == "notes"
    second = small_doc(tmp_path / "b" / "notes.txt", "ferries")
    data = second.read_bytes()
    with monkeypatch.context() as m:
        seen = _count_the_write_path(m, data)
        result = index.add(second, source="second notes")
    assert result.doc_id == "notes-2" and result.status == "added"
    assert seen["parses"] == ["notes"] and len(seen["stores"]) == 1 and seen["copies"] == []
    assert sum(bytes(fed) == data for fed in seen["hashes"]) == 1
    ids = [r.id for r in index.data.records if r.doc_id == "notes-2"]
    assert ids and all(i.startswith("notes-2:") for i in ids)
    check_library(home)


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__()
        self.texts = 0

    def encode(self, texts, **kwargs):
        self.texts += len(texts)
        return super().encode(texts, **kwargs)


def test_each_added_file_says_the_texts_embedded_for_it_not_its_batch_total(tmp_path):
    """Files added in one change report each its own count of texts embedded (a text two of them
    share counts for the first), so a file of 2 paragraphs never says it needed the 40 texts of a
    larger file committed beside it; the counts add up to what the model embedded."""
    home = tmp_path / "home"
    emb = CountingEmbedder()
    lib = LibraryIndex(home, embedder=emb)
    lib.open()
    emb.texts = 0
    big = write_doc(tmp_path / "big.txt", [f"We commit to {w} and to {v} for migrants, and we note "
                                           f"progress on {w}." for w in WORDS for v in WORDS[:2]])
    small = small_doc(tmp_path / "small.txt", "light lanterns", 2)
    # its first paragraph is small.txt's: that text is embedded once, for small.txt
    twin = write_doc(tmp_path / "twin.txt", ["We commit to light lanterns along route 0 for "
                                             "migrants.", "We commit to dig wells at dawn."])
    results = {p.name: r for p, r in lib.add_many([big, small, twin])}
    n = {name: r.embedded for name, r in results.items()}
    assert n["big.txt"] > 10 * n["small.txt"] > 0
    assert n["twin.txt"] == n["small.txt"] - 1
    assert sum(n.values()) == emb.texts
    for r in results.values():
        assert r.message.endswith(f", {r.embedded} texts embedded"), r.message
