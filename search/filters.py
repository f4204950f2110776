"""Search filters: document, part, category, Global Compact objective, year, kind."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from precedent.ingest.doc_meta import STATUSES, year_of
from precedent.ingest.errors import PrecedentError
from precedent.ingest.records import CATEGORIES, KINDS, Paragraph

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
    ``resolution, sect. II``); a section in any part (``sect. ii`` for ``annex, sect. II``)."""
    v = part.lower()
    return (v == wanted or v.startswith(wanted + ", ") or v.endswith(", " + wanted)
            or (wanted == "annex" and v.startswith("annex")))


@dataclass(frozen=True)
class Filters:
    docs: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    objectives: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # adopted | draft | issued (``adopted`` = agreed texts only)

    @classmethod
    def from_kwargs(cls, kwargs: dict, facets: dict) -> Filters:
        allowed = {"doc", "part", "category", "objective", "year", "kind", "status"}
        unknown = set(kwargs) - allowed
        if unknown:
            raise FilterError(f"unknown filter(s) {', '.join(sorted(unknown))} (filters: {', '.join(sorted(allowed))})")
        docs = [str(d) for d in _as_list(kwargs.get("doc"))]
        for d in docs:
            if d not in facets["doc"]:
                raise FilterError(f"unknown document '{d}' (documents: {', '.join(facets['doc']) or 'none'})")
        parts = [" ".join(str(p).split()).lower() for p in _as_list(kwargs.get("part"))]
        known_parts = {p.lower() for p in facets["part"]} | {"resolution", "annex"}
        known_parts |= {piece.lower() for p in facets["part"] for piece in p.split(", ")}  # "sect. ii"
        for p in parts:
            if p not in known_parts:
                raise FilterError(f"unknown part '{p}' (parts: {', '.join(sorted(known_parts))})")
        cats = [CATEGORY_ALIASES.get(str(c).lower(), str(c).lower()) for c in _as_list(kwargs.get("category"))]
        for c in cats:
            if c not in CATEGORIES:
                raise FilterError(f"unknown category '{c}' (categories: {', '.join(CATEGORIES)})")
        objectives = []
        for o in _as_list(kwargs.get("objective")):
            try:
                n = int(o)
            except (TypeError, ValueError):
                raise FilterError(f"objective must be a number from 1 to 23, not '{o}'") from None
            if not 1 <= n <= 23:
                raise FilterError(f"objective must be a number from 1 to 23, not {n}")
            objectives.append(n)
        years = []
        for y in _as_list(kwargs.get("year")):
            try:
                years.append(int(y))
            except (TypeError, ValueError):
                raise FilterError(f"year must be a number like 2018, not '{y}'") from None
        kinds = [str(k) for k in _as_list(kwargs.get("kind"))]
        for k in kinds:
            if k not in KINDS:
                raise FilterError(f"unknown kind '{k}' (kinds: {', '.join(KINDS)})")
        statuses = [str(v).strip().lower() for v in _as_list(kwargs.get("status"))]
        for v in statuses:
            if v not in STATUSES:
                raise FilterError(f"unknown status '{v}' (statuses: {', '.join(STATUSES)})")
        return cls(tuple(docs), tuple(parts), tuple(cats), tuple(objectives), tuple(years), tuple(kinds),
                   tuple(statuses))

    def as_dict(self) -> dict:
        d = {"doc": list(self.docs), "part": list(self.parts), "category": list(self.category),
             "objective": list(self.objectives), "year": list(self.years), "kind": list(self.kinds),
             "status": list(self.statuses)}
        return {k: v for k, v in d.items() if v}



class RecordTable:
    """The filterable fields of every record, factorised: each field keeps its distinct values
    and, per record, the index of its value. A filter is evaluated on the few distinct values
    and spread to all records with one numpy take, so filtering a million records is cheap."""

    FIELDS = ("kind", "doc_id", "part", "category", "year", "objectives")

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
        return getattr(r, name)

    def mask(self, f: Filters, kinds: tuple[str, ...]) -> np.ndarray:
        tests = [("kind", lambda v: v in kinds)]
        if f.docs:
            tests.append(("doc_id", lambda v: v in f.docs))
        if f.parts:
            tests.append(("part", lambda v: any(part_matches(v, p) for p in f.parts)))
        if f.category:
            tests.append(("category", lambda v: v in f.category))
        if f.objectives:
            tests.append(("objectives", lambda v: bool(set(f.objectives) & set(v))))
        if f.years:
            tests.append(("year", lambda v: v in f.years))
        if f.statuses:
            tests.append(("doc_id", lambda v: self.doc_status.get(v, "draft") in f.statuses))
        mask = np.ones(self.size, dtype=bool)
        for name, test in tests:
            accept = np.fromiter((bool(test(v)) for v in self.values[name]), dtype=bool,
                                 count=len(self.values[name]))
            mask &= accept[self.codes[name]]
        return mask

    def facets(self) -> dict[str, list]:
        used = [c for c in CATEGORIES if c in self.values["category"]]
        return {
            "doc": sorted(self.values["doc_id"]),
            "part": sorted(p for p in self.values["part"] if p),
            "category": used,
            "objective": sorted({o for t in self.values["objectives"] for o in t}),
            "year": sorted(y for y in self.values["year"] if y is not None),
            "kind": sorted(self.values["kind"]),
            "status": sorted({self.doc_status.get(d, "draft") for d in self.values["doc_id"]}),
        }
