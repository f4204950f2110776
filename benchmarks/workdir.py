"""A benchmark's data directory: the one ``--home`` names (kept), or a new temporary one that is
removed afterwards. ``PRECEDENT_HOME`` points at it while the benchmark runs.

    from workdir import in_data_directory   # a script in benchmarks/ (its folder is on sys.path)
    return in_data_directory(args.home, "precedent-multi-", lambda home: run(home, args))
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable


def in_data_directory(home: str | None, prefix: str, run: Callable[[str], int]) -> int:
    """``run(home)`` with ``PRECEDENT_HOME`` set to ``home``, or to a new temporary directory
    (named ``prefix...``) that is removed when ``run`` returns or fails."""
    path = home or tempfile.mkdtemp(prefix=prefix)
    os.environ["PRECEDENT_HOME"] = path
    try:
        return run(path)
    finally:
        if not home:
            shutil.rmtree(path, ignore_errors=True)
