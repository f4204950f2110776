"""``index.fetch`` and ``precedent fetch`` / ``precedent catalogue`` against a local fixture server.

No test here touches the internet except the one marked ``network`` (deselected by default).
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from precedent.corpus import load_catalogue
from precedent.index.fetch import (
    USER_AGENT,
    BatchStopped,
    Fetcher,
    FetchError,
    NotFound,
    ServiceUnreachable,
    find_soffice,
    safe_stem,
    sniff_download,
)
from precedent.ui.cli import main

try:
    from tests.un_fixture_server import (
        DOCX_TYPE,
        NOT_FOUND_HTML,
        OLE_DOC,
        Reply,
        UNFixtureServer,
        make_docx,
        make_pdf,
    )
except ImportError:  # tests/ put on sys.path by pytest's rootdir-less import mode
    from un_fixture_server import (
        DOCX_TYPE,
        NOT_FOUND_HTML,
        OLE_DOC,
        Reply,
        UNFixtureServer,
        make_docx,
        make_pdf,
    )

SYMBOL = "A/RES/99/1"


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return make_docx(SYMBOL)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf(SYMBOL)


@pytest.fixture
def server():
    with UNFixtureServer() as srv:
        yield srv


@pytest.fixture
def home(tmp_path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


def fetcher(server, home, **kw) -> Fetcher:
    opts = dict(base_url=server.base_url, home=home, timeout=2.0, min_interval=0.0, retries=2,
                backoff=0.01, soffice=None)
    return Fetcher(**(opts | kw))


def files_under(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*") if p.is_file())


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/symbol/access"


# -- choosing the file ---------------------------------------------------------------------


def test_docx_preferred_over_pdf(server, home, docx_bytes, pdf_bytes):
    server.route(SYMBOL, "doc", Reply(body=docx_bytes, content_type=DOCX_TYPE))
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes, content_type="application/pdf"))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.format == "docx" and rec.path.endswith("A-RES-99-1.en.docx")
    assert Path(rec.path).read_bytes() == docx_bytes
    assert [r["t"] for r in server.requests] == ["doc"]  # the PDF was never needed
    req = server.requests[0]
    assert (req["s"], req["l"], req["user_agent"]) == (SYMBOL, "en", USER_AGENT)
    assert (rec.symbol == SYMBOL and rec.language == "en"
            and rec.source_url.startswith(server.base_url))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rec.fetched_at)


def test_pdf_fallback_when_doc_is_the_not_found_page(server, home, pdf_bytes):
    server.route(SYMBOL, "doc", Reply(body=NOT_FOUND_HTML, content_type="text/html"))
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes, content_type="application/pdf"))
    rec = fetcher(server, home, min_interval=0.0).fetch(SYMBOL, "fr")
    assert rec.format == "pdf" and Path(rec.path).name == "A-RES-99-1.fr.pdf"
    assert [(r["t"], r["l"]) for r in server.requests] == [("doc", "fr"), ("pdf", "fr")]
    assert "t=pdf" in rec.source_url
    assert files_under(home) == [Path(rec.path)]


def test_not_found_symbol_is_a_clear_error_and_nothing_is_saved(server, home):
    with pytest.raises(NotFound,
                       match=r"A/RES/99/404: no document under this symbol in language 'en'"):
        fetcher(server, home).fetch("A/RES/99/404")
    assert len(server.requests) == 2  # doc, then pdf: both the HTML "not found" page
    assert files_under(home) == [] and not (home / "sources").exists()


def test_format_decided_from_bytes_not_content_type(server, home, pdf_bytes):
    # A PDF labelled as DOCX is a PDF; an HTML page labelled as PDF is "not found".
    server.route(SYMBOL, "doc", Reply(body=pdf_bytes, content_type=DOCX_TYPE))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.format == "pdf" and rec.path.endswith(".pdf")
    server.route("A/RES/99/2", "doc", Reply(body=NOT_FOUND_HTML, content_type=DOCX_TYPE))
    server.route("A/RES/99/2", "pdf", Reply(body=NOT_FOUND_HTML, content_type="application/pdf"))
    with pytest.raises(NotFound):
        fetcher(server, home).fetch("A/RES/99/2")


def test_sniff_download():
    assert sniff_download(make_docx()) == "docx"
    assert sniff_download(b"  %PDF-1.7\n") == "pdf"
    assert sniff_download(OLE_DOC) == "doc"
    assert sniff_download(b"\xffWPC\x10\x00") == "wpd"
    assert sniff_download(NOT_FOUND_HTML) == "html"
    assert sniff_download(b"PK\x03\x04 not really a zip") == "other"
    assert sniff_download(b"") == "other"


def test_redirects_are_followed(server, home, docx_bytes):
    server.files["/files/a-res-99-1.docx"] = Reply(body=docx_bytes, content_type=DOCX_TYPE)
    server.route(SYMBOL, "doc", Reply(status=302, location="/files/a-res-99-1.docx"))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.format == "docx" and rec.final_url.endswith("/files/a-res-99-1.docx")
    assert rec.to_meta()["final_url"] == rec.final_url


def test_sha256_recorded(server, home, docx_bytes):
    server.route(SYMBOL, "doc", Reply(body=docx_bytes))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.sha256 == hashlib.sha256(docx_bytes).hexdigest()
    assert hashlib.sha256(Path(rec.path).read_bytes()).hexdigest() == rec.sha256
    assert set(rec.to_meta()) >= {"symbol", "language", "source_url", "sha256", "fetched_at",
                                  "format", "path"}


# -- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize("symbol, name", [
    ("A/73/12 (Part II)", "A-73-12-Part-II.en.pdf"),
    ("../../etc/passwd", "etc-passwd.en.pdf"),
    ("..", "document.en.pdf"),
    ("A/RES/73/195", "A-RES-73-195.en.pdf"),
])
def test_saved_file_name_is_safe(server, home, pdf_bytes, symbol, name):
    server.route(symbol, "pdf", Reply(body=pdf_bytes))
    rec = fetcher(server, home).fetch(symbol)
    path = Path(rec.path)
    assert path.name == name and path.parent.resolve() == (home / "sources").resolve()
    # sent to the service as given
    assert rec.symbol == symbol and server.requests[0]["s"] == symbol
    assert files_under(home.parent) == [path]


@given(st.text(max_size=200))
def test_safe_stem_never_escapes(symbol):
    stem = safe_stem(symbol)
    assert re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*|document", stem) and len(stem) <= 120


def test_invalid_symbol_or_language_rejected_without_a_request(server, home):
    f = fetcher(server, home)
    with pytest.raises(FetchError, match="not a valid document symbol"):
        f.fetch("   ")
    with pytest.raises(FetchError, match="unknown language 'de'"):
        f.fetch(SYMBOL, "de")
    assert server.requests == []


# -- politeness and failures --------------------------------------------------------------


def test_500_then_success_is_retried(server, home, docx_bytes):
    server.route(SYMBOL, "doc", Reply(status=500, body=b"oops"), Reply(status=503),
                 Reply(body=docx_bytes))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.format == "docx" and [r["t"] for r in server.requests] == ["doc"] * 3


def test_persistent_500_gives_up_with_a_clear_error(server, home):
    server.route(SYMBOL, "doc", Reply(status=502))
    with pytest.raises(FetchError, match=r"HTTP 502; gave up after 3 attempts"):
        fetcher(server, home).fetch(SYMBOL)
    assert files_under(home) == []


def test_timeout_retried_then_success(server, home, docx_bytes):
    server.route(SYMBOL, "doc", Reply(body=docx_bytes, delay=2.0), Reply(body=docx_bytes))
    rec = fetcher(server, home, timeout=0.3).fetch(SYMBOL)
    assert rec.format == "docx" and len(server.requests) == 2


def test_timeout_retried_then_clear_failure(server, home, docx_bytes):
    server.route(SYMBOL, "doc", Reply(body=docx_bytes, delay=3.0))
    with pytest.raises(FetchError, match=r"no answer within 0.3s; gave up after 2 attempts") as exc:
        fetcher(server, home, timeout=0.3, retries=1).fetch(SYMBOL)
    assert not isinstance(exc.value, ServiceUnreachable)
    assert len(server.requests) == 2 and files_under(home) == []


def test_403_is_not_retried_and_mentions_soft_blocking(server, home):
    server.route(SYMBOL, "doc", Reply(status=403))
    with pytest.raises(FetchError, match="HTTP 403.*soft-block"):
        fetcher(server, home).fetch(SYMBOL)
    assert len(server.requests) == 1


def test_min_interval_spaces_requests(server, home, pdf_bytes):
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes))
    fetcher(server, home, min_interval=0.4).fetch(SYMBOL)  # doc (not found), then pdf
    t0, t1 = (r["time"] for r in server.requests)
    assert t1 - t0 >= 0.35


def test_repeated_failures_stop_the_batch(server, home, docx_bytes):
    server.route("A/1", "doc", Reply(body=docx_bytes))
    symbols = ["A/1", "A/404/1", "A/404/2", "A/404/3", "A/2", "A/3"]
    f = fetcher(server, home, max_consecutive_failures=3)
    outcomes = []
    with pytest.raises(BatchStopped,
                       match="stopped after 3 consecutive failures.*soft-block.*2 not "
                             "attempted") as exc:
        for outcome in f.fetch_many(symbols):
            outcomes.append(outcome)
    assert [o.symbol for o in outcomes] == symbols[:4]
    assert outcomes[0].record and all(isinstance(o.error, NotFound) for o in outcomes[1:])
    assert exc.value.remaining == ["A/2", "A/3"]
    assert {r["s"] for r in server.requests} == set(symbols[:4])


def test_a_success_resets_the_failure_count(server, home, docx_bytes):
    server.route("A/2", "doc", Reply(body=docx_bytes))
    symbols = ["A/404/1", "A/404/2", "A/2", "A/404/3", "A/404/4"]
    outcomes = list(fetcher(server, home, max_consecutive_failures=3).fetch_many(symbols))
    assert [o.record is not None for o in outcomes] == [False, False, True, False, False]


def test_unreachable_service_stops_at_once(home):
    f = Fetcher(base_url=closed_port_url(), home=home, min_interval=0, timeout=2, backoff=0.01)
    with pytest.raises(ServiceUnreachable,
                       match="could not reach the UN document service at 127.0.0.1"):
        list(f.fetch_many(["A/1", "A/2"]))
    assert files_under(home) == []


def test_base_url_from_environment(monkeypatch, server):
    monkeypatch.setenv("PRECEDENT_ODS_URL", server.base_url)
    assert Fetcher().url_for("A/73/12 (Part II)", "en", "doc") == (
        server.base_url + "?s=A%2F73%2F12+%28Part+II%29&l=en&t=doc")
    assert Fetcher(base_url="http://x/y").base_url == "http://x/y"


# -- legacy Word files --------------------------------------------------------------------


def test_legacy_doc_without_soffice_falls_back_to_pdf(server, home, pdf_bytes):
    server.route(SYMBOL, "doc", Reply(body=OLE_DOC, content_type="application/msword"))
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes))
    rec = fetcher(server, home).fetch(SYMBOL)
    assert rec.format == "pdf"


def test_legacy_doc_only_without_soffice_says_how_to_get_docx_or_pdf(server, home):
    server.route(SYMBOL, "doc", Reply(body=OLE_DOC, content_type="application/msword"))
    with pytest.raises(FetchError,
                       match=r"legacy Word \.doc.*LibreOffice \(soffice\) is not on PATH.*save it "
                             r"as \.docx"):
        fetcher(server, home).fetch(SYMBOL)
    assert files_under(home) == []


@pytest.fixture
def fake_soffice(tmp_path, docx_bytes) -> Path:
    """A stand-in for ``soffice --headless --convert-to docx --outdir DIR FILE``."""
    (tmp_path / "converted.docx").write_bytes(docx_bytes)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "soffice"
    script.write_text(f"#!{sys.executable}\n" + textwrap.dedent(f"""
        import shutil, sys
        from pathlib import Path
        args = sys.argv[1:]
        assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
        src = Path(args[-1])
        assert src.read_bytes().startswith(bytes.fromhex("d0cf11e0a1b11ae1"))
        outdir = Path(args[args.index("--outdir") + 1])
        outdir.mkdir(parents=True, exist_ok=True)
        shutil.copy({str(tmp_path / "converted.docx")!r}, outdir / (src.stem + ".docx"))
    """))
    script.chmod(0o755)
    return script


def test_legacy_doc_converted_with_soffice(server, home, fake_soffice, docx_bytes, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_soffice.parent))
    assert find_soffice() == str(fake_soffice)
    server.route(SYMBOL, "doc", Reply(body=OLE_DOC))
    rec = fetcher(server, home, soffice=str(fake_soffice)).fetch(SYMBOL)
    assert rec.format == "doc" and rec.converted
    assert (Path(rec.original_path).name == "A-RES-99-1.en.doc"
            and Path(rec.original_path).read_bytes() == OLE_DOC)
    assert Path(rec.path).name == "A-RES-99-1.en.docx" and Path(rec.path).read_bytes() == docx_bytes
    assert rec.sha256 == hashlib.sha256(OLE_DOC).hexdigest()
    assert [r["t"] for r in server.requests] == ["doc"]


def test_failed_conversion_falls_back_to_pdf_else_leaves_nothing(server, home, tmp_path, pdf_bytes):
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(0o755)
    server.route(SYMBOL, "doc", Reply(body=OLE_DOC))
    with pytest.raises(FetchError,
                       match="LibreOffice conversion failed .*could not be loaded.*no PDF"):
        fetcher(server, home, soffice=str(broken)).fetch(SYMBOL)
    assert files_under(home) == [] and not (home / "sources").exists()
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes))
    assert fetcher(server, home, soffice=str(broken)).fetch(SYMBOL).format == "pdf"


# -- the command line ---------------------------------------------------------------------


@dataclass
class AddResult:
    doc_id: str
    status: str
    paragraphs: int
    message: str = ""


class StubLibrary:
    def __init__(self, documents=()):
        self.adds: list[dict] = []
        self._documents = list(documents)

    def add(self, path, *, symbol="", title="", date="", source="", meta=None):
        self.adds.append(dict(path=path, symbol=symbol, title=title, date=date, source=source,
                              meta=meta))
        return AddResult(doc_id=re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-"),
                         status="added", paragraphs=4)

    def documents(self):
        return self._documents


@pytest.fixture
def cli_env(monkeypatch, server, home):
    monkeypatch.setenv("PRECEDENT_ODS_URL", server.base_url)
    monkeypatch.setenv("PRECEDENT_HOME", str(home))
    lib = StubLibrary()
    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library", lambda args: lib)
    return lib


def test_cli_fetch_adds_to_library_with_meta(cli_env, server, home, docx_bytes, capsys):
    server.route("A/RES/73/195", "doc", Reply(body=docx_bytes))
    assert main(["fetch", "A/RES/73/195", "--interval", "0"]) == 0
    (add,) = cli_env.adds
    assert add["symbol"] == "A/RES/73/195" and add["date"] == "2018-12-19"
    # from the catalogue
    assert add["title"] == "Global Compact for Safe, Orderly and Regular Migration"
    assert Path(add["path"]) == home / "sources" / "A-RES-73-195.en.docx"
    meta = add["meta"]
    assert meta["sha256"] == hashlib.sha256(docx_bytes).hexdigest() and meta["format"] == "docx"
    assert meta["source_url"] in add["source"] and meta["language"] == "en"
    line = json.loads(capsys.readouterr().out)
    assert (line["doc_id"] == "a-res-73-195" and line["status"] == "added"
            and line["sha256"] == meta["sha256"])


def test_cli_overrides_for_a_single_symbol(cli_env, server, pdf_bytes, capsys):
    server.route("A/73/12(PARTII)", "pdf", Reply(body=pdf_bytes))
    argv = ["fetch", "A/73/12(PARTII)", "--symbol", "A/73/12 (Part II)", "--title", "GCR",
            "--date", "2018-08-02", "--interval", "0", "--plain"]
    assert main(argv) == 0
    (add,) = cli_env.adds
    assert (add["symbol"], add["title"], add["date"]) == ("A/73/12 (Part II)", "GCR", "2018-08-02")
    assert add["meta"]["symbol"] == "A/73/12(PARTII)"
    assert capsys.readouterr().out.startswith("added A/73/12 (Part II) as a-73-12-part-ii: 4 "
                                              "paragraphs")
    assert main(["fetch", "A/1", "A/2", "--title", "x"]) == 1
    assert "single SYMBOL" in capsys.readouterr().err


def test_cli_fetch_catalogue(cli_env, server, docx_bytes, capsys):
    for entry in load_catalogue():
        server.route(entry["symbol"], "doc", Reply(body=docx_bytes))
    assert main(["fetch", "--catalogue", "--interval", "0"]) == 0
    assert [a["symbol"] for a in cli_env.adds] == [e["symbol"] for e in load_catalogue()]
    assert len(capsys.readouterr().out.splitlines()) == len(load_catalogue())


def test_cli_no_network_one_line_exit_1_library_unchanged(monkeypatch, home, capsys):
    monkeypatch.setenv("PRECEDENT_ODS_URL", closed_port_url())
    monkeypatch.setenv("PRECEDENT_HOME", str(home))
    opened = []
    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library", lambda args: opened.append(1))
    assert main(["fetch", "A/RES/73/195", "A/RES/70/1", "--interval", "0"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "could not reach the UN document service" in err
    assert "tried 2 of 2: A/RES/73/195, A/RES/70/1" in err and "precedent add FILE" in err
    assert opened == [] and files_under(home) == []


def test_cli_catalogue_offline_tries_every_symbol_and_says_add_works(monkeypatch, home, capsys):
    """Issue 17: offline, ``fetch --catalogue`` stopped at the first symbol and did not say that
    ``precedent add FILE`` works."""
    monkeypatch.setenv("PRECEDENT_ODS_URL", closed_port_url())
    monkeypatch.setenv("PRECEDENT_HOME", str(home))
    tried = []
    real_fetch = Fetcher.fetch

    def fetch(self, symbol, lang="en"):
        tried.append(symbol)
        return real_fetch(self, symbol, lang)

    monkeypatch.setattr(Fetcher, "fetch", fetch)
    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library",
                        lambda args: pytest.fail("nothing to add"))
    assert main(["fetch", "--catalogue", "--interval", "0", "--retries", "0"]) == 1
    err = capsys.readouterr().err
    symbols = [e["symbol"] for e in load_catalogue()]
    assert tried == symbols and len(symbols) > 1
    assert f"tried {len(symbols)} of {len(symbols)}" in err and "0 fetched" in err
    assert "precedent add FILE" in err


def test_cli_not_found_and_batch_stop(cli_env, server, capsys):
    assert main(["fetch", "A/404/1", "--interval", "0"]) == 1
    assert "A/404/1: no document under this symbol" in capsys.readouterr().err
    assert main(["fetch", "A/404/1", "A/404/2", "A/404/3", "A/404/4", "--interval", "0"]) == 1
    err = capsys.readouterr().err
    assert "stopped after 3 consecutive failures" in err and "1 not attempted" in err
    assert cli_env.adds == [] and not any(r["s"] == "A/404/4" for r in server.requests)


def test_cli_no_add_downloads_only(cli_env, server, home, pdf_bytes, capsys):
    server.route(SYMBOL, "pdf", Reply(body=pdf_bytes))
    assert main(["fetch", SYMBOL, "--no-add", "--interval", "0"]) == 0
    assert cli_env.adds == [] and json.loads(capsys.readouterr().out)["format"] == "pdf"


def test_cli_needs_a_symbol(cli_env, capsys):
    assert main(["fetch"]) == 1
    assert "give at least one document SYMBOL" in capsys.readouterr().err


def test_cli_fetch_into_the_real_library(monkeypatch, server, home, capsys):
    """End to end with the real library (test embedder): fetched, added with meta, then listed."""
    api = pytest.importorskip("precedent.search.api")
    from fake_embedder import SPEC, HashEmbedder

    monkeypatch.setenv("PRECEDENT_ODS_URL", server.base_url)
    monkeypatch.setenv("PRECEDENT_HOME", str(home))
    # the real path: fetch and catalogue open the library
    monkeypatch.setenv("PRECEDENT_MODEL", SPEC)
    server.route("A/RES/70/1", "pdf", Reply(body=make_pdf("A/RES/70/1")))
    assert main(["fetch", "A/RES/70/1", "--interval", "0"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["status"] == "added" and added["paragraphs"] > 0
    (doc,) = [d for d in api.Library.open(embedder=HashEmbedder()).documents()
              if d["symbol"] == "A/RES/70/1"]
    assert doc["date"] == "2015-09-25" and doc["meta"]["sha256"] == added["sha256"]
    assert main(["catalogue"]) == 0
    rows = {r["symbol"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["A/RES/70/1"]["present"] is True and rows["A/RES/71/1"]["present"] is False


# -- the catalogue ------------------------------------------------------------------------


def test_catalogue_data():
    entries = load_catalogue()
    symbols = [e["symbol"] for e in entries]
    assert symbols == ["A/RES/73/195", "A/RES/73/326", "A/RES/76/266", "A/RES/71/1", "A/RES/70/1",
                       "A/79/590", "A/76/642", "A/73/12 (Part II)"]
    for e in entries:
        assert set(e) == {"symbol", "title", "short_title", "date", "year",
                          "why"} and e["title"] and e["why"]
        assert 0 < len(e["short_title"]) <= 40
        assert e["date"] == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"])
        assert not e["date"] or e["year"] == e["date"][:4]
    by = {e["symbol"]: e for e in entries}
    assert by["A/RES/73/195"]["date"] == "2018-12-19" and "N + 16" in by["A/RES/73/195"]["why"]
    assert by["A/79/590"]["date"] == "" and by["A/76/642"]["date"] == ""


def test_catalogue_lists_presence(monkeypatch, capsys):
    lib = StubLibrary([{"doc_id": "gcm", "symbol": "A/RES/73/195"},
                       {"doc_id": "gcr", "symbol": "A/73/12(PART II)"},
                       {"doc_id": "draft", "symbol": ""}])
    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library", lambda args: lib)
    assert main(["catalogue"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    present = {r["symbol"]: (r["present"], r["doc_id"]) for r in rows}
    assert present["A/RES/73/195"] == (True, "gcm") and present["A/73/12 (Part II)"] == (True,
                                                                                         "gcr")
    assert present["A/RES/70/1"] == (False, None) and len(rows) == 8
    assert main(["catalogue", "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("IN LIBRARY") and lines[1].split()[:3] == ["yes", "(gcm)",
                                                                          "A/RES/73/195"]
    assert lines[-1].startswith("2 of 8 catalogue texts in the library")


def test_catalogue_without_a_library(monkeypatch, capsys):
    def fail(args):
        raise ModuleNotFoundError("No module named 'precedent.search.api'")

    monkeypatch.setattr("precedent.ui.cmd_fetch._open_library", fail)
    assert main(["catalogue"]) == 0
    out, err = capsys.readouterr()
    assert all(json.loads(line)["present"] is None for line in out.splitlines())
    assert "presence not shown" in err


# -- the real service (off by default) ----------------------------------------------------


@pytest.mark.network
def test_real_ods_fetch(tmp_path):
    rec = Fetcher(home=tmp_path,
                  base_url="https://documents.un.org/api/symbol/access").fetch("A/RES/73/195")
    data = Path(rec.path).read_bytes()
    assert rec.format in ("docx", "pdf", "doc") and sniff_download(data) in ("docx", "pdf")
    assert rec.sha256 == hashlib.sha256(Path(rec.original_path).read_bytes()).hexdigest()
