"""Issue #21: the index in segments. Changes write only what changed, and an index made by many
adds and removals searches exactly as one built from scratch over the same documents."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder
from test_library import big_doc, check_library, small_doc, write_doc

from precedent.index import LibraryIndex, library
from precedent.index.keyword import KeywordIndex, KeywordSegment, tokenize
from precedent.index.library import write_lock
from precedent.index.segments import DenseIndex, Segment, merge_segments
from precedent.index.store import current_index_dir, load_index
from precedent.search import Library

QUERIES = ["We commit to dig wells along the route", "ferries and harbour lanterns",
           "children in detention", "remittances", '"route 1"', "district 3-4",
           "kilns archives ledgers", "migrants"]


def manifest(home) -> dict:
    return json.loads((current_index_dir(home) / "manifest.json").read_text())


def answers(lib: Library) -> list[list[tuple[str, float]]]:
    return [[(h.record.id, round(h.score, 5)) for h in lib.search(q, k=15).hits] for q in QUERIES]


def texts_doc(path, seed: int, n: int):
    rng = random.Random(seed)
    words = ("wells ferries lanterns harbour kilns archives ledgers migrants routes children "
             "detention").split()
    return write_doc(path, [f"We commit to {' '.join(rng.choice(words) for _ in range(6))}; "
                            f"and we {rng.choice(words)} the {rng.choice(words)}, "
                            f"for {rng.choice(words)} in district {seed}-{i}."
                            for i in range(n)])


# -- BM25 ------------------------------------------------------------------------------------

def test_keyword_scores_are_bm25s_lucene_over_all_rows_whatever_the_segments(fake_lib):
    import bm25s

    texts = [r.text for r in fake_lib.records] + ["", "the and of"]
    ref = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
    ref.index([tokenize(t) or ["__empty__"] for t in texts], show_progress=False)
    whole = KeywordIndex.build(texts)
    cut = KeywordIndex([(KeywordSegment.build(texts[:20]), None),
                        (KeywordSegment.build(texts[20:50]), None),
                        (KeywordSegment.build(texts[50:]), None)])
    for q in ["migrants detention children", "remittances remittances", "the", "zzz",
              "climate change"]:
        tokens = [t for t in tokenize(q) if t in ref.vocab_dict]
        expected = (np.asarray(ref.get_scores(tokens), np.float32) if tokens
                    else np.zeros(len(texts), np.float32))
        np.testing.assert_allclose(whole.scores(q), expected, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(cut.scores(q), whole.scores(q), rtol=1e-6, atol=1e-6)
        assert cut.ideal_score(q) == pytest.approx(whole.ideal_score(q))
    assert np.array_equal(cut.rows_with_all_words("migrants children"),
                          whole.rows_with_all_words("migrants children"))


def test_removed_rows_and_merged_postings_score_as_a_fresh_index(fake_lib):
    texts = [r.text for r in fake_lib.records]
    a, b = KeywordSegment.build(texts[:40]), KeywordSegment.build(texts[40:])
    live = np.ones(len(texts) - 40, bool)
    live[5:17] = False
    kept = texts[:40] + [t for t, k in zip(texts[40:], live) if k]
    fresh = KeywordIndex.build(kept)
    masked = KeywordIndex([(a, None), (b, live)])
    merged_seg = KeywordSegment.merge([(a, None), (b, live)])
    merged = KeywordIndex([(merged_seg, None)])
    rebuilt = KeywordSegment.build(kept)
    assert merged_seg.terms == rebuilt.terms and np.array_equal(merged_seg.rows, rebuilt.rows)
    assert (np.array_equal(merged_seg.tf, rebuilt.tf)
            and np.array_equal(merged_seg.lengths, rebuilt.lengths))
    for q in ["migrants detention children", "safe orderly regular", "return readmission"]:
        np.testing.assert_allclose(masked.scores(q), fresh.scores(q), rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(merged.scores(q), fresh.scores(q), rtol=1e-6, atol=1e-6)


def test_dense_search_over_exact_and_approximate_parts_matches_brute_force():
    from precedent.index.dense import build_faiss

    rng = np.random.default_rng(3)
    vecs = rng.standard_normal((3000, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    q = vecs[[5, 1500, 2999]] + 0.05
    exact = DenseIndex(vecs)
    # rows 1000..1999 searched through a flat FAISS index standing for an approximate one
    mixed = DenseIndex(vecs, [(build_faiss(vecs[1000:2000], approx=False), 1000, 2000, None)])
    oracle = np.argsort(-(q @ vecs.T), axis=1)[:, :10]
    for index in (exact, mixed):
        scores, rows = index.search(q, 10)
        assert rows.tolist() == oracle.tolist()
        np.testing.assert_allclose(scores, np.take_along_axis(q @ vecs.T, oracle, axis=1),
                                   rtol=1e-5)
    assert exact.search(q[:1], 5000)[1].shape == (1, 5000)  # more asked than held: padded with -1
    assert (exact.search(q[:1], 5000)[1][0, 3000:] == -1).all()


# -- incremental = full build ------------------------------------------------------------------

def test_an_index_made_by_adds_and_removals_searches_as_one_built_from_scratch(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(library, "MAX_SEGMENTS", 4)  # merges happen along the way too
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.open()
    for i in range(7):
        idx.add(texts_doc(tmp_path / f"doc{i}.txt", i, 15 + 5 * i))
    idx.add(texts_doc(tmp_path / "doc2.txt", 99, 12))  # a new version of doc2: replaced
    idx.remove("doc4")
    idx.add(small_doc(tmp_path / "wells.txt", "dig wells", 30))
    idx.remove("wells")
    added = idx.add_many([texts_doc(tmp_path / f"bulk{i}.txt", 50 + i, 20) for i in range(5)],
                         chunk_paragraphs=45, parse_workers=0)
    assert all(r.status == "added" for _, r in added)
    assert len(manifest(home)["segments"]) <= 4
    incremental = Library(idx)
    before = answers(incremental)
    check_library(home)

    full = LibraryIndex(home, embedder=HashEmbedder())
    # from the sources, as after a damaged index: one segment, every text embedded
    with write_lock(home):
        full._rebuild(None, None, "test: full build")
    assert len(manifest(home)["segments"]) == 1
    rebuilt = Library(full)
    assert [r.id for r in rebuilt.records] == [r.id for r in incremental.records]
    np.testing.assert_allclose(rebuilt.view.data.vectors, incremental.view.data.vectors, atol=1e-6)
    np.testing.assert_array_equal(rebuilt.view.data.sentence_rows,
                                  incremental.view.data.sentence_rows)
    np.testing.assert_allclose(rebuilt.view.data.sentence_vectors,
                               incremental.view.data.sentence_vectors, atol=1e-6)
    assert answers(rebuilt) == before


def test_an_add_writes_one_new_segment_and_links_the_others(tmp_path):
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.open()
    idx.add(small_doc(tmp_path / "wells.txt", "dig wells", 10))
    first = manifest(home)["segments"]
    old_dir = current_index_dir(home)
    idx.add(small_doc(tmp_path / "bells.txt", "ring bells", 10))
    now = manifest(home)["segments"]
    assert ([s["name"] for s in now[:-1]] == [s["name"] for s in first]
            and now[-1]["docs"] == ["bells"])
    for seg in first:
        for f in (old_dir / seg["name"]).iterdir():
            assert (current_index_dir(home) / seg["name"] / f.name).stat().st_ino == f.stat().st_ino
    removed = idx.remove("wells")
    assert removed.embedded == 0
    entry = next(s for s in manifest(home)["segments"] if "wells" in s["docs"]) if any(
        "wells" in s["docs"] for s in manifest(home)["segments"]) else None
    # its rows skipped (or the segment rewritten)
    assert entry is None or entry["deleted"] == ["wells"]
    assert "wells" not in {r.doc_id for r in load_index(home).records}


def test_segments_are_merged_when_many_and_keep_the_rows_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "MAX_SEGMENTS", 3)
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.open()
    for i in range(6):
        idx.add(small_doc(tmp_path / f"d{i}.txt", f"carry lantern {i}", 5 + i))
        assert len(manifest(home)["segments"]) <= 3
    data = check_library(home)
    # shipped, d0..d5
    assert list(dict.fromkeys(r.doc_id for r in data.records)) == list(data.sources)


def test_a_mostly_removed_segment_is_rewritten_without_the_removed_rows(tmp_path):
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.open()
    idx.add_many([small_doc(tmp_path / f"d{i}.txt", f"carry lantern {i}", 10) for i in range(4)],
                 parse_workers=0)
    idx.remove("d0")
    assert any(s["deleted"] == ["d0"] for s in manifest(home)["segments"])
    idx.remove("d1")  # half of that segment removed: rewritten
    assert all(not s["deleted"] for s in manifest(home)["segments"])
    assert {r.doc_id for r in check_library(home).records} >= {"d2", "d3"}


def test_merge_segments_keeps_live_rows_units_and_postings():
    from precedent.index.build import sentence_units
    from precedent.ingest.records import Paragraph

    def rec(doc, i, text):
        return Paragraph(id=f"{doc}:body:{i}", doc_id=doc, symbol="", title=doc, date="", part="",
                         number=str(i), kind="paragraph", text=text, citation=f"{doc} {i}")

    emb = HashEmbedder()

    def seg(records):
        rows, texts = sentence_units(records)
        return Segment(records, emb.encode([r.text for r in records]), rows, emb.encode(texts))

    a = seg([rec("a", i, f"First idea {i}. Second idea about wells {i}.") for i in range(3)])
    b = seg([rec("b", i, f"One sentence {i}") for i in range(2)]
            + [rec("c", 0, "Lanterns. And ferries at night.")])
    merged = merge_segments([(a, frozenset()), (b, frozenset({"b"}))])
    assert [r.id for r in merged.records] == ["a:body:0", "a:body:1", "a:body:2", "c:body:0"]
    rows, _ = sentence_units(merged.records)
    assert np.array_equal(merged.unit_rows, rows)
    np.testing.assert_allclose(merged.unit_vectors[-2:], b.unit_vectors[-2:])
    assert merged.keyword.terms == KeywordSegment.build([r.text for r in merged.records]).terms


# -- bulk add --------------------------------------------------------------------------------

def test_bulk_add_commits_in_chunks_reports_bad_files_and_embeds_each_text_once(tmp_path):
    home = tmp_path / "home"

    class Counting(HashEmbedder):
        calls = 0

        def encode(self, texts, **kw):
            Counting.calls += 1
            return super().encode(texts, **kw)

    idx = LibraryIndex(home, embedder=Counting())
    idx.open()
    files = [texts_doc(tmp_path / f"r{i}.txt", i, 30) for i in range(6)]
    bad = tmp_path / "empty.txt"
    bad.write_text("\n")
    dup = tmp_path / "r0-copy.txt"
    dup.write_bytes(files[0].read_bytes())
    seen = []
    Counting.calls = 0
    results = idx.add_many([files[0], bad, *files[1:], dup], chunk_paragraphs=70, parse_workers=0,
                           on_result=lambda p, r: seen.append(p.name))
    statuses = {p.name: getattr(r, "status", type(r).__name__) for p, r in results}
    assert statuses["empty.txt"] == "IngestError" and statuses["r0-copy.txt"] == "unchanged"
    assert [statuses[f.name] for f in files] == ["added"] * 6
    assert seen == [p.name for p, _ in results]
    # 6 x 30 paragraphs in chunks of >= 70: two commits, one encode call each
    assert Counting.calls == 2
    data = check_library(home)
    assert {f"r{i}" for i in range(6)} <= set(data.sources)


def test_bulk_add_parses_in_another_process(tmp_path):
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    files = [texts_doc(tmp_path / f"p{i}.txt", i, 10) for i in range(3)]
    results = idx.add_many(files, parse_workers=1)
    assert [r.status for _, r in results] == ["added"] * 3
    assert {"p0", "p1", "p2"} <= set(check_library(home).sources)


def test_a_parsing_process_leaves_ctrl_c_to_the_add():
    """Ctrl-C reaches the whole process group: the parser ignores it (the add stops and shuts
    the pool down), so no ``KeyboardInterrupt`` traceback of the parser is printed."""
    import signal

    from precedent.index import bulk

    pool = bulk._parsing_pool(1)
    try:
        handler = pool.submit(signal.getsignal, signal.SIGINT).result(timeout=300)
    finally:
        pool.shutdown()
    assert handler == signal.SIG_IGN


def test_an_index_of_format_2_is_read_and_rewritten_without_embedding(tmp_path):
    home = tmp_path / "home"
    idx = LibraryIndex(home, embedder=HashEmbedder())
    idx.open()
    idx.add(small_doc(tmp_path / "wells.txt", "dig wells", 5))
    data = load_index(home)
    # write it as the previous version did: one segment's files at the top, format 2
    old = current_index_dir(home)
    seg = manifest(home)["segments"]
    assert len(seg) >= 1
    legacy = home / "indexes" / "20000101T000000-legacy00"
    legacy.mkdir()
    m = manifest(home)
    merged = merge_segments([(s, d) for s, d in data.parts])
    merged.write(legacy / "flat")
    for f in ("records.jsonl", "vectors.npy", "sentences.npy", "sentence_vectors.npy"):
        os.replace(legacy / "flat" / f, legacy / f)
    m.pop("segments")
    m["format_version"] = 2
    (legacy / "manifest.json").write_text(json.dumps(m))
    (home / "CURRENT").write_text(legacy.name + "\n")
    del old

    class Refuses(HashEmbedder):
        def encode(self, texts, **kw):
            raise AssertionError("nothing is embedded to upgrade an index")

    upgraded = LibraryIndex(home, embedder=Refuses())
    assert upgraded.open().status == "loaded"
    assert manifest(home)["format_version"] == 3
    assert [r.id for r in load_index(home).records] == [r.id for r in data.records]


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc; none elsewhere)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """A process that exists and is no zombie (Linux /proc)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.slow
def test_a_killed_bulk_add_keeps_the_chunks_it_committed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from fake_embedder import SPEC, cli_env

    home = tmp_path / "home"
    LibraryIndex(home, embedder=HashEmbedder()).open()
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(8):
        big_doc(folder / f"big{i}.txt", i, 1200)
    proc = subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", "add", str(folder),
                             "--home", str(home), "--model", SPEC],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=cli_env())
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        m = manifest(home) if (home / "CURRENT").exists() else {}
        if any(d.startswith("big") for d in m.get("sources", {})):
            break
        time.sleep(0.01)
    children = _children(proc.pid)  # the spawned parsing process (and its resource tracker)
    if Path("/proc/self").exists() and (os.cpu_count() or 1) >= 2:
        assert children, "a bulk add on two cores parses in a process of its own"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone = time.monotonic() + 10
    while time.monotonic() < gone and any(_alive(c) for c in children):
        time.sleep(0.1)
    assert not [c for c in children if _alive(c)], "a parsing process outlived the killed add"
    data = check_library(home)
    kept = sorted(d for d in data.sources if d.startswith("big"))
    assert kept, "the first chunk was committed before the kill"
    for d in kept:  # every kept document whole
        assert data.sources[d]["paragraphs"] == 1200
    if proc.returncode == -signal.SIGKILL:
        assert len(kept) < 8
    again = LibraryIndex(home, embedder=HashEmbedder())
    results = again.add_many(sorted(folder.iterdir()), parse_workers=0)
    assert {r.status for _, r in results} <= {"added", "unchanged"}
    assert sorted(d for d in check_library(home).sources if d.startswith("big")) == \
        [f"big{i}" for i in range(8)]
    assert not [p for p in (home / "indexes").iterdir() if p.name.endswith(".tmp")]
