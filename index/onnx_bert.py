"""Export a BERT sentence-transformers model to ONNX without torch: the graph written with
``onnx.helper`` from the model's ``config.json`` and the weights read from ``model.safetensors``
with numpy (the same weights, fp32; the same operations as ``transformers``' ``BertModel``).

This is what makes the first run fast: the bundled all-MiniLM-L6-v2 (a BERT) is exported in about
a second, with no torch import. Models that are not a plain BERT saved as sentence-transformers
(transformer + pooling [+ normalise], ``model.safetensors``, ``tokenizer.json``) raise
``OnnxUnavailable``, and ``onnx_encoder.export`` (torch.onnx) is used instead.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from .onnx_cache import EXPORT_VERSION, cached_state, install_export, scratch_folder
from .onnx_encoder import POOLING_MODES, OnnxUnavailable, say

log = logging.getLogger(__name__)

_LEGACY_POOLING = {"pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max",
                   "pooling_mode_mean_tokens": "mean",
                   "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens"}
_INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


def _json(path: Path) -> dict | list:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise OnnxUnavailable(f"{path.name} unreadable: {e}") from None


def bert_plan(directory: Path) -> tuple[dict, dict]:
    """(the model's config.json, what the encoder needs) for a plain BERT sentence-transformers
    folder; ``OnnxUnavailable`` for anything else."""
    modules = _json(directory / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling"],
                     ["Transformer", "Pooling", "Normalize"]) or modules[0].get("path"):
        raise OnnxUnavailable(f"modules {kinds} not a transformer at the top of the folder")
    config = _json(directory / "config.json")
    if (config.get("model_type") != "bert" or config.get("hidden_act") != "gelu"
            or config.get("position_embedding_type", "absolute") != "absolute"):
        raise OnnxUnavailable("not a plain BERT (model_type bert, gelu, absolute positions)")
    st_config = _json(directory / "sentence_bert_config.json")
    max_length = st_config.get("max_seq_length")
    # sentence-transformers 6
    if max_length is None and st_config.get("transformer_task") == "feature-extraction":
        output = st_config.get("modality_config", {}).get("text", {}).get("method_output_name",
                                                                          "last_hidden_state")
        max_length = _json(directory / "tokenizer_config.json").get("model_max_length") \
            if output == "last_hidden_state" else None
    if st_config.get("do_lower_case") or not isinstance(max_length, int):
        raise OnnxUnavailable("sentence_bert_config.json: lower-casing or no maximum length")
    pooling = _json(directory / modules[1]["path"] / "config.json")
    modes = pooling.get("pooling_mode") or [m for k, m in _LEGACY_POOLING.items() if pooling.get(k)]
    modes = [modes] if isinstance(modes, str) else list(modes)
    if not modes or any(m not in POOLING_MODES for m in modes) or any(
            pooling.get(k) for k in ("pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")):
        raise OnnxUnavailable(f"pooling {modes or pooling}")
    if (not (directory / "tokenizer.json").is_file()
        or not (directory / "model.safetensors").is_file()):
        raise OnnxUnavailable("no tokenizer.json or model.safetensors")
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    pad = tokenizer.padding or {}
    pad_token = pad.get("pad_token") or "[PAD]"
    pad_id = pad.get("pad_id", tokenizer.token_to_id(pad_token))
    if pad_id is None:
        raise OnnxUnavailable("no padding token")
    hidden = int(config["hidden_size"])
    plan = {"pooling": [m for m in POOLING_MODES if m in modes], "normalize": len(modules) == 3,
            "max_seq_length": min(max_length, int(config["max_position_embeddings"])),
            "inputs": _INPUTS, "pad_id": int(pad_id), "pad_token": pad_token,
            "dimension": hidden * len(modes)}
    return config, plan


def export_bert(directory: Path, name: str, fingerprint: str, folder: Path) -> dict:
    """Write ``folder`` (model.onnx, tokenizer.json, meta.json) for the BERT in ``directory``."""
    config, plan = bert_plan(directory)
    say(f"preparing the embedding model '{name}' for ONNX Runtime (once)")
    started = time.perf_counter()
    from safetensors.numpy import load_file

    weights = load_file(str(directory / "model.safetensors"))
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    try:
        model = bert_graph(config, weights)
    except KeyError as e:
        raise OnnxUnavailable(f"weight {e} missing") from None
    tmp = scratch_folder(folder)
    try:
        import onnx

        onnx.save_model(model, str(tmp / "model.onnx"))
        shutil.copy(directory / "tokenizer.json", tmp / "tokenizer.json")
        meta = install_export(tmp, folder, dict(
            plan, model=name, fingerprint=fingerprint, export_version=EXPORT_VERSION,
            exporter="onnx_bert", created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("exported %s to ONNX (without torch) in %.1f s", name, time.perf_counter() - started)
    return meta


def export_bert_apart(directory: Path, name: str, fingerprint: str, folder: Path) -> dict:
    """``export_bert`` in a process of its own; the export's meta. A first ``precedent serve``
    exports while Gradio is imported (about a second each, mostly imports and writing, which a
    thread of the same process would hold under one lock): two processes keep both cores busy,
    and the server never holds the weights twice. ``bert_plan`` is checked here first, so a model
    that is not a plain BERT raises ``OnnxUnavailable`` at once; if the other process fails for
    any other reason, the export is made here (and raises what went wrong)."""
    bert_plan(directory)
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(directory), name, fingerprint,
                               str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("exporting '%s' in a process of its own failed (%s); exporting here", name, e)
    else:
        state, meta = cached_state(folder, name, fingerprint)
        if done.returncode == 0 and state == "ok" and meta is not None:
            return meta
        log.warning("exporting '%s' in a process of its own ended with %s; exporting here",
                    name, done.returncode)
    return export_bert(directory, name, fingerprint, folder)


def bert_graph(config: dict, w: dict[str, np.ndarray]):
    """The ONNX graph of ``BertModel``'s last hidden state (eval mode: no dropout)."""
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    head_dim, eps = hidden // heads, float(config.get("layer_norm_eps", 1e-12))
    nodes, inits = [], []
    counter = [0]

    def const(array, dtype=np.float32) -> str:
        counter[0] += 1
        name = f"c{counter[0]}"
        inits.append(numpy_helper.from_array(np.ascontiguousarray(np.asarray(array, dtype=dtype)),
                                             name))
        return name

    def op(kind: str, *inputs: str, **attrs) -> str:
        counter[0] += 1
        out = f"{kind.lower()}{counter[0]}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def linear(x: str, prefix: str, scale: float = 1.0) -> str:
        return op("Add", op("MatMul", x, const(w[prefix + ".weight"].T * scale)),
                  const(w[prefix + ".bias"] * scale))

    def layer_norm(x: str, prefix: str) -> str:
        return op("LayerNormalization", x, const(w[prefix + ".weight"]), const(w[prefix + ".bias"]),
                  axis=-1, epsilon=eps)

    seq_len = op("Shape", "input_ids", start=1, end=2)  # [s]
    positions = op("Slice", const(w["embeddings.position_embeddings.weight"]), const([0], np.int64),
                   seq_len,
                   const([0], np.int64))  # rows 0..s-1: positions 0..s-1
    x = op("Add", op("Add", op("Gather", const(w["embeddings.word_embeddings.weight"]),
                               "input_ids"), positions),
           op("Gather", const(w["embeddings.token_type_embeddings.weight"]), "token_type_ids"))
    x = layer_norm(x, "embeddings.LayerNorm")
    mask = op("Unsqueeze", op("Cast", "attention_mask", to=TensorProto.FLOAT),
              const([1, 2], np.int64))
    bias = op("Mul", op("Sub", const(1.0), mask), const(np.finfo(np.float32).min))  # (b, 1, 1, s)
    split = const([0, 0, heads, head_dim], np.int64)
    merge = const([0, 0, hidden], np.int64)
    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}."
        # 1/sqrt(head size) is folded into the query weights: (xW + b)/c = x(W/c) + b/c
        q, k, v = (op("Reshape", linear(x, p + f"attention.self.{n}", 1.0 / math.sqrt(head_dim)
                                        if n == "query" else 1.0),
                      split) for n in ("query", "key", "value"))
        scores = op("MatMul", op("Transpose", q, perm=[0, 2, 1, 3]),
                    op("Transpose", k, perm=[0, 2, 3, 1]))
        scores = op("Add", scores, bias)
        context = op("MatMul", op("Softmax", scores, axis=-1),
                     op("Transpose", v, perm=[0, 2, 1, 3]))
        context = op("Reshape", op("Transpose", context, perm=[0, 2, 1, 3]), merge)
        x = layer_norm(op("Add", linear(context, p + "attention.output.dense"), x), p
                       + "attention.output.LayerNorm")
        inner = linear(x, p + "intermediate.dense")
        # gelu(x) = x * (1 + erf(x / sqrt 2)) * 0.5, in the order ONNX Runtime fuses into one
        # BiasGelu
        erf = op("Erf", op("Div", inner, const(math.sqrt(2.0))))
        inner = op("Mul", op("Mul", inner, op("Add", erf, const(1.0))), const(0.5))
        x = layer_norm(op("Add", linear(inner, p + "output.dense"), x), p + "output.LayerNorm")
    nodes.append(helper.make_node("Identity", [x], ["token_embeddings"]))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
              for n in _INPUTS]
    output = helper.make_tensor_value_info("token_embeddings", TensorProto.FLOAT,
                                           ["batch", "sequence", hidden])
    graph = helper.make_graph(nodes, "bert", inputs, [output], initializer=inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                             producer_name="precedent")


if __name__ == "__main__":  # export_bert_apart's process: DIRECTORY NAME FINGERPRINT FOLDER
    _directory, _name, _fingerprint, _folder = sys.argv[1:5]
    export_bert(Path(_directory), _name, _fingerprint, Path(_folder))
