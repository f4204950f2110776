"""Issue #19 items 4 and 13: ``fetch`` against a slow or odd server (the local fixture server).
A slow drip is stopped by a deadline over the whole download; a redirect is followed to http and
https only, and an error names the place that failed, in one line; a garbage answer is not
called "no document under this symbol"."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from test_fetch import SYMBOL, StubLibrary, fetcher, files_under

from precedent.index.fetch import FetchError, NotFound
from precedent.ui.cli import main

try:
    from tests.un_fixture_server import NOT_FOUND_HTML, Reply, UNFixtureServer, make_docx
except ImportError:  # tests/ put on sys.path by pytest's rootdir-less import mode
    from un_fixture_server import NOT_FOUND_HTML, Reply, UNFixtureServer, make_docx


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return make_docx(SYMBOL)


@pytest.fixture
def server():
    with UNFixtureServer() as srv:
        yield srv


@pytest.fixture
def home(tmp_path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


@pytest.fixture
def cli_env(monkeypatch, server, home):
    monkeypatch.setenv("PRECEDENT_ODS_URL", server.base_url)
    monkeypatch.setenv("PRECEDENT_HOME", str(home))
    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library", lambda args: StubLibrary())


# -- item 4: a deadline over the whole download ---------------------------------------------

def test_a_body_sent_a_byte_at_a_time_is_stopped_by_the_deadline(server, home, docx_bytes):
    """Each byte comes well within the read time-out, so only a deadline ends it (the whole body
    would take over half an hour)."""
    server.route(SYMBOL, "doc",
                 Reply(body=docx_bytes, content_type="application/octet-stream", drip=0.05))
    with pytest.raises(FetchError) as e:
        fetcher(server, home, timeout=2.0, deadline=1.0).fetch(SYMBOL)
    assert ("the download took longer than 1s" in e.value.reason
            and "bytes received" in e.value.reason)
    assert len(server.requests_for(SYMBOL)) == 1  # not tried again: it would only take as long
    assert files_under(home) == []


def test_headers_sent_a_byte_at_a_time_are_stopped_by_the_deadline(server, home):
    server.route(SYMBOL, "doc", Reply(drip=0.05, drip_headers=True))
    with pytest.raises(FetchError, match="the download took longer than 1s"):
        fetcher(server, home, timeout=2.0, deadline=1.0).fetch(SYMBOL)


def test_cli_deadline_option(cli_env, server, docx_bytes, capsys):
    server.route(SYMBOL, "doc", Reply(body=docx_bytes, drip=0.05))
    assert main(["fetch", SYMBOL, "--interval", "0", "--deadline", "1", "--retries", "0"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"precedent: error: {SYMBOL}: the download took longer than 1s (")


def test_a_deadline_of_zero_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        main(["fetch", SYMBOL, "--deadline", "0"])
    assert e.value.code == 2 and "must be more than 0" in capsys.readouterr().err


# -- item 13: redirects, one-line errors, garbage answers -------------------------------------

def test_a_redirect_to_ftp_is_not_followed_and_named(server, home):
    server.route(SYMBOL, "doc",
                 Reply(status=302, location="ftp://files.example.org/a-res-99-1.docx"))
    with pytest.raises(FetchError) as e:
        fetcher(server, home).fetch(SYMBOL)
    assert e.value.reason == ("the service redirected to ftp://files.example.org, which is not "
                              "http or https; not followed")


def test_an_unreachable_redirect_target_is_the_host_named(server, home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{s.getsockname()[1]}"
    server.route(SYMBOL, "doc", Reply(status=302, location=f"http://{closed}/files/a.docx"))
    with pytest.raises(FetchError) as e:
        fetcher(server, home).fetch(SYMBOL)
    assert f"at {closed} (" in e.value.reason
    assert server.base_url.split("/")[2] not in e.value.reason


def test_a_redirect_loop_is_one_line(server, home):
    server.files["/loop"] = Reply(status=302, location="/loop")
    server.route(SYMBOL, "doc", Reply(status=302, location="/loop"))
    with pytest.raises(FetchError) as e:
        fetcher(server, home).fetch(SYMBOL)
    assert "\n" not in str(e.value)
    assert e.value.reason == (f"the service at {server.base_url.split('/')[2]} redirected in a "
                              "loop (HTTP 302); gave up")


def test_every_fetch_error_is_one_line():
    assert str(FetchError("A/1", "first line\nThe last 30x error message was:\nFound")) == (
        "A/1: first line The last 30x error message was: Found")


@pytest.mark.parametrize("body, said", [
    (b"\x00\x01\x02garbage" * 100, "1,000 bytes of binary data for the word-processing file"),
    (b"", "an empty answer for the word-processing file"),
    (b"Service temporarily unavailable, try later",
     "42 bytes of text for the word-processing file"),
], ids=["binary", "empty", "text"])
def test_a_garbage_answer_is_not_called_a_missing_document(server, home, body, said):
    server.route(SYMBOL, "doc", Reply(body=body))
    with pytest.raises(FetchError) as e:
        fetcher(server, home).fetch(SYMBOL)
    assert not isinstance(e.value, NotFound)
    assert said in e.value.reason and "neither a document nor its not-found page" in e.value.reason
    assert files_under(home) == []


def test_the_not_found_page_is_still_a_missing_document(server, home):
    server.route(SYMBOL, "doc", Reply(body=NOT_FOUND_HTML, content_type="text/html"))
    with pytest.raises(NotFound):
        fetcher(server, home).fetch(SYMBOL)
