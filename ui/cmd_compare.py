"""``precedent compare FILE|-`` and ``precedent trace CITATION``: is this agreed language?

compare: one JSON object per draft paragraph (draft_number, text, matches, spans, coverage,
changes); ``--plain`` for people; ``--html OUT.html`` also writes a readable report.
trace: one JSON object per document, oldest first: the paragraph's counterpart and the word
changes from its own predecessor (named in ``changes.from``: an adopted text's own draft, else the
latest earlier version).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from precedent.ingest.errors import PrecedentError
from precedent.ingest.readers import named_kinds
from precedent.ingest.text_patterns import SUPERSCRIPTS
from precedent.ingest.wording import counted
from precedent.search.compare import (
    DELETE,
    EQUAL,
    diff_counts,
    similarity_text,
    word_diff,
)

from .cli_options import finish_command, iso_date, open_library, positive_int
from .cli_output import CliError, emit_json

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = sub.add_parser("compare", help="compare a draft with the library, paragraph by paragraph")
    p.add_argument("draft", metavar="FILE|-",
                   help=f"a draft ({named_kinds()}), or - to read text from stdin")
    p.add_argument("--k", "-k", type=positive_int, default=5,
                   help="closest earlier paragraphs per draft paragraph (default 5)")
    p.add_argument("--min-words", type=positive_int, default=5, metavar="N",
                   help="shortest verbatim span marked as agreed language (default 5 words)")
    p.add_argument("--exclude-doc", action="append", default=[], metavar="DOC_ID",
                   help="a document that does not count as precedent (repeatable)")
    p.add_argument("--only-doc", action="append", default=[], metavar="DOC_ID",
                   help="only these documents count as precedent (repeatable)")
    p.add_argument("--include-drafts", action="store_true",
                   help="count drafts as precedent too (by default only adopted texts are agreed "
                        "language)")
    p.add_argument("--before", type=iso_date, default=None, metavar="DATE",
                   help="only documents dated before DATE (YYYY-MM-DD)")
    p.add_argument("--html", default=None, metavar="OUT.html",
                   help="also write a readable HTML report")
    finish_command(p, run_compare, plain="readable text instead of JSON lines")

    t = sub.add_parser("trace",
                       help="follow a paragraph through every document of the library, or pair a "
                                     "whole adopted text with its draft")
    t.add_argument("citation", metavar="CITATION|DOC",
                   help="e.g. 'Progress Declaration 2026, annex, para. 52', a paragraph id, or a "
                        "document (symbol or doc id, e.g. A/RES/80/3) to pair with its draft")
    t.add_argument("--against", default="", metavar="DOC",
                   help="with a document: the earlier version to pair it with (default: the draft "
                        "its masthead names)")
    finish_command(t, run_trace, plain="readable text instead of JSON lines")


def run_compare(args) -> int:
    from precedent.ingest import IngestError
    from precedent.search.compare import CompareOptions, compare_file, compare_text

    try:  # check the options and that the draft is there before the (slower) library opens
        options = CompareOptions.make(k=args.k, min_words=args.min_words, only_docs=args.only_doc,
                                      exclude_docs=args.exclude_doc, before=args.before,
                                      include_drafts=args.include_drafts)
        text = sys.stdin.read() if args.draft == "-" else None
        if text is None and not Path(args.draft).is_file():
            raise IngestError(Path(args.draft), "file not found")
        lib = open_library(args)
        result = (compare_text(lib, text, options) if text is not None
                  else compare_file(lib, args.draft, options))
    except PrecedentError as e:
        raise CliError(str(e)) from None
    except UnicodeDecodeError:
        raise CliError("the draft on stdin is not UTF-8 text") from None
    if args.html:
        from .render import compare_title, render_compare_html

        name = "stdin" if args.draft == "-" else Path(args.draft).name
        try:
            Path(args.html).write_text(render_compare_html(result, compare_title(result, name),
                                                           _labels(lib)), encoding="utf-8")
        except OSError as e:
            raise CliError(f"cannot write {args.html}: {e.strerror or e}") from None
        log.info("wrote %s", args.html)
    if args.plain:
        print_compare_plain(result, _labels(lib))
    else:
        for d in result.json_lines():
            emit_json(d)
    return 0


def _labels(lib) -> dict[str, str]:
    """doc id -> ``Global Compact (A/RES/73/195, 2018)`` (``Library.labels``)."""
    return lib.labels()


def precedent_lines(result, labels: dict[str, str]) -> list[str]:
    """Which documents counted as precedent, which drafts were counted on request, and which
    documents were left out and why."""
    adopted = [labels.get(d, d) for d in result.documents if d not in result.drafts]
    lines = [f"Counted as agreed language (adopted texts): {', '.join(adopted) or 'none'}"]
    if result.drafts:
        lines.append("Drafts counted too, on request (not agreed language): "
                     + ", ".join(labels.get(d, d) for d in result.drafts))
    if result.left_out:
        lines.append("Not counted: " + "; ".join(f"{labels.get(d, d)}: {why}" for d,
                                                 why in result.left_out.items()))
    return lines


def wdiff(ops) -> str:
    """Kept words as they are, ``[-deleted-]``, ``{+inserted+}``."""
    parts = []
    for op in ops:
        if op.op == EQUAL:
            parts.append(" ".join(op.new))
        elif op.op == DELETE:
            parts.append("[-" + " ".join(op.old) + "-]")
        else:
            parts.append("{+" + " ".join(op.new) + "+}")
    return " ".join(parts)


def _has_word(text: str) -> bool:
    """Whether ``text`` holds a word: a letter or a digit, not a footnote mark (",⁸" between
    two agreed spans is no new text)."""
    return any(ch.isalnum() and ch not in SUPERSCRIPTS for ch in text)


def print_compare_plain(result, labels: dict[str, str] | None = None) -> None:
    # with drafts counted on request, a span may be a draft's language, not agreed language
    # (the share says "agreed or draft language")
    for p in result.paragraphs:
        d = p.draft
        why = ("; see 'joined'" if p.stitches else f": {p.pieced_note}" if p.pieced else "")
        print(f"Draft {d.label}: {p.share(bool(result.drafts))} ({p.agreed_words} of "
              f"{counted(p.words, 'word')}){why}")
        pos = 0
        stitched = {t.at: t for t in p.stitches}
        formulas = {f.start: f for f in p.formulas}
        for s in sorted([*p.spans, *p.formulas], key=lambda s: s.start):
            if _has_word(d.text[pos:s.start]):
                print(f"  new:    {d.text[pos:s.start].strip()}")
            if s.start in formulas:
                print(f"  {s.label + ':':7s} {s.text}  <- {s.cited}  ({s.note})")
                pos = s.end
                continue
            if s.start in stitched:
                print(f"  joined: {stitched[s.start].sentence()}")
            cites = "; ".join(s.citations[:3]) + (f" and {len(s.citations) - 3} more"
                                                  if len(s.citations) > 3 else "")
            print(f"  {s.label + ':':7s} {s.text}  <- {cites}"
                  + ("  (drafts only: not agreed language)" if s.drafts_only else ""))
            pos = s.end
        if _has_word(d.text[pos:]):
            print(f"  new:    {d.text[pos:].strip()}")
        for mark in p.marks:
            print(f"  mark:   {mark.sentence()}")
        if p.best is None:
            print("  no earlier paragraph is close to this one")
        else:
            c = diff_counts(p.changes)
            print(f"  closest: {p.best.citation} ({similarity_text(p.best.score, p.changes)}): "
                  f"{c['kept']} kept, {c['inserted']} inserted, {c['deleted']} deleted")
            print(f"    {wdiff(p.changes)}")
            if p.meaning_note:
                print(f"  meaning: {p.meaning_note}")
            if p.history:
                print(f"  history: {p.history}")
            for h in p.matches[1:]:
                print(f"  also:    {h.citation} ({h.score:.2f})")
        print()
    print(f"Whole draft: {result.share()} ({result.agreed_words} of "
          f"{counted(result.words, 'word')})")
    for note in result.file_notes:
        print(note)
    for line in precedent_lines(result, labels or {}):
        print(line)


def run_trace(args) -> int:
    from precedent.search.compare import (
        TraceError,
        VersionsError,
        compare_versions,
        find_document,
        trace,
    )

    lib = open_library(args)
    if args.against or find_document(lib.documents(), args.citation) is not None:
        try:
            return _print_versions(compare_versions(lib, args.citation, args.against), args.plain)
        except VersionsError as e:
            raise CliError(str(e)) from None
    try:
        result = trace(lib, args.citation)
    except TraceError as e:
        raise CliError(str(e)) from None
    if not args.plain:
        for d in result.to_dicts():
            emit_json(d)
        return 0
    print(f"Tracing {result.origin.citation}")
    # the documents without a counterpart, said once at the end (over 90 documents, 85 lines of
    # "no counterpart" buried the five that have one)
    absent = [s for s in result.steps if s.record is None]
    for s in result.steps:
        when = s.date or "undated"
        if s.record is None:
            continue
        if s.is_origin:
            mark = " (traced)"
        else:  # "1.00" only for the traced words themselves
            ops = word_diff(result.origin.text, s.record.text, case=True)
            mark = f" ({similarity_text(s.score, ops)})"
        print(f"  {when}  {s.record.citation}{mark}")
        if s.changes:
            c = diff_counts(s.changes)
            if not c["inserted"] and not c["deleted"]:
                print(f"    the same words as {s.previous.citation}")
                continue
            print(f"    from {s.previous.citation}: {c['kept']} kept, {c['inserted']} inserted, "
                  f"{c['deleted']} deleted: {wdiff(s.changes)}")
        else:
            print(f"    {s.record.text}")
    if absent:
        named = ", ".join(s.title for s in absent[:NAMED_ABSENT])
        more = len(absent) - NAMED_ABSENT
        print(f"  no counterpart in {counted(len(absent), 'other document')}: {named}"
              + (f" and {more} more (--json lists each)" if more > 0 else ""))
    return 0


NAMED_ABSENT = 5  # documents without a counterpart named on the command line


def _print_versions(result, plain: bool) -> int:
    """One JSON line per paragraph pair (then a summary line), or a readable list."""
    summary = result.summary()
    if not plain:
        for p in result.pairs:
            emit_json(p.to_dict())
        emit_json({"summary": summary})
        return 0
    # "its draft" only of the draft its masthead names: --against may name any document
    against = "against its draft" if summary["its_draft"] else "against"
    # moved, merged and split only when there are any
    more = "".join(f", {summary[s]} {s}" for s in ("moved", "merged", "split") if summary[s])
    print(f"{summary['new']} {against} {summary['old']}: {summary['unchanged']} unchanged, "
          f"{summary['changed']} changed, {summary['added']} added, {summary['dropped']} dropped"
          f"{more}")
    for note in result.numbering:
        print(f"  ! {note}")
    if summary["caution"]:
        print(f"  ! {summary['caution']}")
    for p in result.pairs:
        if p.status == "added":
            print(f"  added    {p.new.citation}: {p.new.text}")
        elif p.status == "dropped":
            print(f"  dropped  {p.old.citation}: {p.old.text}")
        elif p.status == "merged":
            print(f"  merged   {p.old.citation} into {p.within.citation} (every word of it)")
        elif p.status == "split":
            print(f"  split    {p.new.citation} out of {p.within.citation} (every word of it)")
        elif p.status == "moved":
            same = not any(op.op != "equal" for op in p.changes)
            print(f"  moved    {p.new.citation} <- {p.old.citation}"
                  + ("" if same else f": {wdiff(p.changes)}"))
        elif p.status == "changed":
            print(f"  changed  {p.new.citation} <- {p.old.citation}: {wdiff(p.changes)}")
        else:
            print(f"  same     {p.new.citation} <- {p.old.citation}")
    return 0
