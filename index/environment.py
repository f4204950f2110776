"""The environment Precedent runs in, set in one place: no network, no progress bars, no
analytics, no tokenizer threads fighting the caller's.

Every default is ``os.environ.setdefault``: a variable the user set wins. The command line
applies them before anything else; the embedder applies them before it loads a model, so the
Python API gets them too.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "HF_HUB_OFFLINE": "1",  # the bundled model ships in a package: never reach the hub
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "GRADIO_ANALYTICS_ENABLED": "False",
}


def apply_defaults() -> None:
    """Set each of ``DEFAULTS`` that the environment does not set already."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
