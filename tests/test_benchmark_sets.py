"""The labelled sets ``benchmarks/bench_heldout.py`` scores name paragraphs the library holds, and
its library is the one it says: 23 shared files, 89 with ``--distractors``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from real_library import REAL, real_library, skip_without_real

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"

pytestmark = skip_without_real


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import bench_heldout
    finally:
        sys.path.remove(str(BENCH))
    return bench_heldout


def test_the_library_files_with_and_without_distractors(bench):
    plain, wider = bench.library_files(), bench.library_files(distractors=True)
    assert len(plain) == bench.EXPECTED_DOCUMENTS - 1 == 23
    if not (REAL / "pdf-78").is_dir():
        pytest.skip(f"the 66 resolutions of 2023 are absent at {REAL / 'pdf-78'}")
    assert wider[:23] == plain and len(wider) == 23 + len(list((REAL / "pdf-78").glob("*.pdf")))
    assert all(p.parent.name == "pdf-78" for p in wider[23:]) and len(wider) == 89


def test_sets_3_to_5_labels_name_paragraphs_of_the_90_documents(bench, tmp_path_factory):
    """Sets 3, 4 and 5 are scored over the 90 documents: their labels are checked on them (parsed
    with the hash embedder: the labels name records, whatever the vectors)."""
    if not (REAL / "pdf-78").is_dir():
        pytest.skip(f"the 66 resolutions of 2023 are absent at {REAL / 'pdf-78'}")
    from fake_embedder import HashEmbedder

    from precedent.search import Library
    from precedent.search.evaluate import load_labelled

    lib = Library.open(tmp_path_factory.mktemp("library-90"), embedder=HashEmbedder())
    lib.add_many(bench.library_files(distractors=True))
    assert len(lib.documents()) == 90
    sizes = {"tune3": 66, "heldout3": 64, "tune4": 40, "heldout4": 40, "tune5": 48,
             "heldout5": 48}
    for name, path in bench.HALVES_90:
        items = load_labelled(path)
        assert len(items) == sizes[name], path.name
        assert bench.label_mismatches(lib, items) == [], path.name


def test_every_label_of_both_halves_names_an_indexed_paragraph(bench, tmp_path_factory):
    """A label naming no record would score as a miss that no ranking can mend; the benchmark
    refuses to print figures then, and this says so before anyone runs it."""
    from precedent.search.evaluate import load_labelled

    lib = real_library(lambda: tmp_path_factory.mktemp("real-library"))
    sizes = {"tune": 108, "heldout": 108, "tune2": 40, "heldout2": 40}
    for name, path in bench.HALVES:
        items = load_labelled(path)
        assert len(items) == sizes[name], path.name
        assert bench.label_mismatches(lib, items) == [], path.name


def test_each_set_is_the_seeded_split_of_its_two_halves():
    """`eval_split.py --check` (every pair; `--set N` wrote them): no question moved between a
    tuning and a held-out half by hand."""
    import subprocess

    out = subprocess.run([sys.executable, str(BENCH / "eval_split.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("as drawn") == 5, out.stdout
