"""Search filters: document, part, category, Global Compact objective, year, kind, status.

``FILTERS`` declares each filter once: its keyword (``Library.search(doc=...)``, an answer's
``filters``, the command line's ``--doc``), how its values are checked, the record field it
tests, how an answer names it, its command-line flag and its component on the page. The
command line (``ui.cmd_search``), the page (``ui.app``, ``ui.handlers_search``) and the
renderer (``ui.render``) read it: a new filter is an entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from precedent.ingest.doc_meta import STATUSES, year_of
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import CATEGORIES, KINDS, Paragraph
from precedent.ingest.sections import section_head

CATEGORY_ALIASES = {"invitation": "encouragement", "encouragement/invitation": "encouragement",
                    "commitments": "commitment", "requests": "request", "decisions": "decision"}


class FilterError(PrecedentError, ValueError):
    """An unknown filter or filter value; the message lists what is accepted."""


def _as_list(value) -> list:
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    return [value]


def part_matches(part: str, wanted: str) -> bool:
    """Does a record's part answer the part filter ``wanted`` (lower case)? The part itself;
    ``annex`` for every annex; a part for its numbered sections (``resolution`` for
    ``resolution, sect. II``); a section in any part (``sect. ii`` for ``annex, sect. II``).
    A resolution without an annex is all resolution: ``resolution`` takes its paragraphs (part
    "") and its numbered sections ("sect. II"); it dropped three quarters of the library."""
    v = part.lower()
    return (v == wanted or v.startswith(wanted + ", ") or v.endswith(", " + wanted)
            or (wanted == "annex" and v.startswith("annex"))
            or (wanted == "resolution" and (v == "" or v.startswith("sect. "))))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_NUMBERED = re.compile(r"\b(sect\.|annex) ([ivxlc]+|\d+)\b", re.I)


def part_order(part: str) -> tuple:
    """A sort key for parts in the order a document prints them: "sect. IV", "sect. V" ...
    "sect. IX" (alphabetically IX stood between IV and V)."""
    def number(m: re.Match) -> str:
        label = m.group(2).lower()
        if label.isdigit():
            return f"{m.group(1).lower()} {int(label):04d}"
        values = [_ROMAN[ch] for ch in label]
        n = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
        return f"{m.group(1).lower()} {n:04d}"
    return (_NUMBERED.sub(number, part.lower()),)


def part_within(record: Paragraph) -> str:
    """The part a part filter reads: the record's part, and the section whose heading it stands
    under when its numbering runs on across sections (A/RES/78/234's "III. ..." heads no part of
    its own; "sect. III" found nothing there, though a citation of it does)."""
    if "sect. " in record.part:
        return record.part
    head = next((h for h in map(section_head, record.section) if h is not None), None)
    if head is None:
        return record.part
    return ", ".join(p for p in (record.part, f"sect. {head[0]}") if p)


# --- the declaration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Widget:
    """A filter's component on the page (``ui.app`` builds it; ``ui.handlers_search`` reads it)."""

    kind: str  # "dropdown" (several of the choices), "checkboxes", or "checkbox" (on: ``on_value``)
    label: str
    elem_id: str
    arg: str  # the handlers' named argument (``SearchHandlers.ask(docs=[...])``)
    place: int  # where it stands among the filters on the page, top first
    on_value: str = ""  # a checkbox: the filter value it stands for when ticked
    number: bool = False  # the chosen values are numbers
    # values beyond the choices are taken (the /ask API's documents added later)
    custom: bool = False

    @property
    def has_choices(self) -> bool:
        return self.kind != "checkbox"


@dataclass(frozen=True)
class Filter:
    key: str  # Library.search's keyword, an answer's "filters" key, the command line's --key
    label: str  # as an answer names it ("Filters: document: ...")
    column: str  # the RecordTable column it tests ("" for kind: every search tests the kinds)
    parse: Callable[[list, dict], tuple]  # the values asked for, the facets -> the values kept
    # -> test of a column value
    accepts: Callable[[tuple, RecordTable], Callable[[object], bool]] | None
    facet: Callable[[RecordTable], list]  # the values the library holds
    cli: dict = field(default_factory=dict)  # argparse options of --key
    cli_extra: tuple[tuple[str, dict], ...] = ()  # more flags setting it (--adopted-only)
    widget: Widget | None = None  # its component on the page, if any


def _docs(values: list, facets: dict) -> tuple:
    docs = [str(d) for d in values]
    for d in docs:
        if d not in facets["doc"]:
            raise FilterError(f"unknown document '{d}' (documents: "
                              f"{', '.join(facets['doc']) or 'none'})")
    return tuple(docs)


def _parts(values: list, facets: dict) -> tuple:
    parts = [" ".join(str(p).split()).lower() for p in values]
    known = {p.lower() for p in facets["part"]} | {"resolution", "annex"}
    known |= {piece.lower() for p in facets["part"] for piece in p.split(", ")}  # "sect. ii"
    for p in parts:
        if p not in known:
            raise FilterError(f"unknown part '{p}' (parts: {', '.join(sorted(known))})")
    return tuple(parts)


def _categories(values: list, facets: dict) -> tuple:
    cats = [CATEGORY_ALIASES.get(str(c).lower(), str(c).lower()) for c in values]
    for c in cats:
        if c not in CATEGORIES:
            raise FilterError(f"unknown category '{c}' (categories: {', '.join(CATEGORIES)})")
    return tuple(cats)


def _objectives(values: list, facets: dict) -> tuple:
    objectives = []
    for o in values:
        try:
            n = int(o)
        except (TypeError, ValueError):
            raise FilterError(f"objective must be a number from 1 to 23, not '{o}'") from None
        if not 1 <= n <= 23:
            raise FilterError(f"objective must be a number from 1 to 23, not {n}")
        objectives.append(n)
    return tuple(objectives)


def _years(values: list, facets: dict) -> tuple:
    years = []
    for y in values:
        try:
            years.append(int(y))
        except (TypeError, ValueError):
            raise FilterError(f"year must be a number like 2018, not '{y}'") from None
    return tuple(years)


def _kinds(values: list, facets: dict) -> tuple:
    kinds = [str(k) for k in values]
    for k in kinds:
        if k not in KINDS:
            raise FilterError(f"unknown kind '{k}' (kinds: {', '.join(KINDS)})")
    return tuple(kinds)


def _statuses(values: list, facets: dict) -> tuple:
    statuses = [str(v).strip().lower() for v in values]
    for v in statuses:
        if v not in STATUSES:
            raise FilterError(f"unknown status '{v}' (statuses: {', '.join(STATUSES)})")
    return tuple(statuses)


FILTERS: tuple[Filter, ...] = (
    Filter("doc", "document", "doc_id", _docs, lambda want, t: lambda v: v in want,
           lambda t: sorted(t.values["doc_id"]),
           cli=dict(action="append", help="only this document: its id or its symbol "
                                          "(A/RES/73/195; repeatable)"),
           widget=Widget("dropdown", "Documents", "pc-docs", "docs", place=0, custom=True)),
    Filter("part", "part", "part_within", _parts, lambda want,
           t: lambda v: any(part_matches(v, p) for p in want),
           lambda t: sorted((p for p in t.values["part_within"] if p), key=part_order),
           cli=dict(help="resolution, annex, annex I, or a numbered section (\"sect. II\")"),
           widget=Widget("checkboxes", "Part", "pc-parts", "parts", place=2)),
    # any of a paragraph's categories: "Notes the report ..., and requests the Secretary-General
    # to ..." is a request too (the filter read only the first: 126 paragraphs of adopted texts
    # that request in a later clause were left out of --category request)
    Filter("category", "category", "categories", _categories,
           lambda want, t: lambda v: bool(set(want) & set(v)),
           lambda t: [c for c in CATEGORIES if any(c in v for v in t.values["categories"])],
           cli=dict(action="append",
                    help="commitment, request, encouragement, recognition, concern, reaffirmation, "
                         "decision, other (no verb of these); a paragraph is of each category "
                         "its clauses carry"),
           widget=Widget("dropdown", "Category", "pc-cats", "categories", place=3)),
    Filter("objective", "objective", "objectives", _objectives,
           lambda want, t: lambda v: bool(set(want) & set(v)),
           lambda t: sorted({o for v in t.values["objectives"] for o in v}),
           cli=dict(action="append", type=int, help="Global Compact objective number"),
           widget=Widget("dropdown", "Global Compact objective", "pc-objs", "objectives", place=4,
                         number=True)),
    Filter("year", "year", "year", _years, lambda want, t: lambda v: v in want,
           lambda t: sorted(y for y in t.values["year"] if y is not None),
           cli=dict(action="append", type=int)),
    Filter("kind", "kind", "kind", _kinds, None, lambda t: sorted(t.values["kind"]),
           cli=dict(action="append", help="preambular, paragraph, subparagraph, footnote")),
    Filter("status", "status", "doc_id", _statuses,
           lambda want, t: lambda v: t.doc_status.get(v, "draft") in want,
           lambda t: sorted({t.doc_status.get(d, "draft") for d in t.values["doc_id"]}),
           cli=dict(action="append", choices=list(STATUSES),
                    help="only documents of this status (repeatable)"),
           cli_extra=(("--adopted-only",
                       dict(dest="status", action="store_const", const=["adopted"],
                                              help="agreed texts only: leave drafts (and reports) "
                                                   "out")),),
           widget=Widget("checkbox", "Adopted texts only (drafts left out)", "pc-adopted",
                         "adopted_only", place=1, on_value="adopted")),
)
KEYS = tuple(f.key for f in FILTERS)
BY_KEY = {f.key: f for f in FILTERS}


def filter_label(key: str) -> str:
    """How an answer names a filter (``document`` for ``doc``)."""
    return BY_KEY[key].label if key in BY_KEY else key


def describe_filters(filters: dict, doc_names: dict[str, str] | None = None) -> str:
    """``category: commitment; part: annex`` (plain text) for the active filters: what the page,
    ``--plain`` and every export row say of an answer's filters, so that a paragraph read alone
    is not taken for the whole library's answer."""
    bits = []
    for key, values in filters.items():
        if not values:
            continue
        if key == "doc" and doc_names:
            values = [doc_names.get(v, v) for v in values]
        bits.append(f"{filter_label(key)}: {', '.join(str(v) for v in values)}")
    return "; ".join(bits)


@dataclass(frozen=True)
class Filters:
    """The filters of one search, checked: ``(key, values)`` pairs in ``FILTERS``' order, only
    those with values."""

    chosen: tuple[tuple[str, tuple], ...] = ()

    def __getitem__(self, key: str) -> tuple:
        return dict(self.chosen).get(key, ())

    @property
    def category(self) -> tuple[str, ...]:
        return self["category"]

    @property
    def kinds(self) -> tuple[str, ...]:
        return self["kind"]

    @property
    # adopted | draft | issued (``adopted`` = agreed texts only)
    def statuses(self) -> tuple[str, ...]:
        return self["status"]

    @classmethod
    def from_kwargs(cls, kwargs: dict, facets: dict) -> Filters:
        unknown = set(kwargs) - set(KEYS)
        if unknown:
            raise FilterError(f"unknown filter(s) {', '.join(sorted(unknown))} (filters: "
                              f"{', '.join(sorted(KEYS))})")
        chosen = []
        for f in FILTERS:
            values = f.parse(_as_list(kwargs.get(f.key)), facets)
            if values:
                chosen.append((f.key, values))
        return cls(tuple(chosen))

    def as_dict(self) -> dict:
        return {key: list(values) for key, values in self.chosen}


class RecordTable:
    """The filterable fields of every record, factorised: each field keeps its distinct values
    and, per record, the index of its value. A filter is evaluated on the few distinct values
    and spread to all records with one numpy take, so filtering a million records is cheap."""

    # every search tests the kinds; each filter its column
    FIELDS = tuple(dict.fromkeys(("kind", *(f.column for f in FILTERS if f.column))))

    def __init__(self, records: list[Paragraph], doc_status: dict[str, str] | None = None):
        self.doc_status = doc_status or {}
        self.size = len(records)
        self.values: dict[str, list] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in self.FIELDS:
            index: dict = {}
            codes = np.empty(len(records), dtype=np.int32)
            for i, r in enumerate(records):
                codes[i] = index.setdefault(self._get(r, name), len(index))
            self.values[name] = list(index)
            self.codes[name] = codes

    @staticmethod
    def _get(r: Paragraph, name: str):
        if name == "year":
            year = year_of(r.date)
            return int(year) if year else None
        if name == "part_within":
            return part_within(r)
        if name == "categories":
            return r.categories or (r.category,)
        return getattr(r, name)

    def mask(self, f: Filters, kinds: tuple[str, ...]) -> np.ndarray:
        tests = [("kind", lambda v: v in kinds)]
        for spec in FILTERS:
            if spec.accepts is not None and f[spec.key]:
                tests.append((spec.column, spec.accepts(f[spec.key], self)))
        mask = np.ones(self.size, dtype=bool)
        for name, test in tests:
            accept = np.fromiter((bool(test(v)) for v in self.values[name]), dtype=bool,
                                 count=len(self.values[name]))
            mask &= accept[self.codes[name]]
        return mask

    def facets(self) -> dict[str, list]:
        return {f.key: f.facet(self) for f in FILTERS}
