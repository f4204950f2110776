"""``precedent fetch SYMBOL...`` and ``precedent catalogue``.

``fetch`` downloads documents by symbol from the UN Official Document System and adds them
to the library (the download record goes into the library's manifest as ``meta``);
``catalogue`` lists the shipped catalogue of migration texts and which are in the library.
"""

from __future__ import annotations

import logging
import sys

from precedent.corpus import load_catalogue
from precedent.index.fetch import LANGUAGES, BatchStopped, Fetcher, FetchRecord, ServiceUnreachable
from precedent.ingest.doc_meta import symbol_key
from precedent.ingest.errors import PrecedentError
from precedent.ingest.wording import counted

from .cli_options import count, finish_command, iso_date, open_library, positive_seconds, seconds
from .cli_output import CliError, emit_json

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = sub.add_parser("fetch",
                       help="download UN documents by symbol from documents.un.org into the "
                            "library")
    p.add_argument("symbols", nargs="*", metavar="SYMBOL",
                   help="document symbols, e.g. A/RES/73/195")
    p.add_argument("--catalogue", action="store_true",
                   help="fetch every document of the shipped catalogue")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language version (default en)")
    p.add_argument("--symbol", dest="as_symbol", default=None, metavar="SYMBOL",
                   help="record the document under this symbol (one SYMBOL only)")
    p.add_argument("--title", default=None, help="document title (one SYMBOL only)")
    p.add_argument("--date", type=iso_date, default=None,
                   help="document date, YYYY-MM-DD (one SYMBOL only)")
    p.add_argument("--no-add", action="store_true", help="download only; do not add to the library")
    p.add_argument("--interval", type=seconds, default=3.0, metavar="SECONDS",
                   help="minimum time between requests (default 3; the service blocks bursts)")
    p.add_argument("--timeout", type=positive_seconds, default=60.0, metavar="SECONDS",
                   help="time-out of each network read (default 60)")
    p.add_argument("--deadline", type=positive_seconds, default=300.0, metavar="SECONDS",
                   help="longest time one download may take, however slowly the server sends it "
                        "(default 300)")
    p.add_argument("--retries", type=count, default=3,
                   help="retries on server errors and time-outs")
    finish_command(p, run, plain="readable lines instead of JSON lines")

    c = sub.add_parser("catalogue", help="list the shipped catalogue of UN migration texts")
    finish_command(c, run_catalogue, plain="a readable table instead of JSON lines")


def _open_library(args):
    """The library (with ``--home``/``--model``), opened only once something is to be added or
    its presence shown."""
    return open_library(args)


def _catalogue_by_key() -> dict[str, dict]:
    return {symbol_key(e["symbol"]): e for e in load_catalogue()}


def run(args) -> int:
    symbols = list(args.symbols)
    if args.catalogue:
        symbols += [e["symbol"] for e in load_catalogue() if symbol_key(e["symbol"]) not in
                    {symbol_key(s) for s in args.symbols}]
    if not symbols:
        raise CliError("give at least one document SYMBOL (e.g. A/RES/73/195), or --catalogue")
    overrides = {"symbol": args.as_symbol, "title": args.title, "date": args.date}
    if any(v is not None for v in overrides.values()) and (len(symbols) != 1 or args.catalogue):
        raise CliError("--symbol, --title and --date apply to a single SYMBOL only")

    fetcher = Fetcher(min_interval=args.interval, timeout=args.timeout, deadline=args.deadline,
                      retries=args.retries)
    catalogue = _catalogue_by_key()
    state = {"library": None, "done": 0}
    failed: list[str] = []
    unreachable: list[str] = []
    reason = None
    pending = list(symbols)
    while pending:  # every symbol is tried: an unreachable service is reported once, at the end
        try:
            for outcome in fetcher.fetch_many(list(pending), args.lang):
                pending.pop(0)
                if not _take(args, outcome, overrides, catalogue, state):
                    failed.append(outcome.symbol)
        except ServiceUnreachable as e:
            unreachable.append(pending.pop(0))
            reason = e
        except BatchStopped as e:
            print(f"precedent: error: {e}", file=sys.stderr)
            return 1
    done = state["done"]
    if unreachable:
        print(f"precedent: error: {reason} (tried {len(unreachable)} of {len(symbols)}: "
              f"{', '.join(unreachable)}); {done} fetched. A document you have as a file (PDF, "
              "DOCX or TXT) is added offline with: precedent add FILE", file=sys.stderr)
        return 1
    if failed:
        print(f"precedent: {len(failed)} of {len(symbols)} failed ({', '.join(failed)}); {done} "
              "fetched",
              file=sys.stderr)
        return 1
    return 0


def _take(args, outcome, overrides: dict, catalogue: dict, state: dict) -> bool:
    """Report or add one fetched document; False (said on stderr) when it failed."""
    if outcome.error is not None:
        print(f"precedent: error: {outcome.error}", file=sys.stderr)
        return False
    rec = outcome.record
    if args.no_add:
        _report(args, rec, None)
        state["done"] += 1
        return True
    if state["library"] is None:
        state["library"] = _open_library(args)
    entry = catalogue.get(symbol_key(rec.symbol), {})
    try:
        result = state["library"].add(
            rec.path,
            symbol=overrides["symbol"] or rec.symbol,
            title=overrides["title"] if overrides["title"] is not None else entry.get("title", ""),
            date=overrides["date"] if overrides["date"] is not None else entry.get("date", ""),
            source=f"United Nations Official Document System ({rec.source_url}), fetched "
                   f"{rec.fetched_at}",
            meta=rec.to_meta(),
        )
    except (PrecedentError, OSError) as e:  # the download is kept
        print(f"precedent: error: {rec.symbol}: downloaded to {rec.path} but not added: {e}",
              file=sys.stderr)
        return False
    _report(args, rec, result, overrides["symbol"])
    state["done"] += 1
    return True


def _report(args, rec: FetchRecord, result, recorded_as: str | None = None) -> None:
    if result is None:
        if args.plain:
            print(f"downloaded {rec.symbol} ({rec.language}, {rec.format}) -> {rec.path}")
        else:
            emit_json(rec.to_meta())
        return
    if args.plain:
        print(f"{result.status} {recorded_as or rec.symbol} as {result.doc_id}: "
              f"{counted(result.paragraphs, 'paragraph')} ({rec.format}, "
              f"{rec.language}){' - ' + result.message if result.message else ''}")
        return
    out = rec.to_meta() | {"doc_id": result.doc_id, "status": result.status,
                           "paragraphs": result.paragraphs, "message": result.message}
    if recorded_as:
        out["recorded_as"] = recorded_as
    emit_json(out)


def run_catalogue(args) -> int:
    entries = load_catalogue()
    present: dict[str, str] | None
    try:
        library = _open_library(args)
        present = {symbol_key(d.get("symbol") or ""): d["doc_id"] for d in library.documents()
                   if d.get("symbol")}
    except Exception as e:  # no library yet (or its stack missing): list without presence
        log.debug("library not available", exc_info=True)
        print(f"precedent: note: library not available ({type(e).__name__}: {e}); "
              "presence not shown", file=sys.stderr)
        present = None
    rows = [("IN LIBRARY", "SYMBOL", "DATE", "SHORT NAME", "TITLE")]
    for e in entries:
        doc_id = present.get(symbol_key(e["symbol"])) if present is not None else None
        is_present = None if present is None else doc_id is not None
        if args.plain:
            mark = {True: f"yes ({doc_id})", False: "no", None: "unknown"}[is_present]
            rows.append((mark, e["symbol"], e.get("date") or e.get("year") or "-",
                         e.get("short_title") or "-", e["title"]))
        else:
            emit_json(dict(e, present=is_present, doc_id=doc_id))
    if args.plain:
        _print_catalogue(rows, present)
    return 0


def _print_catalogue(rows: list[tuple[str, ...]], present: dict | None) -> None:
    """A table under a header line (the last column, the title, unpadded), then how many of the
    catalogue's texts the library holds and how to get the rest."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    entries = rows[1:]
    if present is None:
        return
    held = sum(1 for r in entries if r[0].startswith("yes"))
    line = f"{held} of {counted(len(entries), 'catalogue text')} in the library"
    print(line
          + ("; get the others with: precedent fetch --catalogue" if held < len(entries) else ""))
