"""Search filters: document, part, category, Global Compact objective, year, kind."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.records import CATEGORIES, KINDS, Paragraph

CATEGORY_ALIASES = {"invitation": "encouragement", "encouragement/invitation": "encouragement",
                    "commitments": "commitment", "requests": "request", "decisions": "decision"}


class FilterError(ValueError):
    """An unknown filter or filter value; the message lists what is accepted."""


def _as_list(value) -> list:
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    return [value]


@dataclass(frozen=True)
class Filters:
    docs: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    objectives: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()

    @classmethod
    def from_kwargs(cls, kwargs: dict, facets: dict) -> Filters:
        allowed = {"doc", "part", "category", "objective", "year", "kind"}
        unknown = set(kwargs) - allowed
        if unknown:
            raise FilterError(f"unknown filter(s) {', '.join(sorted(unknown))} (filters: {', '.join(sorted(allowed))})")
        docs = [str(d) for d in _as_list(kwargs.get("doc"))]
        for d in docs:
            if d not in facets["doc"]:
                raise FilterError(f"unknown document '{d}' (documents: {', '.join(facets['doc']) or 'none'})")
        parts = [str(p).strip().lower() for p in _as_list(kwargs.get("part"))]
        known_parts = {p.lower() for p in facets["part"]} | {"resolution", "annex"}
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
        return cls(tuple(docs), tuple(parts), tuple(cats), tuple(objectives), tuple(years), tuple(kinds))

    def as_dict(self) -> dict:
        d = {"doc": list(self.docs), "part": list(self.parts), "category": list(self.category),
             "objective": list(self.objectives), "year": list(self.years), "kind": list(self.kinds)}
        return {k: v for k, v in d.items() if v}

    def accepts(self, r: Paragraph, kinds: tuple[str, ...]) -> bool:
        if r.kind not in kinds:
            return False
        if self.docs and r.doc_id not in self.docs:
            return False
        if self.parts and not any(r.part.lower() == p or (p == "annex" and r.part.lower().startswith("annex"))
                                  for p in self.parts):
            return False
        if self.category and r.category not in self.category:
            return False
        if self.objectives and not set(self.objectives) & set(r.objectives):
            return False
        if self.years and not (r.date[:4].isdigit() and int(r.date[:4]) in self.years):
            return False
        return True


def build_mask(records: list[Paragraph], f: Filters, kinds: tuple[str, ...]) -> np.ndarray:
    return np.fromiter((f.accepts(r, kinds) for r in records), dtype=bool, count=len(records))
