"""A readable HTML report of a draft comparison (``precedent compare --html``, the web tab).

    from precedent.search.compare import compare_text
    from precedent.ui.report_html import render_compare_html, render_compare_fragment
    html = render_compare_html(compare_text(lib, draft))      # a whole page, self-contained
    part = render_compare_fragment(result)                    # the body only, for the web app

Agreed spans are marked with the citations of the paragraphs that hold them; the rest of the
draft is plain "new" text. For the best match, kept words are shown plainly, inserted words
green and underlined, deleted words red and struck through. Every text is HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape

from precedent.search.compare import DELETE, EQUAL, WordOp, diff_counts

MAX_CITATIONS_SHOWN = 3  # per agreed span, on the page and in the report; the rest as "and N more"
_WORDS = re.compile(r"\w")

STYLE = """
body{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.4em} h2{font-size:1.05em;margin:1.6em 0 .3em;border-top:1px solid #ccc;padding-top:.8em}
.meta,.cov,.cites,.match,.none{font-family:system-ui,sans-serif;font-size:.85em;color:#555}
.bar{display:inline-block;width:8em;height:.7em;background:#eee;vertical-align:middle;margin-right:.4em}
.bar span{display:block;height:100%;background:#4a7}
mark.agreed{background:#d8f0dc;border-bottom:2px solid #4a7;padding:0 .1em}
mark.agreed sup{color:#275;font-family:system-ui,sans-serif;font-size:.7em}
.new{background:#fff3cd}
.diff ins{background:#d8f0dc;color:#064;text-decoration:underline}
.diff del{background:#f8d7da;color:#900;text-decoration:line-through}
.draft,.diff{margin:.3em 0 .6em}
ol.cites{margin:.2em 0 .6em 1.2em;padding:0}
"""


def esc(text) -> str:
    """Any value as HTML text (quotes escaped too: safe in attributes)."""
    return escape(str(text), quote=True)



def _new(text: str) -> str:
    """Text outside agreed spans: marked new when it holds a word (not bare punctuation)."""
    return f'<span class="new">{esc(text)}</span>' if _WORDS.search(text) else esc(text)


def render_marked_text(text: str, spans, start_index: int = 1) -> tuple[str, list[tuple[int, tuple]]]:
    """The draft text with agreed spans in ``<mark>`` (numbered) and the rest as new text.
    Returns the HTML and the (number, citations) list the marks refer to."""
    out, notes, pos = [], [], 0
    for n, s in enumerate(sorted(spans, key=lambda s: s.start), start=start_index):
        if s.start > pos:
            out.append(_new(text[pos:s.start]))
        cites = "; ".join(s.citations)
        out.append(f'<mark class="agreed" title="{esc(cites)}">{esc(text[s.start:s.end])}<sup>[{n}]</sup></mark>')
        notes.append((n, tuple(s.citations)))
        pos = max(pos, s.end)
    if pos < len(text):
        out.append(_new(text[pos:]))
    return "".join(out), notes


def render_diff(ops: list[WordOp]) -> str:
    """Kept words plain, inserted ``<ins>``, deleted ``<del>`` (from the earlier text to the draft)."""
    parts = []
    for op in ops:
        if op.op == EQUAL:
            parts.append(esc(" ".join(op.new)))
        elif op.op == DELETE:
            parts.append(f"<del>{esc(' '.join(op.old))}</del>")
        else:
            parts.append(f"<ins>{esc(' '.join(op.new))}</ins>")
    return " ".join(parts)


def _coverage(pct: int) -> str:
    return (f'<span class="cov"><span class="bar"><span style="width:{pct}%"></span></span>'
            f"{pct}% agreed language</span>")


def _paragraph(p) -> str:
    d = p.draft
    html = [f"<section class=\"para\"><h2>Draft {esc(d.label)} {_coverage(p.percent)}</h2>"]
    marked, notes = render_marked_text(d.text, p.spans)
    html.append(f'<p class="draft">{marked}</p>')
    if notes:
        html.append('<ol class="cites">')
        for n, cites in notes:
            shown = "; ".join(esc(c) for c in cites[:MAX_CITATIONS_SHOWN])
            more = len(cites) - MAX_CITATIONS_SHOWN
            extra = f" and {more} more" if more > 0 else ""
            html.append(f'<li value="{n}">{shown}{extra}</li>')
        html.append("</ol>")
    if p.best is None:
        html.append('<p class="none">No earlier paragraph is close to this one: new text.</p>')
    else:
        counts = diff_counts(p.changes)
        html.append(f'<p class="match">Closest: <b>{esc(p.best.citation)}</b> (similarity '
                    f'{p.best.score:.2f}): {counts["kept"]} words kept, {counts["inserted"]} inserted, '
                    f'{counts["deleted"]} deleted</p>')
        html.append(f'<p class="diff">{render_diff(p.changes)}</p>')
        if len(p.matches) > 1:
            others = "; ".join(f"{esc(h.citation)} ({h.score:.2f})" for h in p.matches[1:])
            html.append(f'<p class="match">Also close: {others}</p>')
    html.append("</section>")
    return "\n".join(html)


def render_compare_fragment(result) -> str:
    """The report body (no ``<html>`` wrapper), for embedding in a page."""
    docs = ", ".join(esc(d) for d in result.documents)
    head = (f'<p class="meta">{len(result.paragraphs)} paragraphs, {result.words} words; '
            f"{_coverage(result.percent)} overall. Precedent: {docs}. Agreed spans: at least "
            f"{result.options.min_words} words verbatim (case, quotes, dashes and spacing aside).</p>")
    return head + "\n" + "\n".join(_paragraph(p) for p in result.paragraphs)


def render_compare_html(result, title: str = "Draft compared with agreed language") -> str:
    """A whole, self-contained HTML page."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body><h1>{esc(title)}</h1>\n"
            f"{render_compare_fragment(result)}\n</body></html>\n")
