"""Fetching UN documents over the network, apart from the index's core: nothing else of
``precedent.index`` (nor of ``search``) imports this package; ``precedent fetch`` does.

* ``ods``: the client of the UN Official Document System (``Fetcher``), by symbol;
* ``http_get``: one bounded HTTP GET (deadline, redirects, size).
"""

from .ods import (
    LANGUAGES,
    USER_AGENT,
    BatchStopped,
    Fetcher,
    FetchError,
    FetchRecord,
    NotFound,
    Outcome,
    ServiceUnreachable,
    convert_to_docx,
    find_soffice,
    safe_stem,
    sniff_download,
)

__all__ = [
    "LANGUAGES", "USER_AGENT", "BatchStopped", "FetchError", "FetchRecord", "Fetcher", "NotFound",
    "Outcome",
    "ServiceUnreachable", "convert_to_docx", "find_soffice", "safe_stem", "sniff_download",
]
