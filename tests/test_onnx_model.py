"""The bundled model on ONNX Runtime gives torch's vectors; a search process never imports torch;
other sentence-transformers models are exported when they can be, run on torch otherwise, and the
index records which. Uses the real model (marker ``model``) and tiny models made here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from precedent.index.build import sentence_units
from precedent.index.embedder import SentenceTransformerEmbedder, load_embedder
from precedent.index.library import LibraryIndex

pytestmark = pytest.mark.model

QUERIES = ["What did States commit to on child detention?", "remittances", "", "  spaces around  ",
           "search and rescue " * 200]  # the last one is cut at the model's 256 tokens


@pytest.fixture(scope="module")
def torch_embedder():
    return SentenceTransformerEmbedder()


def _min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    assert a.shape == b.shape and len(a)
    return float((a * b).sum(axis=1).min())


def test_index_built_on_onnx_has_torch_vectors(real_lib, torch_embedder):
    data = real_lib._index.data
    assert data.manifest["backend"] == "onnx" and data.manifest["model_fingerprint"]
    texts = [r.text for r in data.records]
    assert _min_cosine(data.vectors, torch_embedder.encode(texts)) >= 0.9999
    rows, unit_texts = sentence_units(data.records)
    assert len(unit_texts) == len(data.sentence_vectors)
    step = slice(None, None, 3)  # a third of the sentence and clause units keeps the test short
    assert _min_cosine(data.sentence_vectors[step],
                       torch_embedder.encode(unit_texts[step])) >= 0.9999


def test_query_vectors_match_torch(real_lib, torch_embedder):
    onnx = load_embedder(cache_dir=real_lib.home / "models")
    assert onnx.backend == "onnx" and onnx.dim == torch_embedder.dim
    assert onnx.fingerprint == real_lib._index.data.manifest["model_fingerprint"]
    assert _min_cosine(onnx.encode(QUERIES), torch_embedder.encode(QUERIES)) >= 0.9999


def test_search_process_never_imports_torch(real_lib):
    """The CLI's search and batch, ``Library.search`` and the page's ask callback, in a fresh
    process over an existing index and ONNX export."""
    home = str(real_lib.home)
    # The library's model is exported (into its home) before the fresh process starts, as a
    # first search or a build does; run alone, this test would otherwise make that export itself.
    assert real_lib._index.embedder.backend == "onnx"
    script = textwrap.dedent(f"""
        import io, json, sys
        from precedent.ui.cli import main
        sys.stdin = io.StringIO("remittances\\nsearch and rescue\\n")
        codes = [main(["search", "child detention", "--k", "2", "--home", {home!r}]),
                 main(["batch", "-", "--k", "2", "--home", {home!r}])]
        from precedent.search import Library
        lib = Library.open({home!r})
        hits = len(lib.search("consular protection", k=3).hits)
        from precedent.ui.handlers import Handlers
        reply = Handlers(lib).search.ask("What did States commit to on climate change?", [])
        heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in \
sys.modules)
        print(json.dumps({{"codes": codes, "hits": hits, "heavy": heavy, "page": \
len(reply.citations),
                          "backend": lib._index.embedder.backend}}))
    """)
    env = dict(os.environ, PRECEDENT_HOME=home)
    env.pop("PRECEDENT_BACKEND", None)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["codes"] == [0, 0] and result["hits"] == 3 and result["page"] > 0
    assert result["backend"] == "onnx"
    assert result["heavy"] == []
    assert "preparing" not in out.stderr  # the export made when the index was built is reused


def test_bundled_model_is_exported_without_torch(tmp_path):
    script = textwrap.dedent(f"""
        import json, sys
        from precedent.index.embedder import load_embedder
        emb = load_embedder(cache_dir={str(tmp_path)!r})
        vec = emb.encode(["remittances"])
        print(json.dumps({{"backend": emb.backend, "exporter": emb._meta["exporter"], "dim": \
int(vec.shape[1]),
                          "torch": "torch" in sys.modules}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"backend": "onnx",
                                                               "exporter": "onnx_bert",
                                                               "dim": 384, "torch": False}
    assert "preparing the embedding model" in out.stderr  # the one progress line


def test_bundled_model_is_exported_in_a_process_of_its_own(tmp_path):
    """The export (onnx, the weights read twice over) happens in another process, so a first
    ``precedent serve`` imports Gradio on one core while the model is exported on the other; this
    process never imports the onnx package."""
    script = textwrap.dedent(f"""
        import json, sys
        from precedent.index.embedder import load_embedder
        emb = load_embedder(cache_dir={str(tmp_path)!r})
        print(json.dumps({{"backend": emb.backend, "onnx": "onnx" in sys.modules,
                          "safetensors": "safetensors" in sys.modules}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"backend": "onnx", "onnx": False,
                                                               "safetensors": False}


def test_export_is_made_here_when_its_process_cannot_start(tmp_path, monkeypatch):
    from precedent.index import onnx_bert
    from precedent.index.embedder import load_embedder

    monkeypatch.setattr(onnx_bert.sys, "executable", str(tmp_path / "no-such-python"))
    emb = load_embedder(cache_dir=tmp_path / "models")
    assert emb.backend == "onnx" and emb._meta["exporter"] == "onnx_bert"
    assert emb.encode(["remittances"]).shape == (1, 384)


# -- other models ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    """Tiny random BERT sentence-transformers (fast to run): "pooled", transformer + pooling (cls,
    max and mean, concatenated), exported without torch; "relu", a BERT with another activation,
    exported with torch.onnx; "dense", with a Dense layer after the pooling, left on torch."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import AutoTokenizer, BertConfig, BertModel

    from precedent.index.embedder import DEFAULT_MODEL, model_path

    root = tmp_path_factory.mktemp("tiny-models")
    tokenizer = AutoTokenizer.from_pretrained(model_path(DEFAULT_MODEL))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512)
    torch.manual_seed(0)
    BertModel(config).save_pretrained(root / "hf")
    tokenizer.save_pretrained(root / "hf")
    transformer = models.Transformer(str(root / "hf"), max_seq_length=64)
    pooling = models.Pooling(32, pooling_mode=["cls", "max", "mean"])
    SentenceTransformer(modules=[transformer, pooling]).save(str(root / "pooled"))
    SentenceTransformer(modules=[transformer, pooling,
                                 models.Dense(96, 8)]).save(str(root / "dense"))
    config.hidden_act = "relu"
    BertModel(config).save_pretrained(root / "hf-relu")
    tokenizer.save_pretrained(root / "hf-relu")
    relu = models.Transformer(str(root / "hf-relu"), max_seq_length=64)
    SentenceTransformer(modules=[relu, models.Pooling(32, pooling_mode="mean"),
                                 models.Normalize()]).save(
        str(root / "relu"))
    return root


@pytest.mark.parametrize("model,exporter,dim",
                         [("pooled", "onnx_bert", 96), ("relu", "torch.onnx", 32)])
def test_other_model_is_exported_and_matches_torch(tiny_models, tmp_path, model, exporter, dim):
    name = str(tiny_models / model)
    onnx = load_embedder(name, cache_dir=tmp_path)
    assert onnx.backend == "onnx" and onnx.dim == dim and onnx._meta["exporter"] == exporter
    torch_embedder = load_embedder(name, backend="torch")
    assert _min_cosine(onnx.encode(QUERIES), torch_embedder.encode(QUERIES)) >= 0.9999


def test_model_with_other_modules_runs_on_torch_and_the_index_says_so(tiny_models, tmp_path):
    name = str(tiny_models / "dense")
    idx = LibraryIndex(tmp_path / "home", model=name)
    idx.open()
    assert idx.embedder.backend == "torch" and idx.embedder.dim == 8
    manifest = json.loads((idx.home / "indexes" / idx.data.name / "manifest.json").read_text())
    assert (manifest["backend"] == "torch" and manifest["model"] == name
            and manifest["model_fingerprint"])
    meta = json.loads(next((idx.home / "models").glob("dense-*/meta.json")).read_text())
    assert "Dense" in meta["unsupported"]  # not tried again by the next process


def test_new_weights_are_exported_again(tiny_models, tmp_path):
    import shutil

    import torch
    from transformers import BertModel

    model = tmp_path / "model"
    shutil.copytree(tiny_models / "pooled", model)
    first = load_embedder(str(model), cache_dir=tmp_path / "cache")
    before = first.encode(QUERIES[:2])
    hf = BertModel.from_pretrained(str(model))
    with torch.no_grad():
        for p in hf.parameters():
            p.mul_(1.5)
    hf.save_pretrained(str(model))
    second = load_embedder(str(model), cache_dir=tmp_path / "cache")
    assert second.backend == "onnx" and second.fingerprint != first.fingerprint
    after = second.encode(QUERIES[:2])
    assert _min_cosine(after,
                       load_embedder(str(model), backend="torch").encode(QUERIES[:2])) >= 0.9999
    assert _min_cosine(after, before) < 0.9999


# -- issue #19 item 9: a tampered cache ------------------------------------------------------

def test_a_shuffled_tokenizer_or_a_false_unsupported_record_is_exported_again(tiny_models,
                                                                              tmp_path):
    """A cached tokenizer.json whose vocabulary was shuffled gave other vectors with no warning,
    and a meta.json marked unsupported put the model on torch for good; both are exported again."""
    from precedent.index import onnx_cache as oc

    name = str(tiny_models / "pooled")
    cache = tmp_path / "cache"
    first = load_embedder(name, cache_dir=cache)
    expected = first.encode(QUERIES[:2])
    tokenizer = first.folder / "tokenizer.json"
    spec = json.loads(tokenizer.read_text())
    vocab = spec["model"]["vocab"]
    words = list(vocab)
    spec["model"]["vocab"] = dict(zip(words, [vocab[w] for w in words[1:] + words[:1]]))
    tokenizer.write_text(json.dumps(spec))
    again = load_embedder(name, cache_dir=cache)
    assert again.backend == "onnx" and _min_cosine(again.encode(QUERIES[:2]), expected) >= 0.9999
    oc.record_unsupported(first.folder, name, first.fingerprint, "recorded by hand")
    third = load_embedder(name, cache_dir=cache)
    assert third.backend == "onnx" and third._meta["exporter"] == "onnx_bert"
