"""``precedent serve``: the web page on http://127.0.0.1:7860 (no public link unless --share).

The index is built first when needed (progress on stderr); Gradio is imported only here.
"""

from __future__ import annotations

import logging
import sys

from .cli_options import add_library_args, port
from .cli_output import CliError

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = sub.add_parser("serve", help="start the web page (chat-style search, filters, uploads)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=port, default=7860, help="port (default 7860)")
    p.add_argument("--share", action="store_true",
                   help="also open a public gradio.live link (off by default; exposes the page)")
    add_library_args(p)
    p.set_defaults(handler=run)


def _progress(total: int):
    from tqdm import tqdm

    bar = tqdm(total=total, desc="Indexing", unit="text", file=sys.stderr, leave=True)

    def step(n: int) -> None:
        bar.update(n)
        if bar.n >= bar.total:
            bar.close()

    return step


class Warmup:
    """``lib.search`` once in a thread of its own; ``wait`` joins it and raises what it raised."""

    def __init__(self, lib):
        import threading

        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(lib,), name="precedent-warmup",
                                       daemon=True)
        self.thread.start()

    def _run(self, lib) -> None:
        try:
            lib.search("warm up the model", k=1)
        except BaseException as e:  # said by wait(), in the main thread
            self.error = e

    def wait(self) -> None:
        from precedent.ingest.errors import PrecedentError

        self.thread.join()
        if isinstance(self.error, (PrecedentError, OSError)):
            raise CliError(f"cannot open the library: {self.error}") from None
        if self.error is not None:
            raise self.error


def run(args) -> int:
    from precedent.ingest.errors import PrecedentError
    from precedent.ingest.wording import counted
    from precedent.search import Library

    try:
        lib = Library.open(home=args.home, model=args.model, progress=_progress)
    except (PrecedentError, OSError) as e:
        raise CliError(f"cannot open the library: {e}") from None
    # The model is loaded now, not on the first question, while Gradio is imported (both take
    # seconds; on a first run the model is also prepared for ONNX Runtime then).
    warm = Warmup(lib)
    docs = lib.documents()
    print(f"precedent: {counted(len(docs), 'document')} in {lib.home}", file=sys.stderr)
    from precedent.search.documents import missing_note

    note = missing_note(docs)
    if note:
        print(f"precedent: {note}", file=sys.stderr)
    from .app import serve

    warm.wait()
    try:
        serve(lib, host=args.host, port=args.port, share=args.share)
    except OSError as e:
        raise CliError(f"cannot serve on {args.host}:{args.port}: {e}") from None
    return 0
