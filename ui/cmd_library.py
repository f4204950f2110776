"""``precedent add | remove | list``: change and show what the library holds.

Every change is atomic (a new index is written, then swapped in) and serialised with any other
process changing the same library; adding embeds only the new document's texts, removing
embeds nothing. Several files (or a folder) are added as one bulk change: the next files are
parsed while the model embeds, one progress bar counts the files and texts with the time left,
and every thousand paragraphs or so are committed (an interrupted add keeps them).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from precedent.index.store import write_failure
from precedent.ingest.readers import SUPPORTED, named_kinds, named_suffixes, unsupported
from precedent.ingest.wording import counted

from .cli_options import finish_command, iso_date, open_library
from .cli_output import CliError, emit_json

log = logging.getLogger(__name__)

RESULT_KEYS = ("doc_id", "status", "paragraphs", "embedded", "message", "numbering",
               "read_notes")
LIST_KEYS = ("doc_id", "symbol", "title", "short_title", "name", "date", "year", "status",
             "draft_symbol", "paragraphs", "source", "shipped", "model", "sha256", "path", "meta",
             "numbering", "read_notes")


def register(sub) -> None:
    p = sub.add_parser("add", help=f"add documents ({named_kinds()} files, or folders of them) "
                                   "to the library")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR",
                   help="files to add; a folder adds its supported files (not its subfolders), "
                        "in name order")
    p.add_argument("--symbol", help="the document's UN symbol (one FILE only)")
    p.add_argument("--title", help="the document's title (one FILE only)")
    p.add_argument("--date", type=iso_date, help="the document's date, YYYY-MM-DD (one FILE only)")
    finish_command(p, run_add, plain="readable lines instead of JSON lines")

    p = sub.add_parser("remove", help="remove documents from the library (by doc id or symbol)")
    p.add_argument("docs", nargs="+", metavar="DOC", help="doc id (see 'precedent list') or symbol")
    finish_command(p, run_remove, plain="readable lines instead of JSON lines")

    p = sub.add_parser("list", help="list the documents in the library")
    finish_command(p, run_list, plain="a readable table instead of JSON lines")


def _error(message: str) -> None:
    print(f"precedent: error: {message}", file=sys.stderr)


def expand_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to add, and one error line per path that cannot be (missing, unsupported, empty
    folder)."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                           and f.suffix.lower() in SUPPORTED)
            if not found:
                errors.append(f"{raw}: folder has no {named_suffixes()} file")
            files += found
        elif not p.exists():
            errors.append(f"{raw}: file not found")
        elif p.suffix.lower() not in SUPPORTED:
            errors.append(f"{raw}: {unsupported(p.suffix)}")
        else:
            files.append(p)
    return files, errors


def run_add(args) -> int:
    from precedent.index import LockError
    from precedent.ingest import IngestError
    from precedent.ingest.errors import PrecedentError

    overrides = {k: v for k, v in (("symbol", args.symbol), ("title", args.title),
                                   ("date", args.date)) if v is not None}
    if overrides and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        raise CliError("--symbol, --title and --date apply to a single FILE only")
    files, errors = expand_paths(args.paths)
    for e in errors:
        _error(e)
    lib = open_library(args) if files else None
    failed = len(errors)

    def said(path, outcome) -> bool:
        """Print one file's result (stdout) or error (stderr); False for an error."""
        if isinstance(outcome, (IngestError, LockError)):  # they name the file, the library
            _error(str(outcome))
        elif isinstance(outcome, OSError):
            _error(f"{path}: {write_failure(outcome, lib.home)}")
        elif isinstance(outcome, PrecedentError):
            _error(f"{path}: {outcome}")
        elif isinstance(outcome, Exception):  # a parser bug on one file must not stop the others
            _error(f"{path}: could not be added ({type(outcome).__name__}: {outcome})")
        else:
            _print_result(args, outcome, file=str(path))
            return True
        return False

    # one bulk change: parsed while embedding, committed in chunks, one progress bar
    if len(files) > 1:
        from .cli_options import BulkBar

        outcomes = []
        try:
            lib.add_many(files, progress=BulkBar(),
                         on_result=lambda p, r: outcomes.append(said(p, r)))
        except (PrecedentError, OSError) as e:
            _error(write_failure(e, lib.home) if isinstance(e, OSError) else str(e))
            outcomes += [False] * (len(files) - len(outcomes))
        failed += outcomes.count(False)
    for path in files if len(files) == 1 else ():
        try:
            outcome = lib.add(path, **overrides)
        except Exception as e:
            log.debug("adding %s failed", path, exc_info=True)
            outcome = e
        failed += not said(path, outcome)
    if failed:
        if len(files) + len(errors) > 1:
            print(f"precedent: {failed} of {len(files) + len(errors)} failed; "
                  f"{len(files) + len(errors) - failed} added or already present", file=sys.stderr)
        return 1
    return 0


def run_remove(args) -> int:
    from precedent.index import ChangeInterrupted, LockError
    from precedent.ingest.errors import PrecedentError

    lib = open_library(args)
    failed = 0
    for name in args.docs:
        try:
            result = lib.remove(name)
        except ChangeInterrupted as e:  # Ctrl-C once it was removed: say so, then stop
            _print_result(args, e.done)
            raise KeyboardInterrupt from None
        except LockError as e:  # nothing can be removed: said once
            _error(str(e))
            return 1
        except PrecedentError as e:
            _error(str(e))
            failed += 1
            continue
        except OSError as e:  # a full disk: said, never a traceback
            _error(f"{name}: {write_failure(e, lib.home)}")
            failed += 1
            continue
        _print_result(args, result)
    return 1 if failed else 0


def _print_result(args, result, **extra) -> None:
    """One change's line, out at once (a pipe's reader, or an interruption, sees each done)."""
    if args.plain:
        where = f" ({extra['file']})" if extra.get("file") else ""
        print(f"{result.message}{where}")
    else:
        emit_json(extra | {k: getattr(result, k) for k in RESULT_KEYS})
    sys.stdout.flush()


def run_list(args) -> int:
    lib = open_library(args)
    docs = lib.documents()
    if not args.plain:
        for d in docs:
            emit_json({k: d.get(k) for k in LIST_KEYS})
        _say_missing(docs, sys.stderr)
        return 0
    print(f"{counted(len(docs), 'document')}, "
          f"{counted(sum(d['paragraphs'] for d in docs), 'paragraph')}, "
          f"model {lib.model}")
    rows = [("DOC ID", "PARAS", "SYMBOL", "DATE", "STATUS", "SOURCE")]
    for d in docs:
        source = "shipped: " + (d["source"] or "") if d["shipped"] else d["source"] or ""
        rows.append((d["doc_id"], str(d["paragraphs"]), d["symbol"] or "-", d["date"] or "-",
                     d.get("status") or "-", _clip(source, 60)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join(c.rjust(w) if i == 1 else c.ljust(w)
                        for i, (c, w) in enumerate(zip(r, widths))) + "  " + r[5])
    for d in docs:
        for note in (*d.get("read_notes", ()), d.get("numbering")):
            if note:
                print(f"{d.get('symbol') or d.get('name') or d['doc_id']}: {note}")
    removed = lib.removed_documents()
    if removed:
        print(f"removed shipped documents: {', '.join(removed)} "
              "(add their file again to restore them)")
    _say_missing(docs, sys.stdout)
    return 0


def _say_missing(docs: list[dict], stream) -> None:
    from precedent.search.documents import missing_note

    note = missing_note(docs)
    if note:
        print(note, file=stream)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
