"""Everyday words -> the words UN migration texts use for the same thing.

A delegate's colleague asks about "locking up kids" or "sending money home"; the texts say
"detention of children" and "remittances". The bundled embedding model bridges some of that gap
and keyword search none of it, so a question's everyday expressions add the texts' own terms to
what is searched (never to what is shown or quoted). Each entry is a pattern of everyday
wording and the terms the texts use; a term already in the question is not added twice.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Saying that something is lacking, however it is put: "no papers", "without legal papers",
# "don't have papers", "do not have any papers", "has no nationality", "haven't got a visa".
_LACKING = (r"(?:no|without|lack(?:s|ing)?|missing"
            r"|(?:do|does|did)(?: not|n['’]t) (?:have|hold|possess)"
            r"|(?:have|has|had)(?: not|n['’]t) got|(?:have|has|had) no"
            r"|(?:have|has|had)(?: not|n['’]t))"
            r" (?:(?:any|a|an|the|proper|valid|legal|my|his|her|their|our|your) ){0,2}")
# (everyday wording, the texts' terms). Patterns are matched case-insensitively on word bounds.
_ENTRIES: tuple[tuple[str, str], ...] = (
    # detention and deprivation of liberty
    (r"lock(?:s|ed|ing)? (?:them |people |children |kids |migrants )?up|jail(?:s|ed|ing)?|prisons?"
     r"|imprison\w*|behind bars|cells?|camps?|holding (?:centres?|centers?|facilities)",
     "detention"),
    (r"kids?|minors?|youngsters?|little ones|babies|teenagers?|boys and girls", "children child"),
    (_LACKING + r"(?:papers|documents|paperwork|visas?)|undocumented"
     r"|paperless|sans[- ]papiers|illegals|illegal(?:ly)? (?:immigrants?|migrants?|aliens?)",
     "irregular migration status documentation"),
    (r"papers|paperwork|id cards?|identity cards?|passports?|birth certificates?",
     "documentation legal identity"),
    (r"legali[sz](?:e|ed|ing|ation)|amnest(?:y|ies)|let (?:them|people) stay",
     "regularization regular status"),
    # return and reintegration
    (r"sen[dt] (?:them |people )?(?:back|home)|deport\w*|kick(?:ed|ing)? out|expel\w*"
     # (not "remove barriers", "the removal of explosive remnants")
     r"|removals?(?= (?:of|from) (?:migrants|foreigners|people|the country))"
     r"|forced (?:back|home)|going back home|back home", "return readmission"),
    (r"start(?:ing)? over|start(?:ing)? again|new start|rebuild(?:ing)? (?:their )?li(?:fe|ves)"
     r"|settl\w* back|fit back in", "reintegration sustainable"),
    # work and recruitment
    (r"bosses|employers?|companies|firms|businesses", "employers"),
    # (not the United Nations' "agencies": "UN agencies", "specialized agencies")
    (r"(?:job |recruitment )?(?<!un )(?<!nations )(?<!specialized )(?<!specialised )"
     r"(?<!relevant )(?<!other )(?<!humanitarian )(?<!development )agenc(?:y|ies)"
     r"|recruiters?|middlemen|brokers?|headhunters?",
     "recruitment agencies recruiters"),
    (r"pay(?:ing)? (?:to|for) (?:get|getting) (?:hired|a job|work)|(?:job|hiring|placement) fees?"
     r"|fees? to work",
     "recruitment fees costs"),
    # (not the texts' "working group", "working methods", "working languages")
    (r"jobs?|work(?:ers|ing)?(?! (?:groups?|methods|languages|papers?|part(?:y|ies)))|employment"
     r"|labour|labor", "labour decent work"),
    (r"unpaid wages?|not (?:being )?paid|stolen wages?|wage theft", "wage theft"),
    (r"qualifications?|diplomas?|degrees?|certificates?|credentials?",
     "skills recognition qualifications"),
    (r"pensions?|social security|retirement", "social security entitlements portability"),
    # remittances, diasporas and development
    (r"send(?:ing)? money|money (?:home|back)|money transfers?|wir(?:e|ing) money"
     r"|transfer(?:ring)? money",
     "remittances"),
    (r"cheap(?:er|ly)?|(?:lower|lowering|cut(?:ting)?) (?:the )?(?:costs?|fees?)|fees?",
     "cost transaction costs"),
    (r"expats?|emigrants?|diaspora|(?:people|communities) abroad|nationals abroad", "diasporas"),
    (r"start-?ups?|entrepreneurs?|invest(?!igat)\w*|business(?:es)?",
     "entrepreneurship investment"),
    # information, discourse, discrimination
    (r"fake news|fake stories|false (?:stories|news|information)"
     r"|lies(?! (?:with|in|within|at|on|behind|ahead)\b)|rumou?rs|hoax\w*",
     "misinformation disinformation narratives"),
    (r"hostility|hatred|hate|xenophob\w*|racis\w*|prejudice|bigotry|intolerance|hostile",
     "xenophobia racism discrimination intolerance"),
    (r"foreigners?|newcomers?|outsiders?|immigrants?|people on the move|people who move|movers"
     r"|aliens?",
     "migrants"),
    (r"media|journalis\w*|press|news", "media"),
    # safety, smuggling, trafficking
    # (an "enforced disappearance" is a crime of its own Convention)
    (r"go(?:es|ing)? missing|went missing|(?<!enforced )(?<!involuntary )disappear\w*"
     r"|(?:lost|die[ds]?|dying|deaths?) (?:on the way|at sea|en route)|drown\w*|dead bodies|dead",
     "missing migrants loss of life deaths"),
    (r"rescu\w*|at sea|boats?", "search and rescue"),
    (r"smugglers?|coyotes?|people smuggling", "smuggling of migrants"),
    (r"traffickers?|trafficked|sold|slaver\w*|forced labou?r|criminal (?:rings?|gangs?|networks?)",
     "trafficking in persons exploitation"),
    (r"abuse\w*|mistreat\w*|exploit\w*|harass\w*", "abuse exploitation"),
    (r"border (?:guards?|police|checks?|controls?|crossings?)|frontiers?", "border management"),
    # protection and services
    (r"embass(?:y|ies)|consulates?|consuls?", "consular protection assistance"),
    (r"health ?care|doctors?|hospitals?|medical|clinics?", "health services basic services"),
    (r"schools?|schooling|education|classes|teaching", "education"),
    (r"refugees?|asylum[- ]seekers?|asylum", "refugees international protection asylum"),
    (r"legal (?:routes?|ways?|paths?|channels?)|work permits?|safe routes?",
     "regular migration pathways"),
    (r"(?:join|rejoin|reunite with) (?:their )?famil\w*|family reunion", "family reunification"),
    (r"stateless\w*|" + _LACKING + r"(?:nationality|citizenship)", "statelessness"),
    (r"women|girls|gender|female", "gender-responsive women and girls"),
    (r"climate|sea[- ]level|(?<!enabling )environment\w*",
     "climate change environmental degradation"),
    (r"droughts?|floods?|storms?|hurricanes?|earthquakes?|cyclones?|tsunamis?", "disasters"),
    (r"root causes|why (?:people|they|so many) (?:\w+ )?(?:leave|flee|move)|push factors?"
     r"|(?:have|had|forced) to (?:leave|flee)|(?:flee|fleeing|escape|escaping) (?:poverty|wars?"
     r"|conflicts?|violence)",
     "adverse drivers structural factors"),
    # follow-up and cooperation
    (r"data|statistics|numbers|figures|evidence", "data disaggregated evidence"),
    (r"(?:national |home-?grown )?(?:road ?maps?|action plans?|national plans?)",
     "national implementation plans"),
    (r"review (?:meetings?|forums?)|imrf",
     "International Migration Review Forum"),
    (r"how often|every (?:two|four) years|frequency", "every four years sessions"),
    (r"un agencies|un system|agencies of the un|one voice|pulling together",
     "United Nations Network on Migration system-wide coherence"),
    (r"kitty|pot of money|chip(?:ping)? in",
     "start-up fund financing contributions"),
    (r"cities|towns|mayors?|local (?:authorities|governments?|councils?)", "local authorities"),
    (r"police|law enforcement", "law enforcement"),
)

_COMPILED = tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), terms) for pattern,
                  terms in _ENTRIES)
_WORD = re.compile(r"[\w-]+")


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a capitalised name ("International Atomic Energy
    Agency", "Human Rights Council"): its words capitalised, and a capitalised word next to it
    (the question's first word aside, capitalised as any first word is). A name is no everyday
    wording: its "Agency" is no recruitment agency."""
    words = _WORD.findall(text[start:end])
    if not words or not all(w[0].isupper() for w in words):
        return False
    before = _WORD.findall(text[:start])
    after = _WORD.findall(text[end:])
    return (len(before) > 1 and before[-1][0].isupper()) or bool(after and after[0][0].isupper())


@lru_cache(maxsize=4096)
def expand(text: str) -> str:
    """The texts' terms for the everyday expressions in ``text``, without words it already has.

    Each stretch of the question is read once, by the longest expression that matches it (the
    earlier one when two are as long): "without papers" is irregular status, and its "papers"
    is not read again as documentation and legal identity; "fake news" is misinformation, not
    also the media. Terms come in the table's order."""
    return _read(text)[0]


def everyday_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of ``text`` that ``expand`` read as everyday wording ("locking up")."""
    return _read(text)[1]


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    have = {w.lower() for w in _WORD.findall(text)}
    found = []  # (-length, start, entry, end): the everyday matches of every entry
    for entry, (pattern, terms) in enumerate(_COMPILED):
        term_words = {w.lower() for w in terms.split()}
        for m in pattern.finditer(text):
            # Only everyday wording: a match that is already the texts' own term ("data",
            # "remittances") needs no help, and its related terms would pull the search off the
            # question.
            if {w.lower() for w in _WORD.findall(m.group(0))} - term_words \
                    and not _in_name(text, m.start(), m.end()):
                found.append((m.start() - m.end(), m.start(), entry, m.end()))
    taken: set[int] = set()
    read: list[tuple[int, int]] = []
    for _, start, entry, end in sorted(found):
        if not any(start < e and s < end for s, e in read):
            read.append((start, end))
            taken.add(entry)
    added: list[str] = []
    for entry in sorted(taken):
        for w in _COMPILED[entry][1].split():
            if w.lower() not in have:
                have.add(w.lower())
                added.append(w)
    return " ".join(added), tuple(sorted(read))
