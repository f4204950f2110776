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
from dataclasses import dataclass, field, replace

from precedent.index.keyword import tokenize
from precedent.index.text_match import fold
from precedent.ingest.doc_meta import documents_named
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import Paragraph

from .align import align
from .diff import WordOp, close_spacing, diff_counts, same_words, word_diff

log = logging.getLogger(__name__)

# below this share of their content words (Dice) two paragraphs are not versions of each other:
# the threshold of ``trace.VERSION_OVERLAP``. Rewordings by amendment keep far more (A/80/L.2's
# changed paragraphs are 0.86-0.98 alike in A/RES/80/1)
MIN_SIMILARITY = 0.4
MOVED_SIMILARITY = 0.8  # a paragraph left unpaired this close to one of the other version moved
SAME_SIMILARITY = 0.95  # this close, it is taken from a looser pair where the alignment put it
_WORD = re.compile(r"\w+")
CITABLE = ("preambular", "paragraph", "subparagraph")
# fewer than one paragraph in this many with a counterpart: two texts, not two versions
FEW_CORRESPOND_DENOMINATOR = 3
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
    whose case changed is changed). Each op holds the words as each text prints them
    ("levels – local", "gender- and"): the closed-up words were shown as changes, pasted from
    them, "levels–local" and "gender-and"."""
    a, a_printed = printed_words(old)
    b, b_printed = printed_words(new)
    ops, i, j = [], 0, 0
    for op in word_diff(a, b, case=True):
        di, dj = len(op.old), len(op.new)
        ops.append(replace(op, old=tuple(a_printed[i:i + di]), new=tuple(b_printed[j:j + dj])))
        i, j = i + di, j + dj
    return ops


def printed_words(text: str) -> tuple[list[str], list[str]]:
    """The words of ``close_spacing(text)``, and each as ``text`` prints it (the spaces around
    its dash kept: "levels – local" for "levels–local"). ``close_spacing`` only takes spaces
    out and makes whitespace runs one space, so its characters are found in order."""
    closed = close_spacing(text)
    at: list[int] = []  # closed character -> its offset in ``text``
    i = 0
    for ch in closed:
        while i < len(text) and text[i] != ch and not (ch == " " and text[i].isspace()):
            i += 1
        at.append(i)
        i += 1
    words, printed, start = [], [], 0
    for word in closed.split(" "):
        end = start + len(word)
        if word:
            words.append(word)
            printed.append(text[at[start]:at[end - 1] + 1])
        start = end + 1
    return words, printed


def _bag(text: str) -> Counter:
    """A paragraph's content words, stemmed (``index.keyword.tokenize``): on every word, "the",
    "of" and "and" made two paragraphs on other subjects a quarter alike, a version "changed"."""
    return Counter(tokenize(text))


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
    # what the alignment in order cannot see: a paragraph that changed places, and one whose
    # words went into (came out of) another paragraph
    pairs = _merged_split(_moved(pairs))
    n, m = len(a), len(b)
    log.info("aligned %d and %d paragraphs: %d pairs", n, m,
             sum(1 for p in pairs if p.old and p.new))
    return pairs


def _words(text: str) -> str:
    """A paragraph's words, for finding it inside another: case, quotes and dashes folded,
    punctuation and spacing aside (a paragraph merged into the one before it loses its capital
    and its full stop), padded so that only whole words are found."""
    return f" {' '.join(_WORD.findall(fold(text)))} "


def _moved(pairs: list[VersionPair]) -> list[VersionPair]:
    """A draft paragraph and an adopted one of one kind that the alignment in order left apart
    are one paragraph that moved when their words are nearly the same: four fifths alike
    (``MOVED_SIMILARITY``) when both were left unpaired, all but the same (``SAME_SIMILARITY``)
    to take one from a looser pair (a paragraph amended in place stays paired where it
    stands). They become one pair, where the adopted one stands; what each was paired with
    before is added or dropped. The pair is ``moved`` only when it crosses another pair (the
    order of the two versions differs); else it is unchanged or changed where it stands."""
    olds = [k for k, p in enumerate(pairs) if p.old is not None]
    news = [k for k, p in enumerate(pairs) if p.new is not None]
    old_to = {k: (k if pairs[k].new is not None else None) for k in olds}  # old -> new node
    new_to = {k: (k if pairs[k].old is not None else None) for k in news}
    firm = {k for k, p in enumerate(pairs)  # pairs no closer paragraph may break
            if p.old is not None and p.new is not None and p.similarity >= MOVED_SIMILARITY}
    bags_old = {i: _bag(pairs[i].old.text) for i in olds if i not in firm}
    bags_new = {j: _bag(pairs[j].new.text) for j in news if j not in firm}
    close = sorted(((similarity(bags_old[i], bags_new[j]), i, j)
                    for i in bags_old for j in bags_new
                    if i != j and pairs[i].old.kind == pairs[j].new.kind), reverse=True)
    sims: dict[tuple[int, int], float] = {}
    for sim, i, j in close:
        if sim < MOVED_SIMILARITY:
            break
        if (i, old_to[i]) in sims or (new_to[j], j) in sims:
            continue  # already moved
        free_i, free_j = old_to[i] is None, new_to[j] is None
        if not ((free_i or sim >= SAME_SIMILARITY) and (free_j or sim >= SAME_SIMILARITY)):
            continue
        if not free_i:
            new_to[old_to[i]] = None
        if not free_j:
            old_to[new_to[j]] = None
        old_to[i], new_to[j] = j, i
        sims[(i, j)] = sim
    if not sims:
        return pairs
    # the pairs as they now stand, in the adopted text's order (a dropped one where it was)
    order = {k: n for n, k in enumerate(news)}
    kept = sorted((order[j], i) for j, i in new_to.items() if i is not None)
    out: list[VersionPair] = []
    for k, p in enumerate(pairs):
        if p.old is not None and old_to[k] is None:
            out.append(VersionPair(p.old, None))
        if p.new is None:
            continue
        i = new_to[k]
        if i is None:
            out.append(VersionPair(None, p.new))
        elif i == k:
            out.append(p)
        else:
            old = pairs[i].old
            crossed = any((a < order[k]) != (b < i) for a, b in kept if b != i)
            out.append(VersionPair(old, p.new, sims[(i, k)], version_diff(old.text, p.new.text),
                                   moved=crossed))
    return out


MIN_MERGED_WORDS = 4  # "(b) children;" standing in a longer paragraph is no merge


def _joinable(part: Paragraph, whole: Paragraph) -> bool:
    """Can ``part``'s words have gone into ``whole`` (or come out of it)? Within one part of the
    text, a preambular paragraph with a preambular one, an operative one or an item with an
    operative one or an item."""
    if part.part != whole.part:
        return False
    return (part.kind == "preambular") == (whole.kind == "preambular")


def _merged_split(pairs: list[VersionPair]) -> list[VersionPair]:
    """A dropped paragraph whose words an adopted paragraph gained (holds whole, where its own
    draft paragraph, if it has one, did not) was merged into it; an added one whose words a
    draft paragraph lost (held whole, where its adopted paragraph, if any, does not) was split
    out of it. Each gained (lost) run of words serves one paragraph: of two draft paragraphs
    "Notes the report;", one merged into "... and notes the report;" and one was dropped. A
    paragraph whose words another held already (a duplicate dropped, "Notes the report;" inside a
    longer paragraph that kept them) is dropped or added as it is; so is one of fewer than
    ``MIN_MERGED_WORDS`` words, and one whose words stand only in another part of the text or in
    a paragraph of the other kind (preambular, operative)."""
    # each pair's words before and after ("" for the side an added or dropped one lacks)
    sides = [(_words(p.old.text) if p.old else "", _words(p.new.text) if p.new else "", p)
             for p in pairs]
    used: dict[tuple[str, str], int] = {}  # (holder's id, words) -> paragraphs it took them from

    def holder(p: VersionPair, record: Paragraph, merged: bool) -> Paragraph | None:
        words = _words(record.text)
        if len(words.split()) < MIN_MERGED_WORDS:
            return None
        for old, new, q in sides:
            other = q.new if merged else q.old
            if q is p or other is None or not _joinable(record, other):
                continue
            into, before = (new, old) if merged else (old, new)
            gained = into.count(words) - before.count(words)
            if into != words and gained > used.get((other.id, words), 0):
                used[(other.id, words)] = used.get((other.id, words), 0) + 1
                return other
        return None

    for p in pairs:
        if p.new is None:
            p.within = holder(p, p.old, merged=True)
        elif p.old is None:
            p.within = holder(p, p.new, merged=False)
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

    @property
    def numbering(self) -> list[str]:
        """Each document's breaks in its printed numbering (``index.numbering``): a paragraph
        lost or merged in reading a file would read as "dropped", "added" or "merged"."""
        return [f"{d.get('symbol') or d['doc_id']}: {d['numbering']}"
                for d in (self.old, self.new) if d.get("numbering")]

    @property
    def caution(self) -> str:
        """What to know before reading the pairs as a text's history: a document named with
        ``--against`` that is not this one's draft and shares few of its paragraphs (the Awaza
        declaration against the Doha one: "165 dropped") is another text, not a version."""
        if self.its_draft:
            return ""
        new = [p for p in self.pairs if p.new is not None]
        held = sum(1 for p in new if p.status != "added")
        if not new or held * FEW_CORRESPOND_DENOMINATOR >= len(new):
            return ""
        old, this = (d.get("symbol") or d["doc_id"] for d in (self.old, self.new))
        return (f"Only {held} of the {len(new)} paragraphs of {this} have a counterpart in {old}, "
                f"which is not its draft: the two may be different texts, not versions of one.")

    def summary(self) -> dict:
        counts = Counter(p.status for p in self.pairs)
        return {"old": self.old.get("symbol") or self.old["doc_id"], "new": self.new.get("symbol")
                or self.new["doc_id"], "its_draft": self.its_draft,
                **{s: counts.get(s, 0) for s in STATUSES}, "numbering": self.numbering,
                "caution": self.caution}


def find_document(docs: list[dict], ref: str) -> dict | None:
    """The document named by a doc id or a symbol (``documents_named``), None when none is; a
    symbol that several documents are printed with (one resolution added from two files) is an
    error that asks for a doc id, not the first of them."""
    found = documents_named(ref, {d["doc_id"]: d.get("symbol") or "" for d in docs})
    if len(found) > 1:
        raise VersionsError(f"'{ref}' is the symbol of several documents ({', '.join(found)}); "
                            "give a doc id")
    return next((d for d in docs if found and d["doc_id"] == found[0]), None)


def _later(a: dict, b: dict) -> bool:
    """Is document ``a`` dated after ``b``, at the precision both dates have (``2025`` against
    ``2025-09-19`` is not)? Undated documents are never later."""
    da, db = a.get("date") or "", b.get("date") or ""
    n = min(len(da), len(db))
    return n >= 4 and da[:n] > db[:n]


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
    if _later(old, new):  # what was added would read "dropped", an insertion a deletion
        name = lambda d: d.get("symbol") or d["doc_id"]  # noqa: E731
        raise VersionsError(
            f"{name(old)} ({old['date']}) is later than {name(new)} ({new['date']}): --against "
            f"names the earlier version; to see what changed from {name(new)} to {name(old)}, "
            f"run: precedent trace {name(old)} --against {name(new)}")
    records = lib.records
    pairs = align_versions([r for r in records if r.doc_id == old["doc_id"]],
                           [r for r in records if r.doc_id == new["doc_id"]])
    return VersionsResult(old, new, pairs)
