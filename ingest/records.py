"""The one record Precedent cites: a paragraph (or sub-paragraph, or footnote) of a UN text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace

KINDS = ("preambular", "paragraph", "subparagraph", "footnote")
CATEGORIES = (
    "commitment",
    "request",
    "encouragement",
    "recognition",
    "concern",
    "reaffirmation",
    "decision",
    "other",
)


@dataclass(frozen=True)
class Footnote:
    """A footnote referenced from a paragraph; its text is kept beside the paragraph, never
    inside."""

    mark: str
    text: str


@dataclass(frozen=True)
class DocumentInfo:
    """What is known about a whole document (from its masthead, a manifest, or the user)."""

    doc_id: str
    title: str
    symbol: str = ""
    date: str = ""  # ISO date, YYYY-MM-DD, when known
    short_title: str = ""
    kind: str = ""
    source: str = ""
    distribution: str = ""  # "General" or "Limited" (a draft), from "Distr.: General"
    # the draft an adopted resolution names: "[... (A/80/L.4)]" -> "A/80/L.4"
    draft_symbol: str = ""

    @property
    def name(self) -> str:
        """How a citation names the document: its symbol, else its short title, else its title."""
        return self.symbol or self.short_title or self.title or self.doc_id


@dataclass(frozen=True)
class Paragraph:
    """A citable unit of a UN text, with its verbatim text and where it stands.

    ``id`` is stable across re-ingests of the same document: ``doc_id:part-key:number``.
    """

    id: str
    doc_id: str
    symbol: str
    title: str
    date: str
    # "resolution", "annex", "annex I", a numbered section "sect. II", "annex, sect. II"; "" if none
    part: str
    number: str  # as printed: "52", "16 (b)", "Action 4", "PP1", footnote "fn3"; "u1": unnumbered
    kind: str  # one of KINDS
    text: str  # verbatim, whitespace normalised, footnote marks removed
    citation: str
    section: tuple[str, ...] = ()
    category: str = "other"
    categories: tuple[str, ...] = ()  # every category its sentences carry, first = category
    objectives: tuple[int, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    parent: str = ""  # for a sub-paragraph: the id of its chapeau paragraph
    page: int | None = None
    order: int = 0  # position in the document

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)

    @property
    def short_number(self) -> str:
        """``annex:16`` style id used by the evaluation labels."""
        return f"{part_key(self.part)}:{self.number.replace(' ', '')}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["section"] = list(self.section)
        d["categories"] = list(self.categories)
        d["objectives"] = list(self.objectives)
        d["footnotes"] = [{"mark": f.mark, "text": f.text} for f in self.footnotes]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Paragraph:
        d = dict(d)
        d["section"] = tuple(d.get("section") or ())
        d["categories"] = tuple(d.get("categories") or ())
        d["objectives"] = tuple(int(x) for x in d.get("objectives") or ())
        d["footnotes"] = tuple(Footnote(**f) for f in d.get("footnotes") or ())
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def part_key(part: str) -> str:
    """``annex I`` -> ``annexI``; ``resolution`` -> ``res``; a numbered section ``sect. II`` ->
    ``sectII``, ``annex, sect. II`` -> ``annex-sectII``; used in ids and labels."""
    if not part:
        return "body"
    keys = ["res" if p == "resolution" else re.sub(r"[\s.]", "", p) for p in part.split(", ")]
    return "-".join(keys)


def make_id(doc_id: str, part: str, number: str) -> str:
    return f"{doc_id}:{part_key(part)}:{number.replace(' ', '')}"


_UNNUMBERED_RE = re.compile(r"^u(\d+)(.*)$")


def make_citation(doc: DocumentInfo, part: str, number: str, kind: str) -> str:
    """``A/RES/73/195, annex, para. 16 (b)``; ``..., PP1`` for preambular paragraphs; a numbered
    section ``A/RES/78/253, sect. II, para. 3``; an action ``A/RES/79/1, Action 4 (a)``."""
    return f"{doc.name}, {paragraph_ref(part, number, kind)}"


def paragraph_ref(part: str, number: str, kind: str) -> str:
    """A paragraph named within its document, as a citation names it after the document:
    ``annex, para. 16 (b)``; ``PP1``, ``PP9 (a)`` (a preambular paragraph is never ``para. PP1``);
    ``sect. II, para. 3``; ``Action 4 (a)``; ``target 10.7``; ``unnumbered paragraph 1``;
    ``footnote 3``."""
    unnumbered = _UNNUMBERED_RE.match(number)
    if kind == "preambular" or number.startswith(("Action ", "PP", "target ")):
        ref = number
    elif kind == "footnote":
        ref = f"footnote {number.removeprefix('fn')}"
    elif unnumbered:
        ref = f"unnumbered paragraph {unnumbered.group(1)}{unnumbered.group(2)}"
    else:
        ref = f"para. {number}"
    return f"{part}, {ref}" if part else ref


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ParsedDocument:
    info: DocumentInfo
    paragraphs: tuple[Paragraph, ...]
    # how the file was read, for its reader to know (``readers.SourceText.notes``)
    warnings: tuple[str, ...] = field(default=())

    def renamed(self, doc_id: str) -> ParsedDocument:
        """The same document under another doc id: the records' ids (``doc_id:part:number``),
        their parents' and their ``doc_id`` follow; nothing else depends on it (a citation names
        the document by its symbol or title), so it equals a parse under that id."""
        old = self.info.doc_id
        if doc_id == old:
            return self

        def moved(record_id: str) -> str:
            return doc_id + record_id[len(old):] if record_id.startswith(old + ":") else record_id

        records = tuple(replace(r, id=moved(r.id), doc_id=doc_id, parent=moved(r.parent))
                        for r in self.paragraphs)
        return replace(self, info=replace(self.info, doc_id=doc_id), paragraphs=records)
