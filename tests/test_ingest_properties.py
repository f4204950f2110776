"""Property tests of the pure parser: generated numbered paragraphs, laid out with random blank
lines, page breaks and footnote blocks (text layout) or wrapped lines with footnotes at the page
foot and page furniture (PDF text-layer layout), come back with the same numbers and texts,
nothing lost, nothing duplicated, no footnote inside a paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precedent.ingest.records import DocumentInfo, Footnote
from precedent.ingest.structure import parse_pages
from precedent.ingest.text_patterns import DIGIT_TO_SUP

INFO = DocumentInfo(doc_id="gen", title="Generated")
# Lowercase words of 1-12 letters (sampling a list keeps generation fast).
VOCAB = (
    "a i of to in we and the for its all with among local states report review migrant "
    "migrants welfare support ensure promote access regular pathways seasonal communities "
    "cooperation including particular vulnerable destination transit origin protection "
    "strengthen implementation information children families recognize safeguards"
).split()
WORD = st.sampled_from(VOCAB)
SETTINGS = settings(max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@dataclass
class GenPara:
    words: list[str]
    note_at: int | None  # index of the word the footnote mark is glued to
    note_words: list[str]
    split_at: int | None  # word index where a page break / footnote block / blank line falls
    separator: str

    @property
    def text(self) -> str:
        return "We " + " ".join(self.words) + "."

    @property
    def note_text(self) -> str:
        return "Note " + " ".join(self.note_words) + "."


@st.composite
def documents(draw, max_paras: int = 8):
    paras = []
    for _ in range(draw(st.integers(1, max_paras))):
        words = draw(st.lists(WORD, min_size=2, max_size=40))
        note_at = draw(st.one_of(st.none(), st.integers(0, len(words) - 1)))
        split_at = draw(st.one_of(st.none(), st.integers(1, len(words) - 1)))
        paras.append(GenPara(
            words=words,
            note_at=note_at,
            note_words=draw(st.lists(WORD, min_size=1, max_size=12)),
            split_at=split_at,
            separator=draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\f", "\n\f\n", "\n\n\f\n\n"])),
        ))
    return paras


def _marked_words(p: GenPara, mark: str) -> list[str]:
    return [w + mark if i == p.note_at else w for i, w in enumerate(p.words)]


def _expected(paras: list[GenPara]):
    body, notes, refs = [], [], {}
    n = 0
    for i, p in enumerate(paras, start=1):
        body.append((str(i), p.text))
        if p.note_at is not None:
            n += 1
            notes.append((f"fn{n}", p.note_text))
            refs[str(i)] = (Footnote(str(n), p.note_text),)
    return body, notes, refs


def _check(records, paras):
    body, notes, refs = _expected(paras)
    got_body = [(r.number, r.text) for r in records if r.kind == "paragraph"]
    got_notes = [(r.number, r.text) for r in records if r.kind == "footnote"]
    assert got_body == body
    assert got_notes == notes
    assert all(r.kind in ("paragraph", "footnote") for r in records)
    for r in records:
        if r.kind == "paragraph":
            assert r.footnotes == refs.get(r.number, ())
            for _, note in notes:
                assert note not in r.text


# --- text layout: blocks separated by blank lines, \f page breaks, superscript footnotes ----


def _text_layout(paras: list[GenPara], between: list[str]) -> list[str]:
    out = ""
    n = 0
    for i, p in enumerate(paras):
        mark = ""
        if p.note_at is not None:
            n += 1
            mark = str(n).translate(DIGIT_TO_SUP)
        words = _marked_words(p, mark)
        note_block = f"\n\n{mark} {p.note_text}\n\n" if mark else ""
        head = f"{i + 1}. We "
        if p.split_at is not None:
            out += (head + " ".join(words[: p.split_at]) + p.separator + note_block
                    + " ".join(words[p.split_at:]) + ".")
        else:
            out += head + " ".join(words) + "." + note_block
        out += between[i]
    return out.split("\f")


@SETTINGS
@given(documents(), st.data())
def test_text_layout_round_trips(paras, data):
    between = [data.draw(st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\f", "\n\n\f\n"]))
               for _ in paras]
    pages = _text_layout(paras, between)
    _, records = parse_pages(pages, INFO, markdown=True, has_pages=len(pages) > 1)
    _check(records, paras)


# --- PDF text-layer layout: wrapped lines, footnotes at the page foot, furniture ------------


def _wrap(words: list[str], width: int, hyphenate: bool = False) -> list[str]:
    """Greedy wrapping; with ``hyphenate`` a long word that does not fit is broken at a soft
    hyphen, ``implementa\u00ad`` / ``tion``, when its head fits (a hyphen printed at a line end
    is always the word's own: UN documents are not hyphenated by the typesetter)."""
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            room = width - len(cur) - 2
            if hyphenate and w.isalpha() and len(w) >= 8 and room >= 3:
                cut = min(room, len(w) - 3)
                lines.append(f"{cur} {w[:cut]}\u00ad")
                cur = w[cut:]
                continue
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return lines + [cur] if cur else lines


def _pdf_layout(paras: list[GenPara], width: int, page_lines: int,
                hyphenate: bool = False) -> list[str]:
    """Pages of a text layer: running head, body lines, footnotes (``N text``), page number."""
    body: list[tuple[str, int | None]] = []  # (line, footnote number referenced on it)
    n = 0
    for i, p in enumerate(paras, start=1):
        note = None
        if p.note_at is not None:
            n += 1
            note = n
        words = _marked_words(p, str(note) if note else "")
        for line in _wrap([f"{i}.", "We", *words[:-1], words[-1] + "."], width, hyphenate):
            body.append((line, note if note and f"{note}" in line and _has_glued(line, note)
                         else None))
    note_texts = {k + 1: t for k,
                  t in enumerate(p.note_text for p in paras if p.note_at is not None)}
    pages, cur, cur_notes = [], [], []
    for line, ref in body:
        if len(cur) >= page_lines:
            pages.append((cur, cur_notes))
            cur, cur_notes = [], []
        cur.append(line)
        if ref:
            cur_notes.append(ref)
    pages.append((cur, cur_notes))
    texts = []
    for k, (lines, notes) in enumerate(pages, start=1):
        foot = [ln for m in notes for ln in _wrap([str(m), *note_texts[m].split()], width + 10)]
        head = ["A/RES/98/7"] if k > 1 else ["United Nations A/RES/98/7",
                                             "98/7. Generated resolution", "The General Assembly,"]
        texts.append("\n".join(head + lines + foot + [f"{k}/{len(pages)}"]))
    return texts


def _has_glued(line: str, note: int) -> bool:
    return any(tok.rstrip(".").endswith(str(note)) and tok[:1].isalpha() for tok in line.split())


@SETTINGS
@given(documents(max_paras=6), st.integers(40, 90), st.integers(1, 12), st.booleans())
def test_pdf_layout_round_trips(paras, width, page_lines, hyphenate):
    pages = _pdf_layout(paras, width, page_lines, hyphenate)
    doc, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                               wrapped=True)
    assert doc.symbol == "A/RES/98/7" and doc.title == "Generated resolution"
    _check(records, paras)


def test_body_text_repeated_at_two_page_tops_is_no_running_head():
    """Found by the round trip above: a wrapped line of body text ("migrant communities
    protection migrant") standing first under the symbol on two pages was taken for a running
    head and dropped from both paragraphs. A lower-case line is a head's second line only under a
    capitalised first line (or printed beside the symbol)."""
    words = "and migrants communities protection states states migrants migrant communities "
    other = "a a and states migrants communities communities protection migrant communities "
    paras = [GenPara(["a", "a"], None, ["a"], None, "\n"),
             GenPara(["a", "a"], None, ["a"], None, "\n"),
             GenPara((words + "protection migrant a").split(), None, ["a"], None, "\n"),
             GenPara((other + "protection migrant a").split(), None, ["a"], None, "\n")]
    pages = _pdf_layout(paras, 40, 4, False)
    assert sum(p.count("\nmigrant communities protection migrant\n") for p in pages) == 2
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_short_page_of_body_lines_is_no_running_head():
    """Found by the round trip above (in CI): a page of four body lines, none ending a sentence,
    between the symbol at its top and the page mark at its foot, was taken for a running head
    wrapped on four lines (the foot's run of edge lines reached the symbol line) and all four
    lines were dropped. A running head wraps on two lines at most."""
    long = ("a a a a a of of of and and migrants of and states states destination a with "
            "safeguards communities communities among communities communities among safeguards")
    paras = [GenPara(["a", "a"], None, ["a"], None, "\n") for _ in range(3)]
    paras.append(GenPara(long.split(), None, ["a"], None, "\n"))
    pages = _pdf_layout(paras, 40, 4, False)
    assert pages[1].splitlines()[0] == "A/RES/98/7" and len(pages[1].splitlines()) == 6
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_page_of_two_body_lines_keeps_them():
    """Two body lines between the symbol and the page mark: the foot's run of edge lines stops at
    the page's middle, so they are never a running head's two lines."""
    words = ("a a a a a a among migrants migrants pathways communities communities a "
             "implementation implementation a communities communities").split()
    paras = [GenPara(words, None, ["a"], None, "\n")]
    pages = _pdf_layout(paras, 40, 2, False)
    assert len(pages[1].splitlines()) == 4  # symbol, two body lines, page mark
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def _pdf_layout_ga(paras: list[GenPara], width: int, page_lines: int, hyphenate: bool,
                   head: str, foot: str) -> list[str]:
    """``_pdf_layout`` with a fuller furniture: the masthead of a resolution on page 1 (its job
    number and bar code at the foot), and on the other pages a running head of the symbol alone,
    the symbol over the short title, or both on one line, and the page mark alone or beside the
    job number."""
    pages = _pdf_layout(paras, width, page_lines, hyphenate)
    total = len(pages)
    out = []
    for k, text in enumerate(pages, start=1):
        lines = text.splitlines()
        if k == 1:
            lines = (["United Nations A/RES/98/7", "General Assembly Distr.: General",
                      "18 December 2023"] + lines[1:-1] + ["23-12345 (E) 191223", "*2312345*"])
        else:
            heads = {"symbol": ["A/RES/98/7"],
                     "symbol, title": ["A/RES/98/7", "Generated resolution"],
                     "title and symbol": ["Generated resolution A/RES/98/7"]}[head]
            marks = {"mark": [f"{k}/{total}"], "mark and job": [f"{k}/{total} 23-12345"],
                     "job and mark": [f"23-12345 {k}/{total}"]}[foot]
            lines = heads + lines[1:-1] + marks
        out.append("\n".join(lines))
    return out


@SETTINGS
@given(documents(max_paras=6), st.integers(40, 90), st.integers(1, 12), st.booleans(),
       st.sampled_from(["symbol", "symbol, title", "title and symbol"]),
       st.sampled_from(["mark", "mark and job", "job and mark"]))
def test_pdf_layout_with_running_titles_and_job_numbers_round_trips(paras, width, page_lines,
                                                                     hyphenate, head, foot):
    pages = _pdf_layout_ga(paras, width, page_lines, hyphenate, head, foot)
    doc, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                               wrapped=True)
    assert doc.symbol == "A/RES/98/7"
    _check(records, paras)


def test_a_body_line_under_the_running_head_on_two_pages_of_many_is_body_text():
    """Found by the round trip above: the lower-case body line "and with states recognize states"
    stood alone under the running head ("Generated resolution A/RES/98/7") on two pages of nine
    and was taken for the head's second line, dropped from both paragraphs. A title's second
    line repeats on every page its head stands on (every other page at least)."""
    words = "and among communities and with states recognize states migrant".split()
    paras = [GenPara(["a", "a", "a", "and", *words], None, ["a"], None, "\n"),
             *(GenPara(["a", "a"], None, ["a"], None, "\n") for _ in range(3)),
             GenPara(["a", "a", "a", "a", "a", *words], None, ["a"], None, "\n")]
    pages = _pdf_layout_ga(paras, 40, 1, False, "title and symbol", "mark")
    assert sum("\nand with states recognize states\n" in p for p in pages) == 2
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_capitalised_body_line_at_two_page_tops_of_four_is_body_text():
    """Found by generating capitalised words too: "Member states communities among of" stood
    first under the symbol on two pages of four and was taken for a running head. A head not
    printed beside the symbol, job number or page mark stands on three pages in four at least."""
    tail = ["of", "Member", "states", "communities", "among", "of", "among"]
    paras = [GenPara(["a", "a"], None, ["a"], None, "\n"),
             GenPara(["a"] * 13 + tail, None, ["a"], None, "\n"),
             GenPara("a a a among among states protection protection among states".split()
                     + tail[1:], None, ["a"], None, "\n"),
             GenPara(["a", "a"], None, ["a"], None, "\n")]
    pages = _pdf_layout_ga(paras, 40, 2, False, "symbol", "mark")
    assert sum(p.startswith("A/RES/98/7\nMember states communities among of\n") for p in pages) == 2
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_short_capitalised_line_inside_an_open_paragraph_stays_in_it():
    """Found by generating capitalised words too: "Secretary-General a", too long to end the
    line before it, stood alone at a page top between "2. We a a a a" (no sentence end) and
    "communities." and was read as a heading: the paragraph lost its middle and its end became
    a paragraph of its own. A block between a paragraph left open and lower-case text is the
    paragraph's middle."""
    paras = [GenPara(["a", "a", "migrant", "migrants"], None, ["a"], None, "\n"),
             GenPara(["a", "a", "a", "a", "Secretary-General", "a", "communities"], None, ["a"],
                     None, "\n")]
    pages = _pdf_layout_ga(paras, 30, 1, False, "symbol", "mark")
    assert pages[2].splitlines()[1] == "Secretary-General a"
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_line_cut_short_by_a_long_word_goes_on():
    """Found by generating capitalised words too: at a narrow measure "1. We migrant" and
    "protection a" were ended early because "Secretary-General" did not fit after them; read as
    paragraph ends, they left "Secretary-General of protection a" a heading and the paragraph's
    last word a paragraph of its own. A line is no paragraph end when the next line's first word
    would not have fitted on it."""
    paras = [GenPara(["migrant", "Secretary-General", "of", "protection", "a",
                      "Secretary-General"], None, ["a"], None, "\n")]
    pages = _pdf_layout_ga(paras, 30, 3, False, "symbol", "mark")
    assert "1. We migrant\nSecretary-General of\nprotection a\n" in pages[0]
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    _check(records, paras)


def test_a_capitalised_block_between_an_open_paragraph_and_lower_case_text_is_its_middle():
    """Pages of a text layer where one paragraph runs over three: "Secretary-General and the High
    Commissioner" alone on the middle page, after "... the work of the" and before "on the
    protection of migrants.", was read as a heading: the paragraph lost its middle, its end became
    a paragraph of its own and the next paragraph took the heading as its section."""
    pages = ["1. We note the work of the\n", "Secretary-General and the High Commissioner\n",
             "on the protection of migrants.\n\n2. We act.\n"]
    _, records = parse_pages(pages, INFO, markdown=True, has_pages=True)
    assert [(r.number, r.text, r.section) for r in records] == [
        ("1", "We note the work of the Secretary-General and the High Commissioner on the "
              "protection of migrants.", ()),
        ("2", "We act.", ())]


# --- sectioned resolutions: sections I, II ... numbered from 1 or numbering on --------------

ROMANS = ["I", "II", "III", "IV"]
HEADS = "Financing Programme Report Strengthening Implementation Review Cooperation Support".split()
VERBS = ["Decides", "Requests", "Takes note", "Endorses", "Approves", "Encourages"]


PREAMBLE = ["Recalling", "Noting", "Having considered", "Reaffirming"]


@st.composite
def sectioned(draw):
    """One to four sections, each a title (its own first word, so no two are alike), up to two
    preambular paragraphs and one to three operative paragraphs of 5-50 words, a paragraph with
    up to three lettered items."""
    heads = draw(st.permutations(HEADS))
    out = []
    for i in range(draw(st.integers(1, 4))):
        pps = [(draw(st.sampled_from(PREAMBLE)), draw(st.lists(WORD, min_size=5, max_size=40)))
               for _ in range(draw(st.integers(0, 2)))]
        paras = [(draw(st.sampled_from(VERBS)), draw(st.lists(WORD, min_size=5, max_size=50)),
                  draw(st.lists(st.lists(WORD, min_size=3, max_size=30), max_size=3)))
                 for _ in range(draw(st.integers(1, 3)))]
        out.append(([heads[i], *draw(st.lists(WORD, max_size=12))], pps, paras))
    return out


def _sectioned_layout(sections, restart: bool, width: int, page_lines: int, alone: bool):
    """The text layer of a sectioned resolution (label alone over its title, or "II. Title"), and
    its records as (kind, part, number, text, section); one section is no restart."""
    body, expected, n = [], [], 0
    for label, (title, pps, paras) in zip(ROMANS, sections):
        body += [label, *_wrap(title, width)] if alone else _wrap([f"{label}.", *title], width)
        part = f"sect. {label}" if restart and len(sections) > 1 else ""
        section = (f"{label}. {' '.join(title)}",)
        for verb, words in pps:
            body += _wrap([*verb.split(), *words[:-1], words[-1] + ","], width)
            expected.append(("preambular", part, "", f"{verb} {' '.join(words)},", section))
        for j, (verb, words, items) in enumerate(paras):
            n = j + 1 if restart else n + 1
            close = "." if j == len(paras) - 1 else ";"
            end = ":" if items else close
            body += _wrap([f"{n}.", *verb.split(), *words[:-1], words[-1] + end], width)
            expected.append(("paragraph", part, str(n), f"{verb} {' '.join(words)}{end}", section))
            for k, item in enumerate(items):
                mark, stop = chr(ord("a") + k), close if k == len(items) - 1 else ";"
                body += _wrap([f"({mark})", *item[:-1], item[-1] + stop], width)
                expected.append(("subparagraph", part, f"{n} ({mark})",
                                 f"{' '.join(item)}{stop}", section))
    pages = [body[i:i + page_lines] for i in range(0, len(body), page_lines)]
    texts = []
    for k, lines in enumerate(pages, start=1):
        head = (["United Nations A/RES/98/7", "98/7. Generated resolution", "The General Assembly,"]
                if k == 1 else ["A/RES/98/7"])
        texts.append("\n".join(head + lines + [f"{k}/{len(pages)}"]))
    return texts, expected


@SETTINGS
@given(sectioned(), st.booleans(), st.integers(45, 95), st.integers(5, 45), st.booleans())
def test_sectioned_resolutions_round_trip(sections, restart, width, page_lines, alone):
    pages, expected = _sectioned_layout(sections, restart, width, page_lines, alone)
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    assert [(r.kind, r.part, "" if r.kind == "preambular" else r.number, r.text, r.section)
            for r in records if r.kind != "footnote"] == expected


def test_a_section_label_after_a_finished_paragraph_opens_the_section_on_short_lines():
    """Found by the round trip above: where every line is short (short paragraphs at a narrow
    measure), "II. Programme a a" after "1. Decides a a a a a." was no shorter than the rest,
    so it ran into that paragraph with the next section's preamble, and the section was lost. A
    section's label opening a title-like line after a finished paragraph opens the section."""
    sections = [(["Financing"], [("Recalling", ["a"] * 5)], [("Decides", ["a"] * 5, [])]),
                (["Programme", "a", "a"], [("Recalling", ["a"] * 5)] * 2,
                 [("Decides", ["a"] * 5, [])])]
    pages, expected = _sectioned_layout(sections, False, 45, 5, False)
    assert "1. Decides a a a a a.\nII. Programme a a\n" in pages[0]
    _, records = parse_pages(pages, DocumentInfo(doc_id="gen", title=""), has_pages=True,
                             wrapped=True)
    assert [(r.kind, r.part, "" if r.kind == "preambular" else r.number, r.text, r.section)
            for r in records if r.kind != "footnote"] == expected
