"""DOCX paragraphs as plain text lines, with Word's automatic list numbers rendered as typed text."""

from __future__ import annotations

from typing import BinaryIO


def docx_paragraph_texts(stream: BinaryIO) -> list[str]:
    import docx

    document = docx.Document(stream)
    return [p.text for p in document.paragraphs]
