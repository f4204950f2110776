"""Issue 18: each record is also embedded as a reader meets it in its document (the document's
title, a sub-paragraph's chapeau, its text), as one more unit beside its sentences; an index
made before that is rebuilt on open, reusing every vector it has."""

from __future__ import annotations

import json

import numpy as np
from fake_embedder import HashEmbedder

from precedent.index import LibraryIndex, build
from precedent.index.build import (
    CHAPEAU_WORDS,
    LEAD_WORDS,
    VECTORS_VERSION,
    context_texts,
    in_context,
    sentence_units,
    unit_texts,
)
from precedent.index.store import current_index_dir
from precedent.ingest.records import Paragraph

TITLE = "Global Compact for Safe, Orderly and Regular Migration"
CHAPEAU = ("We commit to ensure that any detention in the context of international migration "
           "follows due process, is non-arbitrary, is based on law, necessity, proportionality "
           "and individual assessments. To realize this commitment, we will draw from the "
           "following actions:")


def rec(number: str, text: str, *, kind: str = "paragraph", parent: str = "",
        title: str = TITLE) -> Paragraph:
    return Paragraph(id=f"gcm:annex:{number}", doc_id="gcm", symbol="A/RES/73/195", title=title,
                     date="", part="annex", number=number, kind=kind, text=text,
                     citation=f"A/RES/73/195, annex, para. {number}", parent=parent)


def test_in_context_reads_title_then_chapeau_start_then_text_start():
    chapeau = rec("29", CHAPEAU)
    sub = rec("29 (c)", "Use alternatives to detention.", kind="subparagraph",
              parent=chapeau.id)
    start = " ".join(CHAPEAU.split()[:CHAPEAU_WORDS])
    assert in_context(sub, chapeau) == f"{TITLE}. {start} ... Use alternatives to detention."
    lead = " ".join(CHAPEAU.split()[:LEAD_WORDS])
    assert in_context(chapeau) == f"{TITLE}. {lead} ..."
    # a short chapeau is not marked as cut; a paragraph has no chapeau even if one is given
    short = rec("30", "We commit to:")
    assert in_context(sub, short) == f"{TITLE}. We commit to: Use alternatives to detention."
    assert in_context(chapeau, short) == f"{TITLE}. {lead} ..."
    assert in_context(rec("1", "Text.", title="")) == "A/RES/73/195. Text."
    untitled = Paragraph(id="x:body:1", doc_id="x", symbol="", title="", date="", part="",
                         number="1", kind="paragraph", text="Text.", citation="x 1")
    assert in_context(untitled) == ""


def test_context_units_come_first_and_their_texts_are_found_again():
    chapeau = rec("29", CHAPEAU)
    records = [chapeau, rec("29 (a)", "Use existing human rights mechanisms. Monitor detention.",
                            kind="subparagraph", parent=chapeau.id)]
    rows, texts = sentence_units(records)
    contexts = context_texts(records)
    assert contexts[1].startswith(f"{TITLE}. We commit to ensure")
    firsts = [i for i, (row, s, e) in enumerate(rows.tolist()) if s == e == 0]
    assert [tuple(rows[i]) for i in firsts] == [(0, 0, 0), (1, 0, 0)]
    assert [texts[i] for i in firsts] == contexts
    assert all(rows[i - 1][0] < rows[i][0] for i in firsts[1:])  # each record's first unit
    assert unit_texts(records, rows) == texts
    others = [t for i, t in enumerate(texts) if i not in firsts]
    assert "Monitor detention." in others  # the sentences stay units of their own


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts, **kw):
        self.seen.extend(texts)
        return super().encode(texts, **kw)


def test_an_index_of_the_older_version_is_rebuilt_embedding_only_the_context_units(
        tmp_path, monkeypatch):
    with monkeypatch.context() as old:  # as the code before context units built it
        old.setattr(build, "context_texts", lambda records: [""] * len(records))
        old.setattr(build, "VECTORS_VERSION", 1)
        LibraryIndex(tmp_path, embedder=HashEmbedder()).open()
    manifest = json.loads((current_index_dir(tmp_path) / "manifest.json").read_text())
    assert manifest["vectors"] == 1

    idx = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    result = idx.open()
    assert result.status == "rebuilt" and "older version" in result.message
    data = idx.data
    contexts = context_texts(data.records)
    assert sorted(set(idx.embedder.seen)) == sorted(set(contexts)) and all(contexts)
    rows = data.sentence_rows
    assert np.array_equal(rows[(rows[:, 1] == 0) & (rows[:, 2] == 0), 0],
                          np.arange(len(data.records)))
    manifest = json.loads((current_index_dir(tmp_path) / "manifest.json").read_text())
    assert manifest["vectors"] == VECTORS_VERSION
    again = LibraryIndex(tmp_path, embedder=CountingEmbedder())
    assert again.open().status == "loaded" and again.embedder.seen == []
