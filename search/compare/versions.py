"""Two versions of one text, paragraph by paragraph: a draft and the resolution adopted from it.

Paragraphs keep their order from draft to adoption; amendments insert, drop, merge and reword
them, and renumber what follows. So the pairing is an alignment in document order (``align``:
paragraphs the same in both anchor it, the gaps between are aligned by dynamic programming, as a
diff aligns lines, in near-linear time) that maximises the summed word similarity of the pairs, each
pair within one part (resolution, annex ...) and one kind (preambular, paragraph, sub-paragraph). A
paragraph left without a partner was added (in the adopted text) or dropped (from the draft),
unless its words stand elsewhere in the other version: a paragraph that changed places is
``moved`` (paired with itself where it now stands), one whose words stand whole in a paragraph of
the other version was ``merged`` into it (or, adopted, ``split`` out of one): never "dropped" while
every word of it is in the adopted text.

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
MOVED_SIMILARITY = 0.8  # a paragraph left unpaired this close to one of the other version moved
_WORD = re.compile(r"\w+")
CITABLE = ("preambular", "paragraph", "subparagraph")
STATUSES = ("unchanged", "changed", "added", "dropped", "moved", "merged", "split")


@dataclass
class VersionPair:
    """``old`` (the draft's paragraph) and ``new`` (the adopted one); either may be None."""

    old: Paragraph | None
    new: Paragraph | None
    similarity: float = 0.0
    changes: list[WordOp] = field(default_factory=list)
    moved: bool = False  # the pair stands at other places in the two versions
    # the paragraph of the other version holding this one's words whole: an old paragraph merged
    # into it, or a new one split out of it
    within: Paragraph | None = None

    @property
    def status(self) -> str:
        if self.old is None:
            return "split" if self.within is not None else "added"
        if self.new is None:
            return "merged" if self.within is not None else "dropped"
        if self.moved:
            return "moved"
        return "unchanged" if same_words(self.old.text, self.new.text) else "changed"

    def to_dict(self) -> dict:
        d = {"status": self.status, "similarity": round(self.similarity, 4),
             "old": self.old.citation if self.old else None, "old_id": self.old.id if self.old
             else None,
             "new": self.new.citation if self.new else None, "new_id": self.new.id if self.new
             else None, "text": (self.new or self.old).text}
        if self.within is not None:
            d["within"] = self.within.citation
        if self.moved:
            d["unchanged"] = same_words(self.old.text, self.new.text)
        if self.changes:
            d["changes"] = {**diff_counts(self.changes),
                            "ops": [op.to_list() for op in self.changes]}
        return d


def version_diff(old: str, new: str) -> list[WordOp]:
    """Word changes from ``old`` to ``new``, words compared with the spacing around punctuation
    closed up (``2015– 2030`` is ``2015–2030``: kept, not changed), and their case kept (a word
    whose case changed is changed)."""
    return word_diff(close_spacing(old), close_spacing(new), case=True)


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
    pairs = _moved_merged_split(pairs, a, b)
    n, m = len(a), len(b)
    log.info("aligned %d and %d paragraphs: %d pairs", n, m,
             sum(1 for p in pairs if p.old and p.new))
    return pairs


def _words(text: str) -> str:
    """A paragraph's words, for finding it inside another: case, quotes and dashes folded,
    punctuation and spacing aside (a paragraph merged into the one before it loses its capital
    and its full stop), padded so that only whole words are found."""
    return f" {' '.join(_WORD.findall(fold(text)))} "


def _moved_merged_split(pairs: list[VersionPair], a: list[Paragraph],
                        b: list[Paragraph]) -> list[VersionPair]:
    """What the alignment in order cannot see (see the module doc): a paragraph that changed
    places, and one whose words went into (came out of) another paragraph."""
    return _merged_split(_moved(pairs))


def _moved(pairs: list[VersionPair]) -> list[VersionPair]:
    """A draft paragraph and an adopted one of one kind with nearly the same words
    (``MOVED_SIMILARITY``) that the alignment left apart, each unpaired or paired less closely,
    moved: they become one pair, where the adopted one stands; what each was paired with
    before is added or dropped."""
    def loose(p: VersionPair) -> bool:
        return p.old is not None and p.new is not None and p.similarity < MOVED_SIMILARITY

    olds = [k for k, p in enumerate(pairs) if p.old is not None and (p.new is None or loose(p))]
    news = [k for k, p in enumerate(pairs) if p.new is not None and (p.old is None or loose(p))]
    close = sorted(((similarity(_bag(pairs[i].old.text), _bag(pairs[j].new.text)), i, j)
                    for i in olds for j in news
                    if i != j and pairs[i].old.kind == pairs[j].new.kind), reverse=True)
    taken_old: set[int] = set()
    moved_to: dict[int, tuple[int, float]] = {}  # pair index of the new one -> (old's, similarity)
    for sim, i, j in close:
        if sim < MOVED_SIMILARITY:
            break
        if i in taken_old or j in moved_to:
            continue
        taken_old.add(i)
        moved_to[j] = (i, sim)
    if not moved_to:
        return pairs
    out: list[VersionPair] = []
    for k, p in enumerate(pairs):
        old = None if k in taken_old else p.old
        new = p.new
        if k in moved_to:
            i, sim = moved_to[k]
            mover = pairs[i].old
            out.append(VersionPair(mover, new, sim, version_diff(mover.text, new.text),
                                   moved=True))
            new = None
        if old is not None and new is not None:
            out.append(p)
        elif old is not None:
            out.append(VersionPair(old, None))
        elif new is not None:
            out.append(VersionPair(None, new))
    return out


def _merged_split(pairs: list[VersionPair]) -> list[VersionPair]:
    """A dropped paragraph whose words an adopted paragraph gained (holds whole, where its own
    draft paragraph, if it has one, did not) was merged into it; an added one whose words a
    draft paragraph lost (held whole, where its adopted paragraph, if any, does not) was split
    out of it. A paragraph
    whose words another held already (a duplicate dropped, "Notes the report;" inside a
    longer paragraph that kept them) is dropped or added as it is."""
    # each pair's words before and after ("" for the side an added or dropped one lacks)
    sides = [(_words(p.old.text) if p.old else "", _words(p.new.text) if p.new else "", p)
             for p in pairs]
    for p in pairs:
        if p.new is None:
            words = _words(p.old.text)
            p.within = next((q.new for old, new, q in sides if q is not p and q.new is not None
                             and words.strip() and words in new and words not in old
                             and new != words), None)  # the same words as a whole: no merge
        elif p.old is None:
            words = _words(p.new.text)
            p.within = next((q.old for old, new, q in sides if q is not p and q.old is not None
                             and words.strip() and words in old and words not in new
                             and old != words), None)
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
                **{s: counts.get(s, 0) for s in STATUSES}}


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
