"""Documents a question names: "... in the Doha Political Declaration?", "under the 2025
trafficking declaration", "at the Second World Summit for Social Development".

A question naming a document asks about that document: its paragraphs gain a little
(``MENTION_BONUS``), and the words naming it are left out of the keyword search (otherwise the
paragraphs that cite the document by name, "to implement the Doha Political Declaration", outrank
those on the question's topic). A document is named by a run of consecutive words of the question
(stop words aside) that all stand in its title, short name or year, and that say more than the
words many titles share: at least two words, the rarer among the library's titles the better
(``MIN_WEIGHT``), or one word that no other title holds, few paragraphs use, and that the
question or the texts write as a name, capitalised ("Doha", "Awaza", "IMRF"), or that is half the
title or more ("albinism": "Persons with albinism"; "dangerous routes" names no "Reducing nuclear
danger"). Words most documents use name nothing ("General Assembly"), unless
they are the whole of a document's short name or most of its title ("the 2022 Progress
Declaration" in a library whose resolutions all speak of progress, declarations and 2022).
Nothing here is a table: it is read from the titles of the documents in the library.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from precedent.index.keyword import WORD_RE, stem_word, tokenize

from .documents import DocumentCard

MENTION_BONUS = 0.05  # added to the fused score of a named document's paragraphs
MIN_WEIGHT = 2.0  # summed title rarity (log N/df over the distinct titles) a run must reach
# A run of several words names a document only when one of them is used by at most this share of
# the library's documents: "General Assembly", "United Nations", "Member States" stand in a few
# titles but in the text of nearly every resolution, and name none of them (nor does "Global
# Compact" in a library where every document speaks of the Compact).
COMMON_SHARE = 0.5
RARE_SHARE = 0.005  # a one-word name: held by at most this share of the paragraphs (and 3 at least)


# A question that names a document by most of its title and asks nothing more of it ("What does
# the resolution on the report of the International Atomic Energy Agency say?", "What did the
# General Assembly decide about an international day against transnational organized crime?") is
# about that document: its paragraphs come first (this bonus), in the order of the rest of the
# ranking. Most: ``WHOLE_TITLE_SHARE`` of the title's words; a few title words ("the occupied
# Syrian Golan", "Forum on Migration") may name another document or another thing.
WHOLE_DOCUMENT_BONUS = 1.0
WHOLE_TITLE_SHARE = 0.6
# Words that ask about a document without saying about what (stemmed as the keyword side stems).
_FRAME = frozenset(tokenize("ask asks asked say says said tell tells mean means want wants "
                            "contain contains cover covers resolution resolutions text texts "
                            "document documents paragraph paragraphs"))


@dataclass(frozen=True)
class Mention:
    doc_ids: frozenset[str]
    words: tuple[str, ...]  # the question's stemmed words that name them
    weight: float
    whole: bool = False  # the question asks about the named document as a whole (``about_it``)
    by_symbol: bool = False  # named by its symbol ("A/RES/73/326"), which its text never holds


def capitalised_stems(text: str) -> frozenset[str]:
    """The stems of the words ``text`` writes capitalised (a name) or in capitals (an acronym);
    its first word only in capitals (any first word may be capitalised)."""
    words = WORD_RE.findall(text)
    return frozenset(stem_word(w.lower()) for i, w in enumerate(words)
                     if w.isupper() or (i > 0 and w[0].isupper()))


class TitleIndex:
    """The stemmed words of every document's title, short name and year, and their rarity among
    the distinct titles (a draft and its resolution share a title: one title)."""

    def __init__(self, cards: dict[str, DocumentCard]):
        self.words: dict[str, frozenset[str]] = {}
        # the words of each title alone (no short name, no year)
        self.title_words: dict[str, frozenset[str]] = {
            d: frozenset(t for t in tokenize(c.title) if not t.isdigit()) for d, c in cards.items()}
        # the words of each short name ("Progress Declaration 2022"), when it has one
        self.short_words: dict[str, frozenset[str]] = {
            d: frozenset(t for t in tokenize(c.short_title) if not (len(t) == 4 and t.isdigit()))
            for d, c in cards.items() if c.short_title}
        # each document's year ("" when undated: a draft without a date is of no other year)
        self.years: dict[str, str] = {d: c.year or "" for d, c in cards.items()}
        for doc_id, c in cards.items():
            text = " ".join(x for x in (c.title, c.short_title, c.year) if x)
            self.words[doc_id] = frozenset(tokenize(text))
        distinct = set(self.words.values())
        df: dict[str, int] = {}
        for ws in distinct:
            for w in ws:
                df[w] = df.get(w, 0) + 1
        n = max(len(distinct), 1)
        self.weight = {w: math.log((n + 1) / d) for w, d in df.items()}
        self.unique = {w for w, d in df.items() if d == 1}

    def mention(self, text: str, rare: Callable[[str], bool] = lambda _t: False,
                common: Callable[[str], bool] = lambda _t: False,
                name: Callable[[str], bool] = lambda _t: False) -> Mention | None:
        """The documents ``text`` names best (several when equally: a draft and its resolution),
        or None. ``rare(token)``: whether few paragraphs hold the word (a one-word name);
        ``common(token)``: whether most documents use it (``COMMON_SHARE``); ``name(token)``:
        whether the library's texts write it as a name (a one-word name the question writes in
        lower case: "what about tokelau?")."""
        tokens = [t for t in tokenize(text) if not t.isdigit() or len(t) == 4]
        if not tokens or len(self.words) < 2:
            return None
        names = capitalised_stems(text)
        best: tuple[float, tuple[str, ...]] = (0.0, ())
        found: dict[str, tuple[float, tuple[str, ...]]] = {}
        for doc_id, ws in self.words.items():
            top = (0.0, ())
            run: list[str] = []
            for t in (*tokens, None):
                if t is not None and t in ws:
                    run.append(t)
                    continue
                if run:
                    weight = sum(self.weight.get(w, 0.0) for w in dict.fromkeys(run))
                    several = (len(set(run)) >= 2 and weight >= MIN_WEIGHT
                               and (not all(common(w) for w in run)
                                    or self._names_it(doc_id, set(run))))
                    one = (len(set(run)) == 1 and run[0] in self.unique and rare(run[0])
                           and (run[0] in names or name(run[0])
                                or self._most_of_title(doc_id, run[0])))
                    if (several or one) and weight > top[0]:
                        top = (weight, tuple(run))
                    run = []
            if top[0]:
                found[doc_id] = top
                best = max(best, top)
        if not found:
            return None
        docs = frozenset(d for d, (w, _) in found.items() if w >= best[0] - 1e-9)
        # one title, several years ("the 2023 resolution on the report of the IAEA"): the year
        # the question gives picks the documents of that year, when any has it
        years = {t for t in tokens if len(t) == 4 and t.isdigit()}
        if years and any(self.years.get(d) in years for d in docs):
            docs = frozenset(d for d in docs if self.years.get(d, "") in years | {""})
        if len(docs) > max(2, len(self.words) // 4):  # words many documents share name none of them
            return None
        return Mention(docs, best[1], best[0])

    def _most_of_title(self, doc_id: str, word: str) -> bool:
        """Whether ``word`` is half of the document's title or more ("albinism" of "Persons
        with albinism", not "danger" of "Reducing nuclear danger")."""
        title = self.title_words.get(doc_id, frozenset())
        return word in title and 2 >= len(title)

    def covers_title(self, doc_id: str, words: set[str]) -> bool:
        """Whether ``words`` hold ``WHOLE_TITLE_SHARE`` of the document's title's words."""
        title = self.title_words.get(doc_id, frozenset())
        return bool(title) and len(words & title) >= WHOLE_TITLE_SHARE * len(title)

    def _names_it(self, doc_id: str, run: set[str]) -> bool:
        """Whether ``run`` holds the whole of the document's short name, or most of its title
        (``covers_title``)."""
        short = self.short_words.get(doc_id)
        return bool(short and short <= run) or self.covers_title(doc_id, run)


def words_without(text: str, stems) -> str:
    """``text`` without its words whose stems are among ``stems``; ``text`` itself when nothing
    else is left."""
    rest = [w for w in text.split() if not set(tokenize(w)) & stems]
    return " ".join(rest) if tokenize(" ".join(rest)) else text


def without_name(text: str, mention: Mention) -> str:
    """``text`` without the words that name the document ``mention`` found ("remittances" of
    "Global Compact on remittances")."""
    return words_without(text, set(mention.words))


def without_asking(text: str) -> str:
    """``text`` without the words that ask without saying about what ("What does ... say about
    return?" -> "What does about return?")."""
    return words_without(text, _FRAME)


def asks_only(text: str, named: set[str], common: Callable[[str], bool]) -> bool:
    """Whether every word of ``text`` beside the ``named`` ones asks without saying about what
    ("say", "resolution", a number) or is one most of the library's documents use (``common``:
    "decide", "Member States")."""
    return all(t in named or t in _FRAME or t.isdigit() or common(t) for t in tokenize(text))


def about_it(text: str, mention: Mention, titles: TitleIndex,
             common: Callable[[str], bool]) -> bool:
    """Whether ``text`` names ``mention``'s documents by most of a title (``WHOLE_TITLE_SHARE`` of
    its words) and says nothing else: each other word is a number, a word that asks without
    saying about what ("say", "ask", "resolution"), or one most of the library's documents use
    (``common``: "General Assembly", "Member States")."""
    named = set(mention.words)
    if not any(titles.covers_title(d, named) for d in mention.doc_ids):
        return False
    return asks_only(text, named, common)
