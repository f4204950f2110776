"""Ingest: files -> ``Paragraph`` records. Reading lives in ``readers``; parsing in
``structure``."""

from .load import load_document
from .readers import IngestError
from .records import DocumentInfo, Footnote, Paragraph, ParsedDocument

__all__ = ["DocumentInfo", "Footnote", "IngestError", "Paragraph", "ParsedDocument",
           "load_document"]
