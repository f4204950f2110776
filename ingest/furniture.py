"""Page furniture of UN documents, and pages of a PDF text layer saved as one text (pure).

Every page of a UN document carries furniture that is not part of the text: running heads (the
symbol and the short title, on one line or two, left or right), the job number (``18-22354``,
``25-16680 (E)    160119``), the page mark (``2/36``), on page 1 a bar code (``*1822354*``)
and sometimes ``Please recycle``. A text layer saved as one ``.txt`` file (one printed line per
line, pages one after the other) is recognised by its job number and page marks and cut back into
pages at the furniture between them.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter

from .text_patterns import (
    BARCODE_RE,
    JOB_NUMBER_RE,
    PAGE_NUMBER_RE,
    RECYCLE_RE,
    masthead_symbol,
    normalize_ws,
)

log = logging.getLogger(__name__)

JOB_TOKEN_RE = re.compile(
    r"(?<![\w/-])(?:GE\.)?\d{2}-\d{5}(?:\s*\(\s*[A-Z]\s*\))?(?:\s+\d{6})?(?![\w/-])")
PAGE_MARK_RE = re.compile(r"(?<![\w/.])(\d{1,3})\s*/\s*(\d{1,3})(?![\w/])")
BARCODE_TOKEN_RE = re.compile(r"\*\d{6,9}\*")
EDGE = 6  # how many non-blank lines at a page's top (and foot) may be furniture
MAX_HEAD_LINES = 2  # a running head's title wraps on two lines at most
HEAD_SHARE = 0.75  # a running head not beside a token stands on this share of the pages at least


def strip_tokens(line: str, symbol: str) -> str:
    """``line`` without the symbol, job numbers, page marks and bar codes it holds."""
    s = normalize_ws(line)
    if symbol:
        s = s.replace(symbol, " ")
    s = JOB_TOKEN_RE.sub(" ", s)
    s = BARCODE_TOKEN_RE.sub(" ", s)
    s = PAGE_MARK_RE.sub(" ", s)
    return normalize_ws(s)


def _has_token(line: str, symbol: str) -> bool:
    s = normalize_ws(line)
    return bool(
        (symbol and symbol in s) or JOB_TOKEN_RE.search(s) or PAGE_MARK_RE.fullmatch(s)
        or BARCODE_TOKEN_RE.search(s)
    )


def _edge_indices(lines: list[str]) -> tuple[list[int], list[int]]:
    """The non-blank lines at a page's top and at its foot (``EDGE`` each at most): on a short
    page each edge runs to the middle only, so the foot's run never reaches the symbol printed at
    the top (nor the top's the page mark at the foot)."""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    half = (len(idx) + 1) // 2
    top = idx[:min(EDGE, half)]
    return top, idx[max(len(idx) - EDGE, len(top)):]


def running_heads(pages: list[list[str]], symbol: str) -> set[str]:
    """Texts printed beside the symbol, job number or page mark at the edges of several pages
    (the short title of the running head), once the tokens are taken out."""
    counts: Counter[str] = Counter()
    beside: set[str] = set()  # printed on one line with the symbol, job number or page mark
    for lines in pages[1:]:
        top, foot = _edge_indices(lines)
        seen = set()
        for run in (top, foot):
            after_title = False  # the line before in this run is a capitalised running head
            for i in run:
                rest = strip_tokens(lines[i], symbol)
                with_token = rest != normalize_ws(lines[i])
                # a lower-case line is a title's second line only under its first (or beside the
                # symbol): body text that happens to repeat at two page tops is not a head
                if rest and _head_like(rest) and (not rest[:1].islower() or after_title
                                                  or with_token):
                    seen.add(rest)
                    if with_token:
                        beside.add(rest)
                    after_title = not rest[:1].islower()
                else:
                    after_title = False
        counts.update(seen)
    # a running head repeats on every page (three in four at least, some pages being tables or
    # section breaks): a body line at the edge of two pages of several ("Member States and the
    # United Nations", a title's second line) is body text; a line printed beside the symbol, job
    # number or page mark is a head at once
    often = max(2, math.ceil(HEAD_SHARE * (len(pages) - 1)))
    return {t for t, n in counts.items() if t in beside or n >= often}


def _head_like(text: str) -> bool:
    """A running head is a title: capitalised, never a sentence or clause end, not too long."""
    t = text.rstrip()
    capital = t[:1].isupper() or t[:1].isdigit() or len(t.split()) >= 3  # a title's second line
    if re.match(r"^(?:\d{1,3}\.|\([a-z]{1,2}\)|[ivx]{1,5}\))\s", t):
        return False  # a numbered paragraph or sub-paragraph
    return capital and not t.endswith((".", ",", ";", ":")) and len(t) <= 160


def is_furniture(line: str, symbol: str, heads: set[str]) -> bool:
    """A line made only of page furniture: symbol, job number, page mark, bar code, running head."""
    s = normalize_ws(line)
    if not s:
        return False
    if JOB_NUMBER_RE.match(s) or BARCODE_RE.match(s) or RECYCLE_RE.match(s):
        return True
    rest = strip_tokens(s, symbol)
    if not rest:
        return _has_token(s, symbol) or bool(PAGE_NUMBER_RE.match(s))
    return rest in heads and (_has_token(s, symbol) or s in heads)


def strip_page_furniture(pages: list[list[str]], symbol: str, title: str = "") -> list[list[str]]:
    """Remove furniture from the top and foot of every page, and job number, bar code and
    ``Please recycle`` lines from page 1 (whose symbol line the masthead still needs)."""
    heads = running_heads(pages, symbol)
    if title:
        heads.add(normalize_ws(title))
    out: list[list[str]] = []
    for page_no, lines in enumerate(pages):
        drop: set[int] = set()
        # Page 1 keeps its masthead (symbol, title): only marks and numbers go from its edges.
        edge_symbol, edge_heads = (symbol, heads) if page_no else ("", set())
        if page_no == 0:
            drop = {i for i, ln in enumerate(lines) if _page_one_furniture(ln)}
        top, foot = _edge_indices(lines)
        for run in (top, list(reversed(foot))):
            drop.update(_title_lines_before_token(lines, run, edge_symbol))
            for i in run:
                if not (i in drop or is_furniture(lines[i], edge_symbol, edge_heads)):
                    break
                drop.add(i)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


def _title_lines_before_token(lines: list[str], run: list[int], symbol: str) -> list[int]:
    """A running head wrapped on two lines seen on one page only (a two-page document): the
    title lines of an edge run, from the page edge up to its last symbol, job number or page
    mark."""
    last = max((k for k, i in enumerate(run) if _has_token(lines[i], symbol) and
                not strip_tokens(lines[i], symbol)), default=-1)
    if last < 1 or not symbol:
        return []
    taken = run[:last + 1]
    # a running head is a line or two: more lines between the edge and the token are body text
    # (a short page, whose foot run reaches the symbol line at its top)
    if sum(not _has_token(lines[i], symbol) for i in taken) > MAX_HEAD_LINES:
        return []
    if all(_has_token(lines[i], symbol) or _head_like(normalize_ws(lines[i])) for i in taken):
        return taken
    return []


def _page_one_furniture(line: str) -> bool:
    s = normalize_ws(line)
    return bool(s) and bool(JOB_NUMBER_RE.match(s) or BARCODE_RE.match(s) or RECYCLE_RE.match(s))


# --- a text layer saved as one text ------------------------------------------------------------

_MARK_LINE_RE = re.compile(
    r"^\s*(?:(?:GE\.)?\d{2}-\d{5}\s+)?(\d{1,3})\s*/\s*(\d{1,3})(?:\s+(?:GE\.)?\d{2}-\d{5})?\s*$")


def page_marks(lines: list[str]) -> list[tuple[int, int]]:
    """(line index, page number) of the page marks ``N/T`` printed alone or beside the job number,
    keeping only a run that counts up 2, 3, ... with one total T."""
    found = [(i, int(m.group(1)), int(m.group(2))) for i, ln in enumerate(lines)
             if (m := _MARK_LINE_RE.match(ln))]
    totals = Counter(t for _, n, t in found if 1 <= n <= t)
    if not totals:
        return []
    total = totals.most_common(1)[0][0]
    marks: list[tuple[int, int]] = []
    for i, n, t in found:
        if t == total and n == (marks[-1][1] + 1 if marks else n) and n >= 1:
            marks.append((i, n))
    return marks


def looks_like_text_layer(text: str) -> bool:
    """A PDF text layer saved as text: a job number line near the top and page marks ``2/T``,
    ``3/T`` ... (at least two, or one for a two-page document)."""
    lines = text.splitlines()
    if not any(JOB_NUMBER_RE.match(normalize_ws(ln)) or JOB_TOKEN_RE.fullmatch(normalize_ws(ln))
               for ln in lines[:40]):
        return False
    marks = page_marks(lines)
    return bool(marks) and marks[0][1] <= 2 and (len(marks) >= 2
                                                 or marks[0][1] == marks[-1][1] == 2)


def split_text_layer(text: str, symbol: str = "") -> list[str]:
    """Cut a saved text layer into page texts: each page from page 2 on starts with the block of
    furniture lines (running heads, symbol, job number, blank lines) just before its page mark."""
    lines = text.splitlines()
    symbol = symbol or find_symbol(lines)
    marks = page_marks(lines)
    near: Counter[str] = Counter()
    for idx, _ in marks:
        near.update({normalize_ws(ln) for ln in lines[max(0, idx - EDGE - 2):idx + EDGE]
                     if ln.strip()})
    heads = {t for t, n in near.items() if n >= 2 and _head_like(t)}
    starts = [0]
    for idx, _ in marks:
        start = idx
        while start - 1 > starts[-1] and idx - start < 2 * EDGE:
            prev = normalize_ws(lines[start - 1])
            if prev and not (_has_token(prev, symbol) or prev in heads):
                break
            start -= 1
        while start < idx and not lines[start].strip():
            start += 1  # blank lines before the heads end the previous page
        starts.append(start)
    starts.append(len(lines))
    pages = ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:])]
    log.debug("text layer cut into %d pages", len(pages))
    return pages


def find_symbol(lines: list[str]) -> str:
    """The document symbol printed alone (or nearly) on one of the first lines of page 1."""
    return next((sym for ln in lines[:20] if (sym := masthead_symbol(ln))), "")
