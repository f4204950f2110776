"""Figures of issue #19: DOCX element bombs (``precedent parse`` and the page), and what a moved or
copied data directory keeps.

    python benchmarks/bench_hardening.py [parse] [page] [moved] [--elements 10000000]

parse: writes two DOCX element bombs under the size caps (``word/document.xml`` holding
  ``--elements`` empty ``<w:p/>``; and four such parts: document, styles, numbering, footnotes)
  and runs ``precedent parse`` on each; prints the child's peak RSS, time and last message.
page: in a child process, as the page does (``ui.handlers.Handlers``, the tests' hash embedder),
  uploads a bomb while two "Compare a draft" files (the same bomb) are compared at once, for
  each of the two bombs; prints the child's peak RSS and its RSS once all three are answered.
moved: adds three documents to a data directory, moves it (``mv``) and adds a fourth, copies it
  and adds a fifth to the copy, then makes each re-parse (as a parser change does); prints the
  added documents each keeps.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = {"word/document.xml": ("document", "body"), "word/styles.xml": ("styles", None),
         "word/numbering.xml": ("numbering", None), "word/footnotes.xml": ("footnotes", "footnote")}
RELS = ('<?xml version="1.0"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="r1" Type="http://x/styles" Target="styles.xml"/><Relationship Id="r2" '
        'Type="http://x/numbering" Target="numbering.xml"/><Relationship Id="r3" '
        'Type="http://x/footnotes" Target="footnotes.xml"/></Relationships>')


def write_element_bomb(path: Path, elements: int, parts: int = 1) -> Path:
    """A DOCX whose first ``parts`` parts (document, styles, numbering, footnotes) each hold
    ``elements`` empty ``<w:p/>``: about 6 bytes each inflated, a thousand to one compressed."""
    chunk = b"<w:p/>" * 100_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        if parts > 1:
            zf.writestr("word/_rels/document.xml.rels", RELS)
        for name, (root, inner) in list(PARTS.items())[:parts]:
            with zf.open(name, "w", force_zip64=True) as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W}">'.encode())
                if inner:
                    f.write(f'<w:{inner} w:id="1">'.encode() if inner == "footnote"
                            else f"<w:{inner}>".encode())
                    if name == "word/document.xml":
                        f.write(b"<w:p><w:r><w:t>1. We commit to cooperation.</w:t></w:r></w:p>")
                for _ in range(elements // 100_000):
                    f.write(chunk)
                f.write(b"<w:p/>" * (elements % 100_000))
                if inner:
                    f.write(f"</w:{inner}>".encode())
                f.write(f"</w:{root}>".encode())
    return path


def peak_of(argv: list[str], env: dict | None = None) -> tuple[float, float, int, list[str]]:
    """Run ``argv`` and return (its peak RSS MB, seconds, exit code, output lines)."""
    t = time.monotonic()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.monotonic() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (usage.ru_maxrss / 1024, took, proc.returncode,
            output.decode(errors="replace").strip().splitlines())


def bench_parse(args, work: Path) -> None:
    for parts in (1, 4):
        path = write_element_bomb(work / f"elements-{parts}.docx", args.elements, parts)
        peak, took, code, lines = peak_of([sys.executable, "-m", "precedent.ui.cli", "parse",
                                           str(path)])
        print(f"parse: {parts} part(s) of {args.elements:,} empty paragraphs "
              f"({path.stat().st_size / 1e3:.0f} KB DOCX): peak RSS {peak:.0f} MB, {took:.1f} s, "
              f"exit {code}; {lines[-1][:160] if lines else ''}")


PAGE_CHILD = textwrap.dedent("""
    import sys, threading, time
    sys.path.insert(0, {tests!r})
    from fake_embedder import HashEmbedder
    from precedent.search import Library
    from precedent.ui.handlers import Handlers
    from pathlib import Path

    def rss():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    lib = Library.open({home!r}, embedder=HashEmbedder())
    h = Handlers(lib, {downloads!r})
    print(f"ready: RSS {{rss():.0f}} MB", flush=True)
    said = {{}}
    def upload():
        said["upload"] = h.library.upload({bomb!r}, "bomb.docx").message
    def compare(i):
        said[f"compare {{i}}"] = h.compare.run("", {bomb!r}).html
    threads = [threading.Thread(target=upload)] + [threading.Thread(target=compare, args=(i,)) for \
i in (1, 2)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    import re
    for k, v in said.items():
        print(k, ":", re.sub("<[^>]+>", "", v)[:140], flush=True)
    print(f"answered in {{time.monotonic() - t:.1f}} s; RSS after {{rss():.0f}} MB", flush=True)
""")


def bench_page(args, work: Path) -> None:
    for parts in (1, 4):
        bomb = write_element_bomb(work / f"page-bomb-{parts}.docx", args.elements, parts)
        script = PAGE_CHILD.format(tests=str(TESTS), home=str(work / f"page-home-{parts}"),
                                   downloads=str(work / f"downloads-{parts}"), bomb=str(bomb))
        peak, took, code, lines = peak_of([sys.executable, "-c", script])
        for line in lines[-6:]:
            print(f"  {line}")
        print(f"page: one upload and two compare files of the {parts}-part bomb at once: peak RSS "
              f"{peak:.0f} MB, {took:.1f} s in all, exit {code}")


MOVED_CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {tests!r})
    from fake_embedder import HashEmbedder
    from precedent.index import LibraryIndex, store
    from pathlib import Path

    home, action, arg = Path(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""
    lib = LibraryIndex(home, embedder=HashEmbedder())
    if action == "add":
        lib.add(arg)
    elif action == "reparse":  # what a parser change does: the next open parses every source again
        manifest = store.current_index_dir(home) / "manifest.json"
        m = json.loads(manifest.read_text())
        m["parser"] = "an-older-parser"
        manifest.write_text(json.dumps(m))
        r = lib.open()
        print("  reparse:", r.message[:300])
    lib.open()
    added = sorted(d for d, s in lib.data.sources.items() if not s.get("shipped"))
    print(json.dumps(added))
""")


def bench_moved(args, work: Path) -> None:
    script = work / "moved_child.py"
    script.write_text(MOVED_CHILD.format(tests=str(TESTS)), encoding="utf-8")
    docs = work / "docs"
    docs.mkdir()
    for i, topic in enumerate(("wells", "ferries", "kilns", "beacons", "orchards")):
        (docs / f"{topic}.txt").write_text("\n\n".join(f"{j}. We commit to {topic} along route {j} "
                                                       f"{i}."
                                                       for j in range(1, 4)) + "\n",
                                           encoding="utf-8")

    def run(home: Path, *argv: str) -> list[str]:
        out = subprocess.run([sys.executable, str(script), str(home), *argv], cwd=ROOT,
                             capture_output=True, text=True)
        lines = out.stdout.strip().splitlines()
        for line in lines[:-1]:
            print(line)
        return (__import__("json").loads(lines[-1]) if out.returncode == 0
                else [f"failed: {out.stderr[-300:]}"])

    first = work / "home-first"
    for topic in ("wells", "ferries", "kilns"):
        run(first, "add", str(docs / f"{topic}.txt"))
    moved = work / "home-moved"
    shutil.move(first, moved)
    after_add = run(moved, "add", str(docs / "beacons.txt"))
    copied = work / "home-copied"
    shutil.copytree(moved, copied)
    after_copy_add = run(copied, "add", str(docs / "orchards.txt"))
    kept_moved = run(moved, "reparse")
    kept_copied = run(copied, "reparse")
    print(f"moved: after mv and one add, {len(after_add)} added documents listed {after_add}; "
          f"after re-parsing, {len(kept_moved)} of 4 kept {kept_moved}")
    print(f"copied: after cp -r and one add, {len(after_copy_add)} listed; after re-parsing, "
          f"{len(kept_copied)} of 5 kept {kept_copied}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", nargs="*", choices=["parse", "page", "moved", []], default=[])
    ap.add_argument("--elements", type=int, default=10_000_000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-hardening-"))
    print(f"work folder {work}")
    try:
        for name in args.what or ["moved", "parse", "page"]:
            {"parse": bench_parse, "page": bench_page, "moved": bench_moved}[name](args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
