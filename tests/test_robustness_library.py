"""Issue #11, the library: ids that never make one document silently replace another, and what
is kept and lost when the index must be rebuilt after a fault."""

from __future__ import annotations

import pytest
from fake_embedder import SPEC, HashEmbedder

from precedent.index import LibraryIndex
from test_library import check_library, run_cli, small_doc

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
