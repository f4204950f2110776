"""Options every command shares, and bad option values refused as usage errors (exit 2, one
stderr line) while the command line is parsed: before the library opens or a model loads."""

from __future__ import annotations

import json

import pytest
from fake_embedder import SPEC

from precedent.ui.cli import main


def usage_error(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as e:
        main(list(argv))
    err = capsys.readouterr().err
    assert e.value.code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize("argv, message", [
    (["serve", "--port", "0"], "from 1 to 65535, not 0"),
    (["serve", "--port", "http"], "'http' is not a port number"),
    (["search", "remittances", "--k", "0"], "at least 1, not 0"),
    (["batch", "-", "--k", "-3"], "at least 1, not -3"),
    (["eval", "x.jsonl", "--k", "0"], "at least 1"),
    (["compare", "-", "--k", "0"], "at least 1"),
    (["compare", "-", "--min-words", "0"], "at least 1"),
    (["compare", "-", "--before", "yesterday"], "'yesterday' is not a date"),
    (["add", "x.txt", "--date", "2025-02-30"], "'2025-02-30' is not a date"),
    (["fetch", "A/RES/73/195", "--date", "soon"], "'soon' is not a date"),
    (["fetch", "A/RES/73/195", "--interval", "-1"], "at least 0"),
    (["fetch", "A/RES/73/195", "--timeout", "0"], "more than 0"),
    (["fetch", "A/RES/73/195", "--retries", "-1"], "at least 0"),
])
def test_bad_option_values_are_usage_errors_before_anything_opens(tmp_path, capsys, argv, message):
    home = tmp_path / "home"
    err = usage_error(capsys, *argv, "--home", str(home), "--model", "no.such.module:Embedder")
    assert message in err
    assert not home.exists()  # nothing was opened, built or loaded


@pytest.mark.parametrize("command",
                         ["index", "search", "batch", "eval", "add", "remove", "list", "compare",
                                     "trace", "fetch", "catalogue", "serve"])
def test_every_library_command_takes_home_and_model(command):
    from precedent.ui.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    options = {o for a in sub._actions for o in a.option_strings}
    assert {"--home", "--model"} <= options


def test_catalogue_opens_the_library_with_its_model(tmp_path, capsys):
    """A library built with another model: ``catalogue --model`` uses it, nothing is rebuilt."""
    home = tmp_path / "home"
    assert main(["index", "--home", str(home), "--model", SPEC]) == 0
    built = json.loads(capsys.readouterr().out)
    assert main(["catalogue", "--home", str(home), "--model", SPEC]) == 0
    out, err = capsys.readouterr()
    assert "presence not shown" not in err
    assert main(["index", "--home", str(home), "--model", SPEC]) == 0
    again = json.loads(capsys.readouterr().out)
    assert built["status"] == "built" and again["status"] == "loaded"


def test_the_page_the_command_line_and_the_api_show_as_many_results_by_default():
    """The page showed 8 paragraphs where the command line and the API showed 10: the same
    question read differently on each (a document crowded out on one, shown on the other)."""
    import argparse
    import inspect

    from precedent.search import Library
    from precedent.search.api import DEFAULT_K
    from precedent.ui.cmd_search import _add_search_args
    from precedent.ui.handlers_search import SearchHandlers

    parser = argparse.ArgumentParser()
    _add_search_args(parser)
    assert parser.parse_args([]).k == DEFAULT_K == 10
    assert inspect.signature(Library.search).parameters["k"].default == DEFAULT_K
    assert inspect.signature(Library.batch).parameters["k"].default == DEFAULT_K
    assert inspect.signature(SearchHandlers.ask).parameters["k"].default == DEFAULT_K
