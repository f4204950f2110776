"""Where each piece of text sits on a PDF page, from the glyph widths (pypdf's visitors; no file
access).

pypdf's ``extract_text`` guesses word spaces from the gap between the text it has assembled and
the next piece, and its guess is sometimes wrong: justified text set glyph by glyph (``TJ``
arrays with an offset after every glyph, as Word writes it) comes out as ``prom ote``,
``importan ce``, ``Unite d``. ``GlyphRecorder`` rides along the same ``extract_text`` call
(``visitor_operand_before`` / ``visitor_operand_after``) and keeps the text state itself: font,
size, character and word spacing, horizontal scaling, rise, the text matrix and the advance of
every string shown (its glyphs' widths from the font), so each string of a ``TJ``/``Tj`` becomes
a chunk ``(text, x0, x1, y, size, rise, space)`` in page space, ``space`` being the width of the
font's space glyph there.

``page_lines`` then groups the chunks into printed lines and decides every word boundary from
the geometry alone (``word_gap``): a space is written between two chunks when the gap between
the end of one and the start of the next is a word space for that font and that line (wider
than the line's own letter spacing by a good share of a space), and never otherwise. A space
glyph the PDF itself shows is always a space.

Strings are decoded as pypdf decodes them (the font's encoding, then its ``ToUnicode`` map), so
the characters are pypdf's; only the spaces between them are decided here.
"""

from __future__ import annotations

import logging
import re
from bisect import insort
from statistics import median

log = logging.getLogger(__name__)

# a baseline further than this share of the text size from the line's starts a new line
LINE_SHIFT = 0.8
# a gap of at least this share of the font's space width, over the letter spacing, is a word space
WORD_SPACE = 0.6
# ... and a gap under this share of a space is never a word space, whatever the line does
GLUE_GAP = 0.2
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SHOW = frozenset((b"Tj", b"TJ", b"'", b'"'))
_PAINT = frozenset((b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
_MOVE = frozenset((b"BT", b"Tm", b"Td", b"TD", b"T*"))
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mult(m, n) -> tuple[float, float, float, float, float, float]:
    """The matrix product ``m x n`` (PDF row-vector convention: apply ``m``, then ``n``)."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


class _FontInfo:
    """A font's decoding and glyph widths (pypdf's ``Font``), with the decoded strings cached."""

    __slots__ = ("font", "strings")

    def __init__(self, font) -> None:
        self.font = font
        self.strings: dict[bytes, tuple[str, float, int, int]] = {}

    def decode(self, data: bytes) -> tuple[str, float, int, int]:
        """``(text, glyph widths in 1/1000 em, glyph count, single-byte spaces)`` of one string,
        decoded as pypdf's ``extract_text`` decodes it."""
        hit = self.strings.get(data)
        if hit is not None:
            return hit
        font = self.font
        if isinstance(font.encoding, str):
            try:
                raw = data.decode(font.encoding, "surrogatepass")
            except UnicodeDecodeError:
                raw = data.decode(font.encoding, "replace")
            keys = raw
            spaces = 0
        else:
            raw = "".join(font.encoding.get(b, chr(b)) for b in data)
            keys = "".join(chr(b) for b in data)
            spaces = data.count(32)  # word spacing applies to the single-byte code 32 only
        cmap = font.character_map
        text = "".join(cmap.get(c, c) for c in raw)
        widths = font.character_widths
        default = widths.get("default", 500)
        width = 0.0
        for c in keys:
            width += font.space_width if c == font.space_char else widths.get(c, default)
        out = (text, width, len(keys), spaces)
        if len(self.strings) < 20000:
            self.strings[data] = out
        return out


class FontCache:
    """pypdf ``Font`` objects of one document, built once per font dictionary."""

    def __init__(self) -> None:
        self._fonts: dict[object, _FontInfo | None] = {}

    def get(self, font_dict) -> _FontInfo | None:
        ref = getattr(font_dict, "indirect_reference", None)
        key = (ref.idnum, ref.generation) if ref is not None else id(font_dict)
        if key not in self._fonts:
            try:
                from pypdf.generic._font import Font

                self._fonts[key] = _FontInfo(Font.from_font_resource(font_dict.get_object()))
            except Exception as e:  # a damaged font: its text has no geometry
                log.debug("font not read: %s", e)
                self._fonts[key] = None
        return self._fonts[key]


class _TextState:
    __slots__ = ("font", "size", "tc", "tw", "tz", "tl", "rise")

    def __init__(self) -> None:
        self.font: _FontInfo | None = None
        self.size = 0.0
        self.tc = self.tw = self.tl = self.rise = 0.0
        self.tz = 1.0

    def copy(self) -> _TextState:
        other = _TextState()
        other.font, other.size, other.tc, other.tw = self.font, self.size, self.tc, self.tw
        other.tz, other.tl, other.rise = self.tz, self.tl, self.rise
        return other


class _Stream:
    """One content stream being read (the page's, or a form XObject's drawn by ``Do``)."""

    __slots__ = ("resources", "base", "state", "saved", "advance", "pushed")

    def __init__(self, resources, base) -> None:
        self.resources = resources
        self.base = base  # form space -> page space
        self.state = _TextState()
        self.saved: list[_TextState] = []
        self.advance = 0.0  # text-space distance shown since the text line matrix was set
        self.pushed = False


class GlyphRecorder:
    """Collects one page's text chunks ``(text, x0, x1, y, size, rise, space)`` in page space and
    its drawn horizontal rules ``(x0, x1, y)``, riding along ``extract_text``."""

    def __init__(self, resources, fonts: FontCache) -> None:
        self.chunks: list[tuple[str, float, float, float, float, float, float]] = []
        self.rules: list[tuple[float, float, float]] = []
        self.rotated = False  # text not set upright on the page: the page keeps pypdf's text
        self.rtl = False
        self.fonts = fonts
        self._streams = [_Stream(resources, IDENTITY)]
        self._at: tuple[float, float] | None = None
        self._pending: list[tuple[float, float, float]] = []

    # --- pypdf visitors --------------------------------------------------------------------

    def before(self, op, args, cm, tm) -> None:
        """``visitor_operand_before``."""
        try:
            if op in _SHOW:
                self._show(op, args, cm, tm)
            elif op in _MOVE:
                self._streams[-1].advance = 0.0
                if op == b"TD" and len(args) > 1:
                    self._streams[-1].state.tl = -float(args[1])
            elif op == b"Tf":
                self._set_font(args)
            elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts"):
                self._set(op, float(args[0]))
            elif op == b"q":
                s = self._streams[-1]
                s.saved.append(s.state.copy())
            elif op == b"Q":
                s = self._streams[-1]
                if s.saved:
                    s.state = s.saved.pop()
            elif op == b"Do":
                self._enter_form(args, cm)
            else:
                self._path(op, args, cm)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError) as e:
            log.debug("operator %r not followed: %s", op, e)

    def after(self, op, args, cm, tm) -> None:
        """``visitor_operand_after``: the end of a form XObject's content."""
        if op == b"Do" and len(self._streams) > 1 and self._streams[-1].pushed:
            self._streams.pop()

    # --- text state ------------------------------------------------------------------------

    def _set(self, op: bytes, value: float) -> None:
        state = self._streams[-1].state
        if op == b"Tc":
            state.tc = value
        elif op == b"Tw":
            state.tw = value
        elif op == b"Tz":
            state.tz = value / 100.0
        elif op == b"TL":
            state.tl = value
        else:
            state.rise = value

    def _set_font(self, args) -> None:
        stream = self._streams[-1]
        state = stream.state
        state.size = float(args[1])
        state.font = None
        fonts = stream.resources.get("/Font") if stream.resources is not None else None
        if fonts is not None:
            fonts = fonts.get_object()
            if args[0] in fonts:
                state.font = self.fonts.get(fonts[args[0]])

    def _enter_form(self, args, cm) -> None:
        parent = self._streams[-1]
        xobjects = parent.resources.get("/XObject") if parent.resources is not None else None
        xobj = xobjects.get_object().get(args[0]) if xobjects is not None else None
        xobj = xobj.get_object() if xobj is not None else None
        if xobj is None or xobj.get("/Subtype") != "/Form":
            return
        matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
        resources = xobj.get("/Resources")
        form = _Stream(resources.get_object() if resources is not None else parent.resources,
                       mult(matrix, mult(tuple(cm), parent.base)))
        form.pushed = True
        self._streams.append(form)

    # --- text ------------------------------------------------------------------------------

    def _show(self, op: bytes, args, cm, tm) -> None:
        stream = self._streams[-1]
        state = stream.state
        if op in (b"'", b'"'):
            if op == b'"':
                state.tw, state.tc = float(args[0]), float(args[1])
                args = args[2:]
            tm = (tm[0], tm[1], tm[2], tm[3], tm[4] - state.tl * tm[2], tm[5] - state.tl * tm[3])
            stream.advance = 0.0
        items = args[0] if op == b"TJ" else args[:1]
        font = state.font
        if font is None or not state.size:
            return
        m = mult(tuple(tm), tuple(cm))
        if stream.base is not IDENTITY:
            m = mult(m, stream.base)
        if m[3] <= 0 or abs(m[1]) > 1e-3 * abs(m[0]) or m[0] <= 0:
            self._check_rotated(items, font)
            return
        size, tz, tc, tw = state.size, state.tz, state.tc, state.tw
        em = size * tz / 1000.0
        space = font.font.space_width * em * m[0]
        shown_size = size * m[3]
        rise = state.rise * m[3]
        y = m[5]
        adv = stream.advance
        chunks = self.chunks
        for item in items:
            if isinstance(item, (bytes, str)):
                data = item if isinstance(item, bytes) else item.encode("latin-1", "replace")
                text, width, count, spaces = font.decode(data)
                end = adv + width * em + (tc * (count - 1) + tw * spaces) * tz
                if text:
                    chunks.append((text, adv * m[0] + m[4], end * m[0] + m[4], y, shown_size, rise,
                                   space))
                    if _RTL_RE.search(text):
                        self.rtl = True
                adv = end + tc * tz if count else adv
            else:
                adv -= float(item) * em
        stream.advance = adv

    def _check_rotated(self, items, font: _FontInfo) -> None:
        for item in items:
            if isinstance(item, bytes) and font.decode(item)[0].strip():
                self.rotated = True
                return

    # --- drawn rules -----------------------------------------------------------------------

    def _path(self, op: bytes, args, cm) -> None:
        if op == b"re":
            x, y, w, h = (float(v) for v in args[:4])
            self._segment(cm, x, y, x + w, abs(h))
        elif op == b"m":
            self._at = (float(args[0]), float(args[1]))
        elif op == b"l":
            x, y = float(args[0]), float(args[1])
            if self._at is not None and abs(y - self._at[1]) <= 1.0:
                self._segment(cm, self._at[0], y, x, 0.0)
            self._at = (x, y)
        elif op in _PAINT:
            self.rules.extend(self._pending)
            self._pending.clear()
        elif op == b"n":  # a clipping path, not painted
            self._pending.clear()

    def _segment(self, cm, x0: float, y: float, x1: float, thickness: float) -> None:
        base = self._streams[-1].base
        A, B, C, D, E, F = cm if base is IDENTITY else mult(tuple(cm), base)
        if B or C:  # a rotated or skewed drawing: not a rule of the text
            return
        if thickness * abs(D) > 2.0:
            return
        px0, px1 = sorted((x0 * A + E, x1 * A + E))
        if px1 - px0 >= 20:
            self._pending.append((px0, px1, y * D + F))


# --- chunks -> printed lines, words decided by the gaps ------------------------------------


def group_lines(chunks):
    """Chunks in drawing order -> printed lines (lists of chunks, left to right): a chunk whose
    baseline lies further than ``LINE_SHIFT`` of the text size from the line's baselines starts
    a new line (a raised footnote mark stays on its line)."""
    lines: list[list] = []
    current: list = []
    low = high = 0.0
    for chunk in chunks:
        y, size = chunk[3], chunk[4]
        if current:
            shift = 0.0 if low <= y <= high else min(abs(y - low), abs(y - high))
            if shift > LINE_SHIFT * min(size, current[-1][4]):
                if not chunk[0].strip():
                    continue  # a space drawn off the line (an empty paragraph's): on no line
                lines.append(current)
                current = []
        if not current:
            if not chunk[0].strip():
                continue  # a line never starts with a lone space
            low = high = y
        current.append(chunk)
        if chunk[0].strip():
            low, high = min(low, y), max(high, y)
    if current:
        lines.append(current)
    out = []
    for line in lines:
        ordered: list = []
        for chunk in line:  # left to right, drawing order kept among chunks at the same place
            insort(ordered, chunk, key=lambda c: c[1])
        out.append(ordered)
    return out


def letter_spacing(line) -> float:
    """The line's own spacing between glyphs of a word: the median gap between chunks that
    touch (neither a space nor a word apart), as a share of the space width; 0 when unknown."""
    gaps = []
    for a, b in zip(line, line[1:]):
        if a[0][-1:].isspace() or b[0][:1].isspace() or not a[6]:
            continue
        ratio = (b[1] - a[2]) / a[6]
        if ratio < GLUE_GAP + WORD_SPACE:
            gaps.append(ratio)
    return median(gaps) if len(gaps) >= 3 else 0.0


def word_gap(a, b, spacing: float) -> bool:
    """Is the gap between chunk ``a`` and chunk ``b`` (left to right on one line) a word space?"""
    space = min(a[6], b[6]) if a[6] and b[6] else a[6] or b[6]
    if not space:
        return False
    ratio = (b[1] - a[2]) / space
    if ratio < GLUE_GAP:
        return False
    return ratio >= max(spacing, 0.0) + WORD_SPACE


def line_runs(line) -> list[tuple[str, float, float, float, float]]:
    """One printed line's runs ``(text, x, y, size, rise)``: chunks that touch are one run, and a
    space stands at the start of a run exactly where the geometry shows a word space."""
    spacing = letter_spacing(line)
    runs: list[list] = []
    prev = None
    for chunk in line:
        text, x0, _, y, size, rise, _ = chunk
        if prev is not None:
            apart = prev[0][-1:].isspace() or text[:1].isspace()
            if not apart and word_gap(prev, chunk, spacing):
                text = " " + text
            same = runs[-1][2] == y and runs[-1][3] == size and runs[-1][4] == rise
            if same:
                runs[-1][0].append(text)
                prev = chunk
                continue
        runs.append([[text], x0, y, size, rise])
        prev = chunk
    return [("".join(parts), x, y, size, rise) for parts, x, y, size, rise in runs]
