"""Word diffs: which words of an earlier text a draft keeps, inserts and deletes.

Nothing here touches the index. ``word_diff(old, new)`` -> ``WordOp`` list (kept / inserted /
deleted words). Words are the whitespace-separated tokens of a text; two words are "the same"
when they are equal after folding case, quotes and dashes (``index.text_match.fold``; versions of
one text keep the case: ``word_diff(..., case=True)``, ``same_words``); an ``equal`` op carries
both spellings. Verbatim runs shared with earlier paragraphs (the word n-gram index)
are ``search.verbatim``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from precedent.index.text_match import fold
from precedent.ingest.text_patterns import SUPERSCRIPTS
from precedent.ingest.wording import ORDINALS

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


# --- word diff -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WordOp:
    """One step from the earlier text to the draft: ``old`` words become ``new`` words.

    equal: ``old`` and ``new`` are the same words (possibly differing in case/quotes/dashes);
    insert: ``old`` is empty; delete: ``new`` is empty.
    """

    op: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def to_list(self) -> list:
        """``["=", "kept words"]``, ``["+", "inserted words"]`` or ``["-", "deleted words"]``."""
        if self.op == DELETE:
            return ["-", " ".join(self.old)]
        return ["=" if self.op == EQUAL else "+", " ".join(self.new)]


_DASH_SPACE = re.compile(r"\s*([-\u2010-\u2015\u2212])\s*")
_SPACE_BEFORE = re.compile(r"\s+(?=[,;:.!?)\]”’])")
_SPACE_AFTER = re.compile(r"(?<=[(\[“‘])\s+")
_PUNCT_SPACE = re.compile(r"\s*([^\w\s])\s*")


def close_spacing(text: str) -> str:
    """``text`` with the spaces around dashes and hyphens, before closing and after opening
    punctuation taken out (``2015– 2030``, ``2024 – 2034``, ``high -level``, ``law ,`` ->
    ``2015–2030``, ``2024–2034``, ``high-level``, ``law,``) and other whitespace runs made one
    space: PDF text layers space punctuation unevenly, and that is no change of words."""
    text = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", _DASH_SPACE.sub(r"\1", text)))
    return " ".join(text.split())


def same_words(a: str, b: str) -> bool:
    """Whether two texts hold the same words as printed: quotes and dashes folded (``fold``),
    any spacing around punctuation aside, the case kept ("the States Members" and "the states
    members" are not the same text)."""
    return a == b or words_key(a) == words_key(b)


def words_key(text: str) -> str:
    """A text as ``same_words`` compares it: quotes and dashes folded, spacing around
    punctuation aside, case kept."""
    return " ".join(_PUNCT_SPACE.sub(r"\1", fold(text, case=False)).split())


def words(text: str | Sequence[str]) -> list[str]:
    return text.split() if isinstance(text, str) else list(text)


# a footnote mark set after a word ("Development”,¹¹", a mark pasted from a PDF and read as
# one): no change of words (a unit's "km²" keeps its power)
_TRAILING_MARK = re.compile(rf"(?:(?<=[^\w\s])|(?<=[^\W\d_]{{3}}))[{SUPERSCRIPTS}]+$")


def word_key(word: str) -> str:
    return fold(_TRAILING_MARK.sub("", word))


def word_diff(old: str | Sequence[str], new: str | Sequence[str],
              case: bool = False) -> list[WordOp]:
    """The word operations that turn ``old`` into ``new`` (a replacement is a delete then an
    insert). ``case``: a word whose case changed is changed (versions of one text), not kept."""
    a, b = words(old), words(new)
    key = (lambda w: fold(w, case=False)) if case else word_key  # noqa: E731
    matcher = SequenceMatcher(None, [key(w) for w in a], [key(w) for w in b], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(EQUAL, tuple(a[i1:i2]), tuple(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp(DELETE, tuple(a[i1:i2]), ()))
        if j2 > j1:
            ops.append(WordOp(INSERT, (), tuple(b[j1:j2])))
    return ops


def diff_counts(ops: Iterable[WordOp]) -> dict[str, int]:
    """Words kept, inserted and deleted, counted as the agreed share counts words: those holding
    a letter or a digit (a dash standing alone is no word; "115 of 115 words" was followed by
    "117 kept")."""
    def words(tokens: Sequence[str]) -> int:
        return sum(1 for t in tokens if any(ch.isalnum() for ch in t))

    kept = inserted = deleted = 0
    for op in ops:
        if op.op == EQUAL:
            kept += words(op.new)
        elif op.op == INSERT:
            inserted += words(op.new)
        else:
            deleted += words(op.old)
    return {"kept": kept, "inserted": inserted, "deleted": deleted}


# Words whose change can turn what a text says, however few: a negation, a quantifier, a modal
# verb, a figure.
# "We further commit not to prioritize ..." was "99% agreed language" with nothing more said.
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "without", "cannot", "none",
                       "unless", "except", "excluding"})
# "all" for "some", "only", "any": an audit's edits of one word ("including" -> "excluding",
# "all" -> "some") were 1 of 28 said before quantifiers were among these words
QUANTIFIERS = frozenset({"all", "some", "any", "every", "each", "only", "most", "few", "several",
                         "both", "either", "many"})
MODALS = frozenset({"shall", "should", "must", "may", "might", "will", "would", "can", "could"})
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w%]+$")
# figures written as words: "every two years" for "every three years", "eighty-first" for
# "eighty-second" (an audit: 2 of 5 figure edits were said, both in digits). Said where a run of
# changed words replaces one of them by another, never alone ("one" is also "one another").
_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
          "eighty ninety hundred thousand million billion").split()
_NUMBERS = "|".join(_UNITS + list(ORDINALS))
_NUMBER_WORD = re.compile(rf"(?:{_NUMBERS})(?:-(?:{_NUMBERS}))?|half|twice|double|triple|once"
                          r"|thrice")


def _number_word(word: str) -> bool:
    return bool(_NUMBER_WORD.fullmatch(word))


def _bare(word: str) -> str:
    return _EDGE_PUNCT.sub("", word_key(word))


def meaning_changes(ops: Iterable[WordOp]) -> list[str]:
    """The changes in ``ops`` (an earlier text -> a draft) that can turn what the text says: a
    negation, a quantifier or a modal verb inserted or deleted, a "non-" put before a word or
    taken from it, a figure of the earlier text changed or left out. Each as 'inserted “not”',
    'deleted “3”'.

    Words only added before or after the earlier text, or only left out there, are no change of
    what it says: a draft quoting the first sentence of a paragraph does not "delete" its
    "will". A number only added is not said (it shows as new words): in a copy from a PDF it is
    mostly a footnote mark ("2024²", "2022 1" copied "20221", a lone "23"); a figure of the
    earlier text that the draft still holds, with a mark after it, is unchanged."""
    ops = list(ops)
    equal = [i for i, op in enumerate(ops) if op.op == EQUAL]
    if equal:
        def extends(run: list[WordOp]) -> bool:
            # only added, or only left out, or far more added than replaced: text run on past
            # the earlier one (a paragraph pasted with the next one's words after it). A word
            # only repunctuated is none added: a paragraph split in two ends "Court;" where the
            # earlier one went on "Court, and calls upon all States ... not yet Parties ...";
            # its "all", "not" and "without" are in the next paragraph, not deleted
            cut = {_bare(w).lower() for op in run if op.op == DELETE for w in op.old}
            added = sum(1 for op in run if op.op == INSERT for w in op.new
                        if _bare(w).lower() not in cut)
            gone = sum(len(op.old) for op in run if op.op == DELETE)
            return not added or not gone or added > 2 * gone + 2
        head, tail = ops[:equal[0]], ops[equal[-1] + 1:]
        ops = ([] if extends(head) else head) + ops[equal[0]:equal[-1] + 1] + (
            [] if extends(tail) else tail)
    gone = {_bare(w).lower() for op in ops if op.op == DELETE for w in op.old}
    added = {_bare(w).lower() for op in ops if op.op == INSERT for w in op.new}
    out: list[str] = []
    run: list[WordOp] = []
    for op in [*ops, WordOp(EQUAL, (), ())]:
        if op.op != EQUAL:
            run.append(op)
            continue
        deleted = [w for o in run if o.op == DELETE for w in o.old]
        inserted = [w for o in run if o.op == INSERT for w in o.new]
        kept_figures = [g for w in inserted for g in _FIGURE.findall(w)]
        # (the same figure split or joined at its hyphen, "eighty-first" / "eighty first" as a
        # PDF's line break gives it, is none changed)
        gone_n, new_n = ([_bare(w).lower() for w in ws if _number_word(_bare(w).lower())]
                         for ws in (deleted, inserted))
        worded = bool(gone_n and new_n) and ("".join(gone_n).replace("-", "")
                                             != "".join(new_n).replace("-", ""))
        lost = [w for w in deleted if any(not _still_there(g, kept_figures)
                                          for g in _FIGURE.findall(w))]
        for verb, tokens, other in (("deleted", deleted, added), ("inserted", inserted, gone)):
            for token in tokens:
                word = _bare(token)
                low = word.lower()
                negated = low.startswith("non-") and low[4:] in other
                figure = (token in lost if verb == "deleted"
                          else bool(lost) and bool(_FIGURE.search(token)))
                figure = figure or worded and _number_word(low)
                if low in NEGATIONS or low in QUANTIFIERS or low in MODALS or negated or figure:
                    out.append(f"{verb} \u201c{word}\u201d")
        run = []
    return out


_FIGURE = re.compile(r"\d+")  # ASCII digits: a superscript mark ("2024²") is none


def _still_there(figure: str, kept: list[str]) -> bool:
    """Whether a figure of the earlier text stands among the draft's figures, a mark glued after
    it aside ("2022" in "20221", "179" in "17918")."""
    return any(k == figure or (len(figure) >= 3 and k.startswith(figure)
                               and len(k) - len(figure) <= 2) for k in kept)


def similarity_text(score: float, ops: Iterable[WordOp]) -> str:
    """A similarity as the command line and the page print it, two decimals, never "1.00" when
    ``ops`` (the diff between the two texts) insert or delete a word: a paragraph with "some"
    for "all" read "(1.00)" beside its own diff."""
    if any(op.op != EQUAL for op in ops):
        score = min(score, 0.99)
    return f"{score:.2f}"
