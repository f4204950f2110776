"""Understanding a query: quoted phrases, commitment intent, and the topic words that remain."""

from __future__ import annotations

import re
from dataclasses import dataclass

from precedent.index.keyword import tokenize
from precedent.ingest.errors import PrecedentError

from .thesaurus import everyday_spans, expand

MAX_QUERY_CHARS = 10_000
# A query of at most this many words is a question; a longer one is a pasted paragraph (in the
# texts' own language already), unless it ends with a question mark and has at most
# ``LONG_QUESTION_WORDS``: "What does the resolution on the report of the Special Committee on the
# Charter of the United Nations ask that Committee to do at its 2024 session?" (27 words).
QUESTION_WORDS = 25
LONG_QUESTION_WORDS = 60

_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|„([^“”]+)[“”]|«\s*([^»]+?)\s*»')

# Words that ask *what was committed/agreed*, not *about what*.
_INTENT = re.compile(
    r"\b(commit(?:s|ted|ting|ments?)?|pledg(?:e|es|ed)|undert(?:ook|ake|aken|akings?)|"
    r"agree(?:d|ment)?s?|decid(?:e|ed)|decisions?|resolv(?:e|ed)|promis(?:e|ed|es)|"
    r"will (?:states|they|member states|we)|states will|what will)\b",
    re.IGNORECASE,
)
# The verbs by which an assembly calls on others, and asks of them.
_CALLS = r"call(?:s|ed)? (?:up)?on|call(?:s|ed)? for|urg(?:e|es|ed)|demand(?:s|ed)?"
_REQUESTS = r"request(?:s|ed)?"
# ... and what an assembly asks of others, in a question ("What did the General Assembly ask the
# administering Power to do?", "... call for regarding X?"): a request is no intent in "requests
# for information".
_ASKED = re.compile(
    r"\b(ask(?:s|ed)? (?:[\w-]+ ){1,6}to do|" + _CALLS + "|" + _REQUESTS + r")\b",
    re.IGNORECASE,
)
# The kind of paragraph a question's verb asks for ("What did the General Assembly decide ...",
# "... call for ...", "... ask X to do"): operative paragraphs of that category answer it as a
# commitment does (``search.ranking.answer_tier``).
_ASKED_CATEGORIES = (
    (re.compile(r"\b(?:decid(?:e|es|ed)|decisions?|resolv(?:e|es|ed))\b", re.IGNORECASE),
     ("decision",)),
    (re.compile(r"\b(?:ask(?:s|ed)?|" + _REQUESTS + r")\b", re.IGNORECASE),
     ("request", "encouragement")),
    (re.compile(r"\b(?:" + _CALLS + r"|encourag(?:e|es|ed)|invit(?:e|es|ed))\b", re.IGNORECASE),
     ("encouragement",)),
)
# a question may open with a phrase setting its scene ("In 2023, what did the General Assembly
# call on States to do ...?", "At the Doha summit, what did ..."): up to eight words and a comma
_QUESTION_START = re.compile(r"^\W*(?:(?:[^\W\d_]+|\d+)(?:[\s-]+(?:[^\W\d_]+|\d+)){0,7},\s*)?"
                             r"(?:what|which|how|did|does|do|has|have|where|when|was|were"
                             r"|is|are)\b", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"\b(?:what|which|how|did|do|does|was|were|is|are|has|have|the|states?|member states|"
    r"general assembly|assembly|ask(?:s|ed)?|" + _CALLS + "|" + _REQUESTS + "|"
    r"governments?|countries|they|we|to|on|about|regarding|concerning|in relation to"
    r"|with respect to|commit(?:s|ted|ting|ments?)?|pledg(?:e|es|ed)|undert(?:ook|ake|aken|akings?)"
    r"|agree(?:d|ment)?s?|decid(?:e|ed)|decisions?|resolv(?:e|ed)|promis(?:e|ed|es)|will|made|make|there|any|all)\b",
    re.IGNORECASE,
)


class QueryError(PrecedentError, ValueError):
    """A query that cannot be searched (empty, too long); the message says why."""


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    phrases: tuple[str, ...]
    free_text: str  # the query without its quoted phrases
    topic: str  # free text without intent boilerplate (what the question is about)
    commitment: bool  # asks what was committed / agreed / decided
    # the texts' terms for everyday words of the question (``search.thesaurus``)
    expansion: str = ""
    plain: bool = False  # taken as plain words (the retrieval baselines): no citation, no rewriting
    question: bool = True  # a question (``is_question``), not a pasted paragraph
    # the categories of paragraph the question's verb asks for (``asked_categories``)
    asked: frozenset[str] = frozenset()

    @property
    def base_text(self) -> str:
        """Topic words plus the phrases: what the question itself says."""
        return " ".join(x for x in (self.topic, *self.phrases)
                        if x).strip() or self.free_text or self.raw

    @property
    def retrieval_text(self) -> str:
        """The text matched against paragraphs: the question's words and their UN terms."""
        return f"{self.base_text} {self.expansion}".strip()


def check_query(query: str) -> str:
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    q = query.strip()
    if not q:
        raise QueryError("the query is empty")
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long ({len(q):,} characters; the limit is "
                         f"{MAX_QUERY_CHARS:,}); to compare a whole draft use 'precedent compare'")
    return q


def is_question(text: str) -> bool:
    """Whether ``text`` asks (see ``QUESTION_WORDS``) rather than quotes a paragraph."""
    n = len(text.split())
    return n <= QUESTION_WORDS or (n <= LONG_QUESTION_WORDS and text.rstrip().endswith("?"))


# A citation typed as a query is short ("para 52", "A/RES/73/195 para. 29 (b)") or asked
# ("What does paragraph 6 of A/RES/78/230 say?"); a longer text that only mentions one ("Recalls
# paragraph 5 of its resolution 78/70 and urges all States ...", pasted to find its language) is
# searched as written.
CITATION_WORDS = 12


def may_cite(text: str) -> bool:
    """Whether ``text`` may be read as a citation: at most ``CITATION_WORDS`` words, or a
    question (a question's opening word, or a question mark at its end) of at most
    ``QUESTION_WORDS``."""
    n = len(text.split())
    if n <= CITATION_WORDS:
        return True
    asked = text.rstrip().endswith("?") or bool(_QUESTION_START.search(text)) or bool(
        re.match(r"^\W*(?:show|give|find|quote|cite|read)\b", text, re.IGNORECASE))
    return asked and n <= QUESTION_WORDS


def asked_categories(question: str) -> frozenset[str]:
    """The categories of paragraph a question's verbs ask for: "decide" a decision, "ask" or
    "request" a request or a call, "call for", "urge", "demand", "encourage", "invite" a call
    (``encouragement``). "Commit" and "agree" ask for no one category."""
    return frozenset(c for rx, cats in _ASKED_CATEGORIES if rx.search(question) for c in cats)


# A phrase copied from a PDF keeps its lines' ends: a word hyphenated at the end of a line
# ("gender-" / "balanced") or a range cut after its dash ("2024–" / "2034") is one word as
# printed. PDFium's copy marks such a hyphen U+FFFE or U+00AD; some viewers copy the line's end
# as a space ("gender- balanced"), which a suspended hyphen ("age- and gender-sensitive") has too.
_LINE_END_HYPHEN = re.compile(
    r"(?<=\w)(?:\ufffe\s*|\u00ad\s+)"  # PDFium's mark of a hyphen at a line's end
    r"|(?<=\w)([-\u2010\u2011])[ \t]*\r?\n\s*"  # a hyphen, then the line's end
    r"|(?<=\w)([-\u2010\u2011]) (?=[a-z])"  # a hyphen, then the line's end copied as a space
    r"|(?<=\d)(\u2013)[ \t]*\r?\n\s*(?=\d)"  # a range cut after its dash
    r"|(?<=\w)\u00ad(?=\w)")  # a soft hyphen inside a line (not printed)


def joined_at_line_ends(phrase: str) -> str:
    """``phrase`` with the words a PDF's line ends broke made whole ("most gender-\nbalanced" ->
    "most gender-balanced", "Decade 2024–\n2034" -> "Decade 2024–2034"): what a phrase search
    tries when the phrase as typed is in no paragraph."""
    def whole(m: re.Match) -> str:
        if m.group(0) == "\u00ad":  # a soft hyphen inside a line: not printed
            return ""
        return m.group(1) or m.group(2) or m.group(3) or "-"

    return _LINE_END_HYPHEN.sub(whole, phrase)


def parse_query(query: str) -> ParsedQuery:
    q = check_query(query)
    phrases = []
    for m in _QUOTED.finditer(q):
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase:
            phrases.append(phrase)
    free = " ".join(_QUOTED.sub(" ", q).split())
    # A pasted draft paragraph ("We commit to ...") is not a question about commitments.
    question = is_question(free)
    if phrases and not question:
        # ... and the titles it quotes ("Making migration work for all") are its words, not
        # phrases every paragraph shown must hold: a pasted paragraph is searched as written
        phrases, free = [], " ".join(q.split())
        question = is_question(free)
    intent_text = re.sub(r"\bagreed (?:language|text|wording)\b", " ", free, flags=re.IGNORECASE)
    commitment = bool(question and (_INTENT.search(intent_text) or (
        _QUESTION_START.search(intent_text) and _ASKED.search(intent_text))))
    topic = free
    if commitment:
        topic = " ".join(_BOILERPLATE.sub(" ", intent_text).replace("?", " ").split())
        topic = topic or free
    # A pasted paragraph is in the texts' own language already: only questions are expanded.
    expansion = expand(topic) if question and topic else ""
    asked = asked_categories(intent_text) if commitment else frozenset()
    return ParsedQuery(q, tuple(phrases), free, topic, commitment, expansion, question=question,
                       asked=asked)


def plain_query(query: str) -> ParsedQuery:
    """The query taken as plain words: no phrases, no intent (the retrieval baselines)."""
    q = check_query(query)
    return ParsedQuery(q, (), q, q, False, plain=True)


# Words a question is put in that no text needs to hold ("what did they say ...", "is it
# really ..."): never reported as missing from the library.
_FRAMING = frozenset("""ask asked asks asking say said says saying tell told tells mention
    mentioned mentions really actually something anything everything nothing whatever maybe
    perhaps please thing things stuff lots kind sort gets getting want wants wanted know knows
    think thinks happen happens happened happening anyone someone somebody anybody everyone
    everybody okay true supposed para paras paragraph paragraphs""".split())
_TYPED_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# a section's label as printed ("section XXIV"): no word a paragraph holds
_ROMAN_LABEL = re.compile(r"[IVXLC]{2,7}")


def unheld_words(question: str, df) -> tuple[str, ...]:
    """The words of ``question``, as typed, that no paragraph of the library holds in any form
    (``df``: a stem's document frequency; a word's stems as the keyword index makes them, one of
    them absent): "anti-doping" of a question on doping in sport, where the library holds the
    Olympic Truce and nothing on doping. Words of four letters or more only, not stop words nor
    the words a question is put in (``_FRAMING``), nor contractions, nor everyday words the
    thesaurus reads as the texts' own terms (the search used those). (``tokenize`` drops stop
    words.)"""
    out = []
    everyday = everyday_spans(question)
    for m in _TYPED_WORD.finditer(question):
        word = m.group()
        bare = word.strip("-")
        if (bare in out or "'" in bare or "’" in bare or len(bare.replace("-", "")) < 4
                or bare.lower() in _FRAMING or _ROMAN_LABEL.fullmatch(bare)
                # part of everyday wording the thesaurus read ("locking up")
                or any(s < m.end() and m.start() < e for s, e in everyday)):
            continue
        stems = tokenize(bare)
        if stems and any(df(s) == 0 for s in stems):
            out.append(bare)
    return tuple(out)


def unheld_note(words: tuple[str, ...]) -> str:
    """What an answer says of ``unheld_words``: "No paragraph of the library holds “doping”."
    (or "... holds “a” or “b”.")."""
    if not words:
        return ""
    quoted = [f"\u201c{w}\u201d" for w in words]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"No paragraph of the library holds {listed}."
