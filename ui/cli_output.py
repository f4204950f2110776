"""What every ``precedent`` subcommand shares with the command line itself: the one error it
reports on a stderr line (exit 1), and its JSON-lines output. No argparse, no commands: the
``cmd_*`` modules import this, and ``ui.cli`` loads them."""

from __future__ import annotations

import json
import sys

from precedent.ingest.errors import PrecedentError


class CliError(PrecedentError):
    """An error to report on one stderr line with exit code 1."""


def emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
