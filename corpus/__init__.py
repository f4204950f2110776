"""The shipped default corpus: the 2026 Progress Declaration and a manifest describing it, and
the catalogue of the core UN migration texts (``precedent catalogue``,
``precedent fetch --catalogue``)."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent


def shipped_documents() -> list[dict]:
    """Manifest entries of the shipped documents, each with an absolute ``path``."""
    data = json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
    return [dict(entry, path=str(CORPUS_DIR / entry["file"])) for entry in data["documents"]]


def load_catalogue() -> list[dict]:
    """The catalogue of core UN migration texts (``catalogue.json``): symbol, title, date, year,
    why."""
    return json.loads((CORPUS_DIR / "catalogue.json").read_text(encoding="utf-8"))["documents"]
