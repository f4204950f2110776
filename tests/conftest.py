"""Shared fixtures: libraries over the shipped corpus with a fake embedder (fast) or the real
bundled model (a few tests, marked ``model``)."""

from __future__ import annotations

import pytest

from precedent.index.environment import apply_defaults

apply_defaults()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test touches the user's real data directory."""
    monkeypatch.setenv("PRECEDENT_HOME", str(tmp_path_factory.mktemp("precedent-home")))


@pytest.fixture
def fake_lib(tmp_path):
    from fake_embedder import HashEmbedder

    from precedent.search import Library

    return Library.open(tmp_path / "home", embedder=HashEmbedder())


@pytest.fixture(scope="session")
def real_lib(tmp_path_factory):
    from precedent.search import Library

    return Library.open(tmp_path_factory.mktemp("real-home"))


def pytest_collection_modifyitems(config, items):
    """Tests marked ``network`` run only when the marker expression names them
    (``-m network``): any other ``-m`` (e.g. the inner loop ``-m "not slow and not browser"``)
    replaces the default ``-m 'not network'`` of pyproject, and must not reach the internet."""
    if "network" in (config.option.markexpr or ""):
        return
    deselected = [item for item in items if item.get_closest_marker("network")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("network")]
