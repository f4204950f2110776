"""Issue #11, the library: ids that never make one document silently replace another, and what
is kept and lost when the index must be rebuilt after a fault."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_embedder import SPEC, HashEmbedder
from test_index import segment_file
from test_library import check_library, run_cli, small_doc

from precedent.index import LibraryIndex

FAKE = ["--model", SPEC]


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def test_files_with_chinese_arabic_and_russian_names_are_all_kept(tmp_path, home, capsys):
    names = ["移民.txt", "文書.txt", "الهجرة.txt", "Миграция.txt"]
    files = [small_doc(tmp_path / n, f"topic {i} of {n}") for i, n in enumerate(names)]
    code, lines, err = run_cli(capsys, "add", *map(str, files), "--home", str(home), *FAKE)
    assert code == 0, err
    assert [d["status"] for d in lines] == ["added"] * 4
    ids = [d["doc_id"] for d in lines]
    assert len(set(ids)) == 4 and "document" not in ids
    data = check_library(home)
    assert {data.sources[i]["source"] for i in ids} == set(names)
    # Adding the same names again (new content) replaces each one's own earlier version.
    small_doc(tmp_path / names[0], "a second version", 4)
    code, lines, err = run_cli(capsys, "add", str(tmp_path / names[0]), "--home", str(home), *FAKE)
    assert (code, lines[0]["doc_id"], lines[0]["status"]) == (0, ids[0], "replaced")
    assert "its previous version (from 移民.txt) is gone" in lines[0]["message"]


def test_a_different_file_whose_name_gives_the_same_id_gets_its_own_id(tmp_path, home):
    lib = LibraryIndex(home, embedder=HashEmbedder())
    first = lib.add(small_doc(tmp_path / "Report.txt", "harbours"))
    (tmp_path / "b").mkdir()
    second = lib.add(small_doc(tmp_path / "b" / "report!.txt", "orchards"))
    assert (first.doc_id, first.status) == ("report", "added")
    assert (second.doc_id, second.status) == ("report-2", "added")
    data = check_library(home)
    assert {"report", "report-2"} <= set(data.sources)
    assert any("harbours" in r.text for r in data.records if r.doc_id == "report")
    assert any("orchards" in r.text for r in data.records if r.doc_id == "report-2")
    # a new version of the second file replaces the second, not the first
    third = lib.add(small_doc(tmp_path / "b" / "report!.txt", "meadows"))
    assert (third.doc_id, third.status) == ("report-2", "replaced")


def test_an_explicit_symbol_still_replaces_its_document(tmp_path, home):
    lib = LibraryIndex(home, embedder=HashEmbedder())
    lib.add(small_doc(tmp_path / "one.txt", "harbours"), symbol="A/RES/1")
    again = lib.add(small_doc(tmp_path / "two.txt", "orchards"), symbol="A/RES/1")
    assert (again.doc_id, again.status) == ("a-res-1", "replaced")
    assert "previous version (from one.txt)" in again.message


@pytest.mark.parametrize("bad", ["2026-13-45", "2026-02-30", "2026-1-5", "26-01-01"])
def test_add_refuses_an_impossible_date_and_stores_nothing(tmp_path, home, capsys, bad):
    doc = small_doc(tmp_path / "dated.txt", "dated texts")
    try:
        code = run_cli(capsys, "add", str(doc), "--date", bad, "--home", str(home), *FAKE)[0]
    except SystemExit as e:  # argparse refuses it
        code = e.code
    err = capsys.readouterr().err
    assert code not in (0, None)
    assert not (home / "sources").exists() or not any((home / "sources").rglob("*.txt")), err


# -- faults: leftovers of a killed add, a damaged manifest ------------------------------------

def test_the_copy_left_by_a_killed_add_is_removed_by_the_next_change(tmp_path, home):
    lib = LibraryIndex(home, embedder=HashEmbedder())
    lib.open()
    # what `kill -9` leaves between copying the file and making the new index current
    orphan = home / "sources" / "killed" / "killed-0123456789ab.txt"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("1. We commit to a text whose add was killed.\n", encoding="utf-8")
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    assert not orphan.exists() and not orphan.parent.exists()
    assert set(check_library(home).sources) >= {"wells"}


def test_damaged_current_manifest_rebuilds_from_sources_and_says_what_was_kept(tmp_path, home):
    lib = LibraryIndex(home, embedder=HashEmbedder())
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    # the last add: only the current manifest has it
    lib.add(small_doc(tmp_path / "ferries.txt", "run ferries"))
    from precedent.index import store

    (store.current_index_dir(home) / "manifest.json").write_text("{damaged", encoding="utf-8")
    result = LibraryIndex(home, embedder=HashEmbedder()).open()
    assert result.status == "built"
    assert ("2 added documents kept (wells; ferries recovered from sources/)"
            in result.message)
    data = check_library(home)
    assert {"wells", "ferries"} <= set(data.sources)
    assert any("run ferries" in r.text for r in data.records if r.doc_id == "ferries")
    assert data.sources["ferries"]["source"] == "ferries.txt"


def test_a_rebuild_names_the_documents_it_lost(tmp_path, home):
    lib = LibraryIndex(home, embedder=HashEmbedder())
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    kept = lib.add(small_doc(tmp_path / "kilns.txt", "fire kilns"))

    gone = Path(lib.data.sources["wells"]["path"])
    gone.unlink()
    gone.parent.rmdir()
    segment_file(home, "vectors.npy").write_bytes(b"garbage")
    result = LibraryIndex(home, embedder=HashEmbedder()).open()
    assert "1 added document kept (kilns)" in result.message
    assert "lost: wells (its source file is gone)" in result.message
    assert (set(check_library(home).sources) >= {kept.doc_id}
            and "wells" not in check_library(home).sources)
