"""The ordinary changes take one module: a new input format is an edit of ``ingest/readers.py``
alone, a new search filter an edit of ``search/filters.py`` alone. Each test copies the package
beside the repository, makes the edit in that one file (nothing else changes), and checks in a
fresh interpreter that every layer shows it: the command line, the Python API, the page, the
answer's wording, the draft comparison and fetch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "index", "search", "ui", "corpus")


def _tree_with(tmp_path: Path, rel: str, edit) -> Path:
    """A ``precedent`` package in ``tmp_path``: the repository's packages, with ``rel`` (a file
    of one of them) replaced by ``edit(its text)``. Returns the folder to put on the path."""
    root = tmp_path / "tree"
    pkg = root / "precedent"
    pkg.mkdir(parents=True)
    edited = Path(rel)
    for name in PACKAGES:
        if name == edited.parts[0]:
            shutil.copytree(REPO / name, pkg / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (pkg / name).symlink_to(REPO / name, target_is_directory=True)
    target = pkg / edited
    before = target.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before
    target.write_text(after, encoding="utf-8")
    return root


def _run(root: Path, tmp_path: Path, code: str) -> str:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root), str(REPO / "tests")]),
               PRECEDENT_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


HTML_READER = '''
def read_html(path: Path, data: bytes) -> SourceText:
    """A web page: the text of its paragraphs, one block each."""
    import html
    import re

    text = decode_text(path, data)
    text = re.sub(r"(?is)<(script|style)\\b.*?</\\1>", "", text)
    blocks = [html.unescape(re.sub(r"<[^>]+>", "", b)).strip()
              for b in re.split(r"(?i)</(?:p|h[1-6]|div|li)>|<br\\s*/?>", text)]
    return SourceText(pages=["\\n\\n".join(b for b in blocks if b)])


'''
HTML_FORMAT = '    InputFormat("html", "HTML", (".html", ".htm"), read=read_html),\n'


def _add_html_format(text: str) -> str:
    text = text.replace("FORMATS = (\n", HTML_READER + "FORMATS = (\n", 1)
    return text.replace("                plain=True),\n)\n",
                        "                plain=True),\n" + HTML_FORMAT + ")\n", 1)


def test_a_new_input_format_is_one_module(tmp_path):
    root = _tree_with(tmp_path, "ingest/readers.py", _add_html_format)
    page = tmp_path / "statement.html"
    page.write_text("<html><body><h1>Statement</h1><p>1. We commit to count every missing "
                    "lighthouse keeper.</p><p>2. We decide to meet again.</p></body></html>",
                    encoding="utf-8")
    out = _run(root, tmp_path, f"""
        import precedent.ingest.readers as readers
        assert "{REPO}" not in readers.__file__, readers.__file__  # the edited copy is read
        from fake_embedder import HashEmbedder
        from precedent.index.fetch.ods import SUFFIX
        from precedent.ingest.readers import UPLOAD_SUFFIXES, named_kinds
        from precedent.search import Library
        from precedent.search.compare import read_draft
        from precedent.ui.cli import build_parser

        assert ".html" in UPLOAD_SUFFIXES and "HTML" in named_kinds()
        assert SUFFIX["html"] == ".html"
        said = " ".join(build_parser().format_help().split())
        assert "add documents (PDF, DOCX, TXT, MD or HTML files" in said, said
        draft = read_draft({str(page)!r})
        assert [p.number for p in draft] == ["1", "2"], draft
        lib = Library.open(embedder=HashEmbedder())
        lib.add({str(page)!r})
        hit = lib.search("missing lighthouse keeper").hits[0]
        print(hit.record.citation, "|", hit.record.text)
    """)
    assert "para. 1 | We commit to count every missing lighthouse keeper." in out


NUMBER_FILTER = '''    Filter("number", "paragraph number", "number", lambda values, facets: tuple(
               str(v) for v in values), lambda want, t: lambda v: v in want,
           lambda t: sorted({n for n in t.values["number"] if n}, key=lambda n: (len(n), n)),
           cli=dict(action="append", help="only paragraphs of this number"),
           widget=Widget("dropdown", "Paragraph number", "pc-number", "numbers", place=5)),
)
KEYS = '''


def _add_number_filter(text: str) -> str:
    return text.replace(")\nKEYS = ", "\n" + NUMBER_FILTER, 1)


def test_a_new_search_filter_is_one_module(tmp_path):
    root = _tree_with(tmp_path, "search/filters.py", _add_number_filter)
    out = _run(root, tmp_path, f"""
        import precedent.search.filters as filters
        assert "{REPO}" not in filters.__file__, filters.__file__
        from fake_embedder import HashEmbedder
        from precedent.search import Library
        from precedent.ui import render
        from precedent.ui.app import build_app
        from precedent.ui.cli import build_parser
        from precedent.ui.cmd_search import _filters
        from precedent.ui.handlers_search import SearchHandlers

        lib = Library.open(embedder=HashEmbedder())
        assert "5" in lib.facets()["number"]
        answer = lib.search("migrants", number="5")
        assert answer.hits and {{h.record.number for h in answer.hits}} == {{"5"}}
        assert answer.filters == {{"number": ["5"]}}
        args = build_parser().parse_args(["search", "migrants", "--number", "5"])
        assert _filters(args) == {{"number": ["5"]}}
        assert render.describe_filters({{"number": ["5"]}}, {{}}) == "paragraph number: 5"
        assert SearchHandlers.filters(numbers=["5"]) == {{"number": ["5"]}}
        ids = {{getattr(c, "elem_id", None) for c in build_app(lib).blocks.values()}}
        assert "pc-number" in ids
        print("shown everywhere:", len(answer.hits), "hits")
    """)
    assert "shown everywhere:" in out


@pytest.mark.parametrize("rel, edit", [("ingest/readers.py", _add_html_format),
                                       ("search/filters.py", _add_number_filter)])
def test_the_edits_apply_to_the_modules_as_they_are(rel, edit):
    """The edits above find their places in today's modules (a guard on the tests themselves)."""
    text = (REPO / rel).read_text(encoding="utf-8")
    assert edit(text) != text
