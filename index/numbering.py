"""Does a parsed document's printed numbering run without a break? (pure; records in, notes out)

A UN text numbers its operative paragraphs 1, 2, 3 ... in each part (a section that restarts the
numbering is a part of its own), and letters their sub-paragraphs (a), (b) ... or (i), (ii) ...
under each chapeau. A parse that loses a paragraph (into a footnote, into the paragraph before,
past a page break) leaves a jump in that sequence; one that splits a paragraph at a number inside
its text leaves a number twice or out of order. Either is said in words, naming the paragraph to
check, wherever the library describes a document (``precedent add``, ``list``, ``parse``, the
page, ``compare`` of a draft file, ``trace DOC``), and an answer quoting a paragraph beside a
break says to check it (``beside_breaks``): a gap in the parse is never silent, for a lost
paragraph is worse than no answer.

Only what is printed is checked: preambular paragraphs carry no printed numbers (``PP3`` counts
them), nor do unnumbered paragraphs or a working draft's labels (``2 bis``). A heading that ends
as a paragraph does (``A. Invites Member States ...;``) is said too: a paragraph read as a
heading is not quoted as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from precedent.ingest.records import Paragraph, paragraph_ref

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
          "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv")
_LETTERS = tuple(chr(97 + k) for k in range(26)) + tuple(chr(97 + k) * 2 for k in range(26))
_ITEM_RE = re.compile(r"^(?P<head>.+?) ?\((?P<item>[a-z]+)\)$")
_ACTION_RE = re.compile(r"^Action (\d+)$")
# no heading of the 90 real documents ends so; a paragraph does ("...;", "...,", "...:")
_ENDS_AS_PARAGRAPH = re.compile(r"[;,.:][”’\"')\]]*$")
# a section numbered by its place ("sect. 2", "annex, sect. 2"), not by a printed label
_PLACE_RE = re.compile(r"^(?:(?P<base>.+), )?sect\. (?P<n>\d+)$")


class DraftLike(Protocol):
    """What the check reads of a record: a compared draft's paragraphs have no more."""

    number: str
    kind: str
    part: str


MAX_NOTES = 5  # per document; the rest are counted


@dataclass(frozen=True)
class Break:
    """One break in a document's printed numbering: what to say, and the records beside it
    (the paragraph before a gap may hold the lost one's words; a number printed twice, both)."""

    said: str
    near: tuple[str, ...]  # record ids


def _breaks(run: list[tuple[str, object]], order: tuple[str, ...]):
    """Where a run of ``(label, record)`` in document order leaves the sequence ``order``:
    ``(kind, a, b, records)`` with kind ``start`` (``a`` first, not ``b``), ``missing`` (labels
    skipped between ``a`` and ``b``), ``twice`` or ``order`` (``b`` after the higher ``a``).
    Each label is read against the highest one before it, so one paragraph out of place is one
    break, not a gap after it too."""
    if not run:
        return
    first, rec = run[0]
    if first != order[0]:
        yield "start", first, order[0], (rec,)
    high, high_rec = first, rec
    seen = {first: rec}
    for label, rec_b in run[1:]:
        if label in seen:
            yield "twice", label, "", (seen[label], rec_b)
            continue
        seen[label] = rec_b
        i, j = order.index(high), order.index(label)
        if j < i:
            yield "order", high, label, (high_rec, rec_b)
            continue
        if j > i + 1:
            yield "missing", high, label, (high_rec, rec_b)
        high, high_rec = label, rec_b


def _sequence(labels: list[str]) -> tuple[str, ...] | None:
    """The sequence a list of item labels follows: letters, or roman numerals when all are
    numerals and they start at (i) or one is no letter label ("iii"); None when a label is
    neither (nothing is checked)."""
    if labels and all(x in _ROMAN for x in labels) and (
            labels[0] == "i" or any(x not in _LETTERS for x in labels)):
        return _ROMAN  # (i), (ii) ...; or (ii), (iii) ... with the first lost
    if all(x in _LETTERS for x in labels):
        return _LETTERS
    return None


def _say(kind: str, a: str, b: str, name) -> str:
    if kind == "missing":
        return f"the numbering goes from {name(a)} to {name(b)}"
    if kind == "twice":
        return f"{name(a)} is printed twice"
    if kind == "start":
        return f"the numbering starts at {name(a)}, not {name(b)}"
    return f"{name(b)} follows {name(a)}"


def _up_to(labels) -> tuple[str, ...]:
    return tuple(str(k) for k in range(1, max(int(n) for n in labels) + 2))


def breaks_of(records: Iterable[Paragraph | DraftLike], excerpt: bool = False) -> list[Break]:
    """Each break in the printed numbering of one document's records, in document order.
    ``excerpt``: the records are a stretch of a document (a file of paragraphs without a
    masthead), whose operative paragraphs may start anywhere: a first paragraph other than 1
    is no break."""
    # in document order (a draft's paragraphs, without ``order``, are read in order already)
    records = sorted(records, key=lambda r: getattr(r, "order", 0))
    out: list[Break] = []

    position = {id(r): k for k, r in enumerate(records)}

    def add(run: list[tuple[str, object]], order, where: str, name,
            any_start: bool = False) -> None:
        """The breaks of ``run``; ``any_start``: its first label may be any (no break)."""
        for kind, a, b, near in _breaks(run, order):
            if kind == "start" and any_start:
                continue
            if kind == "missing":  # and what stands between: an unnumbered paragraph, items
                near = records[position[id(near[0])]:position[id(near[1])] + 1]
            out.append(Break(where + _say(kind, a, b, name),
                             tuple(getattr(r, "id", "") for r in near)))

    parts: dict[str, list] = {}
    for r in records:
        parts.setdefault(r.part, []).append(r)
    for part, rs in parts.items():
        where = f"{part}: " if part and part != "resolution" else ""
        tops = [(r.number, r) for r in rs if r.kind == "paragraph" and r.number.isdigit()]
        if tops:
            add(tops, _up_to(n for n, _ in tops), where,
                lambda n: paragraph_ref("", n, "paragraph"), any_start=excerpt)
        actions = [(m.group(1), r) for r in rs if (m := _ACTION_RE.match(r.number))]
        if actions:
            add(actions, _up_to(n for n, _ in actions), where, lambda n: f"Action {n}")
        items: dict[str, list[tuple[str, object]]] = {}
        for r in rs:
            m = _ITEM_RE.match(r.number) if r.kind == "subparagraph" else None
            if m:
                items.setdefault(m.group("head"), []).append((m.group("item"), r))
        for head, run in items.items():
            order = _sequence([label for label, _ in run])
            if order is not None:
                ref = paragraph_ref("", head,
                                    "preambular" if head.startswith("PP") else "paragraph")
                within = f"{where[:-2]}, " if where else ""  # "annex, para. 17: ..."
                add(run, order, f"{within}{ref}: ", lambda x: f"({x})")
    # A numbering that restarts at 1 with no heading between (``ingest.sections``): read as a
    # section by its place, "sect. 2", which the document does not print: a heading may have
    # been lost in reading it.
    named = list(parts)
    for before, part in zip(named, named[1:]):
        m = _PLACE_RE.match(part)
        first = next((r for r in parts[part] if r.kind == "paragraph"), None)
        if (m and int(m.group("n")) >= 2 and first is not None and first.number == "1"
                and not getattr(first, "section", ())):
            body = [r for r in parts[before] if r.kind != "footnote"]
            if not body:
                continue
            last = body[-1]
            base = m.group("base") or ""
            where = f"{base}: " if base else ""
            within = last.part.removeprefix(f"{base}, ") if base else last.part
            out.append(Break(f"{where}the numbering starts again at para. 1 after "
                             f"{paragraph_ref(within, last.number, last.kind)} with no heading "
                             f"between (read as {part.removeprefix(f'{base}, ')})",
                             (getattr(last, "id", ""), getattr(first, "id", ""))))
    seen: set[str] = set()
    for k, r in enumerate(records):  # a heading that ends as a paragraph does: one read as one
        for title in getattr(r, "section", ()):
            if title in seen or not _ENDS_AS_PARAGRAPH.search(title):
                continue
            seen.add(title)
            short = title if len(title) <= 60 else title[:57].rstrip() + "..."
            out.append(Break(f"“{short}” was read as a heading, but ends as a paragraph does",
                             tuple(getattr(q, "id", "") for q in records[max(k - 1, 0):k + 1])))
    return out


def beside_breaks(records: Iterable[Paragraph]) -> dict[str, str]:
    """Record id -> what the break beside it is, over the records of any documents: the
    paragraphs an answer quoting them must warn of."""
    docs: dict[str, list[Paragraph]] = {}
    for r in records:
        docs.setdefault(r.doc_id, []).append(r)
    return {rid: b.said for rs in docs.values() for b in breaks_of(rs) for rid in b.near}


def numbering_breaks(records: Iterable[Paragraph | DraftLike], excerpt: bool = False
                     ) -> list[str]:
    """One note for each break in the printed numbering of one document's records, in document
    order: ``annex: the numbering goes from para. 6 to para. 8``, ``para. 16: the numbering goes
    from (b) to (d)``; none for a document whose numbers run without a break."""
    return [b.said for b in breaks_of(records, excerpt)]


def numbering_note(records: Iterable[Paragraph | DraftLike], excerpt: bool = False) -> str:
    """The breaks of one document's numbering as one sentence for a message, or ``""``: what a
    reader should check against the document itself (``excerpt``: see ``breaks_of``)."""
    breaks = numbering_breaks(records, excerpt)
    if not breaks:
        return ""
    shown = "; ".join(breaks[:MAX_NOTES])
    more = f"; and {len(breaks) - MAX_NOTES} more" if len(breaks) > MAX_NOTES else ""
    return (f"Check against the document: {shown}{more}. A paragraph or its number may have "
            "been lost, merged or split in reading the file, or the document numbers it so.")
