"""Draft comparison: is this agreed language, and how did a text change between versions?

The one public entry (the modules under it are its parts):

    from precedent.search import Library
    from precedent.search.compare import compare_text, compare_file, trace, compare_versions
    result = compare_text(lib, "We commit to ...\\n\\nWe recognize ...", exclude_docs=["my-draft"])
    steps = trace(lib, "Progress Declaration 2026, annex, para. 52")
    pairs = compare_versions(lib, "A/RES/80/3")          # an adopted text against its draft

* ``comparison``: a draft compared with the library paragraph by paragraph (``compare_text``,
  ``compare_file``, ``compare_records``; ``CompareResult``);
* ``draft``: the draft side (splitting pasted text, reading files, agreed spans);
* ``scoring``: similarity and the confidence threshold, shared with ``trace``;
* ``trace``: one paragraph through every document; ``versions``: a draft and the resolution
  adopted from it, aligned paragraph by paragraph;
* ``diff``: word diffs. The verbatim runs it shares with ``search.provenance`` are
  ``search.verbatim``'s (the word n-gram index) and ``search.trigram_weight``'s (what they weigh).
"""

from .comparison import (
    AgreedShare,
    CompareError,
    CompareOptions,
    CompareResult,
    DraftTooLong,
    ParagraphComparison,
    compare_file,
    compare_paragraphs,
    compare_records,
    compare_text,
    percent,
)
from .diff import DELETE, EQUAL, INSERT, WordOp, diff_counts, similarity_text, word_diff
from .draft import (
    COMMON_NOTE,
    FORMULA_NOTE,
    AgreedSpan,
    DraftParagraph,
    read_draft,
    split_paragraphs,
)
from .trace import TraceError, TraceResult, TraceStep, resolve, trace
from .versions import (
    VersionPair,
    VersionsError,
    VersionsResult,
    align_versions,
    compare_versions,
    find_document,
)

__all__ = [
    "COMMON_NOTE",
    "FORMULA_NOTE",
    "similarity_text",
    "DELETE", "EQUAL", "INSERT", "AgreedShare", "AgreedSpan", "CompareError", "CompareOptions",
    "CompareResult", "DraftParagraph",
    "DraftTooLong", "ParagraphComparison", "TraceError", "TraceResult", "TraceStep", "VersionPair",
    "VersionsError", "VersionsResult", "WordOp", "align_versions", "compare_file",
    "compare_paragraphs",
    "compare_records", "compare_text", "compare_versions", "diff_counts", "find_document",
    "percent", "read_draft", "resolve", "split_paragraphs", "trace", "word_diff",
]
