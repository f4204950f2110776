"""What a document is, from its masthead facts (pure): adopted, draft or issued; its year; a short
name for citations.

    document_status("A/RES/73/195", "General")   -> "adopted"
    document_status("A/80/L.4", "Limited")       -> "draft"
    short_name("Progress Declaration of the International Migration Review Forum", "2022-06-07")
                                                 -> "Progress Declaration 2022"
"""

from __future__ import annotations

import re
from collections.abc import Mapping

STATUSES = ("adopted", "draft", "issued")

# A/RES/73/195, A/RES/ES-10/21, S/RES/2417 (2018), A/DEC/73/555, E/RES/2019/1
_ADOPTED_SYMBOL_RE = re.compile(r"/(?:RES|DEC)/", re.IGNORECASE)
# A/80/L.4, A/C.3/80/L.12/Rev.1, E/2024/L.20: the L. series holds drafts
_DRAFT_SYMBOL_RE = re.compile(r"/L\.\s*\d", re.IGNORECASE)
_GENRE_RE = re.compile(r"\b(Declaration|Compact|Agenda|Programme of Action|Plan of Action|Framework"
                       r"|Pact|Convention)\b",
                       re.IGNORECASE)
_CUT_RE = re.compile(r"\s*(?::|,|\s-\s|\s–\s|\bfor\b|\bof\b|\bon\b|\bto\b)\s*")


def symbol_key(symbol: str) -> str:
    """A symbol as compared: case and spaces aside (``A/73/12 (Part II)`` ==
    ``a/73/12(PART II)``)."""
    return re.sub(r"\s+", "", symbol).upper()


def documents_named(name: str, symbols: Mapping[str, str]) -> list[str]:
    """The documents ``name`` names, from ``symbols`` ({doc id: its symbol}): ``[name]`` when it
    is a doc id, else every doc id printed with that symbol (``symbol_key``: case and spacing
    aside), in the mapping's order; [] when none. The one rule by which every command and filter
    reads "a doc id or a symbol"; each caller says what several (the same resolution added from
    two files) or none mean for it."""
    if name in symbols:
        return [name]
    key = symbol_key(name)
    return [d for d, s in symbols.items() if s and symbol_key(s) == key]


def document_status(symbol: str, distribution: str = "") -> str:
    """``draft`` (``Distr.: Limited``, an ``L.`` symbol, or no symbol at all), ``adopted`` (a
    resolution or decision: ``/RES/``, ``/DEC/``) or ``issued`` (any other published document,
    such as a report: not negotiated language)."""
    symbol = (symbol or "").strip()
    if (distribution.strip().lower().startswith("limited") or not symbol
        or _DRAFT_SYMBOL_RE.search(symbol)):
        return "draft"
    if _ADOPTED_SYMBOL_RE.search(symbol):
        return "adopted"
    return "issued"


def check_date(text: str) -> str:
    """``text`` when it is a real date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as documents
    are dated: 2025-02-30 and 2026-13-45 are not), else ``ValueError`` saying so. The one check of
    a user-given date, on the command line and in the Python API."""
    from datetime import date as _date

    parts = text.split("-") if isinstance(text, str) else []
    try:
        ok = (0 < len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])
              and all(p.isascii() and p.isdigit() for p in parts)
              and _date(*(int(p) for p in parts + ["01"] * (3 - len(parts)))) is not None)
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")
    return text


def year_of(date: str) -> str:
    """``2018-12-19`` -> ``2018``; '' when the date is unknown."""
    return date[:4] if len(date) >= 4 and date[:4].isdigit() else ""


def short_name(title: str, date: str = "", symbol: str = "") -> str:
    """A short name for a document not in the catalogue, which never names an instrument the
    document is not:

    - the instrument the title is ("Global Compact for ...", "2025 Political Declaration on ...",
      "Transforming our world: the 2030 Agenda ..."): its genre phrase with the words before it
      in its clause, and the year for a declaration ("Progress Declaration 2022");
    - a resolution about an instrument is not that instrument ("Implementation of the
      Declaration on ...", "Status of the Convention ...", "follow-up to the Durban Declaration"
      were named "Declaration on ... 2023", "Convention on ...", "Durban Declaration 2023"): it
      is named as any other title;
    - a title of at most ``SHORT_TITLE_WORDS`` words, whole ("Question of Tokelau", "Report of
      the International Criminal Court": its head alone, "Question", "Report", named nothing);
    - else the symbol (without one, the title's first five words)."""
    title = " ".join((title or "").split())
    year = year_of(date)
    name = _instrument(title)
    if name:
        # never "2025 ... Declaration 2025"
        if "declaration" in name.lower() and year not in name.split():
            return f"{name} {year}".strip()
        return name
    if title and len(title.split()) <= SHORT_TITLE_WORDS:
        return title
    return symbol or " ".join(title.split()[:5])


SHORT_TITLE_WORDS = 7


def _instrument(title: str) -> str:
    """The instrument ``title`` names as its head, or "" (see ``short_name``)."""
    for clause in title.split(":"):
        m = _GENRE_RE.search(clause)
        if m is None:
            continue
        before = clause[: m.start()]
        if _CUT_RE.search(before):
            return ""  # "Status of the Convention ...": about the instrument
        words = [w for w in before.split() if w.lower() != "the"][-3:]
        if all(w.lower() in _GENERIC for w in words):
            # "Convention on the Rights of the Child", "International Convention for the
            # Protection of ...": the genre alone names nothing; the whole name, when short
            name = " ".join(words + clause[m.start():].split()).rstrip(",:;")
            return name if len(name.split()) <= 8 else ""
        return " ".join([*words, m.group(1)])
    return ""


_GENERIC = {"international", "united", "nations", "general"}  # say nothing of which instrument
