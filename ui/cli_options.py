"""What the commands share: the library options (declared here only), option types that refuse
bad values as usage errors (exit 2) before anything heavy is imported, opening the library with
a progress bar, and reading input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from .cli_output import CliError


def add_library_args(p) -> None:
    """``--home`` and ``--model``, for every command that opens the library."""
    p.add_argument("--home", help="data directory "
                                  "(default: $PRECEDENT_HOME or the user data directory)")
    p.add_argument("--model", help="sentence-transformers model name or path, "
                                   "or package.module:factory for a custom embedder "
                                   "(default: the bundled all-MiniLM-L6-v2; or $PRECEDENT_MODEL)")


def _number(text: str, kind, low, high, what: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = ((f"from {low} to {high}" if high is not None else f"at least {low}")
                  if low is not None else f"at most {high}")
        raise argparse.ArgumentTypeError(f"must be {bounds}, not {text}")
    return value


def positive_int(text: str) -> int:
    """A whole number >= 1 (``--k``, ``--min-words``)."""
    return _number(text, int, 1, None, "a whole number")


def count(text: str) -> int:
    """A whole number >= 0 (``--retries``)."""
    return _number(text, int, 0, None, "a whole number")


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    return _number(text, int, 1, 65535, "a port number")


def seconds(text: str) -> float:
    """A time in seconds, >= 0 (``--interval``)."""
    return _number(text, float, 0, None, "a number of seconds")


def positive_seconds(text: str) -> float:
    """A time in seconds, > 0 (``--timeout``)."""
    value = _number(text, float, 0, None, "a number of seconds")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def iso_date(text: str) -> str:
    """A date: YYYY, YYYY-MM or YYYY-MM-DD, a real one (2025-02-30 is refused):
    ``doc_meta.check_date``, the check the Python API makes too."""
    from precedent.ingest.doc_meta import check_date

    try:
        return check_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def progress_bar(total: int):
    """A tqdm bar on stderr for long work; returns the increment callback."""
    if total <= 0:
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="embedding paragraphs", unit="text", file=sys.stderr,
               disable=not sys.stderr.isatty())

    def step(n: int) -> None:
        bar.update(n)
        if bar.n >= total:
            bar.close()

    return step


class BulkBar:
    """One tqdm bar on stderr for a bulk add: texts embedded out of the texts to embed (an
    estimate until every file is parsed), the files done, and tqdm's time left. Implements
    ``index.bulk.BulkProgress``."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        self.files = self.done = self.failed = 0

    def start(self, files: int) -> None:
        from tqdm import tqdm

        self.files = files
        self.bar = tqdm(total=0, desc=self._desc(), unit="text", file=self.stream,
                        dynamic_ncols=True,
                        disable=not getattr(self.stream, "isatty", lambda: False)(),
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} texts "
                                   "[{elapsed}<{remaining}, {rate_fmt}]")

    def _desc(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return f"adding {self.done}/{self.files} files{failed}"

    def file_done(self, path, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        if self.bar is not None:
            self.bar.set_description_str(self._desc(), refresh=True)

    def texts_total(self, total: int) -> None:
        if self.bar is not None and total != self.bar.total:
            self.bar.total = max(total, self.bar.n)
            self.bar.refresh()

    def texts_done(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def open_library(args):
    from precedent.ingest.errors import PrecedentError
    from precedent.search import Library

    try:
        return Library.open(getattr(args, "home", None), model=getattr(args, "model", None),
                            progress=progress_bar)
    except PrecedentError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"cannot use the data directory: {e}") from None


def read_lines(path: str) -> Iterator[str]:
    """Lines of FILE, or of standard input for ``-``."""
    if path == "-":
        yield from sys.stdin
        return
    try:
        with open(path, encoding="utf-8") as f:
            yield from f
    except FileNotFoundError:
        raise CliError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise CliError(f"{path}: {e.strerror or e}") from None


def finish_command(p, handler, *, plain: str | None = None) -> None:
    """The end of a library command's declaration: ``--plain`` where the command prints rows
    (``plain`` is its help: what it prints instead of JSON), the library options, its handler."""
    if plain:
        p.add_argument("--plain", action="store_true", help=plain)
    add_library_args(p)
    p.set_defaults(handler=handler)
