"""The page's callbacks: one handler per tab, over one library and one lock.

No Gradio here (the page wiring is ``ui.app``) and no search logic:

* ``handlers_search.SearchHandlers``: the Search tab (questions, filters, paragraph view);
* ``handlers_compare.CompareHandlers``: the "Compare a draft" tab;
* ``handlers_library.LibraryHandler``: adding documents (the upload box);
* ``page_state``: the library and the lock they share (``PageLibrary``), and the download folders.

    h = Handlers(lib)
    h.search.ask("What did States commit to on child detention?", [])
    h.compare.run("12. We commit to ...")
    h.library.upload("draft.pdf")
"""

from __future__ import annotations

from pathlib import Path

from .handlers_compare import CompareHandlers
from .handlers_library import LibraryHandler
from .handlers_search import SearchHandlers
from .page_state import Downloads, PageLibrary, SearchFirstLock


class Handlers:
    """The three tabs' handlers, sharing ``shared`` (the library and its lock) and the downloads."""

    def __init__(self, lib, download_dir: str | Path | None = None):
        self.shared = PageLibrary(lib, SearchFirstLock())
        self.downloads = Downloads(download_dir)
        self.search = SearchHandlers(self.shared, self.downloads)
        self.compare = CompareHandlers(self.shared, self.downloads)
        self.library = LibraryHandler(self.shared)

    @property
    def lib(self):
        return self.shared.lib

    @property
    def lock(self) -> SearchFirstLock:
        return self.shared.lock

    @property
    def download_dir(self) -> Path:
        return self.downloads.root
