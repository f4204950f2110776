"""The differential word oracle: Precedent's records of a real UN PDF against PDFium's text of it.

PDFium (``pypdfium2``, a test dependency) reads the PDF independently of pypdf. Its text is cut
into words; footnote marks (digits or stars set clearly smaller and raised, read from PDFium's
font size and glyph origin) become mark tokens, and a hyphen at a line end is kept with the word
(UN documents are not hyphenated by the typesetter: PDFium's own line-end hyphen, U+FFFE, is a
hyphen too). Each record Precedent prints (a paragraph's text after its printed number, a
footnote, a section heading) is then aligned with the oracle words where it stands, and every
difference is classed:

- ``split``: Precedent has two words where the oracle has one (``prom ote``);
- ``joined``: one word where the oracle has two;
- ``hyphen_dropped``: the oracle's hyphenated word without its hyphen (``mediumsized``);
- ``altered``: any other word that stands nowhere in the oracle there (``6.`` for ``6.3``);
- ``lost``: an oracle body word in no record.

Oracle words in no record are not lost when they are page furniture (a running head, job number,
page mark or bar code at a page's top or foot), the masthead before the first record, the
closing lines after the last one, or a part label ("Annex"): the classes are counted apart.
Structure is counted too, for the record (``body_in_footnote``: body words a footnote record
holds; ``merged``: paragraph N+1 inside paragraph N), and footnote marks: ``mark_unrecorded`` (a
mark standing in a record's span that the record does not cite) and ``mark_without_note`` (a
cited mark whose footnote is not on the mark's page or the next).

``compare(path)`` gives a ``Comparison`` with the counts and examples; ``table`` prints them.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-un"
PDF_DIRS = ("pdf", "pdf-78")
WORD_CLASSES = ("split", "joined", "respaced", "hyphen_dropped", "altered", "lost")
MARK_CLASSES = ("mark_unrecorded", "mark_without_note")
# Words in the wrong record or in none for the structure's sake (issue #16, items 5-8, owned by the
# structure work): counted and shown, the word classes above stay exact.
STRUCTURE_CLASSES = ("misplaced", "annex_title", "section_numeral", "body_in_footnote", "merged")
OTHER_CLASSES = MARK_CLASSES + STRUCTURE_CLASSES
EXCUSED = ("furniture", "masthead", "closing", "part_label", "oracle_split")
# PDFium sets a space of its own (no space glyph there) between glyphs closer than this share of
# its line's gaps at a space glyph: its split ("Unite d", "pove rty", "decision -making"), not a
# word boundary. On the 86 PDFs the gaps of such spaces fall in two groups, 0.2-0.55 (splits
# inside words, footnote marks set apart) and 0.6 and over (a word space with no space glyph).
ORACLE_SPLIT = 0.58

# Not word differences: ligatures, the non-breaking hyphen, soft hyphens, PDFium's line-end hyphen.
_NORMALISE = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\u2011": "-",
                            "\u00ad": "", "\ufffe": "-", "\x02": "-"})
_MARK_SIZE = 0.8  # a mark is set at most this share of the size of the text beside it
_MARK_RAISE = 0.15  # ... and raised at least this share of that size
_FURNITURE_TOKEN_RE = re.compile(
    r"^(?:\d{2}-\d{5}|\(E\)|\d{6}|\*\d{6,9}\*|\d{1,3}/\d{1,3}|(?:A|A/RES|A/C\.\d)/\d{2}/[\w./-]+)$")
_SEPARATOR_RE = re.compile(r"^_{4,}$")
_PAGE_MARK_RE = re.compile(r"^\d{1,3}/\d{1,3}$")
_CLOSING_RE = re.compile(r"^(?:\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting"
                         r"|\d{1,2} [A-Z][a-z]+ \d{4})$")
_ROMAN_RE = re.compile(r"^[IVXL]{1,6}\.?$")
_PART_RE = re.compile(r"^Annex(?:es)?(?: [IVXLC]+| \d+)?$")
_NUMBER_RE = re.compile(r"^\d{1,3}\.$")
_LABEL_ALONE_RE = re.compile(r"^(?:\((?:[a-z]{1,3}|[ivx]{1,5})\)|\d{1,3}\.)$")
_LABEL_RE = re.compile(r"^(?:\((?:[a-z]{1,3}|[ivx]{1,5})\)(?=[A-Za-z“])|\d{1,3}\.(?=[A-Z“][a-z]))")
_SLACK = 1500  # oracle words an item may skip (footnotes and furniture at a page turn)


@dataclass
class Oracle:
    """PDFium's words of one PDF, with where each stands."""

    words: list[str] = field(default_factory=list)
    mark: list[bool] = field(default_factory=list)
    page: list[int] = field(default_factory=list)
    line: list[int] = field(default_factory=list)  # index into ``lines``
    # a generated space before the word: its gap
    gap: list[float | None] = field(default_factory=list)
    # as a share of the line's word spaces (``_narrow_spaces``); None for a space glyph
    # (page, text, size, pos on page)
    lines: list[tuple[int, str, float, int]] = field(default_factory=list)
    page_lines: list[int] = field(default_factory=list)  # lines per page


def normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def read_oracle(path: Path) -> Oracle:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    oracle = Oracle()
    doc = pdfium.PdfDocument(str(path))
    try:
        for page_no in range(len(doc)):
            page = doc[page_no]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            marks = _mark_positions(text, textpage.raw, raw)
            _add_page(oracle, page_no, text, marks, textpage.raw, raw)
            textpage.close()
            page.close()
    finally:
        doc.close()
    _join_line_end_hyphens(oracle)
    return oracle


def _mark_positions(text: str, tp, raw) -> set[int]:
    """Indices of the characters of ``text`` that are footnote marks (small, raised digits or
    stars)."""
    x, y = ctypes.c_double(), ctypes.c_double()

    def origin(i: int) -> float:
        raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(x), ctypes.byref(y))
        return y.value

    marks: set[int] = set()
    page_size = None
    for m in re.finditer(r"[0-9*]+", text):
        ref = _neighbour(text, m.start(), m.end())
        if ref is None:  # a mark alone on its line: smaller than the page's text
            if page_size is None:
                sizes = Counter(round(raw.FPDFText_GetFontSize(tp, k), 1)
                                for k in range(0, len(text), 7) if text[k].isalpha())
                page_size = sizes.most_common(1)[0][0] if sizes else 0.0
            if raw.FPDFText_GetFontSize(tp, m.start()) <= _MARK_SIZE * page_size:
                marks.update(range(m.start(), m.end()))
            continue
        ref_size, ref_y = raw.FPDFText_GetFontSize(tp, ref), origin(ref)
        for i in range(m.start(), m.end()):  # "20242": the year, then a mark 2
            if (raw.FPDFText_GetFontSize(tp, i) <= _MARK_SIZE * ref_size
                    and origin(i) - ref_y >= _MARK_RAISE * ref_size):
                marks.add(i)
    return marks


def _neighbour(text: str, start: int, end: int) -> int | None:
    """The nearest letter or punctuation on the same line before (else after) a digit run."""
    for i in range(start - 1, max(-1, start - 40), -1):
        c = text[i]
        if c in "\r\n":
            break
        if not c.isspace() and not c.isdigit() and c != "*":
            return i
    for i in range(end, min(len(text), end + 40)):
        c = text[i]
        if c in "\r\n":
            break
        if not c.isspace() and not c.isdigit() and c != "*":
            return i
    return None


def _add_page(oracle: Oracle, page_no: int, text: str, marks: set[int], tp, raw) -> None:
    pos = 0
    n_lines = 0
    for line_text in text.split("\r\n"):
        start = pos
        pos += len(line_text) + 2
        if not line_text.strip():
            continue
        first = start + (len(line_text) - len(line_text.lstrip()))
        size = raw.FPDFText_GetFontSize(tp, first)
        line_index = len(oracle.lines)
        oracle.lines.append((page_no, normalise(" ".join(line_text.split())), size, n_lines))
        n_lines += 1
        narrow = _narrow_spaces(line_text, start, tp, raw)
        word = ""
        gap = None  # how the space before the next word compares with the line's word spaces
        for k, c in enumerate(line_text):
            if start + k in marks:
                if word:
                    _add(oracle, word, False, page_no, line_index, gap)
                    word, gap = "", None
                if k == 0 or start + k - 1 not in marks:
                    _add(oracle, "", True, page_no, line_index, None)
                oracle.words[-1] += c
            elif c.isspace():
                if word:
                    _add(oracle, word, False, page_no, line_index, gap)
                word, gap = "", narrow.get(k)
            else:
                word += c
        if word:
            # A section's numeral printed on a line of its own above its title ("II" / "Title"):
            # Precedent writes the heading "II. Title", as the UN prints a label on the title's
            # line.
            label_alone = (_ROMAN_RE.match(word) and not word.endswith(".")
                           and line_text.strip() == word)
            _add(oracle, word + "." if label_alone else word, False, page_no, line_index, gap)
    oracle.page_lines.append(n_lines)


def _narrow_spaces(line: str, start: int, tp, raw) -> dict[int, float]:
    """For each space PDFium generated in ``line`` (no space glyph in the PDF there), the gap
    between the glyphs on either side as a share of the line's median gap at a space glyph."""
    rect = raw.FS_RECTF()

    def box(i: int) -> tuple[float, float]:  # the glyph's advance box, not its ink
        raw.FPDFText_GetLooseCharBox(tp, start + i, ctypes.byref(rect))
        return rect.left, rect.right

    real, generated = [], {}
    for k, c in enumerate(line):
        if c != " " or k == 0 or k + 1 >= len(line) or line[k - 1].isspace() or line[k
                                                                                     + 1].isspace():
            continue
        gap = box(k + 1)[0] - box(k - 1)[1]
        if raw.FPDFText_IsGenerated(tp, start + k):
            generated[k] = gap
        else:
            real.append(gap)
    if not generated:
        return {}
    word_space = sorted(real)[len(real) // 2] if real else 0.0
    return {k: (gap / word_space if word_space > 0 else 1.0) for k, gap in generated.items()}


def _add(oracle: Oracle, word: str, mark: bool, page: int, line: int,
         gap: float | None = None) -> None:
    # a star standing alone is a mark, never a word
    mark = mark or bool(re.fullmatch(r"\*{1,3}", word))
    label = _LABEL_RE.match(word) if not mark else None
    # "(mm)Designing": the label set with a tab PDFium dropped
    if label and label.end() < len(word):
        _add(oracle, label.group(0), False, page, line, gap)
        word, gap = word[label.end():], None
    oracle.words.append(normalise(word))
    oracle.mark.append(mark)
    oracle.page.append(page)
    oracle.line.append(line)
    oracle.gap.append(gap)


def _join_line_end_hyphens(oracle: Oracle) -> None:
    """``medium-`` at a line end and ``sized`` at the start of the next line of the same text
    (the next line set at least as large and not page furniture: footnotes and the page turn may
    stand between) are one word, ``medium-sized``; so are a range broken after its closed en
    dash, ``2024–`` and ``2034`` (UN ranges are printed without spaces: ``2024–2034``)."""
    w = oracle
    first_word: dict[int, int] = {}
    for i in range(len(w.words) - 1, -1, -1):
        if not w.mark[i]:
            first_word[w.line[i]] = i
    keep = [True] * len(w.words)
    for i, word in enumerate(w.words):
        lone = (word in ("-", "–") and i > 0 and w.gap[i] is not None and w.gap[i] < ORACLE_SPLIT
                and keep[i - 1])
        if lone:  # "health -" at a line end, the hyphen set a little apart: "health-" (so
            # "2024 –" before "2034" on the next line, "2024–")
            w.words[i] = word = w.words[i - 1] + "-"
            keep[i - 1] = False
        if w.mark[i] or len(word) < 2 or not word.endswith(("-", "–")):
            continue
        if not (word[-2].isalnum() or (word.endswith("–") and word[-2] == ")")):
            continue
        later = [k for k in range(i + 1, min(len(w.words), i + 4)) if not w.mark[k]]
        if later and w.line[later[0]] == w.line[i]:
            continue  # not at the line end
        size = w.lines[w.line[i]][2]
        for line in range(w.line[i] + 1, min(len(w.lines), w.line[i] + 40)):
            _, text, line_size, _ = w.lines[line]
            if line_size < 0.95 * size or _SEPARATOR_RE.match(text) or _is_furniture_line(text):
                continue
            j = first_word.get(line)
            if j is not None and keep[j] and (word.endswith("-") or w.words[j][:1].isalnum()):
                if word[-2].isdigit() and w.words[j][:1].isdigit():
                    # PDFium writes any dash at a line end as its line-end hyphen: between two
                    # figures it is a range's en dash ("2024–2034" printed whole elsewhere in
                    # the same documents; UN documents never hyphenate figures)
                    word = word[:-1] + "–"
                w.words[i] = word + w.words[j]
                keep[j] = False
            break
    for name in ("words", "mark", "page", "line", "gap"):
        setattr(w, name, [v for v, k in zip(getattr(w, name), keep) if k])


def _is_furniture_line(text: str, symbol: str | None = None) -> bool:
    """Job numbers, page marks, bar codes and symbols only; with ``symbol``, the only symbol
    that counts is the document's own (a footnote's last line may be a symbol: "A/78/7/Add.23.")."""
    return all(_FURNITURE_TOKEN_RE.match(w)
               and (symbol is None or "/" not in w or _PAGE_MARK_RE.match(w)
                                                 or w == symbol) for w in text.split())


# --- what Precedent prints ----------------------------------------------------------------------


@dataclass
class Item:
    """One thing Precedent prints, as words: a record's text (after its printed number) or a
    heading."""

    words: list[str]
    kind: str  # paragraph | preambular | subparagraph | footnote | heading | title
    number: str = ""
    marks: frozenset[str] = frozenset()
    page: int | None = None
    label: str = ""


def items_of(doc) -> list[Item]:
    items: list[Item] = [Item(normalise(doc.info.title or "").split(), "title", label="title")]
    seen_headings: set[str] = set()
    for r in doc.paragraphs:
        for heading in r.section:
            if heading not in seen_headings:
                seen_headings.add(heading)
                items.append(Item(normalise(heading).split(), "heading", label=heading[:60]))
        words = normalise(r.text).split()
        if r.kind == "paragraph" and r.number.isdigit():
            words = [f"{r.number}."] + words
        elif r.kind == "subparagraph":
            words = [r.number.rsplit(" ", 1)[-1]] + words
        items.append(Item(words, r.kind, r.number, frozenset(f.mark for f in r.footnotes),
                          r.page, r.citation))
    return items


# --- the comparison -----------------------------------------------------------------------------


@dataclass
class Comparison:
    name: str
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, n: int, example: str) -> None:
        if n <= 0:
            return
        self.counts[kind] += n
        if len(self.examples[kind]) < 12:
            self.examples[kind].append(example)

    @property
    def word_errors(self) -> int:
        return sum(self.counts[k] for k in WORD_CLASSES)


def compare(path: Path, doc=None) -> Comparison:
    """Compare Precedent's records of the PDF at ``path`` (``doc``: already loaded) with PDFium's
    text."""
    if doc is None:
        from precedent.ingest.load import load_document

        doc = load_document(path)
    oracle = read_oracle(path)
    result = Comparison(Path(path).name)
    _Aligner(oracle, items_of(doc), doc, result).run()
    return result


class _Aligner:
    def __init__(self, oracle: Oracle, items: list[Item], doc, result: Comparison):
        self.o = oracle
        self.items = items
        self.doc = doc
        self.result = result
        furniture = self._furniture_lines()
        self.body = [i for i, m in enumerate(oracle.mark) if not m
                     and oracle.line[i] not in furniture]
        result.counts["furniture"] += sum(1 for i, m in enumerate(oracle.mark) if not m
                                          and oracle.line[i] in furniture)
        self.words = [oracle.words[i] for i in self.body]
        self.covered: dict[int, Item] = {}  # index into self.body -> the item covering it
        self.trigrams: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for k in range(len(self.words) - 2):
            self.trigrams[(self.words[k], self.words[k + 1], self.words[k + 2])].append(k)
        # PDFium's own splits ("de livery", a space it set between glyphs closer than a word space)
        # joined too, each trigram at its first piece: a record's words find their place there.
        joined: list[tuple[str, int]] = []
        for k, word in enumerate(self.words):
            g = oracle.gap[self.body[k]]
            if (joined and g is not None and g < ORACLE_SPLIT
                and oracle.line[self.body[k]] == oracle.line[self.body[k - 1]]):
                joined[-1] = (joined[-1][0] + word, joined[-1][1])
            else:
                joined.append((word, k))
        for n in range(len(joined) - 2):
            key = (joined[n][0], joined[n + 1][0], joined[n + 2][0])
            if joined[n + 2][1] - joined[n][1] > 2 and joined[n][1] not in self.trigrams.get(key,
                                                                                             ()):
                self.trigrams[key].append(joined[n][1])
        for positions in self.trigrams.values():
            positions.sort()

    def _furniture_lines(self) -> set[int]:
        """Lines at a page's top or foot that are page furniture: job number, page mark, bar
        code, symbol, or the running head (the document's title, wrapped, with or without its
        symbol; from page 2 on)."""
        out = set()
        symbol = self.doc.info.symbol or "\x00"
        head_end: dict[int, int] = {}  # per page: the last line of the header (symbol, page mark)
        for page, text, _, pos in self.o.lines:
            if pos < 6 and (_is_furniture_line(text) or symbol in text):
                head_end[page] = max(head_end.get(page, -1), pos)
        for line, (page, text, _, pos) in enumerate(self.o.lines):
            foot = pos >= self.o.page_lines[page] - 4
            if (pos <= head_end.get(page, -1) and _is_furniture_line(text) or foot
                and _is_furniture_line(text, symbol)):
                out.add(line)
            elif page > 0 and pos <= head_end.get(page, -1) and self._running_head(text):
                out.add(line)
        return out

    def run(self) -> None:
        cursor = 0
        for item in self.items:
            window = self._window(item.words, cursor, item.kind == "title")
            if window is None:
                self.result.add("altered", len(item.words),
                                f"{item.label}: not found: {' '.join(item.words)[:120]}")
                continue
            end = self._align(item, *window)
            if item.kind not in ("heading", "title"):
                cursor = max(0, end - 400)
        self._lost()
        self._marks()

    def _window(self, words: list[str], cursor: int, title: bool = False) -> tuple[int, int] | None:
        """Where the item's words stand in the oracle: the start that the most of its trigrams
        agree with (the item may run on over a page turn, footnotes and furniture between),
        the nearest one after the previous item on a tie."""
        found = []
        for k in range(len(words) - 2):
            pos = self.trigrams.get((words[k], words[k + 1], words[k + 2]))
            if pos and len(pos) < 50:
                found.append((k, pos))
        if not found:
            return self._short_window(words, cursor)
        best = None
        for k, pos in found[:6]:
            for p in pos:
                start = p - k
                agree = _in_order([(k2,
                                    [q for q in qs if start + k2 - 5 <= q <= start + k2 + _SLACK])
                                   for k2, qs in found])
                # Words another item holds already are not this one's (a phrase said twice,
                # two footnotes "Ibid., annex II.").
                fresh = sum(1 for _, q in agree if q not in self.covered)
                # The title stands after the resolution's number ("78/124. Credentials ..."), not
                # in the agenda item above it.
                numbered = (title and start > 0
                            and bool(re.match(r"^\d+/\d+\.$", self.words[start - 1])))
                # Of two starts that place as many words, the one its words stand nearest to (a
                # start before the item's own place finds the same words, further from it).
                lag = round(sum(abs(q - start - k2) for k2, q in agree) / len(agree))
                key = (numbered, fresh, len(agree), -lag, start >= cursor, -abs(start - cursor))
                if best is None or key > best[0]:
                    best = (key, start, max(q + len(words) - k2 for k2, q in agree))
        _, start, end = best
        return max(0, start - 3), min(len(self.words), max(end, start + len(words)) + 3)

    def _short_window(self, words: list[str], cursor: int) -> tuple[int, int] | None:
        """A record of one or two words (a heading ``Annex``, a footnote ``Ibid.``): its place."""
        if not words or len(words) > 2:
            return None
        for start in (cursor, 0):
            for p in range(start, len(self.words) - len(words) + 1):
                if (self.words[p:p + len(words)] == words
                    and not any(q in self.covered for q in range(p, p + len(words)))):
                    return p, p + len(words)
        return None

    def _align(self, item: Item, lo: int, hi: int) -> int:
        ours, theirs = item.words, self.words[lo:hi]
        sm = SequenceMatcher(None, ours, theirs, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size]
        # Words matched far beyond the rest, or past another paragraph's number, are the same
        # phrase said again elsewhere, not this item's.
        while len(blocks) > 1 and self._stray(ours, theirs, blocks[-2], blocks[-1], lo):
            blocks.pop()
        while len(blocks) > 1 and self._stray(ours, theirs, blocks[0], blocks[1], lo):
            blocks.pop(0)
        if not blocks:
            self.result.add("altered", len(ours), f"{item.label}: {' '.join(ours)[:120]}")
            return lo
        # Only the span between the first and last matched words is this item's.
        first, last = blocks[0], blocks[-1]
        end = lo + last.b + last.size
        if first.a:  # the item's first words, against the oracle's just before its first match
            j0 = max(0, first.b - first.a - 4)
            self._difference(item, ours[:first.a], theirs[j0:first.b], lo + j0, align_end=True)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if i2 <= first.a or i1 >= last.a + last.size:
                continue
            i1, i2 = max(i1, first.a), min(i2, last.a + last.size)
            j1, j2 = max(j1, first.b), min(j2, last.b + last.size)
            if tag == "equal":
                for j in range(j1, j2):
                    self.covered.setdefault(lo + j, item)
            elif tag in ("replace", "delete"):
                self._difference(item, ours[i1:i2], theirs[j1:j2], lo + j1)
        rest = len(ours) - last.a - last.size
        if rest:  # the item's last words, against the oracle's just after its last match
            j1 = last.b + last.size
            self._difference(item, ours[-rest:], theirs[j1:j1 + rest + 4], lo + j1)
            end += rest
        return end

    def _stray(self, ours: list[str], theirs: list[str], a, b, lo: int) -> bool:
        """Are matching blocks ``a`` and ``b`` (in this order) too far apart in the oracle to be
        one item's: many more body words between them there than in the item (footnotes at a
        page turn aside), and one of them a few words only or a paragraph number or
        sub-paragraph letter the item does not have between them?"""
        between = theirs[a.b + a.size:b.b]
        size = 0.95 * self._body_size()
        body = sum(1 for k in range(lo + a.b + a.size, lo + b.b)
                   if self.o.lines[self.o.line[self.body[k]]][2] >= size)
        extra = body - (b.a - a.a - a.size)
        small = min(a.size, b.size) <= 12
        label = any(_LABEL_ALONE_RE.match(w) for w in between) and not any(
            _LABEL_ALONE_RE.match(w) for w in ours[a.a + a.size:b.a])
        return extra > 8 and (small or label)

    def _difference(self, item: Item, ours: list[str], theirs: list[str], at: int,
                    align_end: bool = False) -> None:
        """Class a replaced or deleted run of the item's words against the oracle's there, word
        by word: the same word, words split or joined, a hyphen dropped, else altered.
        ``align_end``: ``theirs`` ends where ``ours`` ends (the item's first words)."""
        if align_end:  # start as late in the oracle's words as the item's words allow
            at, theirs = (at + max(0, len(theirs) - len(ours) - 4),
                          theirs[max(0, len(theirs) - len(ours) - 4):])
            while theirs and _explain(ours, 0, theirs, 0) is None and len(theirs) > len(ours):
                at, theirs = at + 1, theirs[1:]
        i = j = 0
        while i < len(ours):
            step = _explain(ours, i, theirs, j)
            if step is None:
                a, b = _resync(ours, i, theirs, j)
                kind = "misplaced" if self._elsewhere(ours[i:i + a]) else "altered"
                self.result.add(kind, a, f"{item.label}: {' '.join(ours[i:i + a])!r} "
                                         f"for {' '.join(theirs[j:j + b])!r}")
                i, j = i + a, j + b
                continue
            n, m, kind = step
            if kind in ("joined", "respaced"):
                # PDFium's own spaces there, set where the glyphs stand closer than a word space
                # apart: its split, not Precedent's joining.
                gaps = [self.o.gap[self.body[at + k]] for k in range(j + 1, j + m)]
                if all(g is not None and g < ORACLE_SPLIT for g in gaps):
                    kind = "oracle_split"
            for k in range(j, j + m):
                self.covered.setdefault(at + k, item)
            if kind:
                count = n - m if kind == "split" else m - n if kind in ("joined",
                                                                        "oracle_split") else 1
                self.result.add(kind, max(count, 1), f"{item.label}: {' '.join(ours[i:i + n])!r} "
                                                     f"for {' '.join(theirs[j:j + m])!r}")
            i, j = i + n, j + m

    def _elsewhere(self, words: list[str]) -> bool:
        """Do these words (five or more) stand, as they are, somewhere else in the oracle? Then
        the record holds another part of the document (merged paragraphs), not altered words."""
        if len(words) < 5:
            return False
        grams = [tuple(words[k:k + 3]) for k in range(len(words) - 2)]
        return sum(1 for g in grams if g in self.trigrams) >= 0.8 * len(grams)

    # --- what no record holds -----------------------------------------------------------------

    def _lost(self) -> None:
        o, covered = self.o, self.covered
        covered_lines = defaultdict(set)
        for k, item in covered.items():
            covered_lines[o.line[self.body[k]]].add(item.kind)
        first_body = min((o.line[self.body[k]] for k, it in covered.items()
                          if it.kind not in ("heading", "title")),
                         default=0)
        last_body = max((o.line[self.body[k]] for k, it in covered.items()), default=0)
        lost_lines: dict[int, list[str]] = defaultdict(list)
        for k, word in enumerate(self.words):
            line = o.line[self.body[k]]
            page, text, size, pos = o.lines[line]
            if k in covered:
                if covered[k].kind == "footnote" and size >= 0.95 * self._body_size():
                    self.result.add("body_in_footnote", 1, f"p{page + 1}: {text[:100]}")
                continue
            kind = self._excuse(line, first_body, last_body, covered_lines)
            if kind in STRUCTURE_CLASSES:
                self.result.add(kind, 1, f"p{page + 1}: {text[:100]}")
            elif kind:
                self.result.counts[kind] += 1
            else:
                lost_lines[line].append(word)
        for line, words in lost_lines.items():
            page, text, _, _ = o.lines[line]
            self.result.add("lost", len(words),
                            f"p{page + 1}: {' '.join(words)[:80]}  [line: {text[:90]}]")
        self._merged()

    def _body_size(self) -> float:
        if not hasattr(self, "_size"):
            sizes = Counter()
            for _, text, size, _ in self.o.lines:
                sizes[round(size, 1)] += len(text)
            self._size = sizes.most_common(1)[0][0] if sizes else 0.0
        return self._size

    def _excuse(self, line: int, first_body: int, last_body: int, covered_lines) -> str:
        page, text, _, pos = self.o.lines[line]
        at_edge = pos < 6 or pos >= self.o.page_lines[page] - 4
        if _SEPARATOR_RE.match(text) or text.startswith("Please recycle"):
            return "furniture"
        furniture = _is_furniture_line(text) or self._running_head(text)
        if at_edge and not covered_lines.get(line) and furniture:
            return "furniture"
        if line < first_body:
            return "masthead"
        if _CLOSING_RE.match(text) or line > last_body and not covered_lines.get(line):
            return "closing"
        if _PART_RE.match(text):
            return "part_label"
        if _ROMAN_RE.match(text):
            return "section_numeral"
        if self._after_part_label(line, covered_lines):
            return "annex_title"
        return ""

    def _after_part_label(self, line: int, covered_lines) -> bool:
        """Is ``line`` the annex's title: after an ``Annex`` line, before any word a record
        holds?"""
        for back in range(line - 1, max(-1, line - 5), -1):
            if covered_lines.get(back):
                return False
            if _PART_RE.match(self.o.lines[back][1]):
                return True
        return False

    def _running_head(self, text: str) -> bool:
        """A running head: the document's title (or a piece of it, wrapped) with or without its
        symbol."""
        title = "".join(normalise(self.doc.info.title or "").split())
        symbol = self.doc.info.symbol or ""
        rest = "".join((text.replace(symbol, " ") if symbol else text).split())
        return bool(title) and (not rest or rest in title)

    def _merged(self) -> None:
        """Paragraph N+1 inside paragraph N: its number printed inside another record's words."""
        for k, item in self.covered.items():
            word = self.words[k]
            if item.kind == "paragraph" and _NUMBER_RE.match(word) and item.number.isdigit():
                if int(word[:-1]) == int(item.number) + 1:
                    self.result.add("merged", 1, f"{item.label}: holds {word}")

    # --- footnote marks -----------------------------------------------------------------------

    def _marks(self) -> None:
        """Every oracle mark inside a record's span is cited by that record; its footnote is on
        the mark's page or the next."""
        o = self.o
        notes = defaultdict(set)
        for r in self.doc.paragraphs:
            if r.kind == "footnote" and r.page is not None:
                notes[r.number.removeprefix("fn")].add(r.page - 1)
        body_index = {pos: k for k, pos in enumerate(self.body)}
        for i, is_mark in enumerate(o.mark):
            if not is_mark:
                continue
            before = next((body_index[p] for p in range(i - 1, max(-1, i - 4), -1)
                           if p in body_index), None)
            after = next((body_index[p] for p in range(i + 1, min(len(o.words), i + 4))
                          if p in body_index), None)
            items = [self.covered.get(before), self.covered.get(after)]
            if (items[1] is not None and items[1].kind == "footnote"
                and (i == 0 or o.line[i - 1] != o.line[i])):
                continue  # the number opening a footnote at the page foot
            item = next((it for it in items if it is not None and it.kind != "footnote"), None)
            if item is None or item.kind in ("heading", "title"):
                continue
            if items[0] is not items[1] and items[0] is not None and items[1] is not None:
                item = items[0]  # a mark between two records belongs to the one before it
            mark = o.words[i]
            if mark not in item.marks:
                self.result.add("mark_unrecorded", 1,
                                f"{item.label}: mark {mark} on p{o.page[i] + 1}")
            # this page, the next, or an
            elif not any(p <= o.page[i] + 1 for p in notes.get(mark, ())):
                # earlier one (the UN repeats a footnote's number to cite it again: A/RES/78/11)
                self.result.add("mark_without_note", 1,
                                f"{item.label}: mark {mark} on p{o.page[i] + 1}")


def _in_order(found: list[tuple[int, list[int]]]) -> list[tuple[int, int]]:
    """The longest run of ``(item trigram, oracle place)`` pairs, one place per trigram from its
    places ``found``, whose places rise with the item's trigrams: an item's words stand in order.
    A trigram found only further on (a paragraph said twice, the later copy's number within the
    slack) does not count for this start."""
    pairs = [(k, q) for k, qs in found for q in sorted(qs, reverse=True)]  # one place per trigram
    tails: list[int] = []  # tails[n]: index in pairs of the smallest last place of a run of n + 1
    back = [-1] * len(pairs)
    for i, (_, q) in enumerate(pairs):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if pairs[tails[mid]][1] < q:
                lo = mid + 1
            else:
                hi = mid
        back[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    run, i = [], tails[-1] if tails else -1
    while i >= 0:
        run.append(pairs[i])
        i = back[i]
    return run[::-1]


def _explain(ours: list[str], i: int, theirs: list[str], j: int) -> tuple[int, int, str] | None:
    """``(our words, their words, class)`` of the difference at ``ours[i]`` / ``theirs[j]``."""
    if j >= len(theirs):
        return None
    if ours[i] == theirs[j]:
        return 1, 1, ""
    for n in range(1, 5):
        a = "".join(ours[i:i + n])
        for m in range(1, 5):
            if (n, m) == (1, 1) or i + n > len(ours) or j + m > len(theirs):
                continue
            b = "".join(theirs[j:j + m])
            if a == b:
                return n, m, "split" if n > m else "joined" if m > n else "respaced"
    if "-" in theirs[j] and ours[i].replace("-", "") == theirs[j].replace("-", ""):
        return 1, 1, "hyphen_dropped"
    return None


def _resync(ours: list[str], i: int, theirs: list[str], j: int) -> tuple[int, int]:
    """How many of our words and of theirs to pass to stand on the same word again."""
    for d in range(1, len(ours) - i + len(theirs) - j + 1):
        for a in range(0, d + 1):
            b = d - a
            if i + a < len(ours) and j + b < len(theirs) and ours[i + a] == theirs[j + b]:
                return a, b
    return len(ours) - i, 0


# --- running it over the real PDFs --------------------------------------------------------------


def real_pdfs() -> list[Path]:
    return sorted(p for d in PDF_DIRS for p in (REAL / d).glob("*.pdf")) if REAL.is_dir() else []


def table(results: list[Comparison], classes=WORD_CLASSES + OTHER_CLASSES) -> str:
    """A per-document table of the non-zero counts, and the totals."""
    rows = [("document",) + tuple(classes)]
    total = Counter()
    for r in results:
        total.update({k: r.counts[k] for k in classes})
        if any(r.counts[k] for k in classes):
            rows.append((r.name,) + tuple(str(r.counts[k]) for k in classes))
    rows.append((f"TOTAL ({len(results)} PDFs)",) + tuple(str(total[k]) for k in classes))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) if i else c.ljust(w) for i,
                               (c, w) in enumerate(zip(row, widths)))
                     for row in rows)
