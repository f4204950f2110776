"""Text helpers shared by indexing and search: sentence spans and match normalisation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SENTENCE_END = re.compile(r"(?<=[.;!?])[”’\"')]*\s+(?=[A-Z“\"‘(])")

_FOLD = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


@lru_cache(maxsize=8192)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the sentences of a paragraph (UN prose: ';' ends a clause-sentence too).
    Cached (a tuple, never changed): answers show the same paragraphs again and again."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def clause_spans(text: str, min_words: int = 10) -> list[tuple[int, int]]:
    """Windows of consecutive clauses (split after , ; :) of at least ``min_words`` words; the
    last short remainder joins the window before it. Long UN sentences hold several ideas;
    a short query matches one of them better than the whole sentence."""
    cuts = [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    start = prev = 0
    for cut in cuts:
        if len(text[start:cut].split()) >= min_words:
            spans.append((start, text[start:cut].rstrip().__len__() + start))
            start = cut
        prev = cut
    if start < prev and text[start:prev].strip():
        if spans:
            spans[-1] = (spans[-1][0], len(text.rstrip()))
        else:
            spans.append((start, len(text.rstrip())))
    return spans


def fold(text: str, case: bool = True) -> str:
    """Case, quotes, dashes and spaces folded, keeping a one-to-one character mapping
    (``case=False``: the case kept)."""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD)
    return folded.lower() if case else folded


@lru_cache(maxsize=8192)
def normalize_for_match(text: str) -> tuple[str, tuple[int, ...]]:
    """Folded text with whitespace runs collapsed (and hyphen+space line-break joins kept), and a
    map from each normalised character to its offset in the original text. Cached: a library
    asks for the same paragraphs again and again."""
    folded = fold(text)
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                offsets.append(i)
            prev_space = True
            continue
        out.append(ch)
        offsets.append(i)
        prev_space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


@lru_cache(maxsize=8192)
def _folded_words(text: str) -> str:
    return " ".join(fold(text).split())


_PHRASE_WORD = re.compile(r"[^\W\d_]+(?:'s\b|'(?!\w))?|\d+|[^\w\s]|_|\s")


# Plurals that are words of their own: "goods" is not more than one good, nor "arms" of arm
_OWN_PLURALS = frozenset({"goods", "arms", "means", "customs", "damages", "premises", "quarters",
                          "headquarters", "savings", "earnings", "proceeds", "remains", "news",
                          "series", "species", "affairs", "humanities", "sciences", "politics",
                          "economics", "statistics", "relations", "assets", "hostilities",
                          "clothes", "thanks", "regards", "surroundings", "belongings"})


def _word_forms(word: str) -> str:
    """A pattern for ``word`` (folded) as written, in the plural or the singular, and possessive
    ("plan": "plans", "plan's", "plans'"; "country": "countries"; "process": "processes"): a
    phrase search finds a phrase whatever the number of its nouns, as legal research tools do.
    As written only: words of three letters or fewer, numbers, irregular plurals ("crisis"),
    plurals that are words of their own ("goods", ``_OWN_PLURALS``). A possessive typed stays
    one ("State's" finds "States'", not "State")."""
    possessive = word.endswith(("'s", "'"))
    word = word.removesuffix("'s").removesuffix("'")
    mark = "(?:'s|')" if possessive else "(?:'s|')?"
    if len(word) <= 3 or not word.isalpha() or word in _OWN_PLURALS:
        return re.escape(word) + mark
    stems = {word}
    if word.endswith("ies") and len(word) > 4:
        stems.add(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "zes", "ches", "shes")):
        # "courses": course; "processes": process (never a stem of two letters: "uses" is no "us")
        stems |= {w for w in (word[:-1], word[:-2]) if len(w) >= 3}
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stems.add(word[:-1])
    forms = set()
    for stem in stems:
        forms |= {stem, stem + "s"}
        if stem.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(stem + "es")  # "process": processes; "plan" is no "planes"
        if stem.endswith("y") and stem[-2] not in "aeiou":
            forms.add(stem[:-1] + "ies")
    forms -= _OWN_PLURALS - {word}  # "good" does not find "goods"
    alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return f"(?:{alternatives}){mark}"


@lru_cache(maxsize=256)
def _phrase_forms(norm_phrase: str) -> re.Pattern:
    parts = [_word_forms(t) if t[0].isalnum() else re.escape(t)
             for t in _PHRASE_WORD.findall(norm_phrase)]
    # a word's forms end with the word: "plan" is not found in "planning" nor "plans" in "plansx"
    before = r"(?<!\w)" if norm_phrase[0].isalnum() else ""
    after = r"(?!\w)" if norm_phrase[-1].isalnum() else ""
    return re.compile(before + "".join(parts) + after)


def find_phrase(text: str, phrase: str, forms: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` in ``text`` (normalised), as spans into the original text.
    ``forms``: its nouns also in the other number or possessive (``_word_forms``)."""
    norm_phrase, _ = normalize_for_match(phrase)
    if not norm_phrase:
        return []
    if forms:
        norm_text, offsets = normalize_for_match(text)
        pattern, spans, at = _phrase_forms(norm_phrase), [], 0
        while (m := pattern.search(norm_text, at)) is not None:  # overlapping, as below
            spans.append((offsets[m.start()], offsets[m.end() - 1] + 1))
            at = m.start() + 1
        return spans
    if norm_phrase not in _folded_words(text):
        return []  # fast path: most candidate texts do not hold the phrase at all
    norm_text, offsets = normalize_for_match(text)
    spans = []
    start = norm_text.find(norm_phrase)
    while start != -1:
        end = start + len(norm_phrase)
        before = norm_text[start - 1] if start > 0 else " "
        after = norm_text[end] if end < len(norm_text) else " "
        if not (before.isalnum() and norm_phrase[0].isalnum()) and not (
            after.isalnum() and norm_phrase[-1].isalnum()
        ):
            spans.append((offsets[start], offsets[end - 1] + 1))
        start = norm_text.find(norm_phrase, start + 1)
    return spans
