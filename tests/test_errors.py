"""One exception hierarchy: everything Precedent refuses to do is a ``PrecedentError``."""

from __future__ import annotations

import pytest

from precedent.index import IndexLoadError, LibraryError, ModelError
from precedent.index.fetch import BatchStopped, FetchError, NotFound, ServiceUnreachable
from precedent.ingest import IngestError
from precedent.ingest.digest import bytes_sha256, file_sha256
from precedent.ingest.errors import PrecedentError
from precedent.search import FilterError, QueryError
from precedent.ui.cli_output import CliError


@pytest.mark.parametrize("cls", [IngestError, IndexLoadError, LibraryError, ModelError, FetchError,
                                 NotFound,
                                 ServiceUnreachable, BatchStopped, QueryError, FilterError,
                                 CliError])
def test_every_error_is_a_precedent_error(cls):
    assert issubclass(cls, PrecedentError)


def test_input_errors_stay_value_errors():
    assert issubclass(QueryError, ValueError) and issubclass(FilterError, ValueError)


def test_file_sha256_streams_and_copies(tmp_path):
    data = bytes(range(256)) * 9000  # more than one chunk
    src = tmp_path / "a.bin"
    src.write_bytes(data)
    with open(tmp_path / "copy.bin", "wb") as out:
        digest = file_sha256(src, copy_to=out)
    assert digest == file_sha256(src) == bytes_sha256(data)
    assert (tmp_path / "copy.bin").read_bytes() == data
