"""The ``precedent`` command line: JSON lines by default, ``--plain`` for people.

Errors go to stderr with exit 1; usage errors exit 2 (bad option values too: the option types
in ``ui.cli_options`` refuse them while the command line is parsed, before the library or a model
loads). Each subcommand lives in its own ``ui/cmd_*.py`` module exposing ``register(subparsers)``;
its handler returns an exit code and reports failures as ``CliError`` (``ui.cli_output``, with the
JSON-lines writer; the modules never import this one). Options shared by commands are declared
once, in ``ui.cli_options``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .cli_output import CliError

# Subcommand modules, in the order ``precedent --help`` lists them.
COMMAND_MODULES = [
    "precedent.ui.cmd_parse",
    "precedent.ui.cmd_search",
    "precedent.ui.cmd_library",
    "precedent.ui.cmd_fetch",
    "precedent.ui.cmd_compare",
    "precedent.ui.cmd_serve",
]


class Parser(argparse.ArgumentParser):
    """argparse with usage errors on one stderr line, exit 2 (like every other error, one line)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    from precedent.index.environment import apply_defaults

    apply_defaults()
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
