"""Drafts -> records, the last step of parsing (pure): footnote marks resolved, categories, ids,
and two guarantees whatever the input holds.

- **Ids are unique, always.** A number printed twice in one part (a layout the parser did not
  understand, or a PDF of 100,000 pages each starting "1.") keeps its printed number and
  citation; its id takes a suffix (``doc:body:1~2``) and a warning is logged.
- **No document is refused for the length of a paragraph.** A paragraph longer than
  ``RECORD_CHARS`` (an agenda, a calendar of conferences, a list of hundreds of items) is kept
  whole, in order, as consecutive records: the first under its number, the rest numbered
  ``11 (cont. 2)``, ``11 (cont. 3)`` ... (cited ``para. 11 (cont. 2)``, each pointing to the first
  as its parent). It is cut where the items of its list start, else at a sentence end, else
  between words. A negotiator cites the paragraph ("para. 11"); the pieces only keep each
  record a size that can be read, embedded and shown. Real UN paragraphs stay far below the
  limit (the longest of 86 real PDFs is about 4,000 characters), so nothing real is split today.
"""

from __future__ import annotations

import logging
import re

from .body import Draft
from .classify import categorize, list_category, participle_led
from .records import DocumentInfo, Footnote, Paragraph, make_citation, make_id
from .text_patterns import normalize_ws, strip_footnote_marks

log = logging.getLogger(__name__)

_ACTS = frozenset({"commitment", "request", "decision", "encouragement"})  # what a text does
RECORD_CHARS = 50_000  # the most one record holds; a longer paragraph goes on in the next record
_STAR_MARK_RE = re.compile(r"(?<=[\w,.;:)\]”’])\*(?![\w*])")
_SENTENCE_END_RE = re.compile(r"[.;:!?][”’\"')]*\s+(?=[A-Z0-9“‘(\"])")


def assemble(
    doc: DocumentInfo, drafts: list[Draft], footnotes: dict[str, Draft],
    heading_refs: dict[str, tuple[str, ...]], plain_marks: bool = True,
) -> list[Paragraph]:
    """Drafts -> records: footnote marks stripped from texts and resolved to footnote texts (a
    mark whose footnote is not on its page or the next stays in the text); a footnote takes the
    section of the paragraph (or heading) that cites it, wherever the layout printed it (page
    foot, after the paragraph, end of the block). ``plain_marks``: a plain digit glued to a word
    may be a mark (a text layer); else only superscripts are."""
    drafts = split_long(drafts)
    notes: dict[str, list[Draft]] = {}
    for d in drafts:
        if d.kind == "footnote":
            notes.setdefault(d.number, []).append(d)
    texts: list[tuple[str, tuple[Footnote, ...]]] = []
    cited_in: dict[str, tuple[str, ...]] = dict(heading_refs)
    for d in drafts:
        if d.kind == "footnote":
            texts.append((strip_footnote_marks(d.text)[0], ()))
            continue
        near = _notes_near(d.page, notes, footnotes)
        # others stay in the text
        text, marks = strip_footnote_marks(d.text, set(near), plain=plain_marks)
        refs = tuple(Footnote(m, normalize_ws(near[m].text)) for m in marks if m in near)
        if "*" in footnotes and _STAR_MARK_RE.search(text):
            text = _STAR_MARK_RE.sub("", text)
            refs += (Footnote("*", normalize_ws(footnotes["*"].text)),)
        for ref in refs:
            cited_in.setdefault(ref.mark, d.section)
        texts.append((text, refs))
    ids = unique_ids(doc.doc_id, drafts)
    records: list[Paragraph] = []
    chapeaux: dict[int, tuple[str, str]] = {}  # id(draft) -> (category, text) of paragraphs so far
    for order, (d, (text, refs)) in enumerate(zip(drafts, texts)):
        number = f"fn{d.number}" if d.kind == "footnote" else d.number
        section = cited_in.get(d.number, d.section) if d.kind == "footnote" else d.section
        category, categories = (categorize(text, operative=d.kind != "preambular")
                                if d.kind != "footnote" else ("other", ()))
        if (d.kind == "subparagraph" and (category == "other" or participle_led(text))
                and id(d.parent) in chapeaux):
            # "We commit to ...: (a) ...; (b) Recognizing ..." / "To realize this commitment, we
            # will draw from the following actions:": a lettered item goes on its chapeau's
            # sentence and does what the verb introducing it does ("We recognize ... In this
            # regard, we commit to:" lists commitments).
            parent_category, parent_text = chapeaux[id(d.parent)]
            listed = list_category(parent_text) or parent_category
            # ... unless the item itself asks, calls or decides and the chapeau only finds:
            # "Reaffirms ... the need to strengthen its fulfilment, including by: (a) Requesting
            # the Peacebuilding Commission to ..." requests (A/RES/80/11 para. 1 (a), (b), (d)-(g)
            # were labelled reaffirmations and missed by the request filter)
            own_act = category in _ACTS and listed not in _ACTS
            if parent_category != "other" and parent_text.rstrip().endswith(":") and not own_act:
                category = listed
                categories = (category,)
        if d.kind != "footnote":
            chapeaux[id(d)] = (category, text)
        records.append(
            Paragraph(
                id=ids[id(d)],
                doc_id=doc.doc_id,
                symbol=doc.symbol,
                title=doc.title,
                date=doc.date,
                part=d.part,
                number=number,
                kind=d.kind,
                text=text,
                citation=make_citation(doc, d.part, number, d.kind),
                section=section,
                category=category,
                categories=categories,
                objectives=d.objectives,
                footnotes=refs,
                parent=ids.get(id(d.parent), "") if d.parent is not None else "",
                page=d.page,
                order=order,
            )
        )
    return records


def _notes_near(page: int | None, notes: dict[str, list[Draft]],
                footnotes: dict[str, Draft]) -> dict[str, Draft]:
    """The footnote each mark in a paragraph starting on ``page`` cites: of the footnotes with that
    number, the first printed on that page or after it (footnotes numbered again from 1 in an
    annex are the annex's), else the last before it (a reference to a footnote printed earlier
    repeats its number). Without page numbers, every footnote."""
    if page is None:
        return footnotes
    near = {}
    for mark, found in notes.items():
        after = [n for n in found if n.page is None or n.page >= page]
        near[mark] = after[0] if after else found[-1]
    return near


def unique_ids(doc_id: str, drafts: list[Draft]) -> dict[int, str]:
    """``{id(draft): record id}``: ``doc:part:number``, a repeat taking ``~2``, ``~3`` ..."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    last: dict[str, int] = {}  # base id -> the last suffix given
    for d in drafts:
        base = make_id(doc_id, d.part, f"fn{d.number}" if d.kind == "footnote" else d.number)
        rid = base
        if rid in taken:
            n = last.get(base, 1)
            while rid in taken:
                n += 1
                rid = f"{base}~{n}"
            last[base] = n
        taken.add(rid)
        out[id(d)] = rid
    if last:
        worst = max(last, key=last.get)
        log.warning("%s: %d numbers printed more than once in a part (%s %d times); their ids are "
                    "kept apart as %s~2 ...", doc_id, len(last), worst, last[worst], worst)
    return out


def split_long(drafts: list[Draft], limit: int | None = None) -> list[Draft]:
    """Each draft longer than ``limit`` (``RECORD_CHARS``) becomes consecutive drafts of at most
    ``limit`` characters, cut where an item of its list starts, else at a sentence end, else
    between words."""
    limit = limit or RECORD_CHARS
    out: list[Draft] = []
    for d in drafts:
        if len(d.text) <= limit:
            out.append(d)
            continue
        pieces = _cut(d.text, d.items, limit)
        log.info("%s %s: %d characters kept as %d records", d.part, d.number, len(d.text),
                 len(pieces))
        d.text = pieces[0]
        out.append(d)
        for k, piece in enumerate(pieces[1:], start=2):
            out.append(Draft(d.part, f"{d.number} (cont. {k})", d.kind, piece, d.section,
                             d.objectives, d.page, parent=d))
    return out


def _cut(text: str, items: list[int], limit: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = max((i for i in items if start < i <= end), default=0)
        if not cut:
            ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, start + limit // 2, end)]
            cut = ends[-1] if ends else 0
        if not cut:
            cut = text.rfind(" ", start + 1, end) + 1 or end
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]
