"""HTML for the web page and the downloaded report, from autoescaped Jinja2 templates.

One template per view, in ``ui/templates``: ``answer.html`` (a chat answer), ``paragraph.html``
(the paragraph view), ``comparison.html`` (a draft compared with the library; ``report.html``
puts the same comparison in a page of its own for download), with ``_macros.html`` for the
pieces they share and ``precedent.css``, the one style sheet of the page and the report.

Every value a template prints is escaped (quotes too: ``esc``); the only tags in the output are
the templates' own (``div``, ``span``, ``mark``, ``p``, ``h3``, ``h4``, ``ol``, ``li``, ``sup``,
``button``; ``ins`` and ``del`` in a comparison), with ``class``/``type``/``title`` attributes
only. Paragraph text is shown verbatim (CSS ``white-space: pre-wrap``): un-escaping the text of a
rendered paragraph gives back ``record.text`` exactly.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from html import escape
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from precedent.ingest.records import Paragraph
from precedent.ingest.text_patterns import SUPERSCRIPTS
from precedent.ingest.wording import counted
from precedent.search import Answer
from precedent.search.compare import diff_counts, percent, similarity_text
from precedent.search.filters import describe_filters
from precedent.search.highlight import merge_spans
from precedent.search.ranking import answer_heading, context_heading
from precedent.search.results import capfirst, in_drafts
from precedent.search.twins import twin_note

log = logging.getLogger(__name__)

# a run of answers: ``answer_heading``; "form": paragraphs holding a quoted phrase only in
# another form (its nouns in the other number), after those holding it as written
ROLE_HEADINGS = {"form": "The phrase in another form"}  # "context": ``context_heading``
MAX_CITATIONS_SHOWN = 3  # per agreed span, on the page and in the report; the rest as "and N more"
_WORDS = re.compile(rf"[^\W{SUPERSCRIPTS}]")  # a letter or digit, not a footnote mark ("⁸")


def esc(text) -> str:
    """Any value as HTML text (quotes escaped too: safe in attributes)."""
    return escape(str(text), quote=True)


def _finalize(value):
    """Every printed value through ``esc`` (autoescaping's own escape writes quotes as
    ``&#34;``)."""
    return value if isinstance(value, Markup) else Markup(esc(value))


def highlight_segments(text: str, spans) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, highlighted)``, the given character spans merged and clipped."""
    out, pos = [], 0
    clipped = [(max(0, int(s)), min(len(text), int(e))) for s, e in spans]
    for s, e in merge_spans([(s, e) for s, e in clipped if e > s]):
        out += [(text[pos:s], False), (text[s:e], True)]
        pos = e
    out.append((text[pos:], False))
    return [(t, on) for t, on in out if t]


def marked_draft(text: str, spans, stitches=(),
                 formulas=()) -> list[tuple[str, str, int, tuple]]:
    """A draft paragraph cut into ``(kind, piece, number, citations)``: ``agreed`` spans (``draft``
    when only drafts hold them), numbered from 1, ``stock`` phrases (``formulas``: neither agreed
    language counted nor new), ``new`` text holding a word, and ``plain`` bare punctuation.
    Consecutive spans citing the same paragraphs, with nothing but punctuation between them, are
    one mark, unless the draft joins them where their paragraph does not
    (``stitches``: "that should" + "be conditional" where it reads "should not be")."""
    joined = {t.at for t in stitches}
    out, pos, n = [], 0, 0
    last = None  # (index in out, start offset) of the last agreed mark

    def rest(piece: str) -> None:
        if piece:
            out.append(("new" if _WORDS.search(piece) else "plain", piece, 0, ()))

    stock = {f.start for f in formulas}
    for s in sorted([*spans, *formulas], key=lambda s: s.start):
        if s.start in stock:
            rest(text[pos:s.start])
            out.append(("stock", text[s.start:s.end], 0, (f"{s.note}: {s.cited}",)))
            pos, last = max(pos, s.end), None
            continue
        cites = tuple(s.citations)
        kind = "draft" if getattr(s, "drafts_only", False) else "agreed"
        if (last is not None and out[last[0]][3] == cites and out[last[0]][0] == kind
                and not _WORDS.search(text[pos:s.start]) and s.start not in joined):
            del out[last[0]:]
            out.append((kind, text[last[1]:s.end], n, cites))
        else:
            if s.start > pos:
                rest(text[pos:s.start])
            n += 1
            last = (len(out), s.start)
            out.append((kind, text[s.start:s.end], n, cites))
        pos = max(pos, s.end)
    rest(text[pos:])
    return out


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("precedent.ui", "templates"), autoescape=True,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["capfirst"] = capfirst
    env.globals.update(highlight=highlight_segments, marked_draft=marked_draft, percent=percent,
                       diff_counts=diff_counts, max_cites=MAX_CITATIONS_SHOWN, counted=counted,
                       twin_note=twin_note, similarity_text=similarity_text)
    return env


@cache
def css() -> str:
    """The one style sheet of the page and the report."""
    return files("precedent.ui").joinpath("templates", "precedent.css").read_text(encoding="utf-8")


def _render(name: str, **values) -> str:
    return environment().get_template(name).render(**values).strip()


def _macro(name: str, *args) -> str:
    return str(getattr(environment().get_template("_macros.html").module, name)(*args))


# --- the Search tab -------------------------------------------------------------------------------

def render_user(question: str) -> str:
    return _macro("user", question)


def render_message(text: str, kind: str = "info") -> str:
    return _macro("message", text, kind if kind in ("info", "error", "ok", "warn") else "info")


def document_choice_label(doc: dict) -> str:
    """A document as the filter lists it (plain text), its symbol in it so that typing the
    symbol finds it: ``Global Compact (A/RES/73/195) · adopted, 2018``."""
    name = (doc.get("name") or doc.get("short_title") or doc.get("symbol") or doc.get("title")
            or doc["doc_id"])
    symbol = doc.get("symbol") or ""
    if symbol and symbol not in name:
        name = f"{name} ({symbol})"
    what = ", ".join(b for b in (doc.get("status", ""), doc.get("year", "")) if b)
    return f"{name} · {what}" if what else name


def _answers(entry) -> bool:
    """An entry answers a commitment question when its paragraph or a sub-paragraph under it
    does."""
    return any(h.role == "answer" for h in (entry.hit, *entry.subs))


def _answers_heading(hits) -> str:
    """"Commitments", "Decisions and requests (some in drafts, not agreed)": what the answers
    among ``hits`` are, and whether drafts hold them."""
    heading = answer_heading([h.record for h in hits if h.role == "answer"])
    drafts = in_drafts(hits)
    return f"{heading} ({drafts})" if heading and drafts else heading


def objective_label(number: int, title: str, width: int = 70) -> str:
    """``Objective 13: Use immigration detention only as a measure of last resort and work …``."""
    if not title:
        return f"Objective {number}"
    text = f"Objective {number}: {title}"
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def render_answer(answer: Answer, doc_names: dict[str, str] | None = None) -> str:
    """One chat answer: notes, then its entries in their one order (``answer.order``), each with
    its rank, document (name, symbol, year, status), relevance and score, the matching
    sub-paragraphs under their paragraph; for a commitment question, a heading wherever the
    entries turn from answers on the topic (named for what they are: commitments, decisions,
    requests, calls) to context (or back): headings never reorder them."""
    entries = answer.ranked()
    runs: list[tuple[str, list]] = []  # runs of answers and of context, in the one order
    for e in entries:
        role = ("form" if all(h.role in ("form", "chapeau") for h in e.hits)
                else ("answer" if _answers(e) else "context") if answer.intent == "commitment"
                else "")
        if not runs or runs[-1][0] != role:
            runs.append((role, []))
        runs[-1][1].append(e)
    # a run of answers is named for what it holds ("Commitments", "Decisions, requests and
    # calls"): a call or a request is not called a commitment
    sections = [(_answers_heading([h for e in run for h in e.hits]) if role == "answer"
                 else context_heading([h.record for e in run for h in e.hits])
                 if role == "context" else ROLE_HEADINGS.get(role, ""), run)
                for role, run in runs]
    return _render("answer.html", answer=answer, sections=sections, count=answer.count(),
                   filters=describe_filters(answer.filters, doc_names))


def render_paragraph(rec: Paragraph, context: list[Paragraph]) -> str:
    """The chosen paragraph in full: section heading, footnotes, and its neighbours."""
    ids = [r.id for r in context]
    at = ids.index(rec.id) if rec.id in ids else len(ids)
    where = ["before" if i < at else "focus" if i == at else "after" for i in range(len(context))]
    return _render("paragraph.html", rec=rec, context=list(zip(context, where)))


# --- a draft compared with the library (the Compare tab, the report) ------------------------------

def render_comparison(result, doc_names: dict[str, str] | None = None, source: str = "") -> str:
    """A whole comparison (``search.compare.CompareResult``): the share of agreed language in
    the draft first, then every draft paragraph."""
    return _render("comparison.html", result=result, names=doc_names or {}, source=source)


def compare_title(result, name: str = "") -> str:
    """The report's title: what the draft was compared with ("agreed language", or "agreed and
    draft language" when drafts were counted)."""
    what = "agreed and draft language" if result.drafts else "agreed language"
    return f"{name or 'Draft'} compared with {what}"


def render_compare_html(result, title: str = "",
                        doc_names: dict[str, str] | None = None, source: str = "") -> str:
    """The same comparison as a whole, self-contained HTML page (its style sheet inlined)."""
    return _render("report.html", result=result, names=doc_names or {}, source=source,
                   title=title or compare_title(result),
                   css=Markup(css())) + "\n"
