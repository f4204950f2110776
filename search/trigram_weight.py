"""How much meaning a shared run of words carries: word trigrams weighed by their rarity in the
library, names of instruments and bodies counting for little.

Two paragraphs can share eight words verbatim and nothing of substance: the title of an
instrument ("the United Nations Framework Convention on Climate Change"), a procedural formula
("as contained in the annex to the present resolution"), a stock connector ("in the context of
international migration, including by"). No list of such phrases is kept: every trigram of
words (folded keys, as ``verbatim.tokenize_words`` gives them) is weighed by how few of the
library's paragraphs hold it,

    rarity(t) = log((N + 1) / (df_other(t) + 1)) / log((N + 1) / 2), clipped to 0..1

(``N`` paragraphs; ``df_other``: the paragraphs holding ``t`` other than the one weighed, so a
trigram shared with exactly one other paragraph weighs 1 and one in every paragraph 0), and a
trigram lying inside a name (two or more capitalised words, with lower-case joining words
between them: "Framework Convention on Climate Change", "Global Compact for Safe, Orderly and
Regular Migration") weighs ``NAME_FACTOR`` of that. Procedural formulas and connectors are
made of trigrams many paragraphs hold ("the present resolution", "in the context"), so they
weigh little; a passage of agreed language is a run of trigrams few paragraphs hold.

    weights = TrigramWeights([tokenize_words(r.text) for r in records])
    w = weights.of_row(3, records[3].text)       # one weight per trigram of record 3
    weights.covered(w, runs)                     # the weight of the trigrams inside the runs
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from .verbatim import Tokens, tokenize_words

GRAM = 3
NAME_FACTOR = 0.1
# Lower-case words that join the capitalised words of one name ("Convention on the Rights of
# the Child", "Protocol to Prevent, Suppress and Punish Trafficking in Persons").
NAME_JOINERS = frozenset({"of", "on", "the", "for", "and", "in", "against", "to", "de", "la", "du"})
_CLAUSE_END = (".", ";", ":")


def grams(keys: Sequence[str], n: int = GRAM) -> list[tuple[str, ...]]:
    return [tuple(keys[i:i + n]) for i in range(len(keys) - n + 1)]


def name_mask(text: str, tok: Tokens) -> list[bool]:
    """For each token, whether it lies inside a name: a run of two or more capitalised tokens
    (not counting a sentence's first word; a word in capitals is not capitalised), joined by
    ``NAME_JOINERS``."""
    n = len(tok.keys)
    caps = [_capitalised(text[tok.starts[i]:tok.ends[i]]) for i in range(n)]
    mask = [False] * n
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = last = i
        while j + 1 < n and (caps[j + 1] or tok.keys[j + 1] in NAME_JOINERS):
            j += 1
            if caps[j]:
                last = j
        start = i + 1 if i == 0 or tok.gaps[i].strip()[-1:] in _CLAUSE_END else i
        if sum(caps[start:last + 1]) >= 2:
            for k in range(start, last + 1):
                mask[k] = True
        i = last + 1
    return mask


def _capitalised(word: str) -> bool:
    """``Convention``, not ``CONVENTION`` (text set in capitals says nothing of names) nor
    ``IOM``."""
    return word[:1].isupper() and not word[1:].isupper()


# With the documents of the texts given: a trigram that more than this many other documents hold
# weighs less, down to 0 where every document holds it (``TrigramWeights.spread``).
FEW_DOCUMENTS = 3


class TrigramWeights:
    """Trigram document frequencies of a set of texts (the library's citable paragraphs).

    ``documents`` (the document of each text), where given, weighs a trigram also by how many
    documents hold it: a formula dozens of resolutions repeat ("decides to include in the
    provisional agenda of its seventy-ninth session, under the item entitled") is rare among
    thousands of paragraphs (one in a hundred) yet no language one of them agreed first."""

    def __init__(self, tokens: Sequence[Tokens], documents: Sequence[str] | None = None):
        self.tokens = list(tokens)
        self.df: Counter = Counter()
        for tok in self.tokens:
            self.df.update(set(grams(tok.keys)))
        self.n = len(self.tokens)
        self._scale = math.log((self.n + 1) / 2) if self.n > 1 else 1.0
        self._rows: dict[int, list[float]] = {}
        self.documents = list(documents) if documents is not None else None
        self.doc_df: Counter = Counter()
        if self.documents is not None:
            per_doc: dict[str, set] = {}
            for tok, doc in zip(self.tokens, self.documents, strict=True):
                per_doc.setdefault(doc, set()).update(grams(tok.keys))
            for held in per_doc.values():
                self.doc_df.update(held)
            self.d = len(per_doc)

    def rarity(self, gram: tuple[str, ...], own: bool) -> float:
        """0 (every paragraph holds it) .. 1 (at most one other paragraph does)."""
        other = self.df.get(gram, 0) - (1 if own else 0)
        if self.n <= 2:
            return 1.0
        return max(0.0, min(1.0, math.log((self.n + 1) / (max(other, 1) + 1)) / self._scale))

    def spread(self, gram: tuple[str, ...], own: bool) -> float:
        """1 where at most ``FEW_DOCUMENTS`` other documents hold ``gram`` (or no documents were
        given), falling to 0 where every document does."""
        if self.documents is None or self.d <= FEW_DOCUMENTS + 1:
            return 1.0
        other = self.doc_df.get(gram, 0) - (1 if own else 0)
        scale = math.log((self.d + 1) / (FEW_DOCUMENTS + 1))
        return max(0.0, min(1.0, math.log((self.d + 1) / (max(other, 1) + 1)) / scale))

    def weigh(self, text: str, tok: Tokens | None = None, own: bool = False) -> list[float]:
        """One weight per trigram of ``text`` (position i: tokens i..i+2). ``own``: the text is
        one of the indexed texts (its own occurrence is not counted)."""
        tok = tok or tokenize_words(text)
        names = name_mask(text, tok)
        out = []
        for i, g in enumerate(grams(tok.keys)):
            w = self.rarity(g, own) * self.spread(g, own)
            if all(names[i:i + GRAM]):
                w *= NAME_FACTOR
            out.append(w)
        return out

    def of_row(self, row: int, text: str) -> list[float]:
        """The weights of indexed text ``row`` (cached)."""
        w = self._rows.get(row)
        if w is None:
            w = self._rows[row] = self.weigh(text, self.tokens[row], own=True)
        return w


def covered(weights: Sequence[float], spans: Iterable[tuple[int, int]]) -> float:
    """The summed weight of the trigrams lying wholly inside the token spans ``[start, end)``."""
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start, max(start, end - GRAM + 1)))
    return sum(weights[i] for i in inside if i < len(weights))
