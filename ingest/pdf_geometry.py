"""Reading a PDF page's text with its geometry (pypdf's text visitor; no file access).

pypdf's ``extract_text`` loses what a reader sees: a footnote mark is a small raised run that the
text layer prints as a plain digit (``Migrants 1  and``, ``Rights;2``), and the footnote
separator may be a drawn rule, not a line of underscores. ``PageRecorder`` rides along ONE
``extract_text`` call (``visitor_text`` for each text run with its matrices and font size,
``visitor_operand_before`` for text rise and drawn paths), and ``geometry_page_texts`` turns the
recorded runs back into page texts for the same parser core (``pdf_layout.reflow_pages``):

- a run clearly smaller than its line's text and raised above its baseline, holding only
  ``1``-``999`` or ``*``, is a footnote mark: written as superscript digits glued to the word
  before it (or as ``N `` at the start of a footnote line at the page foot);
- a short horizontal rule drawn in the lower half of the page with only small-type lines under
  it is the footnote separator: written as a line of underscores, footnote lines after it;
- a cluster of lines in the top (pages 2 on) or bottom margin, set apart from the text by a wide
  gap and holding a symbol, job number, page mark or bar code, is page furniture: dropped
  (the text rules of ``furniture`` still run afterwards as a fallback).

A page without usable geometry (rotated text, no positioned runs) keeps pypdf's plain text.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from .furniture import BARCODE_TOKEN_RE, JOB_TOKEN_RE, PAGE_MARK_RE
from .pdf_glyphs import FontCache, GlyphRecorder, group_lines, line_runs
from .text_patterns import DIGIT_TO_SUP, SYMBOL_RE

log = logging.getLogger(__name__)

MARK_RE = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*$")
SEPARATOR_TEXT = "__________"
_SEPARATOR_RE = re.compile(r"^\s*_{5,}\s*$")
# a mark's size at most this share of its line's text size (a browser sets one at 0.83)
SMALL = 0.86
RAISE = 0.15  # a mark's baseline at least this share of the line's size above it
FOOT_SIZE = 0.92  # footnote lines are set smaller than this share of the body size
GAP = 1.6  # margin furniture is set apart from the text by this many body sizes
MARGIN = 0.12  # share of the page height at the top and the foot where furniture sits


class _Line:
    __slots__ = ("runs", "y", "size", "x")

    def __init__(self, runs: list[tuple[str, float, float, float, float]]):
        self.runs = runs
        main = max(runs, key=lambda r: len(r[0].strip()))
        self.y, self.size = main[2], main[3]
        self.x = min(r[1] for r in runs if r[0].strip())

    def plain(self) -> str:
        return "".join(r[0] for r in self.runs)


def body_size(pages: list[GlyphRecorder]) -> float:
    """The text size most characters of the document are set in."""
    counts: Counter[float] = Counter()
    for page in pages:
        for chunk in page.chunks:
            counts[round(chunk[4], 1)] += len(chunk[0].strip())
    return counts.most_common(1)[0][0] if counts else 0.0


def _is_mark(run, line: _Line) -> bool:
    text, _, y, size, rise = run
    return (
        size <= SMALL * line.size
        and (y + rise) - line.y >= RAISE * line.size
        and MARK_RE.match(text) is not None
    )


def _attach_lone_marks(lines: list[_Line], body: float) -> list[_Line]:
    """A line holding only a small raised mark joins the line it is raised from (the nearest
    line just below it, before or after it in the stream): at its end, or its start."""
    out = list(lines)
    i = 0
    while i < len(out):
        line = out[i]
        marks = [r for r in line.runs if r[0].strip()]
        if len(marks) == 1 and MARK_RE.match(marks[0][0]) and marks[0][3] <= SMALL * body:
            mark = marks[0]
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(out)
                    and 0 < (mark[2] + mark[4]) - out[j].y <= 1.2 * body and out[j].size > mark[3]]
            if near:
                j = min(near, key=lambda k: (mark[2] + mark[4]) - out[k].y)
                host = out[j]
                runs = host.runs + [mark] if mark[1] > host.x else [mark] + host.runs
                merged = _Line(runs)
                merged.y, merged.size, merged.x = host.y, host.size, min(host.x, mark[1])
                out[j] = merged
                del out[i]
                continue
        i += 1
    return out


def _margin_lines(lines: list[_Line], height: float, body: float, top: bool) -> set[int]:
    """Indices of the furniture cluster at the top (or the foot) of the page, if any."""
    order = sorted(range(len(lines)), key=lambda k: lines[k].y, reverse=top)
    band = height * MARGIN
    size = 0  # the cluster ends at the first wide gap from the page edge, inside the margin band
    for k in range(1, len(order) + 1):
        y = lines[order[k - 1]].y
        if (height - y if top else y) > band:
            break
        if k == len(order) or abs(lines[order[k]].y - y) >= GAP * body:
            size = k
            break
    cluster = order[:size]
    if not top:  # at the foot only the job number, page mark and bar code lines: never a footnote's
        return {k for k in cluster if _has_token(lines[k].plain(), symbol=False)}
    if any(_has_token(lines[k].plain()) for k in cluster):
        return set(cluster)
    return set()


def _has_token(text: str, symbol: bool = True) -> bool:
    """Does the line hold a job number, bar code or page mark alone (or a symbol, with
    ``symbol``)?"""
    s = " ".join(text.split())
    if not symbol:
        rest = PAGE_MARK_RE.sub(" ", BARCODE_TOKEN_RE.sub(" ", JOB_TOKEN_RE.sub(" ", s))).strip()
        return not rest and rest != s
    return bool(JOB_TOKEN_RE.search(s) or BARCODE_TOKEN_RE.search(s) or PAGE_MARK_RE.fullmatch(s)
                or SYMBOL_RE.search(s))


def _drawn_separator(lines: list[_Line], rules, width: float, height: float,
                     body: float) -> float | None:
    """The y of the footnote separator drawn as a short rule in the lower half of the page:
    text above it, and only small-type lines under it. A table's borders are no separator: its
    cells' edges, drawn one per cell, join into one rule across the table, and a table has
    other rules under it or as wide as it (a separator stands alone)."""
    best = None
    rules = _joined_rules(rules)
    for x0, x1, y in rules:
        if y > height * 0.5 or x1 - x0 > 0.45 * width:
            continue
        if any(y1 < y - 0.5 and min(b, x1) - max(a, x0) > 0 for a, b, y1 in rules):
            continue  # a rule under it, across it: a table's, a footnote has none
        if any(abs(y1 - y) > 0.5 and abs(a - x0) <= 2.0 and abs(b - x1) <= 2.0 for a, b,
               y1 in rules):
            continue  # another rule just as wide: a table's top or bottom border
        below = [ln for ln in lines if ln.y < y]
        if not below or not any(ln.y > y for ln in lines):
            continue
        if all(ln.size < FOOT_SIZE * body for ln in below) and (best is None or y > best):
            best = y
    return best


def _joined_rules(rules) -> list[tuple[float, float, float]]:
    """Horizontal rules on one baseline that meet (a table border drawn cell by cell) as one."""
    rows: list[list[tuple[float, float, float]]] = []
    for rule in sorted(rules, key=lambda r: r[2]):
        if rows and rule[2] - rows[-1][0][2] <= 0.5:
            rows[-1].append(rule)
        else:
            rows.append([rule])
    out: list[tuple[float, float, float]] = []
    for row in rows:
        y = row[0][2]
        x0, x1 = None, None
        for a, b, _ in sorted(row):
            if x1 is not None and a <= x1 + 2.0:
                x1 = max(x1, b)
                continue
            if x1 is not None:
                out.append((x0, x1, y))
            x0, x1 = a, b
        out.append((x0, x1, y))
    return out


def _render(line: _Line, body: float) -> str:
    """The line's text, footnote marks as superscript digits glued to the word before them; a
    mark opening a small-type line (a footnote at the page foot) as ``N ``."""
    parts: list[str] = []
    foot = line.size < FOOT_SIZE * body
    for run in line.runs:
        if not _is_mark(run, line):
            parts.append(run[0])
            continue
        mark = run[0].strip()
        before = "".join(parts)
        if not before.strip():
            parts = [before, mark + " "] if foot else [before, _sup(mark)]
        else:
            parts = [before.rstrip(), _sup(mark)]
    return "".join(parts)


def _sup(mark: str) -> str:
    return mark if mark.startswith("*") else mark.translate(DIGIT_TO_SUP)


def page_text(page: GlyphRecorder, page_no: int, width: float, height: float, body: float) -> str:
    """One page's text for ``reflow_pages`` from its recorded geometry."""
    lines = _attach_lone_marks([_Line(line_runs(ln)) for ln in group_lines(page.chunks)], body)
    drop = _margin_lines(lines, height, body, top=False)
    if page_no > 0:
        drop |= _margin_lines(lines, height, body, top=True)
    kept = [ln for k, ln in enumerate(lines) if k not in drop]
    rule = None
    if not any(_SEPARATOR_RE.match(ln.plain()) for ln in kept):
        rule = _drawn_separator(kept, page.rules, width, height, body)
    if rule is None:
        return "\n".join(_render(ln, body) for ln in kept)
    above = [_render(ln, body) for ln in kept if ln.y > rule]
    below = [_render(ln, body) for ln in kept if ln.y < rule]
    log.debug("page %d: footnote rule drawn at y=%.1f, %d footnote lines", page_no + 1, rule,
              len(below))
    return "\n".join(above + [SEPARATOR_TEXT] + below)


def geometry_page_texts(pdf_pages) -> list[str]:
    """Page texts of pypdf pages read with their geometry (one ``extract_text`` per page); a
    page whose geometry is unusable keeps pypdf's plain text."""
    return read_with_geometry(pdf_pages)[0]


def read_with_geometry(pdf_pages) -> tuple[list[str], list[bool]]:
    """Page texts of pypdf pages read with their geometry, and for each page whether its
    geometry was used (else the page keeps pypdf's plain text: rotated or right-to-left text,
    no positioned text)."""
    recorders: list[GlyphRecorder] = []
    plains: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    fonts = FontCache()
    for page in pdf_pages:
        resources = page.get("/Resources")
        rec = GlyphRecorder(resources.get_object() if resources is not None else None, fonts)
        plains.append(page.extract_text(visitor_operand_before=rec.before,
                                        visitor_operand_after=rec.after) or "")
        recorders.append(rec)
        try:
            box = page.mediabox
            boxes.append((float(box.left), float(box.bottom), float(box.width), float(box.height)))
        except Exception as e:  # a damaged page box: no geometry for this page
            log.debug("page box unreadable: %s", e)
            boxes.append((0.0, 0.0, 0.0, 0.0))
    body = body_size(recorders)
    out: list[str] = []
    used: list[bool] = []
    for k, (rec, plain, (left, bottom, width, height)) in enumerate(zip(recorders, plains, boxes)):
        if rec.rotated or rec.rtl or not body or height <= 0 or not any(c[0].strip()
                                                                        for c in rec.chunks):
            out.append(plain)
            used.append(not plain.strip())  # a page without text spoils nothing
            continue
        if left or bottom:
            rec.chunks = [(t, x0 - left, x1 - left, y - bottom, s, r, sp) for t, x0, x1, y, s, r,
                          sp in rec.chunks]
            rec.rules = [(x0 - left, x1 - left, y - bottom) for x0, x1, y in rec.rules]
        try:
            out.append(page_text(rec, k, width, height, body))
            used.append(True)
        except Exception as e:  # never lose a page to the geometry: its plain text stands
            log.warning("page %d: geometry not used (%s: %s)", k + 1, type(e).__name__, e)
            out.append(plain)
            used.append(False)
    return out, used
