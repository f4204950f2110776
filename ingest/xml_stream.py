"""One XML part of a zip package read as a stream, within bounds, so that memory stays flat
whatever the part holds (a DOCX "element bomb": millions of empty ``<w:p/>`` in a few KB).

``stream_elements`` yields each outermost element of the wanted tags once it is complete; when
the caller moves on it is cleared and, with every other finished element, dropped from the tree.
The tree in memory is thus the path from the root to the element being read, that element, and
at most one chunk's worth of finished ones: never the part. Elements of other tags (tables,
bookmarks, anything) are parsed by libxml2 without a Python call each and dropped the same way.

``PartLimits`` bounds what one package may cost: the inflated bytes of a part, the wanted
elements of a part (each is a Python call), the markup tags inside one wanted element (what must
be held at once) and, for the caller to check, the characters of text produced. Going past one
raises ``PartTooLarge``, whose message says which part and which bound.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

CHUNK = 64 * 1024  # bytes inflated and fed to the parser at a time
ROOT_WITHIN_TAGS = 1000  # a part whose root element is not the expected one by then is not read


class PartTooLarge(ValueError):
    """A package part goes past a bound of ``PartLimits``; the message names the part and bound."""


@dataclass(frozen=True)
class PartLimits:
    part_bytes: int | None = None  # inflated bytes of one part
    elements: int | None = None  # wanted elements (paragraphs, styles...) of one part
    element_tags: int | None = None  # markup tags inside one wanted element
    # characters of text produced from all parts (checked by the caller)
    text_chars: int | None = None


def stream_elements(zf: zipfile.ZipFile, name: str, root_tag: str, wanted: Iterable[str],
                    limits: PartLimits | None = None,
                    what: str = "elements") -> Iterator[etree._Element]:
    """Each outermost element of ``name`` whose tag is in ``wanted``, complete, in document order
    (nothing when the part is missing or its root element is not ``root_tag``). ``what`` names
    the wanted elements in a refusal ("paragraphs")."""
    limits = limits or PartLimits()
    wanted = set(wanted)
    try:
        stream = zf.open(name)
    except KeyError:
        return
    parser = etree.XMLPullParser(events=("start", "end"), tag=[root_tag, *wanted],
                                 resolve_entities=False, no_network=True, remove_blank_text=False)
    root = current = None
    depth = count = inflated = tags = tags_at_start = 0
    with stream:
        while True:
            chunk = stream.read(CHUNK)
            if chunk:
                inflated += len(chunk)
                if limits.part_bytes is not None and inflated > limits.part_bytes:
                    raise PartTooLarge(f"part {name} inflates past {limits.part_bytes // 2**20} MB")
                tags += chunk.count(b"<")
                parser.feed(chunk)
            else:
                parser.close()
            for event, el in parser.read_events():
                if event == "start":
                    count += 1
                    if limits.elements is not None and count > limits.elements:
                        raise PartTooLarge(f"part {name} holds more than {limits.elements:,} "
                                           f"{what}")
                if el.tag == root_tag:  # the root (or a stray copy of its tag: ignored)
                    root = el if root is None else root
                    continue
                if event == "start":
                    depth += 1
                    if depth == 1:
                        current, tags_at_start = el, tags
                    continue
                depth -= 1
                if depth == 0:
                    current = None
                    yield el
                    el.clear()
            if root is None and tags > ROOT_WITHIN_TAGS:
                return  # another kind of XML under this name: nothing of it is read
            if (current is not None and limits.element_tags is not None
                    and tags - tags_at_start > limits.element_tags):
                raise PartTooLarge(f"part {name} holds one of its {what} with more than "
                                   f"{limits.element_tags:,} tags")
            _drop_finished(root, current)
            if not chunk:
                return


def _drop_finished(root, current) -> None:
    """Delete every finished element: all but the last child of each element on the path from the
    root to the one being parsed, stopping at ``current`` (the wanted element still open)."""
    node = root
    while node is not None and node is not current:
        n = len(node)
        if n > 1:
            del node[:n - 1]
        node = node[-1] if len(node) else None
