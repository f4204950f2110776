"""Two versions of one text, paragraph by paragraph: a draft and the resolution adopted from it.

Paragraphs keep their order from draft to adoption; amendments insert, drop, merge and reword
them, and renumber what follows. So the pairing is an alignment in document order (``align``:
paragraphs the same in both anchor it, the gaps between are aligned by dynamic programming, as a
diff aligns lines, in near-linear time) that maximises the summed word similarity of the pairs, each
pair within one part (resolution, annex ...) and one kind (preambular, paragraph, sub-paragraph). A
paragraph left without a partner was added (in the adopted text) or dropped (from the draft).

    pairs = align_versions(draft_records, adopted_records)
    for p in pairs:
        print(p.old and p.old.citation, "->", p.new and p.new.citation, p.similarity)
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from precedent.index.text_match import fold
from precedent.ingest.doc_meta import documents_named
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import Paragraph

from .align import align
from .diff import WordOp, close_spacing, diff_counts, same_words, word_diff

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.25  # below this two paragraphs are not versions of each other
_WORD = re.compile(r"\w+")
CITABLE = ("preambular", "paragraph", "subparagraph")


@dataclass
class VersionPair:
    """``old`` (the draft's paragraph) and ``new`` (the adopted one); either may be None."""

    old: Paragraph | None
    new: Paragraph | None
    similarity: float = 0.0
    changes: list[WordOp] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "dropped"
        return "unchanged" if same_words(self.old.text, self.new.text) else "changed"

    def to_dict(self) -> dict:
        d = {"status": self.status, "similarity": round(self.similarity, 4),
             "old": self.old.citation if self.old else None, "old_id": self.old.id if self.old
             else None,
             "new": self.new.citation if self.new else None, "new_id": self.new.id if self.new
             else None, "text": (self.new or self.old).text}
        if self.changes:
            d["changes"] = {**diff_counts(self.changes),
                            "ops": [op.to_list() for op in self.changes]}
        return d


def version_diff(old: str, new: str) -> list[WordOp]:
    """Word changes from ``old`` to ``new``, words compared with the spacing around punctuation
    closed up (``2015– 2030`` is ``2015–2030``: kept, not changed)."""
    return word_diff(close_spacing(old), close_spacing(new))


def _bag(text: str) -> Counter:
    return Counter(fold(w) for w in _WORD.findall(text))


def similarity(a: Counter, b: Counter) -> float:
    """Dice coefficient of two word multisets (1.0: the same words)."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _slot(r: Paragraph) -> tuple[str, str]:
    return (r.part.lower(), r.kind)


def align_versions(old: list[Paragraph], new: list[Paragraph]) -> list[VersionPair]:
    """Pair the citable paragraphs of two versions in document order (see the module doc)."""
    a = [r for r in old if r.kind in CITABLE]
    b = [r for r in new if r.kind in CITABLE]
    bags_a, bags_b = [_bag(r.text) for r in a], [_bag(r.text) for r in b]

    def score(i: int, j: int) -> float | None:
        if _slot(a[i]) != _slot(b[j]):
            return None
        s = similarity(bags_a[i], bags_b[j])
        return s if s >= MIN_SIMILARITY else None

    def key(r: Paragraph) -> tuple:
        return (*_slot(r), " ".join(close_spacing(fold(r.text)).split()))

    pairs: list[VersionPair] = []
    for i, j in align([key(r) for r in a], [key(r) for r in b], score):
        if i is None:
            pairs.append(VersionPair(None, b[j]))
        elif j is None:
            pairs.append(VersionPair(a[i], None))
        else:
            pairs.append(VersionPair(a[i], b[j], similarity(bags_a[i], bags_b[j]),
                                     version_diff(a[i].text, b[j].text)))
    n, m = len(a), len(b)
    log.info("aligned %d and %d paragraphs: %d pairs", n, m,
             sum(1 for p in pairs if p.old and p.new))
    return pairs


class VersionsError(PrecedentError, ValueError):
    """A document that is not in the library, or an adopted text whose draft is unknown."""


@dataclass
class VersionsResult:
    old: dict  # the draft, as ``Library.documents()`` describes it
    new: dict  # the adopted text
    pairs: list[VersionPair]

    @property
    def its_draft(self) -> bool:
        """Is ``old`` the draft ``new``'s masthead names? (``--against`` may name any document:
        another draft, a later text, the document itself.)"""
        named = self.new.get("draft_symbol") or ""
        return bool(named) and bool(documents_named(
            named, {self.old["doc_id"]: self.old.get("symbol") or ""}))

    def summary(self) -> dict:
        counts = Counter(p.status for p in self.pairs)
        return {"old": self.old.get("symbol") or self.old["doc_id"], "new": self.new.get("symbol")
                or self.new["doc_id"], "its_draft": self.its_draft,
                **{s: counts.get(s, 0) for s in ("unchanged", "changed", "added", "dropped")}}


def find_document(docs: list[dict], ref: str) -> dict | None:
    """The document named by a doc id or a symbol (``documents_named``), None when none is; a
    symbol that several documents are printed with (one resolution added from two files) is an
    error that asks for a doc id, not the first of them."""
    found = documents_named(ref, {d["doc_id"]: d.get("symbol") or "" for d in docs})
    if len(found) > 1:
        raise VersionsError(f"'{ref}' is the symbol of several documents ({', '.join(found)}); "
                            "give a doc id")
    return next((d for d in docs if found and d["doc_id"] == found[0]), None)


def compare_versions(lib, ref: str, against: str = "") -> VersionsResult:
    """Pair every paragraph of document ``ref`` with its counterpart in ``against`` (default: the
    draft its masthead names, e.g. A/RES/80/3 -> A/80/L.4), in document order."""
    docs = lib.documents()
    new = find_document(docs, ref)
    if new is None:
        raise VersionsError(f"no document '{ref}' in the library")
    against = against or new.get("draft_symbol", "")
    if not against:
        raise VersionsError(f"{new.get('symbol') or new['doc_id']} names no draft; say which with "
                            "--against DOC")
    old = find_document(docs, against)
    if old is None:
        raise VersionsError(f"the draft {against} is not in the library; add it first (precedent "
                            f"fetch {against})")
    records = lib.records
    pairs = align_versions([r for r in records if r.doc_id == old["doc_id"]],
                           [r for r in records if r.doc_id == new["doc_id"]])
    return VersionsResult(old, new, pairs)
