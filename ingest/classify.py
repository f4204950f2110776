"""A paragraph's category from its opening verb phrase (pure functions over text).

Declarations speak in the first person plural (``We commit``, ``We note with concern``);
resolutions in the third person (``Requests``, ``Calls upon``); preambles in participles
(``Recalling``, ``Noting with concern``). Each sentence gets the category of its main verb
phrase; a paragraph's category is that of its first classified sentence.
"""

from __future__ import annotations

import re

# How strongly concern is expressed ("with great concern", "deep concern"): still concern.
_GRAVE = (r"(?:(?:grave|gravest|deep|deepest|serious|great|particular|utmost|profound|strong"
          r"|continued|growing|increasing) )?")
# Ordered: more specific phrases first (``note with concern`` before ``note``).
_WE_VERBS: list[tuple[str, str]] = [
    (r"(?:note|take note|notes|recognize|recall|reiterate) with " + _GRAVE
     + "(?:concern|regret)", "concern"),
    (r"(?:reaffirm|reiterate) (?:our |its )?" + _GRAVE + "(?:concerns?|condemnation)", "concern"),
    (r"(?:are|remain|continue to be|is) (?:deeply |gravely |seriously |particularly )?concerned",
     "concern"),
    (r"express(?:es)? (?:our |its )?" + _GRAVE + "concerns?", "concern"),
    (r"(?:condemn|deplore)\b", "concern"),
    (r"(?:reaffirm|reiterate|express) (?:our|the|its) (?:\w+ )?commitments?", "commitment"),
    (r"(?:commit|commits|recommit|will|shall|resolve|undertake|pledge|are determined"
     r"|(?:are|remain) (?:\w+ )?committed"
     r"|declare (?:our |its )?(?:\w+ )?(?:resolve|commitment|determination))\b", "commitment"),
    (r"(?:request|requests)\b", "request"),
    (r"(?:encourage|invite|call upon|call on|call for|urge|appeal to)\b", "encouragement"),
    (r"(?:reaffirm|recall|reiterate)\b", "reaffirmation"),
    # "we agree on intergovernmental measures" decides; "We agree that this Global Compact is
    # based on ... guiding principles:" states, and its principles are no decisions
    (r"(?:decide|adopt|endorse|recommend|agree (?:on|to))\b", "decision"),
    (
        r"(?:welcome|recognize|acknowledge|note|take note|express (?:our )?(?:\w+ )?appreciation|"
        r"share the conviction|are convinced|"
        r"underscore|emphasize|stress|underline|highlight|affirm|appreciate|commend)\b",
        "recognition",
    ),
]

_ADVERBS = (
    r"(?:(?:also|further|therefore|hereby|again|strongly|fully|equally|firmly|thus|"
    r"moreover|accordingly|collectively|jointly|therefore,)\s+)*"
)
_WE_RE = [
    (re.compile(r"\bwe\s+" + _ADVERBS + pattern, re.IGNORECASE), category)
    for pattern, category in _WE_VERBS
]
# A second verb whose subject "we" is elided: "We emphasize ..., and reaffirm our commitment to".
_AND_RE = [
    (re.compile(r"[,;]\s+and\s+" + _ADVERBS + pattern, re.IGNORECASE), category)
    for pattern, category in _WE_VERBS
    if category in ("commitment", "request", "encouragement")
]
# ... and in a resolution's operative paragraph: "Also welcomes the States that have become
# Parties ..., and calls upon all States ... to consider ratifying", "..., and requests the
# Secretary-General to report", "..., and decides to include".
# Also without "and", and after "in this regard": "Notes ..., requests the host country to ..."
# (A/RES/78/116 para. 2), "..., and in this regard requests" (A/RES/78/120 para. 68).
_LINK = (r"[,;]\s+(?:and\s+)?(?:(?:in this regard|in that regard|in this context|to this end"
         r"|to that end|accordingly),?\s+)?")
_AND_RE += [
    (re.compile(_LINK + _ADVERBS + r"(?:" + pattern + r")\b"), category)
    for pattern, category in (
        (r"requests|reiterates its requests?", "request"),
        (r"calls (?:once again |again |also )?(?:upon|on|for)|urges|invites|encourages"
         r"|appeals to|demands", "encouragement"),
        (r"decides", "decision"),
    )
]

# Resolution style (third person singular, at the start of a paragraph or sentence, after any of
# the adverbs resolutions put first: "Also requests", "Further decides", "Strongly condemns").
_OPERATIVE: list[tuple[str, str]] = [
    # "Reiterates with concern its request that the Secretary-General ensure ...": a request
    (r"(?:Reiterates|Renews) with " + _GRAVE + r"(?:concern|regret) (?:its|the) (?:\w+ )?requests?",
     "request"),
    (r"(?:Notes|Takes note|Recognizes|Recalls|Reiterates) with " + _GRAVE + "(?:concern|regret)"
     r"|(?:Reaffirms|Reiterates) (?:its )?" + _GRAVE + "concerns?"
     r"|Expresses (?:its )?" + _GRAVE + "concerns?"
     r"|(?:Is|Remains) (?:deeply |gravely |seriously )?concerned"
     r"|Condemns|Deplores|Denounces|Rejects|Regrets", "concern"),
    (r"(?:Reaffirms|Reiterates|Expresses) (?:its|the) (?:\w+ )?commitments?", "commitment"),
    (r"Commits|Resolves|Undertakes|Pledges", "commitment"),
    (r"(?:Reiterates|Renews) (?:its|the) (?:\w+ )?requests?", "request"),
    (r"Requests", "request"),
    (r"(?:Reiterates|Renews) (?:its|the) (?:\w+ )?(?:calls?|appeals?|invitations?)\b"
     r"|Encourages|Invites|Calls (?:once again |again |also )?(?:upon|on|for)|Urges|Appeals to"
     r"|Calls, [^,]{1,40}, (?:upon|on|for)"
     r"|Demands|Reminds|Continues to (?:encourage|urge|invite|call)",
     "encouragement"),
    (r"Reaffirms|Recalls|Reiterates", "reaffirmation"),
    (r"Decides|Adopts|Endorses|Recommends|Approves|Establishes|Determines|Authorizes"
     r"|Appropriates|Declares|Proclaims|Designates|Agrees|Confirms", "decision"),
    (r"Welcomes|Recognizes|Acknowledges|Notes|Takes note|Expresses|Underscores|Emphasizes"
     r"|Stresses|Underlines|Highlights|Affirms|Commends|Appreciates|Supports|Considers"
     r"|Congratulates|Pays tribute|Continues to welcome|Looks forward|Takes into account"
     r"|Realizes|Trusts|Anticipates|Re-?emphasizes|Praises|Draws the attention", "recognition"),
]
_PREAMBULAR: list[tuple[str, str]] = [
    (r"(?:Noting|Taking note|Recognizing|Recalling) with " + _GRAVE + "(?:concern|regret)"
     r"|(?:Reaffirming|Reiterating|Sharing) (?:its )?" + _GRAVE + "concerns?"
     r"|Remaining (?:deeply |gravely |seriously )?concerned"
     r"|(?:Deeply |Gravely |Seriously |Greatly |Profoundly |Also )?(?:C|c)oncerned|Alarmed"
     r"|Expressing (?:its )?" + _GRAVE + "concerns?|Condemning|Deploring|Regretting", "concern"),
    (r"Reaffirming (?:its|the|our) (?:\w+ )?commitments?|Committed|Determined|Resolved"
     r"|Recommitting", "commitment"),
    (r"Requesting", "request"),
    (r"Encouraging|Calling (?:upon|on|for)|Urging|Inviting|Appealing to", "encouragement"),
    (r"Reaffirming|Recalling|Reiterating|Bearing in mind|Guided by|Confirming", "reaffirmation"),
    (r"Welcoming|Recognizing|Acknowledging|Noting|Taking note|Emphasizing|Stressing|Underlining"
     r"|Affirming|Having|Considering|Convinced|Aware|Mindful|Conscious|Cognizant|Expressing"
     r"|Highlighting|Underscoring|Commending|Looking forward|(?:Deeply |Firmly )?(?:C|c)onvinced"
     r"|Appreciating|Taking into (?:account|consideration)|Believing|Supporting|Praising"
     r"|Commemorating|Re-?emphasizing|Sharing the (?:\w+ )?(?:conviction|view|belief)"
     r"|Encouraged by|Realizing|Trusting", "recognition"),
]
# The verb opens the paragraph or sentence, capitalised, or after the adverbs that may precede it
# ("Also requests", "Further also decides", "Once again urges", "Strongly condemns") in lower case.
_LEAD_WORDS = r"(?:Also|Further|Again|Strongly|Once again|Once more|Further also|Also further)"
_LEAD = r"^[\s\"“'‘(*_]*"


def _verb_at_start(pattern: str) -> re.Pattern:
    """``pattern`` (capitalised verbs) at the start: as written, or in lower case after a leading
    adverb ("Also requests")."""
    lower = re.sub(r"(?<![\\\w])([A-Z])", lambda m: m.group(1).lower(), pattern)
    return re.compile(_LEAD + "(?:(?:" + pattern + r")|" + _LEAD_WORDS
                      + r",?\s+(?:(?:" + lower + r")|(?:" + pattern + r")))\b")


_OP_RE = [(_verb_at_start(p), c) for p, c in _OPERATIVE]
_PP_RE = [(_verb_at_start(p), c) for p, c in _PREAMBULAR]

_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“\"])")


def split_sentences(text: str) -> list[str]:
    """Split on sentence ends; good enough for UN prose (``e.g.`` and ``No. 102`` rarely hurt)."""
    parts = [p.strip() for p in _SENTENCE_SPLIT.split(text)]
    return [p for p in parts if p]


# "We, the Heads of State and Government ..., meeting in ..., have adopted this Global Compact",
# "We, the States Members of the United Nations, welcome ..., reaffirm our commitments ...": the
# verbs after the apposition, each after a comma or "and".
_WE_APPOSITION = re.compile(r"^[\s\"“'‘(*_]*We,\s")
_AFTER_APPOSITION = [
    (re.compile(r"(?:,|\band)\s+" + _ADVERBS + pattern, re.IGNORECASE), category)
    for pattern, category in (*_WE_VERBS, (r"have (?:adopted|agreed|decided|endorsed)\b",
                                           "decision"))
]
# An operative paragraph that opens with a participle clause: "Bearing in mind paragraph 5 (b)
# of ..., invites Member States ..." (A/RES/78/111 para. 6 (a)) invites; it read as a
# reaffirmation. The third person verb after a comma, in lower case.
_AFTER_PARTICIPLE = [
    (re.compile(r",\s+(?:(?:also|further|again|strongly)\s+)?(?:"
                + re.sub(r"(?<![\\\w])([A-Z])", lambda m: m.group(1).lower(), pattern) + r")\b"),
     category)
    for pattern, category in _OPERATIVE
]


def _first(found: list[tuple[int, str]]) -> str | None:
    return min(found)[1] if found else None


def _verbs_after(sentence: str, patterns: list) -> list[tuple[int, str]]:
    """Where each of ``patterns`` first matches, and its category; of patterns matching at one
    place the first, the more specific ("reaffirm our commitments": a commitment)."""
    found: dict[int, str] = {}
    for rx, category in patterns:
        if (m := rx.search(sentence)):
            found.setdefault(m.start(), category)
    return sorted(found.items())


def sentence_category(sentence: str, operative: bool = False) -> str | None:
    """The category of one sentence, or None when no verb phrase is recognised. ``operative``:
    the sentence is of an operative paragraph, where a participle clause may precede the verb
    ("Bearing in mind ..., invites"); in a preambular paragraph such a verb is a relative
    clause's ("Reaffirming its resolution 69/313 ..., which ..., supports and complements it")."""
    for rx, category in _OP_RE:
        if rx.search(sentence):
            return category
    best: tuple[int, str] | None = None
    for rx, category in _WE_RE:
        m = rx.search(sentence)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), category)
    if best:
        return best[1]
    if _WE_APPOSITION.match(sentence):
        return _first(_verbs_after(sentence, _AFTER_APPOSITION))
    for rx, category in _PP_RE:
        if rx.search(sentence):
            return (operative and _first(_verbs_after(sentence, _AFTER_PARTICIPLE))) or category
    return None


_WE_START = re.compile(r"^[\s\"“'‘(*_]*We\b")  # "We commit", "We, the Heads of State"


def opens_operative(text: str) -> bool:
    """Whether ``text`` opens as an operative paragraph does: a resolution's verb in the third
    person ("Invites Member States ...", "Also decides ...") or a declaration's "We ...". The
    items of a numbered list a paragraph introduces do not ("Collect and utilize accurate
    data", "Opening of the session")."""
    return bool(_WE_START.match(text)) or any(rx.match(text) for rx, _ in _OP_RE)


# A decision of the Assembly, in the past tense after its meeting: "At its 50th plenary meeting,
# on 19 December 2023, the General Assembly, on the recommendation of the Second Committee,
# decided to include ..." ("took note of" notes; "requested" asks)
_DECIDED_RE = re.compile(
    r"^At its [^,]{3,60}, on [^,]{6,40}, the [A-Z][\w ]{3,60}?,? (?:[^;]{0,300}?, )?"
    r"(?:(?:also |further )?(decided|adopted|approved|endorsed|elected|appointed"
    r"|took note|requested|invited|urged|called upon))\b")
_DECIDED = {"took note": "recognition", "requested": "request", "invited": "encouragement",
            "urged": "encouragement", "called upon": "encouragement"}


def categorize(text: str, operative: bool = False) -> tuple[str, tuple[str, ...]]:
    """``(category, categories)`` of a paragraph: the first sentence's category, and every
    category its sentences carry (including a commitment or request in a coordinated clause).
    A decision's paragraph ("At its 50th plenary meeting, ..., the General Assembly ... decided
    to ...") is a decision."""
    decided = _DECIDED_RE.match(text)
    if decided:
        category = _DECIDED.get(decided.group(1), "decision")
        return category, (category,)
    found: list[str] = []
    for sentence in split_sentences(text):
        cats = [sentence_category(sentence, operative)]
        if cats[0] is not None:
            cats += [c for rx, c in _AND_RE if rx.search(sentence)]
        if _WE_APPOSITION.match(sentence):  # "We, the States Members ..., welcome ..., reaffirm
            cats += [c for _, c in _verbs_after(sentence, _AFTER_APPOSITION)]  # our ..."
        for cat in cats:
            if cat and cat not in found:
                found.append(cat)
    if not found:
        return "other", ()
    return found[0], tuple(found)


def list_category(chapeau: str) -> str | None:
    """What the lettered items after ``chapeau`` (a text ending with a colon) do: the category
    of the last verb phrase of its last sentence, the one that introduces them ("We recognize
    migration as a driver of ... In this regard, we commit to: (a) ..." lists commitments;
    "We reaffirm the right to education ..., and commit to:" too). None when no verb phrase of
    that sentence is recognised."""
    sentences = split_sentences(chapeau)
    if not sentences:
        return None
    last = sentences[-1]
    first = sentence_category(last)
    if first is None:
        return None
    found = [(-1, first)]  # the opening verb (at its start, or after "we")
    found += [(m.start(), c) for rx, c in _WE_RE if (m := rx.search(last)) and m.start() > 0]
    found += [(m.start(), c) for rx, c in _AND_RE for m in rx.finditer(last)]
    return max(found, key=lambda x: x[0])[1]


def participle_led(text: str) -> bool:
    """Does ``text`` open with a participle only ("Recognizing ...", "Considering ..."): the verb
    of a preambular paragraph, or of an item going on its chapeau's sentence ("we commit to:
    (j) Recognizing that persons with disabilities ...")? Not with a verb of its own ("We
    recognize", "Requests")."""
    sentences = split_sentences(text)
    if not sentences:
        return False
    first = sentences[0]
    if any(rx.search(first) for rx, _ in _OP_RE) or any(rx.search(first) for rx, _ in _WE_RE):
        return False
    return any(rx.search(first) for rx, _ in _PP_RE)

