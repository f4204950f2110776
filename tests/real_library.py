"""The library of real texts the claim tests share (built once per test session): the shipped
2026 draft, the three text layers in ../shared/real-un/text/ and the twenty 2025 PDFs in
../shared/real-un/pdf/ (nine drafts with their resolutions), with the hash embedder (no figure
these tests check depends on embeddings)."""

from __future__ import annotations

from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
DRAFT_2026 = "imrf-2026-progress-declaration"
ABSENT = not (REAL / "text").is_dir() or not (REAL / "pdf").is_dir()
skip_without_real = pytest.mark.skipif(ABSENT,
                                       reason=f"real UN documents absent at {REAL} (they sit "
                                              "beside the "
                                       "checkout on developer machines and in CI)")
_LIBS: dict[str, object] = {}


def real_library(home_factory):
    """The 24-document library (``home_factory()`` -> a fresh directory, called once)."""
    if "lib" not in _LIBS:
        from fake_embedder import HashEmbedder

        from precedent.search import Library

        lib = Library.open(home_factory(), embedder=HashEmbedder())
        for path in [*sorted((REAL / "text").glob("*.txt")), *sorted((REAL / "pdf").glob("*.pdf"))]:
            lib.add(path)
        _LIBS["lib"] = lib
    return _LIBS["lib"]


def by_citation(lib, citation: str):
    found = [r for r in lib.records if r.citation == citation]
    assert len(found) == 1, f"{citation}: {len(found)} records"
    return found[0]
