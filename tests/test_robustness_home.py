"""Issue #19, the data directory: moved or copied it keeps every document (paths inside it are
relative to it, older manifests with absolute paths are migrated); a damaged manifest loses
nothing the ledger beside the sources records (downloads at the top of sources/, documents
removed on purpose, removed shipped documents, user-given symbol, title and date); a date the
command line refuses is refused from Python too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fake_embedder import HashEmbedder
from test_library import SHIPPED, check_library, small_doc

from precedent.index import LibraryError, LibraryIndex, store
from precedent.index.recover import describe, ledger_path


def open_index(home: Path) -> LibraryIndex:
    lib = LibraryIndex(home, embedder=HashEmbedder())
    lib.open()
    return lib


def added(home: Path) -> set[str]:
    return {d for d, s in check_library(home).sources.items() if not s.get("shipped")}


def manifest_path(home: Path) -> Path:
    return store.current_index_dir(home) / "manifest.json"


def reparse(home: Path) -> str:
    """Open ``home`` as after a parser change (every document is parsed again); the message."""
    manifest = json.loads(manifest_path(home).read_text(encoding="utf-8"))
    manifest["parser"] = "an-older-parser"
    manifest_path(home).write_text(json.dumps(manifest), encoding="utf-8")
    result = LibraryIndex(home, embedder=HashEmbedder()).open()
    assert result.status == "rebuilt"
    return result.message


def damage_manifest(home: Path) -> str:
    """Damage the current manifest and open ``home`` (a rebuild); the message."""
    manifest_path(home).write_text("{damaged", encoding="utf-8")
    result = LibraryIndex(home, embedder=HashEmbedder()).open()
    assert result.status == "built"
    return result.message


def source_files(home: Path) -> list[str]:
    return sorted(p.relative_to(home).as_posix() for p in (home / "sources").rglob("*")
                  if p.is_file())


# -- item 1: moving or copying the data directory --------------------------------------------

def test_a_moved_data_directory_keeps_every_document(tmp_path):
    first = tmp_path / "first"
    lib = open_index(first)
    for topic in ("wells", "ferries"):
        lib.add(small_doc(tmp_path / f"{topic}.txt", f"dig {topic}"))
    moved = tmp_path / "moved"
    shutil.move(first, moved)
    kept_files = source_files(moved)
    open_index(moved).add(small_doc(tmp_path / "kilns.txt", "fire kilns"))
    assert set(kept_files) < set(source_files(moved))  # the earlier files are all still there
    assert added(moved) == {"wells", "ferries", "kilns"}
    message = reparse(moved)
    assert "3 added documents kept (wells, ferries, kilns)" in message and "lost" not in message
    assert added(moved) == {"wells", "ferries", "kilns"}


def test_a_re_parse_on_the_command_line_says_which_documents_it_kept(tmp_path):
    import subprocess
    import sys

    from fake_embedder import SPEC, cli_env

    home = tmp_path / "home"
    open_index(home).add(small_doc(tmp_path / "wells.txt", "dig wells"))
    manifest = json.loads(manifest_path(home).read_text(encoding="utf-8"))
    manifest["parser"] = "an-older-parser"
    manifest_path(home).write_text(json.dumps(manifest), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "precedent.ui.cli", "list", "--plain", "--home",
                          str(home),
                          "--model", SPEC], capture_output=True, text=True, env=cli_env(),
                         timeout=300)
    assert run.returncode == 0 and "wells" in run.stdout
    assert "the parser changed; documents parsed again; 1 added document kept (wells)" in run.stderr


def test_a_copied_data_directory_is_a_library_of_its_own(tmp_path):
    original = tmp_path / "original"
    open_index(original).add(small_doc(tmp_path / "wells.txt", "dig wells"))
    before = source_files(original), (original / "CURRENT").read_text()
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    open_index(copy).add(small_doc(tmp_path / "ferries.txt", "run ferries"))
    assert (source_files(original), (original / "CURRENT").read_text()) == before
    data = check_library(copy)
    assert all(Path(s["path"]).is_relative_to(copy) for s in data.sources.values()
               if not s.get("shipped"))
    assert "2 added documents kept (wells, ferries)" in reparse(copy)
    assert added(copy) == {"wells", "ferries"} and added(original) == {"wells"}


def test_paths_inside_the_data_directory_are_written_relative_to_it(tmp_path):
    home = tmp_path / "home"
    (home / "sources").mkdir(parents=True)
    download = small_doc(home / "sources" / "A-RES-99-2.en.txt", "ring bells")  # as fetch leaves it
    lib = open_index(home)
    lib.add(download, symbol="A/RES/99/2",
            meta={"path": str(download), "original_path": str(download)})
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    for written in (json.loads(manifest_path(home).read_text())["sources"],
                    json.loads(ledger_path(home).read_text())["sources"]):
        assert written["wells"]["path"].startswith("sources/wells/wells-")
        assert written["a-res-99-2"]["path"] == "sources/A-RES-99-2.en.txt"
        assert written["a-res-99-2"]["meta"]["original_path"] == "sources/A-RES-99-2.en.txt"
    shipped = json.loads(manifest_path(home).read_text())["sources"][SHIPPED]["path"]
    assert Path(shipped).is_absolute()  # the shipped corpus is not in the data directory


def test_a_manifest_with_absolute_paths_is_migrated_when_the_directory_moved(tmp_path):
    """A data directory written before paths were relative, then moved: its documents are found
    in the new place, the next add deletes none of them, and a re-parse keeps them all."""
    old = tmp_path / "old-home"
    lib = open_index(old)
    for topic in ("wells", "ferries"):
        lib.add(small_doc(tmp_path / f"{topic}.txt", f"dig {topic}"))
    manifest = json.loads(manifest_path(old).read_text())
    for src in manifest["sources"].values():  # as the older version wrote them
        src["path"] = (str((old / src["path"]).resolve()) if not Path(src["path"]).is_absolute()
                       else src["path"])
    manifest_path(old).write_text(json.dumps(manifest))
    ledger_path(old).unlink()
    new = tmp_path / "new-home"
    shutil.move(old, new)
    lib = open_index(new)
    assert {Path(s["path"]).parent.parent for d, s in lib.data.sources.items()
            if d != SHIPPED} == {new / "sources"}
    lib.add(small_doc(tmp_path / "kilns.txt", "fire kilns"))
    assert added(new) == {"wells", "ferries", "kilns"}
    assert "3 added documents kept" in reparse(new)
    assert added(new) == {"wells", "ferries", "kilns"}


def test_a_file_whose_entry_points_elsewhere_is_neither_deleted_nor_lost(tmp_path):
    """Whatever a manifest entry says, the file of a document the library holds (its name carries
    its hash) is never deleted by a change, and a re-parse finds it by that hash."""
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    manifest = json.loads(manifest_path(home).read_text())
    real = home / manifest["sources"]["wells"]["path"]
    manifest["sources"]["wells"]["path"] = str(tmp_path / "elsewhere" / real.name)
    manifest_path(home).write_text(json.dumps(manifest))
    LibraryIndex(home, embedder=HashEmbedder()).add(small_doc(tmp_path / "kilns.txt", "fire kilns"))
    assert real.is_file()
    assert "2 added documents kept (wells, kilns)" in reparse(home)
    assert Path(check_library(home).sources["wells"]["path"]) == real


def test_a_rebuild_says_which_documents_it_lost(tmp_path):
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    lib.add(small_doc(tmp_path / "kilns.txt", "fire kilns"))
    shutil.rmtree(home / "sources" / "wells")
    message = reparse(home)
    assert "1 added document kept (kilns); lost: wells (its source file is gone)" in message


# -- items 5 and 7: a damaged manifest -------------------------------------------------------

def test_a_fetched_document_survives_a_damaged_manifest(tmp_path):
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    # kept in place, as fetch leaves it
    fetched = small_doc(home / "sources" / "pdf-1.txt", "ring bells")
    lib.add(fetched, meta={"path": str(fetched)})
    # fetch --no-add
    stray = small_doc(home / "sources" / "never-added.en.txt", "a download never added")
    message = damage_manifest(home)
    assert "2 added documents kept (wells; pdf-1 recovered from sources/)" in message
    assert added(home) == {"wells", "pdf-1"} and stray.exists()


def test_a_document_removed_on_purpose_is_not_reported_lost(tmp_path):
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    lib.add(small_doc(tmp_path / "kilns.txt", "fire kilns"))
    lib.remove("wells")
    message = damage_manifest(home)
    assert "lost" not in message and "1 added document kept (kilns)" in message
    assert added(home) == {"kilns"}


def test_a_removed_shipped_document_stays_removed(tmp_path):
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    lib.remove(SHIPPED)
    damage_manifest(home)
    data = check_library(home)
    assert SHIPPED not in data.sources and data.manifest["removed_shipped"] == [SHIPPED]


def test_a_user_given_symbol_title_and_date_survive_a_damaged_manifest(tmp_path):
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    lib.add(small_doc(tmp_path / "draft.txt", "fire kilns"), symbol="A/80/L.99",
            title="Kilns for all", date="2025-11-02")
    damage_manifest(home)
    src = check_library(home).sources["a-80-l-99"]
    assert (src["symbol"], src["title"], src["date"]) == ("A/80/L.99", "Kilns for all",
                                                          "2025-11-02")
    assert {r.symbol for r in check_library(home).records
            if r.doc_id == "a-80-l-99"} == {"A/80/L.99"}


def test_without_a_ledger_a_library_still_recovers_from_its_files(tmp_path):
    """A data directory made before the ledger existed, its manifest damaged: the files decide."""
    home = tmp_path / "home"
    lib = open_index(home)
    lib.add(small_doc(tmp_path / "wells.txt", "dig wells"))
    lib.add(small_doc(tmp_path / "ferries.txt", "run ferries"))
    ledger_path(home).unlink()
    message = damage_manifest(home)
    assert "2 added documents kept (wells; ferries recovered from sources/)" in message
    assert ledger_path(home).is_file()  # written by that rebuild


def test_a_rebuild_names_each_document_it_kept_once():
    assert describe(["wells"], [], {}) == "; 1 added document kept (wells)"
    assert (describe(["wells", "ferries", "kilns"], ["ferries", "kilns"], {})
            == "; 3 added documents kept (wells; ferries, kilns recovered from sources/)")
    assert (describe(["wells", "ferries"], ["wells", "ferries"], {"kilns": "its file is gone"})
            == "; 2 added documents kept (wells, ferries recovered from sources/); "
               "lost: kilns (its file is gone)")


def test_an_older_data_directory_gets_its_ledger_when_opened(tmp_path):
    home = tmp_path / "home"
    open_index(home).add(small_doc(tmp_path / "wells.txt", "dig wells"))
    ledger_path(home).unlink()
    open_index(home)
    assert set(json.loads(ledger_path(home).read_text())["sources"]) == {"wells"}


# -- item 11: one date check for the command line and the API ---------------------------------

@pytest.mark.parametrize("bad", ["2026-13-45", "2026-02-30", "2026-1-5", "26-01-01", "2026-٠١-٠١",
                                 "tomorrow"])
def test_the_python_api_refuses_an_impossible_date_and_stores_nothing(tmp_path, bad):
    from precedent.search import Library

    home = tmp_path / "home"
    lib = Library.open(home, embedder=HashEmbedder())
    with pytest.raises(LibraryError, match=f"'{bad}' is not a date"):
        lib.add(small_doc(tmp_path / "dated.txt", "dated texts"), date=bad)
    assert "dated" not in {d["doc_id"] for d in lib.documents()}
    assert not list((home / "sources").rglob("*.txt"))


@pytest.mark.parametrize("good", ["2026", "2026-02", "2024-02-29"])
def test_a_real_date_is_taken_alike_by_the_api_and_the_command_line(tmp_path, good):
    from precedent.ui.cli_options import iso_date

    assert iso_date(good) == good
    lib = open_index(tmp_path / "home")
    assert lib.add(small_doc(tmp_path / "dated.txt", "dated texts"), date=good).status == "added"
    assert lib.data.sources["dated"]["date"] == good


def test_a_re_parse_reads_the_masthead_again_but_keeps_what_the_user_gave(tmp_path):
    """A title an older parser misread is corrected when the documents are parsed again (a
    draft kept its sponsors' line as its title); a title, symbol or date the user gave stays."""
    home = tmp_path / "home"
    lib = open_index(home)
    text = ("A/RES/99/5\n\n99/5. Lanterns for every harbour\n\nThe General Assembly,\n\n"
            "1. Decides to light lanterns in every harbour.\n")
    (tmp_path / "read.txt").write_text(text, encoding="utf-8")
    (tmp_path / "named.txt").write_text(text.replace("99/5", "99/6").replace("every", "each"),
                                        encoding="utf-8")
    lib.add(tmp_path / "read.txt")
    lib.add(tmp_path / "named.txt", title="Lanterns, as I call them", date="2099-01-02")
    manifest = json.loads(manifest_path(home).read_text(encoding="utf-8"))
    by_symbol = {s.get("symbol"): d for d, s in manifest["sources"].items()}
    read, named = by_symbol["A/RES/99/5"], by_symbol["A/RES/99/6"]
    assert manifest["sources"][read]["title"] == "Lanterns for every harbour"
    # as an older parser read it
    manifest["sources"][read]["title"] = "Ruritania:* draft resolution"
    manifest_path(home).write_text(json.dumps(manifest), encoding="utf-8")
    reparse(home)
    sources = check_library(home).sources
    assert sources[read]["title"] == "Lanterns for every harbour"
    assert (sources[named]["title"], sources[named]["date"]) == ("Lanterns, as I call them",
                                                                 "2099-01-02")
    assert sources[named]["symbol"] == "A/RES/99/6"
    assert {r.doc_id for r in check_library(home).records} >= {read, named}
