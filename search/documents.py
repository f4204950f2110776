"""What each indexed document is: symbol, date and year, a short name, adopted or draft.

Built once per loaded index from its manifest (what the masthead said when the document was
added) and the shipped catalogue (short names of the texts negotiators expect).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from precedent.corpus import load_catalogue
from precedent.ingest.doc_meta import (
    document_status,
    documents_named,
    short_name,
    symbol_key,
    year_of,
)
from precedent.ingest.records import Paragraph


@dataclass(frozen=True)
class DocumentCard:
    doc_id: str
    symbol: str
    title: str
    short_title: str
    date: str
    status: str  # adopted | draft | issued (see ingest.doc_meta.document_status)
    draft_symbol: str = ""  # the draft an adopted resolution came from, e.g. A/80/L.4
    # the short name where documents are listed: no two documents of a library share one
    name: str = ""
    # Where it stands in time when its own date does not say (``document_cards``): an adopted
    # text after the draft it names, an undated draft just before the resolution naming it.
    when: str = ""
    step: int = 0

    @property
    def shown_name(self) -> str:
        """``name`` (set by ``document_cards``), else the short title."""
        return self.name or self.short_title

    @property
    def year(self) -> str:
        return year_of(self.date)

    @property
    def label(self) -> str:
        """``Global Compact (A/RES/73/195, 2018)``; ``Progress Declaration 2026 (draft, 2026)``."""
        bits = [self.symbol] if self.symbol and self.symbol != self.short_title else []
        if self.status == "draft":
            bits.append("draft")
        if self.year and self.year not in self.short_title:
            bits.append(self.year)
        return f"{self.short_title} ({', '.join(bits)})" if bits else self.short_title

    @property
    def sort_key(self) -> tuple:
        """Oldest first (an adopted text after the draft it names); undated documents last."""
        return (self.when or self.date or "9999", self.step, self.short_title)

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "symbol": self.symbol, "title": self.title,
                "short_title": self.short_title, "name": self.shown_name, "date": self.date,
                "year": self.year, "status": self.status, "draft_symbol": self.draft_symbol}


@lru_cache(maxsize=1)
def _catalogue_short_titles() -> dict[str, str]:
    return {symbol_key(e["symbol"]): e.get("short_title", "") for e in load_catalogue()}


def card_from_source(doc_id: str, src: dict) -> DocumentCard:
    symbol = src.get("symbol", "")
    title = src.get("title", "") or doc_id
    date = src.get("date", "")
    short = (src.get("short_title") or _catalogue_short_titles().get(symbol_key(symbol), "")
             or short_name(title, date, symbol))
    return DocumentCard(doc_id=doc_id, symbol=symbol, title=title, short_title=short, date=date,
                        status=document_status(symbol, src.get("distribution", "")),
                        draft_symbol=src.get("draft_symbol", ""))


def document_cards(sources: dict[str, dict]) -> dict[str, DocumentCard]:
    """doc_id -> card, for every document of an index's manifest, placed in time (``chronology``),
    each with a ``name`` no other document of the library shares (``distinct_names``)."""
    cards = chronology({d: card_from_source(d, s) for d, s in sources.items()})
    names = distinct_names(list(cards.values()))
    return {d: replace(c, name=names[d]) for d, c in cards.items()}


def chronology(cards: dict[str, DocumentCard]) -> dict[str, DocumentCard]:
    """Cards whose ``sort_key`` puts an adopted text after the draft it names (when that draft is
    in the library): dated the same day, undated, or dated before its own draft (a masthead
    misread), the adopted text takes the draft's date and the next step; an undated draft takes
    its resolution's date, one step before."""
    by_symbol = {symbol_key(c.symbol): c for c in cards.values() if c.symbol}
    out = dict(cards)
    for doc_id, card in cards.items():
        draft = by_symbol.get(symbol_key(card.draft_symbol)) if card.draft_symbol else None
        if draft is None or draft.doc_id == doc_id:
            continue
        if not draft.date and card.date:
            out[draft.doc_id] = replace(out[draft.doc_id], when=card.date, step=0)
            out[doc_id] = replace(out[doc_id], step=1)
        elif draft.date and (not card.date or card.date <= draft.date):
            out[doc_id] = replace(out[doc_id], when=draft.date, step=1)
    return out


def distinct_names(cards: list[DocumentCard]) -> dict[str, str]:
    """doc_id -> a short name that tells the document apart from every other one listed with it.

    A short name is shared when a draft and the resolution adopted from it have one title
    ("Awaza Political Declaration 2025"): the adopted text keeps the name, the draft takes its
    symbol after it ("Awaza Political Declaration 2025 (A/80/L.4)"), or "(draft)" when it has
    none. Names still shared (two adopted "Report"s) take their symbols, then their doc ids."""
    names = {c.doc_id: c.short_title or c.symbol or c.doc_id for c in cards}

    def shared() -> set[str]:
        seen: dict[str, list[str]] = {}
        for d, n in names.items():
            seen.setdefault(n.casefold(), []).append(d)
        return {d for ds in seen.values() if len(ds) > 1 for d in ds}

    by_id = {c.doc_id: c for c in cards}
    for d in shared():
        c = by_id[d]
        if c.status == "draft":
            names[d] = f"{names[d]} ({c.symbol})" if c.symbol else f"{names[d]} (draft)"
    for d in shared():
        c = by_id[d]
        if c.symbol and c.symbol not in names[d]:
            names[d] = f"{names[d]} ({c.symbol})"
    for d in shared():
        names[d] = f"{names[d]} [{d}]"
    return names


def missing_from_catalogue(documents: list[dict]) -> list[dict]:
    """Catalogue texts (``corpus/catalogue.json``) that no document of the library carries."""
    present = {symbol_key(d.get("symbol", "")) for d in documents if d.get("symbol")}
    return [e for e in load_catalogue() if symbol_key(e["symbol"]) not in present]


def missing_note(documents: list[dict]) -> str:
    """One line naming the catalogue texts the library lacks and the command that gets them;
    '' when none is missing."""
    missing = missing_from_catalogue(documents)
    if not missing:
        return ""
    names = ", ".join(f"{e['symbol']} ({e.get('short_title') or e['title']})" for e in missing)
    return (f"{len(missing)} catalogue text{'s are' if len(missing) != 1 else ' is'} not in the "
            f"library: {names}. Get them with: precedent fetch --catalogue")


LISTED_UP_TO = 8  # a library of more documents is summed up; the Documents filter lists them


def library_summary(documents: list[dict], cards: dict[str, DocumentCard] | None = None) -> str:
    """What the library holds, in a sentence or two: its documents with status and year (a
    larger library in counts), a warning when none is adopted (then nothing in it is agreed
    language), and each document whose printed numbering breaks (``index.numbering``)."""
    cards = cards or {}

    def name(d: dict) -> str:
        card = cards.get(d["doc_id"])
        return card.label if card else d.get("short_title") or d.get("symbol") or d["doc_id"]

    def names(docs: list[dict]) -> str:
        return ", ".join(name(d) for d in docs)

    if not documents:
        return "The library is empty: nothing to search or compare with yet."
    adopted = [d for d in documents if d.get("status") == "adopted"]
    others = [d for d in documents if d.get("status") != "adopted"]
    n = len(documents)
    few = n <= LISTED_UP_TO  # a larger library in counts: the Documents filter lists it
    text = f"The library holds {n} document{'s' if n != 1 else ''}"
    if adopted and not others:
        text += ", all adopted" + (f": {names(adopted)}." if few else ".")
    elif adopted:
        text += (f": {len(adopted)} adopted" + (f" ({names(adopted)})" if few else "")
                 + f" and {len(others)} not adopted" + (f" ({names(others)})" if few else "")
                 + ".")
    else:
        text += (", none of them adopted" + (f": {names(others)}" if few else "") + ". "
                 "Nothing in it is agreed language yet: answers are draft text, and a comparison "
                 "finds no agreed language until adopted texts are added.")
    if not few:
        text += " The Documents filter lists them all."
    for d in documents:
        if d.get("numbering"):
            text += f" {name(d)}: {d['numbering']}"
    return text


def numbering_caution(records: list[Paragraph], beside: dict[str, str]) -> str:
    """What an answer says of the paragraphs it shows that stand beside a break in their
    document's printed numbering (``index.numbering.beside_breaks``), or ``""``."""
    shown = list(dict.fromkeys(r.id for r in records if r.id in beside))
    if not shown:
        return ""
    cites = {r.id: r.citation for r in records}
    said = [f"{cites[i]} ({beside[i]})" for i in shown[:3]]
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return (f"Check against the document before quoting: {'; '.join(said)}{more}. Where the "
            "printed numbering breaks, a paragraph or its number may have been lost, merged or "
            "split in reading the file, and a citation may be wrong.")


def doc_ids_named(values, cards: dict[str, DocumentCard]) -> list:
    """The ``doc`` filter's values as doc ids (``documents_named``): a doc id as it is; a symbol
    (any case or spacing: ``A/RES/78/228``, ``a/res/78/228``) as every document printed with it;
    anything else as given, for the filter to refuse with the list of documents."""
    values = values if isinstance(values, (list, tuple, set)) else [values]
    symbols = {d: c.symbol for d, c in cards.items()}
    out = []
    for v in values:
        found = documents_named(v, symbols) if isinstance(v, str) else []
        out.extend(found or [v])
    return out
