"""The ``precedent`` command line: JSON lines by default, ``--plain`` for people.

Errors go to stderr with exit 1; usage errors exit 2. Each subcommand lives in its own
``ui/cmd_*.py`` module exposing ``register(subparsers)``; its handler returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys

from precedent.ingest.errors import PrecedentError

# Subcommand modules, in the order ``precedent --help`` lists them.
COMMAND_MODULES = [
    "precedent.ui.cmd_parse",
    "precedent.ui.cmd_search",
    "precedent.ui.cmd_library",
    "precedent.ui.cmd_fetch",
    "precedent.ui.cmd_compare",
    "precedent.ui.cmd_serve",
]


class CliError(PrecedentError):
    """An error to report on one stderr line with exit code 1."""


def emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="precedent",
        description="Find agreed language in UN migration texts: exact paragraphs, cited.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.handler(args) or 0)
    except CliError as e:
        print(f"precedent: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("precedent: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
