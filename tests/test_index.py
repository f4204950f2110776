"""The index on disk: FAISS against a numpy oracle, save/load round trip, hash reuse, model
changes, damaged indexes rebuilt from untouched sources, and the manifest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder

from precedent.index import IndexLoadError, LibraryIndex
from precedent.index.dense import build_faiss, search_faiss
from precedent.index.store import current_index_dir, load_index

SHIPPED = "imrf-2026-progress-declaration"


def segment_file(home, name: str, which: int = -1):
    """A file of a segment of the current index (the last one by default)."""
    manifest = json.loads((current_index_dir(home) / "manifest.json").read_text())
    return current_index_dir(home) / manifest["segments"][which]["name"] / name


def test_faiss_flat_matches_numpy_oracle():
    rng = np.random.default_rng(1)
    vecs = rng.standard_normal((500, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    queries = vecs[:5] + 0.1 * rng.standard_normal((5, 32)).astype(np.float32)
    scores, rows = search_faiss(build_faiss(vecs), queries, 10)
    oracle = queries @ vecs.T
    for q in range(5):
        expected = np.argsort(-oracle[q])[:10]
        assert list(rows[q]) == list(expected)
        np.testing.assert_allclose(scores[q], oracle[q][expected], rtol=1e-5, atol=1e-5)


def test_approximate_index_recall_against_exact():
    rng = np.random.default_rng(2)
    centers = rng.standard_normal((50, 32)).astype(np.float32)
    noise = rng.standard_normal((20_000, 32)).astype(np.float32)
    vecs = centers[rng.integers(0, 50, 20_000)] + 0.3 * noise
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    queries = vecs[rng.choice(20_000, 50, replace=False)]
    _, exact = search_faiss(build_faiss(vecs, approx=False), queries, 10)
    _, approx = search_faiss(build_faiss(vecs, approx=True), queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall >= 0.95


def test_build_save_load_round_trip(tmp_path):
    idx = LibraryIndex(tmp_path, embedder=HashEmbedder())
    built = idx.open()
    assert built.status == "built"
    assert built.embedded > 0
    loaded = load_index(tmp_path)
    assert [r.to_dict() for r in loaded.records] == [r.to_dict() for r in idx.data.records]
    np.testing.assert_array_equal(loaded.vectors, idx.data.vectors)
    np.testing.assert_array_equal(loaded.sentence_rows, idx.data.sentence_rows)
    assert loaded.dense.ntotal == len(loaded.records)
    q = "alternatives to detention"
    np.testing.assert_allclose(loaded.keyword.scores(q), idx.data.keyword.scores(q))
    again = LibraryIndex(tmp_path, embedder=HashEmbedder()).open()
    assert again.status == "loaded" and again.embedded == 0


def test_manifest_records_model_dimension_count_and_sources(tmp_path):
    LibraryIndex(tmp_path, embedder=HashEmbedder()).open()
    manifest = json.loads((current_index_dir(tmp_path) / "manifest.json").read_text())
    assert manifest["format_version"] == 3
    assert manifest["model"] == "fake-hash-embedder"
    assert manifest["dimension"] == 64
    assert manifest["normalized"] is True
    index_dir = current_index_dir(tmp_path)
    assert manifest["count"] == sum(1 for seg in manifest["segments"]
                                    for _ in open(index_dir / seg["name"] / "records.jsonl"))
    assert len(manifest["sources"][SHIPPED]["sha256"]) == 64
    files = {p.name for p in current_index_dir(tmp_path).rglob("*") if p.is_file()}
    assert not any(f.endswith((".pkl", ".pickle")) for f in files)


def test_row_i_is_record_i_checked_on_load(tmp_path):
    LibraryIndex(tmp_path, embedder=HashEmbedder()).open()
    path = segment_file(tmp_path, "records.jsonl")
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(IndexLoadError, match="inconsistent"):
        load_index(tmp_path)


def test_damaged_index_is_rebuilt_and_sources_untouched(tmp_path):
    idx = LibraryIndex(tmp_path, embedder=HashEmbedder())
    idx.open()
    segment_file(tmp_path, "vectors.npy").write_bytes(b"garbage")
    again = LibraryIndex(tmp_path, embedder=HashEmbedder())
    result = again.open()
    assert result.status == "built" and "unreadable" in result.message
    assert len(again.data.records) == len(idx.data.records)
    from precedent.corpus import shipped_documents

    assert all(__import__("pathlib").Path(e["path"]).exists() for e in shipped_documents())


def test_a_segment_file_altered_in_place_is_never_read_as_written(tmp_path):
    # one bit of records.jsonl flipped ("2016" read "2017") kept valid JSON, and the altered text
    # was quoted as the paragraph's verbatim text, nothing said (an audit): each segment file's
    # checksum is checked on reading, and the index is rebuilt from the untouched sources
    idx = LibraryIndex(tmp_path, embedder=HashEmbedder())
    idx.open()
    path = segment_file(tmp_path, "records.jsonl")
    data = path.read_bytes()
    at = data.index(b"2026")
    path.write_bytes(data[:at + 3] + bytes([data[at + 3] ^ 1]) + data[at + 4:])  # "2027"
    with pytest.raises(IndexLoadError, match="records.jsonl .* not as written"):
        load_index(tmp_path)
    again = LibraryIndex(tmp_path, embedder=HashEmbedder())
    result = again.open()
    assert result.status == "built" and "not as written" in result.message
    assert [r.text for r in again.data.records] == [r.text for r in idx.data.records]


def test_a_change_that_fails_leaves_the_ledger_as_it_was(tmp_path, monkeypatch):
    # a remove that failed on a full disk left the ledger without the document, and a later
    # rebuild from the ledger dropped it unsaid (an audit)
    from precedent.index import library
    from precedent.index.recover import read_ledger

    idx = LibraryIndex(tmp_path / "home", embedder=HashEmbedder())
    idx.open()
    doc = _write_doc(tmp_path / "trees.txt", ["We commit to plant trees along every route."])
    doc_id = idx.add(doc, title="Tree declaration").doc_id

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library, "save_index", full_disk)
    with pytest.raises(OSError):
        idx.remove(doc_id)
    assert doc_id in read_ledger(tmp_path / "home")["sources"]


class CountingEmbedder(HashEmbedder):
    def __init__(self, name="fake-hash-embedder"):
        super().__init__(name=name)
        self.seen: list[str] = []

    def encode(self, texts, **kw):
        self.seen.extend(texts)
        return super().encode(texts, **kw)


def _write_doc(path, paragraphs):
    path.write_text("\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, start=1)) + "\n")
    return path


def test_adding_a_document_embeds_only_its_paragraphs(tmp_path):
    idx = LibraryIndex(tmp_path / "home", embedder=CountingEmbedder())
    idx.open()
    before = len(idx.embedder.seen)
    doc = _write_doc(tmp_path / "new.txt", ["We commit to plant trees along every migration route.",
                                            "We request a report on tree planting by migrants."])
    result = idx.add(doc, title="Tree declaration")
    assert result.status == "added"
    new_texts = idx.embedder.seen[before:]
    paragraphs = ["We commit to plant trees along every migration route.",
                  "We request a report on tree planting by migrants."]
    # each paragraph, and each in its context (the document's title before it)
    assert sorted(new_texts) == sorted(paragraphs + [f"Tree declaration. {t}" for t in paragraphs])
    assert idx.add(doc).status == "unchanged"


def test_removing_embeds_nothing(tmp_path):
    idx = LibraryIndex(tmp_path / "home", embedder=CountingEmbedder())
    idx.open()
    doc = _write_doc(tmp_path / "new.txt",
                     ["We commit to plant trees along every migration route."])
    added = idx.add(doc)
    before = len(idx.embedder.seen)
    removed = idx.remove(added.doc_id)
    assert removed.status == "removed" and removed.embedded == 0
    assert len(idx.embedder.seen) == before
    assert all(r.doc_id != added.doc_id for r in idx.data.records)


def test_changed_model_rebuilds_all_and_says_so(tmp_path):
    LibraryIndex(tmp_path, embedder=HashEmbedder()).open()
    other = LibraryIndex(tmp_path, embedder=CountingEmbedder(name="fake-hash-other"))
    result = other.open()
    assert result.status == "rebuilt"
    assert "fake-hash-embedder" in result.message and "fake-hash-other" in result.message
    assert len(other.embedder.seen) == result.embedded > 0


def test_unchanged_paragraphs_are_not_re_embedded_when_a_source_changes(tmp_path, monkeypatch):
    idx = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    idx.open()
    from precedent.index import source_docs

    real = source_docs.shipped_sources

    def changed():
        out = real()
        for src in out.values():
            src["sha256"] = "0" * 64  # as if the shipped file had been edited
        return out

    monkeypatch.setattr(source_docs, "shipped_sources", changed)
    again = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    result = again.open()
    assert result.status == "rebuilt"
    assert result.embedded == 0 and again.embedder.seen == []


def test_the_package_in_another_place_is_no_change_but_a_new_title_is(tmp_path, monkeypatch):
    # two installs sharing the user's data directory: each saw the other's corpus path as a
    # changed source and re-parsed every added document, turn after turn
    LibraryIndex(tmp_path, embedder=CountingEmbedder()).open()
    from precedent.index import source_docs

    real = source_docs.shipped_sources

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def moved():
        out = real()
        for src in out.values():
            copy = elsewhere / Path(src["path"]).name
            copy.write_bytes(Path(src["path"]).read_bytes())
            src["path"] = str(copy)
        return out

    monkeypatch.setattr(source_docs, "shipped_sources", moved)
    again = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    assert again.open().status == "loaded"

    def retitled():
        out = moved()
        for src in out.values():
            src["title"] = "Another title in the catalogue"
        return out

    monkeypatch.setattr(source_docs, "shipped_sources", retitled)
    third = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    result = third.open()
    assert result.status == "rebuilt" and "sources changed" in result.message
    assert {d["title"] for d in third.documents()} == {"Another title in the catalogue"}


def test_one_blas_thread_limits_and_restores_nested():
    """Inside ``one_blas_thread`` (nested too) numpy's BLAS pool has one thread; leaving the outer
    one restores what it had. In a process of its own: numpy's BLAS the only one loaded."""
    code = """
from threadpoolctl import threadpool_info
from precedent.index.dense import one_blas_thread

def blas_threads():
    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

before = blas_threads()
with one_blas_thread():
    inside = blas_threads()
    with one_blas_thread():
        nested = blas_threads()
    after_nested = blas_threads()
print(before, inside, nested, after_nested, blas_threads())
assert all(n == 1 for n in inside + nested + after_nested), "not limited"
assert blas_threads() == before, "not restored"
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_process_whose_library_changed_unreadably_says_so_with_every_answer(tmp_path):
    # the page (a long-lived Library) kept quoting a document removed from the command line when
    # the new index could not be read, and said so only in its log (an audit)
    from precedent.search import Library

    home = tmp_path / "home"
    page = Library.open(home, embedder=HashEmbedder())
    doc = _write_doc(tmp_path / "trees.txt", ["We commit to plant trees along every route."])
    page.add(doc)
    terminal = Library.open(home, embedder=HashEmbedder())
    terminal.remove(terminal.documents()[-1]["doc_id"])
    segment_file(home, "vectors.npy").write_bytes(b"garbage")
    page.refresh()
    answer = page.search("planting trees", k=2)
    assert answer.message.startswith("The library changed on disk, but its new index cannot be "
                                     "read: these answers are from the library as it was")
    # a readable index made current again: adopted, and the answer from it says nothing of it
    again = Library.open(home, embedder=HashEmbedder())  # rebuilds the damaged index
    again.add(doc)
    assert not page.search("planting trees", k=2).message.startswith("The library changed")


def test_a_full_disk_is_said_to_be_full(tmp_path):
    # "A_RES_80_3.pdf: 404352 requested and 138208 written" for each file, and a traceback for a
    # remove, where the disk was full (an audit)
    import errno

    from precedent.index.store import write_failure

    for e in (OSError("404352 requested and 138208 written"),
              OSError(errno.ENOSPC, "No space left on device")):
        said = write_failure(e, tmp_path)
        assert said.startswith(f"the disk holding the library ({tmp_path}) is full (")
        assert "nothing was changed" in said
    assert write_failure(OSError(errno.EACCES, "Permission denied"), tmp_path) == (
        "[Errno 13] Permission denied")
