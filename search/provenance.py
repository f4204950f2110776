"""Where a paragraph's language was first agreed, where it was repeated, and which drafts hold it.

A paragraph of another document shares language with this one when verbatim runs of at least
``MIN_RUN_WORDS`` words (folded case and quotes, same punctuation between words) stand in both
and what they share carries meaning: the shared trigrams, weighed by their rarity in the library
(``search.trigram_weight``: titles of instruments, procedural formulas and stock connectors weigh
little, and so does a formula more than a few documents hold), weigh at least
``MIN_SHARED_WEIGHT`` (about a dozen words that few other paragraphs hold) and at least
``MIN_SHARE`` of this paragraph's own weight, by this paragraph's weights or by the other's (a
link holds both ways). One echo per document, its paragraph sharing the most.

Documents are ordered by ``DocumentCard.sort_key`` (date; an adopted resolution after the draft
it names). The first adopted text holding the language is where it was first agreed, of the
texts the library holds (the sentence says so: an older text it lacks may hold it too); later
adopted texts repeated it. Drafts (and other texts not adopted) never "agree" or "repeat": they
are listed apart, labelled. A text holding only part of the paragraph's language (less than
``WHOLE`` of its weight) is said to hold it "in part".

    prov = ProvenanceIndex(records, cards).of(row)
    prov.sentence()  # "first agreed in A/RES/73/195, annex, para. 29 (in part, 2018, earliest
                     #  in this library); repeated in ...;
                     #  also in the draft A/80/L.5, annex, para. 3 (draft, 2025)"
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from precedent.ingest.records import Paragraph
from precedent.ingest.text_patterns import MONTHS

from .documents import DocumentCard
from .trigram_weight import TrigramWeights, covered
from .verbatim import ShingleIndex

log = logging.getLogger(__name__)

MIN_RUN_WORDS = 5
# Calibrated on the tuning half of tests/test_provenance_real.py (the other half is held out):
# true links share 12.5+ (weight) and 0.25+ (share); stock phrases, names and formulas 6.8 at most.
MIN_SHARED_WEIGHT = 9.0
MIN_SHARE = 0.2
KINDS = ("preambular", "paragraph", "subparagraph")
# what "first agreed in" can know: the oldest adopted text of the library holding the language
EARLIEST = "earliest in this library"
# an echo sharing less than this share of the paragraph's weight holds part of its language: the
# sentence says "in part" (a draft paragraph joining a clause of 2018 to sentences of 2022 was
# said to be "first agreed in" 2018, when a quarter of it was)
WHOLE = 0.8


@dataclass(frozen=True)
class Echo:
    """The language in one document: the paragraph holding it, how many words are shared and
    what they weigh (``search.trigram_weight``)."""

    record: Paragraph
    document: DocumentCard
    words: int
    weight: float = 0.0
    share: float = 1.0  # of the traced paragraph's weight
    # a figure of the traced paragraph (an amount, a year, a date) is not in this one: the
    # wording was agreed here, not the figures ("Decides to appropriate ... the amount of ...")
    other_figures: bool = False
    whole_words: int = 0  # the traced paragraph's words (0: not known; ``words`` then is all)
    # the traced paragraph stands in this one in one piece, word for word: every word shared is
    # not enough ("have been able" is in "have not been able", a word apart)
    one_piece: bool = True

    @property
    def extent(self) -> str:
        """How much of the traced paragraph's language this paragraph holds: "" all of it, in one
        piece; "with changes" most of it (four fifths of its words and of their weight,
        ``WHOLE``: the draft's "its Head of State" where the adopted text says "its President"),
        or all its words with others between them or in another order ("have been able" in
        "have not been able"); "in part" less (by weight or by words: a shared list of
        resolutions and their dates weighs much and says nothing of what is requested)."""
        if self.share < WHOLE or (self.whole_words and self.words < WHOLE * self.whole_words):
            return "in part"
        if self.whole_words and (self.words < self.whole_words or not self.one_piece):
            return "with changes"
        return ""

    def describe(self, note: str = "") -> str:
        """The paragraph's citation and, in brackets, how much of the traced paragraph's language
        it holds (``extent``), its document's status (when not adopted), its year and
        ``note``."""
        status = self.document.status
        bits = (self.extent,
                "draft" if status == "draft" else "" if status == "adopted" else status,
                self.document.year, note)
        when = ", ".join(b for b in bits if b)
        if self.other_figures:
            when = f"{when}; its figures differ" if when else "its figures differ"
        return f"{self.record.citation} ({when})" if when else self.record.citation

    def to_dict(self) -> dict:
        return {"id": self.record.id, "citation": self.record.citation,
                "doc_id": self.record.doc_id,
                "year": self.document.year, "status": self.document.status, "words": self.words,
                "weight": round(self.weight, 2), "share": round(self.share, 3),
                "extent": self.extent or "whole", "other_figures": self.other_figures}


@dataclass(frozen=True)
class Provenance:
    """``first``: the oldest adopted text holding the language (None when no adopted text does);
    ``repeated``: later adopted texts, oldest first; ``drafts``: texts not adopted (drafts,
    reports) holding it, oldest first. The paragraph itself stands in whichever list its
    document belongs to (``first`` or ``repeated`` when adopted; never in ``drafts``)."""

    first: Echo | None
    repeated: tuple[Echo, ...]
    drafts: tuple[Echo, ...] = ()
    # adopted texts older than ``first`` that share a run of substance with the paragraph, too
    # small a share to hold its language (not "first agreed" there, but a part is that old)
    older_parts: tuple[Echo, ...] = ()

    @property
    def documents(self) -> int:
        return (self.first is not None) + len(self.repeated) + len(self.drafts)

    def echoes(self) -> list[Echo]:
        return [e for e in (self.first, *self.repeated, *self.drafts) if e is not None]

    @property
    def same_day(self) -> tuple[Echo, ...]:
        """Adopted texts dated the day ``first`` was: which of them came first, the library
        cannot tell (three financing resolutions adopted on 28 June 2024)."""
        if self.first is None or not self.first.document.date:
            return ()
        return tuple(e for e in self.repeated if e.document.date == self.first.document.date)

    def sentence(self) -> str:
        parts = []
        if self.first is not None:
            tied = self.same_day
            if tied:
                # "first" would be a guess: the texts were adopted the same day
                parts.append(f"agreed on {_spoken(self.first.document.date)} in "
                             + ", ".join(e.describe() for e in (self.first, *tied))
                             + f" ({EARLIEST})")
            else:
                # the library holds some texts only: its oldest may repeat an older one it lacks
                parts.append(f"first agreed in {self.first.describe(EARLIEST)}")
            if self.older_parts:
                texts = ("an older text" if len(self.older_parts) == 1 else "older texts")
                parts.append(f"a part of it stands in {texts}: " + ", ".join(
                    f"{e.record.citation} ({e.document.year})" for e in self.older_parts))
            later = [e for e in self.repeated if e not in tied]
            if later and self.first.extent == "in part":
                # the first text holds a part only: a later one holding the whole paragraph did
                # not repeat it ("first agreed in A/RES/73/195 ... (in part, 2018); repeated in
                # A/RES/76/266, para. 5", which holds all of it, and the Compact half), nor
                # does a later one holding another part
                whole = next((e for e in later if e.extent != "in part"), None)
                if whole is not None:
                    parts.append(f"as a whole in {whole.describe()}")
                rest = [e for e in later if e is not whole]
                if rest:
                    parts.append("later in " + ", ".join(e.describe() for e in rest))
            elif later:
                parts.append("repeated in " + ", ".join(e.describe() for e in later))
        else:
            parts.append("in no adopted text")
        if self.drafts:
            label = "also in" if self.first is not None else "found in"
            parts.append(f"{label} " + ", ".join(e.describe() for e in self.drafts))
        return "; ".join(parts)

    def without(self, record_ids: set[str], own: str) -> Provenance | None:
        """This provenance less the echoes in ``record_ids`` (a draft twin named beside the
        paragraph ``own``); None when nothing but the paragraph itself is left."""
        keep = [e for e in self.echoes() if e.record.id not in record_ids]
        if all(e.record.id == own for e in keep):
            return None
        drafts = tuple(e for e in self.drafts if e.record.id not in record_ids)
        adopted = [e for e in (self.first, *self.repeated)
                   if e is not None and e.record.id not in record_ids]
        first = adopted[0] if adopted else None
        return Provenance(first, tuple(adopted[1:]), drafts, older_than(first, self.older_parts))

    def to_dict(self) -> dict:
        return {"first": self.first.to_dict() if self.first else None,
                "repeated": [e.to_dict() for e in self.repeated],
                "drafts": [e.to_dict() for e in self.drafts],
                "older_parts": [e.to_dict() for e in self.older_parts], "text": self.sentence()}


def _spoken(date: str) -> str:
    """``2024-06-28`` -> ``28 June 2024`` (as the documents write dates)."""
    try:
        y, m, d = date.split("-")
        return f"{int(d)} {list(MONTHS)[int(m) - 1]} {y}"
    except (ValueError, IndexError):
        return date


def older_than(first: Echo | None, echoes) -> tuple[Echo, ...]:
    """The echoes of adopted texts dated before ``first``, oldest first (none without one)."""
    if first is None:
        return ()
    return tuple(sorted((e for e in echoes if e.document.status == "adopted"
                         and e.document.sort_key < first.document.sort_key),
                        key=lambda e: (e.document.sort_key, e.record.order)))


def _once_each(runs: list[tuple[int, int, int]]) -> tuple[list[tuple[int, int]],
                                                          list[tuple[int, int]]]:
    """The runs ``(start, end, at)`` two paragraphs share, as spans of this one's words and of the
    other's, each stretch counted once: a phrase one paragraph repeats ("section II of its
    resolution", 13 times in A/RES/78/247's list of resolutions) stands once in the other, and
    is shared once, not 13 times (it linked two different lists of resolutions). Longest runs
    first; a run most of whose stretch in the other paragraph is counted already adds nothing
    to this one's spans (and the other way round). Two runs meeting on a word ("... at the" /
    "the High-level ...", where A/RES/80/1 inserts "the meetings of" into its draft) both
    count."""
    def counted(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
        seen = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)
        return 2 * seen >= span[1] - span[0]

    mine: list[tuple[int, int]] = []  # this paragraph's spans, each stretch of the other's once
    other: list[tuple[int, int]] = []  # the other's spans, each stretch of this one's once
    counted_there: list[tuple[int, int]] = []
    counted_here: list[tuple[int, int]] = []
    for start, end, at in sorted(runs, key=lambda r: (r[0] - r[1], r[0], r[2])):
        here, there = (start, end), (at, at + end - start)
        if not counted(there, counted_there):
            mine.append(here)
            counted_there.append(there)
        if not counted(here, counted_here):
            other.append(there)
            counted_here.append(here)
    return sorted(mine), sorted(other)


def _best_per_document(echoes: dict[int, Echo]) -> dict[str, Echo]:
    """Document id -> its paragraph sharing the most (by weight)."""
    best: dict[str, Echo] = {}
    for echo in echoes.values():
        doc = echo.record.doc_id
        if doc not in best or echo.weight > best[doc].weight:
            best[doc] = echo
    return best


_FIGURE_RE = re.compile(r"(?<!\w)(?<![A-Za-z]-)\d(?:[\d,.]*\d)?")


def figures(text: str) -> frozenset[str]:
    """The figures a paragraph states (``994,544,400``, ``2024``, ``1.5``), as written; a number
    that is part of a name (``COVID-19``, ``G20``) is no figure."""
    return frozenset(_FIGURE_RE.findall(text))


def figures_differ(text: str, tokens, other_text: str, other_tokens,
                   runs: list[tuple[int, int, int]]) -> bool:
    """Whether two paragraphs sharing ``runs`` (``(start, end, at)``: this one's words
    ``[start, end)`` are the other's from ``at``) state other figures in the same place: between
    two runs in order in both, each holds figures, and not the same ("in 2029" where the other
    reads "in 2024").
    A figure in a clause the other leaves out (nothing between its runs there), or in a sentence
    after their last run, differs from none: A/RES/78/168 PP29 was "its figures differ" from
    A/RES/78/165 PP20 by the "73/284 of 1 March 2019" and "2021–2030" of a clause PP20 leaves
    out, the stretch from their first shared run to their last being read as shared."""
    # the runs in the same order in both, longest first where they start together (a phrase a
    # paragraph repeats is matched at each place: only the one in order counts)
    chain: list[tuple[int, int, int]] = []
    for start, end, at in sorted(runs, key=lambda r: (r[0], r[0] - r[1])):
        if not chain or (start >= chain[-1][1]
                         and at >= chain[-1][2] + chain[-1][1] - chain[-1][0]):
            chain.append((start, end, at))
    for (s1, e1, a1), (s2, _e2, a2) in zip(chain, chain[1:]):
        there = a1 + (e1 - s1)  # where the first run ends in the other's words
        here_gap = text[tokens.ends[e1 - 1]:tokens.starts[s2]] if s2 > e1 else ""
        there_gap = (other_text[other_tokens.ends[there - 1]:other_tokens.starts[a2]]
                     if a2 > there else "")
        # a figure of this one's where the other states another ("first half of 2029" for
        # "second half of 2024"), not where it states none: a clause it leaves out or words
        # in its place (the figures of the language shared are the same, being verbatim)
        mine, theirs = figures(here_gap), figures(there_gap)
        if mine - theirs and theirs:
            return True
    return False


# The words of a reference to another text ("72/313 of 17 September 2018", "paragraph 40 of
# its resolution 71/323", "2480 B (XXIII)"): two paragraphs citing the same resolutions share
# no language by that. A/RES/78/330 PP17, a list of the resolutions on multilingualism, was
# "first agreed in A/RES/78/245, para. 4", on the revitalization of the Assembly's work, by the
# four resolutions and dates both cite.
_REFERENCE_WORDS = frozenset({m.lower() for m in MONTHS} | {
    "of", "and", "its", "resolution", "resolutions", "paragraph", "paragraphs", "decision",
    "decisions", "annex", "section", "sections"})
# a roman numeral ("xxiii"), not any word of its letters ("civil")
_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def reference_only(keys) -> bool:
    """Whether a run of folded tokens holds nothing but a reference: figures, months, roman
    numerals, single letters ("72/90 A and B") and the words citing a text."""
    return all(k.isdigit() or len(k) == 1 or k in _REFERENCE_WORDS or _ROMAN.fullmatch(k)
               for k in keys)


class ProvenanceIndex:
    """Word 5-grams and trigram weights of every citable paragraph, built once per loaded index
    on first use."""

    def __init__(self, records: list[Paragraph], cards: dict[str, DocumentCard],
                 min_words: int = MIN_RUN_WORDS):
        self.records = records
        self.cards = cards
        self.min_words = min_words
        self.rows = [i for i, r in enumerate(records) if r.kind in KINDS]
        # record row -> shingle index row
        self.position = {row: i for i, row in enumerate(self.rows)}
        self.several_documents = len({records[i].doc_id for i in self.rows}) > 1
        self._index: ShingleIndex | None = None
        self._weights: TrigramWeights | None = None
        # a property of the index: computed once a row
        self._memo: dict[int, Provenance | None] = {}

    @property
    def index(self) -> ShingleIndex:
        if self._index is None:
            self._index = ShingleIndex([self.records[i].text for i in self.rows], self.min_words)
            log.debug("provenance index: %d paragraphs", len(self.rows))
        return self._index

    @property
    def weights(self) -> TrigramWeights:
        if self._weights is None:
            self._weights = TrigramWeights(self.index.tokens,
                                           [self.records[i].doc_id for i in self.rows])
        return self._weights

    def of(self, row: int) -> Provenance | None:
        """The provenance of record ``row``; None when no other document shares language of
        substance with it (or the library holds one document)."""
        if row not in self._memo:
            self._memo[row] = self._compute(row)
        return self._memo[row]

    def shared(self, row: int) -> dict[int, Echo]:
        """Record row -> echo, for every paragraph of another document sharing language of
        substance with record ``row`` (see the module doc)."""
        return self._shared(row)[0]

    def _shared(self, row: int) -> tuple[dict[int, Echo], dict[int, Echo]]:
        """``shared``, and the paragraphs sharing a run of substance (``MIN_SHARED_WEIGHT``) that
        is too small a share of either paragraph to link them: a part of the language."""
        own = self.position.get(row)
        if own is None:
            return {}, {}
        rec = self.records[row]
        tokens = self.index.tokens[own]
        weights = self.weights.of_row(own, rec.text)
        total = sum(weights)
        if total <= 0:
            return {}, {}
        pairs: dict[int, list[tuple[int, int, int]]] = {}
        for run in self.index.agreed_runs(tokens, self.min_words):
            if (self.records[self.rows[run.row]].doc_id != rec.doc_id
                    and not reference_only(tokens.keys[run.start:run.end])):
                pairs.setdefault(run.row, []).append((run.start, run.end, run.at))
        spans: dict[int, list[tuple[int, int]]] = {}
        theirs: dict[int, list[tuple[int, int]]] = {}  # the same runs in the other's words
        for other, found in pairs.items():
            spans[other], theirs[other] = _once_each(found)
        out, parts = {}, {}
        for other, runs in spans.items():
            weight = covered(weights, runs)
            into = out
            if not (weight >= MIN_SHARED_WEIGHT and weight >= MIN_SHARE * total
                    or self._shares_with(other, theirs[other])):
                if weight < MIN_SHARED_WEIGHT:
                    continue
                into = parts
            words = len({tokens.words[i] for s, e in runs for i in range(s, e)})
            record = self.records[self.rows[other]]
            differ = figures_differ(rec.text, tokens, record.text, self.index.tokens[other],
                                    pairs[other])
            into[self.rows[other]] = Echo(record, self.cards[record.doc_id], words, weight,
                                          weight / total, differ,
                                          len(set(tokens.words)),
                                          any(s == 0 and e == len(tokens.keys) for s, e in runs))
        return out, parts

    def _shares_with(self, position: int, runs: list[tuple[int, int]]) -> bool:
        """Whether the runs ``[start, end)`` of indexed paragraph ``position`` are language of
        substance by its own weights: a link holds both ways (a long paragraph of 2022 ending
        with a sentence of the Compact's para. 33 was "first agreed" in 2022, measured against
        its own length, while para. 33 said the 2022 paragraph repeated it)."""
        weights = self.weights.of_row(position, self.records[self.rows[position]].text)
        weight = covered(weights, runs)
        return weight >= MIN_SHARED_WEIGHT and weight >= MIN_SHARE * sum(weights)

    def _compute(self, row: int) -> Provenance | None:
        if row not in self.position or not self.several_documents:
            return None
        links, parts = self._shared(row)
        best, part = _best_per_document(links), _best_per_document(parts)
        if not best:
            return None
        rec = self.records[row]
        own = Echo(rec, self.cards[rec.doc_id],
                   len(set(self.index.tokens[self.position[row]].words)))
        echoes = sorted([own, *best.values()], key=lambda e: (e.document.sort_key, e.record.order))
        adopted = [e for e in echoes if e.document.status == "adopted"]
        drafts = tuple(e for e in echoes if e.document.status != "adopted" and e is not own)
        first = adopted[0] if adopted else None
        # "first agreed in A/RES/76/266, para. 57 (2022, earliest ...)": a clause of it stands in
        # A/RES/73/195 29 (h), of 2018, too small a share of either to link them; said so
        older = older_than(first, (e for d, e in part.items() if d not in best))
        return Provenance(first, tuple(adopted[1:]), drafts, older)
