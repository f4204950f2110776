"""Citations typed as questions: "para 52", "GCM 29 (b)", "A/RES/73/195 para. 29", "objective 13".

A negotiator who knows the reference types it; the answer is that paragraph, not the paragraphs
whose words look most like "para 52". ``parse_citation`` reads the reference (pure: no index);
``resolve_citation`` finds the records it names in a view.

What is read, anywhere in the query:

- a paragraph: ``para``/``paragraph``/``§``/``op`` + a number with its sub-letters
  (``29 (b)``, ``43(b)(i)``, ``29b``); ``PP3``/``preambular paragraph 3`` for the preamble,
  ``PP9 (a)`` for an item of a preambular paragraph;
- a document: by symbol (``A/RES/73/195``, ``73/195``, ``resolution 73/326``, ``A/80/L.8``),
  by short name (``Global Compact``, ``Progress Declaration``; a year or ``draft`` beside it
  chooses between documents of the same name), or by a common abbreviation (``GCM``,
  ``Compact``); a number right after a named document is a paragraph (``GCM 29 (b)``);
- a part: ``annex`` or ``resolution`` (else the document's main text: the part with the most
  paragraphs holding that number);
- ``objective N``: the Global Compact paragraph under the objective's title, with its
actions (an objective no document has, such as ``objective 24``, is said to be absent);
- ``target 10.7`` (``SDG 10.7``): a target of the Sustainable Development Goals (A/RES/70/1);
- a section of a named document without a number (``A/RES/78/253, section XXIV``): its
  paragraphs in order; a roman label and a number after a named document are that section's
  paragraph (``A/RES/78/253 II.3``, ``78/247 II 1``). """

from __future__ import annotations

import re
from dataclasses import dataclass

from precedent.ingest.records import Paragraph
from precedent.ingest.sections import section_head
from precedent.ingest.text_patterns import INSERTED_WORDS
from precedent.ingest.wording import ORDINALS, counted

from .filters import part_matches

# Common names of documents that their short names do not spell out (lower case).
ABBREVIATIONS = {
    "gcm": "global compact",
    "global compact for migration": "global compact",
    "global compact for safe, orderly and regular migration": "global compact",
    "compact": "global compact",
    "migration compact": "global compact",
}

# the doc id of a document the query names by a symbol the library lacks: it names no record
ABSENT = "\x00absent"
_SUB = r"(?:\s*\(\s*(?:[a-z]{1,2}|[ivxl]{1,5})\s*\))"
_NUMBER = rf"(?P<num>\d{{1,3}})(?P<subs>(?P<l>[a-z])(?P=l)?(?![\w/])|{_SUB}*)"
_PARA_WORD = r"(?:paragraphs?|paras?\.?|§§?|op\.?|operative\s+paragraph)"
# "preambular paragraph 3", "preambular para 3", "pream. para. 3", "preamble para 3", "PP3": the
# qualifier with "para" was lost and operative paragraph 3 shown as the one cited
_PREAMBLE = re.compile(r"\b(?:(?:preambular|preamble|preamb?\.)\s*(?:paragraph|paras?\.?)"
                       rf"|pp\.?)\s*(?P<num>\d{{1,3}})\b(?P<subs>{_SUB}*)", re.I)
# "the third preambular paragraph of A/RES/80/9", "first operative paragraph of A/RES/78/70"
_ORDINAL_WORDS = ORDINALS[:20]  # "first" ... "twentieth"
_ORDINAL = re.compile(rf"\b(?P<nth>{'|'.join(_ORDINAL_WORDS)})\s+(?P<kind>preambular|operative)"
                      r"\s+(?:paragraph|para\.?)", re.I)
# a footnote, as the product cites it: "A/RES/78/120, footnote 12", "footnote *"
_FOOTNOTE = re.compile(r"\bfootnote\s*(?P<num>\d{1,3}|\*{1,3})(?![\w*])", re.I)
# the product's own citation of a paragraph printed without a number: "unnumbered paragraph 1"
_UNNUMBERED = re.compile(rf"\bunnumbered\s+(?:paragraph|para\.?)\s*(?P<num>\d{{1,3}})\b"
                         rf"(?P<subs>{_SUB}*)", re.I)
# its item named in words: "paragraph 29, subparagraph (b)", "para. 29, sub-para. b", "letter b"
_ITEM_IN_WORDS = re.compile(r"^\s*,?\s*(?:sub-?paragraph|sub-?para\.?|letter)\s*"
                            r"(?:\(\s*(?P<p>[a-z]{1,2})\s*\)|(?P<b>[a-z]{1,2})\b)", re.I)
# a paragraph inserted in the room: "para. 2 bis" is not para. 2
_INSERTED = re.compile(rf"^\s*({INSERTED_WORDS})\b", re.I)
# a range or a list of paragraphs: "paras. 5-7", "paragraphs 5 and 6", "29 (b) and (c)"
_SEVERAL = re.compile(r"^\s*(?:-|–|to|and|&|,)\s*(?:\d{1,3}\b|\(\s*(?:[a-z]{1,2}|[ivx]{1,5})\s*\))",
                      re.I)
_PARAGRAPH = re.compile(rf"(?<![A-Za-z]){_PARA_WORD}\s*{_NUMBER}", re.I)
# a target of the Sustainable Development Goals: "target 10.7", "SDG 10.7", "SDG target 10.c"
_TARGET = re.compile(r"\b(?:sdg\s+)?target\s+(?P<goal>\d{1,2})\.(?P<t>\d{1,2}|[a-z])\b"
                     r"|\bsdg\s+(?P<goal2>\d{1,2})\.(?P<t2>\d{1,2}|[a-z])\b", re.I)
_OBJECTIVE = re.compile(r"\bobjective\s*(?:no\.?\s*)?(?P<num>\d{1,2})\b", re.I)
# a revision, an addendum or a corrigendum is another document: "A/80/L.2/Rev.1" is not A/80/L.2
# (a draft typed without its dot, "A/80/L10", or by its number alone, "L.8", as in the room)
_SYMBOL = re.compile(r"(?:\b(?:a/res/|resolution\s+|res\.?\s*)?(?P<session>\d{2})/(?P<n>\d{1,3})\b"
                     r"|\ba/(?P<dsession>\d{2})/l\.?\s*(?P<dn>\d{1,3})\b"
                     r"|(?<![/\w])(?-i:L)\.\s?(?P<bn>\d{1,3})\b)"
                     r"(?P<rev>(?:/(?:rev|add|corr)\.\s?\d{1,2})*)", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_PART = re.compile(r"\b(annex|resolution)\b", re.I)
_SECTION_PART = re.compile(r"(?:^|, )sect\. ")  # a record's part in a numbered section
_SECTION = re.compile(r"\b(?:sect\.?|section)\s*(?P<label>[ivxlc]{1,7}|\d{1,2})\b", re.I)
_OPERATIVE = re.compile(r"\b(?:op\.?\s*\d|operative\s+paragraph)", re.I)
_AFTER_DOC = re.compile(rf"^[\s,]*(?:(?:annex|resolution)\b[\s,]*)?(?:{_PARA_WORD}\s*)?{_NUMBER}",
                        re.I)
# "A/RES/78/253 II.3", "78/247 II 1": a section's roman label (as printed, upper case), then a
# paragraph number, right after a named document
_SECTION_AFTER_DOC = re.compile(rf"^[\s,]*(?P<label>(?i:[ivxl]{{1,7}}))(?:\.\s*|\s+){_NUMBER}\b"
                                # "A/RES/78/253 XII(13)": the number in brackets after the label
                                r"|^[\s,]*(?P<plabel>(?i:[ivxl]{1,7}))\s*\(\s*(?P<pnum>\d{1,3})\s*\)")
SEVERAL_NOTE = ("Only the first paragraph of the range or list is shown: cite each of the others "
                "on its own.")
# at most this many paragraphs shown for a section cited whole
SECTION_ROWS = 60


@dataclass(frozen=True)
class Citation:
    """A reference read from a query. ``docs``: the doc ids it names (empty: any document)."""

    number: str = ""  # "29(b)", "PP3"; "" for an objective
    objective: int | None = None
    docs: tuple[str, ...] = ()
    part: str = ""  # "annex" | "resolution" | "" (the document's main text)
    named: str = ""  # how the query named the document ("" when it did not)
    # "OP2", "operative paragraph 2": the resolution's own paragraph, where it has an annex too
    operative: bool = False
    # a section cited whole with words of a subject beside it ("A/RES/78/253 under section 34,
    # Safety and security": a budget section, not one of the resolution's)
    worded: bool = False
    # "paras. 5-7", "paragraphs 5 and 6": a range or a list, of which only the first is read
    several: bool = False

    @property
    def absent(self) -> bool:
        """The query names its document by a symbol the library lacks."""
        return self.docs == (ABSENT,)

    @property
    def whole_section(self) -> bool:
        """A section cited without a paragraph number ("A/RES/78/253, section XXIV")."""
        return not self.number and self.objective is None and "sect. " in self.part

    def describe(self) -> str:
        if self.whole_section:
            what = "section " + self.part.rsplit("sect. ", 1)[1]
            what += " of the annex" if self.part.startswith("annex") else ""
            return f"{what} of {self.named}" if self.named else what
        number = re.sub(rf"(?<=[\d)])(?={INSERTED_WORDS})", " ", self.number)
        what = f"objective {self.objective}" if self.objective else (
            f"footnote {number[2:]}" if number.startswith("fn")
            else f"unnumbered paragraph {number[1:]}" if number.startswith("u")
            else f"preambular paragraph {number[2:]}" if number.startswith("PP")
            else f"target {self.number[6:]}" if self.number.startswith("target")
            else f"operative paragraph {number}" if self.operative and not self.part
            else f"paragraph {number}")
        if self.part and not self.objective:
            what += f" ({self.part})"
        return f"{what} of {self.named}" if self.named else what


def number_key(number: str) -> str:
    """``29 (b)`` / ``29(b)`` / ``29 b`` -> ``29(b)``; ``pp 3`` -> ``PP3``."""
    n = re.sub(r"\s+", "", number)
    if n.lower().startswith("pp"):
        return "PP" + n[2:]
    m = re.fullmatch(r"(\d+)(([a-z])\3?)", n, re.I)  # "29b", "2cc" (a doubled letter: (cc))
    if m:
        return f"{m.group(1)}({m.group(2).lower()})"
    return n.lower()


def _doc_aliases(cards) -> list[tuple[str, str]]:
    """(alias in lower case, doc id) for every document: its symbol, the symbol's session/number
    (``73/195``), its short name with and without a year."""
    out = []
    for doc_id, card in cards.items():
        names = {card.short_title.lower().strip()} if card.short_title else set()
        names |= {re.sub(r"\s*\b(?:19|20)\d\d\b\s*", " ", n).strip() for n in names}
        for n in names:
            if len(n.split()) >= 2 and not re.search(r"[/\d]", n.split()[0] if n else "/"):
                out.append((n, doc_id))
    # a word of one document's title that no other title holds, alone ("Awaza para 5" for the
    # Awaza Political Declaration, "Tokelau para 5" for "Question of Tokelau"; never "Progress"
    # or "Question", which several titles hold; a draft and its resolution share a title)
    for word, doc_ids in title_words(cards).items():
        families = {_family(cards[d]) for d in doc_ids}
        if len(families) == 1 and len(word) >= 4 and word not in _COMMON_WORDS:
            out += [(word, d) for d in doc_ids]
    return out


# words of a title that name nothing alone ("Persons with albinism": "with para 3" is no
# citation of it), and the words questions are put in
_COMMON_WORDS = frozenset("""with from that this these those their there which what when where
    whom whose while into onto upon about above below after before between among against under
    over within without through during until toward towards other such each also more most
    some than them they been have were will shall would should could being only very well both
    either neither including regarding concerning following does said says show text full whole
    paragraph paragraphs para annex resolution section""".split())


def _family(card) -> str:
    """A document's title as a draft and the resolution adopted from it share it."""
    return re.sub(r"\W+", " ", re.sub(r"\b(?:19|20)\d\d\b", " ", card.title.lower())).strip()


def title_words(cards) -> dict[str, list[str]]:
    """Each word of the documents' titles and short titles (letters only, lower case) -> the
    documents whose title holds it."""
    out: dict[str, list[str]] = {}
    for doc_id, card in cards.items():
        words = re.findall(r"[a-z]+", f"{card.title} {card.short_title}".lower())
        for w in dict.fromkeys(words):
            out.setdefault(w, []).append(doc_id)
    return out


def _symbol_docs(m: re.Match, cards) -> list[str]:
    rev = re.sub(r"\s+", "", m.group("rev") or "").upper()
    if m.group("bn"):  # "L.8": the draft of that number, of whichever session the library has
        bare = re.compile(rf"A/\d{{2}}/L\.{m.group('bn')}{re.escape(rev)}")
        return [d for d, c in cards.items() if c.symbol
                and bare.fullmatch(re.sub(r"\s+", "", c.symbol).upper())]
    if m.group("session"):
        keys = {f"A/RES/{m.group('session')}/{m.group('n')}{rev}"}
    else:
        keys = {f"A/{m.group('dsession')}/L.{m.group('dn')}{rev}"}
    return [d for d, c in cards.items() if c.symbol
            and re.sub(r"\s+", "", c.symbol).upper() in keys]


# A symbol that names a document beyond doubt ("A/RES/77/1", "resolution 77/1", "A/78/L.7"); a
# bare "77/1" may be a ratio or a date, and is read only when the library has that document
_NAMED_SYMBOL = re.compile(r"^(?:a/res/|resolution\s|res\.?\s*|a/\d{2}/l|l\.)", re.I)


def symbol_named(query: str, cards: dict, bare: bool = False) -> tuple[list[str], str, int]:
    """The documents ``query`` names by symbol ("What does A/RES/73/326 decide?", "resolution
    78/70"): (their doc ids, the symbol as typed, where it ends in ``query``); ([], symbol, end)
    when no document of the library has it; ([], "", -1) when the query names none. ``bare``: a
    bare "77/1" the library lacks counts as a symbol too (beside a paragraph number)."""
    absent, end = "", -1
    for m in _SYMBOL.finditer(query):
        found = _symbol_docs(m, cards)
        if found:
            return found, m.group(0).strip(), m.end()
        if not absent and (bare or _NAMED_SYMBOL.match(m.group(0))):
            absent, end = m.group(0).strip(), m.end()
    return [], absent, end


def parse_citation(query: str, cards: dict) -> Citation | None:
    """The reference ``query`` makes, or None when it makes none. ``cards``: doc id ->
    DocumentCard."""
    if not any(ch.isdigit() for ch in query):  # every citation has a number
        return None
    q = " ".join(query.replace("\u00a0", " ").split())
    q = re.sub(r"\s*/\s*", "/", q)  # "A / RES / 78 / 59", as some type it
    low = q.lower()
    docs, typed, doc_end = symbol_named(q, cards, bare=True)
    named = typed if docs else ""
    absent = "" if docs else typed  # a symbol typed that no document of the library has
    if not docs and not absent:
        text = low
        for abbr, full in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"\b{re.escape(abbr)}\b", lambda _m, f=full: f, text)
        best = 0
        for alias, doc_id in _doc_aliases(cards):
            if not re.search(rf"\b{re.escape(alias)}\b", text):
                continue
            if len(alias) > best:
                best, docs, named = len(alias), [doc_id], alias
            elif len(alias) == best and doc_id not in docs:
                docs.append(doc_id)
        if docs:
            docs = _narrow(docs, low, cards)
            # where the name ends in the query as typed (for "GCM 29 (b)")
            alias = named.lower()
            spellings = [alias, *(a for a, full in ABBREVIATIONS.items() if full == alias)]
            ends = [m.end() for s in spellings
                    for m in re.finditer(rf"\b{re.escape(s)}\b(?:\s+(?:19|20)\d\d)?", low)]
            doc_end = max(ends) if ends else -1
            named = cards[docs[0]].short_title if len(docs) == 1 else named
    part_m = _PART.search(re.sub(r"\bresolution\s+\d{2}/\d", " ", low))
    part = part_m.group(1).lower() if part_m else ""
    section = _SECTION.search(q)
    if section:  # "sect. II", "section 2": a numbered section (of the annex, when it says so)
        label = section.group("label")
        label = label if label.isdigit() else label.upper()
        part = f"{part}, sect. {label}" if part == "annex" else f"sect. {label}"

    number, objective, tail_at = "", None, -1
    m = _PREAMBLE.search(q)
    target = _TARGET.search(q)
    unnumbered = _UNNUMBERED.search(q)
    ordinal = _ORDINAL.search(q)
    footnote = _FOOTNOTE.search(q)
    if footnote:
        number, m = "fn" + footnote.group("num"), footnote
    elif unnumbered:
        number, m = number_key("u" + unnumbered.group("num") + unnumbered.group("subs")), unnumbered
    elif ordinal:
        nth = str(_ORDINAL_WORDS.index(ordinal.group("nth").lower()) + 1)
        number, m = ("PP" + nth if ordinal.group("kind").lower() == "preambular" else nth), ordinal
    elif m:
        number = number_key("PP" + m.group("num") + m.group("subs"))
    elif target:
        goal = target.group("goal") or target.group("goal2")
        number = number_key(f"target {goal}.{(target.group('t') or target.group('t2')).lower()}")
    else:
        m = _PARAGRAPH.search(q)
        if m:
            number = number_key(m.group("num") + m.group("subs"))
        elif doc_end >= 0:
            m = _AFTER_DOC.match(q[doc_end:])
            headed = _SECTION_AFTER_DOC.match(q[doc_end:])
            if m and not _YEAR.fullmatch(m.group("num")):
                number = number_key(m.group("num") + m.group("subs"))
                tail_at = doc_end + m.end()
            elif headed and not section:
                number = number_key(headed.group("num") + headed.group("subs")
                                    if headed.group("num") else headed.group("pnum"))
                label = (headed.group("label") or headed.group("plabel")).upper()
                part = f"{part}, sect. {label}" if part == "annex" else f"sect. {label}"
                tail_at = doc_end + headed.end()
    several = False
    if number and not target:
        tail = q[tail_at if tail_at >= 0 else m.end():]
        inserted = _INSERTED.match(tail)
        if inserted:  # "para. 2 bis": a paragraph of its own, not para. 2
            number += inserted.group(1).lower()
            tail = tail[inserted.end():]
        item = _ITEM_IN_WORDS.match(tail)
        if item and "(" not in number:  # "paragraph 29, subparagraph (b)": its item (b)
            number += f"({(item.group('p') or item.group('b')).lower()})"
            tail = tail[item.end():]
        several = bool(_SEVERAL.match(tail))
    if not number:
        m = _OBJECTIVE.search(q)
        if m and int(m.group("num")) >= 1:  # "objective 24" too: said to be absent, not answered
            objective = int(m.group("num"))
    if not number and objective is None and not (section and (docs or absent)):
        return None
    if absent and not docs:
        # "A/RES/77/1 para 2" in a library without A/RES/77/1: that paragraph is nowhere here,
        # and paragraph 2 of every other document is not what was asked for
        return Citation(number, objective, (ABSENT,), part, absent)
    if docs and len(docs) > 1 and not named:
        named = cards[docs[0]].short_title
    label = cards[docs[0]].label if len(docs) == 1 else named
    worded = False
    if section and not number and objective is None:
        rest = q[:section.start()] + " " + q[section.end():]
        for said in (typed, named):
            rest = re.sub(re.escape(said), " ", rest, flags=re.I) if said else rest
        worded = any(w.lower() not in _CITING_WORDS for w in re.findall(r"[A-Za-z]{3,}", rest))
    operative = bool(_OPERATIVE.search(q) or ordinal and ordinal.group("kind").lower()
                     == "operative")
    return Citation(number, objective, tuple(docs), part, label,
                    operative=operative and not part, worded=worded, several=several)


# words a citation of a section is put in, beside the document's name: no subject of their own
_CITING_WORDS = frozenset("""the and resolution annex section sect what does did say says said
    show text its full whole read give print""".split())


def roman(n: int) -> str:
    """``2`` -> ``II``: sections are printed with roman numerals ("section 2" is "sect. II")."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _headed(record: Paragraph, label: str) -> bool:
    """Does ``record`` stand under the heading of section ``label`` ("III. Office of ...") of a
    document whose numbering runs on across its sections (no section part of its own)?"""
    return any((head := section_head(h)) is not None and head[0] == label
               for h in record.section)


def citation_note(c: Citation, records: list[Paragraph], rows: list[int], cards: dict) -> str:
    """What the answer to a citation naming one document must say beyond "the text of ...":
    that the number stands in several parts of it (all shown), or in several sections numbered
    each from 1 (all shown; a section named picks one)."""
    if len(c.docs) != 1 or c.part or c.objective is not None:
        return ""
    if c.operative and rows and records[rows[0]].number == "u1":
        return "It is printed without a number: the resolution's one operative paragraph."
    heads = [records[r] for r in rows
             if records[r].doc_id == c.docs[0] and number_key(records[r].number) == c.number]
    parts = list(dict.fromkeys(r.part for r in heads))
    if c.number == "1" and heads and not any(names_part(p, "resolution") for p in parts):
        operative = [r for r in records if r.doc_id == c.docs[0] and r.kind == "paragraph"
                     and names_part(r.part, "resolution")]
        if len(operative) == 1 and operative[0].number == "u1":
            return ("The resolution's one operative paragraph is printed without a number: "
                    "\"OP1\" shows it.")
    if len(parts) < 2:
        return ""
    if all(_SECTION_PART.search(p) for p in parts):
        example = c.number if c.number.startswith("PP") else f"para. {c.number}"
        return (f"It stands in {len(parts)} sections, each numbered from 1: every one follows "
                f"(name a section for one: \"section II, {example}\").")
    names = " and in its ".join(p or "text" for p in parts)
    return f"It stands in its {names}: {'both' if len(parts) == 2 else 'all'} follow."


_NUMBER_WORDS = frozenset("""para paras paragraph paragraphs preambular preamble pream operative
    unnumbered sub subparagraph of in from op pp bis ter footnote footnotes""".split())


def unnamed_note(c: Citation, query: str, records: list[Paragraph], rows: list[int],
                 cards: dict | None = None) -> str:
    """What an answer to a number cited without a document must say: that no document was named
    and how many hold the number, all shown; and the words of the query that name no document of
    the library ("Awaza para 5": paragraph 5 of every document was shown as the one cited)."""
    if c.docs or c.objective is not None:
        return ""
    docs = len({records[r].doc_id for r in rows})
    note = (f"No document is named: {c.describe()} of each of the {counted(docs, 'document')}"
            " that have one follows." if docs > 1 else "")
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z.\-']+", query)
             if len(w) > 2 and w.lower().strip(".") not in _CITING_WORDS | _NUMBER_WORDS
             | _COMMON_WORDS and not re.fullmatch(r"(?i)(?:[ivxl]+|sect\.?|section|GCM)", w)]
    cards = cards or {}
    held = title_words(cards)
    unknown = [w for w in dict.fromkeys(words) if w.lower() not in held]
    # (a word of one title only names nothing here when it is too short to name it: unsaid)
    several = [w for w in dict.fromkeys(words) if w.lower() in held
               and len({_family(cards[d]) for d in held[w.lower()]}) > 1]
    if unknown:
        said = " ".join(f"“{w}”" for w in unknown)
        note += (f" {said} {'is' if len(unknown) == 1 else 'are'} in no title of the library's "
                 "documents: name a document by its symbol or short title.")
    if several:
        said = " ".join(f"“{w}”" for w in several)
        note += (f" {said} {'is' if len(several) == 1 else 'are'} in the titles of several "
                 "documents: name one by its symbol.")
    return note.strip()


def _narrow(docs: list[str], low: str, cards) -> list[str]:
    """Among documents of the same name: the one of the year named, a draft when ``draft`` is
    said, else the adopted text."""
    years = set(_YEAR.findall(low))
    if years:
        same = [d for d in docs if cards[d].year in years]
        docs = same or docs
    if re.search(r"\bdraft\b", low):
        drafts = [d for d in docs if cards[d].status == "draft"]
        return drafts or docs
    adopted = [d for d in docs if cards[d].status == "adopted"]
    return adopted or docs


def names_part(part: str, wanted: str) -> bool:
    """Is a record's ``part`` the part a citation names (``annex``, ``resolution``,
    ``sect. II``, ``annex, sect. II``)? A resolution without an annex is all resolution."""
    return part_matches(part, wanted.lower())


class CitationIndex:
    """Records by (document, part, number) and each objective's paragraph, for one view."""

    def __init__(self, records: list[Paragraph]):
        self.records = records
        self.by_number: dict[tuple[str, str], list[int]] = {}
        self.children: dict[str, list[int]] = {}
        self.objective_heads: dict[int, list[int]] = {}
        self.objective_titles: dict[int, str] = {}
        for i, r in enumerate(records):
            self.by_number.setdefault((r.doc_id, number_key(r.number)), []).append(i)
            if r.kind == "footnote":  # cited as "footnote 12" ("fn12"), never as a paragraph
                continue
            if r.parent:
                self.children.setdefault(r.parent, []).append(i)
            for title in r.section:
                m = re.match(r"\s*objective\s+(\d{1,2})\s*[:.\-–]\s*(.+)", title, re.I)
                if m:
                    n = int(m.group(1))
                    self.objective_titles.setdefault(n, m.group(2).strip())
                    if r.kind == "paragraph" and not r.parent:
                        self.objective_heads.setdefault(n, []).append(i)

    def _section(self, c: Citation) -> list[int]:
        """The paragraphs of the section ``c`` names, in the document's order (the answer shows
        ``SECTION_ROWS`` of them at most)."""
        mine = sorted((r.order, i) for i, r in enumerate(self.records)
                      if r.doc_id in c.docs and r.kind != "footnote")
        return self._in_part([i for _, i in mine], c.part)

    def _in_part(self, rows: list[int], part: str) -> list[int]:
        """The ``rows`` in the part a citation names (``annex``, ``sect. II``): a section
        numbered from 1 is a part of its own ("section 2": numbered 1, 2 ... or printed II, as
        most are); a section that is a heading only, the numbering running on across it, is
        read from the heading its paragraphs stand under."""
        section = re.search(r"sect\. (\w+)", part)
        spellings = [part] + ([part.replace(f"sect. {section.group(1)}",
                                            f"sect. {roman(int(section.group(1)))}")]
                              if section and section.group(1).isdigit() else [])
        named = [r for r in rows if any(names_part(self.records[r].part, w) for w in spellings)]
        if not named and section:
            labels = [w.rsplit("sect. ", 1)[1] for w in spellings]
            named = [r for r in rows if not _SECTION_PART.search(self.records[r].part)
                     and any(_headed(self.records[r], x) for x in labels)]
        return named

    def with_subs(self, row: int) -> list[int]:
        out = [row]
        for child in self.children.get(self.records[row].id, []):
            out += self.with_subs(child)
        return out

    def resolve(self, c: Citation, cards: dict) -> list[int]:
        """Rows the citation names, the cited paragraph first and its sub-paragraphs after; for
        a citation without a document, that number in every document (oldest first)."""
        if c.objective is not None:
            heads = [h for h in self.objective_heads.get(c.objective, [])
                     if not c.docs or self.records[h].doc_id in c.docs]
            if not heads and c.docs:  # a document that refers to objectives without their titles
                return [i for i, r in enumerate(self.records)
                        if r.doc_id in c.docs and c.objective in r.objectives
                        and r.kind != "footnote"]
            heads = heads[:1] if heads else []
            return [row for h in heads for row in self.with_subs(h)]
        if c.whole_section:
            return self._section(c)
        docs = list(c.docs) or sorted({r.doc_id for r in self.records},
                                      key=lambda d: cards[d].sort_key if d in cards
                                      else ("9999", d))
        out: list[int] = []
        for d in docs:
            rows = self.by_number.get((d, c.number), [])
            extra: list[int] = []  # the number in the document's other parts, shown after
            if c.operative and not c.part:
                # "OP3": the resolution's own paragraph 3, never its annex's; "OP1" of a
                # resolution whose one operative paragraph is printed without a number
                rows = [r for r in rows if names_part(self.records[r].part, "resolution")]
                if not rows and c.number == "1":
                    operative = [i for i, x in enumerate(self.records) if x.doc_id == d
                                 and x.kind == "paragraph" and names_part(x.part, "resolution")]
                    rows = operative if (len(operative) == 1
                                         and self.records[operative[0]].number == "u1") else []
            if not rows:
                continue
            parts = {self.records[r].part for r in rows}
            if c.part:  # the part named, or none of this document: never another part's
                rows = self._in_part(rows, c.part)
                if not rows:
                    continue
            elif len(parts) > 1 and all(_SECTION_PART.search(p) for p in parts):
                # sections each numbered from 1, none named: the paragraph of every section, in
                # the document's order (no section stands for the document)
                firsts = {}
                for r in sorted(rows, key=lambda r: self.records[r].order):
                    firsts.setdefault(self.records[r].part, r)
                for r in firsts.values():
                    out += self.with_subs(r)
                continue
            elif len(parts) > 1:
                # the document's main text first (its part with the most paragraphs; for "OP2",
                # the resolution's own), then, for a document named, its other parts' paragraph
                # of that number ("para. 2" of A/RES/80/3: its annex's and its resolution's)
                sizes = {p: sum(1 for x in self.records if x.doc_id == d and x.part == p)
                         for p in parts}
                resolution = [p for p in parts if names_part(p, "resolution")]
                main = (resolution[0] if c.operative and resolution
                        else max(parts, key=lambda p: sizes[p]))
                others = [] if not c.docs or c.operative else sorted(
                    (p for p in parts if p != main), key=lambda p: -sizes[p])
                extra = [row for p in others
                         for row in self.with_subs(next(r for r in rows
                                                        if self.records[r].part == p))]
                rows = [r for r in rows if self.records[r].part == main]
            for r in rows[:1]:
                out += self.with_subs(r)
            if c.docs:  # the same paragraph in the draft the resolution came from
                draft = cards[d].draft_symbol if d in cards else ""
                for dd, card in cards.items():
                    if draft and card.symbol == draft and dd not in c.docs:
                        drows = [x for x in self.by_number.get((dd, c.number), [])
                                 if self.records[x].part == self.records[rows[0]].part]
                        for r in drows[:1]:
                            out.append(r)
            out += extra
        return out
