"""Text copied from a UN document's PDF, cleaned before it is compared (pure functions).

A paragraph copied across a page break brings the page's furniture with it: the running head
(the symbol and the short title, "A/RES/80/4" / "Necessity of ending the economic, commercial
and financial" / "embargo imposed by the United States of America against Cuba"), the job number
and page mark ("2/2 25-17552"), and the footnotes printed at the foot of the page, under their
rule ("__________________" / "1 See Official Records ..."). None of it is the delegate's text:
compared as it was, a published paragraph was "84% agreed language", its furniture "new", its
footnotes paragraphs of their own at 0%. A word broken at a line end ("Comm-" / "ittee") is one
word. What is left out is said, never dropped silently (``Cleaned.notes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from precedent.ingest.classify import participle_led
from precedent.ingest.furniture import strip_tokens
from precedent.ingest.pdf_layout import SEPARATOR_RE as _RULE  # the rule above a page's footnotes
from precedent.ingest.text_patterns import LIGATURES, SYMBOL_RE, normalize_ws

_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\r?\n[ \t]*([a-z]\w*)")
_SOFT_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*")
MAX_TITLE_LINES = 2  # a running head's title beside its symbol only: two lines at most
# between the symbol and the page mark a title may wrap on more ("Regional confidence-building
# measures: activities of the" / "United Nations Standing Advisory Committee on" / "Security
# Questions in Central Africa"), and a line of it may end with its comma
MAX_BETWEEN_LINES = 4
_SHOWN = 60  # characters of a left-out piece quoted in its note


@dataclass(frozen=True)
class Cleaned:
    text: str
    notes: tuple[str, ...] = ()  # what was left out, said
    joined: int = 0  # words broken at a line end, joined

    @property
    def changed(self) -> bool:
        return bool(self.notes or self.joined)


def _token_line(line: str) -> bool:
    """A line of furniture tokens only: a symbol, a job number, a page mark, a bar code."""
    s = normalize_ws(line)
    return bool(s) and not normalize_ws(SYMBOL_RE.sub(" ", strip_tokens(s, "")))


def _title_like(line: str, ends=(".", ",", ";", ":")) -> bool:
    """A line a running head's title may be: words, not ending with ``ends`` (a clause or a
    sentence), not a numbered paragraph."""
    s = normalize_ws(line)
    return bool(s) and len(s) <= 160 and not s.endswith(ends) and not re.match(
        r"^(?:\d{1,3}\.|\([a-z]{1,2}\))\s", s)


def _titled_symbol_line(line: str) -> bool:
    """A running head on one line: the title's words and the symbol ("democratization and
    enhancing periodic and genuine elections A/RES/78/208")."""
    s = normalize_ws(line)
    m = SYMBOL_RE.search(s)
    return bool(m) and (m.end() == len(s) or m.start() == 0) and _title_like(s)


def furniture_lines(lines: list[str]) -> set[int]:
    """The indices of the lines that are page furniture: lines of tokens only; a running head
    with its symbol beside a line of tokens; and up to ``MAX_TITLE_LINES`` title lines standing
    between two furniture lines, or just before a running head that ends with the symbol. Blank
    lines do not count: a text layer or a viewer puts them around the running head
    ("A/RES/73/195" / title / "" / "18-22354 22/36"), and the title was taken for a paragraph."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return {filled[k] for k in _furniture([lines[i] for i in filled])}


def _furniture(lines: list[str]) -> set[int]:
    out = {i for i, ln in enumerate(lines) if _token_line(ln)}
    for i, ln in enumerate(lines):
        if i not in out and _titled_symbol_line(ln) and ({i - 1, i + 1} & out):
            out.add(i)
            # its title's first line, above it, when the symbol ends the head ("... genuine
            # elections A/RES/78/208"); a head opening with its symbol ("A/RES/78/245 Pattern of
            # conferences") has its title beside it, and the line above is the paragraph's
            # (A/RES/78/245 para. 79 lost "of the United Nations, welcomes ... in all six")
            symbol = SYMBOL_RE.search(normalize_ws(ln))
            ends = symbol is not None and symbol.end() == len(normalize_ws(ln))
            for j in range(i - 1, max(-1, i - MAX_TITLE_LINES) if ends else i - 1, -1):
                if j in out or not _title_like(lines[j]):
                    break
                out.add(j)
    for i in sorted(out):
        # title lines between two furniture lines ("A/RES/80/4" / title / title / "2/2 ...")
        for n in range(1, MAX_BETWEEN_LINES + 1):
            inner = range(i + 1, i + 1 + n)
            if i + 1 + n < len(lines) and i + 1 + n in out and all(
                    k not in out and _title_like(lines[k], (".", ";")) for k in inner):
                out.update(inner)
                break
    return out


_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|\*{1,3})(?:\s|$)")  # "1 See ...", "2", "*"


def _footnote_lines(lines: list[str], furniture: set[int]) -> set[int]:
    """A page's footnotes as copied: from the rule printed above them, when a footnote's number
    follows it, to the next page's furniture, or to a blank line not followed by another
    footnote's number (a text layer puts blank lines between footnotes and after the rule), or
    the end of the text."""
    def next_filled(j: int) -> int:
        while j < len(lines) and not lines[j].strip():
            j += 1
        return j

    out: set[int] = set()
    for i, ln in enumerate(lines):
        first = next_filled(i + 1)
        if _RULE.match(ln) and first < len(lines) and _FOOTNOTE_START.match(lines[first]):
            j = i
            while j < len(lines) and j not in furniture:
                if not lines[j].strip():
                    after = next_filled(j)
                    if after >= len(lines) or after in furniture or not _FOOTNOTE_START.match(
                            lines[after]):
                        break
                out.add(j)
                j += 1
    return out


def _titles_after_footnotes(lines: list[str], furniture: set[int],
                            footnotes: set[int]) -> set[int]:
    """A running head's title just above the next page's symbol, after a page's footnotes ("17
    Resolution 71/256, annex." / "" / "Global Compact for Safe, Orderly and Regular Migration" /
    "A/RES/73/195") or after a blank line: at most ``MAX_TITLE_LINES`` title lines."""
    out: set[int] = set()
    for i in sorted(furniture):
        if i == 0 or i - 1 in furniture:
            continue
        k, titles = i - 1, []
        while (k >= 0 and len(titles) < MAX_TITLE_LINES and lines[k].strip()
               and k not in footnotes and _title_like(lines[k], (".", ";"))):
            titles.append(k)
            k -= 1
        # the page's footnotes end just above them, or a blank line sets them apart from the
        # text above; a line of the text running into them is the text's
        if titles and k >= 0 and (k in footnotes or not lines[k].strip()):
            out.update(titles)
    return out


def _quoted(lines: list[str]) -> str:
    text = normalize_ws(" ".join(lines))
    return f"\u201c{text[:_SHOWN]}{'...' if len(text) > _SHOWN else ''}\u201d"


MAX_FOOTNOTE_LINES = 12  # a footnote pasted after its paragraph is looked for on this many lines


def footnote_key(text: str) -> str:
    """A footnote's text as ``clean_pasted``'s ``footnote_of`` is asked for it: spacing aside."""
    return normalize_ws(text)


def _held_footnotes(lines: list[str], skip: set[int],
                    footnote_of: Callable[[str, str], str | None]) -> dict[int, tuple[int, str]]:
    """Footnotes pasted without their rule, after their paragraph ("... at the working level," /
    "3 Consisting of the Mine Action Service ..."): a line opening with a footnote's number whose
    text, to the end of that line or of one of the next lines, is a footnote the library holds
    (``footnote_of(text, mark)``: where, or None). First line -> (last line, where)."""
    out: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(lines):
        m = _FOOTNOTE_START.match(lines[i])
        if m and i not in skip:
            text = lines[i][m.end():]
            for j in range(i, min(len(lines), i + MAX_FOOTNOTE_LINES)):
                if j > i:
                    if j in skip or not lines[j].strip():
                        break
                    text = f"{text} {lines[j]}"
                where = (footnote_of(footnote_key(text), m.group().strip()) if text.strip()
                         else None)
                if where:
                    out[i] = (j, where)
                    i = j
                    break
        i += 1
    return out


def clean_pasted(text: str, known: Callable[[str], bool] = lambda w: False,
                 footnote_of: Callable[[str, str], str | None] = lambda t, m: None) -> Cleaned:
    """``text`` without page furniture and footnotes copied with it, its words broken at a line
    end joined, and what was left out said. ``known(word)``: whether the library's texts hold a
    word; a word broken at its hyphen ("cross-" / "border") keeps the hyphen unless the word
    without it is known and the hyphenated one is not. ``footnote_of(text, mark)``: the
    paragraph whose footnote ``text`` is (``footnote_key``; of that mark where one is), or None:
    a footnote pasted after its paragraph without the rule is left out only where the library
    holds it."""
    soft = text.count("\u00ad")
    # a PDF's ligatures as the library's records hold them ("Conﬂict": "Conflict")
    text = _SOFT_BREAK.sub("", text).replace("\u00ad", "").translate(LIGATURES)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    furniture = furniture_lines(lines)
    footnotes = _footnote_lines(lines, furniture)
    furniture |= _titles_after_footnotes(lines, furniture, footnotes)
    held = _held_footnotes(lines, furniture | footnotes, footnote_of)
    notes = []
    if furniture:
        runs = _runs(sorted(furniture))
        notes.append("left out as page furniture: "
                     + "; ".join(_quoted([lines[k] for k in run]) for run in runs))
    if footnotes:
        runs = _runs(sorted(footnotes))
        notes.append("left out as footnote text: "
                     + "; ".join(_quoted([lines[k] for k in run if not _RULE.match(lines[k])])
                                 for run in runs))
    if held:
        notes.append("left out as footnote text: " + "; ".join(
            f"{_quoted(lines[i:j + 1])} ({where})" for i, (j, where) in held.items()))
    gone = furniture | footnotes | {k for i, (j, _) in held.items() for k in range(i, j + 1)}
    gone |= _blanks_of_page_breaks(lines, gone)
    kept = "\n".join(ln for i, ln in enumerate(lines) if i not in gone)

    def join(m: re.Match) -> str:
        whole = m.group(1) + m.group(2)
        hyphened = f"{m.group(1)}-{m.group(2)}"
        return whole if known(whole.lower()) and not known(hyphened.lower()) else hyphened

    joined, n = _HYPHEN_BREAK.subn(join, kept)
    return Cleaned(joined, tuple(notes), n + soft)


_ENDS_PARAGRAPH = re.compile(r"[.;:!?][\"”’)]*\s*$")
_OPENS_PARAGRAPH = re.compile(r"^\s*(?:\d{1,3}\.(?:\s|$)|\((?:[a-z]{1,2}|[ivx]{1,5})\)(?:\s|$))")


def _blanks_of_page_breaks(lines: list[str], gone: set[int]) -> set[int]:
    """The blank lines around what was left out, where a paragraph runs on across it: the text
    before does not end a sentence or clause ("... the type of place where" / "" / furniture /
    "" / "the detention occurs."). A paragraph cut in two at the page break was compared as two
    paragraphs, the second "unnumbered"."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if i not in gone and lines[i].strip():
            i += 1
            continue
        j = i  # a run of left-out and blank lines: i .. j - 1
        while j < len(lines) and (j in gone or not lines[j].strip()):
            j += 1
        if any(k in gone for k in range(i, j)) and i > 0 and j < len(lines):
            # the text after opens no paragraph of its own: a number, an item's letter, a
            # preambular participle ("... above," / furniture / "Recalling ..." stay two)
            opens = _OPENS_PARAGRAPH.match(lines[j]) or participle_led(lines[j].strip())
            if not _ENDS_PARAGRAPH.search(lines[i - 1]) and not opens:
                out.update(k for k in range(i, j) if not lines[k].strip())
        i = j
    return out


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
