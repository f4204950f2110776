"""Robustness figures of issue #11: server memory over many requests, a search's wait during a
large upload, peak memory on a DOCX decompression bomb.

    python benchmarks/bench_robustness.py [memory] [upload] [bomb] [--model fake-hash]
                                          [--requests 2000] [--paragraphs 3000] [--bomb-mb 1200]

memory: starts ``precedent serve`` on 127.0.0.1 (a fresh data directory, its own Gradio temp
  folder), sends ``--requests`` questions to the page's ``/ask`` endpoint, each as a new session
  (as API clients do), and reads the server's RSS from /proc; also counts the files left in
  Gradio's temp folder.
upload: in one process, as the page does, adds a ``--paragraphs`` document through
  ``ui.handlers.Handlers.upload`` in one thread while another asks a question every 0.2 s;
  prints the longest and median wait of those questions and how long the upload took.
bomb: writes a DOCX whose ``word/document.xml`` inflates to ``--bomb-mb`` MB (runs of 1 MiB of
  text) and runs ``precedent parse`` on it; prints the child's peak RSS, time and message.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import free_port, rss_mb  # noqa: E402  (benchmarks/serving.py)

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ("What did States commit to on child detention?", "search and rescue cooperation",
             '"regardless of their migration status"', "remittances", "return and readmission",
             "alternatives to detention", "smuggling of migrants", "labour migration pathways")


def files_under(folder: Path) -> tuple[int, int, float]:
    """(files, folders, MB) under ``folder``."""
    n_files = n_dirs = size = 0
    for _root, dirs, files in os.walk(folder):
        n_dirs += len(dirs)
        for name in files:
            n_files += 1
            try:
                size += os.path.getsize(os.path.join(_root, name))
            except OSError:
                pass
    return n_files, n_dirs, size / 1e6


def bench_memory(args, work: Path) -> None:
    import httpx

    port = free_port()
    gradio_tmp = work / "gradio-tmp"
    gradio_tmp.mkdir()
    env = dict(os.environ, PRECEDENT_HOME=str(work / "home-serve"), PYTHONUNBUFFERED="1",
               GRADIO_TEMP_DIR=str(gradio_tmp))
    model = ["--model", args.model] if args.model else []
    log = open(work / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", "serve", "--port", str(port),
                             *model],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        t0 = time.monotonic()
        while True:
            if proc.poll() is not None:
                print((work / "serve.log").read_text()[-2000:], file=sys.stderr)
                return
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() - t0 > 300:
                print("server did not start in 300 s", file=sys.stderr)
                return
            time.sleep(0.5)
        url = f"http://127.0.0.1:{port}/gradio_api/run/ask"
        print(f"memory: server up in {time.monotonic() - t0:.1f} s, RSS {rss_mb(proc.pid):.0f} MB")
        failures = 0
        with httpx.Client(timeout=60) as client:
            t1 = time.monotonic()
            for i in range(1, args.requests + 1):
                # each answer (and download) differs
                question = f"{QUESTIONS[i % len(QUESTIONS)]} {i}"
                body = {"data": [question, None, [], [], [], [], 8],
                        "session_hash": uuid.uuid4().hex[:11]}
                r = client.post(url, json=body)
                failures += r.status_code != 200
                if i in (1, 10) or i % max(1, args.requests // 8) == 0:
                    n_files, n_dirs, mb = files_under(gradio_tmp)
                    print(f"  after {i:5d} requests: RSS {rss_mb(proc.pid):7.0f} MB; Gradio temp "
                          f"folder: {n_files} files, {n_dirs} folders, {mb:.1f} MB")
            took = time.monotonic() - t1
        print(f"memory: {args.requests} requests in {took:.0f} s ({failures} failed); "
              f"final RSS {rss_mb(proc.pid):.0f} MB")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def big_text(n: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    words = ("migrants cooperation borders lanterns harbour caravans orchards ferries beacons "
             "granaries terraces looms kilns quays meadows archives ledgers bridges wells "
             "rights").split()
    return "\n\n".join(f"{i}. We commit to {' '.join(rng.choice(words) for _ in range(25))}."
                       for i in range(1, n + 1)) + "\n"


def bench_upload(args, work: Path) -> None:
    from precedent.search import Library
    from precedent.ui.handlers import Handlers

    lib = Library.open(work / "home-upload", model=args.model or None)
    h = Handlers(lib, work / "downloads")
    h.search.ask("warm up", [])
    path = work / "large-upload.txt"
    path.write_text(big_text(args.paragraphs), encoding="utf-8")
    done = threading.Event()
    took: dict[str, float] = {}

    def upload() -> None:
        t = time.monotonic()
        reply = h.library.upload(str(path), "large-upload.txt")
        took["upload"] = time.monotonic() - t
        took["ok"] = reply.ok
        done.set()

    waits = []
    thread = threading.Thread(target=upload)
    thread.start()
    i = 0
    while not done.is_set():
        time.sleep(0.2)
        t = time.monotonic()
        h.search.ask(QUESTIONS[i % len(QUESTIONS)], [])
        waits.append(time.monotonic() - t)
        i += 1
    thread.join()
    print(f"upload: {args.paragraphs} paragraphs added in {took['upload']:.1f} s "
          f"(ok={took['ok']}); {len(waits)} searches meanwhile, longest wait {max(waits):.2f} s, "
          f"median {statistics.median(waits):.3f} s")


def write_bomb(path: Path, inflated_mb: int) -> None:
    run = "<w:r><w:t>" + "a" * (1 << 20) + "</w:t></w:r>"
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            for _ in range(inflated_mb):
                f.write(run.encode())
            f.write(b"</w:p></w:body></w:document>")


def bench_bomb(args, work: Path) -> None:
    path = work / "bomb.docx"
    write_bomb(path, args.bomb_mb)
    t = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "precedent.ui.cli", "parse", str(path)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.monotonic() - t
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    print(f"bomb: {path.stat().st_size / 1e6:.1f} MB DOCX inflating to {args.bomb_mb} MB: peak RSS "
          f"{usage.ru_maxrss / 1024:.0f} MB, {took:.1f} s, exit "
          f"{os.waitstatus_to_exitcode(status)}; {err[-1] if err else '(no message)'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", nargs="*", choices=["memory", "upload", "bomb", []], default=[])
    ap.add_argument("--model", default=None,
                    help="embedding model (default: the bundled one; fake-hash: fast)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--paragraphs", type=int, default=3000)
    ap.add_argument("--bomb-mb", type=int, default=1200)
    args = ap.parse_args()
    what = args.what or ["bomb", "upload", "memory"]
    work = Path(tempfile.mkdtemp(prefix="bench-robustness-"))
    print(f"work folder {work}")
    for name in what:
        {"memory": bench_memory, "upload": bench_upload, "bomb": bench_bomb}[name](args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
