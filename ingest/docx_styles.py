"""What a DOCX file's styles and list definitions say (pure; elements in, answers out): the
printed number of each paragraph of Word's automatic lists (decimal, letter and roman counters
per list and level, lower levels restarting under a higher one, ``startOverride`` restarting a
list, a level redefined in ``lvlOverride``, numbering set on the paragraph or inherited from its
style, a definition that only links to a list style), and which character styles hide text.
Read by ``docx_text``."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def qn(tag: str) -> str:
    return f"{{{W}}}{tag}"


def val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("val"), default) if child is not None else default


def _to_letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _to_roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                          (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _to_letters(n)
    if fmt == "upperLetter":
        return _to_letters(n).upper()
    if fmt == "lowerRoman":
        return _to_roman(n)
    if fmt == "upperRoman":
        return _to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt.startswith("zero") and fmt[4:].isdigit():  # a custom "001, 002, ..." format
        return str(n).zfill(int(fmt[4:]))
    if fmt == "ordinal":
        teen = n % 100 in (11, 12, 13)
        return f"{n}{'th' if teen else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def on(el) -> bool:
    """A toggle property (``<w:vanish/>``) is on unless its value says off."""
    return el.get(qn("val"), "true") not in ("0", "false", "off")


def _level(lvl) -> dict:
    """A list level's definition (``w:lvl``): its format (one Word 2010 wraps in alternate
    content: a custom zero-padded "001, 002, ..." as such, else the fallback given to older
    readers), whether it prints the levels above it in decimal (``isLgl``, legal numbering:
    "1.1" under "I."), and after which level it restarts (``lvlRestart``: 0 never; absent,
    under any level above)."""
    fmt = val(lvl, "numFmt")
    if fmt is None:
        wrapped = f"{{{MC}}}AlternateContent/{{{MC}}}"
        custom = lvl.find(f"{wrapped}Choice/{qn('numFmt')}")
        first = (custom.get(qn("format")) or "").split(",")[0].strip() if custom is not None else ""
        fallback = lvl.find(f"{wrapped}Fallback/{qn('numFmt')}")
        if first.isdigit():  # "001, 002, 003, ...": numbers zero-padded to that width
            fmt = f"zero{len(first)}"
        else:
            fmt = fallback.get(qn("val")) if fallback is not None else "decimal"
    legal = lvl.find(qn("isLgl"))
    restart = val(lvl, "lvlRestart")
    return {"start": int(val(lvl, "start", "1") or 1), "fmt": fmt,
            "text": val(lvl, "lvlText", ""), "suff": val(lvl, "suff", "tab"),
            "legal": legal is not None and on(legal),
            "restart": int(restart) if restart and restart.isdigit() else None}


class Numbering:
    """Counters for Word's automatic numbering: one list per abstract definition, except that a
    ``w:num`` with a ``startOverride`` is a list of its own (that is how Word restarts at 1)."""

    def __init__(self):
        self.abstract: dict[str, dict[int, dict]] = {}
        # an abstract definition that only points at a list style (``w:numStyleLink``): the
        # list style's numbering holds its levels
        self.style_links: dict[str, str] = {}
        # numId -> (abstractNumId, start overrides by level, levels redefined by ``w:lvl``)
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, dict]]] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.style_based: dict[str, str] = {}
        self.style_vanish: dict[str, bool] = {}  # a style's own hidden-text setting
        self.counters: dict[object, dict[int, int]] = {}

    def add_style(self, st) -> None:
        """A ``w:style`` of styles.xml: the numbering it sets, whether it hides text, and the
        style it is based on."""
        sid = st.get(qn("styleId"))
        ppr = st.find(qn("pPr"))
        numpr = ppr.find(qn("numPr")) if ppr is not None else None
        if numpr is not None:
            self.style_numpr[sid] = (val(numpr, "numId"), val(numpr, "ilvl"))
        rpr = st.find(qn("rPr"))
        vanish = rpr.find(qn("vanish")) if rpr is not None else None
        if vanish is not None:
            self.style_vanish[sid] = on(vanish)
        based = val(st, "basedOn")
        if based:
            self.style_based[sid] = based

    def hidden_style(self, sid: str | None) -> bool:
        """Does character style ``sid`` (or a style it is based on) hide its text?"""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.style_vanish:
                return self.style_vanish[sid]
            sid = self.style_based.get(sid)
        return False

    def add_definition(self, el) -> None:
        """A ``w:abstractNum`` (the levels of a list) or a ``w:num`` (a list using one) of
        numbering.xml."""
        if el.tag == qn("abstractNum"):
            aid = el.get(qn("abstractNumId"))
            self.abstract[aid] = {int(lvl.get(qn("ilvl"), "0")): _level(lvl)
                                  for lvl in el.findall(qn("lvl"))}
            link = val(el, "numStyleLink")
            if link:
                self.style_links[aid] = link
            return
        overrides, redefined = {}, {}
        for ov in el.findall(qn("lvlOverride")):
            ilvl = int(ov.get(qn("ilvl"), "0"))
            start = val(ov, "startOverride")
            if start is not None:
                overrides[ilvl] = int(start)
            lvl = ov.find(qn("lvl"))
            if lvl is not None:
                redefined[ilvl] = _level(lvl)
        self.nums[el.get(qn("numId"))] = (val(el, "abstractNumId"), overrides, redefined)

    def _abstract_of(self, abstract_id: str | None) -> str | None:
        """The abstract definition holding the levels: through a list style's link when the
        definition only names a style (``numStyleLink``)."""
        seen = set()
        while abstract_id in self.style_links and abstract_id not in seen:
            seen.add(abstract_id)
            num_id, _ = self.style_numpr.get(self.style_links[abstract_id], (None, None))
            if num_id not in self.nums:
                break
            abstract_id = self.nums[num_id][0]
        return abstract_id

    def _numpr(self, p) -> tuple[str | None, int]:
        ppr = p.find(qn("pPr"))
        num_id, ilvl = None, None
        numpr = ppr.find(qn("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id, ilvl = val(numpr, "numId"), val(numpr, "ilvl")
        style = val(ppr, "pStyle") if ppr is not None else None
        seen = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_lvl = self.style_numpr.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = self.style_based.get(style)
        return num_id, int(ilvl or 0)

    def label(self, p) -> str:
        """The printed list number of paragraph ``p`` ("" when it is not numbered)."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides, redefined = self.nums[num_id]
        abstract_id = self._abstract_of(abstract_id)
        levels = {**self.abstract.get(abstract_id, {}), **redefined}
        if ilvl not in levels:
            return ""
        key = ("num", num_id) if overrides or redefined else ("abstract", abstract_id)
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]  # (a), (b) restart under each new paragraph
        text = levels[ilvl]["text"]
        legal = levels[ilvl].get("legal", False)
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                lvl = levels.get(k, {"start": 1, "fmt": "decimal"})
                value = counters.get(k, overrides.get(k, lvl["start"]))
                fmt = "decimal" if legal and k < ilvl else lvl["fmt"]
                text = text.replace(f"%{k + 1}", format_number(value, fmt))
        if not text.strip() or levels[ilvl]["fmt"] in ("bullet", "none"):
            return ""
        return text + ("" if levels[ilvl]["suff"] == "nothing" else " ")
