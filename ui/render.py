"""HTML for the web page: answers, paragraphs and messages.

Every piece of document text and user input goes through ``html.escape``; the only tags in the
output are the ones written here (``div``, ``span``, ``mark``, ``p``, ``h3``, ``h4``, ``ol``,
``li``, ``sup``, ``button``; ``ins`` and ``del`` in a draft comparison), with
``class``/``type``/``title`` attributes only. Paragraph text is
shown verbatim (CSS ``white-space: pre-wrap``): un-escaping the text of a rendered paragraph
gives back ``record.text`` exactly.
"""

from __future__ import annotations

from precedent.ingest.records import Paragraph
from precedent.search import Answer, Hit
from precedent.search.compare import diff_counts, percent
from precedent.search.highlight import merge_spans

from .report_html import MAX_CITATIONS_SHOWN, esc, render_diff, render_marked_text

ROLE_HEADINGS = {"answer": "Commitments", "context": "Context"}
FILTER_LABELS = {"doc": "document", "part": "part", "category": "category",
                 "objective": "objective", "year": "year", "kind": "kind", "status": "status"}


def document_choice_label(doc: dict) -> str:
    """A document as the filter lists it (plain text): ``Global Compact · adopted, 2018``."""
    name = doc.get("short_title") or doc.get("symbol") or doc.get("title") or doc["doc_id"]
    what = ", ".join(b for b in (doc.get("status", ""), doc.get("year", "")) if b)
    return f"{name} · {what}" if what else name


def highlight(text: str, spans) -> str:
    """``text`` escaped, with the given character spans wrapped in ``<mark>``."""
    parts, pos = [], 0
    clipped = [(max(0, int(s)), min(len(text), int(e))) for s, e in spans]
    for s, e in merge_spans([(s, e) for s, e in clipped if e > s]):
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


def render_hit(hit: Hit, subs: tuple[Hit, ...] = ()) -> str:
    """A paragraph with its citation, highlighted text, provenance and the sub-paragraph hits
    under it (a chapeau brought in for its sub-paragraphs is marked so)."""
    rec = hit.record
    cls = "pc-hit pc-chapeau" if hit.role == "chapeau" else "pc-hit"
    out = [f'<div class="{cls}">{cite_line(rec)}', f'<p class="pc-text">{highlight(rec.text, hit.highlights)}</p>']
    if hit.provenance is not None:
        out.append(f'<p class="pc-prov">{esc(hit.provenance.sentence()[:1].upper() + hit.provenance.sentence()[1:])}</p>')
    if subs:
        out.append('<div class="pc-subs">' + "".join(render_hit(s) for s in subs) + "</div>")
    out.append("</div>")
    return "".join(out)


def render_doc_heading(group) -> str:
    """``Global Compact (A/RES/73/195, 2018)`` with an adopted/draft badge."""
    status = group.document.status if group.document else ""
    badge_html = f' <span class="pc-status pc-status-{esc(status)}">{esc(status)}</span>' if status else ""
    return f'<h3 class="pc-doc-name">{esc(group.heading)}{badge_html}</h3>'


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
    for group in answer.groups():
        out.append(f'<div class="pc-doc">{render_doc_heading(group)}')
        if answer.intent == "commitment":
            for role in ("answer", "context"):
                entries = [e for e in group.entries if _answers(e) == (role == "answer")]
                if entries:
                    out.append(f'<h4 class="pc-role">{ROLE_HEADINGS[role]}</h4>')
                    out.extend(render_hit(e.hit, e.subs) for e in entries)
        else:
            out.extend(render_hit(e.hit, e.subs) for e in group.entries)
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def _answers(entry) -> bool:
    """An entry answers a commitment question when its paragraph or a sub-paragraph under it does."""
    return any(h.role == "answer" for h in (entry.hit, *entry.subs))


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


# --- a draft compared with the library (the Compare tab) ---------------------------------------

def coverage_badge(part: int, whole: int) -> str:
    pct = percent(part, whole)
    level = "full" if pct == 100 else "none" if pct == 0 else "part"
    return (f'<span class="pc-cov pc-cov-{level}" title="{part} of {whole} words in agreed spans">'
            f"{pct}% agreed</span>")


def _citations(cites) -> str:
    """Citations of an agreed span, oldest first: the first is where it was first agreed."""
    shown = "; ".join(f'<span class="pc-cite">{esc(c)}</span>' for c in cites[:MAX_CITATIONS_SHOWN])
    if len(cites) > 1:
        shown = "first in " + shown
    more = len(cites) - MAX_CITATIONS_SHOWN
    if more > 0:
        rest = "; ".join(cites[MAX_CITATIONS_SHOWN:])
        shown += f' <span class="pc-more" title="{esc(rest)}">and {more} more</span>'
    return shown


def _changes(ops) -> str:
    """The word changes from the closest paragraph to the draft, or that there are none."""
    c = diff_counts(ops)
    if not c["inserted"] and not c["deleted"]:
        return (f'<p class="pc-count">The same {c["kept"]} words as the draft (case, quotes and dashes '
                "aside).</p>")
    return (f'<p class="pc-count">From it to the draft: {c["kept"]} words kept, <ins>{c["inserted"]} '
            f'inserted</ins>, <del>{c["deleted"]} deleted</del>:</p><p class="pc-text pc-diff">{render_diff(ops)}</p>')


def render_draft_paragraph(p) -> str:
    """One draft paragraph: coverage, the text with agreed spans marked (their citations in the
    marks' titles and listed below), then the closest earlier paragraph and the word changes."""
    d = p.draft
    out = [f'<div class="pc-cmp-para"><div class="pc-head"><span class="pc-cmp-num">Draft {esc(d.label)}</span> '
           f"{coverage_badge(p.agreed_words, p.words)}"
           f'<span class="pc-count">{p.agreed_words} of {p.words} words in agreed spans</span></div>']
    marked, notes = render_marked_text(d.text, p.spans)
    out.append(f'<p class="pc-text pc-cmp-draft">{marked}</p>')
    if notes:
        items = "".join(f"<li><sup>[{n}]</sup> {_citations(cites)}</li>" for n, cites in notes)
        out.append(f'<ol class="pc-cmp-cites" title="where each marked span stands verbatim">{items}</ol>')
    if p.best is None:
        out.append(render_message("No match: no earlier paragraph is close to this one. Treat it as new text.",
                                  "warn"))
    else:
        out.append(f'<div class="pc-cmp-best"><div class="pc-head"><span class="pc-role">Closest</span> '
                   f'<span class="pc-cite">{esc(p.best.citation)}</span> <span class="pc-badge" '
                   f'title="0.5 x meaning + 0.5 x shared words">similarity {p.best.score:.2f}</span></div>'
                   f"{_changes(p.changes)}</div>")
        if len(p.matches) > 1:
            others = "; ".join(f'<span class="pc-cite">{esc(h.citation)}</span> ({h.score:.2f})'
                               for h in p.matches[1:])
            out.append(f'<p class="pc-count pc-cmp-also">Also close: {others}</p>')
    out.append("</div>")
    return "".join(out)


def render_comparison(result, doc_names: dict[str, str] | None = None, source: str = "") -> str:
    """A whole comparison (``search.compare.CompareResult``): the share of agreed language in
    the draft first, then every draft paragraph."""
    names = doc_names or {}
    matched = sum(1 for p in result.paragraphs if p.matches)
    n = len(result.paragraphs)
    docs = ", ".join(names.get(d, d) for d in result.documents)
    what = f"in {source}" if source else "in the draft"
    out = ['<div class="pc-compare"><div class="pc-cmp-summary">',
           f'<p class="pc-cmp-total">{coverage_badge(result.agreed_words, result.words)} language {esc(what)} '
           f'<span class="pc-count">({result.agreed_words} of {result.words} words in agreed spans; '
           f'{matched} of {n} paragraph{"s" if n != 1 else ""} close to an earlier one)</span></p>',
           f'<p class="pc-count">Precedent: {esc(docs)}. Agreed span: at least {result.options.min_words} '
           "words standing verbatim in an earlier paragraph (case, quotes, dashes and spacing aside). "
           '<ins>Inserted</ins> and <del>deleted</del> words: from the closest earlier paragraph to the '
           "draft.</p></div>"]
    out.extend(render_draft_paragraph(p) for p in result.paragraphs)
    out.append("</div>")
    return "".join(out)
