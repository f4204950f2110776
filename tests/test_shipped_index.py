"""Issue #21: the shipped documents' prebuilt index (``corpus/index/``) is what a build makes of
them now, and a library never takes it when it is not (a changed parser, an edited shipped file
or manifest entry, another model, damaged files): it then parses and embeds them as any other."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest
from fake_embedder import HashEmbedder

from precedent.index import shipped
from precedent.index.embedder import DEFAULT_MODEL, model_fingerprint
from precedent.index.library import LibraryIndex
from precedent.index.source_docs import shipped_sources

STALE = (f"the shipped index (corpus/index/) is stale; rebuild it with `{shipped.REBUILD}` "
         "and commit it")


def test_shipped_index_is_what_a_fresh_parse_of_the_corpus_makes():
    """Fails after a change to the parser, the shipped files or the indexing code that forgot
    to rebuild the shipped index (the library would then parse and embed instead: right, but
    slow on the first page)."""
    meta = shipped.read_meta()
    sources = shipped_sources()
    why = shipped.mismatch(meta, sources, DEFAULT_MODEL, model_fingerprint(DEFAULT_MODEL))
    assert not why, f"{STALE}: {why}"
    assert list(meta["documents"]) == list(sources), \
        f"{STALE}: it does not hold every shipped document"
    records, counts = shipped.fresh_records(sources, list(sources))
    from precedent.index.segments import Segment

    seg = Segment.read(shipped.artefact_dir())
    assert seg.records == records, f"{STALE}: its records.jsonl is not what meta.json says"
    assert {d: i["paragraphs"] for d, i in meta["documents"].items()} == counts
    assert seg.vectors.shape == (len(records), meta["dimension"])


@pytest.mark.model
def test_shipped_vectors_are_the_bundled_models():
    """A sample of its vectors equals what the bundled model makes of the same texts now."""
    from precedent.index.build import embedding_texts, sentence_units
    from precedent.index.embedder import load_embedder
    from precedent.index.segments import Segment

    seg = Segment.read(shipped.artefact_dir())
    embedder = load_embedder()
    rows = [0, len(seg.records) // 2, len(seg.records) - 1]
    texts = embedding_texts(seg.records)
    got = embedder.encode([texts[i] for i in rows])
    np.testing.assert_allclose(got, seg.vectors[rows], atol=2e-4, err_msg=STALE)
    unit_rows, unit_texts = sentence_units(seg.records)
    assert np.array_equal(unit_rows, seg.unit_rows), STALE
    np.testing.assert_allclose(embedder.encode(unit_texts[:3]), seg.unit_vectors[:3], atol=2e-4,
                               err_msg=STALE)


def test_the_rebuild_command_is_named_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert shipped.REBUILD in readme


# -- never stale -------------------------------------------------------------------------------

@pytest.fixture
def artefact(tmp_path, monkeypatch):
    """A copy of the shipped index the library reads (to be spoiled by the test)."""
    folder = tmp_path / "artefact"
    shutil.copytree(shipped.artefact_dir(), folder)
    monkeypatch.setattr(shipped, "artefact_dir", lambda: folder)
    return folder


def _model_of(meta):
    return meta["model"], meta["model_fingerprint"]


def test_a_current_copy_is_taken(artefact):
    meta = shipped.read_meta(artefact)
    got = shipped.shipped_segment(shipped_sources(), *_model_of(meta))
    assert got is not None and len(got[0].records) == meta["records"]


def test_not_taken_when_the_parser_makes_other_records(artefact, monkeypatch):
    from precedent.index import source_docs

    meta = shipped.read_meta(artefact)
    real = source_docs.parse_source

    def changed_parser(doc_id, src):
        doc = real(doc_id, src)
        first = replace(doc.paragraphs[0], text=doc.paragraphs[0].text + " (changed)")
        return replace(doc, paragraphs=type(doc.paragraphs)([first, *doc.paragraphs[1:]]))

    monkeypatch.setattr(source_docs, "parse_source", changed_parser)
    assert shipped.shipped_segment(shipped_sources(), *_model_of(meta)) is None
    assert "parser" in shipped.mismatch(meta, shipped_sources(), *_model_of(meta))


def test_not_taken_when_its_files_disagree_with_its_meta(artefact):
    meta = shipped.read_meta(artefact)
    lines = (artefact / "records.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = "Something the declaration does not say."
    (artefact / "records.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n",
                                            encoding="utf-8")
    assert shipped.shipped_segment(shipped_sources(), *_model_of(meta)) is None


def test_not_taken_for_another_model_an_edited_entry_or_an_older_format(artefact):
    meta = shipped.read_meta(artefact)
    sources = shipped_sources()
    model, fp = _model_of(meta)
    assert shipped.shipped_segment(sources, "another-model", fp) is None
    assert shipped.shipped_segment(sources, model, "0" * 64) is None
    assert shipped.shipped_segment(sources, model, None) is None
    doc_id = next(iter(sources))
    edited = {d: dict(s, title=s["title"] + " (edited)") for d, s in sources.items()}
    assert shipped.shipped_segment(edited, model, fp) is None
    other_file = {d: dict(s, sha256="0" * 64) for d, s in sources.items()}
    assert shipped.shipped_segment(other_file, model, fp) is None
    assert shipped.shipped_segment({d: s for d, s in sources.items() if d != doc_id},
                                   model, fp) is None
    (artefact / "meta.json").write_text(json.dumps(dict(meta, format=1)), encoding="utf-8")
    assert shipped.shipped_segment(sources, model, fp) is None


def test_a_library_with_another_model_parses_and_embeds_the_shipped_documents(tmp_path):
    idx = LibraryIndex(tmp_path / "home", embedder=HashEmbedder())
    idx.open()
    assert idx.data.records and idx.data.records == \
        shipped.fresh_records(shipped_sources(), list(shipped_sources()))[0]
