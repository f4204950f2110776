"""Adding one document to a large library versus rebuilding it all (issue #6). Prints figures;
asserts nothing.

    python benchmarks/bench_add.py [--paragraphs 10000] [--new 60] [--model NAME] [--home DIR]

The library of ``--paragraphs`` paragraphs is the shipped Declaration plus synthetic documents
whose paragraphs recombine the Declaration's sentences (one word of each sentence swapped for
another of its words, so nearly every text is new to the model). It is filled with the fast
test embedder first; then, with the real model (the bundled one by default):

1. full rebuild: every source parsed and every text embedded, no vector reused (what a model
   change does), of the library *with* the new ``--new``-paragraph document: N + new paragraphs;
2. remove the new document (nothing embedded), then add it again: the incremental add to a
   library of N paragraphs.

Both report wall time and the number of texts sent to the model (paragraphs plus their
sentence and clause-window units); the model is loaded before either is timed.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
import tempfile
import time
from pathlib import Path

CHUNK = 500  # paragraphs per synthetic document


class TimedEmbedder:
    """Wraps an embedder: counts the texts sent to it and the time spent in it."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts, self.seconds = 0, 0.0

    def encode(self, texts, **kw):
        t0 = time.perf_counter()
        out = self.inner.encode(texts, **kw)
        self.seconds += time.perf_counter() - t0
        self.texts += len(texts)
        return out

    def reset(self):
        self.texts, self.seconds = 0, 0.0


def declaration_sentences() -> list[str]:
    from precedent.corpus import shipped_documents
    from precedent.index.text_match import sentence_spans
    from precedent.ingest import load_document

    doc = load_document(shipped_documents()[0]["path"])
    out = []
    for r in doc.paragraphs:
        if r.kind in ("paragraph", "preambular"):
            out += [r.text[s:e].strip() for s, e in sentence_spans(r.text)]
    return [s for s in out if len(s.split()) >= 6]


def synthetic_paragraphs(n: int, sentences: list[str], rng: random.Random) -> list[str]:
    vocab = sorted({w for s in sentences for w in re.findall(r"[a-z]{5,}", s)})
    out = []
    for _ in range(n):
        parts = []
        for s in rng.sample(sentences, rng.choice((1, 2, 2, 3))):
            words = s.split()
            i = rng.randrange(len(words))
            words[i] = rng.choice(vocab)
            parts.append(" ".join(words))
        out.append(" ".join(parts))
    return out


def write_doc(path: Path, title: str, paragraphs: list[str]) -> Path:
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, start=1))
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paragraphs", type=int, default=10_000,
                    help="library size before the add (default 10000)")
    ap.add_argument("--new", type=int, default=60,
                    help="paragraphs of the added document (default 60)")
    ap.add_argument("--model", default=None,
                    help="embedding model (default: the bundled all-MiniLM-L6-v2)")
    ap.add_argument("--home", default=None,
                    help="data directory to use (default: a new temporary one)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    # the tests' fake embedder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from fake_embedder import HashEmbedder

    from precedent.index import LibraryIndex
    from precedent.index.embedder import load_embedder
    from precedent.index.library import write_lock

    home = Path(args.home or tempfile.mkdtemp(prefix="precedent-bench-add-"))
    files = home.parent / (home.name + "-files")
    files.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    sentences = declaration_sentences()

    t0 = time.perf_counter()
    fake = LibraryIndex(home, embedder=HashEmbedder())
    fake.open()
    have = sum(d["paragraphs"] for d in fake.documents())
    todo = max(0, args.paragraphs - len(fake.data.records))
    for k in range(0, todo, CHUNK):
        paras = synthetic_paragraphs(min(CHUNK, todo - k), sentences, rng)
        fake.add(write_doc(files / f"synthetic-{k // CHUNK:03d}.txt",
                           f"Synthetic text {k // CHUNK}", paras))
    base = len(fake.data.records)
    new_doc = write_doc(files / "new-document.txt", "The new document",
                        synthetic_paragraphs(args.new, sentences, rng))
    added = fake.add(new_doc)
    print(f"setup (test embedder): {base} records ({have} shipped paragraphs) + new document of "
          f"{added.paragraphs} paragraphs, in {time.perf_counter() - t0:.0f} s; home {home}")

    t0 = time.perf_counter()
    model = TimedEmbedder(load_embedder(args.model))
    model.encode(["warm up"])
    print(f"model {model.name}: loaded in {time.perf_counter() - t0:.1f} s")

    idx = LibraryIndex(home, embedder=model)
    model.reset()
    t0 = time.perf_counter()
    with write_lock(home):  # from the sources, reusing no vector (as after a model change)
        rebuilt = idx._rebuild(None, None, "benchmark: full rebuild")
    full_s = time.perf_counter() - t0
    full_texts, full_embed_s = model.texts, model.seconds
    n_full = len(idx.data.records)
    print(f"full rebuild of {n_full} records: {full_s:.1f} s ({rebuilt.status}); "
          f"{full_texts} texts sent to the model ({full_texts / n_full:.1f} per record), "
          f"{full_embed_s:.1f} s of it embedding")

    model.reset()
    t0 = time.perf_counter()
    removed = idx.remove("new-document")
    remove_s = time.perf_counter() - t0
    print(f"remove the new document ({removed.paragraphs} paragraphs) from {n_full} records: "
          f"{remove_s:.2f} s; {model.texts} texts sent to the model")

    model.reset()
    t0 = time.perf_counter()
    again = idx.add(new_doc)
    add_s = time.perf_counter() - t0
    print(f"add the {again.paragraphs}-paragraph document to "
          f"{len(idx.data.records) - again.paragraphs} records: {add_s:.2f} s ({again.status}); "
          f"{model.texts} texts sent to the model, {model.seconds:.2f} s of it embedding; the rest "
          "parses it, rebuilds BM25 and FAISS over every record and writes the new index "
          "directory")
    print(f"ratio: full rebuild / add = {full_s / add_s:.0f}x (time), "
          f"{full_texts / max(1, model.texts):.0f}x (texts embedded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
