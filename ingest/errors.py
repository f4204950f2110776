"""The root of Precedent's exceptions, in the lowest layer so every layer can subclass it.

    PrecedentError
    ├── IngestError        a file that cannot be read as a document      (ingest.readers)
    ├── IndexLoadError     an index directory that cannot be loaded      (index.store)
    ├── LibraryError       a library change that cannot be made          (index.library)
    ├── ModelError         an embedding model that cannot be loaded      (index.embedder)
    ├── FetchError         a symbol that could not be downloaded         (index.fetch)
    ├── QueryError         a query that cannot be searched               (search.query)
    ├── FilterError        a filter value or search option out of range  (search.filters)
    ├── CompareError       a comparison that cannot be made              (search.compare)
    ├── TraceError         a citation that names no paragraph            (search.compare)
    └── CliError           a command-line failure                        (ui.cli_output)

Each message is one line for people. Callers that only report errors catch ``PrecedentError``
(plus ``OSError`` where files are touched) instead of listing the classes.
"""

from __future__ import annotations


class PrecedentError(Exception):
    """Something Precedent cannot do, said in one line for people (never a bug: bugs raise
    others)."""
