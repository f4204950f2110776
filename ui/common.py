"""What the commands share: library options, opening the library with a progress bar, input."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from .cli import CliError


def add_library_args(p) -> None:
    p.add_argument("--home", help="data directory (default: $PRECEDENT_HOME or the user data directory)")
    p.add_argument("--model", help="sentence-transformers model name or path (default: the bundled all-MiniLM-L6-v2; or $PRECEDENT_MODEL)")


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


def open_library(args):
    from precedent.index import IndexLoadError, LibraryError, ModelError
    from precedent.ingest import IngestError
    from precedent.search import Library

    try:
        return Library.open(getattr(args, "home", None), model=getattr(args, "model", None), progress=progress_bar)
    except (ModelError, LibraryError, IndexLoadError, IngestError) as e:
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
