"""``precedent parse PATH...``: print the paragraph records of documents (no index needed)."""

from __future__ import annotations

import logging
import sys

from precedent.ingest import IngestError, load_document
from precedent.ingest.readers import named_kinds

from .cli_output import emit_json

log = logging.getLogger(__name__)

PARSE_KEYS = ("id", "doc_id", "symbol", "part", "number", "kind", "category", "section",
              "objectives", "citation", "text")


def register(sub) -> None:
    p = sub.add_parser("parse", help="split documents into paragraph records (JSON lines)")
    p.add_argument("paths", nargs="+", metavar="PATH", help=f"{named_kinds()} files")
    p.add_argument("--plain", action="store_true", help="a readable table instead of JSON lines")
    p.add_argument("--all-fields", action="store_true", help="every field of each record")
    p.set_defaults(handler=run)


def run(args) -> int:
    """Parse each file in turn; a bad file is reported on one stderr line and the rest go on.
    With several files, a last stderr line sums up which failed. Exit 1 if any failed."""
    from precedent.index.numbering import numbering_note

    failed: list[str] = []
    for path in args.paths:
        try:
            parsed = load_document(path)
        except IngestError as e:
            print(f"precedent: error: {e}", file=sys.stderr)
            failed.append(path)
            continue
        except Exception as e:  # a parser bug on one file must not stop the batch
            log.debug("parsing %s failed", path, exc_info=True)
            print(f"precedent: error: {path}: could not be parsed ({type(e).__name__}: {e})",
                  file=sys.stderr)
            failed.append(path)
            continue
        for rec in parsed.paragraphs:
            d = rec.to_dict()
            if args.plain:
                print(f"{rec.citation:<48} {rec.kind:<12} {rec.category:<13} {rec.text[:70]}")
            else:
                short = {k: d[k] for k in PARSE_KEYS}
                short |= {"page": rec.page, "parent": rec.parent, "footnotes": d["footnotes"]}
                emit_json(d if args.all_fields else short)
        for note in (*parsed.warnings, numbering_note(parsed.paragraphs)):
            if note:  # on stderr: stdout holds the records alone
                print(f"precedent: {path}: {note}", file=sys.stderr)
    if failed:
        ok = len(args.paths) - len(failed)
        if len(args.paths) > 1:
            print(f"precedent: {len(failed)} of {len(args.paths)} files failed "
                  f"({', '.join(failed)}); {ok} parsed", file=sys.stderr)
        return 1
    return 0
