"""Search: the Python API over the index (hybrid retrieval, filters, exact phrases, commitments)."""

from .api import Library
from .filters import FilterError
from .query import QueryError
from .results import Answer, BatchResult, Hit

__all__ = ["Answer", "BatchResult", "FilterError", "Hit", "Library", "QueryError"]
