"""The ONNX export cache and pooling, without a model or torch: what is trusted, what is not."""

from __future__ import annotations

import json

import numpy as np
import pytest

from precedent.index import onnx_cache as oc
from precedent.index import onnx_encoder as ox
from precedent.index.build import same_model
from precedent.index.embedder import ModelError, load_embedder


def _fake_export(folder, name="some-model", fingerprint="f" * 64, onnx=b"not really onnx"):
    tmp = oc.scratch_folder(folder)
    (tmp / "model.onnx").write_bytes(onnx)
    (tmp / "tokenizer.json").write_text('{"model": {"vocab": {"a": 0, "b": 1}}}')
    return oc.install_export(tmp, folder, {"model": name, "fingerprint": fingerprint,
                                           "export_version": ox.EXPORT_VERSION})


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


def test_a_changed_tokenizer_is_not_trusted(tmp_path):
    """Issue #19 item 9: a shuffled vocabulary gives other vectors with no error; the export is
    trusted only with the very tokenizer it was made with."""
    folder = tmp_path / "m"
    _fake_export(folder)
    assert ox.cached_state(folder, "some-model", "f" * 64)[0] == "ok"
    # same size, shuffled
    (folder / "tokenizer.json").write_text('{"model": {"vocab": {"b": 0, "a": 1}}}')
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)
    (folder / "tokenizer.json").unlink()
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)


def test_an_export_recorded_without_its_files_is_not_trusted(tmp_path):
    folder = tmp_path / "m"
    meta = _fake_export(folder)
    (folder / "meta.json").write_text(json.dumps({k: v for k, v in meta.items() if k != "files"}))
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)


def test_cache_of_an_older_export_version_is_not_used(tmp_path):
    folder = tmp_path / "m"
    meta = _fake_export(folder)
    (folder / "meta.json").write_text(json.dumps(dict(meta, export_version=ox.EXPORT_VERSION - 1)))
    assert ox.cached_state(folder, "some-model", "f" * 64) == ("missing", None)


def test_unsupported_model_is_remembered_per_weights(tmp_path):
    folder = tmp_path / "m"
    oc.record_unsupported(folder, "some-model", "f" * 64,
                          "modules ['Transformer', 'Pooling', 'Dense']")
    state, meta = ox.cached_state(folder, "some-model", "f" * 64)
    assert state == "unsupported" and "Dense" in meta["unsupported"]
    # new weights: try again
    assert ox.cached_state(folder, "some-model", "e" * 64) == ("missing", None)


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
    # padding ignored
    np.testing.assert_allclose(ox.pool(tokens, mask, ["max"]), [[2, 3], [10, 11]])
    np.testing.assert_allclose(ox.pool(tokens, mask, ["mean"]), [[1, 2], [8, 9]])
    np.testing.assert_allclose(ox.pool(tokens, mask, ["mean_sqrt_len_tokens"]),
                               [[2 / np.sqrt(2), 4 / np.sqrt(2)],
                                [24 / np.sqrt(3), 27 / np.sqrt(3)]], rtol=1e-6)
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


# -- issue #19 item 8: what a killed export leaves ---------------------------------------------

def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_scratch_folders_of_finished_processes_are_removed(tmp_path):
    import os
    import time

    folder = ox.cache_folder(tmp_path, "some-model")
    killed = tmp_path / f".{folder.name}.{_dead_pid()}-0123abcd.tmp"  # kill -9 during an export
    killed.mkdir()
    (killed / "model.onnx").write_bytes(b"half an export")
    aside = tmp_path / f".{folder.name}.{_dead_pid()}-4567cdef.old"
    aside.mkdir()
    running = oc.scratch_folder(folder)  # this process's export, under way
    older = tmp_path / f".{folder.name}.89abcdef.tmp"  # an older version's name: no process id
    older.mkdir()
    recent = tmp_path / f".{folder.name}.fedcba98.tmp"
    recent.mkdir()
    os.utime(older, (time.time() - 2 * oc.STALE_AFTER,) * 2)
    unrelated = tmp_path / ".not-an-export"
    unrelated.mkdir()
    assert set(oc.clean_stale_exports(tmp_path)) == {killed, aside, older}
    assert running.is_dir() and recent.is_dir() and unrelated.is_dir()


def test_loading_a_model_cleans_the_cache_first(tmp_path, monkeypatch):
    killed = tmp_path / f".some-model-0123456789.{_dead_pid()}-0123abcd.tmp"
    killed.mkdir()
    monkeypatch.setattr(ox, "model_dir", lambda name, path=None: None)

    class Stub:
        def __init__(self, name, fingerprint=None):
            raise ModelError("stops here: no model in this test")

    monkeypatch.setattr("precedent.index.embedder.SentenceTransformerEmbedder", Stub)
    with pytest.raises(ModelError, match="stops here"):
        load_embedder("some-model", cache_dir=tmp_path, backend="auto")
    assert not killed.exists()


# -- issue #19 item 9: falling back to torch is said ------------------------------------------

def test_a_model_recorded_unsupported_says_it_runs_on_torch(tmp_path, monkeypatch, caplog):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "t5"}')  # not a plain BERT
    monkeypatch.setattr(ox, "model_dir", lambda name, path=None: model)
    cache = tmp_path / "models"
    folder = ox.cache_folder(cache, str(model))
    oc.record_unsupported(folder, str(model), ox.weights_fingerprint(model),
                          "modules ['Transformer', 'Dense']")

    class TorchStub:
        backend = "torch"

        def __init__(self, name, fingerprint=None):
            self.name, self.fingerprint, self._model = name, fingerprint, None

    monkeypatch.setattr("precedent.index.embedder.SentenceTransformerEmbedder", TorchStub)
    with caplog.at_level("WARNING"):
        embedder = load_embedder(str(model), cache_dir=cache, backend="auto")
    assert embedder.backend == "torch"
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("runs on torch, slower than on ONNX Runtime" in m and "Dense" in m
               and f"delete {folder}" in m
               for m in said), said
