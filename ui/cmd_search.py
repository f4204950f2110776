"""``precedent index | search | batch | eval``: build the index and query it."""

from __future__ import annotations

import json
import sys

from precedent.search.api import DEFAULT_K
from precedent.search.filters import FILTERS, describe_filters
from precedent.search.hit import category_words
from precedent.search.query import QueryError, check_query
from precedent.search.ranking import answer_kind
from precedent.search.twins import twin_note

from .cli_options import add_library_args, finish_command, open_library, positive_int, read_lines
from .cli_output import CliError, emit_json


def register(sub) -> None:
    p = sub.add_parser("index", help="build or update the index and say what was done")
    finish_command(p, run_index)

    _search_command(sub.add_parser("search", help="search the library for one question"),
                    ("query", {"help": "a question, keywords, or \"exact phrase\""}),
                    ("--plain", "readable text instead of JSON"), run_search)
    _search_command(sub.add_parser("batch", help="search many queries: FILE (one per line, or "
                                                 "JSON lines with 'query') or -"),
                    ("file", {"metavar": "FILE|-"}),
                    ("--csv", "a flat CSV table (one row per hit)"), run_batch)

    p = sub.add_parser("eval", help="nDCG@10, Recall@5, MRR, hit@1 on labelled queries, "
                                    "commit@1 and off-topic questions flagged, vs keyword-only, "
                                    "dense-only and plain RRF")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--k", "-k", type=positive_int, default=10)
    p.add_argument("--details", action="store_true", help="also print each query's ranking")
    finish_command(p, run_eval, plain="a readable table instead of JSON")


def _search_command(p, what: tuple[str, dict], output: tuple[str, str], handler) -> None:
    """A search command: what it searches for (its positional argument), the search options,
    its output flag (``output``: flag and help) and its handler."""
    p.add_argument(what[0], **what[1])
    _add_search_args(p)
    p.add_argument(output[0], action="store_true", help=output[1])
    p.set_defaults(handler=handler)


def _add_search_args(p) -> None:
    p.add_argument("--k", "-k", type=positive_int, default=DEFAULT_K,
                   help=f"number of results (default {DEFAULT_K})")
    for f in FILTERS:  # declared once, in search.filters
        p.add_argument(f"--{f.key}", **f.cli)
    for f in FILTERS:
        for flag, options in f.cli_extra:
            p.add_argument(flag, **options)
    p.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "keyword"])
    p.add_argument("--full", action="store_true",
                   help="JSON with highlights, section, role, footnotes")
    add_library_args(p)


def _filters(args) -> dict:
    return {f.key: getattr(args, f.key) for f in FILTERS if getattr(args, f.key, None)}


def run_index(args) -> int:
    lib = open_library(args)
    r = lib.open_result
    emit_json({"status": r.status, "records": r.paragraphs, "embedded": r.embedded,
               "model": lib.model, "home": str(lib.home), "message": r.message})
    return 0


def _search(lib, queries: list[str], args):
    from precedent.ingest.errors import PrecedentError

    try:
        return lib.batch(queries, k=args.k, mode=args.mode, **_filters(args))
    except PrecedentError as e:
        raise CliError(str(e)) from None


def answer_json(answer, full: bool) -> dict:
    """The JSON line for one answer: the batch shape, with the low-confidence flag and the
    message ("No paragraph 999 of ... in the library", a numbering caution: what makes a quoted
    paragraph safe to repeat; ``--full`` adds highlights, section, role, footnotes, intent)."""
    return answer.to_dict(full=True) if full else answer.to_dict() | answer.said()


def run_search(args) -> int:
    lib = open_library(args)
    answer = _search(lib, [args.query], args)[0]
    if args.plain:
        print_plain(answer)
    else:
        emit_json(answer_json(answer, args.full))
    return 0


def document_tag(card) -> str:
    """``Global Compact (A/RES/73/195, 2018) [adopted]``: what an entry's document is."""
    if card is None:
        return ""
    return f"{card.label} [{card.status}]" if card.status else card.label


def print_plain(answer) -> None:
    """The answer as it is read: numbered entries best first, each with its document, its score
    and relevance; a paragraph's matching sub-paragraphs indented under it."""
    if answer.message:
        print(f"! {answer.message}")
    if answer.filters:
        print(f"Filters: {describe_filters(answer.filters)}")
    if answer.hits:
        conf = f" · {answer.confidence_said}" if answer.confidence_said else ""
        print(f"{answer.count()}, {answer.order}{conf}")
        print()
    for entry in answer.ranked():
        cue = ("cited" if entry.relevance == "cited"
               else f"{entry.relevance} · score {entry.score:.3f}")
        print(f"{entry.rank}. {document_tag(entry.document)}  {cue}".rstrip())
        for h in entry.hits:
            sub = h is not entry.hit
            indent = "    " if sub else "   "
            role = {"answer": " [answer]",
                    "context": " [further]" if answer_kind(h.record) else " [context]",
                    "chapeau": " [the paragraph its matching sub-paragraphs stand under]",
                    "form": " [the phrase in another form]"}.get(h.role, "")
            shown = role if not sub or h.role == "form" else ""
            print(f"{indent}{h.record.citation}  ({category_words(h.record)}){shown}")
            print(f"{indent}    {h.record.text}")
            if h.twins:
                print(f"{indent}    ({twin_note(h.record, h.twins)})")
            if h.provenance is not None:
                print(f"{indent}    ({h.provenance.sentence()})")
        if entry.more:
            print(f"    {entry.more_note}")
        print()


def run_batch(args) -> int:
    queries = []
    for n, line in enumerate(read_lines(args.file), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                item = json.loads(line)
            except ValueError:
                raise CliError(f"{args.file}:{n}: not valid JSON") from None
            if not isinstance(item, dict) or not isinstance(item.get("query"), str):
                raise CliError(f"{args.file}:{n}: JSON line without a 'query' string")
            line = item["query"]
        try:  # which line is wrong, before any is searched
            check_query(line)
        except QueryError as e:
            raise CliError(f"{args.file}:{n}: {e}") from None
        queries.append(line)
    if not queries:
        raise CliError(f"{args.file}: no queries")
    lib = open_library(args)
    result = _search(lib, queries, args)
    if args.csv:
        sys.stdout.write(result.to_csv())
    else:
        for answer in result:
            emit_json(answer_json(answer, args.full))
    return 0


def run_eval(args) -> int:
    from precedent.search.evaluate import evaluate, load_labelled

    try:
        items = load_labelled(args.file)
    except OSError as e:
        raise CliError(f"{args.file}: {e.strerror or e}") from None
    except ValueError as e:
        raise CliError(str(e)) from None
    if not items:
        raise CliError(f"{args.file}: no labelled queries")
    lib = open_library(args)
    from precedent.search.evaluate import SYSTEMS

    results = [evaluate(lib, items, system, args.k) for system in SYSTEMS]
    if args.plain:
        for res in results:
            print(f"== {res['system']}")
            print(f"{'type':<12} {'n':>3} {'nDCG@10':>8} {'R@5':>6} {'MRR':>6} {'hit@1':>6} "
                  f"{'commit@1':>9} {'flagged':>8}")
            for t, m in res["table"].items():
                cells = [f"{m[k]:.3f}" if k in m else "-"
                         for k in ("ndcg@10", "recall@5", "mrr", "hit@1", "commit@1", "flagged")]
                print(f"{t:<12} {m['n']:>3} {cells[0]:>8} {cells[1]:>6} {cells[2]:>6} "
                      f"{cells[3]:>6} {cells[4]:>9} {cells[5]:>8}")
            print("(overall: the questions with something to find; flagged: answers flagged "
                  "low-confidence, right for a question with nothing to find, wrong otherwise)")
            if args.details:
                for d in res["details"]:
                    score = (f"{d['ndcg@10']:.2f}" if "ndcg@10" in d
                             else "flagged" if d["flagged"] else "NOT flagged")
                    print(f"   {d['id']} {score} {d['ranked'][:5]}  {d['query'][:60]}")
    else:
        for res in results:
            out = {"system": res["system"], "table": res["table"]}
            if args.details:
                out["details"] = res["details"]
            emit_json(out)
    return 0
