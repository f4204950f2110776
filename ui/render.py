"""HTML for the web page: answers, paragraphs and messages.

Every piece of document text and user input goes through ``html.escape``; the only tags in the
output are the ones written here (``div``, ``span``, ``mark``, ``p``, ``h3``, ``h4``, ``ol``,
``li``, ``sup``, ``button``), with ``class``/``type``/``title`` attributes only. Paragraph text is
shown verbatim (CSS ``white-space: pre-wrap``): un-escaping the text of a rendered paragraph
gives back ``record.text`` exactly.
"""

from __future__ import annotations

from html import escape

from ingest.records import Paragraph
from search import Answer, Hit

ROLE_HEADINGS = {"answer": "Commitments", "context": "Context"}
FILTER_LABELS = {"doc": "document", "part": "part", "category": "category",
                 "objective": "objective", "year": "year", "kind": "kind"}


def esc(text) -> str:
    return escape(str(text), quote=True)


def merge_spans(spans, length: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans clipped to ``[0, length]``."""
    out: list[list[int]] = []
    for s, e in sorted((max(0, int(s)), min(length, int(e))) for s, e in spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def highlight(text: str, spans) -> str:
    """``text`` escaped, with the given character spans wrapped in ``<mark>``."""
    parts, pos = [], 0
    for s, e in merge_spans(spans, len(text)):
        parts.append(esc(text[pos:s]))
        parts.append(f"<mark>{esc(text[s:e])}</mark>")
        pos = e
    parts.append(esc(text[pos:]))
    return "".join(parts)


def badge(category: str) -> str:
    cat = category if category.isalnum() else "other"
    return f'<span class="pc-badge pc-cat-{esc(cat)}" title="category">{esc(category)}</span>'


def badges(rec: Paragraph) -> str:
    """The category badge, then any other category its sentences carry, muted."""
    others = [c for c in rec.categories if c != rec.category]
    extra = "".join(f'<span class="pc-badge pc-also" title="also">{esc(c)}</span>' for c in others)
    return badge(rec.category) + extra


def cite_line(rec: Paragraph, copy_button: bool = True) -> str:
    button = ('<button class="pc-copy" type="button" title="Copy the citation">Copy</button>'
              if copy_button else "")
    return (f'<div class="pc-head"><span class="pc-cite">{esc(rec.citation)}</span> '
            f'{badges(rec)}{button}</div>')


def render_user(question: str) -> str:
    return f'<span class="pc-question">{esc(question)}</span>'


def render_message(text: str, kind: str = "info") -> str:
    kind = kind if kind in ("info", "error", "ok", "warn") else "info"
    return f'<p class="pc-msg pc-{kind}">{esc(text)}</p>'


def describe_filters(filters: dict, doc_names: dict[str, str] | None = None) -> str:
    """``category: commitment; part: annex`` (plain text) for the active filters."""
    bits = []
    for key, values in filters.items():
        if not values:
            continue
        if key == "doc" and doc_names:
            values = [doc_names.get(v, v) for v in values]
        bits.append(f"{FILTER_LABELS.get(key, key)}: {', '.join(str(v) for v in values)}")
    return "; ".join(bits)


def render_hit(hit: Hit) -> str:
    rec = hit.record
    return (f'<div class="pc-hit">{cite_line(rec)}'
            f'<p class="pc-text">{highlight(rec.text, hit.highlights)}</p></div>')


def render_answer(answer: Answer, doc_names: dict[str, str] | None = None) -> str:
    """One chat answer: notes, then the hits grouped by document (commitments first)."""
    out = ['<div class="pc-answer">']
    if answer.low_confidence or answer.message:
        kind = "warn" if answer.low_confidence else "info"
        text = answer.message or "Low confidence: no paragraph answers this well."
        out.append(render_message(text, kind))
    active = describe_filters(answer.filters, doc_names)
    if active:
        out.append(f'<p class="pc-filters">Filters: {esc(active)}</p>')
    if not answer.hits:
        out.append(render_message("No paragraphs found.", "info"))
    else:
        n = len(answer.hits)
        out.append(f'<p class="pc-count">{n} paragraph{"s" if n != 1 else ""}, best first</p>')
    for name, hits in answer.groups():
        out.append(f'<div class="pc-doc"><h3 class="pc-doc-name">{esc(name)}</h3>')
        if answer.intent == "commitment":
            for role in ("answer", "context"):
                group = [h for h in hits if (h.role == "answer") == (role == "answer")]
                if group:
                    out.append(f'<h4 class="pc-role">{ROLE_HEADINGS[role]}</h4>')
                    out.extend(render_hit(h) for h in group)
        else:
            out.extend(render_hit(h) for h in hits)
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def _footnotes(rec: Paragraph) -> str:
    if not rec.footnotes:
        return ""
    items = "".join(f'<li><sup>{esc(f.mark)}</sup> {esc(f.text)}</li>' for f in rec.footnotes)
    return f'<div class="pc-footnotes"><h4>Footnotes</h4><ol>{items}</ol></div>'


def render_paragraph(rec: Paragraph, context: list[Paragraph]) -> str:
    """The chosen paragraph in full: section heading, footnotes, and its neighbours."""
    out = ['<div class="pc-para">']
    if rec.section:
        out.append(f'<p class="pc-section">{esc(" › ".join(rec.section))}</p>')
    seen = False
    for r in context:
        if r.id == rec.id:
            seen = True
            out.append(f'<div class="pc-focus">{cite_line(r)}<p class="pc-text">{esc(r.text)}</p>'
                       f'{_footnotes(r)}</div>')
        else:
            where = "after" if seen else "before"
            out.append(f'<div class="pc-neighbour pc-{where}">{cite_line(r, copy_button=False)}'
                       f'<p class="pc-text">{esc(r.text)}</p></div>')
    out.append("</div>")
    return "".join(out)


def quote_block(rec: Paragraph) -> str:
    """Plain text to paste into a draft: the citation and the verbatim paragraph in quotes."""
    return f"{rec.citation}:\n“{rec.text}”"
