"""Index: embeddings + FAISS + BM25 over paragraph records, saved as a directory of plain files."""

from .embedder import DEFAULT_MODEL, ModelError, load_embedder
from .library import ChangeInterrupted, ChangeResult, LibraryError, LibraryIndex
from .lock import LockError
from .store import IndexData, IndexLoadError, home_dir

__all__ = ["DEFAULT_MODEL", "ChangeInterrupted", "ChangeResult", "IndexData", "IndexLoadError",
           "LibraryError", "LibraryIndex", "LockError", "ModelError", "home_dir", "load_embedder"]
