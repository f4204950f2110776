"""The ONNX export cache and pooling, without a model or torch: what is trusted, what is not."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from precedent.index import onnx_encoder as ox
from precedent.index.build import same_model
from precedent.index.embedder import ModelError, load_embedder


def _fake_export(folder, name="some-model", fingerprint="f" * 64, onnx=b"not really onnx"):
    folder.mkdir(parents=True)
    (folder / "model.onnx").write_bytes(onnx)
    (folder / "tokenizer.json").write_text("{}")
    meta = {"model": name, "fingerprint": fingerprint, "export_version": ox.EXPORT_VERSION,
            "onnx_size": len(onnx), "onnx_sha256": hashlib.sha256(onnx).hexdigest()}
    (folder / "meta.json").write_text(json.dumps(meta))
    return meta


def test_cache_trusted_only_for_same_model_weights_and_file(tmp_path):
    folder = ox.cache_folder(tmp_path, "some-model")
    _fake_export(folder)
    assert ox.cached_state(folder, "some-model", "f" * 64)[0] == "ok"
    assert ox.cached_state(folder, "other-model", "f" * 64) == ("missing", None)
    assert ox.cached_state(folder, "some-model", "0" * 64) == ("missing", None)  # weights changed
    (folder / "model.onnx").write_bytes(b"not really onnX")  # same size, other bytes
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)
    (folder / "model.onnx").write_bytes(b"short")
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)


def test_cache_of_an_older_export_version_is_not_used(tmp_path):
    folder = tmp_path / "m"
    meta = _fake_export(folder)
    (folder / "meta.json").write_text(json.dumps(dict(meta, export_version=ox.EXPORT_VERSION - 1)))
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)


def test_unsupported_model_is_remembered_per_weights(tmp_path):
    folder = tmp_path / "m"
    ox._record_unsupported(folder, "some-model", "f" * 64, "modules ['Transformer', 'Pooling', 'Dense']")
    state, meta = ox.cached_state(folder, "some-model", "f" * 64)
    assert state == "unsupported" and "Dense" in meta["unsupported"]
    assert ox.cached_state(folder, "some-model", "e" * 64) == ("missing", None)  # new weights: try again


def test_cache_folders_differ_per_model_name(tmp_path):
    a, b = ox.cache_folder(tmp_path, "org/model"), ox.cache_folder(tmp_path, "other/model")
    assert a != b and a.parent == tmp_path and "model" in a.name


def test_weights_fingerprint_follows_weights_and_config_not_readme(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "README.md").write_text("about")
    first = ox.weights_fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("about, edited")
    (tmp_path / "onnx").mkdir()
    (tmp_path / "onnx" / "model.json").write_text("{}")  # another export shipped with the model
    assert ox.weights_fingerprint(tmp_path) == first
    (tmp_path / "model.safetensors").write_bytes(b"weightz")
    assert ox.weights_fingerprint(tmp_path) != first


def test_pooling_modes_match_their_definitions():
    tokens = np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2)
    mask = np.array([[1, 1, 0], [1, 1, 1]])
    np.testing.assert_allclose(ox.pool(tokens, mask, ["cls"]), [[0, 1], [6, 7]])
    np.testing.assert_allclose(ox.pool(tokens, mask, ["max"]), [[2, 3], [10, 11]])  # padding ignored
    np.testing.assert_allclose(ox.pool(tokens, mask, ["mean"]), [[1, 2], [8, 9]])
    np.testing.assert_allclose(ox.pool(tokens, mask, ["mean_sqrt_len_tokens"]),
                               [[2 / np.sqrt(2), 4 / np.sqrt(2)], [24 / np.sqrt(3), 27 / np.sqrt(3)]], rtol=1e-6)
    assert ox.pool(tokens, mask, ["cls", "mean"]).shape == (2, 4)


class _Embedder:
    name, dim, backend, fingerprint = "some-model", 4, "onnx", None


def test_same_model_needs_same_name_and_fingerprint_when_known():
    emb = _Embedder()
    assert same_model({"model": emb.name}, emb)
    assert not same_model({"model": "other"}, emb)
    emb.fingerprint = "a" * 64
    assert same_model({"model": emb.name, "model_fingerprint": "a" * 64, "backend": "torch"}, emb)
    assert not same_model({"model": emb.name, "model_fingerprint": "b" * 64}, emb)


def test_unknown_backend_is_refused():
    with pytest.raises(ModelError, match="backend"):
        load_embedder("some-model", backend="tensorflow")
